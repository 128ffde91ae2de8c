import Foundation
import TestSupport
import Testing
import WifiRiskCore

/// Real `SIOCGIWSCAN` event streams recorded in the kernel lab (fixtures/wext/README.md):
/// decoded like libiw decodes them (`iwlist ... scanning last` of the same table), rated like
/// the nl80211 scan of the same table, and never a trap on any prefix or mutation.
@Suite struct WextFixtureTests {
  static let streams = ["wext/lab-scan.hex", "wext/lab-directed.hex", "wext/lab-connected.hex"]

  /// The stream's bytes: hex, whitespace and `#` comment lines ignored.
  static func stream(_ relative: String) throws -> [UInt8] {
    let text = try String(contentsOf: Fixtures.url(relative), encoding: .utf8)
    let hex = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined()
      .filter { !$0.isWhitespace }
    return try Hex.decode(hex)
  }

  @Test(arguments: streams)
  func decodesWithoutIssues(file: String) throws {
    let scan = WextScan(bytes: try Self.stream(file))
    #expect(scan.issues.isEmpty, "\(scan.issues)")
    #expect(scan.records.count >= 8)
    for cell in scan.cells {
      #expect(cell.bssid != nil)
      #expect(cell.frequencyMHz != nil && cell.channel != nil)
      #expect(cell.quality?.levelMBm != nil)
      #expect(cell.encodeFlags != nil && cell.mode == WextFlags.modeMaster)
      #expect(cell.genericIEEvents >= 1)
      #expect(cell.lastBeaconMsAgo != nil)
    }
  }

  /// The AP with 1260 bytes of vendor elements: cfg80211 splits its list across IWEVGENIE
  /// events at element boundaries, and the joined list walks cleanly to its end.
  @Test func longElementListsArriveInSeveralEvents() throws {
    let scan = WextScan(bytes: try Self.stream("wext/lab-scan.hex"))
    let big = try #require(scan.cells.first { $0.bssid == MACAddress("02:00:00:00:01:02") })
    #expect(big.genericIEEvents >= 2)
    #expect(big.genericIEs.count > 1024)
    let set = ElementWalker.parse(big.elements)
    #expect(set.anomalies.isEmpty)
    #expect(set.ssid == Array("lab-big".utf8))
    #expect(set.unknown.filter { $0.id == 0xDD }.count >= 5)
  }

