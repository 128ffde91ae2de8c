import Foundation
import TestSupport
import Testing

/// `wifirisk home` from the kernel lab's recording of its routers (`fixtures/lab/home.json`,
/// saved by `scan --save` in the lab's home stage): a neglected router (lab-home), a
/// well-kept one (lab-tidy) and a neighbour of the neglected one's vendor.
@Suite struct HomeCommandTests {
  static let scan = "fixtures/lab/home.json"

  @Test(arguments: [
    ("home-neglected.txt", ["home", "--fixture", scan, "--ssid", "lab-home"], Int32(2)),
    (
      "home-neglected.json",
      ["home", "--fixture", scan, "--ssid", "lab-home", "--format", "json"], 2
    ),
    ("home-tidy.txt", ["home", "--fixture", scan, "--ssid", "lab-tidy"], 0),
    ("home-tidy.json", ["home", "--fixture", scan, "--ssid", "lab-tidy", "--format", "json"], 0),
  ])
  func goldenOutput(golden: String, arguments: [String], status: Int32) throws {
    let result = try Runner.run(arguments)
    #expect(result.status == status)
    #expect(result.err == "")
    try Golden.check(result.stdout, golden)
    if golden.hasSuffix(".json") { try SchemaCheck.validate([result.stdout], against: .home) }
  }

  /// The lab's neglected router, item by item as the checklist's table says.
  @Test func theNeglectedRouterIsJudgedItemByItem() throws {
    let document = try json(["home", "--fixture", Self.scan, "--ssid", "lab-home"])
    let items = try #require(document["items"] as? [[String: Any]])
    let statuses = Dictionary(
      uniqueKeysWithValues: items.map { ($0["id"] as? String ?? "", $0["status"] as? String) })
    #expect(statuses["no-legacy"] == "fix")
    #expect(statuses["same-everywhere"] == "fix")
    #expect(statuses["wps-off"] == "fix")
    #expect(statuses["guest-network"] == "fix")
    #expect(statuses["encryption"] == "improve")
    #expect(statuses["own-name"] == "pass")
    #expect(statuses["visible-name"] == "pass")
    let siblings = try #require(document["siblings"] as? [[String: Any]])
    // The neighbour's networks (one borrowing a band name of lab-home) are not grouped.
    #expect(siblings.map { $0["ssid"] as? String } == ["lab-home-guest"])
    let points = try #require(document["access_points"] as? [[String: Any]])
    #expect(
      points.compactMap { $0["bssid"] as? String }.sorted() == [
        "3c:a6:2f:10:00:00", "3c:a6:2f:10:00:08",
      ])
  }

  @Test func withoutSSIDTheConnectedNetworkIsChecked() throws {
    let connected = try json(["home", "--fixture", "fixtures/policy/connected.json"])
    let network = try #require(connected["network"] as? [String: Any])
    let report = try json(["now", "--fixture", "fixtures/policy/connected.json"])
    let connection = try #require(report["connection"] as? [String: Any])
    #expect(network["ssid"] as? String == connection["ssid"] as? String)
  }

  @Test(arguments: [
    (["home", "--fixture", "fixtures/lab/security-matrix.json"], "not connected"),
    (["home", "--fixture", scan, "--ssid", "lab-nowhere"], "no access point named"),
    (["home", "--fixture", "fixtures/bad/bad-not-json.json", "--ssid", "x"], "bad-not-json"),
  ])
  func failuresAreOneLineAndStatusOne(arguments: [String], words: String) throws {
    let result = try Runner.run(arguments)
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.err.hasPrefix("wifirisk: "))
    #expect(result.err.contains(words), "\(result.err)")
    #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
  }

  @Test func anEmptyOrLongNameIsAUsageError() throws {
    for name in ["", String(repeating: "x", count: 33)] {
      let result = try Runner.run(["home", "--fixture", Self.scan, "--ssid", name])
      #expect(result.status == 64)
    }
  }

  /// The schemas spell the network entry (and the other shared definitions) once each: the
  /// copies in the check and home schemas are the report schema's, word for word.
  @Test(arguments: ["check-1", "home-1"])
  func sharedDefinitionsMatchTheReportSchema(schema: String) throws {
    func definitions(_ name: String) throws -> [String: Any] {
      let data = try Data(contentsOf: Repository.url("schemas/\(name).schema.json"))
      let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      return try #require(object["$defs"] as? [String: Any])
    }
    let report = try definitions("report-1")
    let other = try definitions(schema)
    for (key, value) in other {
      guard let original = report[key] else { continue }
      #expect(
        NSDictionary(dictionary: ["v": value]).isEqual(to: ["v": original]),
        "\(schema): $defs.\(key) differs from report-1's")
    }
    #expect(other["network"] != nil)
  }

  func json(_ arguments: [String]) throws -> [String: Any] {
    let result = try Runner.run(arguments + ["--format", "json"])
    #expect(result.status != 1, "\(result.err)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any])
  }
}
