import Testing

@testable import WifiRiskCore

@Suite struct JSONParserTests {
  static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    try JSONParser.parse(Array(text.utf8))
  }

  @Test(arguments: [
    ("null", JSONValue.null), ("true", .bool(true)), ("false", .bool(false)),
    ("0", .integer(0)), ("-12", .integer(-12)), ("1.5", .number(1.5)), ("-0.25e2", .number(-25)),
    ("1E3", .number(1000)), ("\"\"", .string("")), ("[]", .array([])), ("{}", .object([:])),
    (" \t\r\n[1, \"a\", null]\n", .array([.integer(1), .string("a"), .null])),
    ("{\"a\": {\"b\": [true]}}", .object(["a": .object(["b": .array([.bool(true)])])])),
    ("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", .string("\"\\/\u{08}\u{0C}\n\r\t")),
    ("\"\\u00e9\\u20AC\"", .string("é€")), ("\"\\ud83d\\ude00\"", .string("😀")),
    ("\"é€😀\"", .string("é€😀")), ("99999999999999999999", .number(1e20)),
  ])
  func validDocuments(_ text: String, expected: JSONValue) throws {
    #expect(try Self.parse(text) == expected)
  }

  @Test(arguments: [
    ("", 1, 1, "unexpected end of file"),
    ("{", 1, 2, "expected a member name"),
    ("[1,", 1, 4, "unexpected end of file"),
    ("[1 2]", 1, 4, "expected ',' or ']'"),
    ("{\"a\" 1}", 1, 6, "expected ':'"),
    ("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}'"),
    ("{\"a\": 1,}", 1, 9, "expected a member name"),
    ("[1,]", 1, 4, "unexpected character"),
    ("nul", 1, 4, "expected 'null'"),
    ("tru", 1, 4, "expected 'true'"),
    ("+1", 1, 1, "unexpected character"),
    ("01", 1, 2, "unexpected text after the value"),
    ("1.", 1, 3, "bad number"),
    ("1e", 1, 3, "bad number"),
    ("-", 1, 2, "bad number"),
    ("1e999", 1, 6, "number out of range"),
    ("\"abc", 1, 5, "unterminated string"),
    ("\"a\nb\"", 1, 3, "control character in a string"),
    ("\"\\x\"", 1, 4, "bad escape"),
    ("\"\\u12\"", 1, 6, "bad \\u escape"),
    ("\"\\ud83d\"", 1, 8, "lone surrogate"),
    ("\"\\ud83d\\u0041\"", 1, 14, "lone surrogate"),
    ("\"\\ude00\"", 1, 8, "lone surrogate"),
    ("{} {}", 1, 4, "unexpected text after the value"),
    ("[\n  1,\n  x\n]", 3, 3, "unexpected character"),
    ("{\"a\": 1, \"a\": 2}", 1, 16, "duplicate member \"a\""),
    // A key's controls and bidi marks are escaped in the message (found by fuzzing).
    ("{\"b\\blast\": 1, \"b\\blast\": 2}", 1, 28, "duplicate member \"b\\x08last\""),
    ("{\"\\u202e\": 1, \"\\u202e\": 2}", 1, 26, "duplicate member \"\\u202e\""),
  ])
  func malformedDocuments(_ text: String, line: Int, column: Int, message: String) {
    #expect(throws: JSONParseError(line: line, column: column, message: message)) {
      try Self.parse(text)
    }
  }

  @Test func invalidUTF8InAString() {
    #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xC3, 0x22]) }
    // A sequence cut short by an escape: the plain run before the escape is checked alone.
    #expect(throws: JSONParseError.self) {
      try JSONParser.parse([0x22, 0x61, 0xC3, 0x5C, 0x6E, 0xA9, 0x22])
    }
  }

  @Test func plainRunsAndEscapesJoinInOrder() throws {
    let text = "\"é\\u00e9€\\n😀\\ud83d\\ude00x\\\" y\""
    #expect(try Self.parse(text) == .string("éé€\n😀😀x\" y"))
    let long = String(repeating: "0123456789abcdef", count: 512)
    #expect(try Self.parse("\"" + long + "\\t" + long + "\"") == .string(long + "\t" + long))
  }

  @Test func depthLimit() throws {
    let depth = JSONParser.maximumDepth
    let deepest = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    #expect(try Self.parse(deepest) != .null)
    let tooDeep = "[" + deepest + "]"
    #expect(throws: JSONParseError.self) { try Self.parse(tooDeep) }
    do {
      _ = try Self.parse(tooDeep)
    } catch {
      #expect(error.message == "nested too deeply")
      #expect(error.column == depth + 1)
    }
    let objects =
      String(repeating: "{\"a\":", count: depth + 1) + "1"
      + String(repeating: "}", count: depth + 1)
    #expect(throws: JSONParseError.self) { try Self.parse(objects) }
  }

  @Test func hugeNestingDoesNotOverflowTheStack() {
    let text = String(repeating: "[", count: 100_000)
    #expect(throws: JSONParseError.self) { try Self.parse(text) }
  }

  @Test func errorDescriptionHasLineAndColumn() {
    let error = JSONParseError(line: 3, column: 7, message: "bad number")
    #expect(error.description == "line 3, column 7: bad number")
  }
}