  /// libiw's reading of the same scan table (`iwlist wlan2 scanning last`, recorded right
  /// after the stream) agrees on every cell.
  @Test func agreesWithIwlist() throws {
    let scan = WextScan(bytes: try Self.stream("wext/lab-scan.hex"))
    let text = try String(
      contentsOf: Fixtures.url("wext/lab-scan.iwlist.txt"), encoding: .utf8)
    let cells = IwlistText.cells(text)
    #expect(cells.count == scan.cells.count)
    for (cell, listed) in zip(scan.cells, cells) {
      #expect(cell.bssid?.description == listed["address"])
      #expect(cell.frequencyMHz.map { String($0) } == listed["mhz"])
      #expect(cell.quality?.levelMBm.map { String($0 / 100) } == listed["dbm"])
      #expect((cell.privacy == true ? "on" : "off") == listed["encryption"])
      #expect(cell.essid.map(IwlistText.escape) == listed["essid"])
      for element in IwlistText.unknownElements(listed["ies"] ?? "") {
        #expect(
          Hex.encode(cell.elements).contains(element.lowercased()),
          "\(listed["address"] ?? "?"): \(element)")
      }
    }
  }

  /// The same table read through nl80211 (`wifirisk scan --save`, recorded a moment before):
  /// the same BSSes, rated alike.
  @Test func ratesLikeNL80211() throws {
    let records = WextScan(bytes: try Self.stream("wext/lab-scan.hex")).records
    let nl80211 = try Fixture.decode(try Fixtures.bytes("wext/lab-scan.nl80211.json")).bss
    #expect(Set(records.map(\.bssid)) == Set(nl80211.map(\.bssid)))
    for record in records {
      let other = try #require(nl80211.first { $0.bssid == record.bssid })
      let a = NetworkAssessment.assess(record)
      let b = NetworkAssessment.assess(other)
      #expect(a.security == b.security, "\(record.bssid)")
      #expect(a.pmf == b.pmf, "\(record.bssid)")
      #expect((a.wps != nil) == (b.wps != nil), "\(record.bssid)")
      #expect(a.ssid == b.ssid, "\(record.bssid)")
      #expect(record.frequency == other.frequency)
      #expect(record.privacy == other.privacy)
      #expect(record.ess == other.ess)
      #expect(record.ies == other.ies)
    }
  }

  @Test func labSecurities() throws {
    let records = WextScan(bytes: try Self.stream("wext/lab-scan.hex")).records
    let expected: [String: Security] = [
      "02:00:00:00:00:00": .open, "02:00:00:00:00:01": .wpa2Personal,
      "02:00:00:00:00:02": .wpa3Personal, "02:00:00:00:00:03": .wpa2Wpa3Personal,
      "02:00:00:00:00:04": .wpaWpa2Personal, "02:00:00:00:00:05": .wpa2Personal,
      "02:00:00:00:00:06": .owe, "02:00:00:00:00:07": .open, "02:00:00:00:01:00": .wep,
      "02:00:00:00:01:01": .wpa2Personal, "02:00:00:00:01:02": .open,
      "02:00:00:00:01:03": .wpa2Enterprise,
    ]
    for record in records {
      #expect(
        NetworkAssessment.assess(record).security == expected[record.bssid.description],
        "\(record.bssid)")
    }
    let hotspot = try #require(records.first { $0.bssid.description == "02:00:00:00:00:07" })
    #expect(NetworkAssessment.assess(hotspot).elements.interworking != nil)
  }

  /// After a directed scan for lab-hidden the hidden BSS's latest frame is the probe
  /// response, which names it.
  @Test func directedScanRevealsTheHiddenSSID() throws {
    // cfg80211 keeps the hidden beacon and the named probe response as two entries with
    // the same BSSID; Wireless Extensions lists both, as nl80211 does.
    let records = WextScan(bytes: try Self.stream("wext/lab-directed.hex")).records
    let hidden = records.filter { $0.bssid.description == "02:00:00:00:00:05" }
    let names = hidden.map { NetworkAssessment.assess($0).ssid }
    #expect(names.contains(Array("lab-hidden".utf8)), "\(names)")
  }

  /// Every prefix decodes without a trap; one cut inside an event is exactly one issue.
  /// (The records of every 50th prefix are also rated: rating every one is slow and adds
  /// nothing the element tests do not cover.)
  @Test(arguments: streams)
  func everyPrefix(file: String) throws {
    let bytes = try Self.stream(file)
    let boundaries = Set(WextEventWalker.walk(bytes).events.map(\.offset) + [bytes.count])
    var wrong: [Int] = []
    for end in 0...bytes.count {
      let scan = WextScan(bytes: Array(bytes.prefix(end)))
      if scan.issues.count != (boundaries.contains(end) ? 0 : 1) { wrong.append(end) }
      if end % 50 == 0 { for record in scan.records { _ = NetworkAssessment.assess(record) } }
    }
    #expect(wrong.isEmpty, "prefixes with an unexpected issue count: \(wrong.prefix(10))")
  }

  /// Seeded byte mutations: never a trap, never a hang.
  @Test(arguments: streams)
  func mutations(file: String) throws {
    let bytes = try Self.stream(file)
    var random = MutationRNG(seed: 0x5EED_0000 &+ UInt64(bytes.count))
    for _ in 0..<300 {
      var mutated = bytes
      for _ in 0..<Int(random.next() % 8 + 1) {
        let index = Int(random.next() % UInt64(mutated.count))
        switch random.next() % 3 {
        case 0: mutated[index] = UInt8(truncatingIfNeeded: random.next())
        case 1: mutated[index] = 0
        default: mutated[index] = 0xFF
        }
      }
      let scan = WextScan(bytes: mutated)
      for record in scan.records { _ = NetworkAssessment.assess(record) }
      for layout in [
        WextStreamLayout.ilp32,
        WextStreamLayout(payloadOffset: 8, pointDataOffset: 16, bigEndian: true),
      ] {
        _ = WextScan(bytes: mutated, layout: layout).records
      }
    }
  }
}

/// Just enough of `iwlist IF scanning` output to compare with: per cell the address,
/// frequency, signal, encryption, ESSID and the hex of the elements libiw does not decode.
enum IwlistText {
  static func cells(_ text: String) -> [[String: String]] {
    var out: [[String: String]] = []
    for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
      if let range = line.range(of: " - Address: "), line.hasPrefix("Cell ") {
        out.append(["address": line[range.upperBound...].lowercased()])
        continue
      }
      guard !out.isEmpty else { continue }
      if line.hasPrefix("Frequency:"), let ghz = Double(line.dropFirst(10).prefix { $0 != " " }) {
        out[out.count - 1]["mhz"] = String(Int((ghz * 1000).rounded()))
      } else if let range = line.range(of: "Signal level=") {
        out[out.count - 1]["dbm"] = String(line[range.upperBound...].prefix { $0 != " " })
      } else if line.hasPrefix("Encryption key:") {
        out[out.count - 1]["encryption"] = String(line.dropFirst(15))
      } else if line.hasPrefix("ESSID:\"") {
        out[out.count - 1]["essid"] = String(line.dropFirst(7).dropLast())
      } else if line.hasPrefix("IE: Unknown: ") {
        out[out.count - 1]["ies", default: ""] += String(line.dropFirst(13)) + " "
      }
    }
    return out
  }

  static func unknownElements(_ list: String) -> [String] {
    list.split(separator: " ").map(String.init)
  }

  /// The ESSID as iwlist prints it: printable ASCII as is, other bytes as `\xNN`.
  static func escape(_ bytes: [UInt8]) -> String {
    bytes.map {
      (0x20...0x7E).contains($0) ? String(UnicodeScalar($0)) : "\\x" + Hex.byte($0).uppercased()
    }
    .joined()
  }
}
