import Foundation
import Glibc
import TestSupport
import Testing
import WifiRiskCore
import WifiRiskHTTP

/// The GET against real servers on 127.0.0.1 (`https_servers.py`): HTTPS with a certificate
/// authority made for this run, a rogue authority, a silent port, a closed port.
@Suite struct HTTPClientTests {
  struct UnexpectedReply: Error {
    var status: Int
  }

  static func get(
    _ url: ProbeURL, trustTestCA: Bool = true, connectTimeout: Duration = .seconds(3),
    timeout: Duration = .seconds(3), maximumBodyBytes: Int = 65536,
    headers: [HTTPHeader] = [], addresses: [String]? = nil, source: HTTPSource? = nil
  ) throws -> Result<HTTPReply, HTTPFailure> {
    let servers = try HTTPSServers.get()
    return HTTPClient.get(
      HTTPRequest(
        url: url, source: source, connectTimeout: connectTimeout, timeout: timeout,
        maximumBodyBytes: maximumBodyBytes, headers: headers,
        caFile: trustTestCA ? servers.caFile : nil, addresses: addresses))
  }

  static func reply(_ result: Result<HTTPReply, HTTPFailure>) throws -> HTTPReply {
    switch result {
    case .success(let reply): return reply
    case .failure(let failure):
      Issue.record("expected a reply, got \(failure)")
      throw failure
    }
  }

  static func failure(_ result: Result<HTTPReply, HTTPFailure>) throws -> HTTPFailure {
    switch result {
    case .failure(let failure): return failure
    case .success(let reply):
      Issue.record("expected a failure, got HTTP \(reply.status)")
      throw UnexpectedReply(status: reply.status)
    }
  }

  @Test func libcurlIsLoadedFromOneOfTheDebianSonames() throws {
    try CurlLibrary.load().get()
    let name = try #require(CurlLibrary.loadedName)
    #expect(CurlLibrary.sonames.contains(name))
    #expect(CurlLibrary.version?.hasPrefix("libcurl/") == true)
  }

  @Test func aJSONBodyOverHTTPSWithTheTestAuthority() throws {
    let servers = try HTTPSServers.get()
    let reply = try Self.reply(Self.get(servers.https("/json")))
    #expect(reply.status == 200)
    #expect(reply.response.version == "HTTP/1.1")
    #expect(reply.response.header("content-type") == "application/json")
    #expect(reply.response.bodyComplete)
    #expect(String(decoding: reply.body, as: UTF8.self) == #"{"answer": 42, "path": "/json"}"#)
    guard case .object(let members) = try JSONParser.parse(reply.body) else {
      Issue.record("not a JSON object")
      return
    }
    #expect(members["answer"] == .integer(42))
    #expect(reply.connection.peerAddress == "127.0.0.1")
    #expect(reply.connection.peerPort == servers.httpsPort)
  }

  @Test func aCertificateFromAnUnknownAuthorityIsRefused() throws {
    let servers = try HTTPSServers.get()
    let url = servers.https("/json", port: servers.roguePort)
    let failure = try Self.failure(Self.get(url))
    #expect(failure.kind == .certificate)
    #expect(failure.description.hasPrefix("GET \(url): "))
    #expect(failure.detail.lowercased().contains("certificate"))
    #expect(!failure.description.contains("\n"))
  }

  @Test func certificatesAreCheckedAgainstTheSystemsAuthoritiesByDefault() throws {
    let servers = try HTTPSServers.get()
    let failure = try Self.failure(Self.get(servers.https("/json"), trustTestCA: false))
    #expect(failure.kind == .certificate)
  }

  @Test func aCertificateForAnotherNameIsRefused() throws {
    let servers = try HTTPSServers.get()
    let url = ProbeURL(
      scheme: .https, host: "portal.example.net", port: servers.httpsPort, target: "/json")
    let failure = try Self.failure(Self.get(url, addresses: ["127.0.0.1"]))
    #expect(failure.kind == .certificate)
  }

  @Test func aNameTheCertificateCarriesIsAccepted() throws {
    let servers = try HTTPSServers.get()
    let url = ProbeURL(scheme: .https, host: "localhost", port: servers.httpsPort, target: "/json")
    let reply = try Self.reply(Self.get(url, addresses: ["127.0.0.1"]))
    #expect(reply.status == 200)
  }