@Suite struct JSONWriterTests {
  @Test func keysAreSorted() {
    let value = JSONValue.object([
      "b": .integer(1), "a": .integer(2), "B": .null, "aa": .bool(true),
    ])
    #expect(value.serialized(pretty: false) == "{\"B\":null,\"a\":2,\"aa\":true,\"b\":1}")
  }

  @Test func prettyIndentsByTwoSpaces() {
    let value = JSONValue.object([
      "list": .array([.integer(1), .object([:]), .array([])]), "name": .string("x"),
    ])
    #expect(
      value.serialized() == """
        {
          "list": [
            1,
            {},
            []
          ],
          "name": "x"
        }
        """)
  }

  @Test(arguments: [
    ("quote \"", "\"quote \\\"\""), ("back\\slash", "\"back\\\\slash\""),
    ("nl\ncr\rtab\t", "\"nl\\ncr\\rtab\\t\""), ("\u{00}\u{1F}", "\"\\u0000\\u001f\""),
    ("\u{7F}", "\"\\u007f\""), ("\u{9B}", "\"\\u009b\""),
    ("\u{2028}\u{2029}", "\"\\u2028\\u2029\""),
    ("é😀", "\"é😀\""), ("/", "\"/\""),
    // A quote a combining mark joins to one character is still escaped alone.
    ("\"\u{301}x", "\"\\\"\u{301}x\""),
    // Neighbours of the escaped multi-byte scalars are copied as they are.
    ("\u{A0}\u{85}\u{2027}\u{2028}\u{202A}", "\"\u{A0}\\u0085\u{2027}\\u2028\u{202A}\""),
    ("e\u{301}\u{1B}[31m", "\"e\u{301}\\u001b[31m\""),
  ])
  func stringsAreEscaped(_ text: String, expected: String) {
    #expect(JSONValue.string(text).serialized(pretty: false) == expected)
  }

  @Test(arguments: [
    (JSONValue.number(1.5), "1.5"), (.number(2), "2.0"), (.number(-0.5), "-0.5"),
    (.integer(-7), "-7"), (.number(.infinity), "null"), (.number(.nan), "null"),
  ])
  func numbers(_ value: JSONValue, expected: String) {
    #expect(value.serialized(pretty: false) == expected)
  }

  static let samples: [JSONValue] = [
    .null, .bool(false), .integer(Int.max), .integer(Int.min), .number(0.1), .number(1e300),
    .number(-2.5e-8), .string("\u{1B}[0m \\ \" é 😀 \u{2028}"),
    .array([.null, .array([.object(["k": .string("v")])])]),
    .object(["z": .integer(1), "a": .array([]), "m": .object(["x": .number(3.25)])]),
  ]

  @Test(arguments: samples)
  func roundTrip(_ value: JSONValue) throws {
    for pretty in [true, false] {
      let text = value.serialized(pretty: pretty)
      #expect(try JSONParser.parse(Array(text.utf8)) == value)
    }
  }

  @Test func optionalInitialisers() {
    #expect(JSONValue(nil as String?) == .null)
    #expect(JSONValue("a" as String?) == .string("a"))
    #expect(JSONValue(3 as Int?) == .integer(3))
    #expect(JSONValue(true as Bool?) == .bool(true))
    #expect(JSONValue(["a", "b"]) == .array([.string("a"), .string("b")]))
    #expect(JSONValue.object(["a": .null])["a"] == .null)
    #expect(JSONValue.array([])["a"] == nil)
  }
}

