import TestSupport
import Testing
import WifiRiskCore

@Suite struct CaptureAssemblerTests {
  let other: [UInt8] = [0x02, 0x00, 0x00, 0x00, 0x00, 0x07]

  func ssid(_ name: String) -> [UInt8] { [0x00, UInt8(name.utf8.count)] + Array(name.utf8) }

  func packet(
    subtype: UInt8 = 8, bssid: [UInt8] = CaptureBytes.bssid, elements: [UInt8],
    frequency: UInt16 = 2462, signal: Int8? = -50, capability: UInt16 = 0x0411
  ) -> [UInt8] {
    CaptureBytes.radiotap(flags: 0, frequency: frequency, signal: signal)
      + CaptureBytes.management(
        subtype: subtype, bssid: bssid, capability: capability, elements: elements)
  }

  func time(_ seconds: Int64, _ microseconds: Int64 = 0) -> CaptureTime {
    CaptureTime(seconds: seconds, microseconds: microseconds)
  }

  @Test func beaconsOnlyGiveTheLatestBeaconAsBothLists() throws {
    var assembler = CaptureAssembler(linkType: .radiotap)
    let first = packet(elements: ssid("one"))
    let second = packet(elements: ssid("two"), signal: -40, capability: 0x0431)
    assembler.add(first, originalLength: first.count, time: time(1_700_000_000))
    assembler.add(second, originalLength: second.count, time: time(1_700_000_001, 500_000))
    let result = assembler.result()
    let record = try #require(result.capture.bss.first)
    #expect(result.capture.bss.count == 1)
    #expect(record.ies == ssid("two"))
    #expect(record.beaconIes == ssid("two"))
    #expect(record.capability == 0x0431)
    #expect(record.signalMBm == -4000)
    #expect(record.frequency == 2462)
    #expect(record.beaconInterval == 100)
    #expect(record.seenMsAgo == 0)
    #expect(result.capture.source == "pcap")
    #expect(result.capture.capturedAt == "2023-11-14T22:13:21Z")
    #expect(result.stats.beacons == 2)
    #expect(result.notes.isEmpty)
  }

  @Test func theProbeResponseIsTheLatestListAndTheBeaconIsKeptApart() throws {
    var assembler = CaptureAssembler(linkType: .radiotap)
    let probe = packet(subtype: 5, elements: ssid("probe"))
    let beacon = packet(elements: ssid("beacon"))
    let laterBeacon = packet(elements: ssid("beacon2"), signal: nil)
    for (index, bytes) in [probe, beacon, laterBeacon].enumerated() {
      assembler.add(bytes, originalLength: bytes.count, time: time(100 + Int64(index)))
    }
    let record = try #require(assembler.result().capture.bss.first)
    #expect(record.ies == ssid("probe"))
    #expect(record.beaconIes == ssid("beacon2"))
    // The last frame had no signal: the one before it stands.
    #expect(record.signalMBm == -5000)
  }

  @Test func probeResponsesOnlyLeaveTheBeaconListAbsent() throws {
    var assembler = CaptureAssembler(linkType: .radiotap)
    let probe = packet(subtype: 5, elements: ssid("probe"))
    assembler.add(probe, originalLength: probe.count)
    let record = try #require(assembler.result().capture.bss.first)
    #expect(record.ies == ssid("probe"))
    #expect(record.beaconIes == nil)
    #expect(record.seenMsAgo == nil)
    #expect(assembler.result().capture.capturedAt == nil)
  }

  @Test func manyAccessPointsInAnyOrderKeepTheirOwnRecords() throws {
    // More BSSIDs than the assembler's cache of recent ones has slots, so that addresses
    // share slots and push each other out: every frame must still land in its own record.
    var rng = MutationRNG(seed: 0x4341_4348)
    let addresses = (0..<700).map { number -> [UInt8] in
      [0x02, UInt8(number % 3), 0x00, UInt8(number >> 8), UInt8(number & 0xFF), 0x00]
    }
    var assembler = CaptureAssembler(linkType: .radiotap)
    var lastSSID: [Int: String] = [:]
    for round in 0..<4 {
      var order = Array(addresses.indices)
      if round > 0 { order.shuffle(using: &rng) }
      for number in order {
        let name = "ap\(number)-r\(round)"
        let bytes = packet(bssid: addresses[number], elements: ssid(name))
        assembler.add(bytes, originalLength: bytes.count)
        lastSSID[number] = name
      }
    }
    let result = assembler.result()
    #expect(result.capture.bss.map(\.bssid.bytes) == addresses)
    for (number, record) in result.capture.bss.enumerated() {
      #expect(record.ies == ssid(try #require(lastSSID[number])), "\(record.bssid)")
    }
    #expect(result.stats.beacons == 4 * addresses.count)
  }

  @Test func oneRecordPerBSSIDInTheOrderFirstSeen() {
    var assembler = CaptureAssembler(linkType: .radiotap)
    for round in 0..<50 {
      for bssid in [other, CaptureBytes.bssid] {
        let bytes = packet(bssid: bssid, elements: ssid("r\(round)"))
        assembler.add(bytes, originalLength: bytes.count, time: time(1000 + Int64(round)))
      }
    }
    let result = assembler.result()
    #expect(result.capture.bss.map(\.bssid.bytes) == [other, CaptureBytes.bssid])
    #expect(result.capture.bss.allSatisfy { $0.ies == ssid("r49") })
    #expect(result.stats.packets == 100)
    #expect(result.stats.used == 100)
  }

