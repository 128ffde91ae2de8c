/// A JSON value: what fixtures are read into and what reports are written from.
///
/// Objects keep their keys in a dictionary; the writer sorts them, so the same value always
/// prints the same bytes (the output contract depends on that).
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case integer(Int)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  public var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number, .integer: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}

extension JSONValue {
  /// Serialises with sorted keys. `pretty` indents by two spaces.
  public func serialized(pretty: Bool = true) -> String {
    var out = ""
    write(into: &out, indent: pretty ? 0 : nil)
    return out
  }

  private func write(into out: inout String, indent: Int?) {
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .integer(let value): out += String(value)
    case .number(let value):
      if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
        out += String(Int(value)) + ".0"
      } else if value.isFinite {
        out += String(value)
      } else {
        out += "null"
      }
    case .string(let value): JSONValue.quote(value, into: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (index, item) in items.enumerated() {
        if index > 0 { out += "," }
        JSONValue.newline(&out, indent.map { $0 + 1 })
        item.write(into: &out, indent: indent.map { $0 + 1 })
      }
      JSONValue.newline(&out, indent)
      out += "]"
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      for (index, key) in members.keys.sorted().enumerated() {
        if index > 0 { out += "," }
        JSONValue.newline(&out, indent.map { $0 + 1 })
        JSONValue.quote(key, into: &out)
        out += indent == nil ? ":" : ": "
        members[key]?.write(into: &out, indent: indent.map { $0 + 1 })
      }
      JSONValue.newline(&out, indent)
      out += "}"
    }
  }

  private static func newline(_ out: inout String, _ indent: Int?) {
    guard let indent else { return }
    out += "\n" + String(repeating: "  ", count: indent)
  }

  /// Writes `text` as a JSON string. Quote, backslash and every control character (C0, DEL,
  /// C1, and the line and paragraph separators U+2028 and U+2029) are escaped; everything
  /// else is copied as it is, a run at a time rather than a character at a time.
  static func quote(_ text: String, into out: inout String) {
    out += "\""
    let utf8 = text.utf8
    var run = utf8.startIndex
    var index = run
    while index != utf8.endIndex {
      guard let (escaped, width) = escape(utf8, at: index) else {
        index = utf8.index(after: index)
        continue
      }
      out += String(decoding: utf8[run..<index], as: UTF8.self)
      out += escaped
      index = utf8.index(index, offsetBy: width)
      run = index
    }
    out += String(decoding: utf8[run..<index], as: UTF8.self)
    out += "\""
  }

  /// The escape for the scalar whose UTF-8 encoding starts at `index`, and that encoding's
  /// length; nil for a scalar copied as it is. A Swift string is valid UTF-8, so a lead
  /// byte is always followed by its continuation bytes.
  private static func escape(_ utf8: String.UTF8View, at index: String.Index) -> (String, Int)? {
    func byte(_ offset: Int) -> UInt8? {
      guard let at = utf8.index(index, offsetBy: offset, limitedBy: utf8.endIndex),
        at != utf8.endIndex
      else { return nil }
      return utf8[at]
    }
    func unicode(_ value: UInt32) -> String {
      let hex = String(value, radix: 16)
      return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
    let lead = utf8[index]
    switch lead {
    case 0x22: return ("\\\"", 1)
    case 0x5C: return ("\\\\", 1)
    case 0x0A: return ("\\n", 1)
    case 0x0D: return ("\\r", 1)
    case 0x09: return ("\\t", 1)
    case 0x00..<0x20, 0x7F: return (unicode(UInt32(lead)), 1)
    case 0xC2:
      // U+0080...U+009F, the C1 controls: C2 80...C2 9F.
      guard let next = byte(1), (0x80...0x9F).contains(next) else { return nil }
      return (unicode(UInt32(next)), 2)
    case 0xE2:
      // U+2028 and U+2029: E2 80 A8 and E2 80 A9.
      guard byte(1) == 0x80, let last = byte(2), last == 0xA8 || last == 0xA9 else { return nil }
      return (unicode(0x2000 + UInt32(last - 0x80)), 3)
    default:
      return nil
    }
  }
}

extension JSONValue {
  public init(_ text: String?) { self = text.map(JSONValue.string) ?? .null }
  public init(_ number: Int?) { self = number.map(JSONValue.integer) ?? .null }
  public init(_ flag: Bool?) { self = flag.map(JSONValue.bool) ?? .null }
  public init(_ strings: [String]) { self = .array(strings.map(JSONValue.string)) }
}
