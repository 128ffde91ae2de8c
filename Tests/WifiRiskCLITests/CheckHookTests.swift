import Foundation
import Testing
import WifiRiskCore

@testable import WifiRiskCLI

/// The connection hooks: what `hook print` and `hook install` write, and what the scripts
/// do with each verdict (run by sh against stand-ins for wifirisk, wpa_cli, nmcli and
/// logger).
@Suite struct CheckHookTests {
  @Test(arguments: HookScripts.Kind.allCases) func printsAValidScript(_ kind: HookScripts.Kind)
    throws
  {
    let scratch = try PolicyScratch()
    let result = try scratch.run(["hook", "print", kind.rawValue, "--profile", "strict"])
    #expect(result.status == 0, "\(result.err)")
    #expect(result.out.hasPrefix("#!/bin/sh\n"))
    #expect(result.out.contains("PROFILE='strict'\n"))
    #expect(result.out.contains("WIFIRISK='/"))
    #expect(result.out.contains("logger -t wifirisk"))
    #expect(result.out.contains("--format json"))
    #expect(!result.out.contains("@"))
    switch kind {
    case .networkmanager:
      #expect(result.out.contains("nmcli device disconnect \"$iface\""))
      #expect(result.out.contains("[ \"$action\" = pre-up ] || exit 0"))
    case .wpaSupplicant:
      #expect(result.out.contains("-i \"$iface\" disconnect"))
      #expect(result.out.contains("[ \"$event\" = CONNECTED ] || exit 0"))
    }
    let script = scratch.folder.appendingPathComponent("hook.sh")
    try Data(result.out.utf8).write(to: script)
    let syntax = try Self.shell(["-n", script.path], environment: [:])
    #expect(syntax.status == 0, "\(syntax.err)")
  }

  @Test func refusesUnknownHooksAndBadProfiles() throws {
    let scratch = try PolicyScratch()
    #expect(try scratch.run(["hook", "print", "connman"]).status == 64)
    let missing = try scratch.run(["hook", "print", "networkmanager", "--profile", "nope"])
    #expect(missing.status == 1)
    #expect(missing.err.hasPrefix("wifirisk: no profile named \"nope\""))
    let file = try scratch.run(
      ["hook", "print", "networkmanager", "--profile", "fixtures/policy/trusted-home.toml"])
    #expect(file.status == 1)
  }

  @Test(arguments: HookScripts.Kind.allCases) func installsUnderARoot(_ kind: HookScripts.Kind)
    throws
  {
    let scratch = try PolicyScratch()
    let root = scratch.folder.appendingPathComponent("root").path
    let result = try scratch.run(
      ["hook", "install", kind.rawValue, "--profile", "travel", "--root", root])
    #expect(result.status == 0, "\(result.err)")
    let path = root + kind.installPath
    #expect(result.out == path + "\n")
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]
    #expect(mode as? Int == 0o755)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("PROFILE='travel'"))
  }

  @Test func quotesForTheShell() {
    #expect(HookScripts.shellQuoted("a b") == "'a b'")
    #expect(HookScripts.shellQuoted("it's") == "'it'\\''s'")
  }

  /// What a stand-in wifirisk answers, and what the hook must then do.
  struct Case: Sendable, CustomTestStringConvertible {
    var kind: HookScripts.Kind
    var status: Int32
    var disconnects: Bool
    var logged: String
    var testDescription: String { "\(kind.rawValue) \(status)" }
  }

  static let cases: [Case] = [
    Case(kind: .wpaSupplicant, status: 0, disconnects: false, logged: "wlan9: allow: x"),
    Case(kind: .wpaSupplicant, status: 2, disconnects: false, logged: "wlan9: warn: x"),
    Case(
      kind: .wpaSupplicant, status: 3, disconnects: true, logged: "wlan9: block: x; disconnecting"),
    Case(
      kind: .wpaSupplicant, status: 1, disconnects: false,
      logged: "wlan9: could not evaluate (status 1): error: x"),
    Case(kind: .networkmanager, status: 0, disconnects: false, logged: "wlan9: allow: x"),
    Case(
      kind: .networkmanager, status: 3, disconnects: true, logged: "wlan9: block: x; disconnecting"),
  ]

  @Test(arguments: cases) func actsOnTheVerdict(_ test: Case) throws {
    let scratch = try PolicyScratch()
    let bin = scratch.folder.appendingPathComponent("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    let calls = scratch.folder.appendingPathComponent("calls").path
    let word = [0: "allow", 2: "warn", 3: "block"][test.status] ?? "error"
    // The stand-in prints what `check --format json` prints: summary is the last key.
    try Self.stub(
      bin, "wifirisk",
      """
      echo "wifirisk $*" >> '\(calls)'
      echo '{"action":"\(word)","exit_status":\(test.status),"summary":"\(word): x"}'
      exit \(test.status)
      """)
    for tool in ["wpa_cli", "nmcli", "logger"] {
      try Self.stub(bin, tool, "echo \"\(tool) $*\" >> '\(calls)'")
    }
    let script = scratch.folder.appendingPathComponent("hook.sh")
    let text = HookScripts.render(
      test.kind, wifirisk: bin.appendingPathComponent("wifirisk").path, profile: "strict")
    // The NetworkManager hook only acts on Wi-Fi devices; the test has none.
    let runnable = text.replacingOccurrences(
      of: "[ -d \"/sys/class/net/$iface/wireless\" ]", with: "true")
    try Data(runnable.utf8).write(to: script)
    let arguments = test.kind == .networkmanager ? ["wlan9", "pre-up"] : ["wlan9", "CONNECTED"]
    let run = try Self.shell(
      [script.path] + arguments, environment: ["PATH": bin.path + ":/usr/bin:/bin"])
    #expect(run.status == 0)
    let log = (try? String(contentsOfFile: calls, encoding: .utf8)) ?? ""
    let lines = log.split(separator: "\n").map(String.init)
    #expect(
      lines.first
        == "wifirisk check --current --cached --interface wlan9 --profile strict --format json")
    #expect(lines.contains("logger -t wifirisk -- \(test.logged)"), "\(log)")
    let disconnect =
      test.kind == .networkmanager
      ? "nmcli device disconnect wlan9" : "wpa_cli -i wlan9 disconnect"
    #expect(lines.contains(disconnect) == test.disconnects, "\(log)")

    // Other events do nothing at all.
    try? FileManager.default.removeItem(atPath: calls)
    let other = test.kind == .networkmanager ? ["wlan9", "up"] : ["wlan9", "DISCONNECTED"]
    let ignored = try Self.shell(
      [script.path] + other, environment: ["PATH": bin.path + ":/usr/bin:/bin"])
    #expect(ignored.status == 0)
    #expect(!FileManager.default.fileExists(atPath: calls))
  }

  static func stub(_ folder: URL, _ name: String, _ body: String) throws {
    let path = folder.appendingPathComponent(name).path
    try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
  }

  static func shell(_ arguments: [String], environment: [String: String]) throws -> Runner.Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    env["WPA_CTRL_DIR"] = nil
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Runner.Result(
      status: process.terminationStatus, stdout: [UInt8](stdout), stderr: [UInt8](stderr))
  }
}
