import Foundation
import Testing
import WifiRiskCore

@Suite struct ReviewCommandTests {
  static let matrix = "fixtures/synthetic/security-matrix.json"
  static let hostile = "fixtures/synthetic/hostile-ssid.json"

  static func networkCount(_ file: String) throws -> Int {
    let bytes = try Data(contentsOf: Runner.root.appendingPathComponent(file))
    return try Fixture.decode([UInt8](bytes)).bss.count
  }

  // MARK: Exit statuses

  @Test func goodFileExitsZero() throws {
    let result = try Runner.run(["review", Self.matrix])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    let rows = result.out.split(separator: "\n", omittingEmptySubsequences: false)
      .prefix { !$0.isEmpty }
    #expect(rows.first?.hasPrefix("RISK    SECURITY") == true)
    let count = try Self.networkCount(Self.matrix)
    #expect(rows.count == 1 + count)
  }

  /// Each usage error exits 64 with nothing on stdout and a first line on stderr that names
  /// what was wrong.
  @Test(arguments: [
    (["review"], "Missing expected argument '<files> ...'"),
    (["review", "--format", "xml", matrix], "The value 'xml' is invalid for '--format <format>'"),
    (["review", "--no-such-option", matrix], "Unknown option '--no-such-option'"),
    (["no-such-command"], "Unexpected argument 'no-such-command'"),
  ])
  func usageErrorsExit64(_ arguments: [String], _ said: String) throws {
    let result = try Runner.run(arguments)
    #expect(result.status == 64)
    #expect(result.stdout.isEmpty)
    #expect(result.errLines.first?.hasPrefix("Error: " + said) == true, "\(result.err)")
  }

  @Test func missingFileArgumentIsNamed() throws {
    let result = try Runner.run(["review"])
    #expect(result.err.contains("<files>"))
    #expect(result.err.contains("wifirisk review"))
  }

  @Test func helpListsTheExitStatuses() throws {
    let result = try Runner.run(["review", "--help"])
    #expect(result.status == 0)
    #expect(result.out.contains("EXIT STATUS:"))
    #expect(result.out.contains("64  usage error"))
  }

  @Test(arguments: [
    ("no-such-file.json", "wifirisk: no-such-file.json: no such file"),
    ("fixtures", "wifirisk: fixtures: is a directory"),
  ])
  func unreadablePathExitsOne(path: String, message: String) throws {
    let result = try Runner.run(["review", path])
    #expect(result.status == 1)
    #expect(result.err == message + "\n")
    #expect(result.stdout.isEmpty)
  }

  // MARK: Files that must be refused: one line naming the file and the place, exit 1

  static let bad: [(file: String, place: String)] = [
    ("bad-beacon-hex.json", ": bss[1].beacon_ies: bad hex digit at character 1"),
    ("bad-bss-not-array.json", ": bss: expected an array, found an object"),
    ("bad-bssid.json", ": bss[0].bssid: \"02:53:59:4e:03\" is not a MAC address"),
    ("bad-capability-range.json", ": bss[0].capability: 65536 is out of range 0...65535"),
    ("bad-deep.json", ": not JSON: line 1, column 95: nested too deeply"),
    (
      "bad-empty.json",
      ": the file is empty: not a scan fixture (JSON), a pcap/pcapng capture or `iw scan` output"
    ),
    (
      "bad-garbage.bin",
      ": unrecognised content: not a scan fixture (JSON), a pcap/pcapng capture or `iw scan` output"
    ),
    ("bad-hex-digit.json", ": bss[0].ies: bad hex digit at character 4"),
    ("bad-hex-odd.json", ": bss[0].ies: bad hex: odd length 63"),
    ("bad-missing-bssid.json", ": bss[0].bssid: missing"),
    ("bad-missing-capability.json", ": bss[0].capability: missing"),
    ("bad-missing-ies.json", ": bss[0].ies: missing"),
    ("bad-no-bss.json", ": bss: missing"),
    ("bad-no-marker.json", ": wifirisk_fixture: missing"),
    ("bad-not-json.json", ": not JSON: line 1, column 2: expected a member name"),
    ("bad-truncated.json", ": not JSON: line 6, column 18: unterminated string"),
    ("bad-version.json", ": wifirisk_fixture: format 2 is not supported"),
  ]

  @Test func everyBadFileHasACase() throws {
    let names = try FileManager.default.contentsOfDirectory(
      atPath: Runner.root.appendingPathComponent("fixtures/bad").path)
    #expect(names.filter { $0.hasPrefix("bad-") }.sorted() == Self.bad.map(\.file).sorted())
  }

  @Test(arguments: bad)
  func badFileIsOneLineAndTheGoodFileIsStillReviewed(file: String, place: String) throws {
    let path = "fixtures/bad/\(file)"
    let result = try Runner.run(["review", path, Self.matrix])
    #expect(result.status == 1)
    #expect(result.errLines.count == 2 && result.errLines.last == "", "one line: \(result.err)")
    let line = String(result.errLines.first ?? "")
    #expect(line.hasPrefix("wifirisk: \(path)\(place)"), "got: \(line)")
    #expect(!line.unicodeScalars.contains { $0.value < 0x20 })
    // The good file given in the same run is still reviewed.
    #expect(result.out.contains("syn-wpa3-personal"))
    #expect(result.out.contains("syn-open"))
  }

