import TestSupport
import Testing

/// `review`, `scan` and `now` output for saved scans, compared byte for byte with the golden
/// files. Text is for people and may change: re-record it then. JSON is a contract: every
/// JSON output is also held against its schema in `schemas/`.
@Suite struct GoldenOutputTests {
  static let cases: [(golden: String, arguments: [String])] = [
    ("review-security-matrix.txt", ["review", "fixtures/synthetic/security-matrix.json"]),
    (
      "review-security-matrix.json",
      ["review", "--format", "json", "fixtures/synthetic/security-matrix.json"]
    ),
    ("review-findings.txt", ["review", "fixtures/synthetic/findings.json"]),
    ("review-findings-verbose.txt", ["review", "--verbose", "fixtures/synthetic/findings.json"]),
    ("review-findings.json", ["review", "--format", "json", "fixtures/synthetic/findings.json"]),
    ("review-hostile-ssid.txt", ["review", "fixtures/synthetic/hostile-ssid.json"]),
    (
      "review-hostile-ssid.json",
      ["review", "--format", "json", "fixtures/synthetic/hostile-ssid.json"]
    ),
    (
      "review-all.txt",
      [
        "review", "fixtures/synthetic/security-matrix.json", "fixtures/synthetic/findings.json",
        "fixtures/synthetic/hostile-ssid.json",
      ]
    ),
    // scan and now from the kernel lab's recording and a connected scan, as they read the air.
    ("scan-lab.txt", ["scan", "--fixture", "fixtures/lab/security-matrix.json"]),
    (
      "scan-lab.json",
      ["scan", "--fixture", "fixtures/lab/security-matrix.json", "--format", "json"]
    ),
    ("now-connected.txt", ["now", "--fixture", "fixtures/policy/connected.json"]),
    ("now-connected-all.txt", ["now", "--fixture", "fixtures/policy/connected.json", "--all"]),
    (
      "now-connected.json",
      ["now", "--fixture", "fixtures/policy/connected.json", "--format", "json"]
    ),
    (
      "now-not-connected.json",
      ["now", "--fixture", "fixtures/lab/security-matrix.json", "--format", "json"]
    ),
  ]

  @Test(arguments: cases)
  func goldenOutput(golden: String, arguments: [String]) throws {
    let result = try Runner.run(arguments)
    #expect(result.status == 0)
    #expect(result.err == "")
    try Golden.check(result.stdout, golden)
    if golden.hasSuffix(".json") { try SchemaCheck.validate([result.stdout], against: .report) }
  }

  /// The schema check itself can fail: a report missing a key, or with one it does not know.
  @Test func theSchemaRefusesAReportThatBreaksTheContract() throws {
    let result = try Runner.run(["review", "--format", "json", "fixtures/synthetic/findings.json"])
    let text = String(decoding: result.stdout, as: UTF8.self)
    let missing = text.replacingOccurrences(of: "\"verdict\"", with: "\"verdikt\"")
    #expect(throws: SchemaCheck.Problems.self) {
      try SchemaCheck.validate([Array(missing.utf8)], against: .report)
    }
    let wrongType = text.replacingOccurrences(of: "\"hidden\": false", with: "\"hidden\": 0")
    #expect(throws: SchemaCheck.Problems.self) {
      try SchemaCheck.validate([Array(wrongType.utf8)], against: .report)
    }
  }
}