  @Test(arguments: [false, true])
  func aRedirectIsReportedAndNotFollowed(_ secure: Bool) throws {
    let servers = try HTTPSServers.get()
    let url = secure ? servers.https("/redirect") : servers.http("/redirect")
    let reply = try Self.reply(Self.get(url))
    #expect(reply.status == 302)
    #expect(reply.location == "\(secure ? "https" : "http")://127.0.0.1:\(url.port)/json")
    #expect(reply.body.isEmpty)
  }

  @Test(arguments: [false, true])
  func aBodyOverTheLimitIsRefused(_ secure: Bool) throws {
    let servers = try HTTPSServers.get()
    let url = secure ? servers.https("/big") : servers.http("/big")
    let failure = try Self.failure(Self.get(url, maximumBodyBytes: 4096))
    #expect(failure.kind == .bodyTooLarge)
    #expect(failure.detail == "the body is longer than 4096 bytes; refused")
    let partial = try #require(failure.partial)
    #expect(partial.status == 200)
    #expect(partial.body.count == 4096)
    #expect(!partial.response.bodyComplete)
  }

  @Test func aBodyOfExactlyTheLimitIsAcceptedAndOneByteLessIsNot() throws {
    let servers = try HTTPSServers.get()
    let exact = try Self.reply(Self.get(servers.https("/json"), maximumBodyBytes: 31))
    #expect(exact.body.count == 31)
    let short = try Self.failure(Self.get(servers.https("/json"), maximumBodyBytes: 30))
    #expect(short.kind == .bodyTooLarge)
  }

  @Test func headersOverTheirLimitAreRefused() throws {
    let servers = try HTTPSServers.get()
    let failure = try Self.failure(Self.get(servers.http("/many-headers")))
    #expect(failure.kind == .headersTooLarge)
  }

