import Foundation
import TestSupport
import Testing
import WifiRiskCore

/// A private world for one test: the repository's shipped profiles, and empty
/// configuration and state folders, so a developer's own files never leak in.
struct PolicyScratch: ~Copyable {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("wifirisk-policy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  var config: URL { folder.appendingPathComponent("config") }
  var state: URL { folder.appendingPathComponent("state") }
  var userProfiles: URL { config.appendingPathComponent("wifirisk/profiles") }
  var stateFile: URL { state.appendingPathComponent("wifirisk/known-networks.json") }
  static var shippedProfiles: URL { Runner.root.appendingPathComponent("profiles") }

  var environment: [String: String?] {
    [
      "NO_COLOR": "1", "WIFIRISK_PROFILES_DIR": Self.shippedProfiles.path,
      "XDG_CONFIG_HOME": config.path, "XDG_STATE_HOME": state.path, "HOME": folder.path,
    ]
  }

  func run(_ arguments: [String]) throws -> Runner.Result {
    try Runner.run(arguments, environment: environment)
  }

  func writeUserProfile(_ name: String, _ text: String) throws {
    try FileManager.default.createDirectory(at: userProfiles, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: userProfiles.appendingPathComponent(name + ".toml"))
  }
}

/// `wifirisk check` as a hook sees it: exit statuses, one line of text or JSON.
@Suite struct CheckCommandTests {
  static let matrix = "fixtures/synthetic/security-matrix.json"
  static let policy = "fixtures/policy/"

  static func check(_ scratch: borrowing PolicyScratch, _ arguments: [String]) throws
    -> Runner.Result
  {
    try scratch.run(["check"] + arguments)
  }

  struct Verdict: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var status: Int32
    var prefix: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let verdicts: [Verdict] = [
    Verdict(
      arguments: ["--ssid", "syn-wpa3-personal"], status: 0, prefix: "allow: syn-wpa3-personal"),
    Verdict(arguments: ["--ssid", "syn-open"], status: 2, prefix: "warn: syn-open"),
    Verdict(arguments: ["--ssid", "syn-wep"], status: 3, prefix: "block: syn-wep"),
    Verdict(arguments: ["--ssid", "nope"], status: 1, prefix: "error: could not evaluate"),
    Verdict(
      arguments: ["--ssid", "nope", "--fail-open"], status: 0,
      prefix: "allow: could not evaluate (fail-open)"),
    Verdict(
      arguments: ["--ssid", "nope", "--fail-closed"], status: 3,
      prefix: "block: could not evaluate (fail-closed)"),
    // strict's on_error is "block"; the flags still win.
    Verdict(
      arguments: ["--ssid", "nope", "--profile", "strict"], status: 3,
      prefix: "block: could not evaluate (fail-closed)"),
    Verdict(
      arguments: ["--ssid", "nope", "--profile", "strict", "--fail-open"], status: 0,
      prefix: "allow: could not evaluate (fail-open)"),
    Verdict(
      arguments: ["--ssid", "syn-wpa2-wpa3-personal", "--profile", "strict"], status: 3,
      prefix: "block: syn-wpa2-wpa3-personal"),
    Verdict(
      arguments: ["--ssid", "syn-wpa2-enterprise", "--profile", "strict"], status: 0,
      prefix: "allow: syn-wpa2-enterprise"),
    Verdict(
      arguments: ["--bssid", "02:53:59:4e:00:03", "--profile", "legacy-tolerant"], status: 2,
      prefix: "warn: syn-wep (02:53:59:4e:00:03, wep)"),
    Verdict(arguments: ["--bssid", "02:53:59:4e:ff:ff"], status: 1, prefix: "error:"),
  ]

