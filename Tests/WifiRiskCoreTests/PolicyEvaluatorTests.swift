import Testing
import WifiRiskCore

/// The decision rules, each on its own, on networks from the fixtures.
@Suite struct PolicyEvaluatorTests {
  static func scan(_ file: String) throws -> [NetworkAssessment] {
    try Fixture.decode(try Fixtures.bytes(file)).bss.map { NetworkAssessment.assess($0) }
  }

  static func network(_ name: String, in file: String = "synthetic/security-matrix.json") throws
    -> [NetworkAssessment]
  {
    let found = try scan(file).filter { $0.ssid == Array(name.utf8) }
    try #require(!found.isEmpty, "no \(name) in \(file)")
    return found
  }

  static func profile(_ build: (inout PolicyProfile) -> Void) -> PolicyProfile {
    var profile = PolicyProfile.builtIn(name: "test")
    build(&profile)
    return profile
  }

  @Test func allowsWhenNothingObjects() throws {
    let decision = PolicyEvaluator.evaluate(
      try Self.network("syn-open"), memory: [], profile: .builtIn(name: "test"))
    #expect(decision.action == .allow)
    #expect(decision.reasons.isEmpty)
    #expect(decision.judgedBSSID == MACAddress("02:53:59:4e:00:01"))
    #expect(decision.ssid == Array("syn-open".utf8))
  }

  @Test func appliesTheSecurityTable() throws {
    let profile = Self.profile { $0.security = [.open: .warn, .wep: .block] }
    let open = PolicyEvaluator.evaluate(try Self.network("syn-open"), memory: [], profile: profile)
    #expect(open.action == .warn)
    #expect(open.reasons.map(\.id) == ["security"])
    #expect(open.reasons.first?.label == "security open")
    let wep = PolicyEvaluator.evaluate(try Self.network("syn-wep"), memory: [], profile: profile)
    #expect(wep.action == .block)
  }

  /// `minimum_security = "wpa2-enterprise"` admits exactly what is at least as strong by
  /// `Security.strength`.
  @Test(arguments: Security.allCases) func judgesTheMinimumByStrength(_ security: Security) {
    let admitted: Set<Security> = [
      .wpa2Enterprise, .wpa3Personal, .wpa3Enterprise, .wpa3Enterprise192,
    ]
    #expect((security.strength >= Security.wpa2Enterprise.strength) == admitted.contains(security))
  }

  @Test func blocksBelowTheMinimum() throws {
    let profile = Self.profile { $0.minimumSecurity = .wpa2Enterprise }
    for name in ["syn-wpa2-wpa3-personal", "syn-wpa2-personal", "syn-owe", "syn-open"] {
      let decision = PolicyEvaluator.evaluate(try Self.network(name), memory: [], profile: profile)
      #expect(decision.action == .block, "\(name)")
      #expect(decision.reasons.contains { $0.id == "below-minimum" }, "\(name)")
    }
    for name in [
      "syn-wpa2-enterprise", "syn-wpa3-personal", "syn-wpa3-enterprise", "syn-wpa3-enterprise-192",
    ] {
      let decision = PolicyEvaluator.evaluate(try Self.network(name), memory: [], profile: profile)
      #expect(decision.action == .allow, "\(name)")
    }
    let lenient = Self.profile {
      $0.minimumSecurity = .wpa2Personal
      $0.belowMinimum = .warn
    }
    let open = PolicyEvaluator.evaluate(try Self.network("syn-open"), memory: [], profile: lenient)
    #expect(open.action == .warn)
    #expect(open.reasons.first?.label == "below minimum wpa2-personal")
  }

  @Test func appliesTheFindingsTable() throws {
    let profile = Self.profile { $0.findings = ["tkip": .block, "wpa1": .warn] }
    let decision = PolicyEvaluator.evaluate(
      try Self.network("syn-wpa-wpa2-personal"), memory: [], profile: profile)
    #expect(decision.action == .block)
    #expect(Set(decision.reasons.map(\.id)) == ["tkip", "wpa1"])
    let reason = try #require(decision.reasons.first { $0.id == "tkip" })
    #expect(reason.bssid == MACAddress("02:53:59:4e:00:06"))
    #expect(reason.message.contains("TKIP"))
  }

