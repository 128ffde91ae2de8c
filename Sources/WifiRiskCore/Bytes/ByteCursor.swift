/// A read-only cursor over bytes that strangers sent. It only moves forward and only narrows:
/// every read checks the bytes left first, so a decoder can never read past its own slice.
///
/// Offsets are absolute: `offset` is the index of the next byte in the buffer the slice was
/// cut from, which is what anomalies and errors report.
public struct ByteCursor: Sendable {
  public private(set) var bytes: ArraySlice<UInt8>

  public init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }
  public init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

  public var offset: Int { bytes.startIndex }
  public var remaining: Int { bytes.count }
  public var isEmpty: Bool { bytes.isEmpty }

  public mutating func readU8() -> UInt8? {
    guard let first = bytes.first else { return nil }
    bytes = bytes.dropFirst()
    return first
  }

  public mutating func readU16LE() -> UInt16? {
    guard bytes.count >= 2 else { return nil }
    let value = bytes.u16LE(at: bytes.startIndex)
    bytes = bytes.dropFirst(2)
    return value
  }

  public mutating func readU16BE() -> UInt16? {
    guard bytes.count >= 2 else { return nil }
    let value = UInt16(bytes[bytes.startIndex]) << 8 | UInt16(bytes[bytes.startIndex + 1])
    bytes = bytes.dropFirst(2)
    return value
  }

  public mutating func readU32LE() -> UInt32? {
    guard let low = readU16LE() else { return nil }
    guard let high = readU16LE() else { return nil }
    return UInt32(low) | UInt32(high) << 16
  }

  /// A 4-byte suite selector, read big-endian (OUI then type): `00-0F-AC:4` is `0x000FAC04`.
  public mutating func readSelector() -> UInt32? {
    guard bytes.count >= 4 else { return nil }
    var value: UInt32 = 0
    for byte in bytes.prefix(4) { value = value << 8 | UInt32(byte) }
    bytes = bytes.dropFirst(4)
    return value
  }

  /// Takes the next `count` bytes as a slice, or nothing when fewer are left.
  public mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
    guard count >= 0, bytes.count >= count else { return nil }
    let piece = bytes.prefix(count)
    bytes = bytes.dropFirst(count)
    return piece
  }

  /// Takes everything that is left.
  public mutating func takeRest() -> ArraySlice<UInt8> {
    let rest = bytes
    bytes = bytes.suffix(0)
    return rest
  }
}
