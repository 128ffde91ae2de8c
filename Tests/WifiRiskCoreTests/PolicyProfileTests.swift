import Testing
import WifiRiskCore

/// Reading profiles (from the parsed tree the CLI hands over), locating keys in the text,
/// and resolving `extends` chains.
@Suite struct PolicyProfileTests {
  static let shipped = ProfileSource(name: "default", path: "/p/default.toml", kind: .shipped)
  static let user = ProfileSource(name: "mine", path: "/u/mine.toml", kind: .user)

  @Test func readsEverySetting() throws {
    let (layer, errors) = ProfileLayer.parse([
      "description": .string("test"),
      "extends": .string("default"),
      "minimum_security": .string("wpa2-personal"),
      "below_minimum": .string("warn"),
      "public_networks": .string("block"),
      "captive_portal": .string("warn"),
      "on_error": .string("allow"),
      "vpn_reminder": .bool(true),
      "security": .table(["open": .string("block"), "wpa3-personal": .string("allow")]),
      "findings": .table(["tkip": .string("warn"), "downgrade": .string("block")]),
      "trusted": .array([
        .table([
          "ssid": .string("home"), "security": .string("wpa3-personal"),
          "bssids": .array([.string("F8:1A:67:10:00:01")]), "ouis": .array([.string("f8-1a-67")]),
        ])
      ]),
    ])
    #expect(errors.isEmpty)
    #expect(layer.description == "test")
    #expect(layer.extends == "default")
    #expect(layer.minimumSecurity == .wpa2Personal)
    #expect(layer.belowMinimum == .warn)
    #expect(layer.publicNetworks == .block)
    #expect(layer.captivePortal == .warn)
    #expect(layer.onError == .allow)
    #expect(layer.vpnReminder == true)
    #expect(layer.security == [.open: .block, .wpa3Personal: .allow])
    #expect(layer.findings == ["tkip": .warn, "downgrade": .block])
    let trusted = try #require(layer.trusted.first)
    #expect(trusted.ssid == Array("home".utf8))
    #expect(trusted.security == .wpa3Personal)
    #expect(trusted.bssids == [try #require(MACAddress("f8:1a:67:10:00:01"))])
    #expect(trusted.ouis == [[0xF8, 0x1A, 0x67]])
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    var root: [String: ProfileValue]
    var path: String
    var message: String
    var testDescription: String { path }
  }

  static let bad: [Bad] = [
    Bad(root: ["public_network": .string("warn")], path: "public_network", message: "unknown key"),
    Bad(
      root: ["security": .table(["opne": .string("warn")])], path: "security.opne",
      message: "is not a security value"),
    Bad(
      root: ["security": .table(["open": .string("deny")])], path: "security.open",
      message: "is not an action"),
    Bad(
      root: ["findings": .table(["wps": .string("block")])], path: "findings.wps",
      message: "is not a finding id"),
    Bad(
      root: ["findings": .table(["trusted-mismatch": .string("allow")])],
      path: "findings.trusted-mismatch", message: "is not a finding id"),
    Bad(
      root: ["minimum_security": .string("wpa4")], path: "minimum_security",
      message: "is not a security value"),
    Bad(root: ["on_error": .string("ignore")], path: "on_error", message: "is not a choice"),
    Bad(root: ["vpn_reminder": .string("yes")], path: "vpn_reminder", message: "true or false"),
    Bad(root: ["below_minimum": .integer(3)], path: "below_minimum", message: "an integer"),
    Bad(
      root: ["extends": .string("../etc/passwd")], path: "extends", message: "not a profile name"),
    Bad(root: ["security": .string("open")], path: "security", message: "expected a table"),
    Bad(root: ["trusted": .table([:])], path: "trusted", message: "array of tables"),
    Bad(
      root: ["trusted": .array([.table(["security": .string("open")])])], path: "trusted[0]",
      message: "needs an ssid"),
    Bad(
      root: ["trusted": .array([.table(["ssid": .string("a"), "bssid": .string("x")])])],
      path: "trusted[0].bssid", message: "unknown key"),
    Bad(
      root: [
        "trusted": .array([.table(["ssid": .string("a"), "ouis": .array([.string("aabb")])])])
      ],
      path: "trusted[0].ouis[0]", message: "is not an OUI"),
    Bad(
      root: ["trusted": .array([.table(["ssid": .string(String(repeating: "x", count: 33))])])],
      path: "trusted[0].ssid", message: "1 to 32 bytes"),
    Bad(
      root: ["trusted": .array([.table(["ssid": .string("a")]), .table(["ssid": .string("a")])])],
      path: "trusted[1].ssid", message: "already trusted"),
    Bad(
      root: ["description": .other("a date")], path: "description", message: "found a date"),
  ]

