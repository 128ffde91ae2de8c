/// The radiotap header (radiotap.org) that Linux monitor interfaces put in front of each
/// received 802.11 frame: version, pad, length, then presence bitmaps and the fields they
/// announce, all little-endian, each field naturally aligned relative to the header's start.
///
/// Only what the rating and the report use is kept: Flags (FCS included, FCS failed), the
/// Channel (or XChannel) frequency and the first dBm antenna signal. Every read is bounded
/// by the header's own length, never by the packet's.
public enum Radiotap {
  /// Alignment and size of each field of the radiotap namespace, by presence bit.
  static let fields: [(align: Int, size: Int)] = [
    (8, 8),  // 0 TSFT: u64
    (1, 1),  // 1 Flags: u8
    (1, 1),  // 2 Rate: u8
    (2, 4),  // 3 Channel: u16 frequency, u16 flags
    (2, 2),  // 4 FHSS: u8 hop set, u8 hop pattern
    (1, 1),  // 5 dBm antenna signal: s8
    (1, 1),  // 6 dBm antenna noise: s8
    (2, 2),  // 7 Lock quality: u16
    (2, 2),  // 8 TX attenuation: u16
    (2, 2),  // 9 dB TX attenuation: u16
    (1, 1),  // 10 dBm TX power: s8
    (1, 1),  // 11 Antenna: u8
    (1, 1),  // 12 dB antenna signal: u8
    (1, 1),  // 13 dB antenna noise: u8
    (2, 2),  // 14 RX flags: u16
    (2, 2),  // 15 TX flags: u16
    (1, 1),  // 16 RTS retries: u8
    (1, 1),  // 17 data retries: u8
    (4, 8),  // 18 XChannel: u32 flags, u16 frequency, u8 channel, u8 max power
    (1, 3),  // 19 MCS: u8 known, u8 flags, u8 mcs
    (4, 8),  // 20 A-MPDU status: u32 reference, u16 flags, u8 CRC, u8 reserved
    (2, 12),  // 21 VHT: u16 known, u8 flags, u8 bandwidth, u8 mcs_nss[4], u8, u8, u16
    (8, 12),  // 22 timestamp: u64, u16 accuracy, u8 unit/position, u8 flags
    (2, 12),  // 23 HE: u16 data1...data6
    (2, 12),  // 24 HE-MU: u16 flags1, u16 flags2, u8 RU channel 1[4], u8 RU channel 2[4]
    (2, 6),  // 25 HE-MU-other-user: u16, u16, u8 position, u8 known
    (1, 1),  // 26 0-length PSDU: u8
    (2, 4),  // 27 L-SIG: u16 data1, u16 data2
  ]
  // Bit 28 announces a TLV list that fills the rest of the header; nothing after it is read.

  static let flagsField = 1
  static let channelField = 3
  static let signalField = 5
  static let xChannelField = 18

  /// Flags field bits.
  static let flagFCSIncluded: UInt8 = 0x10
  static let flagFCSFailed: UInt8 = 0x40

  /// Presence-bitmap bits that are not fields.
  static let bitRadiotapNamespace: UInt32 = 1 << 29
  static let bitVendorNamespace: UInt32 = 1 << 30
  static let bitExtended: UInt32 = 1 << 31