  @Test(arguments: verdicts) func exitsWithTheVerdict(_ verdict: Verdict) throws {
    let scratch = try PolicyScratch()
    let result = try Self.check(scratch, ["--fixture", Self.matrix] + verdict.arguments)
    #expect(result.status == verdict.status, "\(result.out)\(result.err)")
    #expect(result.out.hasPrefix(verdict.prefix), "\(result.out)")
    #expect(result.out.split(separator: "\n").count == 1)
    #expect(result.out.hasSuffix("\n"))
    if verdict.status == 1 || verdict.prefix.contains("could not evaluate") {
      #expect(result.err.hasPrefix("wifirisk: could not evaluate: "))
    } else {
      #expect(result.err.isEmpty)
    }
  }

  static let usage: [[String]] = [
    ["--fixture", matrix],
    ["--fixture", matrix, "--ssid", "syn-open", "--fail-open", "--fail-closed"],
    ["--fixture", matrix, "--bssid", "not-a-mac"],
    ["--fixture", matrix, "--ssid", "syn-open", "--format", "xml"],
    ["--fixture", matrix, "--ssid", String(repeating: "x", count: 33)],
    ["--fixture", matrix, "--ssid", "syn-open", "--no-such-flag"],
  ]

  @Test(arguments: usage) func usageErrorsExit64(_ arguments: [String]) throws {
    let scratch = try PolicyScratch()
    let result = try Self.check(scratch, arguments)
    #expect(result.status == 64, "\(result.err)")
    #expect(result.out.isEmpty)
  }

  @Test func aBadProfileExits1EvenWhenFailingOpen() throws {
    let scratch = try PolicyScratch()
    for flag in ["--fail-open", "--fail-closed"] {
      let result = try Self.check(
        scratch,
        ["--fixture", Self.matrix, "--ssid", "syn-open", "--profile", "nope", flag])
      #expect(result.status == 1)
      #expect(result.err.hasPrefix("wifirisk: no profile named \"nope\""))
      #expect(result.out.hasPrefix("error: could not evaluate: no profile named"))
    }
  }

  @Test func printsOneLineOfJSONWithEveryKey() throws {
    let scratch = try PolicyScratch()
    let result = try Self.check(
      scratch,
      [
        "--fixture", Self.policy + "connected.json", "--current", "--profile", "strict",
        "--format", "json",
      ])
    #expect(result.status == 3)
    #expect(result.out.split(separator: "\n").count == 1)
    try SchemaCheck.validate([result.stdout], against: .check)
    let json = try JSONParser.parse(result.stdout)
    guard case .object(let members) = json else {
      Issue.record("not an object")
      return
    }
    #expect(
      Set(members.keys).isSuperset(of: [
        "schema", "action", "exit_status", "profile", "ssid", "bssid", "judged_bssid",
        "security", "reasons", "networks", "error",
      ]))
    #expect(json["schema"] == .string("wifirisk.check/1"))
    #expect(json["action"] == .string("block"))
    #expect(json["exit_status"] == .integer(3))
    #expect(json["profile"] == .string("strict"))
    #expect(json["ssid"] == .string("office"))
    #expect(json["bssid"] == .string("02:53:59:4e:60:01"))
    #expect(json["judged_bssid"] == .string("02:53:59:4e:60:02"))
    #expect(json["security"] == .string("wpa2-wpa3-personal"))
    #expect(json["error"] == .null)
    guard case .array(let networks)? = json["networks"], case .array(let reasons)? = json["reasons"]
    else {
      Issue.record("no networks or reasons")
      return
    }
    #expect(networks.count == 2)
    #expect(networks.allSatisfy { $0["schema"] == nil && $0["security"] != nil })
    #expect(reasons.contains { $0["id"] == .string("below-minimum") })
    #expect(reasons.contains { $0["id"] == .string("evil-twin-suspect") && $0["bssid"] == .null })
  }

  @Test func errorsAreJSONToo() throws {
    let scratch = try PolicyScratch()
    let result = try Self.check(
      scratch, ["--fixture", Self.policy + "home.json", "--current", "--format", "json"])
    #expect(result.status == 1)
    try SchemaCheck.validate([result.stdout], against: .check)
    let json = try JSONParser.parse(result.stdout)
    #expect(json["action"] == .null)
    #expect(json["exit_status"] == .integer(1))
    #expect(json["networks"] == .array([]))
    guard case .string(let error)? = json["error"] else {
      Issue.record("no error")
      return
    }
    #expect(error.hasPrefix("not connected"))
  }

