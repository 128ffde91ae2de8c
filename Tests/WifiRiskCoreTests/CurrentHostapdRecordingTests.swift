import Foundation
import TestSupport
import Testing
import WifiRiskCore

/// The current-hostapd lab recording (`fixtures/lab/current-hostapd.json`): access points
/// that a current upstream hostapd makes and Debian's cannot, scanned by wifirisk through
/// nl80211 from mac80211_hwsim radios (see Tests/Lab/current/). Each is rated as
/// Tests/Lab/current/expectations.tsv says, and as the report promises in detail.
@Suite struct CurrentHostapdRecordingTests {
  static let file = "lab/current-hostapd.json"

  static func networks() throws -> [String: NetworkAssessment] {
    let capture = try Fixture.decode(try Fixtures.bytes(file))
    var out: [String: NetworkAssessment] = [:]
    for record in capture.mergingDuplicateBSSIDs() {
      let assessment = NetworkAssessment.assess(record)
      if let ssid = assessment.ssid { out[String(decoding: ssid, as: UTF8.self)] = assessment }
    }
    return out
  }

  static func network(_ name: String) throws -> NetworkAssessment {
    try #require(try networks()[name], "\(name) is not in \(file)")
  }

  @Test(arguments: try LabExpectation.load(LabExpectation.currentHostapdTable))
  func ratesAsTheTableSays(_ row: LabExpectation) throws {
    let assessment = try Self.network(row.ssid)
    #expect(assessment.record.bssid.description == row.bssid)
    #expect(row.security.contains(assessment.security.rawValue))
    #expect(assessment.pmf.rawValue == row.pmf)
    let ids = assessment.findings.map(\.id)
    for id in row.present { #expect(ids.contains(id), "\(id) missing: \(ids)") }
    for id in row.absent { #expect(!ids.contains(id), "\(id) present: \(ids)") }
    // Nothing these APs send is malformed or unknown to wifirisk.
    #expect(assessment.anomalies.isEmpty, "\(assessment.anomalies.map(\.description))")
    #expect(assessment.elements.unknown.allSatisfy { $0.id != 48 })
  }

  @Test func everyRecordedAccessPointHasARow() throws {
    let rows = try LabExpectation.load(LabExpectation.currentHostapdTable)
    #expect(Set(try Self.networks().keys) == Set(rows.map(\.ssid)))
  }

  @Test func rsnOverridingIsWPA2WithWPA3BesideIt() throws {
    let assessment = try Self.network("lab-rsno")
    let legacy = try #require(assessment.advertised.legacy)
    let override = try #require(assessment.advertised.override)
    #expect(assessment.security == .wpa2Wpa3Personal)
    #expect(legacy.security == .wpa2Personal)
    #expect(legacy.pmf == .capable)
    #expect(legacy.akms == [.psk])
    #expect(override.security == .wpa3Personal)
    #expect(override.pmf == .required)
    #expect(Set(override.akms) == [.sae, .saeExtKey])
    #expect(override.dataCiphers == [.gcmp256])
    // hostapd writes both override elements, each with its Version field.
    #expect(assessment.elements.rsnOverride?.version == 1)
    #expect(assessment.elements.rsnOverride2?.version == 1)
    #expect(assessment.elements.rsnOverride2?.akms == [.saeExtKey])
    #expect(assessment.elements.rsnxOverride?.saeHashToElement == true)
    // This machine (no RSN overriding) takes the WPA2 way: the default profile allows it.
    #expect(assessment.advertised.clientPath == .legacy)
    #expect(assessment.risk == .low)
    #expect(assessment.verdict.hasPrefix("WPA3 compatibility mode"))
    let report = NetworkEntry(assessment, source: nil).json
    #expect(report["security_paths"]?["override"]?["security"] == .string("wpa3-personal"))
    #expect(report["security_paths"]?["legacy"]?["security"] == .string("wpa2-personal"))
  }

  @Test func saeExtKeyWithGCMP256() throws {
    let assessment = try Self.network("lab-sae-ext-key")
    #expect(assessment.security == .wpa3Personal)
    #expect(assessment.advertised.akms == [.saeExtKey])
    #expect(assessment.advertised.pairwiseCiphers == [.gcmp256])
    #expect(assessment.advertised.groupCipher == .gcmp256)
    #expect(assessment.advertised.groupManagementCipher == .bipGmac256)
    #expect(assessment.saeExtKey && assessment.gcmp256)
    #expect(assessment.positives.map(\.id) == ["sae-ext-key", "gcmp-256"])
    #expect(assessment.risk == .low)
    let report = NetworkEntry(assessment, source: nil).json
    #expect(report["sae_ext_key"] == .bool(true))
    #expect(report["gcmp_256"] == .bool(true))
  }

  @Test func beaconProtectionIsNamed() throws {
    let protected = try Self.network("lab-beacon-prot")
    #expect(protected.beaconProtection)
    #expect(protected.positives.map(\.id) == ["beacon-protection"])
    #expect(NetworkEntry(protected, source: nil).json["beacon_protection"] == .bool(true))
    // The others do not set bit 84.
    #expect(try !Self.network("lab-sae-ext-key").beaconProtection)
  }

  @Test func sixGHzWPA3() throws {
    let assessment = try Self.network("lab-6ghz")
    #expect(assessment.security == .wpa3Personal)
    #expect(assessment.pmf == .required)
    #expect(assessment.band == "6")
    #expect(assessment.channel == 5)
    #expect(assessment.frequency == 5975)
    #expect(assessment.announcedChannel?.source == .heOperation)
    #expect(assessment.elements.rsnx?.saeHashToElement == true)
    #expect(assessment.risk == .low)
  }

  @Test func enhancedOpenWithGCMP256() throws {
    let assessment = try Self.network("lab-owe-gcmp256")
    #expect(assessment.security == .owe)
    #expect(assessment.pmf == .required)
    #expect(assessment.advertised.pairwiseCiphers == [.gcmp256])
    #expect(assessment.advertised.groupManagementCipher == .bipGmac256)
    #expect(assessment.gcmp256)
    #expect(assessment.risk == .low)
  }
}
