/// The Per-Packet Information header (link type 192, CACE's PPI 1.0), little-endian:
/// version u8 (0), flags u8 (bit 0: fields padded to 4 bytes), length u16 (the whole
/// header), the payload's link type u32, then fields of `{type u16, length u16, data}`.
///
/// The 802.11-Common field (type 2) gives the frequency, the dBm signal and the FCS flags:
/// TSF u64, flags u16 (0x1 FCS included, 0x4 FCS invalid), rate u16, frequency u16,
/// channel flags u16, FHSS hop set u8, FHSS pattern u8, signal s8, noise s8.
public enum PPIHeader {
  static let commonField: UInt16 = 2
  static let commonLength = 20
  static let flagAligned: UInt8 = 0x01
  static let flagFCSIncluded: UInt16 = 0x0001
  static let flagFCSInvalid: UInt16 = 0x0004

  public static func decode(_ packet: ArraySlice<UInt8>) throws(FrameProblem) -> LinkFrame {
    var cursor = ByteCursor(packet)
    guard let version = cursor.readU8(), let flags = cursor.readU8(),
      let declared = cursor.readU16LE(), let payloadType = cursor.readU32LE()
    else {
      throw .malformed("PPI header cut short: \(packet.count) of 8 bytes")
    }
    guard version == 0 else { throw .malformed("PPI version \(version), expected 0") }
    let length = Int(declared)
    guard length >= 8, length <= packet.count else {
      throw .malformed("PPI length \(length) does not fit the \(packet.count)-byte packet")
    }

    var radio = RadioInfo()
    var sawCommon = false
    var fields = ByteCursor(packet.dropFirst(8).prefix(length - 8))
    while fields.remaining >= 4 {
      guard let type = fields.readU16LE(), let size = fields.readU16LE() else { break }
      guard let body = fields.take(Int(size)) else {
        throw .malformed("PPI field \(type) of \(size) bytes runs past the header length \(length)")
      }
      if flags & flagAligned != 0 {
        _ = fields.take(min((4 - Int(size) % 4) % 4, fields.remaining))
      }
      if type == commonField, body.count >= commonLength, !sawCommon {
        radio = common(body)
        sawCommon = true
      }
    }

    let payload = packet.dropFirst(length)
    switch LinkType(rawValue: Int(payloadType)) {
    case .ieee80211:
      return LinkFrame(radio: radio, frame: payload)
    case .radiotap:
      let inner = try Radiotap.decode(payload)
      return LinkFrame(radio: inner.radio.filled(from: radio), frame: inner.frame)
    default:
      throw FrameProblem(
        .unsupportedLinkType, "PPI carries link type \(payloadType), not 802.11 frames")
    }
  }

  static func common(_ body: ArraySlice<UInt8>) -> RadioInfo {
    var cursor = ByteCursor(body)
    _ = cursor.take(8)  // TSF timer
    let flags = cursor.readU16LE() ?? 0
    _ = cursor.readU16LE()  // rate
    let frequency = Int(cursor.readU16LE() ?? 0)
    _ = cursor.take(4)  // channel flags, FHSS hop set and pattern
    let signal = Int(Int8(bitPattern: cursor.readU8() ?? 0x80))
    return RadioInfo(
      frequency: frequency == 0 ? nil : frequency,
      // -128 is what writers put when they have no signal reading.
      signalDBm: signal == -128 ? nil : signal,
      fcsIncluded: flags & flagFCSIncluded != 0,
      fcsFailed: flags & flagFCSInvalid != 0)
  }
}
