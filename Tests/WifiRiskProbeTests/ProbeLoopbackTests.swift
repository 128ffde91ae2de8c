import Foundation
import Glibc
import TestSupport
import Testing
import WifiRiskCore
import WifiRiskProbe

/// The probe against a real HTTP server on 127.0.0.1, sent from the loopback interface as
/// it would be from the Wi-Fi interface. Every case is one path of `portal_server.py`.
@Suite struct ProbeLoopbackTests {
  static let expect204 = ProbeExpectation(status: 204)

  static func server() throws -> PortalServer {
    try PortalServer.shared.get()
  }

  static func probe(
    _ url: ProbeURL, interface: String? = "lo", timeout: Duration = .seconds(3),
    resolver: ProbeResolver = .system
  ) -> HTTPProbeResult {
    HTTPProbe.run(
      HTTPProbeRequest(
        url: url, interface: interface, timeout: timeout, userAgent: "wifirisk/test",
        resolver: resolver))
  }

  static func verdict(
    _ path: String, _ expectation: ProbeExpectation = expect204, timeout: Duration = .seconds(3)
  ) throws -> PortalVerdict {
    let url = try server().url(path)
    let result = probe(url, timeout: timeout)
    return PortalClassifier.classify(result.outcome, expecting: expectation, probeURL: url)
  }

  @Test func onlineWhenThe204Comes() throws {
    let verdict = try Self.verdict("/generate_204")
    #expect(verdict.state == .online)
    #expect(verdict.httpStatus == 204)
  }

  @Test func onlineWhenTheExactBodyComes() throws {
    let expectation = ProbeExpectation(status: 200, body: Array("success\n".utf8))
    #expect(try Self.verdict("/success.txt", expectation).state == .online)
  }

  @Test func captiveOnARedirectWhichIsNotFollowed() throws {
    let server = try Self.server()
    let verdict = try Self.verdict("/redirect")
    #expect(verdict.state == .captive)
    #expect(verdict.httpStatus == 302)
    #expect(verdict.portalURL == "http://127.0.0.1:\(server.port)/login?from=probe")
  }

  @Test func captiveOn511() throws {
    let server = try Self.server()
    let verdict = try Self.verdict("/511")
    #expect(verdict.state == .captive)
    #expect(verdict.httpStatus == 511)
    #expect(verdict.portalURL == "http://127.0.0.1:\(server.port)/login")
  }

  @Test(arguments: ["/login-page", "/chunked-page"])
  func captiveOnALoginPageInPlaceOf204(_ path: String) throws {
    let verdict = try Self.verdict(path)
    #expect(verdict.state == .captive)
    #expect(verdict.httpStatus == 200)
  }

  @Test func noInternetWhenTheServerIsSilent() throws {
    let clock = ContinuousClock()
    let start = clock.now
    let verdict = try Self.verdict("/slow", timeout: .milliseconds(700))
    let elapsed = clock.now - start
    #expect(verdict.state == .noInternet)
    #expect(verdict.reason.contains("waiting for the reply"))
    // Bounded by the deadline, not by the server's 10 s.
    #expect(elapsed < .seconds(4))
  }

  @Test func aBodyCutShortByTheDeadlineIsNotTakenForAPortalsPage() throws {
    let expectation = ProbeExpectation(status: 200, body: Array("success\n".utf8))
    let verdict = try Self.verdict("/slow-body", expectation, timeout: .milliseconds(700))
    #expect(verdict.state == .unknown)
  }

  @Test func noInternetWhenTheConnectionIsRefused() throws {
    let server = try Self.server()
    let url = ProbeURL(scheme: .http, host: "127.0.0.1", port: server.closedPort)
    let result = Self.probe(url)
    #expect(result.outcome == .failure(.connectionRefused))
    let verdict = PortalClassifier.classify(
      result.outcome, expecting: Self.expect204, probeURL: url)
    #expect(verdict.state == .noInternet)
  }

  @Test func noInternetWhenTheNameDoesNotResolve() throws {
    let failing = ProbeResolver { _, _ in .failure(.dnsFailure("Name or service not known")) }
    let url = ProbeURL(scheme: .http, host: "probe.invalid", target: "/generate_204")
    let result = Self.probe(url, resolver: failing)
    #expect(result.outcome == .failure(.dnsFailure("Name or service not known")))
  }

  @Test func aHangingResolverIsAbandonedAtTheDeadline() {
    let hanging = ProbeResolver { _, _ in
      Thread.sleep(forTimeInterval: 5)
      return .failure(.dnsFailure("late"))
    }
    let clock = ContinuousClock()
    let start = clock.now
    let result = Self.probe(
      ProbeURL(scheme: .http, host: "probe.example"), timeout: .milliseconds(300),
      resolver: hanging)
    #expect(clock.now - start < .seconds(2))
    guard case .failure(.timedOut(let stage)) = result.outcome else {
      Issue.record("expected a timeout, got \(result.outcome)")
      return
    }
    #expect(stage.contains("resolving"))
  }

