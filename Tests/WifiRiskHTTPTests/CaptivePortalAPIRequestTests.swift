import TestSupport
import Testing
import WifiRiskCore
import WifiRiskHTTP

/// The RFC 8908 request against a real HTTPS server on 127.0.0.1 whose certificate comes from
/// an authority made for this run.
@Suite struct CaptivePortalAPIRequestTests {
  static func fetch(_ uri: String, timeout: Double = 3) throws -> Result<
    CaptivePortalAPIStatus, CaptivePortalAPIRequest.Problem
  > {
    CaptivePortalAPIRequest.fetch(
      uri: uri, timeout: timeout, userAgent: "wifirisk/test", caFile: try HTTPSServers.get().caFile)
  }

  static func problem(_ result: Result<CaptivePortalAPIStatus, CaptivePortalAPIRequest.Problem>)
    -> String
  {
    switch result {
    case .failure(let problem): return problem.message
    case .success(let status):
      Issue.record("expected a problem, got \(status)")
      return ""
    }
  }

  @Test func theAPISaysCaptive() throws {
    let servers = try HTTPSServers.get()
    let status = try Self.fetch(servers.https("/api/captive").description).get()
    #expect(status.captive)
    #expect(status.userPortalURL == "https://127.0.0.1:\(servers.httpsPort)/login")
    #expect(status.venueInfoURL == "https://127.0.0.1:\(servers.httpsPort)/venue")
    #expect(status.secondsRemaining == 600)
    #expect(status.canExtendSession == false)
    #expect(status.ignored.isEmpty)
  }

  @Test func theAPISaysOpen() throws {
    let servers = try HTTPSServers.get()
    #expect(try Self.fetch(servers.https("/api/open").description).get().captive == false)
  }

  @Test func plainHTTPIsAskedOnThisMachineOnly() throws {
    let servers = try HTTPSServers.get()
    #expect(try Self.fetch(servers.http("/api/captive").description).get().captive)
    #expect(
      Self.problem(try Self.fetch("http://192.0.2.1/api"))
        == "RFC 8908 requires https; not fetched over plain http")
  }

  @Test(arguments: ["ftp://portal.example/api", "portal.example/api", "https://a b/"])
  func whatIsNotAnHTTPURLIsNotFetched(_ uri: String) throws {
    #expect(Self.problem(try Self.fetch(uri)) == "not an absolute https:// URL; not fetched")
  }

  @Test func aRedirectIsRefusedAndSaysWhere() throws {
    let servers = try HTTPSServers.get()
    #expect(
      Self.problem(try Self.fetch(servers.https("/api/redirect").description))
        == "answered HTTP 302, a redirect to https://127.0.0.1:\(servers.httpsPort)/api/captive, "
        + "not followed")
  }

  @Test func anotherStatusIsRefused() throws {
    let servers = try HTTPSServers.get()
    #expect(
      Self.problem(try Self.fetch(servers.https("/api/missing").description))
        == "answered HTTP 404")
  }

  @Test func aCertificateFromAnUnknownAuthorityIsRefused() throws {
    let servers = try HTTPSServers.get()
    let uri = servers.https("/api/captive", port: servers.roguePort).description
    #expect(Self.problem(try Self.fetch(uri)).lowercased().contains("certificate"))
  }

  @Test func anAnswerThatIsNotJSONIsSaidToBeSo() throws {
    let servers = try HTTPSServers.get()
    #expect(
      Self.problem(try Self.fetch(servers.https("/api/not-json").description)).hasPrefix(
        "not JSON: "))
  }

  @Test func aHugeAnswerIsRefused() throws {
    let servers = try HTTPSServers.get()
    #expect(
      Self.problem(try Self.fetch(servers.https("/api/huge").description))
        == "the answer is larger than 65536 bytes")
  }

  @Test func aSilentServerIsGivenUpOnInTime() throws {
    let servers = try HTTPSServers.get()
    let clock = ContinuousClock()
    let start = clock.now
    let uri = servers.https("/api/captive", port: servers.silentPort).description
    let message = Self.problem(try Self.fetch(uri, timeout: 0.7))
    #expect(clock.now - start < .seconds(3))
    #expect(
      message.hasPrefix(
        "no answer within 0.7 s (the TLS handshake with 127.0.0.1:\(servers.silentPort)): "))
  }
}
