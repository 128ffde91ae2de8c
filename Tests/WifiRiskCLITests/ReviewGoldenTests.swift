import Testing

/// `wifirisk review` output for the synthetic fixtures, compared byte for byte with the
/// golden files. Text is for people and may change: re-record it then. JSON is a contract.
@Suite struct ReviewGoldenTests {
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
  ]

  @Test(arguments: cases)
  func goldenOutput(golden: String, arguments: [String]) throws {
    let result = try Runner.run(arguments)
    #expect(result.status == 0)
    #expect(result.err == "")
    try Golden.check(result.stdout, golden)
  }
}
