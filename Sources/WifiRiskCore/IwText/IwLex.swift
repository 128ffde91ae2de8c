/// The small lexical layer under the `iw` text reader: lines with their indentation, and
/// byte-level helpers for the fields `iw` prints.
///
/// The text is handled as bytes, not as a Swift `String`: `iw` prints some values raw (WPS
/// device names, country codes), and those bytes go back into elements unchanged. Only the
/// ASCII parts (numbers, hex, suite names) are turned into strings.
enum IwLex {
  static let tab: UInt8 = 0x09
  static let newline: UInt8 = 0x0A
  static let carriageReturn: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let backslash: UInt8 = 0x5C

  /// One line of the text.
  struct Line {
    /// 1-based line number in the text.
    var number: Int
    /// Display column of the first non-blank byte (a tab moves to the next multiple of 8).
    var column: Int
    /// The line without its indentation and without trailing carriage returns. Trailing
    /// spaces are kept: a WPS string can end in one.
    var text: ArraySlice<UInt8>
    /// False for a last line that the text cuts off without a newline.
    var terminated: Bool

    var isBlank: Bool { IwLex.trim(text).isEmpty }
  }

  /// Splits the text into lines. A UTF-8 byte order mark at the start is skipped (editors
  /// add one; `iw` never prints it).
  static func lines(_ bytes: [UInt8]) -> [Line] {
    var out: [Line] = []
    var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var number = 1
    while start < bytes.count {
      var end = start
      while end < bytes.count && bytes[end] != newline { end += 1 }
      out.append(line(bytes[start..<end], number: number, terminated: end < bytes.count))
      number += 1
      start = end + 1
    }
    return out
  }

  /// The first line with something on it, read without splitting the whole text.
  static func firstContentLine(_ bytes: [UInt8]) -> Line? {
    var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var number = 1
    while start < bytes.count {
      var end = start
      while end < bytes.count && bytes[end] != newline { end += 1 }
      let candidate = line(bytes[start..<end], number: number, terminated: end < bytes.count)
      if !candidate.isBlank { return candidate }
      number += 1
      start = end + 1
    }
    return nil
  }

  private static func line(_ raw: ArraySlice<UInt8>, number: Int, terminated: Bool) -> Line {
    var column = 0
    var index = raw.startIndex
    while index < raw.endIndex {
      if raw[index] == tab {
        column = (column / 8 + 1) * 8
      } else if raw[index] == space {
        column += 1
      } else {
        break
      }
      index += 1
    }
    var end = raw.endIndex
    while end > index && raw[end - 1] == carriageReturn { end -= 1 }
    return Line(number: number, column: column, text: raw[index..<end], terminated: terminated)
  }

  // MARK: - Bytes as text

  static func isBlank(_ byte: UInt8) -> Bool {
    byte == space || byte == tab || byte == carriageReturn
  }

  /// Without leading and trailing spaces, tabs and carriage returns.
  static func trim(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var start = text.startIndex
    var end = text.endIndex
    while start < end && isBlank(text[start]) { start += 1 }
    while end > start && isBlank(text[end - 1]) { end -= 1 }
    return text[start..<end]
  }

  /// The bytes as a string, for ASCII fields; other bytes become U+FFFD.
  static func string(_ text: ArraySlice<UInt8>) -> String {
    String(decoding: text, as: UTF8.self)
  }

