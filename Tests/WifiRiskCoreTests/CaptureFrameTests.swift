import TestSupport
import Testing
import WifiRiskCore

/// 802.11 frames and radio headers built from the standards' layouts, for the capture tests.
enum CaptureBytes {
  static let bssid: [UInt8] = [0x02, 0x00, 0x00, 0x00, 0x02, 0x02]
  static let ssidElement: [UInt8] = [0x00, 0x03] + Array("lab".utf8)

  /// A management frame: frame control, duration, addresses, sequence, (HT control), then
  /// timestamp, beacon interval, capability and elements.
  static func management(
    subtype: UInt8 = 8, flags: UInt8 = 0, bssid: [UInt8] = bssid, interval: UInt16 = 100,
    capability: UInt16 = 0x0411, elements: [UInt8] = ssidElement
  ) -> [UInt8] {
    var frame: [UInt8] = [subtype << 4, flags, 0, 0]
    frame += [UInt8](repeating: 0xFF, count: 6) + bssid + bssid + [0x10, 0x00]
    if flags & 0x80 != 0 { frame += [0xAA, 0xBB, 0xCC, 0xDD] }
    frame += [1, 2, 3, 4, 5, 6, 7, 8] + le16(interval) + le16(capability)
    return frame + elements
  }

  static func withFCS(_ frame: [UInt8]) -> [UInt8] { frame + le32(FrameCheck.crc32(frame[...])) }

  /// A radiotap header with Flags and Channel (and signal, when given).
  static func radiotap(flags: UInt8, frequency: UInt16 = 2462, signal: Int8? = nil) -> [UInt8] {
    var builder = RadiotapBuilder()
    builder.word(signal == nil ? [1, 3] : [1, 3, 5])
    builder.field(1, [flags])
    builder.field(2, le16(frequency) + le16(0x00A0))
    if let signal { builder.field(1, [UInt8(bitPattern: signal)]) }
    return builder.build()
  }

  /// A Prism header (little- or big-endian) with channel and signal items.
  static func prism(
    channel: Int32, signal: Int32, signalStatus: UInt16 = 0, bigEndian: Bool = false
  )
    -> [UInt8]
  {
    func u32(_ value: UInt32) -> [UInt8] { bigEndian ? le32(value).reversed() : le32(value) }
    func u16(_ value: UInt16) -> [UInt8] { bigEndian ? le16(value).reversed() : le16(value) }
    var out = u32(0x44) + u32(144) + Array("wlan0".utf8) + [UInt8](repeating: 0, count: 11)
    for index in 0..<10 {
      let (status, value): (UInt16, Int32) =
        switch index {
        case 2: (0, channel)
        case 5: (signalStatus, signal)
        default: (1, 0)
        }
      out += u32(UInt32(0x44 | (index + 1) << 12)) + u16(status) + u16(4)
      out += u32(UInt32(bitPattern: value))
    }
    return out
  }

  /// An AVS header, version 1, big-endian.
  static func avs(channel: UInt32, ssiType: UInt32, signal: Int32, length: UInt32 = 64) -> [UInt8] {
    func u32(_ value: UInt32) -> [UInt8] { le32(value).reversed() }
    var out = u32(0x8021_1001) + u32(length) + [UInt8](repeating: 0, count: 16)
    out += u32(4) + u32(channel) + u32(10) + u32(0) + u32(0) + u32(ssiType)
    out += u32(UInt32(bitPattern: signal)) + u32(UInt32(bitPattern: -95)) + u32(1) + u32(1)
    return out + [UInt8](repeating: 0, count: Int(length) - 64)
  }

  /// A PPI header with an odd-length field of an unknown type, then 802.11-Common.
  static func ppi(
    frequency: UInt16, signal: Int8, commonFlags: UInt16, aligned: Bool = true,
    payload: UInt32 = 105
  ) -> [UInt8] {
    var fields = le16(40000) + le16(5) + [1, 2, 3, 4, 5]
    if aligned { fields += [0, 0, 0] }
    fields += le16(2) + le16(20) + [UInt8](repeating: 0, count: 8) + le16(commonFlags) + le16(2)
    fields += le16(frequency) + le16(0x00A0) + [0, 0, UInt8(bitPattern: signal), 0xA1]
    return [0, aligned ? 1 : 0] + le16(UInt16(8 + fields.count)) + le32(payload) + fields
  }
}

