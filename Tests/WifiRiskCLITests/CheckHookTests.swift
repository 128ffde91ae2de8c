import Foundation
import Testing
import WifiRiskCore
import WifiRiskSystem

@testable import WifiRiskCLI

/// The connection hooks: what `hook print` and `hook install` write, what `check --format
/// fields` gives them, and what the scripts do with each verdict (run by sh against stand-ins
/// for wifirisk, setpriv, logger, nmcli, wpa_cli, runuser and notify-send; the kernel lab runs
/// them under the real daemons).
@Suite struct CheckHookTests {
  // MARK: the script text

  @Test(arguments: HookScripts.Kind.allCases) func printsAValidScript(_ kind: HookScripts.Kind)
    throws
  {
    let scratch = try PolicyScratch()
    let result = try scratch.run(["hook", "print", kind.rawValue, "--profile", "strict"])
    #expect(result.status == 0, "\(result.err)")
    let script = result.out
    #expect(script.hasPrefix("#!/bin/sh\n"))
    #expect(script.contains("\nPROFILE='strict'\n"))
    #expect(script.contains("\nWIFIRISK='/"))
    #expect(script.contains("\nON_ERROR=block\n"))
    #expect(script.contains("\nTIME_LIMIT=\(HookScripts.defaultTimeLimit)\n"))
    // The statuses come from the one table.
    #expect(script.contains("\nSTATUS_ALLOW=\(ExitStatus.ok.rawValue)\n"))
    #expect(script.contains("\nSTATUS_WARN=\(ExitStatus.warn.rawValue)\n"))
    #expect(script.contains("\nSTATUS_BLOCK=\(ExitStatus.block.rawValue)\n"))
    #expect(script.contains("--format fields"))
    #expect(!script.contains("--format json"))
    // every placeholder filled in
    #expect(script.firstMatch(of: try Regex("@[A-Z_]+@")) == nil)
    let file = scratch.folder.appendingPathComponent("hook.sh")
    try Data(script.utf8).write(to: file)
    let syntax = try Self.shell(["-n", file.path], environment: [:])
    #expect(syntax.status == 0, "\(syntax.err)")
  }

  /// The script bodies name no exit status of check: every case label is a variable, so the
  /// numbers come only from `ExitStatus` through the placeholders.
  @Test(arguments: HookScripts.Kind.allCases) func bodiesHoldNoLiteralStatuses(
    _ kind: HookScripts.Kind
  ) throws {
    let template = kind.stackPart + HookScripts.settingsPart + HookScripts.body
    let labels = try Regex(#"(?m)^\s*[0-9][0-9 |]*\)"#)
    #expect(template.firstMatch(of: labels) == nil)
    #expect(template.contains("\"$STATUS_BLOCK\")"))
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
    let limit = try scratch.run(["hook", "print", "networkmanager", "--time-limit", "0"])
    #expect(limit.status == 64)
  }

  /// The check in a hook runs as nobody and cannot see a user's own profiles, so a hook
  /// refuses a profile only a user has.
  @Test func refusesAProfileOnlyAUserHas() throws {
    let scratch = try PolicyScratch()
    try scratch.writeUserProfile("mine", "extends = \"strict\"\n")
    #expect(try scratch.run(["profiles", "show", "mine"]).status == 0)
    let result = try scratch.run(["hook", "print", "wpa_supplicant", "--profile", "mine"])
    #expect(result.status == 1)
    #expect(result.err.contains("reads only the installed profiles"), "\(result.err)")
  }

  @Test(arguments: HookScripts.Kind.allCases) func installsUnderARoot(_ kind: HookScripts.Kind)
    throws
  {
    let scratch = try PolicyScratch()
    let root = scratch.folder.appendingPathComponent("root").path
    let result = try scratch.run(
      [
        "hook", "install", kind.rawValue, "--profile", "travel", "--root", root, "--time-limit",
        "7",
      ]
    )
    #expect(result.status == 0, "\(result.err)")
    let path = root + kind.installPath
    // iwd's hook is the watch's action script, and the service that runs it
    let unit = root + HookScripts.watchUnitPath
    #expect(result.out == path + "\n" + (kind == .iwd ? unit + "\n" : ""))
    if kind == .iwd {
      let text = try String(contentsOfFile: unit, encoding: .utf8)
      let executable = try FileManager.default.destinationOfSymbolicLink(
        atPath: "/proc/self/exe")
      #expect(text.contains("\nExecStart=/"))
      #expect(!text.contains(executable), "the unit runs wifirisk, not the test runner")
      #expect(text.contains(" watch --action \(kind.installPath)\n"))
    }
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]
    #expect(mode as? Int == 0o755)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("\nPROFILE='travel'\n"))
    #expect(text.contains("\nTIME_LIMIT=7\n"))
    // travel extends default, whose on_error is report
    #expect(text.contains("\nON_ERROR=report\n"))
    // The profiles came from WIFIRISK_PROFILES_DIR: the check is pointed there too.
    #expect(text.contains("\nPROFILES_DIR='\(PolicyScratch.shippedProfiles.path)'\n"))
  }

