import Testing

@testable import WifiRiskCore

/// WPA3 compatibility mode (RSN overriding): a WPA2 RSN element for clients that do not
/// understand the override elements, and RSN Override (2) elements with WPA3 for those that
/// do. Both ways in are reported; `pmf`, the verdict and the rules follow the way this
/// machine's client takes.
@Suite struct RSNOverridingTests {
  static let both = RSNCaps.mfpr | RSNCaps.mfpc

  /// What a Wi-Fi 7 router in compatibility mode sends: WPA2-PSK without PMF in the RSN
  /// element, WPA3 (SAE and SAE-EXT-KEY, GCMP-256 beside CCMP) in the overrides.
  static let compatibility = IE.list(
    IE.ssid("router"), IE.ds(6), IE.rsn(),
    IE.rsnOverride(
      pairwise: [CipherSuite.ccmp, CipherSuite.gcmp256], akms: [AKMSuite.sae], caps: both),
    IE.rsnOverride2(pairwise: [CipherSuite.gcmp256], akms: [AKMSuite.saeExtKey]),
    IE.rsnxOverride(h2e: true))

  @Test func bothWaysInAreRated() throws {
    let assessment = Net.assess(Self.compatibility)
    let advertised = assessment.advertised
    #expect(assessment.security == .wpa2Wpa3Personal)
    let legacy = try #require(advertised.legacy)
    let override = try #require(advertised.override)
    #expect(legacy.security == .wpa2Personal)
    #expect(legacy.pmf == .none)
    #expect(legacy.akms == [.psk])
    #expect(override.security == .wpa3Personal)
    #expect(override.pmf == .required)
    #expect(override.akms == [.saeExtKey, .sae])
    #expect(override.dataCiphers == [.gcmp256, .ccmp128])
    #expect(advertised.compatibilityMode)
    #expect(advertised.rsnOverride)
  }

