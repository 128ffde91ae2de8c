import Dispatch
import Glibc
import TestSupport
import Testing
import WifiRiskCore
import WifiRiskHTTP

/// The connectivity probe over libcurl against a real HTTP server on 127.0.0.1, sent from the
/// loopback interface as it would be from the Wi-Fi interface, and judged by Core's
/// classifier: the same cases as the probe over hand-written sockets.
@Suite struct HTTPProbeTests {
  static let expect204 = ProbeExpectation(status: 204)

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
    let url = try HTTPSServers.get().http(path)
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
    let servers = try HTTPSServers.get()
    let verdict = try Self.verdict("/portal-redirect")
    #expect(verdict.state == .captive)
    #expect(verdict.httpStatus == 302)
    #expect(verdict.portalURL == "http://127.0.0.1:\(servers.httpPort)/login?from=probe")
  }

  @Test func captiveOn511() throws {
    let servers = try HTTPSServers.get()
    let verdict = try Self.verdict("/511")
    #expect(verdict.state == .captive)
    #expect(verdict.httpStatus == 511)
    #expect(verdict.portalURL == "http://127.0.0.1:\(servers.httpPort)/login")
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
    let servers = try HTTPSServers.get()
    let url = ProbeURL(scheme: .http, host: "127.0.0.1", port: servers.closedPort)
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
      let never = DispatchSemaphore(value: 0)
      _ = never.wait(timeout: .now() + .seconds(5))
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

  @Test func addressesFromTheCallersResolverAreTheOnesConnectedTo() throws {
    let servers = try HTTPSServers.get()
    let resolver = ProbeResolver { _, port in
      .success([SocketAddress.literal("127.0.0.1", port: port)].compactMap { $0 })
    }
    let url = ProbeURL(
      scheme: .http, host: "connectivity.example", port: servers.httpPort, target: "/echo")
    let result = Self.probe(url, resolver: resolver)
    guard case .response(let response) = result.outcome else {
      Issue.record("no response: \(result.outcome)")
      return
    }
    #expect(result.peer?.address == "127.0.0.1")
    // The Host header still names the host of the URL.
    #expect(
      String(decoding: response.body, as: UTF8.self).contains(
        "Host: connectivity.example:\(servers.httpPort)\r\n"))
  }

  @Test func namesResolveThroughTheSystemResolver() throws {
    // localhost comes from /etc/hosts: no query leaves the machine. It may give ::1 first,
    // where nothing listens; the probe then tries 127.0.0.1.
    let servers = try HTTPSServers.get()
    let url = ProbeURL(
      scheme: .http, host: "localhost", port: servers.httpPort, target: "/generate_204")
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
    let result = Self.probe(try HTTPSServers.get().http("/big"))
    guard case .response(let response) = result.outcome else {
      Issue.record("no response: \(result.outcome)")
      return
    }
    #expect(response.status == 200)
    #expect(response.body.count == 65536)
    #expect(!response.bodyComplete)
  }

  @Test func headersBeyondTheCapAreNotHTTP() throws {
    let url = try HTTPSServers.get().http("/many-headers")
    let result = HTTPProbe.run(
      HTTPProbeRequest(
        url: url, interface: "lo", userAgent: "wifirisk/test", maximumReplyBytes: 8192))
    guard case .malformed(let error) = result.outcome else {
      Issue.record("expected malformed, got \(result.outcome)")
      return
    }
    #expect(error.message == "the headers never ended within 8192 bytes")
  }

  @Test func sendsExactlyTheDocumentedRequest() throws {
    let servers = try HTTPSServers.get()
    let url = servers.http("/echo?x=1")
    let request = HTTPProbeRequest(url: url, interface: "lo", userAgent: "wifirisk/0.1.0")
    let documented =
      "GET /echo?x=1 HTTP/1.1\r\nHost: 127.0.0.1:\(servers.httpPort)\r\n"
      + "User-Agent: wifirisk/0.1.0\r\nConnection: close\r\n\r\n"
    #expect(String(decoding: request.requestBytes, as: UTF8.self) == documented)
    let result = HTTPProbe.run(request)
    guard case .response(let response) = result.outcome else {
      Issue.record("no response: \(result.outcome)")
      return
    }
    #expect(String(decoding: response.body, as: UTF8.self) == documented)
  }

  /// As root the socket is bound to the interface itself (some kernels allow that without
  /// privilege too); when the kernel refuses, the probe falls back to the interface's
  /// address and says so.
  @Test func theSocketIsTiedToTheInterface() throws {
    let result = Self.probe(try HTTPSServers.get().http("/generate_204"))
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
        url: try HTTPSServers.get().http("/generate_204"), interface: "lo",
        timeout: .seconds(3), userAgent: "wifirisk/test", tie: .addressOnly))
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
    let url = try HTTPSServers.get().http("/generate_204")
    let result = HTTPProbe.run(
      HTTPProbeRequest(
        url: url, interface: "nosuchif0", timeout: .seconds(1), userAgent: "wifirisk/test",
        tie: .addressOnly))
    #expect(result.outcome == .failure(.unreachable("nosuchif0 has no IPv4 address")))
  }

  @Test func aMissingInterfaceIsALocalProblemNotANetworkOne() throws {
    let url = try HTTPSServers.get().http("/generate_204")
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
