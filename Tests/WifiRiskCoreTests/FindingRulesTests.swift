import Testing

@testable import WifiRiskCore

@Suite struct FindingRulesTests {
  static let both = RSNCaps.mfpr | RSNCaps.mfpc
  static let allIDs = [
    "open-network", "wep", "wpa1", "tkip", "pmf-missing", "wps-enabled", "transition-mode",
    "compatibility-mode", "owe-transition", "factory-ssid", "device-network", "6ghz-not-wpa3",
    "hidden-ssid", "public-network",
    "portal-signalled",
    "beacon-probe-mismatch", "malformed-elements", "unknown-security",
  ]

  static func severity(_ id: String, _ assessment: NetworkAssessment) -> Severity? {
    assessment.findings.first { $0.id == id }?.severity
  }

  @Test func findingIDsAreTheContract() {
    #expect(FindingRules.all.map(\.id) == Self.allIDs)
    for id in Self.allIDs {
      let rule = FindingRules.rule(id: id)
      #expect(rule?.summary.isEmpty == false)
      #expect(rule?.advice.isEmpty == false)
    }
    #expect(FindingRules.rule(id: "no-such-finding") == nil)
  }

  @Test func cleanWPA3NetworkRaisesNothing() {
    let assessment = Net.assess(Net.cleanWPA3)
    #expect(assessment.security == .wpa3Personal)
    #expect(assessment.pmf == .required)
    #expect(assessment.findings.isEmpty)
    #expect(assessment.risk == .low)
    #expect(assessment.anomalies.isEmpty)
    #expect(!assessment.hidden)
    #expect(assessment.ssid == Array("home".utf8))
  }

  @Test(arguments: allIDs)
  func noFindingOnACleanWPA3NetworkSeenTwice(_ id: String) {
    // The same elements in the beacon and the probe response: nothing to raise.
    let assessment = Net.assess(Net.cleanWPA3, beacon: Net.cleanWPA3)
    #expect(Self.severity(id, assessment) == nil)
  }

  /// A network that must raise `id` at `severity`.
  struct Fires: Sendable, CustomTestStringConvertible {
    var id: String
    var severity: Severity
    var why: String
    var ies: [UInt8]
    var privacy = true
    var beacon: [UInt8]? = nil
    var evidence: String? = nil
    var frequency: Int? = 2437
    var testDescription: String { "\(id) \(severity.rawValue): \(why)" }
  }

  static let ssid = IE.ssid("net")

