import Testing
@testable import WifiRiskCore

/// Builds Wireless Extensions events the way a 64-bit kernel packs them (`iwe_stream_add_*`
/// with `IW_EV_LCP_LEN` = 8 and `IW_EV_POINT_LEN` = 16), for tests.
enum WextStream {
  static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
  static func le32(_ value: UInt32) -> [UInt8] {
    le16(UInt16(value & 0xFFFF)) + le16(UInt16(value >> 16))
  }

  /// Header (len, cmd) and the 4 padding bytes, then `payload`.
  static func event(_ command: WextCommand, _ payload: [UInt8]) -> [UInt8] {
    le16(UInt16(8 + payload.count)) + le16(command.rawValue) + [0, 0, 0, 0] + payload
  }

  static func address(_ bssid: [UInt8], family: UInt16 = 1) -> [UInt8] {
    event(.accessPoint, le16(family) + bssid + [UInt8](repeating: 0, count: 14 - bssid.count))
  }

  static func frequency(m: Int32, e: Int16) -> [UInt8] {
    event(.frequency, le32(UInt32(bitPattern: m)) + le16(UInt16(bitPattern: e)) + [0, 0])
  }

  static func mode(_ value: UInt32) -> [UInt8] { event(.mode, le32(value)) }

  static func quality(level: UInt8, updated: UInt8, quality: UInt8 = 40) -> [UInt8] {
    event(.quality, [quality, level, 0, updated])
  }

  static func rates(_ values: [Int32]) -> [UInt8] {
    event(.rate, values.flatMap { le32(UInt32(bitPattern: $0)) + [0, 0, 0, 0] })
  }

  /// A point event: length and flags at 8, 4 padding bytes, data at 16.
  static func point(_ command: WextCommand, flags: UInt16 = 0, _ data: [UInt8]) -> [UInt8] {
    le16(UInt16(16 + data.count)) + le16(command.rawValue) + [0, 0, 0, 0]
      + le16(UInt16(data.count)) + le16(flags) + [0, 0, 0, 0] + data
  }

  /// One cfg80211-style cell.
  static func cell(
    bssid: [UInt8], ssid: [UInt8], channel: Int32 = 6, megahertz: Int32 = 2437,
    privacy: Bool = true, mode: UInt32 = 3, level: UInt8 = 0xC4, elements: [UInt8]? = nil
  ) -> [UInt8] {
    let ies = elements ?? ([0, UInt8(ssid.count)] + ssid)
    return address(bssid) + frequency(m: channel, e: 0) + frequency(m: megahertz, e: 6)
      + quality(level: level, updated: 0x0B)
      + point(.encode, flags: privacy ? 0x0800 : 0x8000, [])
      + point(.essid, flags: 1, ssid) + rates([1_000_000, 54_000_000]) + WextStream.mode(mode)
      + point(.custom, Array("tsf=0000000000001234".utf8))
      + point(.custom, Array(" Last beacon: 120ms ago".utf8)) + point(.genericIE, ies)
  }
}