  @Test func seenMsAgoCountsFromTheLastPacketOfTheCapture() throws {
    var assembler = CaptureAssembler(linkType: .radiotap)
    let a = packet(elements: ssid("a"))
    let b = packet(bssid: other, elements: ssid("b"))
    assembler.add(a, originalLength: a.count, time: time(2000, 250_000))
    assembler.add(b, originalLength: b.count, time: time(2003, 0))
    let records = assembler.result().capture.bss
    #expect(records.map(\.seenMsAgo) == [2750, 0])
  }

  @Test func everyPacketIsCountedOnceWithNotesForTheSkipped() {
    var assembler = CaptureAssembler(linkType: .radiotap)
    let good = packet(elements: ssid("ok"))
    let bad = CaptureBytes.radiotap(flags: 0x50) + CaptureBytes.management()
    let data = CaptureBytes.radiotap(flags: 0) + [0x08, 0x02, 0, 0]
    let inputs: [([UInt8], Int)] = [
      (good, good.count), (bad, bad.count), (data, data.count), ([0, 0], 2),
      (good, good.count + 10),
    ]
    for (bytes, length) in inputs { assembler.add(bytes, originalLength: length) }
    assembler.endEarly("truncated dump file; tried to read 200 captured bytes, only got 20")
    let result = assembler.result()
    let stats = result.stats
    #expect(stats.packets == 5)
    #expect(stats.used == 1)
    #expect(stats.badFCS == 1)
    #expect(stats.ignored == 1)
    #expect(stats.malformed == 1)
    #expect(stats.snapped == 1)
    #expect(stats.truncatedEnd)
    #expect(
      stats.packets
        == stats.used + stats.ignored + stats.badFCS + stats.malformed + stats.snapped
        + stats.otherLinkType)
    #expect(
      result.notes == [
        "1 frame failed the FCS check and was skipped (first: packet 2, the capture device "
          + "reported a failed FCS check)",
        "1 malformed packet was skipped (first: packet 4, radiotap header cut short: 2 of 8 "
          + "bytes)",
        "1 beacon or probe response was cut short by the capture's snapshot length and skipped "
          + "(first: packet 5, beacon cut to \(good.count) of \(good.count + 10) bytes by the "
          + "snapshot length); capture again with a larger snapshot length (tcpdump -s 0)",
        "the capture ends early (truncated dump file; tried to read 200 captured bytes, only "
          + "got 20); the 5 packets before it were read",
      ])
  }

  @Test func aCaptureOfAnotherLinkTypeSaysSo() {
    var assembler = CaptureAssembler(linkType: .other(1), linkTypeName: "EN10MB (Ethernet)")
    for _ in 0..<3 { assembler.add([0xFF, 0xFF], originalLength: 2) }
    let result = assembler.result()
    #expect(result.capture.bss.isEmpty)
    #expect(result.stats.otherLinkType == 3)
    #expect(
      result.notes == [
        "the capture's link type is EN10MB (Ethernet) (1), which carries no 802.11 frames: "
          + "wifirisk reads 802.11 captures from a monitor-mode interface (bare, or with "
          + "radiotap, Prism, AVS or PPI headers)"
      ])
  }

  @Test func emptyAndBeaconlessCapturesSaySo() {
    #expect(
      CaptureAssembler(linkType: .radiotap).result().notes == ["the capture holds no packets"])
    var assembler = CaptureAssembler(linkType: .ieee80211)
    assembler.add([0x08, 0x02, 0, 0], originalLength: 4)
    #expect(
      assembler.result().notes == [
        "no beacons or probe responses among the 1 packet: capture on a monitor-mode "
          + "interface to record access points"
      ])
  }

  @Test(arguments: [
    (Int64(0), String?.none), (1, "1970-01-01T00:00:01Z"), (951_782_400, "2000-02-29T00:00:00Z"),
    (1_795_606_283, "2026-11-25T11:31:23Z"), (4_107_542_399, "2100-02-28T23:59:59Z"),
    (253_402_300_799, "9999-12-31T23:59:59Z"), (253_402_300_800, nil), (-5, nil),
  ])
  func rfc3339(_ seconds: Int64, _ expected: String?) {
    #expect(CaptureTime(seconds: seconds, microseconds: 0).rfc3339 == expected)
  }

  @Test func absurdTimesNeitherTrapNorGiveAnAge() throws {
    var assembler = CaptureAssembler(linkType: .radiotap)
    let a = packet(elements: ssid("a"))
    assembler.add(a, originalLength: a.count, time: time(Int64.min, -1))
    assembler.add(a, originalLength: a.count, time: time(Int64.max, Int64.max))
    let record = try #require(assembler.result().capture.bss.first)
    #expect(record.seenMsAgo == nil)
    #expect(assembler.result().capture.capturedAt == nil)
  }

  /// Ages up to the 32 bits of milliseconds nl80211 and scan files hold are kept, and such
  /// a capture saves to a fixture that reads back; older sightings get no age (found by
  /// fuzzing: Tests/Fuzz/regressions/regress-pcap-age-past-fixture-range).
  @Test(arguments: [
    (Int64(2_346_592), Int?.some(2_346_592_000)), (4_294_967, 4_294_967_000), (4_294_968, nil),
  ])
  func agesFitWhatAScanFileHolds(_ seconds: Int64, _ age: Int?) throws {
    var assembler = CaptureAssembler(linkType: .radiotap)
    let a = packet(elements: ssid("a"))
    let b = packet(bssid: other, elements: ssid("b"))
    assembler.add(a, originalLength: a.count, time: time(1_700_000_000))
    assembler.add(b, originalLength: b.count, time: time(1_700_000_000 + seconds))
    let capture = assembler.result().capture
    #expect(capture.bss.map(\.seenMsAgo) == [age, 0])
    #expect(try Fixture.decode(Array(Fixture.encode(capture).utf8)) == capture)
  }
}
