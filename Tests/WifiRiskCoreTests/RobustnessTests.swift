import TestSupport
import Testing

@testable import WifiRiskCore

/// One mutation of a byte string: flip a bit, overwrite, insert or delete a byte, or
/// change a length-sized byte to something else, which is what moves element boundaries.
enum Mutator {
  static func mutate(_ input: [UInt8], _ rng: inout MutationRNG) -> [UInt8] {
    var bytes = input
    let edits = 1 + rng.below(3)
    for _ in 0..<edits {
      let choice = rng.below(bytes.isEmpty ? 1 : 6)
      let at = bytes.isEmpty ? 0 : rng.below(bytes.count)
      switch choice {
      case 0: bytes.insert(rng.byte(), at: bytes.isEmpty ? 0 : rng.below(bytes.count + 1))
      case 1: bytes[at] ^= 1 << UInt8(rng.below(8))
      case 2: bytes[at] = rng.byte()
      case 3: bytes.remove(at: at)
      case 4: bytes[at] = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF][rng.below(6)]
      default:
        // Repeat a slice, as a duplicated element or attribute would.
        let end = min(bytes.count, at + 1 + rng.below(16))
        bytes.insert(contentsOf: bytes[at..<end], at: end)
      }
    }
    return bytes
  }
}

@Suite struct RobustnessTests {
  /// Walks and rates a list; returns what broke, if anything (a trap ends the test run).
  static func exercise(_ bytes: [UInt8], privacy: Bool = true) -> [String] {
    let set = ElementWalker.parse(bytes)
    var problems = Accounting.violations(bytes, set)
    let record = BSSRecord(
      bssid: Net.bssid, frequency: 2437, capability: privacy ? 0x0011 : 0x0001, ies: bytes,
      beaconIes: bytes.isEmpty ? nil : Array(bytes.dropLast()))
    let assessment = NetworkAssessment.assess(record)
    let text = NetworkEntry(assessment, source: nil).json.serialized()
    if (try? JSONParser.parse(Array(text.utf8))) == nil { problems.append("report is not JSON") }
    // With the Privacy bit set, only ciphers that are none (a contradiction) make it open.
    if privacy && assessment.security == .open
      && !assessment.anomalies.contains(where: { $0.kind == .contradiction })
    {
      problems.append("Privacy bit rated open")
    }
    if !privacy && assessment.security != .open { problems.append("no Privacy bit, not open") }
    // A damaged security element is never taken for anything stronger than unknown (the
    // beacon, one byte shorter, may be weaker still: the weaker rating stands).
    if set.securityElementDamaged && set.rsn == nil && set.wpa == nil
      && set.rsnOverride == nil && set.rsnOverride2 == nil
      && assessment.security.strength > Security.unknown.strength
    {
      problems.append("damaged security element rated \(assessment.security.rawValue)")
    }
    return problems
  }

  @Test func fixturesHaveElementLists() throws {
    #expect(try Fixtures.elementLists().count >= 40)
  }

  @Test func everyPrefixOfEveryFixtureList() throws {
    var checked = 0
    for (label, list) in try Fixtures.elementLists() {
      for length in 0...list.count {
        let problems = Self.exercise(Array(list.prefix(length)))
        #expect(problems.isEmpty, "\(label) prefix \(length): \(problems)")
        checked += 1
      }
    }
    #expect(checked > 5_000)
  }