  @Test func judgesTheCurrentConnection() throws {
    let scratch = try PolicyScratch()
    let result = try Self.check(
      scratch, ["--fixture", Self.policy + "connected.json", "--current"])
    // The second access point of the name offers other security: evil-twin-suspect warns.
    #expect(result.status == 2)
    #expect(
      result.out
        == "warn: office (02:53:59:4e:60:02, weakest of 2, wpa2-wpa3-personal): "
        + "evil-twin-suspect (warn) [profile default]\n")
  }

  @Test func remembersDowngradesNewAccessPointsAndLookalikes() throws {
    let scratch = try PolicyScratch()
    let remember = try scratch.run(
      ["remember", "--ssid", "home-network", "--fixture", Self.policy + "home.json"])
    #expect(remember.status == 0, "\(remember.err)")
    #expect(
      remember.out
        == "remembered \"home-network\": wpa3-personal, f8:1a:67:10:00:01, f8:1a:67:10:00:02\n")

    let same = try Self.check(
      scratch, ["--fixture", Self.policy + "home.json", "--ssid", "home-network"])
    #expect(same.status == 0)

    let downgraded = try Self.check(
      scratch,
      [
        "--fixture", Self.policy + "home-downgraded.json", "--ssid", "home-network",
        "--format", "json",
      ])
    #expect(downgraded.status == 3)
    let reasons = try JSONParser.parse(downgraded.stdout)["reasons"]
    #expect(reasons?.serialized().contains("\"id\": \"downgrade\"") == true)

    let newAP = try Self.check(
      scratch, ["--fixture", Self.policy + "home-new-bssid.json", "--ssid", "home-network"])
    #expect(newAP.status == 2)
    #expect(newAP.out.contains("new-bssid (warn)"))

    let lookalike = try Self.check(
      scratch, ["--fixture", Self.policy + "lookalike.json", "--ssid", "h\u{043E}me-network"])
    #expect(lookalike.status == 2)
    #expect(lookalike.out.contains("lookalike-ssid (warn)"))
    // A separator swap, which only TR39-style folding catches.
    let underscore = try Self.check(
      scratch, ["--fixture", Self.policy + "lookalike.json", "--ssid", "home_network"])
    #expect(underscore.status == 2)
    #expect(underscore.out.contains("lookalike-ssid (warn)"))
    let guest = try Self.check(
      scratch, ["--fixture", Self.policy + "lookalike.json", "--ssid", "home-network-guest"])
    #expect(!guest.out.contains("lookalike-ssid"))
    let strictLookalike = try Self.check(
      scratch,
      [
        "--fixture", Self.policy + "lookalike.json", "--ssid", "HOME-NETWORK", "--profile",
        "strict",
      ])
    #expect(strictLookalike.status == 3)

    let vouch = try scratch.run(
      ["remember", "--ssid", "home-network", "--add-bssid", "00:0C:42:66:00:01"])
    #expect(vouch.status == 0)
    #expect(vouch.out == "added 00:0c:42:66:00:01 to \"home-network\"\n")
    let vouched = try Self.check(
      scratch, ["--fixture", Self.policy + "home-new-bssid.json", "--ssid", "home-network"])
    #expect(vouched.status == 0, "\(vouched.out)")

    let forget = try scratch.run(["forget", "--ssid", "home-network"])
    #expect(forget.status == 0)
    #expect(forget.out == "forgot \"home-network\"\n")
    let again = try scratch.run(["forget", "--ssid", "home-network"])
    #expect(again.status == 0)
    #expect(again.err == "wifirisk: \"home-network\" was not remembered\n")
    let afterForget = try Self.check(
      scratch, ["--fixture", Self.policy + "home-downgraded.json", "--ssid", "home-network"])
    #expect(afterForget.status == 0)
  }

  @Test func evilTwinsWarnByDefault() throws {
    let scratch = try PolicyScratch()
    let result = try Self.check(
      scratch, ["--fixture", Self.policy + "evil-twin.json", "--ssid", "cafe-wifi"])
    #expect(result.status == 2)
    #expect(result.out.hasPrefix("warn: cafe-wifi (02:53:59:4e:40:02, weakest of 2, open): "))
    #expect(result.out.contains("evil-twin-suspect (warn)"))
  }

  @Test func remembersOnlyAfterAnAllow() throws {
    let scratch = try PolicyScratch()
    let warned = try Self.check(
      scratch, ["--fixture", Self.matrix, "--ssid", "syn-open", "--remember"])
    #expect(warned.status == 2)
    #expect(!FileManager.default.fileExists(atPath: scratch.stateFile.path))
    let allowed = try Self.check(
      scratch, ["--fixture", Self.policy + "home.json", "--ssid", "home-network", "--remember"])
    #expect(allowed.status == 0)
    let known = try KnownNetworks.decode([UInt8](try Data(contentsOf: scratch.stateFile)))
    #expect(known.networks.map(\.ssid) == [Array("home-network".utf8)])
    #expect(known.networks.first?.bssids.count == 2)
    let list = try scratch.run(["remember", "--list"])
    #expect(list.out.hasPrefix("home-network  wpa3-personal, PMF required, since "))
  }

  @Test func remembersOnlyNetworksThatAreThere() throws {
    let scratch = try PolicyScratch()
    let missing = try scratch.run(["remember", "--ssid", "nope", "--fixture", Self.matrix])
    #expect(missing.status == 1)
    #expect(missing.err.contains("no network named \"nope\""))
    let unknown = try scratch.run([
      "remember", "--ssid", "nope", "--add-bssid", "00:11:22:33:44:55",
    ])
    #expect(unknown.status == 1)
    #expect(unknown.err.contains("is not remembered"))
  }
}

