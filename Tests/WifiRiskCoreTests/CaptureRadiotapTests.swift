import Testing

@testable import WifiRiskCore

/// Builds radiotap headers for the tests: presence words and fields, each field aligned to
/// its natural boundary relative to the header's start (the rule the decoder must follow).
struct RadiotapBuilder {
  var words: [UInt32] = []
  var fields: [(align: Int, bytes: [UInt8])] = []
  var trailing = 0

  mutating func word(_ bits: [Int], next: String? = nil, more: Bool = false) {
    var value: UInt32 = 0
    for bit in bits { value |= 1 << UInt32(bit) }
    if next == "radiotap" { value |= 1 << 29 }
    if next == "vendor" { value |= 1 << 30 }
    if more { value |= 1 << 31 }
    words.append(value)
  }

  mutating func field(_ align: Int, _ bytes: [UInt8]) { fields.append((align, bytes)) }

  func build(length: Int? = nil) -> [UInt8] {
    var data: [UInt8] = []
    let start = 4 + 4 * words.count
    for (align, bytes) in fields {
      while (start + data.count) % align != 0 { data.append(0) }
      data += bytes
    }
    data += [UInt8](repeating: 0, count: trailing)
    let total = length ?? start + data.count
    var out: [UInt8] = [0, 0, UInt8(total & 0xFF), UInt8(total >> 8)]
    for word in words { out += le32(word) }
    return out + data
  }
}

func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * UInt32($0))) & 0xFF) } }
func signed(_ value: Int8) -> UInt8 { UInt8(bitPattern: value) }

@Suite struct CaptureRadiotapTests {
  let frame: [UInt8] = [0x80, 0x00, 0xAA, 0xBB]

  @Test func fieldAlignmentsArePowersOfTwo() {
    // The walk pads with a mask, which is right only for power-of-two alignments.
    for (number, shape) in Radiotap.fields.enumerated() {
      #expect(shape.align.nonzeroBitCount == 1, "field \(number)")
      #expect(shape.size >= 1, "field \(number)")
    }
  }

  @Test func theLabsHeaderGivesFrequencyAndNoFCS() throws {
    // hwsim0's header: TSFT, Flags, Rate, Channel (22 bytes).
    let header: [UInt8] = [
      0x00, 0x00, 0x16, 0x00, 0x0F, 0x00, 0x00, 0x00, 0x95, 0xE0, 0xB1, 0x2A, 0x18, 0x61, 0x06,
      0x00, 0x00, 0x02, 0x9E, 0x09, 0xA0, 0x00,
    ]
    let decoded = try Radiotap.decode((header + frame)[...])
    #expect(decoded.radio == RadioInfo(frequency: 2462, fcsIncluded: false))
    #expect(Array(decoded.frame) == frame)
  }

  @Test func fieldsAreAlignedFromTheHeaderStart() throws {
    // Flags (offset 8), Channel (aligned to 10), signal (14), XChannel (aligned to 16).
    var builder = RadiotapBuilder()
    builder.word([1, 3, 5, 18])
    builder.field(1, [0x10])
    builder.field(2, le16(5180) + le16(0x0140))
    builder.field(1, [signed(-61)])
    builder.field(4, le32(0) + le16(5200) + [40, 20])
    let header = builder.build()
    #expect(header.count == 24)
    let decoded = try Radiotap.decode((header + frame)[...])
    #expect(decoded.radio == RadioInfo(frequency: 5180, signalDBm: -61, fcsIncluded: true))
    #expect(Array(decoded.frame) == frame)
  }

  @Test func tsftIsAlignedToEightAfterExtendedBitmaps() throws {
    // Two presence words put the data at offset 12; TSFT must start at 16.
    var builder = RadiotapBuilder()
    builder.word([0, 1, 5], more: true)
    builder.word([])
    builder.field(8, [1, 2, 3, 4, 5, 6, 7, 8])
    builder.field(1, [0x50])
    builder.field(1, [signed(-70)])
    let header = builder.build()
    #expect(header[16] == 1)
    let decoded = try Radiotap.decode((header + frame)[...])
    #expect(decoded.radio == RadioInfo(signalDBm: -70, fcsIncluded: true, fcsFailed: true))
  }