  @Test func namesResolveThroughTheSystemResolver() throws {
    // localhost comes from /etc/hosts: no query leaves the machine. It may give ::1 first,
    // where nothing listens; the probe then tries 127.0.0.1.
    let server = try Self.server()
    let url = ProbeURL(scheme: .http, host: "localhost", port: server.port, target: "/generate_204")
    let result = Self.probe(url)
    guard case .response(let response) = result.outcome else {
      Issue.record("no response: \(result.outcome)")
      return
    }
    #expect(response.status == 204)
  }

  @Test func unknownWhenTheReplyIsNotHTTP() throws {
    let verdict = try Self.verdict("/garbage")
    #expect(verdict.state == .unknown)
  }

  @Test func readingStopsAtTheSizeCap() throws {
    let result = Self.probe(try Self.server().url("/huge"))
    guard case .response(let response) = result.outcome else {
      Issue.record("no response: \(result.outcome)")
      return
    }
    #expect(response.status == 200)
    #expect(response.body.count < 65536)
    #expect(!response.bodyComplete)
  }

  @Test func sendsExactlyTheDocumentedRequest() throws {
    let server = try Self.server()
    let url = server.url("/echo?x=1")
    let request = HTTPProbeRequest(url: url, interface: "lo", userAgent: "wifirisk/0.1.0")
    #expect(
      String(decoding: request.requestBytes, as: UTF8.self)
        == "GET /echo?x=1 HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n"
        + "User-Agent: wifirisk/0.1.0\r\nConnection: close\r\n\r\n")
    let result = HTTPProbe.run(request)
    guard case .response(let response) = result.outcome else {
      Issue.record("no response: \(result.outcome)")
      return
    }
    #expect(
      String(decoding: response.body, as: UTF8.self)
        == "GET /echo?x=1 HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n"
        + "User-Agent: wifirisk/0.1.0\r\nConnection: close\r\n\r\n")
  }

  /// As root the socket is bound to the interface itself (some kernels allow that without
  /// privilege too); when the kernel refuses, the probe falls back to the interface's
  /// address and says so.
  @Test func theSocketIsTiedToTheInterface() throws {
    let result = Self.probe(try Self.server().url("/generate_204"))
    switch result.binding {
    case .device(let name):
      #expect(name == "lo")
      #expect(result.notes.isEmpty)
    case .sourceAddress(let address):
      #expect(geteuid() != 0)
      #expect(address == "127.0.0.1")
      #expect(result.notes.contains { $0.contains("CAP_NET_RAW") })
    case .none:
      Issue.record("not tied to lo")
    }
    #expect(result.peer?.address == "127.0.0.1")
  }

  @Test func theSourceAddressFallbackWorksAndIsNoted() throws {
    let result = HTTPProbe.run(
      HTTPProbeRequest(
        url: try Self.server().url("/generate_204"), interface: "lo", timeout: .seconds(3),
        userAgent: "wifirisk/test", tie: .addressOnly))
    #expect(result.binding == .sourceAddress("127.0.0.1"))
    #expect(result.notes.count == 1)
    #expect(result.notes.first?.contains("sent from lo's address 127.0.0.1") == true)
    guard case .response(let response) = result.outcome else {
      Issue.record("no response: \(result.outcome)")
      return
    }
    #expect(response.status == 204)
  }

  @Test func anInterfaceWithoutAnAddressOfTheFamilyIsUnreachable() throws {
    // Without SO_BINDTODEVICE, an interface with no address cannot be the source.
    let url = try Self.server().url("/generate_204")
    let result = HTTPProbe.run(
      HTTPProbeRequest(
        url: url, interface: "nosuchif0", timeout: .seconds(1), userAgent: "wifirisk/test",
        tie: .addressOnly))
    #expect(result.outcome == .failure(.unreachable("nosuchif0 has no IPv4 address")))
  }

  @Test func aMissingInterfaceIsALocalProblemNotANetworkOne() throws {
    let url = try Self.server().url("/generate_204")
    let result = Self.probe(url, interface: "nosuchif0")
    let verdict = PortalClassifier.classify(
      result.outcome, expecting: Self.expect204, probeURL: url)
    if geteuid() == 0 {
      #expect(result.outcome == .failure(.local("there is no interface named nosuchif0")))
      #expect(verdict.state == .unknown)
    } else {
      #expect(verdict.state != .online)
    }
  }

  @Test func httpsIsNeverProbed() {
    let result = Self.probe(ProbeURL(scheme: .https, host: "127.0.0.1"))
    guard case .failure(.local) = result.outcome else {
      Issue.record("expected a local failure, got \(result.outcome)")
      return
    }
  }

  @Test func interfaceAddressesAreRead() {
    #expect(InterfaceAddresses.of("lo").contains { $0.address == "127.0.0.1" })
    #expect(InterfaceAddresses.index(of: "lo") != nil)
    #expect(InterfaceAddresses.index(of: "nosuchif0") == nil)
  }
}
