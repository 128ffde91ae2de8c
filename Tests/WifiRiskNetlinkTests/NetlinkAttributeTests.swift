import Testing
import WifiRiskCore

/// Builds attribute bytes by the documented layout (little-endian host, as the fixtures).
enum Build {
  static func attribute(_ type: UInt16, _ payload: [UInt8], flags: UInt16 = 0) -> [UInt8] {
    let length = UInt16(4 + payload.count)
    let rawType = type | flags
    var out: [UInt8] = [
      UInt8(length & 0xff), UInt8(length >> 8), UInt8(rawType & 0xff), UInt8(rawType >> 8),
    ]
    out += payload
    while out.count % 4 != 0 { out.append(0) }
    return out
  }

  static func u16(_ type: UInt16, _ value: UInt16) -> [UInt8] {
    attribute(type, [UInt8(value & 0xff), UInt8(value >> 8)])
  }

  static func u32(_ type: UInt16, _ value: UInt32) -> [UInt8] {
    attribute(type, (0..<4).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) })
  }

  static func u64(_ type: UInt16, _ value: UInt64) -> [UInt8] {
    attribute(type, (0..<8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) })
  }

  /// A scan dump message: IFINDEX, GENERATION and a nested BSS.
  static func scanMessage(bss: [UInt8]) -> NL80211Message {
    NL80211Message(
      command: NL80211.Command.newScanResults.rawValue,
      attributes: u32(3, 4) + u32(46, 7) + attribute(47, bss))
  }

  static let bssid: [UInt8] = [0x02, 0, 0, 0, 0, 0x01]
  static let ies: [UInt8] = [0, 4] + Array("test".utf8) + [1, 1, 0x82]

  /// A complete BSS as the kernel sends it.
  static let fullBSS: [UInt8] =
    attribute(1, bssid) + u32(2, 2412) + u64(3, 0x1122) + u16(4, 100) + u16(5, 0x0411)
    + attribute(6, ies) + u32(7, UInt32(bitPattern: -4250)) + u32(9, 1) + u32(10, 120)
    + attribute(11, ies) + attribute(14, []) + u64(15, 53_000_000_000)
}

@Suite struct NetlinkAttributeWalkerTests {
  @Test func walksAttributesWithPaddingAndAbsoluteOffsets() throws {
    let bytes = Build.attribute(1, [0xaa]) + Build.u32(2, 7) + Build.attribute(3, [])
    let attributes = try NetlinkAttribute.parseAll(bytes[...])
    #expect(attributes.map(\.type) == [1, 2, 3])
    #expect(attributes.map(\.offset) == [0, 8, 16])
    #expect(attributes[0].payload == [0xaa])
    #expect(attributes[0].payloadOffset == 4)
    #expect(attributes[2].payload.isEmpty)
  }

  @Test func stripsTheFlagBits() throws {
    let bytes =
      Build.attribute(47, Build.u32(2, 5), flags: NetlinkAttribute.nestedFlag)
      + Build.attribute(9, [0, 0, 0, 1], flags: NetlinkAttribute.networkByteOrderFlag)
    let attributes = try NetlinkAttribute.parseAll(bytes[...])
    #expect(attributes[0].type == 47)
    #expect(attributes[0].isNested)
    #expect(!attributes[0].isNetworkByteOrder)
    #expect(attributes[1].type == 9)
    #expect(attributes[1].isNetworkByteOrder)
    // A big-endian integer is read as such.
    let table = NetlinkAttributeTable<NL80211.BSSAttribute>(attributes)
    #expect(try table.u32(.status) == 1)
    // Nested offsets point into the outer buffer.
    let inner = try attributes[0].nested()
    #expect(inner.first?.offset == 4)
    #expect(inner.first?.payloadOffset == 8)
  }

  @Test func toleratesMissingPaddingAfterTheLastAttribute() throws {
    let bytes: [UInt8] = [5, 0, 1, 0, 0xaa]  // nla_len 5, no padding
    let attributes = try NetlinkAttribute.parseAll(bytes[...])
    #expect(attributes.count == 1)
    #expect(attributes[0].payload == [0xaa])
  }

