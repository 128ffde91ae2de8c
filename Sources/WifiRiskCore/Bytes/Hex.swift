/// Hexadecimal text for bytes, and bytes from hexadecimal text.
public enum Hex {
  private static let digits = Array("0123456789abcdef".utf8)

  public static func byte(_ value: UInt8) -> String {
    String(decoding: [digits[Int(value >> 4)], digits[Int(value & 0x0f)]], as: UTF8.self)
  }

  /// Built as ASCII bytes, made a string once (appending characters one by one costs a
  /// grapheme check each, which dominated writing a fixture).
  public static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for value in bytes {
      out.append(digits[Int(value >> 4)])
      out.append(digits[Int(value & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Why a hex string could not be decoded, with the character offset of the problem.
  public enum DecodeError: Error, Equatable, Sendable {
    case oddLength(Int)
    case badDigit(offset: Int)
  }

  /// Decodes upper- or lower-case hex with no separators.
  public static func decode(_ text: String) throws(DecodeError) -> [UInt8] {
    try decode(utf8: Array(text.utf8))
  }

  /// Decodes hex given as its UTF-8 (ASCII) bytes.
  public static func decode(utf8: [UInt8]) throws(DecodeError) -> [UInt8] {
    guard utf8.count % 2 == 0 else { throw .oddLength(utf8.count) }
    var out: [UInt8] = []
    out.reserveCapacity(utf8.count / 2)
    var index = 0
    while index < utf8.count {
      guard let high = nibble(utf8[index]) else { throw .badDigit(offset: index) }
      guard let low = nibble(utf8[index + 1]) else { throw .badDigit(offset: index + 1) }
      out.append(high << 4 | low)
      index += 2
    }
    return out
  }

  private static func nibble(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
