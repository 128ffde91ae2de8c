/// Turns bytes a stranger chose (an SSID, a WPS device name) into text that is safe to put
/// on a terminal or in a log: nothing in it can move the cursor, change colours, reorder
/// text or hide characters.
///
/// - valid UTF-8 printable characters pass through;
/// - C0 controls, DEL and bytes of invalid UTF-8 become `\xNN`;
/// - C1 controls, bidirectional controls, zero-width and other invisible format
///   characters become `\uNNNN`, or `\UNNNNNNNN` past U+FFFF (always that many digits, so
///   a digit after an escape is never read as part of it);
/// - a backslash becomes `\\`, so every escape reads back unambiguously.
public enum DisplayText {
  public static func escape<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    let raw = Array(bytes)
    var out = ""
    var index = 0
    while index < raw.count {
      let length = scalarLength(raw, at: index)
      guard length > 0 else {
        out += "\\x" + Hex.byte(raw[index])
        index += 1
        continue
      }
      var decoder = UTF8()
      var piece = raw[index..<(index + length)].makeIterator()
      if case .scalarValue(let scalar) = decoder.decode(&piece) {
        out += render(scalar)
      } else {
        for byte in raw[index..<(index + length)] { out += "\\x" + Hex.byte(byte) }
      }
      index += length
    }
    return out
  }

  /// The length of a well-formed UTF-8 sequence at `index`, or 0 when there is none
  /// (overlong forms, surrogates and values past U+10FFFF are not well-formed).
  static func scalarLength(_ bytes: [UInt8], at index: Int) -> Int {
    let first = bytes[index]
    func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
      index + offset < bytes.count && range.contains(bytes[index + offset])
    }
    switch first {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: return continuation(1) ? 2 : 0
    case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
    case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
    case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
    case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
    default: return 0
    }
  }

  static func render(_ scalar: Unicode.Scalar) -> String {
    let value = scalar.value
    if value == 0x5C { return "\\\\" }
    if value < 0x20 || value == 0x7F { return "\\x" + Hex.byte(UInt8(value)) }
    if needsEscape(value) {
      let hex = String(value, radix: 16)
      let width = value > 0xFFFF ? 8 : 4
      return (width == 8 ? "\\U" : "\\u") + String(repeating: "0", count: width - hex.count) + hex
    }
    return String(scalar)
  }

  /// C1 controls, bidi controls, zero-width and invisible format characters, line and
  /// paragraph separators, and private-use or unassigned code points that a terminal
  /// might treat specially.
  static func needsEscape(_ value: UInt32) -> Bool {
    switch value {
    case 0x80...0x9F: return true  // C1 controls (CSI is U+009B)
    case 0xAD: return true  // soft hyphen
    case 0x061C: return true  // Arabic letter mark
    case 0x115F, 0x1160, 0x3164, 0xFFA0: return true  // Hangul fillers
    case 0x180E: return true  // Mongolian vowel separator
    case 0x200B...0x200F: return true  // zero-width space/joiners, LRM, RLM
    case 0x2028...0x202E: return true  // line/paragraph separators, bidi embeddings
    case 0x2060...0x206F: return true  // word joiner, invisible operators, bidi isolates
    case 0xFE00...0xFE0F: return true  // variation selectors
    case 0xFEFF: return true  // zero-width no-break space (BOM)
    case 0xFFF9...0xFFFB: return true  // interlinear annotation
    case 0xE0000...0xE007F: return true  // tag characters
    case 0xE0100...0xE01EF: return true  // variation selectors supplement
    default:
      guard let scalar = Unicode.Scalar(value) else { return true }
      switch scalar.properties.generalCategory {
      case .control, .format, .surrogate, .privateUse, .unassigned: return true
      default: return false
      }
    }
  }

  /// Escapes text that may carry stranger-chosen parts (evidence naming an SSID, an
  /// interface name from the command line).
  public static func escapeText(_ text: String) -> String { escape(Array(text.utf8)) }
}
