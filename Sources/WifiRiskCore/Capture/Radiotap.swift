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

  @inline(__always)
  public static func decode(_ packet: ArraySlice<UInt8>) throws(FrameProblem) -> LinkFrame {
    guard packet.count >= 8 else {
      throw .malformed("radiotap header cut short: \(packet.count) of 8 bytes")
    }
    let version = packet[packet.startIndex]
    guard version == 0 else { throw .malformed("radiotap version \(version), expected 0") }
    let length = Int(packet.u16LE(at: packet.startIndex + 2))
    guard length >= 8 else {
      throw .malformed("radiotap length \(length) is shorter than the 8-byte preamble")
    }
    guard length <= packet.count else {
      throw .malformed("radiotap length \(length) runs past the \(packet.count)-byte packet")
    }
    let frame = packet[(packet.startIndex + length)...]

    // The presence bitmaps: one 32-bit word, and another for as long as bit 31 says so.
    // They are counted first (the fields start after the last one), then read again in the
    // walk; no list of them is kept, so a packet costs no allocation.
    var wordCount = 0
    while true {
      guard let word = u32(packet, length, at: 4 + 4 * wordCount) else {
        throw overrun("radiotap presence bitmaps", length, plural: true)
      }
      wordCount += 1
      if word & bitExtended == 0 { break }
    }

    var data = AlignedOffset(offset: 4 + 4 * wordCount, limit: length)
    var radio = RadioInfo()
    var sawFlags = false
    var inVendorNamespace = false
    var vendorSkip = 0
    var base = 0  // the field number of bit 0 of the current word, within its namespace

    walk: for index in 0..<wordCount {
      let word = u32(packet, length, at: 4 + 4 * index) ?? 0
      if inVendorNamespace {
        // A vendor namespace's data is one block of `skip_length` bytes; skip it once, when
        // its first bitmap word comes up, and ignore its presence bits.
        if vendorSkip > 0 {
          guard data.skip(vendorSkip) else {
            throw overrun("radiotap vendor namespace data", length)
          }
          vendorSkip = 0
        }
      } else {
        var present = word & 0x1FFF_FFFF  // bits 29-31 are not fields
        while present != 0 {
          let number = base + present.trailingZeroBitCount
          present &= present &- 1
          // A field this table does not know (or the TLV list) has no known size: what
          // follows cannot be located, so the walk ends with what it has.
          guard number < fields.count else { break walk }
          guard let at = data.field(fields[number]) else {
            throw overrun("radiotap field \(number)", length)
          }
          if number <= xChannelField {
            record(number, at: at, in: packet, into: &radio, sawFlags: &sawFlags)
          }
        }
      }
      let toRadiotap = word & bitRadiotapNamespace != 0
      let toVendor = word & bitVendorNamespace != 0
      if toRadiotap && toVendor { break }  // undefined by radiotap: stop reading fields
      if toVendor {
        // u8 OUI[3], u8 sub-namespace, u16 skip_length; aligned to 2.
        guard let at = data.field((align: 2, size: 6)) else {
          throw overrun("radiotap vendor namespace", length)
        }
        vendorSkip = Int(u16(packet, length, at: at + 4) ?? 0)
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

  /// The problem of a part that does not fit in the header. Kept out of line: building the
  /// message is the rare path, and inlined it slows the common one.
  @inline(never)
  static func overrun(_ what: String, _ length: Int, plural: Bool = false) -> FrameProblem {
    .malformed("\(what) \(plural ? "run" : "runs") past the header length \(length)")
  }

  /// Keeps the fields wifirisk uses; the first occurrence of each wins (later ones, after a
  /// namespace reset, describe single antennas). `at` is the field's offset in the header,
  /// which `AlignedOffset.field` has already checked holds the whole field.
  static func record(
    _ number: Int, at: Int, in packet: ArraySlice<UInt8>, into radio: inout RadioInfo,
    sawFlags: inout Bool
  ) {
    let first = packet.startIndex + at
    switch number {
    case flagsField where !sawFlags:
      let flags = packet[first]
      sawFlags = true
      radio.fcsIncluded = flags & flagFCSIncluded != 0
      radio.fcsFailed = flags & flagFCSFailed != 0
    case channelField where radio.frequency == nil:
      let frequency = Int(packet.u16LE(at: first))
      if frequency != 0 { radio.frequency = frequency }
    case xChannelField where radio.frequency == nil:
      let frequency = Int(packet.u16LE(at: first + 4))
      if frequency != 0 { radio.frequency = frequency }
    case signalField where radio.signalDBm == nil:
      radio.signalDBm = Int(Int8(bitPattern: packet[first]))
    default:
      break
    }
  }

  /// Little-endian reads at offsets from the header's first byte, each checked against the
  /// header's length: nothing past the header is ever read. (Plain functions of the packet
  /// rather than a wrapper holding it: a wrapper would retain the packet's storage once per
  /// packet.)
  static func u16(_ packet: ArraySlice<UInt8>, _ length: Int, at offset: Int) -> UInt16? {
    guard offset >= 0, length - offset >= 2 else { return nil }
    return packet.u16LE(at: packet.startIndex + offset)
  }

  static func u32(_ packet: ArraySlice<UInt8>, _ length: Int, at offset: Int) -> UInt32? {
    guard offset >= 0, length - offset >= 4 else { return nil }
    return packet.u32LE(at: packet.startIndex + offset)
  }
}

/// A forward-only position in a radio header whose fields are aligned relative to the
/// header's first byte. Never moves past the header's length.
struct AlignedOffset {
  /// Bytes from the header's start to the next unread byte.
  private(set) var offset: Int
  let limit: Int

  /// The offset of the next field of `size` bytes after padding to `align`, or nothing when
  /// the header ends first.
  mutating func field(_ shape: (align: Int, size: Int)) -> Int? {
    // Radiotap alignments are powers of two, so the padding is a mask, not a division.
    // Offsets and sizes are below 2^16 here, so the arithmetic cannot overflow.
    let mask = shape.align &- 1
    let start = (offset &+ mask) & ~mask
    guard start &+ shape.size <= limit else { return nil }
    offset = start &+ shape.size
    return start
  }

  /// Skips `count` unaligned bytes; false when the header ends first.
  mutating func skip(_ count: Int) -> Bool {
    guard count >= 0, limit - offset >= count else { return false }
    offset += count
    return true
  }
}
