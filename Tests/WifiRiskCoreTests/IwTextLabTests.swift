import Foundation
import TestSupport
import Testing
import WifiRiskCore

/// The kernel lab's real `iw ... scan dump` output, read back and rated by the core, checked
/// against the lab's table of expected results (`Tests/Lab/expectations.tsv`).
@Suite struct IwTextLabTests {
  /// Every `iw` recording the lab has made, whatever exists.
  static let files: [String] = {
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.url("lab/iw").path)) ?? []
    return names.filter { $0.hasSuffix(".txt") }.sorted().map { "lab/iw/\($0)" }
  }()

  @Test func labRecordedIwText() {
    #expect(Self.files.contains("lab/iw/scan-dump.txt"))
  }

  @Test(arguments: files)
  func everyAccessPointRatesAsExpected(_ file: String) throws {
    let result = try IwScanText.parse(try Fixtures.bytes(file))
    // The current-hostapd set has a table and a client radio of its own.
    let current = file.hasPrefix("lab/iw/current-hostapd")
    let rows = try LabExpectation.load(
      current ? LabExpectation.currentHostapdTable : LabExpectation.table)
    #expect(rows.count >= (current ? 5 : 17))
    #expect(result.capture.source == "iw")
    #expect(result.capture.interface == (current ? "wlan2" : "wlan6"))
    // A directed scan reveals hidden SSIDs, so what is hidden is checked on the others.
    let directed = file.contains("directed")
    var matched = 0
    for row in rows {
      let records = result.capture.bss.filter { $0.bssid.description == row.bssid }
      if file.hasSuffix("scan-dump.txt") {
        #expect(!records.isEmpty, "\(row.label): BSS \(row.bssid) not read from \(file)")
      }
      for record in records {
        matched += 1
        check(NetworkAssessment.assess(record), row, directed: directed, file: file)
      }
    }
    #expect(matched > 0, "\(file) holds none of the lab's access points")
  }

  private func check(
    _ assessment: NetworkAssessment, _ row: LabExpectation, directed: Bool, file: String
  ) {
    let where_ = "\(row.label) in \(file)"
    #expect(
      row.security.contains(assessment.security.rawValue),
      "\(where_): security \(assessment.security.rawValue), expected \(row.security)")
    #expect(assessment.pmf.rawValue == row.pmf, "\(where_): pmf \(assessment.pmf.rawValue)")
    #expect(
      wpsText(assessment) == row.wps || (row.wps == "on" && assessment.wps != nil),
      "\(where_): wps \(wpsText(assessment)), expected \(row.wps)")
    if !directed {
      #expect(assessment.hidden == row.hidden, "\(where_): hidden \(assessment.hidden)")
    }
    let found = Set(assessment.findings.map(\.id))
    for id in row.present where supported(id, assessment, directed: directed) {
      #expect(found.contains(id), "\(where_): \(id) expected, found \(found.sorted())")
    }
    for id in row.absent where supported(id, assessment, directed: directed) {
      #expect(!found.contains(id), "\(where_): \(id) not expected")
    }
  }

  /// Findings the text `iw` prints can back or rule out: a beacon/probe mismatch needs both
  /// element lists (`scan dump -b`), and a directed scan shows hidden SSIDs.
  private func supported(_ id: String, _ assessment: NetworkAssessment, directed: Bool) -> Bool {
    switch id {
    case "beacon-probe-mismatch": assessment.record.beaconIes != nil
    case "hidden-ssid": !directed
    default: true
    }
  }

  private func wpsText(_ assessment: NetworkAssessment) -> String {
    guard let wps = assessment.wps else { return "off" }
    guard let state = wps.state else { return "on" }
    return "on:\(state.rawValue)"
  }

  // MARK: - Exact elements from the lab's text

  func labRecord(_ bssid: String) throws -> BSSRecord {
    let result = try IwScanText.parse(try Fixtures.bytes("lab/iw/scan-dump.txt"))
    let mac = try #require(MACAddress(bssid))
    return try #require(result.capture.bss.first { $0.bssid == mac })
  }

  @Test func recordFields() throws {
    let record = try labRecord("02:00:00:00:00:00")
    #expect(record.frequency == 2412)
    #expect(record.signalMBm == -3000)
    #expect(record.capability == 0x0401)
    #expect(record.beaconInterval == 100)
    // The lab re-records this file; how long ago varies, that it is read does not.
    #expect(record.seenMsAgo != nil)
    #expect(record.status == nil)
    #expect(record.beaconIes == nil)
    let elements = NetworkAssessment.assess(record).elements
    #expect(elements.ssid == Array("lab-open".utf8))
    #expect(elements.dsChannel == 1)
    #expect(elements.ht)
    #expect(!elements.vht)
    #expect(elements.anomalies.isEmpty)
  }

  @Test func rsnElementIsRebuiltByteForByte() throws {
    let record = try labRecord("02:00:00:00:02:02")
    let rsn: [UInt8] = [
      0x30, 0x14, 0x01, 0x00, 0x00, 0x0F, 0xAC, 0x04, 0x01, 0x00, 0x00, 0x0F, 0xAC, 0x04,
      0x01, 0x00, 0x00, 0x0F, 0xAC, 0x08, 0xCC, 0x00,
    ]
    #expect(record.ies.windows(ofCount: rsn.count).contains { $0.elementsEqual(rsn) })
  }

  @Test func wpsAttributesAreCarried() throws {
    let elements = NetworkAssessment.assess(try labRecord("02:00:00:00:05:00")).elements
    let wps = try #require(elements.wps)
    #expect(wps.version == 0x10)
    #expect(wps.version2 == 0x20)
    #expect(wps.state == .unconfigured)
    #expect(wps.configMethods == 0x010C)
    #expect(wps.offersPIN)
    #expect(wps.deviceName == Array("wifirisk lab router".utf8))
    #expect(wps.manufacturer == Array("wifirisk lab".utf8))
    #expect(wps.modelName == Array("lab".utf8))
    #expect(wps.modelNumber == [0x20])
    #expect(elements.anomalies.isEmpty)
  }

  @Test func interworkingAndRoamingConsortium() throws {
    let elements = NetworkAssessment.assess(try labRecord("02:00:00:00:00:02")).elements
    let interworking = try #require(elements.interworking)
    #expect(interworking.accessNetworkType == 2)
    #expect(interworking.internet)
    #expect(!interworking.asra)
    #expect(interworking.venueGroup == 1)
    #expect(interworking.venueType == 13)
    #expect(interworking.hessid == MACAddress("02:00:00:00:00:02"))
    #expect(elements.roamingConsortium?.ois == [[0x00, 0x1B, 0xC5, 0x04, 0xBD]])
    #expect(elements.roamingConsortium?.anqpOICount == 0)

    let free = NetworkAssessment.assess(try labRecord("02:00:00:00:00:03")).elements
    #expect(free.interworking?.asra == true)
    #expect(free.interworking?.hessid == nil)
  }

  @Test func oweTransitionPair() throws {
    let open = NetworkAssessment.assess(try labRecord("02:00:00:00:03:01")).elements
    let owe = try #require(open.oweTransition)
    #expect(owe.bssid == MACAddress("02:00:00:00:03:02"))
    #expect(owe.ssid == Array("lab-owe-transition-hidden".utf8))
    #expect(open.ssid == Array("lab-owe-transition".utf8))
    let hidden = NetworkAssessment.assess(try labRecord("02:00:00:00:03:02"))
    #expect(hidden.hidden)
    #expect(hidden.elements.oweTransition?.ssid == Array("lab-owe-transition".utf8))
  }

}

extension Array {
  /// Every run of `count` consecutive elements.
  fileprivate func windows(ofCount count: Int) -> [ArraySlice<Element>] {
    guard count > 0, count <= self.count else { return [] }
    return (0...(self.count - count)).map { self[$0..<($0 + count)] }
  }
}