  @Test(arguments: bad) func refusesBadValues(_ bad: Bad) throws {
    let (_, errors) = ProfileLayer.parse(bad.root)
    let error = try #require(errors.first)
    #expect(errors.count == 1)
    #expect(error.path.description == bad.path)
    #expect(error.message.contains(bad.message), "\(error.message)")
  }

  @Test func reportsEveryProblem() {
    let (_, errors) = ProfileLayer.parse([
      "a": .bool(true), "security": .table(["x": .string("allow"), "open": .string("no")]),
    ])
    #expect(Set(errors.map(\.path.description)) == ["a", "security.x", "security.open"])
  }

  static let text = """
    # a comment = not a key
    description = "x"
    extends = "default"

    [security]
    open = "warn"
      "wpa2-personal"  =  "allow"   # quoted, indented

    [findings]
    tkip = "block"

    [[trusted]]
    ssid = "home"

    [[trusted]]
    ssid = "office"
    bssids = [
      "02:00:00:00:00:01",
    ]
    security.extra = 1
    """

  @Test(arguments: [
    ("description", 2), ("extends", 3), ("security", 5), ("security.open", 6),
    ("security.wpa2-personal", 7), ("findings.tkip", 10), ("trusted", 12),
    ("trusted[0].ssid", 13), ("trusted[1]", 15), ("trusted[1].ssid", 16),
    ("trusted[1].bssids[0]", 17), ("trusted[1].security.extra", 20), ("findings.nope", 9),
  ])
  func locatesKeys(_ path: String, _ line: Int) {
    #expect(TOMLKeyLocator.line(of: Self.keyPath(path), in: Self.text) == line)
  }

  @Test func locatesNothingForAMissingTopLevelKey() {
    #expect(TOMLKeyLocator.line(of: ProfileKeyPath("nowhere"), in: Self.text) == nil)
  }

  @Test func namesTheKeyOfALine() {
    #expect(TOMLKeyLocator.keyText(onLine: 7, in: Self.text) == "wpa2-personal")
    #expect(TOMLKeyLocator.keyText(onLine: 15, in: Self.text) == "trusted")
    #expect(TOMLKeyLocator.keyText(onLine: 1, in: Self.text) == nil)
    #expect(TOMLKeyLocator.keyText(onLine: 99, in: Self.text) == nil)
  }

  /// A key is named as TOML writes it, so a control or bidi character in a quoted key is
  /// escaped, never printed (a line break in the key would split the error line).
  @Test func namesAQuotedKeyEscaped() {
    let text = "\"a\\nb\".c = 1\n['\u{202E}x'.\"y z\"]\n"
    #expect(TOMLKeyLocator.keyText(onLine: 1, in: text) == "\"a\\nb\".c")
    #expect(TOMLKeyLocator.keyText(onLine: 2, in: text) == "\"\\u202Ex\".\"y z\"")
  }

  @Test func locatesKeysInATextWithCRLFLineEnds() {
    let crlf = Self.text.split(separator: "\n", omittingEmptySubsequences: false)
      .joined(separator: "\r\n")
    #expect(TOMLKeyLocator.line(of: Self.keyPath("trusted[1].ssid"), in: crlf) == 16)
    #expect(TOMLKeyLocator.line(of: Self.keyPath("findings.tkip"), in: crlf) == 10)
    #expect(TOMLKeyLocator.keyText(onLine: 7, in: crlf) == "wpa2-personal")
    #expect(TOMLKeyLocator.keyText(onLine: 15, in: crlf) == "trusted")
  }

  @Test func locatesManyKeysInOneReading() {
    let paths = ["findings.tkip", "trusted[1].bssids[0]", "nowhere", "security.open"]
    let lines = TOMLKeyLocator.lines(of: paths.map(Self.keyPath), in: Self.text)
    #expect(lines == [10, 17, nil, 6])
  }

