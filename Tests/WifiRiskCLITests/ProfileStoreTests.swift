import Foundation
import Testing
import WifiRiskCore

@testable import WifiRiskSystem

/// The shipped profiles, how profiles are found and layered, and how broken ones fail.
@Suite struct ProfileStoreTests {
  static let shipped = ["default", "strict", "travel", "legacy-tolerant"]
  static var directories: ProfileStore.Directories {
    ProfileStore.Directories(shipped: PolicyScratch.shippedProfiles.path, user: nil)
  }

  @Test(arguments: shipped) func loadsEveryShippedProfile(_ name: String) throws {
    let profile = try ProfileStore.load(name, in: Self.directories)
    #expect(profile.name == name)
    #expect(!profile.description.isEmpty)
    #expect(profile.chain.last?.path.hasSuffix("profiles/\(name).toml") == true)
    if name != "default" { #expect(profile.chain.first?.name == "default") }
  }

  @Test func theShippedProfilesSayWhatTheyPromise() throws {
    let strict = try ProfileStore.load("strict", in: Self.directories)
    #expect(strict.minimumSecurity == .wpa2Enterprise)
    #expect(strict.onError == .block)
    #expect(strict.publicNetworks == .block && strict.captivePortal == .block)
    #expect(strict.action(forFinding: "pmf-missing") == .block)
    #expect(strict.action(forFinding: "wps-enabled") == .block)
    let travel = try ProfileStore.load("travel", in: Self.directories)
    #expect(travel.vpnReminder)
    #expect(travel.action(for: .open) == .warn)
    #expect(travel.action(for: .wep) == .block && travel.action(forFinding: "tkip") == .block)
    let legacy = try ProfileStore.load("legacy-tolerant", in: Self.directories)
    #expect(legacy.action(for: .wep) == .warn && legacy.action(for: .open) == .warn)
    #expect(legacy.action(forFinding: "downgrade") == .block)
    let standard = try ProfileStore.load("default", in: Self.directories)
    #expect(standard.onError == .report)
    for id in ["wep", "unknown-security", "downgrade", "beacon-probe-mismatch"] {
      #expect(standard.action(forFinding: id) == .block, "\(id)")
    }
    #expect(standard.action(for: .wpaPersonal) == .block)
    for id in ["tkip", "wps-enabled"] { #expect(standard.action(forFinding: id) == .warn) }
    #expect(standard.publicNetworks == .warn && standard.captivePortal == .warn)
    // Every finding id and security value is named, so `profiles show` origins are real.
    for id in PolicyFindings.ids { #expect(standard.origins["findings.\(id)"] != nil, "\(id)") }
    for security in Security.allCases {
      #expect(standard.origins["security.\(security.rawValue)"] != nil, "\(security)")
    }
  }

  /// What each shipped profile decides for each network: default, strict, travel,
  /// legacy-tolerant.
  static let synthetic: [String: [PolicyAction]] = [
    "syn-open": [.warn, .block, .warn, .warn],
    "syn-wep": [.block, .block, .block, .warn],
    "syn-wpa-enterprise": [.block, .block, .block, .warn],
    "syn-wpa-personal": [.block, .block, .block, .warn],
    "syn-unknown": [.block, .block, .block, .warn],
    "syn-wpa-wpa2-enterprise": [.warn, .block, .block, .warn],
    "syn-wpa-wpa2-personal": [.warn, .block, .block, .warn],
    "syn-owe": [.allow, .block, .allow, .allow],
    "syn-ft-psk": [.allow, .block, .allow, .allow],
    "syn-wpa2-personal": [.allow, .block, .allow, .allow],
    "syn-rsn-override": [.allow, .block, .allow, .allow],
    "syn-wpa2-wpa3-personal": [.allow, .block, .allow, .allow],
    "syn-wpa2-enterprise": [.allow, .allow, .allow, .allow],
    "syn-wpa3-personal": [.allow, .allow, .allow, .allow],
    "syn-wpa3-enterprise": [.allow, .allow, .allow, .allow],
    "syn-wpa3-enterprise-192": [.allow, .allow, .allow, .allow],
  ]

  /// The same for the kernel lab's recording (real hostapd access points).
  static let lab: [String: [PolicyAction]] = [
    "lab-open": [.warn, .block, .warn, .warn],
    "lab-hotspot": [.warn, .block, .warn, .warn],
    "lab-hotspot-free": [.warn, .block, .warn, .warn],
    "lab-owe-transition": [.warn, .block, .warn, .warn],
    "lab-wep": [.block, .block, .block, .warn],
    "lab-wpa1": [.block, .block, .block, .warn],
    "lab-mismatch": [.block, .block, .block, .warn],
    "lab-wpa-mixed": [.warn, .block, .block, .warn],
    "lab-wps": [.warn, .block, .allow, .warn],
    "lab-owe": [.allow, .block, .allow, .allow],
    "lab-wpa2": [.allow, .block, .allow, .allow],
    "lab-wpa3-transition": [.allow, .block, .allow, .allow],
    "lab-eap": [.allow, .allow, .allow, .allow],
    "lab-wpa3": [.allow, .allow, .allow, .allow],
    "lab-wpa3-eap": [.allow, .allow, .allow, .allow],
  ]

  static var matrices: [(String, [String: [PolicyAction]])] {
    var out = [("fixtures/synthetic/security-matrix.json", synthetic)]
    let recorded = "fixtures/lab/security-matrix.json"
    if FileManager.default.fileExists(atPath: Runner.root.appendingPathComponent(recorded).path) {
      out.append((recorded, lab))
    }
    return out
  }

  @Test(arguments: matrices) func decidesEveryNetworkOfTheMatrix(
    _ file: String, _ expected: [String: [PolicyAction]]
  ) throws {
    let bytes = [UInt8](try Data(contentsOf: Runner.root.appendingPathComponent(file)))
    let scan = try Fixture.decode(bytes).bss.map { NetworkAssessment.assess($0) }
    let profiles = try Self.shipped.map { try ProfileStore.load($0, in: Self.directories) }
    for (name, actions) in expected.sorted(by: { $0.key < $1.key }) {
      let judged = NetworkSelection.select(
        scan, ssid: Array(name.utf8), bssid: nil, current: false
      ).judged
      #expect(!judged.isEmpty, "\(name) is not in \(file)")
      for (profile, action) in zip(profiles, actions) {
        let decision = PolicyEvaluator.evaluate(judged, memory: [], profile: profile)
        #expect(decision.action == action, "\(name) under \(profile.name)")
      }
    }
    let named = Set(scan.compactMap(\.ssid).map { String(decoding: $0, as: UTF8.self) })
    #expect(named == Set(expected.keys), "the table covers every named network of \(file)")
  }

  struct Broken: Sendable, CustomTestStringConvertible {
    var file: String
    var line: Int
    var key: String
    var testDescription: String { file }
  }

  static let broken: [Broken] = [
    Broken(file: "bad-syntax.toml", line: 5, key: "below_minimum"),
    Broken(file: "bad-unknown-key.toml", line: 6, key: "public_network"),
    Broken(file: "bad-action.toml", line: 8, key: "security.open"),
    Broken(file: "bad-security.toml", line: 5, key: "minimum_security"),
    Broken(file: "bad-extends.toml", line: 4, key: "extends"),
    Broken(file: "bad-finding.toml", line: 7, key: "findings.wps"),
    Broken(file: "bad-trusted.toml", line: 13, key: "trusted[1].bssids[1]"),
  ]

  @Test func everyBrokenProfileIsTested() throws {
    let files = try FileManager.default.contentsOfDirectory(
      atPath: Runner.root.appendingPathComponent("fixtures/policy").path)
    #expect(Set(files.filter { $0.hasPrefix("bad-") }) == Set(Self.broken.map(\.file)))
  }

  @Test(arguments: broken) func brokenProfilesNameFileLineAndKey(_ broken: Broken) throws {
    let scratch = try PolicyScratch()
    let path = "fixtures/policy/" + broken.file
    let prefix = "wifirisk: \(path):\(broken.line): \(broken.key): "
    let check = try scratch.run(
      [
        "check", "--fixture", "fixtures/synthetic/security-matrix.json", "--ssid", "syn-open",
        "--profile", path,
      ])
    #expect(check.status == 1)
    #expect(check.err.hasPrefix(prefix), "\(check.err)")
    #expect(check.errLines.count == 2, "one line and the final newline")
    let show = try scratch.run(["profiles", "show", path])
    #expect(show.status == 1)
    #expect(show.err.hasPrefix(prefix), "\(show.err)")
    #expect(show.out.isEmpty)
  }

  @Test func userProfilesOverrideAndExtendShippedOnes() throws {
    let scratch = try PolicyScratch()
    try scratch.writeUserProfile(
      "default",
      """
      extends = "default"   # the shipped one
      [security]
      open = "block"

      [[trusted]]
      ssid = "home-network"
      security = "wpa3-personal"
      """)
    try scratch.writeUserProfile("cafe", "extends = \"travel\"\ndescription = \"mine\"\n")
    let directories = ProfileStore.Directories(
      shipped: PolicyScratch.shippedProfiles.path, user: scratch.userProfiles.path)
    let standard = try ProfileStore.load("default", in: directories)
    #expect(standard.chain.map(\.kind) == [.shipped, .user])
    #expect(standard.action(for: .open) == .block)
    #expect(standard.action(for: .wep) == .block)
    #expect(standard.trusted.count == 1)
    // travel extends default: the user's default, which extends the shipped one.
    let cafe = try ProfileStore.load("cafe", in: directories)
    #expect(
      cafe.chain.map(\.description) == [
        "default (shipped)", "default (user)", "travel (shipped)", "cafe (user)",
      ])
    #expect(cafe.action(for: .open) == .warn)
    let list = try scratch.run(["profiles", "list"])
    #expect(list.status == 0)
    #expect(
      list.out.split(separator: "\n").contains { $0.hasPrefix("cafe ") && $0.hasSuffix("  mine") })
    #expect(list.out.contains("user: \(scratch.userProfiles.path)/default.toml"))
    let show = try scratch.run(["profiles", "show", "default"])
    #expect(show.out.contains("open = \"block\""))
    #expect(show.out.contains("# default (user)"))
    #expect(show.out.contains("[[trusted]]  # default (user)\nssid = \"home-network\""))
    let check = try scratch.run(
      ["check", "--fixture", "fixtures/synthetic/security-matrix.json", "--ssid", "syn-open"])
    #expect(check.status == 3)
  }

  @Test func listsBrokenProfilesWithTheirProblem() throws {
    let scratch = try PolicyScratch()
    try scratch.writeUserProfile(
      "typo", "extends = \"default\"\nminimum_securty = \"wpa2-personal\"\n")
    let result = try scratch.run(["profiles", "list"])
    #expect(result.status == 1)
    #expect(result.out.contains("typo             (cannot be used: see below)\n"))
    #expect(result.out.contains("strict  "))
    #expect(
      result.err
        == "wifirisk: \(scratch.userProfiles.path)/typo.toml:2: minimum_securty: unknown key "
        + "(a profile has: \(ProfileLayer.topLevelKeys.joined(separator: ", ")))\n")
  }