  static let fires: [Fires] = [
    Fires(id: "open-network", severity: .high, why: "open", ies: ssid, privacy: false),
    Fires(id: "wep", severity: .high, why: "Privacy bit, no RSN", ies: ssid),
    Fires(
      id: "wep", severity: .high, why: "WEP group cipher under RSN",
      ies: IE.list(ssid, IE.rsn(group: CipherSuite.wep104))),
    Fires(
      id: "wep", severity: .high, why: "WEP pairwise cipher under WPA",
      ies: IE.list(ssid, IE.wpa(group: CipherSuite.wpa(1), pairwise: [CipherSuite.wpa(1)]))),
    Fires(id: "wpa1", severity: .high, why: "WPA only", ies: IE.list(ssid, IE.wpa())),
    Fires(
      id: "wpa1", severity: .medium, why: "WPA beside WPA2",
      ies: IE.list(ssid, IE.rsn(), IE.wpa(pairwise: [CipherSuite.wpa(4)]))),
    Fires(
      id: "tkip", severity: .medium, why: "TKIP pairwise",
      ies: IE.list(ssid, IE.rsn(pairwise: [CipherSuite.ccmp, CipherSuite.tkip]))),
    Fires(
      id: "tkip", severity: .medium, why: "TKIP group only",
      ies: IE.list(ssid, IE.rsn(group: CipherSuite.tkip))),
    Fires(
      id: "tkip", severity: .high, why: "WPA defaults to TKIP, the only cipher",
      ies: IE.list(ssid, IE.wpa(group: nil)), evidence: "TKIP is the only pairwise cipher"),
    Fires(
      id: "tkip", severity: .high, why: "WPA and RSN elements both TKIP only",
      ies: IE.list(
        ssid, IE.rsn(group: CipherSuite.tkip, pairwise: [CipherSuite.tkip]), IE.wpa()),
      evidence: "TKIP is the only pairwise cipher"),
    Fires(
      id: "tkip", severity: .high, why: "pairwise \"use group\" with a TKIP group cipher",
      ies: IE.list(ssid, IE.rsn(group: CipherSuite.tkip, pairwise: [CipherSuite.useGroup])),
      evidence: "TKIP is the only pairwise cipher"),
    Fires(
      id: "open-network", severity: .high, why: "RSN element without the Privacy bit",
      ies: IE.list(ssid, IE.rsn(akms: [AKMSuite.ieee8021x])), privacy: false),
    Fires(
      id: "open-network", severity: .high, why: "RSN element whose ciphers are none",
      ies: IE.list(
        ssid, IE.rsn(group: CipherSuite.useGroup, pairwise: [CipherSuite.useGroup]))),
    Fires(
      id: "open-network", severity: .high, why: "truncated RSN without Privacy",
      ies: IE.lying(48, length: 9, [1, 0]), privacy: false),
    Fires(id: "pmf-missing", severity: .low, why: "WPA2 without PMF", ies: IE.list(ssid, IE.rsn())),
    Fires(
      id: "pmf-missing", severity: .low, why: "WPA2/WPA3 without PMF",
      ies: IE.list(ssid, IE.rsn(akms: [AKMSuite.psk, AKMSuite.sae]))),
    Fires(
      id: "pmf-missing", severity: .medium, why: "WPA3 with PMF only capable",
      ies: IE.list(ssid, IE.rsn(akms: [AKMSuite.sae], caps: RSNCaps.mfpc))),
    Fires(
      id: "pmf-missing", severity: .medium, why: "OWE without PMF",
      ies: IE.list(ssid, IE.rsn(akms: [AKMSuite.owe]))),
    Fires(
      id: "wps-enabled", severity: .medium, why: "configured and not locked",
      ies: IE.list(
        ssid, IE.rsn(), IE.wps(IE.WPS.version(), IE.WPS.state(2), IE.WPS.configMethods(0x0108))),
      evidence: "state configured, PIN offered"),
    Fires(
      id: "wps-enabled", severity: .low, why: "configured and locked",
      ies: IE.list(
        ssid, IE.rsn(), IE.wps(IE.WPS.state(2), IE.WPS.apSetupLocked(true))),
      evidence: "state configured, AP setup locked"),
    Fires(
      id: "wps-enabled", severity: .medium, why: "unconfigured, even when locked",
      ies: IE.list(ssid, IE.rsn(), IE.wps(IE.WPS.state(1), IE.WPS.apSetupLocked(true))),
      evidence: "state unconfigured, AP setup locked"),
    Fires(
      id: "wps-enabled", severity: .medium, why: "only the beacon carries WPS",
      ies: IE.list(ssid, IE.rsn()),
      beacon: IE.list(ssid, IE.rsn(), IE.wps(IE.WPS.state(2)))),
    Fires(
      id: "factory-ssid", severity: .medium, why: "a Sky Hub's factory name under WPA2",
      ies: IE.list(IE.ssid("SKY12345"), IE.rsn()),
      evidence:
        "the name matches the factory name \"SKY#####[_5GHz]\" (Sky Hub): its factory key comes "
        + "from so few possibilities that one captured sign-in lets it be guessed"),
    Fires(
      id: "device-network", severity: .info, why: "a printer's Wi-Fi Direct group",
      ies: IE.list(IE.ssid("DIRECT-7q-HP OfficeJet"), IE.rsn()), evidence: "a Wi-Fi Direct group"),
    Fires(
      id: "6ghz-not-wpa3", severity: .medium, why: "WPA2 on 6 GHz",
      ies: IE.list(ssid, IE.rsn(caps: RSNCaps.mfpc), IE.heOperation6GHz(primary: 5)),
      evidence: "offers wpa2-personal; management frame protection not required",
      frequency: 5975),
    Fires(
      id: "transition-mode", severity: .low, why: "SAE and PSK",
      ies: IE.list(ssid, IE.rsn(akms: [AKMSuite.psk, AKMSuite.sae], caps: RSNCaps.mfpc))),
    Fires(
      id: "compatibility-mode", severity: .low, why: "WPA2 RSN without PMF, a WPA3 override",
      ies: IE.list(ssid, IE.rsn(), IE.rsnOverride()),
      evidence:
        "this device and others without RSN overriding join with WPA2-Personal: one captured "
        + "sign-in lets an attacker guess the password offline; without management frame "
        + "protection, anyone nearby can knock them off the network; devices with it use "
        + "WPA3-Personal (SAE, CCMP-128)"),
    Fires(
      id: "transition-mode", severity: .low, why: "WPA2 RSN with a WPA3 override",
      ies: IE.list(ssid, IE.rsn(caps: RSNCaps.mfpc), IE.rsnOverride())),
    Fires(
      id: "owe-transition", severity: .info, why: "open half of a pair",
      ies: IE.list(ssid, IE.oweTransition(bssid: [2, 0, 0, 0, 3, 1], ssid: "twin")),
      privacy: false, evidence: "twin 02:00:00:00:03:01"),
    Fires(
      id: "hidden-ssid", severity: .info, why: "empty SSID",
      ies: IE.list(IE.ssid(""), IE.rsn(akms: [AKMSuite.sae], caps: both))),
    Fires(
      id: "hidden-ssid", severity: .info, why: "SSID of NULs",
      ies: IE.list(IE.ssid(bytes: [0, 0, 0, 0]), IE.rsn(akms: [AKMSuite.sae], caps: both))),
    Fires(
      id: "hidden-ssid", severity: .info, why: "hidden beacon, named probe response",
      ies: Net.cleanWPA3,
      beacon: IE.list(
        IE.ssid(""), IE.rates(), IE.ds(6),
        IE.rsn(akms: [AKMSuite.sae], caps: both), IE.rsnx(h2e: true), IE.htCapabilities())),
    Fires(
      id: "public-network", severity: .medium, why: "open public hotspot",
      ies: IE.list(ssid, IE.interworking(ant: 3, venue: (2, 8))), privacy: false,
      evidence: "access network type free-public, venue 2/8"),
    Fires(
      id: "public-network", severity: .low, why: "encrypted chargeable public",
      ies: IE.list(ssid, IE.rsn(caps: RSNCaps.mfpc), IE.interworking(ant: 2)),
      evidence: "access network type chargeable-public"),
    Fires(
      id: "public-network", severity: .info, why: "Passpoint",
      ies: IE.list(
        ssid, IE.rsn(akms: [AKMSuite.ieee8021x], caps: RSNCaps.mfpc), IE.interworking(ant: 2),
        IE.hs20()),
      evidence: "access network type chargeable-public, Passpoint"),
    Fires(
      id: "public-network", severity: .medium, why: "emergency services, open",
      ies: IE.list(ssid, IE.interworking(ant: 5, esr: true)), privacy: false),
    Fires(
      id: "portal-signalled", severity: .medium, why: "open with ASRA",
      ies: IE.list(ssid, IE.interworking(ant: 0, asra: true)), privacy: false),
    Fires(
      id: "portal-signalled", severity: .low, why: "encrypted with ASRA",
      ies: IE.list(ssid, IE.rsn(caps: RSNCaps.mfpc), IE.interworking(ant: 1, asra: true))),
    Fires(
      id: "beacon-probe-mismatch", severity: .medium, why: "RSN differs",
      ies: IE.list(ssid, IE.rsn(caps: RSNCaps.mfpc)),
      beacon: IE.list(ssid, IE.rsn(akms: [AKMSuite.sae], caps: both)), evidence: "differs in RSN"),
    Fires(
      id: "beacon-probe-mismatch", severity: .medium, why: "WPA only in the probe response",
      ies: IE.list(ssid, IE.rsn(), IE.wpa()), beacon: IE.list(ssid, IE.rsn()),
      evidence: "differs in WPA"),
    Fires(
      id: "beacon-probe-mismatch", severity: .medium, why: "RSNX and override differ",
      ies: IE.list(ssid, IE.rsn(caps: RSNCaps.mfpc), IE.rsnOverride(), IE.rsnxOverride(h2e: true)),
      beacon: IE.list(ssid, IE.rsn(caps: RSNCaps.mfpc), IE.rsnx()),
      evidence: "differs in RSNX, RSN Override, RSNX Override"),
    Fires(
      id: "malformed-elements", severity: .low, why: "DS Parameter Set of 2 bytes",
      ies: IE.list(ssid, IE.element(3, [6, 6]), IE.rsn(akms: [AKMSuite.sae], caps: both)),
      evidence: "DS Parameter Set at byte 5: too-long: body of 2 bytes, expected 1"),
    Fires(
      id: "malformed-elements", severity: .medium, why: "RSN with a bad count",
      ies: IE.list(ssid, IE.rsn(akms: [])),
      evidence: "RSN at byte 19: bad-count: AKM count is 0"),
    Fires(
      id: "malformed-elements", severity: .medium, why: "anomaly only in the beacon",
      ies: IE.list(ssid, IE.rsn(caps: RSNCaps.mfpc)),
      beacon: IE.list(ssid, IE.rsn(caps: RSNCaps.mfpc), IE.wps(IE.WPS.state(9)))),
    Fires(
      id: "unknown-security", severity: .medium, why: "unknown AKM",
      ies: IE.list(ssid, IE.rsn(akms: [0x0011_2233]))),
  ]