  /// `trusted[1].bssids[0]` to components.
  static func keyPath(_ text: String) -> ProfileKeyPath {
    var components: [ProfileKey] = []
    for part in text.split(separator: ".") {
      var name = Substring(part)
      var indices: [Int] = []
      while let open = name.lastIndex(of: "["),
        let number = Int(name[name.index(after: open)...].dropLast())
      {
        indices.insert(number, at: 0)
        name = name[..<open]
      }
      components.append(.key(String(name)))
      components += indices.map(ProfileKey.index)
    }
    return ProfileKeyPath(components)
  }

  @Test func resolvesAChainBaseFirst() throws {
    var base = ProfileLayer()
    base.description = "base"
    base.security = [.open: .warn, .wep: .block]
    base.findings = ["tkip": .warn]
    base.trusted = [TrustedNetwork(ssid: Array("home".utf8), security: .wpa2Personal)]
    var child = ProfileLayer()
    child.extends = "default"
    child.minimumSecurity = .wpa3Personal
    child.security = [.open: .block]
    child.trusted = [
      TrustedNetwork(ssid: Array("home".utf8), security: .wpa3Personal),
      TrustedNetwork(ssid: Array("office".utf8)),
    ]
    let profile = PolicyProfile.resolve(
      name: "mine", layers: [(Self.shipped, base), (Self.user, child)])
    #expect(profile.name == "mine")
    #expect(profile.description == "base")
    #expect(profile.minimumSecurity == .wpa3Personal)
    #expect(profile.action(for: .open) == .block)
    #expect(profile.action(for: .wep) == .block)
    #expect(profile.action(for: .wpa3Personal) == .allow)
    #expect(profile.action(forFinding: "tkip") == .warn)
    #expect(profile.action(forFinding: "wps-enabled") == .allow)
    #expect(profile.trusted.map(\.ssid) == [Array("home".utf8), Array("office".utf8)])
    #expect(profile.trustedNetwork(ssid: Array("home".utf8))?.security == .wpa3Personal)
    #expect(profile.origins["security.open"] == Self.user)
    #expect(profile.origins["security.wep"] == Self.shipped)
    #expect(profile.origins["description"] == Self.shipped)
    #expect(profile.origins["on_error"] == nil)
    #expect(profile.chain == [Self.shipped, Self.user])
    // Built-in values for what no layer names.
    #expect(profile.onError == .report)
    #expect(profile.belowMinimum == .block)
    #expect(profile.publicNetworks == .allow)
    #expect(profile.vpnReminder == false)
  }

  @Test func rendersTheEffectiveProfileWithOrigins() {
    var layer = ProfileLayer()
    layer.description = "say \"hi\"\u{202E}"
    layer.security = [.open: .block]
    layer.trusted = [TrustedNetwork(ssid: Array("home".utf8), ouis: [[0xF8, 0x1A, 0x67]])]
    let text = PolicyProfile.resolve(name: "default", layers: [(Self.shipped, layer)])
      .renderedTOML()
    #expect(text.contains(#"description = "say \"hi\"\u202E""#))
    #expect(text.contains("#   default (shipped): /p/default.toml"))
    #expect(text.contains("on_error = \"report\""))
    #expect(text.contains("# minimum_security: none"))
    let open = text.split(separator: "\n").first { $0.hasPrefix("open = ") }
    #expect(open?.hasSuffix("# default (shipped)") == true)
    let wep = text.split(separator: "\n").first { $0.hasPrefix("wep = ") }
    #expect(wep?.hasSuffix("# built-in") == true)
    for id in PolicyFindings.ids { #expect(text.contains("\n\(id) = ")) }
    #expect(
      text.contains("[[trusted]]  # default (shipped)\nssid = \"home\"\nouis = [\"f8:1a:67\"]"))
  }

  @Test func knowsEveryFindingId() {
    for rule in FindingRules.all { #expect(PolicyFindings.ids.contains(rule.id)) }
    #expect(PolicyFindings.ids.contains("downgrade"))
    #expect(!PolicyFindings.ids.contains(MemoryRules.trustedMismatch))
    #expect(Set(PolicyFindings.ids).count == PolicyFindings.ids.count)
  }

  @Test(arguments: ["default", "legacy-tolerant", "my_profile.2"])
  func acceptsProfileNames(_ name: String) { #expect(ProfileName.isValid(name)) }

  @Test(arguments: ["", ".hidden", "a/b", "a b", String(repeating: "a", count: 65)])
  func refusesProfileNames(_ name: String) { #expect(!ProfileName.isValid(name)) }
}