  @Test func aSilentServerTimesOutWithinTheConnectLimit() throws {
    let servers = try HTTPSServers.get()
    let clock = ContinuousClock()
    let start = clock.now
    let failure = try Self.failure(
      Self.get(
        servers.https("/json", port: servers.silentPort), connectTimeout: .milliseconds(700),
        timeout: .seconds(20)))
    let elapsed = clock.now - start
    #expect(
      failure.kind == .timedOut(stage: "the TLS handshake with 127.0.0.1:\(servers.silentPort)"))
    #expect(elapsed < .seconds(3))
  }

  @Test func aSilentServerTimesOutWithinTheTotalLimit() throws {
    let servers = try HTTPSServers.get()
    let clock = ContinuousClock()
    let start = clock.now
    let url = ProbeURL(scheme: .http, host: "127.0.0.1", port: servers.silentPort)
    let failure = try Self.failure(Self.get(url, timeout: .milliseconds(700)))
    #expect(clock.now - start < .seconds(3))
    #expect(failure.kind == .timedOut(stage: "waiting for the reply"))
    #expect(failure.partial == nil)
  }

  @Test func aBodyThatStopsComingTimesOutWithWhatCame() throws {
    let servers = try HTTPSServers.get()
    let failure = try Self.failure(
      // Long enough for the handshake and the headers on a busy machine; the server then
      // waits 10 s.
      Self.get(servers.https("/slow-body"), timeout: .seconds(2)))
    #expect(failure.kind == .timedOut(stage: "reading the body"))
    let partial = try #require(failure.partial)
    #expect(partial.body == Array("<html>".utf8))
    #expect(!partial.response.bodyComplete)
  }

  @Test func exactlyTheGivenHeadersAreSent() throws {
    let servers = try HTTPSServers.get()
    let reply = try Self.reply(
      Self.get(
        servers.http("/echo?x=1"),
        headers: [
          HTTPHeader(name: "Accept", value: "application/captive+json"),
          HTTPHeader(name: "User-Agent", value: "wifirisk/test"),
        ]))
    #expect(
      String(decoding: reply.body, as: UTF8.self)
        == "GET /echo?x=1 HTTP/1.1\r\nHost: 127.0.0.1:\(servers.httpPort)\r\n"
        + "Accept: application/captive+json\r\nUser-Agent: wifirisk/test\r\n"
        + "Connection: close\r\n\r\n")
  }

  @Test func withoutHeadersOnlyHostAndConnectionAreSent() throws {
    let servers = try HTTPSServers.get()
    let reply = try Self.reply(Self.get(servers.https("/echo")))
    #expect(
      String(decoding: reply.body, as: UTF8.self)
        == "GET /echo HTTP/1.1\r\nHost: 127.0.0.1:\(servers.httpsPort)\r\n"
        + "Connection: close\r\n\r\n")
  }

  @Test(arguments: [
    HTTPHeader(name: "User-Agent", value: "x\r\nCookie: a=b"),
    HTTPHeader(name: "Bad Name", value: "x"), HTTPHeader(name: "", value: "x"),
  ])
  func headersThatCouldSmuggleLinesAreRefusedBeforeSending(_ header: HTTPHeader) throws {
    let servers = try HTTPSServers.get()
    let failure = try Self.failure(Self.get(servers.http("/echo"), headers: [header]))
    #expect(failure.kind == .invalidRequest)
    #expect(failure.connection.peerAddress == nil)
  }

  @Test func aClosedPortRefusesTheConnection() throws {
    let servers = try HTTPSServers.get()
    let url = ProbeURL(scheme: .http, host: "127.0.0.1", port: servers.closedPort)
    #expect(try Self.failure(Self.get(url)).kind == .connectionRefused)
  }

  @Test func bytesThatAreNotHTTPAreSaidToBeSo() throws {
    let servers = try HTTPSServers.get()
    #expect(try Self.failure(Self.get(servers.http("/garbage"))).kind == .notHTTP)
  }

  @Test func aConnectionClosedEarlyKeepsWhatCame() throws {
    let servers = try HTTPSServers.get()
    let failure = try Self.failure(Self.get(servers.http("/close-early")))
    #expect(failure.kind == .closed)
    let partial = try #require(failure.partial)
    #expect(partial.body == Array("0123456789".utf8))
    #expect(!partial.response.bodyComplete)
  }

  @Test func aChunkedBodyArrivesWithoutItsFraming() throws {
    let servers = try HTTPSServers.get()
    let chunked = try Self.reply(Self.get(servers.https("/chunked-page")))
    let plain = try Self.reply(Self.get(servers.https("/login-page")))
    #expect(chunked.response.header("Transfer-Encoding") == "chunked")
    #expect(chunked.body == plain.body)
    #expect(chunked.body.count > 100)
  }

  @Test func theRequestLeavesFromTheInterface() throws {
    let servers = try HTTPSServers.get()
    let reply = try Self.reply(Self.get(servers.http("/json"), source: .interface("lo")))
    #expect(reply.status == 200)
    #expect(reply.connection.localAddress == "127.0.0.1")
    #expect(reply.connection.family == AF_INET)
    // Bound to the device itself, unless the kernel wants a privilege this process lacks.
    let binding = try #require(reply.connection.deviceBinding)
    #expect(binding == 0 || (geteuid() != 0 && (binding == EPERM || binding == EACCES)))
  }

  @Test func theRequestLeavesFromTheAddress() throws {
    let servers = try HTTPSServers.get()
    let reply = try Self.reply(Self.get(servers.http("/json"), source: .address("127.0.0.1")))
    #expect(reply.connection.localAddress == "127.0.0.1")
    #expect(reply.connection.deviceBinding == nil)
  }

  @Test func aMissingInterfaceIsNamed() throws {
    let servers = try HTTPSServers.get()
    let failure = try Self.failure(
      Self.get(servers.http("/json"), source: .interface("nosuchif0")))
    #expect(failure.kind == .source)
    #expect(failure.detail.contains("nosuchif0"))
  }

  @Test func noTimeLeftSendsNothing() throws {
    let servers = try HTTPSServers.get()
    let failure = try Self.failure(Self.get(servers.http("/json"), timeout: .zero))
    guard case .timedOut = failure.kind else {
      Issue.record("expected a timeout, got \(failure)")
      return
    }
    #expect(failure.connection.peerAddress == nil)
  }
}