@Suite struct CaptureFrameTests {
  @Test func crc32MatchesTheBitwiseDefinition() {
    // The reflected CRC-32 of IEEE 802.3, one bit at a time, against the table-driven one on
    // every length up to 70 (so every tail after the 8-byte steps) and slices that do not
    // start at index 0.
    func bitwise(_ bytes: ArraySlice<UInt8>) -> UInt32 {
      var crc: UInt32 = 0xFFFF_FFFF
      for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
      }
      return ~crc
    }
    var rng = MutationRNG(seed: 0x4352_4333)
    let bytes = (0..<80).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    for start in 0..<3 {
      for length in 0...70 {
        let slice = bytes[start..<start + length]
        #expect(FrameCheck.crc32(slice) == bitwise(slice), "start \(start), length \(length)")
      }
    }
  }

  @Test func crc32KnownAnswers() {
    #expect(FrameCheck.crc32(Array("123456789".utf8)[...]) == 0xCBF4_3926)
    #expect(FrameCheck.crc32([][...]) == 0)
    #expect(FrameCheck.hasValidFCS(CaptureBytes.withFCS([1, 2, 3])[...]))
    #expect(!FrameCheck.hasValidFCS([1, 2, 3][...]))
  }

  @Test(arguments: [
    (UInt8(0x80), ManagementFrame.Subtype?.some(.beacon)),
    (0x50, .probeResponse),
    (0x40, nil),  // probe request
    (0x08, nil),  // data
    (0xD4, nil),  // ACK
    (0x81, nil),  // protocol version 1
    (0x84, nil),  // control type with subtype 8
  ])
  func subtypeFromTheFrameControl(_ control: UInt8, _ expected: ManagementFrame.Subtype?) {
    #expect(ManagementFrame.subtype(of: [control, 0][...]) == expected)
  }

  @Test func beaconFieldsAndElements() throws {
    let elements = CaptureBytes.ssidElement + [0x03, 0x01, 0x0B]
    let frame = CaptureBytes.management(interval: 102, capability: 0x0431, elements: elements)
    let decoded = try ManagementFrame.decode(frame[...])
    #expect(decoded.subtype == .beacon)
    #expect(decoded.bssid.description == "02:00:00:00:02:02")
    #expect(decoded.beaconInterval == 102)
    #expect(decoded.capability == 0x0431)
    #expect(decoded.timestamp == 0x0807_0605_0403_0201)
    #expect(Array(decoded.elements) == elements)
  }

  @Test func htControlIsSkippedWhenTheOrderBitIsSet() throws {
    let frame = CaptureBytes.management(subtype: 5, flags: 0x80)
    let decoded = try ManagementFrame.decode(frame[...])
    #expect(decoded.subtype == .probeResponse)
    #expect(Array(decoded.elements) == CaptureBytes.ssidElement)
  }

  @Test func emptyElementListIsFine() throws {
    let decoded = try ManagementFrame.decode(CaptureBytes.management(elements: [])[...])
    #expect(decoded.elements.isEmpty)
  }

  @Test func tooShortAndGroupBSSIDAreMalformed() {
    let frame = CaptureBytes.management(elements: [])
    for cut in 0..<frame.count {
      #expect(throws: FrameProblem.self) { try ManagementFrame.decode(frame.prefix(cut)) }
    }
    let group = CaptureBytes.management(bssid: [0x01, 0x00, 0x5E, 0, 0, 1])
    let error = #expect(throws: FrameProblem.self) { try ManagementFrame.decode(group[...]) }
    #expect(error?.kind == .malformed)
  }

  // MARK: the FCS

  func outcome(_ packet: [UInt8], linkType: LinkType = .radiotap, originalLength: Int? = nil)
    throws(FrameProblem) -> CapturedFrame.Outcome
  {
    try CapturedFrame.decode(
      packet[...], originalLength: originalLength ?? packet.count, linkType: linkType)
  }

  func elements(_ result: CapturedFrame.Outcome) -> [UInt8]? {
    guard case .management(let frame, _) = result else { return nil }
    return Array(frame.elements)
  }

  @Test func anFCSTheRadiotapFlagAnnouncesIsCheckedAndRemoved() throws {
    let frame = CaptureBytes.management()
    let packet = CaptureBytes.radiotap(flags: 0x10) + CaptureBytes.withFCS(frame)
    #expect(elements(try outcome(packet)) == CaptureBytes.ssidElement)

    var broken = packet
    broken[broken.count - 6] ^= 0x01
    let error = #expect(throws: FrameProblem.self) { try outcome(broken) }
    #expect(error?.kind == .badFCS)
  }

  @Test func theBadFCSFlagSkipsEvenAFrameWhoseCRCIsRight() {
    let packet =
      CaptureBytes.radiotap(flags: 0x50) + CaptureBytes.withFCS(CaptureBytes.management())
    let error = #expect(throws: FrameProblem.self) { try outcome(packet) }
    #expect(error?.kind == .badFCS)
    // Any frame: the device's word is enough.
    let data = CaptureBytes.radiotap(flags: 0x40) + [0x08, 0x02, 0, 0]
    #expect(throws: FrameProblem.self) { try outcome(data) }
  }

  @Test func withoutWordOnTheFCSAValidOneIsRemovedAndOtherBytesStay() throws {
    let frame = CaptureBytes.management()
    #expect(
      elements(try outcome(CaptureBytes.withFCS(frame), linkType: .ieee80211))
        == CaptureBytes.ssidElement)
    #expect(elements(try outcome(frame, linkType: .ieee80211)) == CaptureBytes.ssidElement)
    // A radiotap header that says "no FCS" is believed.
    let packet = CaptureBytes.radiotap(flags: 0x00) + CaptureBytes.withFCS(frame)
    #expect(elements(try outcome(packet))?.count == CaptureBytes.ssidElement.count + 4)
  }

  @Test func aSnappedBeaconIsCountedApartAndOtherFramesAreIgnored() throws {
    let beacon = CaptureBytes.radiotap(flags: 0) + CaptureBytes.management()
    let error = #expect(throws: FrameProblem.self) {
      try outcome(beacon, originalLength: beacon.count + 40)
    }
    #expect(error?.kind == .snapped)
    let data = CaptureBytes.radiotap(flags: 0) + [0x08, 0x02, 0, 0, 1, 2, 3]
    #expect(try outcome(data, originalLength: 1500) == .ignored)
  }

  @Test func aRadioHeaderWithNoFrameBehindItIsMalformed() {
    let error = #expect(throws: FrameProblem.self) {
      try outcome(CaptureBytes.radiotap(flags: 0) + [0x80])
    }
    #expect(error?.kind == .malformed)
  }

  @Test func otherLinkTypesCarryNo80211() {
    let error = #expect(throws: FrameProblem.self) {
      try outcome([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x08, 0x06], linkType: .other(1))
    }
    #expect(error?.kind == .unsupportedLinkType)
    #expect(LinkType(rawValue: 1) == .other(1))
    #expect(LinkType(rawValue: 127) == .radiotap)
    #expect(LinkType.ppi.rawValue == 192)
  }

  // MARK: Prism, AVS, PPI

  @Test(arguments: [false, true])
  func prismChannelAndSignal(bigEndian: Bool) throws {
    let frame = CaptureBytes.management()
    let header = CaptureBytes.prism(channel: 6, signal: -57, bigEndian: bigEndian)
    let decoded = try PrismHeader.decode((header + frame)[...])
    #expect(decoded.radio == RadioInfo(frequency: 2437, signalDBm: -57))
    #expect(Array(decoded.frame) == frame)
  }

  @Test func prismItemsWithoutAValueOrImplausibleSignalsAreLeftOut() throws {
    let absent = CaptureBytes.prism(channel: 36, signal: -57, signalStatus: 1)
    #expect(try PrismHeader.decode(absent[...]).radio == RadioInfo(frequency: 5180))
    let rssi = CaptureBytes.prism(channel: 36, signal: 40)
    #expect(try PrismHeader.decode(rssi[...]).radio.signalDBm == nil)
  }

  @Test func prismLinkTypeWithAnAVSHeaderIsReadAsAVS() throws {
    let packet = CaptureBytes.avs(channel: 11, ssiType: 2, signal: -66) + CaptureBytes.management()
    let decoded = try LinkLayer.decode(packet[...], linkType: .prism)
    #expect(decoded.radio == RadioInfo(frequency: 2462, signalDBm: -66))
  }

  @Test func avsHeader() throws {
    let frame = CaptureBytes.management()
    let decoded = try AVSHeader.decode(
      (CaptureBytes.avs(channel: 1, ssiType: 2, signal: -48, length: 72) + frame)[...])
    #expect(decoded.radio == RadioInfo(frequency: 2412, signalDBm: -48))
    #expect(Array(decoded.frame) == frame)
    // SSI type 1 is a normalised RSSI, not dBm.
    let rssi = CaptureBytes.avs(channel: 1, ssiType: 1, signal: -48)
    #expect(try AVSHeader.decode(rssi[...]).radio.signalDBm == nil)
  }

  @Test(arguments: [true, false])
  func ppiCommonFieldAndPayload(aligned: Bool) throws {
    let frame = CaptureBytes.management()
    let header = CaptureBytes.ppi(
      frequency: 5745, signal: -71, commonFlags: 0x0001, aligned: aligned)
    let decoded = try PPIHeader.decode((header + CaptureBytes.withFCS(frame))[...])
    #expect(decoded.radio == RadioInfo(frequency: 5745, signalDBm: -71, fcsIncluded: true))
    let outcome = try CapturedFrame.decode(
      (header + CaptureBytes.withFCS(frame))[...], originalLength: header.count + frame.count + 4,
      linkType: .ppi)
    #expect(elements(outcome) == CaptureBytes.ssidElement)
  }

  @Test func ppiInvalidFCSFlagAndRadiotapPayload() throws {
    let invalid = CaptureBytes.ppi(frequency: 2412, signal: -30, commonFlags: 0x0005)
    #expect(try PPIHeader.decode(invalid[...]).radio.fcsFailed)

    let inner = CaptureBytes.radiotap(flags: 0x10, frequency: 2412)
    let header = CaptureBytes.ppi(frequency: 2437, signal: -30, commonFlags: 0, payload: 127)
    let decoded = try PPIHeader.decode((header + inner + [0x80, 0])[...])
    // The radiotap header's own values win; PPI fills in the signal it lacks.
    #expect(decoded.radio == RadioInfo(frequency: 2412, signalDBm: -30, fcsIncluded: true))
  }

  @Test func ppiProblems() {
    let ethernet = CaptureBytes.ppi(frequency: 2412, signal: -30, commonFlags: 0, payload: 1)
    let other = #expect(throws: FrameProblem.self) { try PPIHeader.decode(ethernet[...]) }
    #expect(other?.kind == .unsupportedLinkType)

    var lying = CaptureBytes.ppi(frequency: 2412, signal: -30, commonFlags: 0)
    lying[2] = 0xFF
    #expect(throws: FrameProblem.self) { try PPIHeader.decode(lying[...]) }

    var field = CaptureBytes.ppi(frequency: 2412, signal: -30, commonFlags: 0)
    field[10] = 0xF0  // the vendor field's length, now past the header
    let malformed = #expect(throws: FrameProblem.self) { try PPIHeader.decode(field[...]) }
    #expect(malformed?.kind == .malformed)
  }

  // MARK: file detection

  @Test(
    arguments: [
      [0xD4, 0xC3, 0xB2, 0xA1], [0xA1, 0xB2, 0xC3, 0xD4], [0x4D, 0x3C, 0xB2, 0xA1],
      [0xA1, 0xB2, 0x3C, 0x4D], [0x0A, 0x0D, 0x0D, 0x0A, 0x1C, 0x00],
    ] as [[UInt8]])
  func captureMagicNumbers(_ bytes: [UInt8]) {
    #expect(CaptureFormat.looksLikeCapture(bytes))
  }

  @Test(
    arguments: [
      [], [0xD4, 0xC3, 0xB2], Array("{\"wifirisk_fixture\": 1}".utf8), [0x00, 0x00, 0x00, 0x00],
      Array("BSS 02:00:00:00:00:00".utf8),
    ] as [[UInt8]])
  func otherFilesAreNotCaptures(_ bytes: [UInt8]) {
    #expect(!CaptureFormat.looksLikeCapture(bytes))
  }
}
