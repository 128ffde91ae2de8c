import Foundation
import Testing
import WifiRiskCore

/// The remembered-networks file under concurrent writers, and when it is corrupt.
@Suite struct MemoryStateStoreTests {
  static let many = "fixtures/policy/many.json"

  /// 100 `check --remember` processes at once, each remembering another network: every
  /// entry must survive, in one valid file, with no temporary file left behind.
  @Test func concurrentRemembersLoseNothing() throws {
    let scratch = try PolicyScratch()
    let executable = try Runner.executable()
    var environment = ProcessInfo.processInfo.environment
    for (key, value) in scratch.environment { environment[key] = value }
    let names = (0..<100).map { String(format: "net-%03d", $0) }
    var processes: [Process] = []
    for name in names {
      let process = Process()
      process.executableURL = executable
      process.arguments = ["check", "--fixture", Self.many, "--ssid", name, "--remember"]
      process.currentDirectoryURL = Runner.root
      process.environment = environment
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      process.standardInput = FileHandle.nullDevice
      try process.run()
      processes.append(process)
    }
    for process in processes { process.waitUntilExit() }
    #expect(processes.allSatisfy { $0.terminationStatus == 0 })

    let known = try KnownNetworks.decode([UInt8](try Data(contentsOf: scratch.stateFile)))
    #expect(known.networks.count == 100)
    #expect(Set(known.networks.map { String(decoding: $0.ssid, as: UTF8.self) }) == Set(names))
    #expect(known.networks.allSatisfy { $0.security == .wpa3Personal && $0.bssids.count == 1 })
    let folder = scratch.stateFile.deletingLastPathComponent().path
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(files == ["known-networks.json", "known-networks.json.lock"])
    let mode = try FileManager.default.attributesOfItem(atPath: scratch.stateFile.path)[
      .posixPermissions]
    #expect(mode as? Int == 0o600)
  }

  static let corrupt = Data(
    "{\"schema\": \"wifirisk.known-networks/1\",\n  \"networks\": [\n    {\"ssid_hex\": \"41\",,}\n"
      .utf8)

  /// Every command that reads or writes the file refuses it, says where it is broken, and
  /// leaves it exactly as it was.
  @Test(arguments: [
    ["check", "--fixture", "fixtures/policy/home.json", "--ssid", "home-network", "--remember"],
    ["check", "--fixture", "fixtures/policy/home.json", "--ssid", "home-network"],
    ["remember", "--ssid", "home-network", "--fixture", "fixtures/policy/home.json"],
    ["remember", "--ssid", "home-network", "--add-bssid", "00:11:22:33:44:55"],
    ["remember", "--list"],
    ["forget", "--ssid", "home-network"],
  ])
  func aCorruptFileIsReportedAndNeverOverwritten(_ arguments: [String]) throws {
    let scratch = try PolicyScratch()
    try FileManager.default.createDirectory(
      at: scratch.stateFile.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Self.corrupt.write(to: scratch.stateFile)
    let result = try scratch.run(arguments)
    #expect(result.status == 1)
    #expect(
      result.err.contains(
        "\(scratch.stateFile.path): line 3, column 23: expected a member name"), "\(result.err)")
    #expect(result.err.contains("wifirisk will not overwrite it"))
    #expect(try Data(contentsOf: scratch.stateFile) == Self.corrupt)
  }

  @Test func failingOpenStillLeavesTheFileAlone() throws {
    let scratch = try PolicyScratch()
    try FileManager.default.createDirectory(
      at: scratch.stateFile.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Self.corrupt.write(to: scratch.stateFile)
    let result = try scratch.run(
      [
        "check", "--fixture", "fixtures/policy/home.json", "--ssid", "home-network", "--remember",
        "--fail-open", "--format", "json",
      ])
    #expect(result.status == 0)
    let json = try JSONParser.parse(result.stdout)
    #expect(json["action"] == .string("allow"))
    #expect(json["error"] != .null)
    #expect(try Data(contentsOf: scratch.stateFile) == Self.corrupt)
  }
}