  /// The unit in the source tree is the one `hook install iwd` writes for a wifirisk
  /// installed as /usr/bin/wifirisk.
  @Test func theTreesUnitIsTheInstalledOne() throws {
    let file = Runner.root.appendingPathComponent("systemd/wifirisk-watch.service")
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text == HookScripts.watchUnit(wifirisk: "/usr/bin/wifirisk"))
  }

  @Test func quotesForTheShell() {
    #expect(HookScripts.shellQuoted("a b") == "'a b'")
    #expect(HookScripts.shellQuoted("it's") == "'it'\\''s'")
  }

  // MARK: check --format fields, from the real binary

  /// Every hostile name of the fixture: one line per field, each key once and in order, the
  /// name escaped, its bytes in hex.
  @Test(arguments: 1...12) func fieldsAreOneLineEach(_ index: Int) throws {
    let scratch = try PolicyScratch()
    let bssid = String(format: "02:53:59:4e:02:%02x", index)
    let result = try scratch.run([
      "check", "--fixture", "fixtures/synthetic/hostile-ssid.json", "--bssid", bssid,
      "--profile", "strict", "--format", "fields",
    ])
    let lines = result.out.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.last == "")
    let fields = lines.dropLast().map { line -> (String, String) in
      let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }
    #expect(fields.map(\.0) == CheckFields.keys)
    let value = Dictionary(fields, uniquingKeysWith: { first, _ in first })
    #expect(value["WIFIRISK_EXIT_STATUS"] == String(result.status))
    #expect(value["WIFIRISK_BSSID"] == bssid)
    let fixture = try SavedScans.read(
      Runner.root.appendingPathComponent("fixtures/synthetic/hostile-ssid.json").path)
    let record = try #require(fixture.snapshot.bss.first { $0.bssid.description == bssid })
    let name = RatingPipeline().rate(record).ssid
    #expect(value["WIFIRISK_SSID_HEX"] == name.map { Hex.encode($0) } ?? "")
    #expect(value["WIFIRISK_SSID"] == name.map { DisplayText.escape($0) } ?? "")
    for (_, text) in fields {
      #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }
  }

  @Test func fieldsOfANetworkThatCannotBeEvaluated() throws {
    let scratch = try PolicyScratch()
    let result = try scratch.run([
      "check", "--fixture", "fixtures/synthetic/security-matrix.json", "--ssid", "absent",
      "--profile", "strict", "--format", "fields",
    ])
    #expect(result.status == ExitStatus.block.rawValue)
    #expect(result.out.hasPrefix("WIFIRISK_ACTION=block\n"))
    #expect(result.out.contains("\nWIFIRISK_EXIT_STATUS=\(ExitStatus.block.rawValue)\n"))
    #expect(result.out.contains("\nWIFIRISK_ERROR=no network named \"absent\""))
    #expect(result.out.contains("\nWIFIRISK_SSID_HEX=616273656e74\n"))
  }

  // MARK: the scripts, against stand-ins

  /// What a stand-in wifirisk answers, and what the hook must then do.
  struct Case: Sendable, CustomTestStringConvertible {
    var kind: HookScripts.Kind
    var action: String
    var status: Int32
    var disconnects: Bool
    var level: String
    var urgency: String?
    var testDescription: String { "\(kind.rawValue) \(action)" }
  }

  static let cases: [Case] = HookScripts.Kind.allCases.flatMap { kind in
    [
      Case(
        kind: kind, action: "allow", status: ExitStatus.ok.rawValue, disconnects: false,
        level: "info", urgency: nil),
      Case(
        kind: kind, action: "warn", status: ExitStatus.warn.rawValue, disconnects: false,
        level: "warning", urgency: "normal"),
      Case(
        kind: kind, action: "block", status: ExitStatus.block.rawValue, disconnects: true,
        level: "warning", urgency: "critical"),
      Case(
        kind: kind, action: "", status: ExitStatus.failure.rawValue, disconnects: false,
        level: "err", urgency: nil),
    ]
  }

  @Test(arguments: cases) func actsOnTheVerdict(_ test: Case) throws {
    let hook = try HookHarness(test.kind)
    try hook.answer(action: test.action, status: test.status, ssid: "cafe")
    let run = try hook.run()
    #expect(run.status == 0, "\(run.err)")
    let calls = hook.calls()
    // the check first, through setpriv, as nobody with nothing inherited
    let check = try #require(calls.first)
    #expect(check.hasPrefix("setpriv --reuid=nobody --regid="))
    for flag in [
      "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--reset-env",
    ] {
      #expect(check.contains(" \(flag) "), "\(check)")
    }
    #expect(
      check.hasSuffix(
        " -- \(hook.bin.path)/wifirisk check --current --cached --interface wlan9 --profile "
          + "strict --format fields"))
    #expect(calls.filter { $0.hasPrefix("setpriv ") }.count == 1)
    let word = test.action.isEmpty ? "error" : test.action
    let summary = "\(word): cafe (02:00:00:00:00:09, open): x [profile strict]"
    let message = "wlan9: \(summary)" + (test.disconnects ? "; disconnected" : "")
    #expect(calls.contains("logger -t wifirisk -p user.\(test.level) -- \(message)"), "\(calls)")
    // the disconnect, as root (not through setpriv)
    let disconnect =
      switch test.kind {
      case .networkmanager: "nmcli device disconnect wlan9"
      case .wpaSupplicant: "wpa_cli -i wlan9 disconnect"
      case .iwd: "wifirisk watch --disconnect wlan9"
      }
    #expect(calls.contains(disconnect) == test.disconnects, "\(calls)")
    let notified = calls.first { $0.hasPrefix("notify-send ") }
    if let urgency = test.urgency {
      let title = test.action == "block" ? "Wi-Fi blocked" : "Wi-Fi warning"
      #expect(notified == "notify-send -u \(urgency) -a wifirisk -- \(title) wlan9: \(summary)")
      #expect(calls.contains { $0.hasPrefix("runuser -u root -- env DBUS_SESSION_BUS_ADDRESS=") })
    } else {
      #expect(notified == nil)
    }
  }

  @Test(arguments: HookScripts.Kind.allCases) func ignoresOtherEvents(_ kind: HookScripts.Kind)
    throws
  {
    let hook = try HookHarness(kind)
    try hook.answer(action: "block", status: ExitStatus.block.rawValue, ssid: "cafe")
    let other = kind == .networkmanager ? ["wlan9", "up"] : ["wlan9", "DISCONNECTED"]
    #expect(try hook.run(other).status == 0)
    #expect(hook.calls().isEmpty)
    if kind == .networkmanager {
      // pre-up of a device that is not Wi-Fi (lo, Ethernet)
      #expect(try hook.run(["lo", "pre-up"]).status == 0)
      #expect(hook.calls().isEmpty)
    }
  }

  /// The log entry through `logger --journald`: the plain line as MESSAGE, the hook's own
  /// action, check's fields as they are (without its summary and action), and whether it
  /// disconnected.
  @Test(arguments: HookScripts.Kind.allCases) func logsJournalFields(_ kind: HookScripts.Kind)
    throws
  {
    let hook = try HookHarness(kind, journal: true)
    try hook.answer(action: "block", status: ExitStatus.block.rawValue, ssid: "cafe")
    #expect(try hook.run().status == 0)
    let calls = hook.calls()
    #expect(calls.contains("logger --journald"), "\(calls)")
    let fields = calls.filter { $0.hasPrefix("  ") }.map { String($0.dropFirst(2)) }
    #expect(
      fields == [
        "MESSAGE=wlan9: block: cafe (02:00:00:00:00:09, open): x [profile strict]; disconnected",
        "PRIORITY=4", "SYSLOG_IDENTIFIER=wifirisk", "WIFIRISK_ACTION=block",
        "WIFIRISK_HOOK=\(kind.rawValue)", "WIFIRISK_INTERFACE=wlan9",
        "WIFIRISK_EXIT_STATUS=\(ExitStatus.block.rawValue)", "WIFIRISK_PROFILE=strict",
        "WIFIRISK_SSID=cafe", "WIFIRISK_SSID_HEX=63616665", "WIFIRISK_BSSID=02:00:00:00:00:09",
        "WIFIRISK_SECURITY=open", "WIFIRISK_REASONS=security", "WIFIRISK_ERROR=",
        "WIFIRISK_DISCONNECTED=yes",
      ])
    #expect(!calls.contains { $0.hasPrefix("logger -t") })
  }

  /// A name made to attack a notification's markup stays text: wifirisk escapes control
  /// characters, the hook escapes markup and doubles backslashes (which notify-send reads as
  /// escapes) in the body; the title names no network.
  @Test func escapesMarkupInNotifications() throws {
    let hook = try HookHarness(.wpaSupplicant)
    let name = #"<b>x</b>&amp;\x1b[31m"#
    try hook.answer(action: "warn", status: ExitStatus.warn.rawValue, ssid: name)
    #expect(try hook.run().status == 0)
    let notified = try #require(hook.calls().first { $0.hasPrefix("notify-send ") })
    // notify-send turns `\\` back into one backslash
    let body = #"wlan9: warn: &lt;b&gt;x&lt;/b&gt;&amp;amp;\\x1b[31m (02:00:00:00:00:09, open): x"#
    #expect(
      notified == "notify-send -u normal -a wifirisk -- Wi-Fi warning \(body) [profile strict]")
    // the log has wifirisk's escaped text, not markup entities
    #expect(
      hook.calls().contains {
        $0.hasSuffix("-- wlan9: warn: \(name) (02:00:00:00:00:09, open): x [profile strict]")
      })
  }

  /// No answer within the time limit: the profile's on_error (written into the hook)
  /// decides, and the hook does not wait for the check any longer; whether the check ends at
  /// timeout's SIGTERM (status 124) or has to be killed (137).
  @Test(arguments: [
    (OnError.block, false), (.report, false), (.allow, false), (.block, true),
  ]) func givesUpAtTheTimeLimit(_ onError: OnError, ignoresTerm: Bool) throws {
    let hook = try HookHarness(.networkmanager, onError: onError, timeLimit: 1)
    // The test runner's children may inherit SIGTERM blocked or ignored: python sets it
    // either way.
    let handler = ignoresTerm ? "SIG_IGN" : "SIG_DFL"
    try hook.stub(
      "wifirisk",
      """
      printf '%s\\n' "wifirisk $*" >> '\(hook.callsPath)'
      exec python3 -c 'import signal as s, time; s.signal(s.SIGTERM, s.\(handler)); \\
      s.pthread_sigmask(s.SIG_UNBLOCK, [s.SIGTERM]); time.sleep(30)'
      """)
    let clock = ContinuousClock()
    let start = clock.now
    #expect(try hook.run().status == 0)
    #expect(clock.now - start < .seconds(15))
    let calls = hook.calls()
    #expect(calls.contains { $0.hasPrefix("wifirisk check --current") })
    let why = "could not evaluate"
    let line: String
    switch onError {
    case .block:
      line =
        "logger -t wifirisk -p user.warning -- wlan9: block: \(why) (fail-closed): "
        + "wifirisk check did not answer within 1 s; disconnected"
    case .allow:
      line =
        "logger -t wifirisk -p user.info -- wlan9: allow: \(why) (fail-open): "
        + "wifirisk check did not answer within 1 s"
    case .report:
      line =
        "logger -t wifirisk -p user.err -- wlan9: error: \(why): wifirisk check did not "
        + "answer within 1 s"
    }
    #expect(calls.contains(line), "\(calls)")
    #expect(calls.contains("nmcli device disconnect wlan9") == (onError == .block))
  }

  /// An exit status without check's fields (a crash, a wrong binary) is no verdict, even
  /// when it is the number of one.
  @Test func anAnswerWithoutFieldsIsNoVerdict() throws {
    let hook = try HookHarness(.wpaSupplicant, onError: .report)
    try hook.stub("wifirisk", "exit \(ExitStatus.block.rawValue)")
    #expect(try hook.run().status == 0)
    let calls = hook.calls()
    #expect(!calls.contains("wpa_cli -i wlan9 disconnect"), "\(calls)")
    #expect(
      calls.contains(
        "logger -t wifirisk -p user.err -- wlan9: error: could not evaluate: wifirisk check "
          + "gave no verdict (exit status \(ExitStatus.block.rawValue))"), "\(calls)")
  }

  // MARK: support

  /// A rendered hook in a scratch folder, with stand-ins for the programs it calls on PATH;
  /// each stand-in appends what it was called with to `calls`.
  struct HookHarness: ~Copyable {
    let scratch: PolicyScratch
    let kind: HookScripts.Kind
    var folder: URL { scratch.folder }
    var bin: URL { folder.appendingPathComponent("bin") }
    var callsPath: String { folder.appendingPathComponent("calls").path }
    var script: URL { folder.appendingPathComponent("hook.sh") }

    init(
      _ kind: HookScripts.Kind, onError: OnError = .block, timeLimit: Int = 10,
      journal: Bool = false
    ) throws {
      let scratch = try PolicyScratch()
      try Self.prepare(
        scratch.folder, kind, onError: onError, timeLimit: timeLimit, journal: journal)
      self.scratch = scratch
      self.kind = kind
    }

    /// The stand-ins, the folders standing in for /sys, /run/user and the journal, and the
    /// hook made runnable against them.
    static func prepare(
      _ folder: URL, _ kind: HookScripts.Kind, onError: OnError, timeLimit: Int, journal: Bool
    ) throws {
      let bin = folder.appendingPathComponent("bin")
      let calls = folder.appendingPathComponent("calls").path
      try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
      // setpriv and runuser run what follows `--` (as the caller: the tests need no root)
      for tool in ["setpriv", "runuser"] {
        try Self.stub(
          bin, tool,
          """
          printf '%s\\n' "\(tool) $*" >> '\(calls)'
          while [ $# -gt 0 ] && [ "$1" != -- ]; do shift; done
          shift
          exec "$@"
          """)
      }
      try Self.stub(
        bin, "logger",
        """
        printf '%s\\n' "logger $*" >> '\(calls)'
        [ "$1" = --journald ] && sed 's/^/  /' >> '\(calls)'
        exit 0
        """)
      for tool in ["nmcli", "wpa_cli", "notify-send"] {
        try Self.stub(bin, tool, "printf '%s\\n' \"\(tool) $*\" >> '\(calls)'")
      }
      // A Wi-Fi interface, a logged-in user (root: `id -nu 0`) with a session bus, and the
      // journal's socket when asked for, all under the scratch folder.
      let sys = folder.appendingPathComponent("sys/wlan9/wireless")
      try FileManager.default.createDirectory(at: sys, withIntermediateDirectories: true)
      let runtime = folder.appendingPathComponent("run/user/0")
      try FileManager.default.createDirectory(at: runtime, withIntermediateDirectories: true)
      try Self.makeSocket(runtime.appendingPathComponent("bus").path)
      let journalSocket = folder.appendingPathComponent("journal-socket").path
      if journal { try Self.makeSocket(journalSocket) }
      let text = HookScripts.render(
        kind,
        HookScripts.Settings(
          wifirisk: bin.appendingPathComponent("wifirisk").path, profile: "strict",
          onError: onError, timeLimit: timeLimit, profilesDirectory: nil))
      let runnable = try Self.replacing(
        text,
        [
          ("\nSYSFS_NET=/sys/class/net\n", "\nSYSFS_NET='\(folder.path)/sys'\n"),
          ("\nUSER_RUNTIME=/run/user\n", "\nUSER_RUNTIME='\(folder.path)/run/user'\n"),
          (
            "\nJOURNAL_SOCKET=/run/systemd/journal/socket\n",
            "\nJOURNAL_SOCKET='\(journalSocket)'\n"
          ),
        ], optional: kind == .networkmanager ? [] : ["\nSYSFS_NET=/sys/class/net\n"])
      try Data(runnable.utf8).write(to: folder.appendingPathComponent("hook.sh"))
    }

    /// The stand-in wifirisk prints the fields check would print and exits with `status`.
    func answer(action: String, status: Int32, ssid: String) throws {
      let word = action.isEmpty ? "error" : action
      let fields = [
        ("WIFIRISK_ACTION", action), ("WIFIRISK_EXIT_STATUS", String(status)),
        ("WIFIRISK_PROFILE", "strict"), ("WIFIRISK_SSID", ssid),
        ("WIFIRISK_SSID_HEX", Hex.encode(Array(ssid.utf8))),
        ("WIFIRISK_BSSID", "02:00:00:00:00:09"), ("WIFIRISK_SECURITY", "open"),
        ("WIFIRISK_REASONS", "security"), ("WIFIRISK_ERROR", ""),
        ("WIFIRISK_SUMMARY", "\(word): \(ssid) (02:00:00:00:00:09, open): x [profile strict]"),
      ]
      let lines = fields.map { HookScripts.shellQuoted("\($0)=\($1)") }.joined(separator: " ")
      try stub(
        "wifirisk",
        """
        printf '%s\\n' "wifirisk $*" >> '\(callsPath)'
        [ "$1" = watch ] && exit 0
        printf '%s\\n' \(lines)
        exit \(status)
        """)
    }

    func stub(_ name: String, _ body: String) throws {
      try Self.stub(bin, name, body)
    }

    /// Runs the hook as its stack would for a new connection on wlan9.
    func run(_ arguments: [String]? = nil) throws -> Runner.Result {
      try? FileManager.default.removeItem(atPath: callsPath)
      let event = kind == .networkmanager ? ["wlan9", "pre-up"] : ["wlan9", "CONNECTED"]
      return try CheckHookTests.shell(
        [script.path] + (arguments ?? event),
        environment: ["PATH": bin.path + ":/usr/bin:/bin"])
    }

    func calls() -> [String] {
      let text = (try? String(contentsOfFile: callsPath, encoding: .utf8)) ?? ""
      return text.split(separator: "\n").map(String.init)
    }

    static func stub(_ folder: URL, _ name: String, _ body: String) throws {
      let path = folder.appendingPathComponent(name).path
      try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: URL(fileURLWithPath: path))
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    /// A Unix socket file at `path` (python3 binds one and exits; the file stays).
    static func makeSocket(_ path: String) throws {
      let result = try CheckHookTests.shell(
        [
          "-c",
          "python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' \"$1\"",
          "sh", path,
        ], environment: [:])
      #expect(result.status == 0, "\(result.err)")
    }

    /// The text with each piece replaced; a piece that is missing fails the test, unless
    /// it is listed as optional.
    static func replacing(_ text: String, _ pairs: [(String, String)], optional: [String])
      throws -> String
    {
      var out = text
      for (old, new) in pairs {
        guard out.contains(old) else {
          if !optional.contains(old) { Issue.record("the hook has no \(old.debugDescription)") }
          continue
        }
        out = out.replacingOccurrences(of: old, with: new)
      }
      return out
    }
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