  @Test(arguments: [1, 2, 3, 0xC0FFEE] as [UInt64])
  func seededMutationsOfEveryFixtureList(seed: UInt64) throws {
    var rng = MutationRNG(seed: seed)
    let lists = try Fixtures.elementLists()
    var checked = 0
    for (label, list) in lists {
      for round in 0..<25 {
        let mutated = Mutator.mutate(list, &rng)
        let problems = Self.exercise(mutated, privacy: round % 2 == 0)
        #expect(
          problems.isEmpty,
          "\(label) seed \(seed) round \(round): \(Hex.encode(mutated)) \(problems)")
        checked += 1
      }
    }
    #expect(checked >= 1_000)
  }

  @Test(arguments: [7, 8] as [UInt64])
  func randomElementListsOfKnownIDs(seed: UInt64) {
    // Lists built from element IDs the walker knows, with random lengths and bodies.
    let ids: [UInt8] = [0, 3, 7, 45, 48, 54, 61, 107, 111, 191, 192, 221, 244, 255]
    let prefixes: [[UInt8]] = [
      [0x00, 0x50, 0xF2, 0x01], [0x00, 0x50, 0xF2, 0x04], [0x50, 0x6F, 0x9A, 0x10],
      [0x50, 0x6F, 0x9A, 0x1C], [0x50, 0x6F, 0x9A, 0x29], [0x50, 0x6F, 0x9A, 0x2A],
      [0x50, 0x6F, 0x9A, 0x2B],
    ]
    var rng = MutationRNG(seed: seed)
    for round in 0..<1_000 {
      var list: [UInt8] = []
      for _ in 0..<(1 + rng.below(6)) {
        let id = ids[rng.below(ids.count)]
        var body: [UInt8] = (0..<rng.below(40)).map { _ in rng.byte() }
        if id == 221 { body = prefixes[rng.below(prefixes.count)] + body }
        if id == 255 { body = [[35, 36, 106, 108][rng.below(4)]] + body }
        list += [id, UInt8(clamping: body.count)] + body
      }
      if rng.below(4) == 0 { list = Array(list.prefix(rng.below(list.count + 1))) }
      let problems = Self.exercise(list, privacy: round % 3 != 0)
      #expect(problems.isEmpty, "seed \(seed) round \(round): \(Hex.encode(list)) \(problems)")
    }
  }

  // MARK: Fixture files through the JSON reader

  static var jsonFiles: [String] {
    Fixtures.scans + Fixtures.jsonFiles(in: "bad")
  }

  /// Every prefix of a small file; of a larger one, every prefix in its first and last
  /// 2 KiB and every 16th between (cuts inside one long hex string all take the same path).
  static func prefixLengths(_ end: Int) -> [Int] {
    let edge = 2048
    guard end > 2 * edge else { return Array(0..<end) }
    return Array(0..<edge) + Array(stride(from: edge, to: end - edge, by: 16))
      + Array((end - edge)..<end)
  }

  @Test(arguments: jsonFiles)
  func everyPrefixOfAFixtureFile(_ file: String) throws {
    let bytes = try Fixtures.bytes(file)
    var end = bytes.count
    while end > 0, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[end - 1]) { end -= 1 }
    for length in Self.prefixLengths(end) {
      // A JSON object cut short is never a fixture.
      #expect(throws: Fixture.ReadError.self, "\(file) prefix \(length)") {
        try Fixture.decode(Array(bytes.prefix(length)))
      }
    }
  }

  @Test(arguments: [11, 12, 13] as [UInt64])
  func seededMutationsOfFixtureFiles(seed: UInt64) throws {
    var rng = MutationRNG(seed: seed)
    var decoded = 0
    var refused = 0
    for file in Self.jsonFiles {
      let bytes = try Fixtures.bytes(file)
      for _ in 0..<120 {
        let mutated = Mutator.mutate(bytes, &rng)
        do {
          let capture = try Fixture.decode(mutated)
          decoded += 1
          // Whatever was read writes back and reads back the same.
          #expect(try Fixture.decode(Array(Fixture.encode(capture).utf8)) == capture)
          for record in capture.bss { _ = NetworkAssessment.assess(record) }
        } catch {
          refused += 1
          #expect(!String(describing: error).contains("\n"), "\(file): one-line errors")
        }
      }
    }
    #expect(decoded > 0 && refused > 0)
  }

  @Test func cursorNeverReadsPastItsSlice() {
    let bytes: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
    var cursor = ByteCursor(bytes[2..<5])
    #expect(cursor.offset == 2)
    #expect(cursor.readU16LE() == 0x0403)
    #expect(cursor.readU16LE() == nil)
    #expect(cursor.readSelector() == nil)
    #expect(cursor.take(2) == nil)
    #expect(cursor.take(-1) == nil)
    #expect(cursor.readU8() == 5)
    #expect(cursor.readU8() == nil)
    #expect(cursor.isEmpty && cursor.offset == 5)
    var big = ByteCursor([0x00, 0x0F, 0xAC, 0x04, 0x01, 0x02, 0x03, 0x04])
    #expect(big.readSelector() == 0x000F_AC04)
    #expect(big.readU32LE() == 0x0403_0201)
    var be = ByteCursor([0x10, 0x4A])
    #expect(be.readU16BE() == 0x104A)
  }
}
