/// A strict JSON reader (RFC 8259) for files from anywhere: it never traps, limits nesting,
/// and reports errors with a line and column.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var message: String
  public var description: String { "line \(line), column \(column): \(message)" }
}

public enum JSONParser {
  /// Deeper nesting than this is refused rather than recursed into.
  public static let maximumDepth = 64

  public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
    var parser = Parser(bytes: bytes)
    parser.skipSpace()
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.index == bytes.count else { throw parser.error("unexpected text after the value") }
    return value
  }

  private struct Parser {
    let bytes: [UInt8]
    var index = 0

    func error(_ message: String) -> JSONParseError {
      var line = 1
      var column = 1
      for byte in bytes[..<min(index, bytes.count)] {
        if byte == 0x0A {
          line += 1
          column = 1
        } else {
          column += 1
        }
      }
      return JSONParseError(line: line, column: column, message: message)
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpace() {
      while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
        index += 1
      }
    }

    mutating func expect(_ word: String) throws(JSONParseError) {
      for expected in word.utf8 {
        guard current == expected else { throw error("expected '\(word)'") }
        index += 1
      }
    }

    mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
      guard depth < JSONParser.maximumDepth else { throw error("nested too deeply") }
      guard let byte = current else { throw error("unexpected end of file") }
      switch byte {
      case UInt8(ascii: "{"): return try object(depth: depth)
      case UInt8(ascii: "["): return try array(depth: depth)
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "t"):
        try expect("true")
        return .bool(true)
      case UInt8(ascii: "f"):
        try expect("false")
        return .bool(false)
      case UInt8(ascii: "n"):
        try expect("null")
        return .null
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
      default: throw error("unexpected character")
      }
    }

    mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
      index += 1
      var members: [String: JSONValue] = [:]
      skipSpace()
      if current == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      }
      while true {
        skipSpace()
        guard current == UInt8(ascii: "\"") else { throw error("expected a member name") }
        let key = try string()
        skipSpace()
        guard current == UInt8(ascii: ":") else { throw error("expected ':'") }
        index += 1
        skipSpace()
        let item = try value(depth: depth + 1)
        if members[key] != nil {
          // The key is the file's text: escaped, so an error line never carries a control.
          throw error("duplicate member \"\(DisplayText.escapeText(key))\"")
        }
        members[key] = item
        skipSpace()
        if current == UInt8(ascii: ",") {
          index += 1
          continue
        }
        guard current == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
        index += 1
        return .object(members)
      }
    }

    mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
      index += 1
      var items: [JSONValue] = []
      skipSpace()
      if current == UInt8(ascii: "]") {
        index += 1
        return .array(items)
      }
      while true {
        skipSpace()
        items.append(try value(depth: depth + 1))
        skipSpace()
        if current == UInt8(ascii: ",") {
          index += 1
          continue
        }
        guard current == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
        index += 1
        return .array(items)
      }
    }

    mutating func string() throws(JSONParseError) -> String {
      index += 1
      // Runs of plain bytes are validated and appended as whole strings; only escapes are
      // appended one scalar at a time (scalar by scalar, a long string cost many times more).
      var out = ""
      var run: [UInt8] = []
      func flush() throws(JSONParseError) {
        guard !run.isEmpty else { return }
        guard let text = String(validating: run, as: UTF8.self) else {
          throw error("invalid UTF-8 in a string")
        }
        out += text
        run.removeAll(keepingCapacity: true)
      }
      while true {
        guard let byte = current else { throw error("unterminated string") }
        switch byte {
        case UInt8(ascii: "\""):
          try flush()
          index += 1
          return out
        case UInt8(ascii: "\\"):
          try flush()
          index += 1
          guard let escape = current else { throw error("unterminated string") }
          index += 1
          switch escape {
          case UInt8(ascii: "\""): out.unicodeScalars.append("\"")
          case UInt8(ascii: "\\"): out.unicodeScalars.append("\\")
          case UInt8(ascii: "/"): out.unicodeScalars.append("/")
          case UInt8(ascii: "b"): out.unicodeScalars.append("\u{08}")
          case UInt8(ascii: "f"): out.unicodeScalars.append("\u{0C}")
          case UInt8(ascii: "n"): out.unicodeScalars.append("\n")
          case UInt8(ascii: "r"): out.unicodeScalars.append("\r")
          case UInt8(ascii: "t"): out.unicodeScalars.append("\t")
          case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800...0xDBFF).contains(code) {
              guard current == UInt8(ascii: "\\") else { throw error("lone surrogate") }
              index += 1
              guard current == UInt8(ascii: "u") else { throw error("lone surrogate") }
              index += 1
              let low = try hex4()
              guard (0xDC00...0xDFFF).contains(low) else { throw error("lone surrogate") }
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw error("lone surrogate") }
            out.unicodeScalars.append(scalar)
          default: throw error("bad escape")
          }
        case 0x00..<0x20:
          throw error("control character in a string")
        default:
          run.append(byte)
          index += 1
        }
      }
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
      var value: UInt32 = 0
      for _ in 0..<4 {
        guard let byte = current else { throw error("unterminated \\u escape") }
        let digit: UInt32
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
        default: throw error("bad \\u escape")
        }
        value = value << 4 | digit
        index += 1
      }
      return value
    }

    mutating func number() throws(JSONParseError) -> JSONValue {
      let start = index
      if current == UInt8(ascii: "-") { index += 1 }
      func digits() -> Int {
        var count = 0
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
          index += 1
          count += 1
        }
        return count
      }
      if current == UInt8(ascii: "0") {
        index += 1
      } else if digits() == 0 {
        throw error("bad number")
      }
      var integral = true
      if current == UInt8(ascii: ".") {
        integral = false
        index += 1
        guard digits() > 0 else { throw error("bad number") }
      }
      if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
        integral = false
        index += 1
        if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0 else { throw error("bad number") }
      }
      let text = String(decoding: bytes[start..<index], as: UTF8.self)
      if integral, let value = Int(text) { return .integer(value) }
      guard let value = Double(text), value.isFinite else { throw error("number out of range") }
      return .number(value)
    }
  }
}
