import Foundation
import Testing
import WifiRiskCore

/// The shipped `profiles/public-ssids.txt` applied by the `public-network` heuristic.
@Suite struct PortalPublicSSIDTests {
  static let patterns: [SSIDPattern] = {
    let file = Fixtures.root.deletingLastPathComponent()
      .appendingPathComponent("profiles/public-ssids.txt")
    let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    return SSIDPattern.parseList(text)
  }()

  static func openNetwork(_ name: String, privacy: Bool = false) throws -> BSSRecord {
    let ssid = Array(name.utf8)
    return BSSRecord(
      bssid: try #require(MACAddress("02:00:00:00:00:01")), frequency: 2412,
      capability: privacy ? 0x0011 : 0x0001, ies: [0, UInt8(ssid.count)] + ssid)
  }

  static func heuristic(_ name: String) throws -> Finding? {
    NetworkAssessment.assess(
      try openNetwork(name), options: AssessmentOptions(publicSSIDPatterns: patterns)
    ).findings.first { $0.id == "public-network" }
  }

  @Test func theFileIsShippedAndRead() {
    #expect(Self.patterns.count > 20)
    #expect(Self.patterns.allSatisfy { !$0.text.hasPrefix("#") && !$0.text.isEmpty })
  }

  @Test(arguments: [
    "Airport_Free_WiFi", "Starbucks WiFi", "Hotel-Guest", "CAFE CENTRAL", "Café de Flore",
    "FreeWifi", "xfinitywifi", "Library-Public", "BTWi-fi", "Telekom_FON", "Gäste-WLAN",
    "Museum Visitors",
  ])
  func anOpenNetworkNamedLikeAHotspotGetsTheHeuristic(_ name: String) throws {
    let finding = try #require(try Self.heuristic(name))
    #expect(finding.severity == .low)
    #expect(finding.evidence?.hasPrefix("heuristic:") == true)
  }

  @Test(arguments: [
    "FRITZ!Box 7590", "Freebox-3A2B1C", "NETGEAR42", "Vodafone-ABCD", "Smith-Home",
    "TP-Link_5G_1234", "Livebox-1234", "Speedport W 724V", "Telekom-ABC123", "Gastronomie",
    "MagentaWLAN-1234", "Sebastian's iPhone",
  ])
  func anOpenHomeLikeNameDoesNot(_ name: String) throws {
    #expect(try Self.heuristic(name) == nil)
  }

  @Test func anEncryptedNetworkNeverGetsTheHeuristic() throws {
    let assessment = NetworkAssessment.assess(
      try Self.openNetwork("Hotel-Guest", privacy: true),
      options: AssessmentOptions(publicSSIDPatterns: Self.patterns))
    #expect(!assessment.findings.contains { $0.id == "public-network" })
  }

  /// The glob itself: pieces in order, never overlapping, either case, any script.
  @Test(arguments: [
    ("*free*wifi*", "Airport FREE WiFi", true), ("*free*wifi*", "freewifi", true),
    ("*free*wifi*", "WiFi free", false), ("ab*ab", "ab", false), ("ab*ab", "abab", true),
    ("ab*ab", "abxab", true), ("a*b*c", "acb", false), ("a*b*c", "abbc", true),
    ("airport", "Airport", true), ("airport", "airports", false), ("*", "", true),
    ("*gäste*", "Hotel GÄSTE", true), ("café*", "Cafe Central", false), ("*x", "x", true),
  ])
  func theGlobMatchesPiecesInOrder(_ pattern: String, _ name: String, _ expected: Bool) {
    #expect(SSIDPattern(pattern).matches(name) == expected, "\(pattern) / \(name)")
  }
}