  @Test func publicNetworksTakeTheStricterAction() throws {
    let hotspot = try Self.network("syn-hotspot", in: "synthetic/findings.json")
    let warn = Self.profile { $0.publicNetworks = .warn }
    let decision = PolicyEvaluator.evaluate(hotspot, memory: [], profile: warn)
    #expect(decision.action == .warn)
    #expect(Set(decision.reasons.map(\.id)) == ["public-network", "portal-signalled"])
    let both = Self.profile {
      $0.publicNetworks = .warn
      $0.findings = ["portal-signalled": .block]
    }
    #expect(PolicyEvaluator.evaluate(hotspot, memory: [], profile: both).action == .block)
  }

  @Test func captivePortalsNeedAProbeResult() throws {
    let open = try Self.network("syn-open")
    let profile = Self.profile { $0.captivePortal = .block }
    #expect(PolicyEvaluator.evaluate(open, memory: [], profile: profile).action == .allow)
    #expect(
      PolicyEvaluator.evaluate(open, memory: [], profile: profile, captive: false).action == .allow)
    let captive = PolicyEvaluator.evaluate(open, memory: [], profile: profile, captive: true)
    #expect(captive.action == .block)
    #expect(captive.reasons.map(\.id) == ["captive-portal"])
  }

  @Test func memoryFindingsUseTheFindingsTableButTrustedMismatchAlwaysBlocks() throws {
    let open = try Self.network("syn-open")
    let memory = [
      MemoryFinding(id: "new-bssid", bssid: open[0].record.bssid, message: "new"),
      MemoryFinding(id: "lookalike-ssid", bssid: nil, message: "looks like"),
    ]
    let profile = Self.profile { $0.findings = ["new-bssid": .warn] }
    let decision = PolicyEvaluator.evaluate(open, memory: memory, profile: profile)
    #expect(decision.action == .warn)
    #expect(decision.reasons.map(\.id) == ["new-bssid"])
    let mismatch = [MemoryFinding(id: "trusted-mismatch", bssid: nil, message: "x")]
    #expect(
      PolicyEvaluator.evaluate(open, memory: mismatch, profile: .builtIn(name: "t")).action
        == .block)
  }

  @Test func remindsOfAVPNExceptOnEnterpriseNetworks() throws {
    let profile = Self.profile { $0.vpnReminder = true }
    let open = PolicyEvaluator.evaluate(try Self.network("syn-open"), memory: [], profile: profile)
    #expect(open.action == .allow)
    #expect(open.reasons.map(\.id) == ["vpn-reminder"])
    #expect(open.reasons.first?.action == .allow)
    let enterprise = PolicyEvaluator.evaluate(
      try Self.network("syn-wpa2-enterprise"), memory: [], profile: profile)
    #expect(enterprise.reasons.isEmpty)
  }

  @Test func judgesTheWeakestAccessPointOfAName() throws {
    let office = try Self.network("office", in: "policy/connected.json")
    #expect(office.count == 2)
    let strict = Self.profile { $0.minimumSecurity = .wpa2Enterprise }
    let decision = PolicyEvaluator.evaluate(office, memory: [], profile: strict)
    #expect(decision.action == .block)
    #expect(decision.judgedBSSID == MACAddress("02:53:59:4e:60:02"))
    #expect(decision.reasons.allSatisfy { $0.bssid == MACAddress("02:53:59:4e:60:02") })
    // With nothing against either, still the weaker one.
    let calm = PolicyEvaluator.evaluate(office, memory: [], profile: .builtIn(name: "t"))
    #expect(calm.judgedBSSID == MACAddress("02:53:59:4e:60:02"))
  }

  @Test func selectsByNameBSSIDOrConnection() throws {
    let scan = try Self.scan("policy/connected.json")
    let office = Array("office".utf8)
    let first = try #require(MACAddress("02:53:59:4e:60:01"))
    let second = try #require(MACAddress("02:53:59:4e:60:02"))

    let byName = NetworkSelection.select(scan, ssid: office, bssid: nil, current: false)
    #expect(byName.judged.map(\.record.bssid) == [first, second])
    #expect(byName.bssid == nil)

    let byAddress = NetworkSelection.select(scan, ssid: nil, bssid: second, current: false)
    #expect(byAddress.judged.map(\.record.bssid) == [second])

    let both = NetworkSelection.select(scan, ssid: office, bssid: second, current: false)
    #expect(both.judged.count == 2)
    #expect(both.bssid == second)

    let wrongPair = NetworkSelection.select(
      scan, ssid: Array("lab-open".utf8), bssid: second, current: false)
    #expect(wrongPair.judged.isEmpty)

    let current = NetworkSelection.select(scan, ssid: nil, bssid: nil, current: true)
    #expect(current.judged.map(\.record.bssid) == [first, second])
    #expect(current.bssid == first)

    let notThat = NetworkSelection.select(
      scan, ssid: Array("lab-open".utf8), bssid: nil, current: true)
    #expect(notThat.judged.isEmpty)
    #expect(notThat.bssid == first)

    let unconnected = try Self.scan("policy/home.json")
    #expect(
      NetworkSelection.select(unconnected, ssid: nil, bssid: nil, current: true).judged.isEmpty)
    #expect(
      NetworkSelection.select(unconnected, ssid: Array("nope".utf8), bssid: nil, current: false)
        .judged.isEmpty)
  }

  @Test func reportsTheCheckContract() throws {
    let office = try Self.network("office", in: "policy/connected.json")
    let profile = Self.profile { $0.security = [.wpa2Wpa3Personal: .warn] }
    let decision = PolicyEvaluator.evaluate(office, memory: [], profile: profile)
    let outcome = CheckOutcome(
      decision: decision, action: decision.action, exitStatus: .warn, profile: "test",
      bssid: nil, ssid: Array("office".utf8), judged: office, source: "connected.json",
      error: nil, errorPolicy: nil)
    let json = CheckDocument(outcome).json
    guard case .object(let members) = json else {
      Issue.record("not an object")
      return
    }
    #expect(
      Set(members.keys) == [
        "schema", "action", "exit_status", "profile", "ssid", "ssid_hex", "bssid",
        "judged_bssid", "security", "reasons", "networks", "error", "summary",
      ])
    #expect(json["schema"] == .string("wifirisk.check/1"))
    #expect(json["action"] == .string("warn"))
    #expect(json["exit_status"] == .integer(2))
    #expect(json["judged_bssid"] == .string("02:53:59:4e:60:02"))
    #expect(json["security"] == .string("wpa2-wpa3-personal"))
    #expect(json["bssid"] == .null)
    #expect(json["error"] == .null)
    guard case .array(let networks)? = json["networks"], case .array(let reasons)? = json["reasons"]
    else {
      Issue.record("networks or reasons missing")
      return
    }
    #expect(networks.count == 2)
    #expect(reasons.first?["id"] == .string("security"))
    #expect(
      Set(
        reasons.first.map { reason in
          guard case .object(let keys) = reason else { return [] }
          return Array(keys.keys)
        } ?? []) == ["id", "action", "bssid", "message"])
    #expect(
      CheckReport.text(outcome)
        == "warn: office (02:53:59:4e:60:02, weakest of 2, wpa2-wpa3-personal): "
        + "security wpa2-wpa3-personal (warn) [profile test]")
    #expect(!json.serialized(pretty: false).contains("\n"))
  }

  @Test func reportsErrorsWithAndWithoutAFallback() {
    var outcome = CheckOutcome(
      decision: nil, action: nil, exitStatus: .failure, profile: "default", bssid: nil,
      ssid: Array("x".utf8), judged: [], source: nil, error: "no network named \"x\"",
      errorPolicy: nil)
    #expect(CheckReport.text(outcome) == "error: could not evaluate: no network named \"x\"")
    #expect(CheckDocument(outcome).json["action"] == .null)
    outcome.action = .block
    outcome.errorPolicy = "fail-closed"
    #expect(
      CheckReport.text(outcome)
        == "block: could not evaluate (fail-closed): no network named \"x\"")
    #expect(CheckDocument(outcome).json["error"] == .string("no network named \"x\""))
  }
}
