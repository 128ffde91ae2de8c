import Testing

@testable import WifiRiskCore

@Suite struct DisplayTextTests {
  @Test(arguments: [
    ("plain ASCII", Array("home-net".utf8), "home-net"),
    ("ESC sequence", Array("\u{1B}[31mred\u{1B}[0m".utf8), "\\x1b[31mred\\x1b[0m"),
    ("OSC title", Array("\u{1B}]0;owned\u{07}".utf8), "\\x1b]0;owned\\x07"),
    ("NUL", [0x61, 0x00, 0x62], "a\\x00b"),
    ("newline, CR, tab", Array("a\nb\rc\td".utf8), "a\\x0ab\\x0dc\\x09d"),
    ("DEL", [0x7F], "\\x7f"),
    ("C1 CSI U+009B", Array("\u{9B}31m".utf8), "\\u009b31m"),
    ("C1 NEL U+0085", Array("\u{85}".utf8), "\\u0085"),
    ("RLO U+202E", Array("abc\u{202E}gpj.exe".utf8), "abc\\u202egpj.exe"),
    ("LRI U+2066 and PDI U+2069", Array("\u{2066}x\u{2069}".utf8), "\\u2066x\\u2069"),
    ("zero-width space U+200B", Array("pay\u{200B}pal".utf8), "pay\\u200bpal"),
    ("zero-width joiner U+200D", Array("a\u{200D}b".utf8), "a\\u200db"),
    ("BOM U+FEFF", Array("\u{FEFF}x".utf8), "\\ufeffx"),
    ("line separator U+2028", Array("\u{2028}".utf8), "\\u2028"),
    ("soft hyphen", Array("a\u{AD}b".utf8), "a\\u00adb"),
    ("tag character", Array("\u{E0041}".utf8), "\\U000e0041"),
    // The read-back check of the display-text fuzz target (Tests/Fuzz/regressions/
    // regress-display-text-*): with four digits or more, U+E004 then "1" read as U+E0041.
    ("private use, then a digit", Array("\u{E004}1".utf8), "\\ue0041"),
    ("unassigned plane", Array("\u{40000}".utf8), "\\U00040000"),
    ("private use", Array("\u{E000}".utf8), "\\ue000"),
    ("invalid byte 0xff", [0x61, 0xFF], "a\\xff"),
    ("lone continuation byte", [0x80, 0x61], "\\x80a"),
    ("truncated sequence", [0xC3], "\\xc3"),
    ("overlong slash", [0xC0, 0xAF], "\\xc0\\xaf"),
    ("encoded surrogate", [0xED, 0xA0, 0x80], "\\xed\\xa0\\x80"),
    ("past U+10FFFF", [0xF4, 0x90, 0x80, 0x80], "\\xf4\\x90\\x80\\x80"),
    ("backslash", Array("back\\slash".utf8), "back\\\\slash"),
    ("fake escape", Array("\\x41".utf8), "\\\\x41"),
    ("32 NULs", [UInt8](repeating: 0, count: 32), String(repeating: "\\x00", count: 32)),
    ("Unicode passes", Array("café ☕ 日本".utf8), "café ☕ 日本"),
    ("emoji with ZWJ", Array("👩\u{200D}💻".utf8), "👩\\u200d💻"),
  ])
  func escape(_ what: String, bytes: [UInt8], expected: String) {
    #expect(DisplayText.escape(bytes) == expected)
  }

  static let hostile: [[UInt8]] = [
    Array("\u{1B}[2J\u{1B}[H".utf8), Array("\u{9B}\u{9D}".utf8), Array("\u{202E}\u{2066}".utf8),
    [0xFF, 0xFE, 0xC3, 0x28], Array("\u{200B}\u{FEFF}\u{2060}".utf8),
    (0...255).map { UInt8($0) },
  ]

  @Test(arguments: hostile)
  func escapedTextIsSafeToPrint(_ bytes: [UInt8]) {
    let text = DisplayText.escape(bytes)
    for scalar in text.unicodeScalars {
      #expect(scalar.value >= 0x20 && scalar.value != 0x7F)
      #expect(!(0x80...0x9F).contains(scalar.value))
      #expect(!(0x200B...0x200F).contains(scalar.value))
      #expect(!(0x202A...0x202E).contains(scalar.value))
      #expect(!(0x2066...0x2069).contains(scalar.value))
      #expect(scalar.value != 0xFEFF)
    }
  }

  @Test func everyByteValueEscapesToPrintableASCIIOrItself() {
    for byte in UInt8.min...UInt8.max {
      let text = DisplayText.escape([byte])
      if (0x20...0x7E).contains(byte) && byte != 0x5C {
        #expect(text == String(UnicodeScalar(byte)))
      } else if byte == 0x5C {
        #expect(text == "\\\\")
      } else {
        #expect(text == "\\x" + Hex.byte(byte))
      }
    }
  }

  @Test func escapesAreUnambiguous() {
    // A backslash followed by "x1b" and a real ESC must not print the same.
    #expect(DisplayText.escape(Array("\\x1b".utf8)) != DisplayText.escape([0x1B]))
  }
}
