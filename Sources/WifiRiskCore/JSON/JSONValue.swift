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
    var out: [UInt8] = []
    out.reserveCapacity(4096)
    write(into: &out, indent: pretty ? 0 : nil)
    return String(decoding: out, as: UTF8.self)
  }

  /// Written as bytes: a report is written once per run, and appending to a `String` a
  /// piece at a time costs several times what copying the bytes does.
  private func write(into out: inout [UInt8], indent: Int?) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
    case .integer(let value): out.append(contentsOf: String(value).utf8)
    case .number(let value):
      if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
        out.append(contentsOf: String(Int(value)).utf8)
        out.append(contentsOf: ".0".utf8)
      } else if value.isFinite {
        out.append(contentsOf: String(value).utf8)
      } else {
        out.append(contentsOf: "null".utf8)
      }
    case .string(let value): JSONValue.quote(value, into: &out)
    case .array(let items):
      JSONValue.container("[", "]", items, indent: indent, into: &out) { item, inner, out in
        item.write(into: &out, indent: inner)
      }
    case .object(let members):
      let sorted = members.sorted { $0.key < $1.key }
      JSONValue.container("{", "}", sorted, indent: indent, into: &out) { member, inner, out in
        JSONValue.quote(member.key, into: &out)
        out.append(UInt8(ascii: ":"))
        if inner != nil { out.append(UInt8(ascii: " ")) }
        member.value.write(into: &out, indent: inner)
      }
    }
  }

  /// An array or object: its items between `open` and `close`, comma-separated, each on a
  /// line of its own one level in when pretty; `[]` or `{}` when empty.
  private static func container<Item>(
    _ open: Unicode.Scalar, _ close: Unicode.Scalar, _ items: [Item], indent: Int?,
    into out: inout [UInt8], item write: (Item, Int?, inout [UInt8]) -> Void
  ) {
    out.append(UInt8(ascii: open))
    guard !items.isEmpty else {
      out.append(UInt8(ascii: close))
      return
    }
    let inner = indent.map { $0 + 1 }
    for (index, item) in items.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      newline(&out, inner)
      write(item, inner, &out)
    }
    newline(&out, indent)
    out.append(UInt8(ascii: close))
  }

  private static func newline(_ out: inout [UInt8], _ indent: Int?) {
    guard let indent else { return }
    out.append(UInt8(ascii: "\n"))
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
  }

  /// Writes `text` as a JSON string. Quote, backslash and every control character (C0, DEL,
  /// C1, and the line and paragraph separators U+2028 and U+2029) are escaped; everything
  /// else is copied byte for byte from the string's UTF-8.
  static func quote(_ text: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    let utf8 = text.utf8.span
    var index = 0
    while index < utf8.count {
      // Printable ASCII other than quote and backslash, most of any text, goes as it is.
      let byte = utf8[index]
      if byte >= 0x20, byte < 0x7F, byte != 0x22, byte != 0x5C {
        out.append(byte)
        index += 1
      } else if let (escape, width) = escape(utf8, at: index) {
        appendEscape(escape, into: &out)
        index += width
      } else {
        out.append(byte)
        index += 1
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// What stands for an escaped scalar: a two-character escape, or `\uXXXX`.
  private enum Escape {
    case short(UInt8)
    case unicode(UInt32)
  }

  private static func appendEscape(_ escape: Escape, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\\"))
    switch escape {
    case .short(let letter): out.append(letter)
    case .unicode(let value):
      out.append(UInt8(ascii: "u"))
      let digits = Array("0123456789abcdef".utf8)
      for shift in stride(from: 12, through: 0, by: -4) {
        out.append(digits[Int((value >> UInt32(shift)) & 0xF)])
      }
    }
  }

  /// The escape for the scalar whose UTF-8 encoding starts at `index`, and that encoding's
  /// length; nil for a scalar copied as it is. A Swift string is valid UTF-8, so a lead
  /// byte is always followed by its continuation bytes.
  private static func escape(_ utf8: Span<UInt8>, at index: Int) -> (Escape, Int)? {
    func byte(_ offset: Int) -> UInt8? {
      index + offset < utf8.count ? utf8[index + offset] : nil
    }
    let lead = utf8[index]
    switch lead {
    case 0x22: return (.short(0x22), 1)
    case 0x5C: return (.short(0x5C), 1)
    case 0x0A: return (.short(UInt8(ascii: "n")), 1)
    case 0x0D: return (.short(UInt8(ascii: "r")), 1)
    case 0x09: return (.short(UInt8(ascii: "t")), 1)
    case 0x00..<0x20, 0x7F: return (.unicode(UInt32(lead)), 1)
    case 0xC2:
      // U+0080...U+009F, the C1 controls: C2 80...C2 9F.
      guard let next = byte(1), (0x80...0x9F).contains(next) else { return nil }
      return (.unicode(UInt32(next)), 2)
    case 0xE2:
      // U+2028 and U+2029: E2 80 A8 and E2 80 A9.
      guard byte(1) == 0x80, let last = byte(2), last == 0xA8 || last == 0xA9 else { return nil }
      return (.unicode(0x2000 + UInt32(last - 0x80)), 3)
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
