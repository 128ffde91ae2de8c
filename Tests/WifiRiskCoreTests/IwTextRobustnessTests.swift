import TestSupport
import Testing
@testable import WifiRiskCore

/// Text that is not `iw` output, cut-off pastes, mutated recordings and hostile SSIDs.
@Suite struct IwTextRobustnessTests {
  static let header = "BSS 02:00:00:00:00:09(on wlan0)\n\tcapability: ESS (0x0001)\n"

  @Test(arguments: [
    ("", 1, "expected \"BSS xx:xx:xx:xx:xx:xx\", found no text"),
    ("\n  \n", 2, "expected \"BSS xx:xx:xx:xx:xx:xx\", found no text"),
    ("\n\n\nhello\n", 4, "expected \"BSS xx:xx:xx:xx:xx:xx\", found \"hello\""),
    (
      "{\"format\": 1, \"bss\": []}", 1,
      "expected \"BSS xx:xx:xx:xx:xx:xx\", found \"{\\x22format\\x22: 1, \\x22bss\\x22: []}\""
    ),
    (
      "$ iw dev wlan0 scan\n" + header, 1,
      "expected \"BSS xx:xx:xx:xx:xx:xx\", found \"$ iw dev wlan0 scan\""
    ),
    ("\tSSID: x\n" + header, 1, "expected \"BSS xx:xx:xx:xx:xx:xx\", found \"SSID: x\""),
    ("BSS Load:\n", 1, "expected \"BSS xx:xx:xx:xx:xx:xx\", found \"BSS Load:\""),
    ("scan aborted!\n", 1, "expected \"BSS xx:xx:xx:xx:xx:xx\", found \"scan aborted!\""),
    ("\u{1b}[2J\n", 1, "expected \"BSS xx:xx:xx:xx:xx:xx\", found \"\\x1b[2J\""),
    (
      header + "\tSSID: x\nBSS 02:00:00:00:00(on wlan0)\n\tSSID: y\n", 4,
      "expected \"BSS xx:xx:xx:xx:xx:xx\", found \"BSS 02:00:00:00:00(on wlan0)\""
    ),
    (
      header + "BSS 02:00:00:00:00:0g\n", 3,
      "expected \"BSS xx:xx:xx:xx:xx:xx\", found \"BSS 02:00:00:00:00:0g\""
    ),
  ])
  func notIwOutput(_ text: String, _ line: Int, _ message: String) {
    #expect(throws: IwTextError(line: line, message: message)) {
      try IwScanText.parse(Array(text.utf8))
    }
    #expect(!IwScanText.looksLikeIwScan(Array(text.utf8)) || line > 1)
  }

  @Test func errorDescriptionNamesTheLine() {
    let error = IwTextError(line: 12, message: "expected \"BSS xx:xx:xx:xx:xx:xx\", found \"x\"")
    #expect(error.description == "line 12: expected \"BSS xx:xx:xx:xx:xx:xx\", found \"x\"")
  }

  @Test func detection() throws {
    #expect(IwScanText.looksLikeIwScan(try Fixtures.bytes("lab/iw/scan-dump.txt")))
    #expect(IwScanText.looksLikeIwScan(Array("\n\nBSS 00:11:22:33:44:55 (on wlan0)\n".utf8)))
    #expect(IwScanText.looksLikeIwScan(Array("\u{FEFF}BSS 00:11:22:33:44:55\n".utf8)))
    #expect(!IwScanText.looksLikeIwScan(Array("{\"format\": 1}".utf8)))
    #expect(!IwScanText.looksLikeIwScan([]))
    #expect(!IwScanText.looksLikeIwScan([0xD4, 0xC3, 0xB2, 0xA1, 0x02, 0x00]))
  }

  /// The last BSS of a cut-off paste may hold only its header: it is left out, not rated
  /// as an open network.
  @Test func bssWithNothingIsLeftOut() throws {
    let text = Self.header + "\tSSID: x\nBSS 02:00:00:00:00:0a(on wlan0)\n"
    let result = try IwScanText.parse(Array(text.utf8))
    #expect(result.capture.bss.count == 1)
    #expect(result.notes.contains { $0.contains("02:00:00:00:00:0a") })
  }

  @Test func headerCutMidLineAtTheEnd() throws {
    let result = try IwScanText.parse(Array((Self.header + "BSS 02:00:00:0").utf8))
    #expect(result.capture.bss.count == 1)
  }

  static let iwFiles = IwTextLabTests.files

  /// Where each `BSS` header line starts.
  static func headerStarts(_ bytes: [UInt8]) -> [Int] {
    bytes.indices.filter { index in
      (index == 0 || bytes[index - 1] == 0x0A) && bytes[index...].starts(with: Array("BSS ".utf8))
    }
  }

  /// Every prefix of every recording: never a trap, and once the BSS header it cuts into is
  /// whole, the text reads. The reader starts afresh at each header, so each prefix is read
  /// from the start of the BSS it cuts into: what comes before it is the whole-file case,
  /// checked at every BSS boundary below. (Reading all of every prefix is quadratic.)
  @Test(arguments: iwFiles)
  func everyPrefix(_ file: String) throws {
    let bytes = try Fixtures.bytes(file)
    let starts = Self.headerStarts(bytes)
    let headerLength = 21  // "BSS " and a BSSID
    for length in 0...bytes.count {
      let start = starts.last { $0 < length } ?? 0
      let prefix = Array(bytes[start..<length])
      do {
        let result = try IwScanText.parse(prefix)
        #expect(result.capture.bss.count <= 1)
        if length == bytes.count || bytes[length - 1] == 0x0A {
          for record in result.capture.bss { _ = NetworkAssessment.assess(record) }
        }
      } catch {
        #expect(length - start < headerLength, "prefix of \(length) bytes: \(error)")
      }
    }
    for (index, end) in (starts.dropFirst() + [bytes.count]).enumerated() {
      let result = try IwScanText.parse(Array(bytes[..<end]))
      #expect(result.capture.bss.count == index + 1, "the first \(index + 1) BSS of \(file)")
    }
  }

  /// Seeded mutations of the recordings (bytes changed, lines dropped, doubled, swapped or
  /// re-indented): the reader and the rating never trap.
  @Test(arguments: iwFiles)
  func seededMutations(_ file: String) throws {
    let original = try Fixtures.bytes(file)
    var random = MutationRNG(seed: 0x1A2B_3C4D)
    var parsed = 0
    let alphabet = Array("\t\n \\x*:0123456789abcdef(-)<>".utf8) + [0x00, 0xFF, 0x1B]
    for _ in 0..<300 {
      var lines = original.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
      for _ in 0..<(1 + random.next(4)) {
        guard !lines.isEmpty else { break }
        let index = random.next(lines.count)
        switch random.next(5) {
        case 0:
          if !lines[index].isEmpty {
            lines[index][random.next(lines[index].count)] = alphabet[random.next(alphabet.count)]
          }
        case 1: lines.remove(at: index)
        case 2: lines.insert(lines[index], at: index)
        case 3: lines.swapAt(index, random.next(lines.count))
        default: lines[index] = Array(lines[index].drop { $0 == 0x09 })
        }
      }
      let text = Array(lines.joined(separator: [0x0A]))
      let headers = lines.filter { $0.starts(with: Array("BSS ".utf8)) }.count
      do {
        let result = try IwScanText.parse(text)
        parsed += 1
        // Every access point comes from a `BSS ` line; none is made up.
        #expect(result.capture.bss.count <= headers)
        for record in result.capture.bss { _ = NetworkAssessment.assess(record) }
        #expect(try IwScanText.parse(text) == result, "the same text reads the same")
      } catch {
        // A refusal names a line of the text.
        #expect(error.line >= 1 && error.line <= lines.count + 1, "\(error)")
      }
    }
    // Small damage is tolerated, as iw's own output varies: most mutants still read.
    #expect(parsed > 150, "only \(parsed) of 300 mutants of \(file) were read")
  }

  /// iw's escaping (util.c `print_ssid_escaped`), written from its description, for
  /// round trips: printable ASCII but space and backslash as is, a space as is unless first
  /// or last, everything else `\xNN`.
  static func iwEscape(_ ssid: [UInt8]) -> String {
    var out = ""
    for (index, byte) in ssid.enumerated() {
      if (0x21..<0x7F).contains(byte) && byte != 0x5C {
        out.append(Character(Unicode.Scalar(byte)))
      } else if byte == 0x20 && index != 0 && index != ssid.count - 1 {
        out.append(" ")
      } else {
        out += "\\x" + Hex.byte(byte)
      }
    }
    return out
  }

  @Test func everyByteValueRoundTrips() throws {
    for start in stride(from: 0, to: 256, by: 32) {
      let ssid = (start..<(start + 32)).map { UInt8($0) }
      try expectRoundTrip(ssid)
    }
  }

  @Test func seededHostileSSIDsRoundTrip() throws {
    var random = MutationRNG(seed: 7)
    let hostile: [UInt8] = [0x1B, 0x5C, 0x20, 0x78, 0x0A, 0x0D, 0x09, 0x00, 0xFF, 0x22, 0x2A]
    for _ in 0..<500 {
      let length = random.next(33)
      let ssid = (0..<length).map { _ in
        random.next(2) == 0 ? hostile[random.next(hostile.count)] : UInt8(random.next(256))
      }
      try expectRoundTrip(ssid)
    }
  }

  private func expectRoundTrip(_ ssid: [UInt8]) throws {
    let text =
      Self.header + "\tSSID: " + Self.iwEscape(ssid) + "\n"
      + "\tOWE Transition Mode:\n\t\tBSSID: 02:00:00:00:03:02\n\t\tSSID: " + Self.iwEscape(ssid)
      + "\n"
    let result = try IwScanText.parse(Array(text.utf8))
    let record = try #require(result.capture.bss.first)
    let elements = NetworkAssessment.assess(record).elements
    #expect(elements.ssid == ssid, "SSID \(Self.iwEscape(ssid))")
    #expect(elements.oweTransition?.ssid == ssid)
  }

  /// Notes quote what the text said; a stranger's escape sequence or NUL in an attribute
  /// label, a config method, a vendor extension or a BSS status (like a suite name) reaches
  /// stderr only escaped (found by fuzzing: Tests/Fuzz/regressions/regress-iw-scan-*).
  @Test(arguments: [
    ("BSS 02:00:00:00:00:09(on wlan0) -- \u{1b}[2J\n\tSSID: x\n", "\"\\x1b[2J\""),
    (header + "\tWPS:\t * Version: 1.0\n\t\t * Wi-F\u{0}i: 1\n", "\"Wi-F\\x00i\""),
    (header + "\tWPS:\t * Config methods: Label, \u{1b}[31m\n", "\"\\x1b[31m\""),
    (header + "\tWPS:\t * Unknown vendor extension. \u{7}\u{1b}]0;x\n", "\\x07\\x1b]0;x"),
    (
      header + "\tRSN:\t * Version: 1\n\t\t * Group cipher: CCMP\n"
        + "\t\t * Pairwise ciphers: \u{1b}[5m\n\t\t * Authentication suites: PSK\n",
      "(\\x1b[5m)"
    ),
  ])
  func notesQuoteTheTextEscaped(_ text: String, _ quoted: String) throws {
    let result = try IwScanText.parse(Array(text.utf8))
    let note = try #require(result.notes.first { $0.contains(quoted) }, "\(result.notes)")
    #expect(!note.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
  }

  @Test func theFuzzFindReadsWithEscapedNotes() throws {
    let bytes = try Fixtures.regression("regress-iw-scan-raw-text-in-note")
    let result = try IwScanText.parse(bytes)
    for note in result.notes {
      #expect(!note.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(note)")
    }
  }

  /// Numbers a record cannot hold are left out with a note, so every parsed text saves to a
  /// fixture that reads back (found by fuzzing: a negative beacon interval,
  /// Tests/Fuzz/regressions/regress-iw-scan-negative-beacon-interval).
  @Test(arguments: [
    ("\tbeacon interval: -100 TUs\n", "beacon interval -100 is outside 0...65535; left out"),
    ("\tbeacon interval: 65536 TUs\n", "beacon interval 65536 is outside 0...65535; left out"),
    ("\tfreq: 2000000\n", "frequency 2000000 is outside 0...1000000; left out"),
    ("\tsignal: -2000.00 dBm\n", "signal (mBm) -200000 is outside -100000...100000; left out"),
    (
      "\tlast seen: 5000000000 ms ago\n",
      "last seen (ms) 5000000000 is outside 0...4294967295; left out"
    ),
  ])
  func numbersOutsideARecordAreLeftOut(_ line: String, _ note: String) throws {
    let result = try IwScanText.parse(Array((Self.header + line + "\tSSID: x\n").utf8))
    #expect(result.notes.contains { $0.hasSuffix(note) }, "\(result.notes)")
    let record = try #require(result.capture.bss.first)
    #expect(record.beaconInterval == nil && record.frequency == nil && record.signalMBm == nil)
    #expect(try Fixture.decode(Array(Fixture.encode(result.capture).utf8)) == result.capture)
  }

  @Test func theBeaconIntervalFuzzFindSavesAndReadsBack() throws {
    let result = try IwScanText.parse(
      try Fixtures.regression("regress-iw-scan-negative-beacon-interval"))
    #expect(try Fixture.decode(Array(Fixture.encode(result.capture).utf8)) == result.capture)
  }
}
