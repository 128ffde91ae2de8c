import Testing
import WifiRiskCore

@Suite struct PortalAPITests {
  @Test func readsEveryRFC8908Member() throws {
    let json = """
      {"captive": true, "user-portal-url": "https://example.org/portal.html",
       "venue-info-url": "https://flight.example.com/entertainment",
       "seconds-remaining": 326, "bytes-remaining": 65536.5, "can-extend-session": true,
       "vendor-extension": {"x": 1}}
      """
    let status = try CaptivePortalAPIStatus.parse(Array(json.utf8))
    #expect(status.captive)
    #expect(status.userPortalURL == "https://example.org/portal.html")
    #expect(status.venueInfoURL == "https://flight.example.com/entertainment")
    #expect(status.secondsRemaining == 326)
    #expect(status.bytesRemaining == 65536.5)
    #expect(status.canExtendSession == true)
    #expect(status.ignored.isEmpty)
    #expect(
      status.json
        == .object([
          "captive": .bool(true), "user_portal_url": .string("https://example.org/portal.html"),
          "venue_info_url": .string("https://flight.example.com/entertainment"),
          "seconds_remaining": .integer(326), "bytes_remaining": .number(65536.5),
          "can_extend_session": .bool(true),
        ]))
  }

  @Test func onlyCaptiveIsRequired() throws {
    let status = try CaptivePortalAPIStatus.parse(Array(#"{"captive": false}"#.utf8))
    #expect(!status.captive)
    #expect(status.userPortalURL == nil)
    #expect(status.json["seconds_remaining"] == .null)
  }

  @Test func wrongTypesOfOptionalMembersAreNamedAndIgnored() throws {
    let json =
      #"{"captive": true, "user-portal-url": 5, "seconds-remaining": "soon", "can-extend-session": "yes"}"#
    let status = try CaptivePortalAPIStatus.parse(Array(json.utf8))
    #expect(status.userPortalURL == nil)
    #expect(
      status.ignored.sorted() == ["can-extend-session", "seconds-remaining", "user-portal-url"])
  }

  @Test(arguments: [
    ("", "not JSON"), ("[]", "not an object"), ("{}", "\"captive\" is missing"),
    (#"{"captive": "true"}"#, "not a boolean"), ("<html>", "not JSON"),
  ])
  func refusesAnswersWithoutABooleanCaptive(_ text: String, _ fragment: String) {
    #expect {
      try CaptivePortalAPIStatus.parse(Array(text.utf8))
    } throws: { error in
      (error as? CaptivePortalAPIError)?.message.contains(fragment) == true
    }
  }
}

@Suite struct PortalReportTests {
  static let captive = PortalVerdict(
    state: .captive, portalURL: "http://192.0.2.1/login", httpStatus: 302, reason: "redirect")
  static let online = PortalVerdict(state: .online, httpStatus: 204, reason: "as expected")

  @Test func theProbeDecidesAndNotesAnUnencryptedPortal() {
    let report = PortalReport.combine(
      probe: Self.captive, probeURL: "http://probe/", api: nil, leaseAPIURI: nil)
    #expect(report.state == .captive)
    #expect(report.portalURL == "http://192.0.2.1/login")
    #expect(report.notes.contains { $0.contains("not served over https") })
    #expect(report.advice(open: true).hasPrefix("Sign in through the portal"))
    #expect(report.advice(open: true).contains("use a VPN"))
    #expect(report.advice(open: true).contains("others nearby can read"))
  }

  @Test func anAPIThatSaysCaptiveOverridesAnOnlineProbe() {
    let api = CaptivePortalAPIStatus(captive: true, userPortalURL: "https://portal.example/")
    let report = PortalReport.combine(
      probe: Self.online, probeURL: "http://probe/", api: api,
      leaseAPIURI: "https://portal.example/api")
    #expect(report.state == .captive)
    #expect(report.portalURL == "https://portal.example/")
    #expect(report.json["api"]?["captive"] == .bool(true))
    #expect(report.json["lease_api_uri"] == .string("https://portal.example/api"))
  }

