import Foundation
import Testing

@testable import WifiRiskCore

@Suite struct FixtureTests {
  static func load(_ file: String) throws -> ScanSnapshot {
    try Fixture.decode(try Fixtures.bytes(file))
  }

  static func assessAll(_ file: String) throws -> [String: NetworkAssessment] {
    var out: [String: NetworkAssessment] = [:]
    for record in try load(file).bss {
      let assessment = NetworkAssessment.assess(record)
      out[record.bssid.description] = assessment
      if let ssid = assessment.ssid { out[String(decoding: ssid, as: UTF8.self)] = assessment }
    }
    return out
  }

  @Test func syntheticFixturesArePresent() {
    #expect(
      Fixtures.jsonFiles(in: "synthetic") == [
        "synthetic/findings.json", "synthetic/hostile-ssid.json", "synthetic/security-matrix.json",
      ])
  }

  @Test(arguments: Fixtures.scans)
  func fixtureDecodesAndIsInCanonicalForm(_ file: String) throws {
    let bytes = try Fixtures.bytes(file)
    let capture = try Fixture.decode(bytes)
    #expect(!capture.bss.isEmpty)
    // Written with sorted keys and two-space indent, so encoding reproduces the file.
    let encoded = Fixture.encode(capture)
    #expect(try Fixture.decode(Array(encoded.utf8)) == capture)
    if file.hasPrefix("synthetic/") { #expect(Array(encoded.utf8) == bytes) }
  }

  @Test func securityMatrixCoversEverySecurityValue() throws {
    let networks = try Self.assessAll("synthetic/security-matrix.json")
    for security in Security.allCases {
      let found = networks["syn-\(security.rawValue)"]
      let network = try #require(found, "no syn-\(security.rawValue)")
      #expect(network.security == security, "syn-\(security.rawValue)")
    }
    #expect(networks["syn-rsn-override"]?.security == .wpa2Wpa3Personal)
    #expect(networks["syn-rsn-override"]?.advertised.rsnOverride == true)
    #expect(networks["syn-ft-psk"]?.security == .wpa2Personal)
    #expect(networks["syn-wpa3-personal"]?.risk == .low)
    #expect(networks["syn-wpa3-personal"]?.findings.isEmpty == true)
    #expect(networks["syn-open"]?.risk == .high)
    #expect(networks["syn-wep"]?.risk == .high)
  }

  @Test func findingsFixtureRaisesEveryFinding() throws {
    let records =
      try Self.load("synthetic/findings.json").bss + Self.load("synthetic/security-matrix.json").bss
    let raised = Set(
      records.flatMap {
        NetworkAssessment.assess($0, options: ShippedData.options).findings.map(\.id)
      })
    #expect(raised == Set(FindingRules.all.map(\.id)))
  }

  @Test func findingsFixtureDetails() throws {
    let networks = try Self.assessAll("synthetic/findings.json")
    let hidden = try #require(networks["syn-hidden"])
    #expect(hidden.hidden)
    #expect(!hidden.findings.contains { $0.id == "beacon-probe-mismatch" })
    #expect(
      networks["syn-mismatch"]?.findings.contains { $0.id == "beacon-probe-mismatch" } == true)
    #expect(networks["syn-wps-split"]?.wps?.state == .unconfigured)
    #expect(networks["syn-wps-split"]?.wps?.apSetupLocked == true)
    #expect(networks["syn-wps-split"]?.anomalies.isEmpty == true)
    let passpoint = try #require(networks["syn-passpoint"])
    #expect(passpoint.findings.first { $0.id == "public-network" }?.severity == .info)
    #expect(networks["syn-truncated-rsn"]?.security == .unknown)
    #expect(networks["syn-psk-and-8021x"]?.security == .unknown)
    #expect(networks["02:53:59:4e:01:f1"]?.security == .owe)
    #expect(networks["02:53:59:4e:01:f1"]?.hidden == true)
  }

  @Test func hostileFixtureSSIDsAreEscaped() throws {
    let capture = try Self.load("synthetic/hostile-ssid.json")
    var escaped: [String] = []
    for record in capture.bss {
      let assessment = NetworkAssessment.assess(record)
      guard let ssid = assessment.ssid else { continue }
      let text = DisplayText.escape(ssid)
      escaped.append(text)
      #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }
    #expect(escaped.contains("\\x1b[31mred\\x1b[0m"))
    #expect(escaped.contains("abc\\u202egpj.exe"))
    #expect(escaped.contains("pay\\u200bpal"))
    #expect(escaped.contains("bad\\xff\\xfeutf8\\xc3"))
    #expect(escaped.contains("back\\\\slash\\\\x41"))
    let nulSSID = capture.bss.first { $0.bssid.description == "02:53:59:4e:02:0a" }
    let nul = try #require(nulSSID)
    #expect(NetworkAssessment.assess(nul).hidden)
  }

  // MARK: Files that must be refused, each with the place named

  static let bad: [(file: String, place: String?, message: String)] = [
    ("bad-beacon-hex.json", "bss[1].beacon_ies", "bad hex digit at character 1"),
    ("bad-bss-not-array.json", "bss", "expected an array, found an object"),
    ("bad-bssid.json", "bss[0].bssid", "\"02:53:59:4e:03\" is not a MAC address"),
    ("bad-capability-range.json", "bss[0].capability", "65536 is out of range 0...65535"),
    ("bad-deep.json", nil, "not JSON: line 1, column 95: nested too deeply"),
    ("bad-empty.json", nil, "not JSON: line 1, column 1: unexpected end of file"),
    ("bad-garbage.bin", nil, "not JSON: line 1, column 1: unexpected character"),
    ("bad-hex-digit.json", "bss[0].ies", "bad hex digit at character 4"),
    ("bad-hex-odd.json", "bss[0].ies", "bad hex: odd length 63"),
    ("bad-missing-bssid.json", "bss[0].bssid", "missing"),
    ("bad-missing-capability.json", "bss[0].capability", "missing"),
    ("bad-missing-ies.json", "bss[0].ies", "missing"),
    ("bad-no-bss.json", "bss", "missing"),
    ("bad-no-marker.json", "wifirisk_fixture", "missing: this is not a wifirisk scan fixture"),
    ("bad-not-json.json", nil, "not JSON: line 1, column 2: expected a member name"),
    ("bad-truncated.json", nil, "not JSON: line 6, column 18: unterminated string"),
    (
      "bad-version.json", "wifirisk_fixture",
      "format 2 is not supported (this wifirisk reads format 1)"
    ),
  ]

  @Test func everyBadFileHasACase() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.url("bad").path)
    #expect(names.filter { $0.hasPrefix("bad-") }.sorted() == Self.bad.map(\.file).sorted())
  }

  @Test(arguments: bad)
  func badFileIsRefusedWithItsPlace(file: String, place: String?, message: String) throws {
    let bytes = try Fixtures.bytes("bad/\(file)")
    #expect(throws: Fixture.ReadError(place: place, message: message)) {
      try Fixture.decode(bytes)
    }
  }

  @Test func readErrorDescription() {
    #expect(
      Fixture.ReadError(place: "bss[2].ies", message: "missing").description
        == "bss[2].ies: missing")
    #expect(Fixture.ReadError(place: nil, message: "not JSON").description == "not JSON")
  }

  @Test(arguments: [
    (
      "{\"wifirisk_fixture\": 1, \"bss\": [], \"source\": 5}", "source",
      "expected a string, found a number"
    ),
    ("[]", nil, "expected a JSON object, found an array"),
    (
      "{\"wifirisk_fixture\": \"1\", \"bss\": []}", "wifirisk_fixture",
      "format \"1\" is not supported (this wifirisk reads format 1)"
    ),
    (
      "{\"wifirisk_fixture\": 1.0, \"bss\": []}", "wifirisk_fixture",
      "format 1.0 is not supported (this wifirisk reads format 1)"
    ),
    ("{\"wifirisk_fixture\": 1, \"bss\": [7]}", "bss[0]", "expected an object, found a number"),
    (
      "{\"wifirisk_fixture\": 1, \"bss\": [{\"bssid\": \"02:00:00:00:00:01\", \"capability\": 1.5, \"ies\": \"\"}]}",
      "bss[0].capability", "expected a whole number, found 1.5"
    ),
    (
      "{\"wifirisk_fixture\": 1, \"bss\": [{\"bssid\": \"02:00:00:00:00:01\", \"capability\": -1, \"ies\": \"\"}]}",
      "bss[0].capability", "-1 is out of range 0...65535"
    ),
    (
      "{\"wifirisk_fixture\": 1, \"bss\": [{\"bssid\": 7, \"capability\": 1, \"ies\": \"\"}]}",
      "bss[0].bssid", "expected a string"
    ),
    (
      "{\"wifirisk_fixture\": 1, \"bss\": [{\"bssid\": \"02:00:00:00:00:01\", \"capability\": 1, \"ies\": \"\", \"status\": \"\\u001b[2J\"}]}",
      "bss[0].status", "\"\\x1b[2J\" is none of authenticated, associated, ibss_joined"
    ),
    (
      "{\"wifirisk_fixture\": 1, \"bss\": [{\"bssid\": \"02:00:00:00:00:01\", \"capability\": 1, \"ies\": \"\", \"frequency\": 2000000}]}",
      "bss[0].frequency", "2000000 is out of range 0...1000000"
    ),
    (
      "{\"wifirisk_fixture\": 1, \"bss\": [{\"bssid\": \"02:00:00:00:00:01\", \"capability\": 1, \"ies\": \"\", \"seen_ms_ago\": 4294967296}]}",
      "bss[0].seen_ms_ago", "4294967296 is out of range 0...4294967295"
    ),
    (
      "{\"wifirisk_fixture\": 1, \"bss\": [{\"bssid\": \"02:00:00:00:00:01\", \"capability\": 1, \"ies\": \"\", \"beacon_ies\": 5}]}",
      "bss[0].beacon_ies", "expected a string, found a number"
    ),
  ])
  func moreReadErrors(_ text: String, place: String?, message: String) {
    #expect(throws: Fixture.ReadError(place: place, message: message)) {
      try Fixture.decode(Array(text.utf8))
    }
  }

  /// `seen_ms_ago` is nl80211's u32: its whole range reads, so whatever the kernel or a
  /// capture reported survives `scan --save`.
  @Test func seenMsAgoTakesTheKernelsWholeRange() throws {
    let text =
      "{\"wifirisk_fixture\": 1, \"bss\": [{\"bssid\": \"02:00:00:00:00:01\", "
      + "\"capability\": 1, \"ies\": \"\", \"seen_ms_ago\": 4294967295}]}"
    #expect(try Fixture.decode(Array(text.utf8)).bss.first?.seenMsAgo == 4_294_967_295)
  }

  @Test func optionalFieldsAreRead() throws {
    let text = """
      {"wifirisk_fixture": 1, "captured_at": "2025-01-01T00:00:00Z", "source": "nl80211",
       "interface": "wlan0", "bss": [{"bssid": "02-00-00-00-00-0A", "capability": 17,
       "ies": "000161", "beacon_ies": null, "frequency": 5180, "signal_mbm": -6100,
       "beacon_interval": 100, "seen_ms_ago": 30, "status": "associated"}]}
      """
    let capture = try Fixture.decode(Array(text.utf8))
    #expect(capture.capturedAt == "2025-01-01T00:00:00Z")
    #expect(capture.source == "nl80211")
    #expect(capture.interface == "wlan0")
    let record = try #require(capture.bss.first)
    #expect(record.bssid.description == "02:00:00:00:00:0a")
    #expect(record.capability == 17 && record.privacy && record.ess)
    #expect(record.ies == [0x00, 0x01, 0x61])
    #expect(record.beaconIes == nil)
    #expect(record.frequency == 5180)
    #expect(record.signalMBm == -6100)
    #expect(record.signalDBm == -61)
    #expect(record.beaconInterval == 100)
    #expect(record.seenMsAgo == 30)
    #expect(record.status == .associated)
  }

  @Test func encodeWritesOnlyWhatIsKnown() {
    let capture = ScanSnapshot(bss: [
      BSSRecord(bssid: Net.bssid, capability: 1, ies: [0, 0], beaconIes: [0, 1, 0x41])
    ])
    #expect(
      Fixture.encode(capture) == """
        {
          "bss": [
            {
              "beacon_ies": "000141",
              "bssid": "02:53:59:4e:10:01",
              "capability": 1,
              "ies": "0000"
            }
          ],
          "wifirisk_fixture": 1
        }

        """)
  }

  @Test func anUnknownPrivacyBitIsKeptThroughAFixture() throws {
    let capture = ScanSnapshot(bss: [
      BSSRecord(bssid: Net.bssid, capability: 1, ies: [0, 0], privacyKnown: false)
    ])
    let encoded = Fixture.encode(capture)
    #expect(encoded.contains("\"privacy_known\": false"))
    let decoded = try Fixture.decode(Array(encoded.utf8))
    #expect(decoded == capture)
    #expect(decoded.bss.first?.privacyKnown == false)
    #expect(
      throws: Fixture.ReadError(
        place: "bss[0].privacy_known", message: "expected true or false, found \"no\"")
    ) {
      try Fixture.decode(
        Array(
          #"{"wifirisk_fixture": 1, "bss": [{"bssid": "02:00:00:00:00:01", "capability": 1, "ies": "", "privacy_known": "no"}]}"#
            .utf8))
    }
  }

  // MARK: MAC addresses

  @Test(arguments: ["02:00:00:00:00:0a", "02-00-00-00-00-0A", "FF:ff:00:11:22:33"])
  func macAddressesAccepted(_ text: String) {
    #expect(MACAddress(text) != nil)
  }

  @Test(arguments: [
    "", "02:00:00:00:00", "02:00:00:00:00:00:00", "2:00:00:00:00:000", "02:00:00:00:00:0g",
    "02:00-00:00:00:00", "0200.0000.0000",
  ])
  func macAddressesRefused(_ text: String) {
    #expect(MACAddress(text) == nil)
  }

  /// Integer parsing accepts a sign, so a signed pair of characters must not pass for a
  /// hex byte.
  @Test(arguments: ["+2:00:00:00:00:00", "02:00:00:00:00:-0", "02:+0:00:00:00:00"])
  func macAddressWithASignIsRefused(_ text: String) {
    #expect(MACAddress(text) == nil)
  }
}