  @Test(arguments: [1, 2, 3])
  func strayBytesAfterTheLastAttributeAreATruncatedHeader(_ stray: Int) {
    let bytes = Build.u32(2, 1) + [UInt8](repeating: 0, count: stray)
    #expect(throws: NetlinkDecodeError.truncatedHeader(offset: 8, remaining: stray)) {
      try NetlinkAttribute.parseAll(bytes[...])
    }
  }

  @Test(arguments: [0, 1, 2, 3])
  func lengthBelowTheHeaderIsRejected(_ length: UInt8) {
    let bytes: [UInt8] = Build.u32(2, 1) + [length, 0, 1, 0, 0, 0, 0, 0]
    #expect(throws: NetlinkDecodeError.badLength(offset: 8, length: Int(length), remaining: 8)) {
      try NetlinkAttribute.parseAll(bytes[...])
    }
  }

  @Test func lengthPastTheEndIsRejectedWithItsOffset() {
    let bytes: [UInt8] = Build.u32(2, 1) + [12, 0, 1, 0, 0, 0, 0, 0]
    #expect(throws: NetlinkDecodeError.badLength(offset: 8, length: 12, remaining: 8)) {
      try NetlinkAttribute.parseAll(bytes[...])
    }
  }

  @Test func offsetsOfASliceAreThoseOfTheWholeBuffer() {
    let bytes: [UInt8] = [0xff, 0xff, 0xff, 0xff] + [9, 0, 1, 0, 0]
    #expect(throws: NetlinkDecodeError.badLength(offset: 4, length: 9, remaining: 5)) {
      try NetlinkAttribute.parseAll(bytes[4...])
    }
  }

  @Test func lastCopyOfARepeatedAttributeWins() throws {
    let table = try NetlinkAttributeTable<NL80211.BSSAttribute>(
      parsing: (Build.u32(2, 2412) + Build.u32(2, 5180))[...])
    #expect(try table.u32(.frequency) == 5180)
    #expect(table.attributes.count == 2)
  }
}

@Suite struct NetlinkAttributeTableTests {
  typealias Table = NetlinkAttributeTable<NL80211.StationInfoAttribute>

  @Test func readsEachIntegerSize() throws {
    let bytes =
      Build.attribute(7, [0xe2]) + Build.u32(1, 2220) + Build.u64(23, 1 << 40)
      + Build.u16(99, 0x1234)
    let table = try Table(parsing: bytes[...])
    #expect(try table.s8(.signal) == -30)
    #expect(try table.u8(.signal) == 0xe2)
    #expect(try table.u32(.inactiveTime) == 2220)
    #expect(try table.u64(.rxBytes64) == 1 << 40)
    #expect(try table.u32(.txPackets) == nil)
    #expect(table.attributes.contains { $0.type == 99 })  // unknown kept
  }

  @Test(arguments: [0, 1, 3, 5, 8])
  func wrongIntegerSizeThrowsWithTheOffset(_ size: Int) {
    let bytes = Build.u32(2, 0) + Build.attribute(1, [UInt8](repeating: 1, count: size))
    #expect(
      throws: NetlinkDecodeError.badPayloadSize(
        attribute: NL80211.StationInfoAttribute.inactiveTime.attributeName, offset: 8,
        size: size, expected: "4")
    ) {
      try Table(parsing: bytes[...]).u32(.inactiveTime)
    }
  }

  @Test func flagsMustBeEmpty() throws {
    let table = try NetlinkAttributeTable<NL80211.BSSAttribute>(
      parsing: Build.attribute(14, [1])[...])
    #expect(throws: NetlinkDecodeError.self) { try table.flag(.probeResponseData) }
  }

  @Test func stringsStopAtTheFirstNul() throws {
    let table = try NetlinkAttributeTable<NL80211.Attribute>(
      parsing: Build.attribute(4, Array("wlan0".utf8) + [0, 0x41])[...])
    #expect(table.string(.ifname) == "wlan0")
  }
}

