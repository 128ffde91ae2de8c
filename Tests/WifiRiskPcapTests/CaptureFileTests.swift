import Foundation
import TestSupport
import Testing
import WifiRiskCore

@testable import WifiRiskPcap

@Suite struct CaptureFileTests {
  static let subsetSize = 34  // make.py: the first beacon of each of 17 APs, 17 probe responses

  func read(_ relative: String) throws -> CaptureResult {
    try CaptureFile.read(path: CaptureFixtures.path(relative))
  }

  func wpsText(_ wps: WPSElement?) -> String {
    guard let wps else { return "off" }
    return wps.state.map { "on:\($0.rawValue)" } ?? "on"
  }

  // MARK: the lab's real recording

  @Test func theLabRecordingFindsEveryAccessPointWithItsFrequency() throws {
    let result = try read(CaptureFixtures.lab)
    let stats = result.stats
    #expect(stats.packets > 0)
    #expect(stats.beacons > 0)
    #expect(stats.probeResponses >= 17)
    // hwsim0 records only beacons and probe responses, all well-formed, without FCS.
    #expect(stats.used == stats.packets)
    #expect(stats.badFCS == 0 && stats.malformed == 0 && stats.snapped == 0)
    #expect(!stats.truncatedEnd)
    #expect(result.notes.isEmpty)
    #expect(result.capture.source == "pcap")
    // The time of the latest frame (tcpdump -tt shows the same second).
    #expect(result.capture.capturedAt == "2026-11-25T11:52:48Z")

    let found = Dictionary(
      uniqueKeysWithValues: result.capture.bss.map { ($0.bssid.description, $0) })
    #expect(Set(found.keys) == Set(CaptureFixtures.labFrequencies.keys))
    for (bssid, frequency) in CaptureFixtures.labFrequencies {
      let record = try #require(found[bssid])
      #expect(record.frequency == frequency, "\(bssid)")
      #expect(record.beaconInterval == 100, "\(bssid)")
      #expect(record.beaconIes != nil, "\(bssid)")
      #expect(record.seenMsAgo != nil, "\(bssid)")
      // hwsim's radiotap header has TSFT, Flags, Rate and Channel, but no signal field.
      #expect(record.signalMBm == nil, "\(bssid)")
    }
  }

  @Test(arguments: try LabExpectation.load())
  func theLabRecordingRatesLikeTheLabExpects(_ row: LabExpectation) throws {
    let result = try read(CaptureFixtures.lab)
    let record = try #require(result.capture.bss.first { $0.bssid.description == row.bssid })
    let assessment = NetworkAssessment.assess(record)
    #expect(row.security.contains(assessment.security.rawValue))
    #expect(assessment.pmf.rawValue == row.pmf)
    #expect(assessment.hidden == row.hidden)
    #expect(assessment.ssid.map { String(decoding: $0, as: UTF8.self) } == row.ssid)
    let wps = wpsText(assessment.wps)
    #expect(row.wps == "on" ? wps.hasPrefix("on") : wps == row.wps)
    let ids = assessment.findings.map(\.id)
    for id in row.present { #expect(ids.contains(id), "\(id) missing: \(ids)") }
    for id in row.absent { #expect(!ids.contains(id), "\(id) present: \(ids)") }
  }

  // MARK: the same frames in other shapes

  /// Derived captures, and the signal make.py gave them (nil: the header carries none).
  static let derived: [(file: String, hasFrequency: Bool, hasSignal: Bool)] = [
    ("captures/lab-radiotap.pcapng", true, false),
    ("captures/lab-radiotap-fcs.pcap", true, true),
    ("captures/lab-80211.pcap", false, false),
    ("captures/lab-80211-fcs.pcap", false, false),
    ("captures/lab-prism.pcap", true, true),
    ("captures/lab-avs.pcap", true, true),
    ("captures/lab-ppi.pcap", true, true),
  ]

  @Test(arguments: derived)
  func everyShapeGivesTheSameRecords(_ file: String, _ hasFrequency: Bool, _ hasSignal: Bool)
    throws
  {
    let reference = try read("captures/lab-radiotap.pcap")
    let result = try read(file)
    #expect(result.capture.bss.count == 17)
    #expect(result.capture.bss.map(\.bssid) == reference.capture.bss.map(\.bssid))
    #expect(result.capture.capturedAt == reference.capture.capturedAt)
    for (index, (record, expected)) in zip(result.capture.bss, reference.capture.bss).enumerated() {
      #expect(record.ies == expected.ies, "\(record.bssid)")
      #expect(record.beaconIes == expected.beaconIes, "\(record.bssid)")
      #expect(record.capability == expected.capability, "\(record.bssid)")
      #expect(record.beaconInterval == expected.beaconInterval, "\(record.bssid)")
      #expect(record.seenMsAgo == expected.seenMsAgo, "\(record.bssid)")
      #expect(record.frequency == (hasFrequency ? expected.frequency : nil), "\(record.bssid)")
      // make.py: -40 dBm minus the AP's index in first-seen order.
      #expect(record.signalMBm == (hasSignal ? (-40 - index) * 100 : nil), "\(record.bssid)")
    }
    #expect(result.stats.malformed == 0)
    #expect(!result.stats.truncatedEnd)
  }

  @Test func badFCSFramesAreSkippedAndCounted() throws {
    let result = try read("captures/lab-radiotap-fcs.pcap")
    #expect(result.stats.badFCS == 2)
    #expect(result.stats.used == Self.subsetSize)
    #expect(
      result.notes == [
        "2 frames failed the FCS check and were skipped (first: packet 35, the capture device "
          + "reported a failed FCS check)"
      ])
    // The corrupted copies turned lab-wpa3's SAE into PSK: had one been used, this would fail.
    let record = try #require(
      result.capture.bss.first { $0.bssid.description == "02:00:00:00:02:02" })
    #expect(NetworkAssessment.assess(record).security == .wpa3Personal)
    #expect(record.signalMBm != -2000)
  }