  @Test func thisMachineTakesTheLegacyWayByDefault() throws {
    let assessment = Net.assess(Self.compatibility)
    #expect(assessment.advertised.clientPath == .legacy)
    #expect(assessment.pmf == .none)
    #expect(assessment.risk == .low)
    #expect(
      assessment.verdict.hasPrefix(
        "WPA3 compatibility mode: this device joins with the router's older setting, "
          + "WPA2-Personal, without management frame protection."))
    let finding = try #require(assessment.findings.first { $0.id == "compatibility-mode" })
    #expect(finding.severity == .low)
    #expect(finding.evidence?.contains("one captured sign-in") == true)
    #expect(finding.evidence?.contains("SAE-EXT-KEY, SAE, GCMP-256, CCMP-128") == true)
    #expect(assessment.findings.map(\.id).contains("pmf-missing"))
    // Never unknown, never malformed: the override elements decode.
    #expect(assessment.anomalies.isEmpty)
  }

  @Test func aClientWithRSNOverridingTakesTheWPA3Way() throws {
    let record = Net.record(Self.compatibility)
    let assessment = NetworkAssessment.assess(
      record, options: AssessmentOptions(clientUsesRSNOverriding: true))
    #expect(assessment.security == .wpa2Wpa3Personal)
    #expect(assessment.advertised.clientPath == .override)
    #expect(assessment.pmf == .required)
    #expect(
      assessment.verdict.hasPrefix("WPA3 compatibility mode: this device joins with WPA3-Personal.")
    )
    #expect(assessment.findings.first { $0.id == "compatibility-mode" }?.severity == .info)
    #expect(!assessment.findings.map(\.id).contains("pmf-missing"))
  }

  @Test func theNegotiatedKeyManagementTellsTheWayTaken() {
    let advertised = Net.assess(Self.compatibility).advertised
    func path(_ key: String, _ cipher: String? = nil) -> RSNPath? {
      SupplicantStatus(keyManagement: key, pairwiseCipher: cipher).rsnPath(advertised)
    }
    #expect(path("SAE-EXT-KEY") == .override)
    #expect(path("SAE", "GCMP-256") == .override)
    #expect(path("WPA2-PSK", "CCMP") == .legacy)
    #expect(path("NONE") == nil)
    // A network without overrides has one way in.
    #expect(
      SupplicantStatus(keyManagement: "SAE").rsnPath(Net.assess(Net.cleanWPA3).advertised) == nil)
  }

  @Test func theReportCarriesBothPaths() throws {
    let entry = NetworkEntry(Net.assess(Self.compatibility), source: nil).json
    #expect(entry["security"] == .string("wpa2-wpa3-personal"))
    #expect(entry["pmf"] == .string("none"))
    #expect(entry["rsn_override"] == .bool(true))
    #expect(entry["client_path"] == .string("legacy"))
    let paths = try #require(entry["security_paths"])
    #expect(paths["legacy"]?["security"] == .string("wpa2-personal"))
    #expect(paths["legacy"]?["pmf"] == .string("none"))
    #expect(paths["override"]?["security"] == .string("wpa3-personal"))
    #expect(paths["override"]?["pmf"] == .string("required"))
    #expect(
      paths["override"]?["akms"] == .array([.string("SAE-EXT-KEY"), .string("SAE")]))
    let plain = NetworkEntry(Net.assess(Net.cleanWPA3), source: nil).json
    #expect(plain["security_paths"]?["override"] == .null)
    #expect(plain["security_paths"]?["legacy"]?["security"] == .string("wpa3-personal"))
  }

  @Test func overrideElementsThatDisappearAreADowngrade() throws {
    var known = KnownNetworks()
    let name = Array("router".utf8)
    known.remember(
      ssid: name, seen: [Net.assess(Self.compatibility)], at: "t0", mode: .explicit)
    #expect(known.networks.first?.rsnOverride == true)
    #expect(known.networks.first?.security == .wpa2Wpa3Personal)

    // Overrides stripped: only the WPA2 RSN element is left.
    let stripped = Net.assess(IE.list(IE.ssid("router"), IE.ds(6), IE.rsn()))
    let findings = MemoryRules.findings(
      judged: [stripped], scan: [stripped], known: known, trusted: [])
    #expect(findings.map(\.id) == ["downgrade"])

    // Same class on both sides (a WPA3 RSN element beside WPA3 overrides), overrides gone:
    // still a downgrade, named for what it is.
    var wpa3 = KnownNetworks()
    let withOverride = Net.assess(
      IE.list(
        IE.ssid("router"), IE.rsn(akms: [AKMSuite.sae], caps: Self.both), IE.rsnOverride2()))
    wpa3.remember(ssid: name, seen: [withOverride], at: "t0", mode: .explicit)
    let without = Net.assess(
      IE.list(IE.ssid("router"), IE.rsn(akms: [AKMSuite.sae], caps: Self.both)))
    let message = try #require(
      MemoryRules.findings(judged: [without], scan: [without], known: wpa3, trusted: []).first)
    #expect(message.id == "downgrade")
    #expect(message.message.contains("WPA3 compatibility mode"))
    // And while they are there, nothing is said.
    #expect(
      MemoryRules.findings(judged: [withOverride], scan: [withOverride], known: wpa3, trusted: [])
        .isEmpty)
  }

  @Test func theRememberedFlagIsKeptInTheFile() throws {
    var known = KnownNetworks()
    known.remember(
      ssid: Array("router".utf8), seen: [Net.assess(Self.compatibility)], at: "t0",
      mode: .explicit)
    let text = known.encoded()
    #expect(text.contains("\"rsn_override\": true"))
    #expect(try KnownNetworks.decode(Array(text.utf8)) == known)
    // Files written before the field existed read as false.
    let old = """
      {"schema": "wifirisk.known-networks/1", "networks": [{"ssid_hex": "41", "ssid": "A",
       "security": "wpa2-personal", "pmf": "none", "first_seen": "", "last_seen": "",
       "bssids": []}]}
      """
    #expect(try KnownNetworks.decode(Array(old.utf8)).networks.first?.rsnOverride == false)
  }
}