@Suite struct WextEventStreamTests {
  @Test func walksEachPayloadShape() throws {
    let bytes =
      WextStream.address([2, 0, 0, 0, 2, 0]) + WextStream.frequency(m: 2412, e: 6)
      + WextStream.mode(3) + WextStream.quality(level: 0xC4, updated: 0x08)
      + WextStream.point(.essid, flags: 1, Array("lab".utf8)) + WextStream.rates([1, 2, 3])
    let (events, issues) = WextEventWalker.walk(bytes)
    #expect(issues.isEmpty)
    #expect(events.map(\.command) == [.accessPoint, .frequency, .mode, .quality, .essid, .rate])
    #expect(events.map(\.offset) == [0, 24, 40, 52, 64, 83])
    #expect(
      events[0].value
        == .address(family: 1, data: [2, 0, 0, 0, 2, 0] + [UInt8](repeating: 0, count: 8)))
    #expect(events[1].value == .frequency(WextFrequency(mantissa: 2412, exponent: 6)))
    #expect(events[2].value == .integer(3))
    #expect(
      events[3].value == .quality(WextQuality(quality: 40, level: 0xC4, noise: 0, updated: 8)))
    #expect(events[4].value == .point(length: 3, flags: 1, data: Array("lab".utf8)))
    #expect(
      events[5].value
        == .parameters([WextParameter(value: 1), WextParameter(value: 2), WextParameter(value: 3)]))
  }

  @Test func unknownCommandsAreKeptRaw() {
    let bytes = WextStream.event(WextCommand(rawValue: 0x8CFF), [1, 2, 3, 4])
    let (events, issues) = WextEventWalker.walk(bytes)
    #expect(issues.isEmpty)
    #expect(
      events == [
        WextEvent(
          offset: 0, command: WextCommand(rawValue: 0x8CFF), value: .raw([0, 0, 0, 0, 1, 2, 3, 4]))
      ])
    #expect(WextCommand(rawValue: 0x8CFF).description == "0x8cff")
    #expect(WextCommand.genericIE.description == "IWEVGENIE")
  }

  @Test(arguments: [0, 1, 2, 3])
  func lengthShorterThanTheHeaderStopsTheWalk(length: UInt16) {
    let bytes = WextStream.mode(3) + WextStream.le16(length) + WextStream.le16(0x8B07) + [1, 2, 3]
    let (events, issues) = WextEventWalker.walk(bytes)
    #expect(events.count == 1)
    #expect(issues.count == 1)
    #expect(issues.first?.offset == 12)
    #expect(issues.first?.detail.contains("shorter than the 4-byte event header") == true)
  }

  @Test func lengthPastTheEndIsRecorded() {
    var bytes = WextStream.point(.genericIE, [0xDD, 0x01, 0x00])
    bytes[0] = 200
    let (events, issues) = WextEventWalker.walk(bytes)
    #expect(events.isEmpty)
    #expect(
      issues == [
        WextStreamIssue(
          offset: 0, event: "IWEVGENIE", detail: "length 200 runs past the end (19 bytes left)")
      ])
  }

  @Test func trailingBytesAreRecorded() {
    let (events, issues) = WextEventWalker.walk(WextStream.mode(1) + [7, 7])
    #expect(events.count == 1)
    #expect(issues.map(\.offset) == [12])
  }

  @Test func pointLengthDisagreeingWithItsBytes() throws {
    // Declares 10 data bytes, carries 3: the 3 are kept.
    var long = WextStream.point(.genericIE, [1, 2, 3])
    long[8] = 10
    let (events, issues) = WextEventWalker.walk(long)
    #expect(events.first?.value == .point(length: 10, flags: 0, data: [1, 2, 3]))
    #expect(issues.first?.detail == "declares 10 data bytes, 3 present")
    // Declares 1, carries 3: the first byte is the data, the rest recorded.
    var short = WextStream.point(.genericIE, [1, 2, 3])
    short[8] = 1
    let (events2, issues2) = WextEventWalker.walk(short)
    #expect(events2.first?.value == .point(length: 1, flags: 0, data: [1]))
    #expect(issues2.first?.offset == 17)
  }

  @Test func payloadTooShortForItsShapeIsKeptRaw() {
    // An address event with 4 payload bytes instead of 16.
    let bytes = WextStream.le16(12) + WextStream.le16(0x8B15) + [0, 0, 0, 0, 1, 0, 2, 0]
    let (events, issues) = WextEventWalker.walk(bytes)
    #expect(events.first?.value == .raw([0, 0, 0, 0, 1, 0, 2, 0]))
    #expect(issues.count == 1)
  }

  @Test func the32BitLayout() {
    // 32-bit reader: payload at 4, point data at 8.
    let essid =
      WextStream.le16(13) + WextStream.le16(0x8B1B) + WextStream.le16(5) + WextStream.le16(1)
      + Array("hello".utf8)
    let mode = WextStream.le16(8) + WextStream.le16(0x8B07) + WextStream.le32(2)
    let (events, issues) = WextEventWalker.walk(essid + mode, layout: .ilp32)
    #expect(issues.isEmpty)
    #expect(
      events.map(\.value) == [.point(length: 5, flags: 1, data: Array("hello".utf8)), .integer(2)])
  }

  @Test func bigEndianLayout() {
    let layout = WextStreamLayout(payloadOffset: 8, pointDataOffset: 16, bigEndian: true)
    let bytes: [UInt8] = [0, 12, 0x8B, 0x07, 0, 0, 0, 0, 0, 0, 0, 3]
    #expect(WextEventWalker.walk(bytes, layout: layout).events.first?.value == .integer(3))
  }

  @Test func nativeLayoutOnThisMachine() {
    #expect(WextStreamLayout.native == (MemoryLayout<Int>.size == 8 ? .lp64 : .ilp32))
  }

  @Test(
    arguments: [
      (Int32(2412), Int16(6), 2412, nil), (Int32(6), 0, nil, 6), (Int32(241_200_000), 1, 2412, nil),
      (Int32(5180), 6, 5180, nil), (Int32(2_412_000), 3, 2412, nil), (Int32(0), 6, nil, nil),
      (Int32(0), 0, nil, 0),
      (Int32(-5), 6, nil, nil), (Int32(1), Int16.max, nil, nil), (Int32.max, Int16.min, nil, nil),
      (Int32(5), 16, nil, nil), (Int32(1000), 0, nil, nil),
    ] as [(Int32, Int16, Int?, Int?)])
  func frequencies(m: Int32, e: Int16, megahertz: Int?, channel: Int?) {
    let value = WextFrequency(mantissa: m, exponent: e)
    #expect(value.megahertz == megahertz)
    #expect(value.channel == channel)
  }

  @Test func qualityLevels() {
    #expect(WextQuality(quality: 0, level: 0xC4, noise: 0, updated: 0x08).levelMBm == -6000)
    #expect(WextQuality(quality: 0, level: 10, noise: 0, updated: 0x08).levelMBm == 1000)
    #expect(WextQuality(quality: 0, level: 0xC4, noise: 0, updated: 0x28).levelMBm == nil)
    #expect(WextQuality(quality: 0, level: 60, noise: 0, updated: 0x00).levelMBm == nil)
    #expect(WextQuality(quality: 0, level: 100, noise: 0, updated: 0x80).levelMBm == -6000)
  }
}