  static func lower(_ byte: UInt8) -> UInt8 {
    (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
  }

  /// True when `text` starts with the ASCII `prefix` (optionally ignoring case).
  static func hasPrefix(_ text: ArraySlice<UInt8>, _ prefix: String, ignoringCase: Bool = false)
    -> Bool
  {
    var index = text.startIndex
    for byte in prefix.utf8 {
      guard index < text.endIndex else { return false }
      let have = text[index]
      if ignoringCase ? lower(have) != lower(byte) : have != byte { return false }
      index += 1
    }
    return true
  }

  /// The bytes after the ASCII `prefix`, or nil when the text does not start with it.
  static func after(_ text: ArraySlice<UInt8>, _ prefix: String, ignoringCase: Bool = false)
    -> ArraySlice<UInt8>?
  {
    guard hasPrefix(text, prefix, ignoringCase: ignoringCase) else { return nil }
    return text.dropFirst(prefix.utf8.count)
  }

  /// The index where the ASCII `needle` first occurs in `text`.
  static func firstIndex(of needle: String, in text: ArraySlice<UInt8>) -> Int? {
    let wanted = Array(needle.utf8)
    guard !wanted.isEmpty, text.count >= wanted.count else { return nil }
    var index = text.startIndex
    while index + wanted.count <= text.endIndex {
      if text[index..<(index + wanted.count)].elementsEqual(wanted) { return index }
      index += 1
    }
    return nil
  }

  /// The index where the ASCII `needle` last occurs in `text`.
  static func lastIndex(of needle: String, in text: ArraySlice<UInt8>) -> Int? {
    let wanted = Array(needle.utf8)
    guard !wanted.isEmpty, text.count >= wanted.count else { return nil }
    var index = text.endIndex - wanted.count
    while index >= text.startIndex {
      if text[index..<(index + wanted.count)].elementsEqual(wanted) { return index }
      index -= 1
    }
    return nil
  }

  /// Splits `Label: value` at the first colon: the label, and the value after the colon
  /// and one space (`iw` prints `"%s: %s"`). The value is otherwise left as printed.
  static func labelled(_ text: ArraySlice<UInt8>) -> (label: String, value: ArraySlice<UInt8>)? {
    guard let colon = text.firstIndex(of: UInt8(ascii: ":")) else { return nil }
    var value = text[(colon + 1)...]
    if value.first == space { value = value.dropFirst() }
    return (string(text[..<colon]), value)
  }

  // MARK: - Numbers

  static func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x61...0x66: byte - 0x61 + 10
    case 0x41...0x46: byte - 0x41 + 10
    default: nil
    }
  }

  /// The decimal integer at the start of the text (after blanks), with an optional sign;
  /// whatever follows it is ignored. Nil when there is none or it does not fit.
  static func leadingInt<S: StringProtocol>(_ text: S) -> Int? {
    var digits = Substring(text).drop { $0 == " " || $0 == "\t" }
    var negative = false
    if let sign = digits.first, sign == "-" || sign == "+" {
      negative = sign == "-"
      digits = digits.dropFirst()
    }
    let number = digits.prefix { $0.isASCII && $0.isNumber }
    guard !number.isEmpty, number.count <= 18, let value = Int(number) else { return nil }
    return negative ? -value : value
  }

  /// A `0x`-prefixed hexadecimal number at the start of the text (after blanks).
  static func leadingHex<S: StringProtocol>(_ text: S) -> Int? {
    let trimmed = Substring(text).drop { $0 == " " || $0 == "\t" }
    guard trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") else { return nil }
    let digits = trimmed.dropFirst(2).prefix { $0.isHexDigit }
    guard !digits.isEmpty, digits.count <= 15 else { return nil }
    return Int(digits, radix: 16)
  }

  /// Bytes printed as space-separated hex pairs (`" 01 0f ac"`); nil when a token is not
  /// one or two hex digits.
  static func hexBytes<S: StringProtocol>(_ text: S) -> [UInt8]? {
    var out: [UInt8] = []
    for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
      guard token.count <= 2, let byte = UInt8(token, radix: 16) else { return nil }
      out.append(byte)
    }
    return out
  }

  /// A run of hex digits with no separators (`001bc504bd`).
  static func packedHex<S: StringProtocol>(_ text: S) -> [UInt8]? {
    let digits = Array(text.utf8)
    guard digits.count % 2 == 0 else { return nil }
    var out: [UInt8] = []
    var index = 0
    while index < digits.count {
      guard let high = hexDigit(digits[index]), let low = hexDigit(digits[index + 1]) else {
        return nil
      }
      out.append(high << 4 | low)
      index += 2
    }
    return out
  }

  /// A line or value shown in an error or a note: at most 60 characters, with control
  /// and non-ASCII bytes as `\xNN`, so hostile text cannot drive a terminal.
  /// Text from the input quoted in a note or an error: printable ASCII as it is, anything
  /// else as `\xNN`, at most 60 bytes.
  static func excerpt<S: StringProtocol>(_ text: S) -> String {
    excerpt(Array(text.utf8)[...])
  }

  static func excerpt(_ text: ArraySlice<UInt8>) -> String {
    var out = ""
    for byte in text.prefix(60) {
      if (0x20..<0x7F).contains(byte) && byte != backslash && byte != UInt8(ascii: "\"") {
        out.append(Character(Unicode.Scalar(byte)))
      } else {
        out += "\\x" + Hex.byte(byte)
      }
    }
    return text.count > 60 ? out + "..." : out
  }
}