@Suite struct NL80211DecoderTests {
  @Test func decodesACompleteBSS() throws {
    let entry = try NL80211ScanEntry(message: Build.scanMessage(bss: Build.fullBSS))
    #expect(entry.ifindex == 4)
    #expect(entry.generation == 7)
    #expect(entry.bss.bssid.description == "02:00:00:00:00:01")
    #expect(entry.bss.frequency == 2412)
    #expect(entry.bss.signalMBm == -4250)
    #expect(entry.bss.capability == 0x0411)
    #expect(entry.bss.privacy)
    #expect(entry.bss.beaconInterval == 100)
    #expect(entry.bss.seenMsAgo == 120)
    #expect(entry.bss.status == .associated)
    #expect(entry.bss.ies == Build.ies)
    #expect(entry.bss.beaconIes == Build.ies)
    #expect(entry.tsf == 0x1122)
    #expect(entry.fromProbeResponse)
    #expect(entry.lastSeenBoottimeNs == 53_000_000_000)
  }

  @Test func absentOptionalAttributesStayAbsent() throws {
    let entry = try NL80211ScanEntry(
      message: Build.scanMessage(bss: Build.attribute(1, Build.bssid)))
    #expect(entry.bss.frequency == nil)
    #expect(entry.bss.signalMBm == nil)
    #expect(entry.bss.status == nil)
    #expect(entry.bss.ies.isEmpty)
    #expect(entry.bss.beaconIes == nil)
    #expect(!entry.fromProbeResponse)
  }

  @Test func unknownBSSStatusIsKeptRaw() throws {
    let entry = try NL80211ScanEntry(
      message: Build.scanMessage(bss: Build.attribute(1, Build.bssid) + Build.u32(9, 9)))
    #expect(entry.bss.status == nil)
    #expect(entry.statusRawValue == 9)
  }