  @Test func cyclesAreRefused() throws {
    let scratch = try PolicyScratch()
    try scratch.writeUserProfile("a", "# a\nextends = \"b\"\n")
    try scratch.writeUserProfile("b", "extends = \"a\"\n")
    let result = try scratch.run(["profiles", "show", "a"])
    #expect(result.status == 1)
    #expect(
      result.err
        == "wifirisk: \(scratch.userProfiles.path)/b.toml:1: extends: \"a\" leads back to "
        + "itself (a -> b -> a)\n")
  }

  @Test func aMissingProfilesFolderIsAnError() throws {
    #expect(throws: Failure.self) {
      try ProfileStore.shippedDirectory(environment: ["WIFIRISK_PROFILES_DIR": "/nonexistent"])
    }
    let found = try ProfileStore.shippedDirectory(environment: [
      "WIFIRISK_PROFILES_DIR": PolicyScratch.shippedProfiles.path
    ])
    #expect(found == PolicyScratch.shippedProfiles.path)
    #expect(
      ProfileStore.userDirectory(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"])
        == "/h/.config/wifirisk/profiles")
    #expect(
      ProfileStore.userDirectory(environment: ["XDG_CONFIG_HOME": "/c", "HOME": "/h"])
        == "/c/wifirisk/profiles")
  }

  @Test func showsTheEffectiveProfile() throws {
    let scratch = try PolicyScratch()
    let result = try scratch.run(["profiles", "show", "strict"])
    #expect(result.status == 0)
    #expect(result.out.contains("minimum_security = \"wpa2-enterprise\""))
    #expect(
      result.out.contains(
        "#   default (shipped): \(PolicyScratch.shippedProfiles.path)/default.toml"))
    let wep = result.out.split(separator: "\n").first { $0.hasPrefix("wep = ") }
    #expect(wep?.hasSuffix("# default (shipped)") == true)
    // The output is itself a profile that reads back the same.
    let copy = scratch.folder.appendingPathComponent("copy.toml")
    try Data(result.out.utf8).write(to: copy)
    let original = try ProfileStore.load("strict", in: Self.directories)
    let reread = try ProfileStore.load(copy.path, in: Self.directories)
    #expect(reread.security == original.security)
    #expect(
      reread.findings.filter { $0.value != .allow }
        == original.findings.filter { $0.value != .allow })
    #expect(reread.minimumSecurity == original.minimumSecurity)
    #expect(reread.onError == original.onError)
  }
}