/// ICU (Debian's libicu) is loaded only when look-alike names are compared, never at
/// start-up: the dynamic loader's own log (`LD_DEBUG=libs`) names every library it maps.
@Suite struct ICULoadingTests {
  static func loaded(_ result: Runner.Result) -> Bool {
    result.err.contains("libicui18n.so") || result.err.contains("libicuuc.so")
  }

  @Test func aRunWithoutNamesToCompareDoesNotMapICU() throws {
    let scratch = try PolicyScratch()
    var environment = scratch.environment
    environment["LD_DEBUG"] = "libs"
    let review = try Runner.run(
      ["review", "fixtures/synthetic/security-matrix.json"], environment: environment)
    let reviewLoaded = Self.loaded(review)
    #expect(review.status == 0)
    #expect(!reviewLoaded)
    let help = try Runner.run(["--help"], environment: environment)
    let helpLoaded = Self.loaded(help)
    #expect(!helpLoaded)
    let version = try Runner.run(["--version"], environment: environment)
    let versionLoaded = Self.loaded(version)
    #expect(version.status == 0)
    #expect(!versionLoaded)
    // Nothing remembered or trusted: nothing to compare, ICU stays out.
    let check = try Runner.run(
      ["check", "--fixture", "fixtures/policy/lookalike.json", "--ssid", "home_network"],
      environment: environment)
    let checkLoaded = Self.loaded(check)
    #expect(!checkLoaded)
  }

  @Test func comparingNamesLoadsICU() throws {
    let scratch = try PolicyScratch()
    let remember = try scratch.run(
      ["remember", "--fixture", "fixtures/policy/home.json", "--ssid", "home-network"])
    #expect(remember.status == 0)
    var environment = scratch.environment
    environment["LD_DEBUG"] = "libs"
    // A name that wifirisk's own table does not take for "home-network": its TR39 skeleton
    // is asked for, so ICU is loaded.
    let check = try Runner.run(
      ["check", "--fixture", "fixtures/policy/lookalike.json", "--ssid", "home-network-guest"],
      environment: environment)
    let loaded = Self.loaded(check)
    #expect(check.status == 0)
    #expect(loaded)
  }
}
