/// The Prism monitor-mode header (link type 119) of old linux-wlan-ng and hostap drivers:
/// message code, message length, a 16-byte device name, then ten items of
/// `{did u32, status u16, length u16, data u32}` (host time, MAC time, channel, RSSI, signal
/// quality, signal, noise, rate, is-TX, frame length), in the capturing host's byte order.
/// An item's value is present when its status is 0.
///
/// Captures of this link type sometimes hold AVS headers instead (same drivers, newer
/// format); those are recognised by their version word and read as AVS.
public enum PrismHeader {
  static let minimumLength = 144
  static let channelItem = 2
  static let signalItem = 5

  public static func decode(_ packet: ArraySlice<UInt8>) throws(FrameProblem) -> LinkFrame {
    if AVSHeader.hasVersionWord(packet) { return try AVSHeader.decode(packet) }
    guard packet.count >= minimumLength else {
      throw .malformed("Prism header cut short: \(packet.count) of \(minimumLength) bytes")
    }
    // The byte order is the capturing host's: take the one in which the message length fits.
    var probe = ByteCursor(packet.dropFirst(4))
    let littleLength = Int(probe.readU32LE() ?? 0)
    var bigProbe = ByteCursor(packet.dropFirst(4))
    let bigLength = Int(readU32BE(&bigProbe) ?? 0)
    let bigEndian: Bool
    let length: Int
    if (minimumLength...packet.count).contains(littleLength) {
      (bigEndian, length) = (false, littleLength)
    } else if (minimumLength...packet.count).contains(bigLength) {
      (bigEndian, length) = (true, bigLength)
    } else {
      throw .malformed(
        "Prism message length \(littleLength) does not fit the \(packet.count)-byte packet")
    }

    var radio = RadioInfo()
    var items = ByteCursor(packet.dropFirst(24).prefix(120))
    for index in 0..<10 {
      guard let item = items.take(12) else { break }
      var cursor = ByteCursor(item)
      _ = cursor.take(4)  // did
      let status = bigEndian ? cursor.readU16BE() : cursor.readU16LE()
      _ = cursor.take(2)  // length
      let raw = bigEndian ? readU32BE(&cursor) : cursor.readU32LE()
      guard status == 0, let raw else { continue }
      let value = Int(Int32(bitPattern: raw))
      switch index {
      case channelItem: radio.frequency = ChannelFrequency.megahertz(channel: value)
      // Drivers put dBm here, or an uncalibrated RSSI; only a plausible dBm value is kept.
      case signalItem where (-120...(-1)).contains(value): radio.signalDBm = value
      default: break
      }
    }
    return LinkFrame(radio: radio, frame: packet.dropFirst(length))
  }
}

/// The AVS WLAN monitor-mode header (link type 163), big-endian: version, length, MAC time,
/// host time, PHY type, channel, data rate, antenna, priority, SSI type, SSI signal, SSI noise,
/// preamble, encoding (64 bytes in version 1; `length` covers later additions).
public enum AVSHeader {
  static let minimumLength = 64
  /// SSI type 2: the signal is in dBm.
  static let ssiDBm: UInt32 = 2

  /// True when the packet starts with an AVS version word (0x8021100x).
  static func hasVersionWord(_ packet: ArraySlice<UInt8>) -> Bool {
    var cursor = ByteCursor(packet)
    guard let version = readU32BE(&cursor) else { return false }
    return version & 0xFFFF_FFF0 == 0x8021_1000
  }

  public static func decode(_ packet: ArraySlice<UInt8>) throws(FrameProblem) -> LinkFrame {
    guard packet.count >= minimumLength else {
      throw .malformed("AVS header cut short: \(packet.count) of \(minimumLength) bytes")
    }
    guard hasVersionWord(packet) else {
      throw .malformed("AVS header without its version word 0x8021100x")
    }
    var cursor = ByteCursor(packet)
    _ = readU32BE(&cursor)  // version
    let length = Int(readU32BE(&cursor) ?? 0)
    guard length >= minimumLength, length <= packet.count else {
      throw .malformed("AVS header length \(length) does not fit the \(packet.count)-byte packet")
    }
    _ = cursor.take(16)  // MAC time, host time
    _ = readU32BE(&cursor)  // PHY type
    let channel = readU32BE(&cursor) ?? 0
    _ = cursor.take(12)  // data rate, antenna, priority
    let ssiType = readU32BE(&cursor) ?? 0
    let signal = Int(Int32(bitPattern: readU32BE(&cursor) ?? 0))

    var radio = RadioInfo()
    if channel <= 0xFFFF { radio.frequency = ChannelFrequency.megahertz(channel: Int(channel)) }
    if ssiType == ssiDBm, (-120...(-1)).contains(signal) { radio.signalDBm = signal }
    return LinkFrame(radio: radio, frame: packet.dropFirst(length))
  }
}

/// A big-endian u32 from a cursor (radio headers of the AVS family are big-endian).
func readU32BE(_ cursor: inout ByteCursor) -> UInt32? {
  guard let high = cursor.readU16BE(), let low = cursor.readU16BE() else { return nil }
  return UInt32(high) << 16 | UInt32(low)
}
