import Testing
import WifiRiskCore
import WifiRiskTOML

/// The TOML reader: all of TOML 1.0 that a person may write in a profile comes through as
/// Core's `ProfileValue`, and a syntax error names its line and column.
@Suite struct TOMLDocumentTests {
  @Test func everyValueKindBecomesAProfileValue() throws {
    let root = try TOMLDocument.parse(
      """
      name = "basic \\"quoted\\" \\u00e9"
      literal = 'C:\\path'
      multi = \"\"\"
      two \\
        lines\"\"\"
      count = 0x1F
      ratio = 1.5e2
      on = true
      when = 2026-11-25T10:00:00Z
      day = 2026-11-25
      hour = 10:00:00
      list = [1, "two", [3], { four = 4 }]
      inline = { a.b = "dotted" }
      a.b.c = 1

      [table."quoted key"]
      x = -7

      [[entries]]
      n = 1
      [[entries]]
      n = 2
      """)
    #expect(root["name"] == .string("basic \"quoted\" é"))
    #expect(root["literal"] == .string("C:\\path"))
    #expect(root["multi"] == .string("two lines"))
    #expect(root["count"] == .integer(31))
    #expect(root["ratio"] == .float(150))
    #expect(root["on"] == .bool(true))
    #expect(root["when"] == .other("a date-time"))
    #expect(root["day"] == .other("a date"))
    #expect(root["hour"] == .other("a time"))
    #expect(
      root["list"]
        == .array([
          .integer(1), .string("two"), .array([.integer(3)]), .table(["four": .integer(4)]),
        ]))
    #expect(root["inline"] == .table(["a": .table(["b": .string("dotted")])]))
    #expect(root["a"] == .table(["b": .table(["c": .integer(1)])]))
    #expect(root["table"] == .table(["quoted key": .table(["x": .integer(-7)])]))
    #expect(root["entries"] == .array([.table(["n": .integer(1)]), .table(["n": .integer(2)])]))
    #expect(root.count == 14)
  }

  @Test func anEmptyDocumentIsAnEmptyTable() throws {
    #expect(try TOMLDocument.parse("").isEmpty)
    #expect(try TOMLDocument.parse("# only a comment\n\n").isEmpty)
  }

  @Test func stringsKeepEveryByteTheyDecodeTo() throws {
    let root = try TOMLDocument.parse("nul = \"a\\u0000b\"\n")
    #expect(root["nul"] == .string("a\u{0}b"))
  }

  struct Broken: Sendable, CustomTestStringConvertible {
    var text: String
    var line: Int
    var column: Int
    var testDescription: String { text.debugDescription }
  }

  static let broken: [Broken] = [
    Broken(text: "a = ", line: 1, column: 5),
    Broken(text: "ok = 1\nb = \"unterminated\n", line: 2, column: 18),
    Broken(text: "a = 1\na = 2\n", line: 2, column: 5),
    Broken(text: "[t]\nx = 1\n[t]\n", line: 3, column: 1),
    Broken(text: "x = [1, 2\n", line: 1, column: 11),
    Broken(text: "bad = \u{FF}\n", line: 1, column: 7),
    // A table header whose key starts with a character no key starts with: toml++ 3.3.0
    // asserted it could not happen and aborted the process (CToml turns its assertions off).
    Broken(text: "[[[1]]]\n", line: 1, column: 3),
    Broken(text: "ok = 1\n[\u{04}]\n", line: 2, column: 2),
  ]

  @Test(arguments: broken) func aSyntaxErrorNamesItsLineAndColumn(_ broken: Broken) {
    #expect {
      _ = try TOMLDocument.parse(broken.text)
    } throws: { error in
      guard let error = error as? TOMLSyntaxError else { return false }
      return error.line == broken.line && error.column == broken.column && !error.message.isEmpty
    }
  }

  /// toml++ quotes the input in some messages; the line the tool prints for a syntax error
  /// is one terminal-safe line, the key on that line named as TOML writes it.
  @Test func aSyntaxErrorIsOneSafeLine() throws {
    let text = "a = 1\n\"k\\n\u{202E}\" = n\n"
    let error = try #require(throws: TOMLSyntaxError.self) { try TOMLDocument.parse(text) }
    #expect(error.line == 2)
    #expect(!error.message.contains("\n") && error.message.contains("\\x0a"))
    #expect(
      error.located(file: "/p.toml", text: text)
        == "/p.toml:2: \"k\\n\\u202E\": \(error.message) (column \(error.column))")
  }

  @Test func nestingIsBoundedNotATrap() {
    let deep =
      "x = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    #expect(throws: TOMLSyntaxError.self) { _ = try TOMLDocument.parse(deep) }
  }
}