  @Test(arguments: fires)
  func findingFires(_ expected: Fires) throws {
    // With the shipped data files, as the tool rates.
    let assessment = NetworkAssessment.assess(
      Net.record(
        expected.ies, privacy: expected.privacy, beacon: expected.beacon,
        frequency: expected.frequency),
      options: ShippedData.options)
    let finding = try #require(assessment.findings.first { $0.id == expected.id })
    #expect(finding.severity == expected.severity)
    if let evidence = expected.evidence { #expect(finding.evidence == evidence) }
    #expect(!finding.summary.isEmpty && !finding.advice.isEmpty)
  }

  @Test func everyFindingHasAFiringCase() {
    #expect(Set(Self.fires.map(\.id)) == Set(Self.allIDs))
  }

  /// Networks that must not raise `id`.
  struct Silent: Sendable, CustomTestStringConvertible {
    var id: String
    var why: String
    var ies: [UInt8]
    var privacy = true
    var beacon: [UInt8]? = nil
    var testDescription: String { "no \(id): \(why)" }
  }

  static let silent: [Silent] = [
    Silent(
      id: "beacon-probe-mismatch", why: "hidden beacon, named probe response",
      ies: IE.list(IE.ssid("named"), IE.ds(1), IE.rsn(caps: RSNCaps.mfpc)),
      beacon: IE.list(IE.ssid(""), IE.ds(1), IE.rsn(caps: RSNCaps.mfpc))),
    Silent(
      id: "beacon-probe-mismatch", why: "only non-security elements differ",
      ies: IE.list(IE.ssid("a"), IE.ds(1), IE.rsn(), IE.htCapabilities()),
      beacon: IE.list(IE.ssid("a"), IE.ds(1), IE.rsn(), IE.country("DE"))),
    Silent(id: "pmf-missing", why: "WPA2 with PMF capable", ies: IE.rsn(caps: RSNCaps.mfpc)),
    Silent(id: "pmf-missing", why: "open network", ies: IE.ssid("o"), privacy: false),
    Silent(id: "pmf-missing", why: "WPA only", ies: IE.wpa()),
    Silent(
      id: "public-network", why: "private network",
      ies: IE.list(IE.rsn(caps: RSNCaps.mfpc), IE.interworking(ant: 0, internet: true))),
    Silent(
      id: "public-network", why: "guest access is not public",
      ies: IE.list(IE.ssid("g"), IE.interworking(ant: 1)), privacy: false),
    Silent(
      id: "portal-signalled", why: "public without ASRA",
      ies: IE.list(IE.ssid("h"), IE.interworking(ant: 3, internet: true)), privacy: false),
    Silent(id: "wep", why: "open network", ies: IE.ssid("o"), privacy: false),
    Silent(id: "wep", why: "unknown, truncated RSN", ies: IE.lying(48, length: 9, [1, 0])),
    Silent(id: "tkip", why: "CCMP only", ies: IE.rsn()),
    Silent(id: "wpa1", why: "RSN only", ies: IE.rsn()),
    Silent(id: "hidden-ssid", why: "named", ies: IE.list(IE.ssid(" "), IE.rsn())),
    Silent(
      id: "owe-transition", why: "standalone OWE",
      ies: IE.list(IE.ssid("o"), IE.rsn(akms: [AKMSuite.owe], caps: both))),
    Silent(
      id: "transition-mode", why: "WPA3 only, with an RSNX override",
      ies: IE.list(IE.rsn(akms: [AKMSuite.sae], caps: both), IE.rsnxOverride(h2e: true))),
    Silent(
      id: "malformed-elements", why: "a malformed element the rules do not read",
      ies: IE.list(IE.ssid("a"), IE.element(42, [1, 1]), IE.vendor(0x0010_1800, [])),
      beacon: IE.list(IE.ssid("a"), IE.element(42, [1, 1]), IE.htCapabilities())),
    Silent(
      id: "unknown-security", why: "an unknown AKM beside PSK",
      ies: IE.rsn(akms: [AKMSuite.psk, 0x0011_2233])),
  ]

  @Test(arguments: silent)
  func findingStaysSilent(_ expected: Silent) {
    let assessment = Net.assess(expected.ies, privacy: expected.privacy, beacon: expected.beacon)
    #expect(Self.severity(expected.id, assessment) == nil)
  }

  @Test func publicNetworkFromANamePatternIsLowAndOnlyForOpenNetworks() throws {
    let options = AssessmentOptions(
      publicSSIDPatterns: SSIDPattern.parseList(
        "# hotspots\n\n  *free*wifi*  \nairport\n"))
    #expect(options.publicSSIDPatterns.map(\.text) == ["*free*wifi*", "airport"])
    func assess(_ name: String, privacy: Bool = false, _ more: [UInt8] = []) -> NetworkAssessment {
      NetworkAssessment.assess(
        Net.record(IE.list(IE.ssid(name), more), privacy: privacy), options: options)
    }
    let heuristic = try #require(
      assess("Cafe FREE WiFi").findings.first { $0.id == "public-network" })
    #expect(heuristic.severity == .low)
    #expect(
      heuristic.evidence == "heuristic: the name matches the public-hotspot pattern \"*free*wifi*\""
    )
    #expect(Self.severity("public-network", assess("AIRPORT")) == .low)
    #expect(Self.severity("public-network", assess("airport-lounge")) == nil)
    #expect(Self.severity("public-network", assess("free wifi", privacy: true, IE.rsn())) == nil)
    // An Interworking element says more than a name: it decides.
    #expect(Self.severity("public-network", assess("free wifi", IE.interworking(ant: 0))) == nil)
    #expect(
      Self.severity("public-network", Net.assess(IE.ssid("free wifi"), privacy: false)) == nil)
  }

  @Test func malformedInBothListsIsReportedOnce() {
    let list = IE.list(IE.ssid("a"), IE.element(3, [1, 1]))
    let assessment = Net.assess(list, beacon: list + IE.htCapabilities())
    #expect(assessment.anomalies.count == 1)
  }

  // MARK: Risk

  @Test(arguments: [
    (IE.ssid("open"), false, Risk.high), (IE.ssid("wep"), true, .high),
    (IE.wpa(), true, .high), (IE.rsn(caps: RSNCaps.mfpc), true, .low),
    (IE.rsn(), true, .low), (IE.rsn(akms: [0x0011_2233]), true, .medium),
    (Net.cleanWPA3, true, .low),
  ])
  func riskIsTheWorstFinding(ies: [UInt8], privacy: Bool, risk: Risk) {
    let assessment = Net.assess(ies, privacy: privacy)
    #expect(assessment.risk == risk)
    let worst = assessment.findings.map(\.severity).max()
    #expect(Risk(worst: worst) == risk)
  }

  @Test func findingsAreSortedMostSevereFirst() {
    let assessment = Net.assess(
      IE.list(IE.ssid(""), IE.wpa(), IE.wps(IE.WPS.state(2))), privacy: true)
    let severities = assessment.findings.map(\.severity)
    #expect(severities == severities.sorted(by: >))
    #expect(severities.first == .high)
    #expect(severities.last == .info)
  }

  @Test func riskiestFirstOrdering() {
    let open = Net.assess(IE.ssid("a"), privacy: false)
    let wpa3 = Net.assess(Net.cleanWPA3)
    let wpa2 = Net.assess(IE.list(IE.ssid("b"), IE.rsn(caps: RSNCaps.mfpc)))
    #expect(NetworkAssessment.riskiestFirst(open, wpa3))
    #expect(!NetworkAssessment.riskiestFirst(wpa3, open))
    // Same risk: the weaker security first.
    #expect(NetworkAssessment.riskiestFirst(wpa2, wpa3))
  }

  @Test func hiddenNetworkKeepsTheNameFromTheProbeResponse() {
    let assessment = Net.assess(
      IE.list(IE.ssid("secret"), IE.rsn(caps: RSNCaps.mfpc)),
      beacon: IE.list(IE.ssid(bytes: [0, 0, 0, 0, 0, 0]), IE.rsn(caps: RSNCaps.mfpc)))
    #expect(assessment.hidden)
    #expect(assessment.ssid == Array("secret".utf8))
  }

  @Test func beaconOnlyRecordIsRatedFromTheBeacon() {
    let record = BSSRecord(
      bssid: Net.bssid, capability: 0x0011, ies: [],
      beaconIes: IE.list(IE.ssid("b"), IE.rsn(akms: [AKMSuite.sae], caps: Self.both)))
    let assessment = NetworkAssessment.assess(record)
    #expect(assessment.security == .wpa3Personal)
    #expect(assessment.beaconElements == nil)
    #expect(assessment.ssid == Array("b".utf8))
  }

  @Test(arguments: [
    (2412, 1, "2.4"), (2437, 6, "2.4"), (2484, 14, "2.4"), (5180, 36, "5"), (5825, 165, "5"),
    (5955, 1, "6"), (6115, 33, "6"), (60480, 2, "60"),
  ])
  func channelsFromFrequencies(frequency: Int, channel: Int, band: String) {
    #expect(Channel.number(frequency: frequency) == channel)
    #expect(Channel.band(frequency: frequency) == band)
  }

  @Test func channelFallsBackToTheDSParameterSet() {
    let record = BSSRecord(
      bssid: Net.bssid, frequency: nil, capability: 0x0011, ies: IE.list(IE.ssid("a"), IE.ds(11)))
    #expect(NetworkAssessment.assess(record).channel == 11)
    #expect(Channel.number(frequency: 1000) == nil)
  }
}