  @Test func vendorNamespaceIsSkippedByItsLengthAndTheFirstSignalWins() throws {
    var builder = RadiotapBuilder()
    builder.word([1, 3, 5], next: "vendor", more: true)
    builder.word([0, 1, 2, 3, 4, 5, 6, 7], next: "radiotap", more: true)
    builder.word([5, 11], next: "radiotap", more: true)
    builder.word([5, 11])
    builder.field(1, [0x00])
    builder.field(2, le16(2437) + le16(0x00A0))
    builder.field(1, [signed(-50)])
    builder.field(2, [0x00, 0x11, 0x22, 0x07] + le16(5))  // vendor namespace, 5 bytes of data
    builder.field(1, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
    builder.field(1, [signed(-53), 0])
    builder.field(1, [signed(-56), 1])
    builder.trailing = 3
    let decoded = try Radiotap.decode((builder.build() + frame)[...])
    #expect(decoded.radio == RadioInfo(frequency: 2437, signalDBm: -50, fcsIncluded: false))
    #expect(Array(decoded.frame) == frame)
  }

  @Test func aFieldAfterAVendorNamespaceIsFoundAfterTheSkip() throws {
    // The signal comes only after the vendor data: if the skip were wrong, it would be 0x7F.
    var builder = RadiotapBuilder()
    builder.word([1], next: "vendor", more: true)
    builder.word([3], next: "radiotap", more: true)
    builder.word([5])
    builder.field(1, [0x10])
    builder.field(2, [0x00, 0x11, 0x22, 0x00] + le16(3))
    builder.field(1, [0x7F, 0x7F, 0x7F])
    builder.field(1, [signed(-44)])
    let decoded = try Radiotap.decode((builder.build() + frame)[...])
    #expect(decoded.radio.signalDBm == -44)
    #expect(decoded.radio.fcsIncluded == true)
  }

  @Test func anUnknownFieldEndsTheWalkButTheHeaderLengthStillPlacesTheFrame() throws {
    // Field 40 (second word, bit 8) has no known size: stop, keep what was read.
    var builder = RadiotapBuilder()
    builder.word([1, 3], more: true)
    builder.word([8, 9])
    builder.field(1, [0x00])
    builder.field(2, le16(2412) + le16(0))
    builder.trailing = 7
    let decoded = try Radiotap.decode((builder.build() + frame)[...])
    #expect(decoded.radio.frequency == 2412)
    #expect(Array(decoded.frame) == frame)
  }

  @Test func theTLVBitEndsTheWalk() throws {
    var builder = RadiotapBuilder()
    builder.word([1, 28])
    builder.field(1, [0x10])
    builder.trailing = 11
    let decoded = try Radiotap.decode((builder.build() + frame)[...])
    #expect(decoded.radio.fcsIncluded == true)
    #expect(Array(decoded.frame) == frame)
  }

  static let broken: [(String, [UInt8])] = [
    ("empty", []),
    ("preamble cut", [0, 0, 8]),
    ("version 1", [1, 0, 8, 0, 0, 0, 0, 0]),
    ("length below 8", [0, 0, 4, 0, 0, 0, 0, 0]),
    ("length past the packet", [0, 0, 0xFF, 0xFF, 0, 0, 0, 0]),
    ("bitmaps past the length", [0, 0, 12, 0, 0, 0, 0, 0x80, 0, 0, 0, 0x80, 0, 0, 0, 0]),
    ("field past the length", [0, 0, 8, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    (
      "vendor skip past the length",
      [0, 0, 18, 0, 0, 0, 0, 0xC0, 0, 0, 0, 0, 0x00, 0x11, 0x22, 0x00, 0xFF, 0x00]
    ),
  ]

  @Test(arguments: broken)
  func brokenHeadersAreMalformed(_ name: String, _ bytes: [UInt8]) {
    let error = #expect(throws: FrameProblem.self, "\(name)") { try Radiotap.decode(bytes[...]) }
    #expect(error?.kind == .malformed, "\(name)")
  }

  @Test func bothNamespaceBitsStopTheWalkWithoutError() throws {
    var builder = RadiotapBuilder()
    builder.word([1], more: true)
    builder.words[0] |= (1 << 29) | (1 << 30)
    builder.word([5])
    builder.field(1, [0x10])
    builder.field(1, [signed(-10)])
    let decoded = try Radiotap.decode((builder.build() + frame)[...])
    #expect(decoded.radio.fcsIncluded == true)
    #expect(decoded.radio.signalDBm == nil)
  }

  @Test func aHeaderThatIsAllExtensionBitsIsBoundedByItsLength() {
    // 16383 presence words announcing more, in a 65535-byte header: malformed, quickly.
    var header: [UInt8] = [0, 0, 0xFF, 0xFF]
    for _ in 0..<16383 { header += [0xFF, 0xFF, 0xFF, 0xFF] }
    header += [0xFF, 0xFF, 0xFF]
    #expect(throws: FrameProblem.self) { try Radiotap.decode(header[...]) }
  }

  @Test func decodingASliceUsesItsOwnIndices() throws {
    var builder = RadiotapBuilder()
    builder.word([1, 3])
    builder.field(1, [0x00])
    builder.field(2, le16(2484) + le16(0))
    let bytes = [0xEE, 0xEE, 0xEE] + builder.build() + frame
    let decoded = try Radiotap.decode(bytes[3...])
    #expect(decoded.radio.frequency == 2484)
    #expect(Array(decoded.frame) == frame)
  }
}