  public static func decode(_ packet: ArraySlice<UInt8>) throws(FrameProblem) -> LinkFrame {
    var preamble = ByteCursor(packet)
    guard let version = preamble.readU8(), preamble.readU8() != nil,
      let declared = preamble.readU16LE()
    else {
      throw .malformed("radiotap header cut short: \(packet.count) of 8 bytes")
    }
    guard version == 0 else { throw .malformed("radiotap version \(version), expected 0") }
    let length = Int(declared)
    guard length >= 8 else {
      throw .malformed("radiotap length \(length) is shorter than the 8-byte preamble")
    }
    guard length <= packet.count else {
      throw .malformed("radiotap length \(length) runs past the \(packet.count)-byte packet")
    }
    let header = packet.prefix(length)
    let frame = packet.dropFirst(length)

    // The presence bitmaps: one 32-bit word, and another for as long as bit 31 says so.
    var words: [UInt32] = []
    var bitmaps = ByteCursor(header.dropFirst(4))
    while true {
      guard let word = bitmaps.readU32LE() else {
        throw .malformed("radiotap presence bitmaps run past the header length \(length)")
      }
      words.append(word)
      if word & bitExtended == 0 { break }
    }

    var data = AlignedCursor(header: header, offset: 4 + 4 * words.count)
    var radio = RadioInfo()
    var sawFlags = false
    var inVendorNamespace = false
    var vendorSkip = 0
    var base = 0  // the field number of bit 0 of the current word, within its namespace

    walk: for word in words {
      if inVendorNamespace {
        // A vendor namespace's data is one block of `skip_length` bytes; skip it once, when
        // its first bitmap word comes up, and ignore its presence bits.
        if vendorSkip > 0 {
          guard data.skip(vendorSkip) else {
            throw .malformed("radiotap vendor namespace data runs past the header length \(length)")
          }
          vendorSkip = 0
        }
      } else {
        for bit in 0..<29 where word & (1 << UInt32(bit)) != 0 {
          let number = base + bit
          // A field this table does not know (or the TLV list) has no known size: what
          // follows cannot be located, so the walk ends with what it has.
          guard number < fields.count else { break walk }
          guard let body = data.field(fields[number]) else {
            throw .malformed(
              "radiotap field \(number) runs past the header length \(length)")
          }
          record(number, body, into: &radio, sawFlags: &sawFlags)
        }
      }
      let toRadiotap = word & bitRadiotapNamespace != 0
      let toVendor = word & bitVendorNamespace != 0
      if toRadiotap && toVendor { break }  // undefined by radiotap: stop reading fields
      if toVendor {
        // u8 OUI[3], u8 sub-namespace, u16 skip_length; aligned to 2.
        guard let vendor = data.field((align: 2, size: 6)) else {
          throw .malformed("radiotap vendor namespace runs past the header length \(length)")
        }
        var cursor = ByteCursor(vendor.dropFirst(4))
        vendorSkip = Int(cursor.readU16LE() ?? 0)
        inVendorNamespace = true
        base = 0
      } else if toRadiotap {
        inVendorNamespace = false
        vendorSkip = 0
        base = 0
      } else {
        base += 32
      }
    }
    return LinkFrame(radio: radio, frame: frame)
  }

  /// Keeps the fields wifirisk uses; the first occurrence of each wins (later ones, after a
  /// namespace reset, describe single antennas).
  static func record(
    _ number: Int, _ body: ArraySlice<UInt8>, into radio: inout RadioInfo, sawFlags: inout Bool
  ) {
    var cursor = ByteCursor(body)
    switch number {
    case flagsField where !sawFlags:
      guard let flags = cursor.readU8() else { return }
      sawFlags = true
      radio.fcsIncluded = flags & flagFCSIncluded != 0
      radio.fcsFailed = flags & flagFCSFailed != 0
    case channelField where radio.frequency == nil:
      if let frequency = cursor.readU16LE(), frequency != 0 { radio.frequency = Int(frequency) }
    case xChannelField where radio.frequency == nil:
      _ = cursor.readU32LE()
      if let frequency = cursor.readU16LE(), frequency != 0 { radio.frequency = Int(frequency) }
    case signalField where radio.signalDBm == nil:
      if let signal = cursor.readU8() { radio.signalDBm = Int(Int8(bitPattern: signal)) }
    default:
      break
    }
  }
}

/// A forward-only reader over a radio header whose fields are aligned relative to the
/// header's first byte. Never reads past the header.
struct AlignedCursor {
  let header: ArraySlice<UInt8>
  /// Bytes from the header's start to the next unread byte.
  private(set) var offset: Int

  init(header: ArraySlice<UInt8>, offset: Int) {
    self.header = header
    self.offset = offset
  }

  /// The next field of `size` bytes after padding to `align`, or nothing when the header
  /// ends first.
  mutating func field(_ shape: (align: Int, size: Int)) -> ArraySlice<UInt8>? {
    let padding = (shape.align - offset % shape.align) % shape.align
    guard header.count - offset >= padding + shape.size else { return nil }
    let start = header.startIndex + offset + padding
    offset += padding + shape.size
    return header[start..<start + shape.size]
  }

  /// Skips `count` unaligned bytes; false when the header ends first.
  mutating func skip(_ count: Int) -> Bool {
    guard count >= 0, header.count - offset >= count else { return false }
    offset += count
    return true
  }
}