  @Test func badFileAloneWritesNothingToStdout() throws {
    let result = try Runner.run(["review", "fixtures/bad/bad-hex-odd.json"])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
  }

  @Test func everyBadFileInOneRun() throws {
    let result = try Runner.run(
      ["review"] + Self.bad.map { "fixtures/bad/\($0.file)" } + [Self.matrix])
    #expect(result.status == 1)
    #expect(result.err.split(separator: "\n").count == Self.bad.count)
    #expect(result.out.contains("syn-wpa3-personal"))
  }

  @Test func jsonReportListsErrorsBesideTheNetworks() throws {
    let bad = "fixtures/bad/bad-missing-ies.json"
    let result = try Runner.run(["review", "--format", "json", bad, Self.matrix])
    #expect(result.status == 1)
    #expect(result.err == "wifirisk: \(bad): bss[0].ies: missing\n")
    let document = try JSONParser.parse(result.stdout)
    #expect(document["schema"] == .string("wifirisk.report/1"))
    #expect(
      document["errors"]
        == .array([
          .object(["file": .string(bad), "message": .string("\(bad): bss[0].ies: missing")])
        ]))
    guard case .array(let networks)? = document["networks"] else {
      Issue.record("no networks array")
      return
    }
    #expect(networks.count == (try Self.networkCount(Self.matrix)))
    guard case .array(let sources)? = document["sources"] else {
      Issue.record("no sources array")
      return
    }
    #expect(sources.map { $0["file"] } == [.string(Self.matrix)])
  }

  // MARK: Output that strangers' bytes cannot subvert

  @Test(
    arguments: [["NO_COLOR": "1"], ["NO_COLOR": nil, "TERM": "xterm-256color"]]
      as [[String: String?]])
  func textReportHasNoControlOrInvisibleCharacters(_ environment: [String: String?]) throws {
    let result = try Runner.run(["review", "--verbose", Self.hostile], environment: environment)
    #expect(result.status == 0)
    for byte in result.stdout where byte < 0x20 {
      #expect(byte == 0x0A, "control byte 0x\(String(byte, radix: 16)) in the report")
    }
    #expect(!result.stdout.contains(0x7F))
    let text = try #require(String(validating: result.stdout, as: UTF8.self))
    let invisible: [ClosedRange<UInt32>] = [
      0x80...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF...0xFEFF,
    ]
    for scalar in text.unicodeScalars {
      #expect(
        !invisible.contains { $0.contains(scalar.value) }, "U+\(String(scalar.value, radix: 16))")
    }
    #expect(text.contains("\\x1b[31mred\\x1b[0m"))
    #expect(text.contains("abc\\u202egpj.exe"))
    #expect(text.contains("\\u2066isolate\\u2069"))
    #expect(text.contains("pay\\u200bpal"))
    #expect(text.contains("bad\\xff\\xfeutf8\\xc3"))
    #expect(text.contains("back\\\\slash\\\\x41"))
    #expect(text.contains("café ☕"))
  }

  @Test func jsonCarriesTheEscapedSSIDAndTheRawHex() throws {
    let result = try Runner.run(["review", "--format", "json", Self.hostile])
    #expect(result.status == 0)
    #expect(!result.stdout.contains(0x1B))
    let document = try JSONParser.parse(result.stdout)
    guard case .array(let networks)? = document["networks"] else {
      Issue.record("no networks array")
      return
    }
    let byBSSID = Dictionary(
      networks.compactMap { entry -> (String, JSONValue)? in
        guard case .string(let bssid)? = entry["bssid"] else { return nil }
        return (bssid, entry)
      }, uniquingKeysWith: { first, _ in first })
    let ansi = try #require(byBSSID["02:53:59:4e:02:01"])
    #expect(ansi["ssid"] == .string("\\x1b[31mred\\x1b[0m"))
    #expect(ansi["ssid_hex"] == .string("1b5b33316d7265641b5b306d"))
    let invalid = try #require(byBSSID["02:53:59:4e:02:08"])
    #expect(invalid["ssid"] == .string("bad\\xff\\xfeutf8\\xc3"))
    #expect(invalid["ssid_hex"] == .string("626164fffe75746638c3"))
    let nul = try #require(byBSSID["02:53:59:4e:02:0a"])
    #expect(nul["hidden"] == .bool(true))
    let wps = try #require(byBSSID["02:53:59:4e:02:21"])
    #expect(wps["wps"]?["device_name"] == .string("\\x1b[2J\\x1b[Hrouter\\u202e"))
  }

  @Test func textIsNotColouredWhenStdoutIsNotATerminal() throws {
    let result = try Runner.run(
      ["review", Self.matrix], environment: ["NO_COLOR": nil, "TERM": "xterm-256color"])
    #expect(result.status == 0)
    #expect(!result.stdout.contains(0x1B))
  }
}