@Suite struct ReportJSONTests {
  @Test func networkEntryCarriesEveryDocumentedKey() throws {
    let ies = IE.list(
      IE.ssid("home"), IE.ds(6), IE.rsn(akms: [AKMSuite.sae], caps: RSNCaps.mfpr | RSNCaps.mfpc),
      IE.rsnx(h2e: true), IE.htCapabilities(), IE.vhtCapabilities())
    let entry = NetworkEntry(Net.assess(ies), source: "f.json").json
    guard case .object(let members) = entry else {
      Issue.record("not an object")
      return
    }
    #expect(
      members.keys.sorted() == [
        "akms", "anomalies", "band", "beacon_protection", "bssid", "channel", "channel_source",
        "client_path", "findings", "frequency", "gcmp_256", "group_cipher", "group_mgmt_cipher",
        "heard_frequency", "hidden", "interworking", "mld", "pairwise_ciphers", "phy", "pmf",
        "positives", "risk", "rsn_defaulted_fields", "rsn_override", "rsnx", "sae_ext_key",
        "security", "security_paths", "seen_ms_ago", "signal_dbm", "source", "ssid", "ssid_hex",
        "status", "verdict", "wps",
      ])
    #expect(entry["security"] == .string("wpa3-personal"))
    #expect(entry["pmf"] == .string("required"))
    #expect(entry["akms"] == .array([.string("SAE")]))
    #expect(entry["group_mgmt_cipher"] == .string("BIP-CMAC-128"))
    #expect(entry["rsnx"] == .object(["sae_hash_to_element": .bool(true), "sae_pk": .bool(false)]))
    #expect(entry["phy"]?["vht"] == .bool(true))
    #expect(entry["phy"]?["he"] == .bool(false))
    #expect(entry["channel"] == .integer(6))
    #expect(entry["band"] == .string("2.4"))
    #expect(entry["signal_dbm"] == .number(-55))
    #expect(entry["wps"]?["enabled"] == .bool(false))
    #expect(entry["interworking"] == .null)
    #expect(entry["risk"] == .string("low"))
    #expect(entry["findings"] == .array([]))
    #expect(entry["source"] == .string("f.json"))
  }

  @Test func hostileSSIDIsEscapedAndKeptRaw() {
    let ssid: [UInt8] = Array("\u{1B}[31m\u{202E}".utf8) + [0xFF, 0x5C]
    let entry = NetworkEntry(Net.assess(IE.list(IE.ssid(bytes: ssid), IE.rsn())), source: nil).json
    #expect(entry["ssid"] == .string("\\x1b[31m\\u202e\\xff\\\\"))
    #expect(entry["ssid_hex"] == .string("1b5b33316de280aeff5c"))
    let text = entry.serialized()
    #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
  }

  @Test func defaultedRSNFieldsAreListed() {
    let entry = NetworkEntry(Net.assess(IE.list(IE.ssid("a"), IE.rsn(caps: nil))), source: nil).json
    #expect(entry["rsn_defaulted_fields"] == .array([.string("capabilities")]))
  }

  @Test func wpsAndInterworkingDetails() {
    let ies = IE.list(
      IE.ssid("a"), IE.rsn(akms: [AKMSuite.ieee8021x], caps: RSNCaps.mfpc),
      IE.wps(
        IE.WPS.version(), IE.WPS.state(1), IE.WPS.configMethods(0x0080),
        IE.WPS.deviceName("dev\u{1B}"), IE.WPS.version2()),
      IE.interworking(ant: 2, internet: true, venue: (1, 7), hessid: [2, 0, 0, 0, 0, 7]),
      IE.roamingConsortium([[0x50, 0x6F, 0x9A]]), IE.hs20(release: 2))
    let entry = NetworkEntry(Net.assess(ies), source: nil).json
    #expect(entry["wps"]?["enabled"] == .bool(true))
    #expect(entry["wps"]?["state"] == .string("unconfigured"))
    #expect(entry["wps"]?["version"] == .string("2.0"))
    #expect(entry["wps"]?["config_methods"] == .array([.string("push-button")]))
    #expect(entry["wps"]?["device_name"] == .string("dev\\x1b"))
    #expect(entry["interworking"]?["access_network_type"] == .string("chargeable-public"))
    #expect(entry["interworking"]?["venue_group"] == .integer(1))
    #expect(entry["interworking"]?["hessid"] == .string("02:00:00:00:00:07"))
    #expect(entry["interworking"]?["passpoint_release"] == .integer(2))
    #expect(entry["interworking"]?["roaming_consortium"] == .array([.string("506f9a")]))
  }

  @Test func documentHasSchemaAndTool() {
    let document = ReportDocument(toolVersion: "9.9", networks: [], sources: []).json
    #expect(document["schema"] == .string("wifirisk.report/1"))
    #expect(document["tool"]?["version"] == .string("9.9"))
    #expect(document["networks"] == .array([]))
  }
}
