import CToml
import WifiRiskCore

// The only code of wifirisk that calls the TOML parser (toml++, through CToml). It copies the
// parsed document into a `ProfileValue` tree at once, so no pointer outlives the parse.

/// A TOML document that did not parse: toml++'s description (escaped with
/// `DisplayText.escapeText`, since it may quote the input) and where it begins.
public struct TOMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var message: String

  public var description: String { "\(message) (line \(line), column \(column))" }
}

extension TOMLSyntaxError {
  /// The line the tool prints for it: `FILE:LINE: KEY: problem (column N)`, with the key
  /// written on that line of `text` (`syntax` when the line defines none).
  public func located(file: String, text: String) -> String {
    let key = TOMLKeyLocator.keyText(onLine: line, in: text) ?? "syntax"
    return "\(file):\(line): \(key): \(message) (column \(column))"
  }
}

/// Parsing TOML text.
public enum TOMLDocument {
  /// The document's top-level table. Dates and times become `.other` naming their type,
  /// since no profile key takes one.
  public static func parse(_ text: String) throws(TOMLSyntaxError) -> [String: ProfileValue] {
    var bytes = Array(text.utf8)
    let parsed = unsafe bytes.withUnsafeMutableBufferPointer { buffer in
      unsafe buffer.withMemoryRebound(to: CChar.self) { chars in
        unsafe ctoml_parse(chars.baseAddress, chars.count)
      }
    }
    guard let document = unsafe parsed else {
      throw TOMLSyntaxError(line: 1, column: 1, message: "out of memory")
    }
    defer { unsafe ctoml_free(document) }
    var line: UInt32 = 0
    var column: UInt32 = 0
    if let error = unsafe ctoml_error(document, &line, &column) {
      // toml++ quotes the input in some messages ("saw 'n\n'"): escaped for the terminal.
      throw TOMLSyntaxError(
        line: Int(line), column: Int(column),
        message: DisplayText.escapeText(unsafe String(cString: error)))
    }
    var count = 0
    guard let nodes = unsafe ctoml_nodes(document, &count), count > 0 else { return [:] }
    var reader = unsafe NodeReader(nodes: UnsafeBufferPointer(start: nodes, count: count))
    guard case .table(let members) = reader.value().value else { return [:] }
    return members
  }
}

/// Walks the flat, depth-first node list of a parsed document.
@safe
private struct NodeReader {
  let nodes: UnsafeBufferPointer<ctoml_node>
  var next = 0

  /// The next node and all its members, with its key.
  mutating func value() -> (key: String, value: ProfileValue) {
    let node = unsafe nodes[next]
    next += 1
    let kind = unsafe node.kind
    let count = unsafe node.count
    let key = unsafe Self.text(node.key, node.key_length)
    switch kind {
    case CTOML_TABLE:
      var members: [String: ProfileValue] = [:]
      for _ in 0..<count {
        let (name, member) = value()
        members[name] = member
      }
      return (key, .table(members))
    case CTOML_ARRAY:
      var elements: [ProfileValue] = []
      elements.reserveCapacity(count)
      for _ in 0..<count { elements.append(value().value) }
      return (key, .array(elements))
    case CTOML_STRING: return (key, .string(unsafe Self.text(node.text, node.text_length)))
    case CTOML_INTEGER: return (key, .integer(Int(unsafe node.integer)))
    case CTOML_FLOAT: return (key, .float(unsafe node.number))
    case CTOML_BOOLEAN: return (key, .bool(unsafe node.boolean != 0))
    case CTOML_DATE: return (key, .other("a date"))
    case CTOML_TIME: return (key, .other("a time"))
    default: return (key, .other("a date-time"))
    }
  }

  private static func text(_ start: UnsafePointer<CChar>?, _ length: Int) -> String {
    guard let start = unsafe start, length > 0 else { return "" }
    let bytes = unsafe UnsafeRawBufferPointer(start: start, count: length)
    return unsafe String(decoding: bytes, as: UTF8.self)
  }
}