  @Test func missingBSSIDIsAnError() {
    #expect(
      throws: NetlinkDecodeError.missingAttribute(
        NL80211.BSSAttribute.bssid.attributeName, container: NL80211.BSSAttribute.containerName)
    ) {
      try NL80211ScanEntry(message: Build.scanMessage(bss: Build.u32(2, 2412)))
    }
  }

  @Test func missingNestedBSSIsAnError() {
    let message = NL80211Message(command: 34, attributes: Build.u32(3, 4))
    #expect(throws: NetlinkDecodeError.self) { try NL80211ScanEntry(message: message) }
  }

  @Test func shortBSSIDIsABadPayloadSizeAtItsOffset() {
    // IFINDEX (8) + GENERATION (8) + BSS header (4): the BSSID header is at byte 20.
    let message = Build.scanMessage(bss: Build.attribute(1, [2, 0, 0]))
    #expect(
      throws: NetlinkDecodeError.badPayloadSize(
        attribute: NL80211.BSSAttribute.bssid.attributeName, offset: 20, size: 3,
        expected: "6")
    ) {
      try NL80211ScanEntry(message: message)
    }
  }

  @Test func oneBadEntryDoesNotLoseTheOthers() {
    let good = Build.scanMessage(bss: Build.fullBSS)
    let bad = Build.scanMessage(bss: Build.u32(2, 2412))
    let dump = NL80211ScanDump(messages: [good, bad, good])
    #expect(dump.entries.count == 2)
    #expect(dump.problems.count == 1)
    #expect(dump.records.count == 2)
  }

  @Test func stationPrefers32BitBitrateAndFallsBackTo16Bit() throws {
    let tx = Build.u16(1, 65) + Build.u32(5, 68_000)
    let rx = Build.u16(1, 10)
    let info =
      Build.attribute(7, [0xd8]) + Build.attribute(8, tx) + Build.attribute(14, rx)
      + Build.u32(16, 42) + Build.u32(1, 300) + Build.u32(2, 1000) + Build.u64(24, 5_000)
    let message = NL80211Message(
      command: 19,
      attributes: Build.u32(3, 4) + Build.attribute(6, Build.bssid) + Build.attribute(21, info))
    let station = try StationInfo(message: message)
    #expect(station.mac.description == "02:00:00:00:00:01")
    #expect(station.ifindex == 4)
    #expect(station.signalDBm == -40)
    #expect(station.txBitrate == 68_000)
    #expect(station.rxBitrate == 10)
    #expect(station.connectedSeconds == 42)
    #expect(station.inactiveMs == 300)
    #expect(station.rxBytes == 1000)
    #expect(station.txBytes == 5_000)
    #expect(StationInfo.megabits(65) == "6.5")
    #expect(StationInfo.megabits(260) == "26")
  }

  @Test func stationNeedsMACAndStaInfo() {
    let noInfo = NL80211Message(command: 19, attributes: Build.attribute(6, Build.bssid))
    #expect(throws: NetlinkDecodeError.self) { try StationInfo(message: noInfo) }
    let noMAC = NL80211Message(command: 19, attributes: Build.attribute(21, []))
    #expect(throws: NetlinkDecodeError.self) { try StationInfo(message: noMAC) }
  }

  @Test func interfaceKeepsUnknownTypesAndAllowsNonNetdevs() throws {
    let message = NL80211Message(
      command: 7, attributes: Build.u32(1, 2) + Build.u32(5, 77) + Build.u64(153, 9))
    let interface = try WirelessInterface(message: message)
    #expect(interface.name == nil)
    #expect(interface.ifindex == nil)
    #expect(interface.type == .unknown(77))
    #expect(interface.type.rawValue == 77)
    #expect(interface.wdev == 9)
  }

  @Test func interfaceNeedsWiphyAndType() {
    let message = NL80211Message(command: 7, attributes: Build.u32(1, 2))
    #expect(throws: NetlinkDecodeError.self) { try WirelessInterface(message: message) }
  }

  @Test(arguments: WirelessInterfaceType.known)
  func interfaceTypeRawValuesRoundTrip(_ type: WirelessInterfaceType) {
    #expect(WirelessInterfaceType(rawValue: type.rawValue) == type)
  }
}

@Suite struct NL80211HexDumpTests {
  @Test func roundTrips() throws {
    let message = Build.scanMessage(bss: Build.fullBSS)
    let text = message.hexDump(note: "made by hand\nsecond line")
    #expect(text.hasPrefix("# nl80211 cmd=34 (newScanResults) attribute-bytes="))
    #expect(try NL80211Message.parseHexDump(text) == message)
  }

  @Test func reportsTheBadLine() {
    #expect(throws: NetlinkDecodeError.badHex(line: 3)) {
      try NL80211Message.parseHexDump("# nl80211 cmd=7\n0800\nzz\n")
    }
    #expect(throws: NetlinkDecodeError.badHex(line: 3)) {
      try NL80211Message.parseHexDump("# nl80211 cmd=7\r\n0800\r\nzz\r\n")
    }
  }

  @Test func readsCRLFLineEndsLikeLF() throws {
    let message = Build.scanMessage(bss: Build.fullBSS)
    let text = message.hexDump(note: "saved with CRLF")
    let crlf = text.split(separator: "\n", omittingEmptySubsequences: false)
      .joined(separator: "\r\n")
    #expect(crlf.utf8.count == text.utf8.count + text.utf8.count(where: { $0 == 0x0A }))
    #expect(try NL80211Message.parseHexDump(crlf) == message)
  }

  @Test func takesTheFirstCommandComment() throws {
    let text = "# a note\n#nl80211 cmd = 34 x\n# cmd=7\n0800\n"
    let message = try NL80211Message.parseHexDump(text)
    #expect(message.command == 34)
    #expect(message.attributes == [0x08, 0x00])
    #expect(try NL80211Message.parseHexDump("# cmd=999\n").command == 0)
  }
}
