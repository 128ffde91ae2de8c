// The rating every scan source ends in, checked the same way for every target.
import WifiRiskCore

#if canImport(Glibc)
  import Glibc
#endif

enum Rating {
  /// The shipped public-hotspot patterns, as the tool loads them.
  static let options = AssessmentOptions(
    publicSSIDPatterns: SSIDPattern.parseList(readFile(repositoryPath("profiles/public-ssids.txt")))
  )

  /// Rates each record, and on the sampled inputs (`Sample`) twice: the two ratings must
  /// agree in every part (a rating is a function of the bytes). Findings come riskiest first,
  /// and the network name must escape safely for a terminal.
  static func check(_ records: [BSSRecord]) {
    var assessments: [NetworkAssessment] = []
    for record in records {
      let first = NetworkAssessment.assess(record, options: options)
      if Sample.thisInput {
        let second = NetworkAssessment.assess(record, options: options)
        require(first.elements == second.elements, "element decoding is not deterministic")
        require(
          first.beaconElements == second.beaconElements, "beacon decoding is not deterministic")
        require(first.advertised == second.advertised, "classification is not deterministic")
        require(first.findings == second.findings, "findings are not deterministic")
        require(first.risk == second.risk, "risk is not deterministic")
        require(first.anomalies == second.anomalies, "anomalies are not deterministic")
      }
      require(
        zip(first.findings, first.findings.dropFirst()).allSatisfy { $0.severity >= $1.severity },
        "findings are not riskiest first")
      if let ssid = first.ssid { escapeChecked(ssid, "an SSID") }
      if let name = first.wps?.deviceName { escapeChecked(name, "a WPS device name") }
      _ = first.verdict
      _ = first.channel
      assessments.append(first)
    }
    _ = assessments.sorted(by: NetworkAssessment.riskiestFirst)
  }

  /// What `review` and `scan` rate: one record per BSSID.
  static func check(_ capture: ScanSnapshot) {
    let merged = capture.mergingDuplicateBSSIDs()
    require(
      Set(merged.map(\.bssid)) == Set(capture.bss.map(\.bssid)),
      "merging duplicate BSSIDs lost or made up a BSSID")
    require(merged.count == Set(merged.map(\.bssid)).count, "merged records repeat a BSSID")
    check(merged)
  }
}

/// A path inside the source tree this file belongs to.
func repositoryPath(_ relative: String) -> String {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(4)  // Tests/Fuzz/Targets/Rating.swift
  return parts.joined(separator: "/") + "/" + relative
}

/// A whole file as text; empty when it cannot be read.
func readFile(_ path: String) -> String {
  guard let file = fopen(path, "rb") else { return "" }
  defer { fclose(file) }
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 65536)
  while true {
    let count = fread(&buffer, 1, buffer.count, file)
    if count <= 0 { break }
    bytes += buffer[0..<count]
  }
  return String(decoding: bytes, as: UTF8.self)
}
