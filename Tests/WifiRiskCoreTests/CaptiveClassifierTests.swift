import Testing
import WifiRiskCore

@Suite struct CaptiveClassifierTests {
  static let probe = ProbeURL(scheme: .http, host: "probe.example", target: "/generate_204")
  static let expect204 = ProbeExpectation(status: 204)
  static let expectSuccess = ProbeExpectation(status: 200, body: Array("success\n".utf8))

  static func reply(_ text: String) -> ProbeOutcome {
    switch HTTPResponseParser.parse(Array(text.utf8)) {
    case .success(let response): .response(response)
    case .failure(let error): .malformed(error)
    }
  }

  static func classify(_ outcome: ProbeOutcome, _ expectation: ProbeExpectation = expect204)
    -> PortalVerdict
  {
    PortalClassifier.classify(outcome, expecting: expectation, probeURL: probe)
  }

  @Test func theExpected204IsOnline() {
    let verdict = Self.classify(Self.reply("HTTP/1.1 204 No Content\r\n\r\n"))
    #expect(verdict.state == .online)
    #expect(verdict.httpStatus == 204)
    #expect(verdict.portalURL == nil)
  }

  @Test func aRedirectIsCaptiveWithThePortalFromLocation() {
    let verdict = Self.classify(
      Self.reply("HTTP/1.1 302 Found\r\nLocation: /login?orig=x\r\nContent-Length: 0\r\n\r\n"))
    #expect(verdict.state == .captive)
    #expect(verdict.portalURL == "http://probe.example/login?orig=x")
    #expect(verdict.httpStatus == 302)
  }

  @Test func aRedirectWithoutLocationIsStillCaptive() {
    let verdict = Self.classify(Self.reply("HTTP/1.1 307 Temporary Redirect\r\n\r\n"))
    #expect(verdict.state == .captive)
    #expect(verdict.portalURL == nil)
  }

  @Test func networkAuthenticationRequiredIsCaptive() {
    let page =
      "<html><head><meta http-equiv=\"refresh\" content=\"0; url=https://login.example/p?a=1\">"
      + "</head></html>"
    let verdict = Self.classify(
      Self.reply(
        "HTTP/1.1 511 Network Authentication Required\r\nContent-Length: \(page.utf8.count)\r\n\r\n"
          + page))
    #expect(verdict.state == .captive)
    #expect(verdict.httpStatus == 511)
    #expect(verdict.portalURL == "https://login.example/p?a=1")
  }

  @Test func aLoginPageInPlaceOf204IsCaptive() {
    let verdict = Self.classify(
      Self.reply("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<form>Sign in</form>"))
    #expect(verdict.state == .captive)
    #expect(verdict.httpStatus == 200)
  }

  @Test func anEmpty200InPlaceOf204IsUnknown() {
    let verdict = Self.classify(Self.reply("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
    #expect(verdict.state == .unknown)
  }

  @Test func theExactExpectedBodyIsOnlineAndAnyOtherIsCaptive() {
    let online = Self.classify(
      Self.reply("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nsuccess\n"), Self.expectSuccess)
    #expect(online.state == .online)
    let trimmed = Self.classify(
      Self.reply("HTTP/1.1 200 OK\r\n\r\n  success"), Self.expectSuccess)
    #expect(trimmed.state == .online)
    let other = Self.classify(
      Self.reply("HTTP/1.1 200 OK\r\n\r\n<html>Welcome</html>"), Self.expectSuccess)
    #expect(other.state == .captive)
    let cut = Self.classify(
      Self.reply("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nsucc"), Self.expectSuccess)
    #expect(cut.state == .unknown)
  }

  @Test(arguments: [
    ProbeFailure.dnsFailure("Name or service not known"), .connectionRefused,
    .timedOut(stage: "connecting"), .unreachable("Network is unreachable"),
  ])
  func nothingAnsweringIsNoInternet(_ failure: ProbeFailure) {
    let verdict = Self.classify(.failure(failure))
    #expect(verdict.state == .noInternet)
    #expect(verdict.httpStatus == nil)
    #expect(verdict.reason == failure.description)
  }

  @Test func aProbeThatCouldNotBeMadeIsUnknown() {
    #expect(Self.classify(.failure(.local("cannot open a socket"))).state == .unknown)
  }

  @Test func otherAnswersAreUnknown() {
    #expect(Self.classify(Self.reply("HTTP/1.1 503 Busy\r\n\r\n")).state == .unknown)
    #expect(Self.classify(Self.reply("HTTP/1.1 304 Not Modified\r\n\r\n")).state == .unknown)
    #expect(Self.classify(Self.reply("SSH-2.0-x\r\n")).state == .unknown)
  }

  @Test func theFirstDecisiveProbeWins() {
    let none = PortalVerdict(state: .noInternet, reason: "a")
    let unknown = PortalVerdict(state: .unknown, reason: "b")
    let captive = PortalVerdict(state: .captive, reason: "c")
    #expect(PortalClassifier.combine([none, unknown, captive]) == captive)
    #expect(PortalClassifier.combine([none, unknown]) == unknown)
    #expect(PortalClassifier.combine([none, none]) == none)
    #expect(PortalClassifier.combine([]) == nil)
  }
}