  @Test func anAPIThatSaysOpenDoesNotHideAnInterceptedProbe() {
    let report = PortalReport.combine(
      probe: Self.captive, probeURL: nil, api: CaptivePortalAPIStatus(captive: false),
      leaseAPIURI: nil)
    #expect(report.state == .captive)
    #expect(report.notes.contains { $0.contains("API says the session is open") })
  }

  @Test func withoutAProbeTheStateIsNotProbed() {
    let report = PortalReport.combine(
      probe: nil, probeURL: nil, api: nil, leaseAPIURI: CaptivePortalURI.unrestricted)
    #expect(report.state == .notProbed)
    #expect(report.notes.contains { $0.contains("no captive portal (RFC 8910)") })
    #expect(
      report.json
        == .object([
          "state": .string("not-probed"), "portal_url": .null, "probe_url": .null,
          "http_status": .null, "api": .null,
          "lease_api_uri": .string("urn:ietf:params:capport:unrestricted"),
          "notes": .array([
            .string("the DHCP lease says this network has no captive portal (RFC 8910)")
          ]),
        ]))
  }

  @Test func everyStateHasAdvice() {
    for state in PortalState.allCases {
      for open in [true, false] {
        #expect(!PortalReport(state: state).advice(open: open).isEmpty)
      }
    }
  }
}

@Suite struct ProbeSettingsTests {
  static func parse(_ table: [String: ProfileValue]) -> (ProbeLayer, [ProfileError]) {
    ProbeLayer.parse(.table(table))
  }

  @Test func theDefaultsAreGoogles204Endpoint() {
    let settings = ProbeSettings.defaults
    #expect(settings.enabled)
    #expect(
      settings.urls.map(\.description) == ["http://connectivitycheck.gstatic.com/generate_204"])
    #expect(settings.expectation == ProbeExpectation(status: 204))
    #expect(settings.timeoutSeconds == 5)
  }

  @Test func readsEveryKey() {
    let (layer, errors) = Self.parse([
      "enabled": .bool(true), "urls": .array([.string("http://detectportal.example/success.txt")]),
      "expect_status": .integer(200), "expect_body": .string("success\n"),
      "timeout_seconds": .float(2.5),
    ])
    #expect(errors.isEmpty)
    let settings = ProbeLayer.resolve([layer])
    #expect(settings.urls.map(\.host) == ["detectportal.example"])
    #expect(settings.expectation == ProbeExpectation(status: 200, body: Array("success\n".utf8)))
    #expect(settings.timeoutSeconds == 2.5)
  }

  @Test func laterLayersOverrideOnlyWhatTheyName() {
    let (base, _) = Self.parse(["timeout_seconds": .integer(3)])
    let (top, _) = Self.parse(["enabled": .bool(false)])
    let settings = ProbeLayer.resolve([base, top])
    #expect(!settings.enabled)
    #expect(settings.timeoutSeconds == 3)
    #expect(settings.urls == ProbeSettings.defaultURLs)
  }

  @Test func problemsAreNamedByKeyPath() {
    let (_, errors) = Self.parse([
      "enable": .bool(true), "urls": .array([.string("https://x.example/"), .integer(1)]),
      "expect_status": .integer(999), "timeout_seconds": .integer(0),
      "expect_body": .bool(false),
    ])
    let paths = errors.map(\.path.description).sorted()
    #expect(
      paths == [
        "probe.enable", "probe.expect_body", "probe.expect_status", "probe.timeout_seconds",
        "probe.urls[0]", "probe.urls[1]",
      ])
    #expect(ProbeLayer.parse(.bool(true)).1.map(\.path.description) == ["probe"])
    #expect(Self.parse(["urls": .array([])]).1.first?.message.contains("enabled = false") == true)
  }
}