  @Test func bigEndianNanosecondPcap() throws {
    let result = try read("captures/lab-radiotap-be-ns.pcap")
    let reference = try read("captures/lab-radiotap.pcap")
    #expect(result.stats.packets == 4)
    #expect(result.capture.bss.count == 4)
    for record in result.capture.bss {
      let expected = try #require(reference.capture.bss.first { $0.bssid == record.bssid })
      #expect(record.beaconIes == expected.beaconIes)
      #expect(record.frequency == expected.frequency)
    }
  }

  // MARK: broken and unusual files

  @Test func brokenPacketsAreEachCountedOnce() throws {
    let result = try read("captures/bad-packets.pcap")
    let stats = result.stats
    #expect(stats.packets == 13)
    #expect(stats.beacons == 1)
    #expect(stats.ignored == 2)
    #expect(stats.malformed == 8)
    #expect(stats.snapped == 1)
    #expect(stats.badFCS == 1)
    #expect(result.capture.bss.map(\.bssid.description) == ["02:00:00:00:00:00"])
    #expect(result.notes.count == 3)
    #expect(
      result.notes.first { $0.contains("malformed") }
        == "8 malformed packets were skipped (first: packet 2, radiotap length 500 runs past "
        + "the 188-byte packet)")
  }

  @Test func aTruncatedLastPacketEndsTheFileWithANote() throws {
    let result = try read("captures/bad-truncated-end.pcap")
    #expect(result.stats.truncatedEnd)
    #expect(result.stats.packets == Self.subsetSize - 1)
    #expect(result.capture.bss.count == 17)
    let note = try #require(result.notes.last)
    #expect(note.hasPrefix("the capture ends early (truncated dump file; tried to read"))
    #expect(note.hasSuffix("the 33 packets before it were read"))
  }

  /// The lab recording's packets `repetitions` times over, in a temporary pcap file, less
  /// `dropping` bytes at its end.
  func longCapture(repetitions: Int, dropping: Int = 0) throws -> URL {
    let seed = try CaptureFixtures.bytes(CaptureFixtures.lab)
    var bytes = Array(seed.prefix(24))
    for _ in 0..<repetitions { bytes += seed.dropFirst(24) }
    bytes.removeLast(dropping)
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("wifirisk-long-\(UUID().uuidString).pcap")
    try Data(bytes).write(to: file)
    return file
  }

  @Test func aLongCaptureReadsLikeItsPartsAcrossManyBatches() throws {
    // Seven times the lab recording: several thousand packets and close to a megabyte, so
    // that many batches pass from the reading thread to the assembling one.
    let file = try longCapture(repetitions: 7)
    defer { try? FileManager.default.removeItem(at: file) }
    let once = try read(CaptureFixtures.lab)
    let long = try CaptureFile.read(path: file.path)
    #expect(long.stats.packets == 7 * once.stats.packets)
    #expect(long.stats.packets > 3 * PacketBatch.packetLimit)
    #expect(long.stats.beacons == 7 * once.stats.beacons)
    #expect(long.stats.probeResponses == 7 * once.stats.probeResponses)
    #expect(!long.stats.truncatedEnd)
    #expect(long.capture.bss == once.capture.bss)
    #expect(long.notes == once.notes)
    // Without the reading thread (no thread to be had), the same result.
    let alone = try CaptureFile.read(path: file.path, onAThreadOfItsOwn: false)
    #expect(alone == long)
  }

  @Test func aLongCaptureCutInItsLastPacketKeepsEverythingBefore() throws {
    // The lab recording's last packet is 10 bytes or longer; cut 10 bytes from the end, the
    // long capture must read exactly like the same packets without the last one.
    let seed = try CaptureFixtures.bytes(CaptureFixtures.lab)
    var offset = 24
    var last = 0
    while offset + 16 <= seed.count {
      last = offset
      let caplen = seed[offset + 8..<offset + 12].reversed().reduce(0) { $0 << 8 | Int($1) }
      offset += 16 + caplen
    }
    let cut = try longCapture(repetitions: 7, dropping: 10)
    let clean = try longCapture(repetitions: 7, dropping: seed.count - last)
    defer {
      try? FileManager.default.removeItem(at: cut)
      try? FileManager.default.removeItem(at: clean)
    }
    let truncated = try CaptureFile.read(path: cut.path)
    let expected = try CaptureFile.read(path: clean.path)
    #expect(try CaptureFile.read(path: cut.path, onAThreadOfItsOwn: false) == truncated)
    #expect(truncated.stats.truncatedEnd)
    #expect(!expected.stats.truncatedEnd)
    #expect(truncated.stats.packets == expected.stats.packets)
    #expect(truncated.stats.packets > 3 * PacketBatch.packetLimit)
    #expect(truncated.capture.bss == expected.capture.bss)
    let note = try #require(truncated.notes.last)
    #expect(note.hasSuffix("the \(expected.stats.packets) packets before it were read"))
  }

  @Test(arguments: ["captures/empty.pcap", "captures/empty.pcapng"])
  func emptyCaptures(_ file: String) throws {
    let result = try read(file)
    #expect(result.capture.bss.isEmpty)
    #expect(result.stats.packets == 0)
    #expect(result.notes == ["the capture holds no packets"])
  }

  @Test func anEthernetCaptureIsNamedInTheNote() throws {
    let result = try read("captures/ethernet.pcap")
    #expect(result.capture.bss.isEmpty)
    #expect(result.stats.otherLinkType == 3)
    let note = try #require(result.notes.first)
    #expect(note.hasPrefix("the capture's link type is EN10MB (Ethernet) (1), which carries no"))
  }

  @Test(arguments: [
    ("captures/bad-header.pcap", "truncated dump file; tried to read 24 file header bytes"),
    ("bad/bad-garbage.bin", "unknown file format"),
    ("captures/no-such-file.pcap", "No such file or directory"),
  ])
  func filesLibpcapCannotOpenGiveItsMessageWithoutThePath(_ file: String, _ message: String) {
    let path = CaptureFixtures.path(file)
    let error = #expect(throws: CaptureError.self) { try CaptureFile.read(path: path) }
    let text = error?.description ?? ""
    #expect(text.contains(message), "\(text)")
    #expect(!text.contains(path), "\(text)")
    #expect(!text.contains("\n"))
  }

  @Test(arguments: [
    ("captures/lab-radiotap.pcap", true), ("captures/lab-radiotap.pcapng", true),
    ("captures/lab-radiotap-be-ns.pcap", true), ("captures/empty.pcapng", true),
    ("captures/bad-header.pcap", true), ("lab/captures/lab.pcap", true),
    ("bad/bad-garbage.bin", false), ("captures/make.py", false),
  ])
  func looksLikeCaptureFromTheFirstBytes(_ file: String, _ expected: Bool) throws {
    let bytes = try CaptureFixtures.bytes(file)
    #expect(CaptureFile.looksLikeCapture(Array(bytes.prefix(16))) == expected)
  }
}

/// The radiotap capture of the current-hostapd lab set (`Tests/Lab/run` with
/// `WIFIRISK_LAB_HOSTAPD`): read with libpcap, it rates as the scan did.
@Suite struct CurrentHostapdCaptureTests {
  @Test(arguments: try LabExpectation.load(LabExpectation.currentHostapdTable))
  func theCaptureRatesLikeTheTableSays(_ row: LabExpectation) throws {
    let result = try CaptureFile.read(
      path: CaptureFixtures.path("lab/captures/current-hostapd.pcap"))
    #expect(result.stats.badFCS == 0 && result.stats.malformed == 0)
    let record = try #require(result.capture.bss.first { $0.bssid.description == row.bssid })
    let assessment = NetworkAssessment.assess(record)
    #expect(row.security.contains(assessment.security.rawValue))
    #expect(assessment.pmf.rawValue == row.pmf)
    let ids = assessment.findings.map(\.id)
    for id in row.present { #expect(ids.contains(id), "\(id) missing: \(ids)") }
    for id in row.absent { #expect(!ids.contains(id), "\(id) present: \(ids)") }
    // The channel is the one the access point announces, 6 GHz included.
    #expect(assessment.frequency == record.frequency)
  }
}
