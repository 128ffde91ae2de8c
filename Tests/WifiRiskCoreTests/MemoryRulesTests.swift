import Testing
import WifiRiskCore
import WifiRiskICU

/// Remembered networks and the findings that compare with them, from fixtures/policy.
@Suite struct MemoryRulesTests {
  static let home = Array("home-network".utf8)
  static let time = "2026-11-25T12:00:00Z"

  static func scan(_ file: String) throws -> [NetworkAssessment] {
    try PolicyEvaluatorTests.scan("policy/" + file)
  }

  static func remembered(_ file: String = "home.json") throws -> KnownNetworks {
    var known = KnownNetworks()
    let seen = try scan(file).filter { $0.ssid == home }
    known.remember(ssid: home, seen: seen, at: time, mode: .explicit)
    return known
  }

  static func findings(
    _ file: String, name: [UInt8] = home, known: KnownNetworks,
    trusted: [TrustedNetwork] = []
  ) throws -> [MemoryFinding] {
    let scan = try scan(file)
    return MemoryRules.findings(
      judged: scan.filter { $0.ssid == name }, scan: scan, known: known, trusted: trusted,
      skeleton: ConfusableSkeleton.function)
  }

  @Test func theSameNetworkRaisesNothing() throws {
    #expect(try Self.findings("home.json", known: try Self.remembered()).isEmpty)
  }

  @Test func detectsADowngrade() throws {
    let found = try Self.findings("home-downgraded.json", known: try Self.remembered())
    #expect(found.map(\.id) == ["downgrade"])
    #expect(found.first?.bssid == MACAddress("f8:1a:67:10:00:01"))
    #expect(found.first?.message.contains("wpa3-personal") == true)
    #expect(found.first?.message.contains("now offers wpa2-personal") == true)
  }

  @Test func detectsLostManagementFrameProtection() throws {
    var known = KnownNetworks()
    let wpa2 = try Self.scan("home-downgraded.json").filter { $0.ssid == Self.home }
    known.remember(ssid: Self.home, seen: wpa2, at: Self.time, mode: .explicit)
    known.networks[0].pmf = .required
    let found = try Self.findings("home-downgraded.json", known: known)
    #expect(found.map(\.id) == ["downgrade"])
    #expect(found.first?.message.contains("management frame protection") == true)
  }

  @Test func detectsAnAccessPointOfAnotherVendor() throws {
    let found = try Self.findings("home-new-bssid.json", known: try Self.remembered())
    // 00:0c:42 is new; f8:1a:67:10:00:03 is unknown but of a remembered vendor.
    #expect(found.map(\.id) == ["new-bssid"])
    #expect(found.first?.bssid == MACAddress("00:0c:42:66:00:01"))
  }

  @Test func namesVendorsWhenTheRegistryIsGiven() throws {
    let scan = try Self.scan("home-new-bssid.json")
    let found = MemoryRules.findings(
      judged: scan.filter { $0.ssid == Self.home }, scan: scan, known: try Self.remembered(),
      trusted: [],
      vendors: [[0x00, 0x0C, 0x42]: "Routerboard.com", [0xF8, 0x1A, 0x67]: "TP-LINK"])
    let message = try #require(found.first?.message)
    #expect(message.contains("00:0c:42:66:00:01 (Routerboard.com)"))
    #expect(message.contains("f8:1a:67 TP-LINK"))
  }

  @Test func aVouchedForAccessPointIsNotNew() throws {
    var known = try Self.remembered()
    let added = known.addBSSID(try #require(MACAddress("00:0c:42:66:00:01")), ssid: Self.home)
    #expect(added == true)
    #expect(try Self.findings("home-new-bssid.json", known: known).isEmpty)
    let address = try #require(MACAddress("00:0c:42:66:00:01"))
    let twice = known.addBSSID(address, ssid: Self.home)
    let unknown = known.addBSSID(address, ssid: [0x41])
    #expect(twice == false)
    #expect(unknown == nil)
  }

  @Test func checksTrustedNetworks() throws {
    let tplink = TrustedNetwork(
      ssid: Self.home, security: .wpa3Personal, ouis: [[0xF8, 0x1A, 0x67]])
    #expect(try Self.findings("home.json", known: KnownNetworks(), trusted: [tplink]).isEmpty)
    let newVendor = try Self.findings(
      "home-new-bssid.json", known: KnownNetworks(), trusted: [tplink])
    #expect(newVendor.map(\.id) == ["new-bssid"])
    #expect(newVendor.first?.message.contains("trusted BSSIDs and OUIs") == true)
    let mismatch = try Self.findings(
      "home-downgraded.json", known: KnownNetworks(), trusted: [tplink])
    #expect(mismatch.map(\.id) == ["trusted-mismatch"])
    // Without listed access points, any BSSID is fine.
    let anyAP = TrustedNetwork(ssid: Self.home, security: .wpa3Personal)
    #expect(
      try Self.findings("home-new-bssid.json", known: KnownNetworks(), trusted: [anyAP]).isEmpty)
    let exact = TrustedNetwork(
      ssid: Self.home, bssids: [try #require(MACAddress("00:0c:42:66:00:01"))])
    #expect(
      try Self.findings("home-new-bssid.json", known: KnownNetworks(), trusted: [exact]).map(
        \.bssid)
        == [MACAddress("f8:1a:67:10:00:03")])
  }

  @Test func detectsTwinsWithDifferentSecurity() throws {
    let found = try Self.findings(
      "evil-twin.json", name: Array("cafe-wifi".utf8), known: KnownNetworks())
    #expect(found.map(\.id) == ["evil-twin-suspect"])
    #expect(found.first?.bssid == nil)
    #expect(found.first?.message.contains("open (02:53:59:4e:40:02), wpa2-personal") == true)
    // One BSSID judged alone is still compared with its twins in the scan.
    let scan = try Self.scan("evil-twin.json")
    let single = MemoryRules.findings(
      judged: scan.filter { $0.security == .wpa2Personal }, scan: scan, known: KnownNetworks(),
      trusted: [])
    #expect(single.map(\.id) == ["evil-twin-suspect"])
  }

  @Test func anEnhancedOpenPairIsNoTwin() throws {
    // The synthetic pair: an open BSS naming its OWE twin, and the (hidden) twin, here
    // given the same name, as some access points do.
    var pair = try PolicyEvaluatorTests.scan("synthetic/findings.json").filter {
      $0.elements.oweTransition != nil
    }
    try #require(pair.count == 2)
    let name = try #require(pair.compactMap(\.ssid).first)
    for index in pair.indices { pair[index].ssid = name }
    #expect(Set(pair.map(\.security)) == [.open, .owe])
    #expect(
      MemoryRules.findings(judged: pair, scan: pair, known: KnownNetworks(), trusted: []).isEmpty)
    // An open access point that names no twin is one.
    var impostor = pair
    impostor[0].elements.oweTransition = nil
    impostor[1].elements.oweTransition = nil
    #expect(
      MemoryRules.findings(judged: impostor, scan: impostor, known: KnownNetworks(), trusted: [])
        .map(\.id) == ["evil-twin-suspect"])
  }

  static let lookalikes = [
    "h\u{043E}me-network", "Home-Network", "home-network ", "home-\u{200B}network",
    "h0me-network", "home-networ\u{03BA}", "HOME-NETWORK", "home\u{2010}network",
    "home_network", "home network",
  ]

  @Test(arguments: lookalikes) func detectsLookalikes(_ name: String) throws {
    let found = try Self.findings(
      "lookalike.json", name: Array(name.utf8), known: try Self.remembered())
    #expect(found.map(\.id) == ["lookalike-ssid"], "\(name)")
    #expect(found.first?.message.contains("remembered network \"home-network\"") == true)
  }

  @Test func aDifferentNameIsNoLookalike() throws {
    let known = try Self.remembered()
    for name in ["home-network-5g", "home-network-guest", "home-network2"] {
      #expect(
        try Self.findings("lookalike.json", name: Array(name.utf8), known: known).isEmpty, "\(name)"
      )
    }
    #expect(try Self.findings("lookalike.json", known: known).isEmpty)
  }

  @Test func lookalikesOfTrustedNamesToo() throws {
    let found = try Self.findings(
      "lookalike.json", name: Array("h\u{043E}me-network".utf8), known: KnownNetworks(),
      trusted: [TrustedNetwork(ssid: Self.home)])
    #expect(found.map(\.id) == ["lookalike-ssid"])
    #expect(found.first?.message.contains("trusted network") == true)
    #expect(found.first?.message.contains("U+043E CYRILLIC SMALL LETTER O for U+006F") == true)
  }

  @Test func remembersTheWeakestAndNeverLowersAfterAnAllow() throws {
    var known = try Self.remembered()
    #expect(known.networks.count == 1)
    #expect(known.networks[0].security == .wpa3Personal)
    #expect(known.networks[0].bssids.count == 2)
    let downgraded = try Self.scan("home-downgraded.json").filter { $0.ssid == Self.home }
    let change = known.remember(
      ssid: Self.home, seen: downgraded, at: "2026-11-26T00:00:00Z", mode: .afterAllow)
    #expect(change.security == .wpa3Personal)
    #expect(known.networks[0].lastSeen == "2026-11-26T00:00:00Z")
    #expect(known.networks[0].firstSeen == Self.time)
    known.remember(ssid: Self.home, seen: downgraded, at: Self.time, mode: .explicit)
    #expect(known.networks[0].security == .wpa2Personal)
    let newAP = try Self.scan("home-new-bssid.json").filter { $0.ssid == Self.home }
    let added = known.remember(ssid: Self.home, seen: newAP, at: Self.time, mode: .afterAllow)
    #expect(added.newBSSIDs.count == 2)
    #expect(added.security == .wpa3Personal)
    let forgotten = known.forget(ssid: Self.home)
    let again = known.forget(ssid: Self.home)
    #expect(forgotten && !again)
  }

  @Test func writesAndReadsTheStateFile() throws {
    var known = try Self.remembered()
    known.remember(
      ssid: [0xFF, 0x00, 0x41], seen: try Self.scan("home.json").prefix(1).map { $0 },
      at: Self.time, mode: .explicit)
    _ = known.addBSSID(try #require(MACAddress("00:0c:42:66:00:01")), ssid: Self.home)
    let text = known.encoded()
    #expect(text.hasSuffix("}\n"))
    #expect(text.contains("\"schema\": \"wifirisk.known-networks/1\""))
    let back = try KnownNetworks.decode(Array(text.utf8))
    #expect(back == known)
    #expect(back.networks.map(\.ssid) == [Self.home, [0xFF, 0x00, 0x41]])
  }

  struct Corrupt: Sendable, CustomTestStringConvertible {
    var text: String
    var expected: String
    var testDescription: String { expected }
  }

  static let corrupt = [
    Corrupt(
      text: "{\"schema\": \"wifirisk.known-networks/1\",\n \"networks\": [,]}",
      expected: "line 2, column 15"),
    Corrupt(text: "", expected: "line 1, column 1"),
    Corrupt(text: "[]", expected: "expected a JSON object"),
    Corrupt(text: "{\"networks\": []}", expected: "schema: missing"),
    Corrupt(
      text: "{\"schema\": \"wifirisk.known-networks/9\", \"networks\": []}",
      expected: "is not supported"),
    Corrupt(
      text: "{\"schema\": \"wifirisk.known-networks/1\", \"networks\": [{\"ssid_hex\": \"zz\"}]}",
      expected: "networks[0].ssid_hex: not hexadecimal"),
    Corrupt(
      text: """
        {"schema": "wifirisk.known-networks/1", "networks": [{"ssid_hex": "41",
         "security": "wpa9", "pmf": "none", "first_seen": "", "last_seen": "", "bssids": []}]}
        """, expected: "networks[0].security: not a security value"),
    Corrupt(
      text: """
        {"schema": "wifirisk.known-networks/1", "networks": [{"ssid_hex": "41",
         "security": "open", "pmf": "none", "first_seen": "", "last_seen": "",
         "bssids": [{"bssid": "nope", "user_added": false}]}]}
        """, expected: "networks[0].bssids[0].bssid: not a MAC address"),
  ]

  @Test(arguments: corrupt) func refusesCorruptStateFiles(_ bad: Corrupt) {
    #expect {
      try KnownNetworks.decode(Array(bad.text.utf8))
    } throws: { error in
      "\(error)".contains(bad.expected)
    }
  }

  /// A state file whose repeated key holds a control character: the error names the key
  /// escaped (regress-known-networks-control-in-duplicate-key, found by fuzzing).
  @Test func aRepeatedKeyIsNamedEscaped() throws {
    let bytes = try Fixtures.regression("regress-known-networks-control-in-duplicate-key")
    #expect {
      try KnownNetworks.decode(bytes)
    } throws: { error in
      let text = "\(error)"
      return text.contains("duplicate member \"b\\x08last_seen\"")
        && !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }
  }

  @Test func readsVendorNamesFromTheIEEERegistry() {
    let text = """
      OUI/MA-L                                                    Organization\r
      company_id                                                  Organization\r
      \r
      00-0C-42   (hex)\t\tRouterboard.com\r
      000C42     (base 16)\t\tRouterboard.com\r
      \t\t\t\tRiga  LV\r
      \r
      F8-1A-67   (hex)\t\tTP-LINK TECHNOLOGIES CO.,LTD.\r
      F8-1A-68   (hex)\t\t\u{1B}[31mEvil\r

      """
    let names = OUIRegistry.vendors(
      for: [[0x00, 0x0C, 0x42], [0xF8, 0x1A, 0x67], [0xF8, 0x1A, 0x68], [1, 2, 3]],
      in: Array(text.utf8))
    #expect(names[[0x00, 0x0C, 0x42]] == "Routerboard.com")
    #expect(names[[0xF8, 0x1A, 0x67]] == "TP-LINK TECHNOLOGIES CO.,LTD.")
    #expect(names[[0xF8, 0x1A, 0x68]] == "\\x1b[31mEvil")
    #expect(names[[1, 2, 3]] == nil)
    #expect(OUIRegistry.vendors(for: [], in: Array(text.utf8)).isEmpty)
  }
}

/// Look-alike names on their own, with ICU's TR39 skeletons and with wifirisk's own table
/// (what is used when ICU cannot be loaded).
@Suite struct LookalikeTests {
  static let skeletons: [(String, Lookalike.Skeleton?)] = [
    ("ICU", ConfusableSkeleton.function), ("built-in", nil),
  ]

  @Test func icuIsLoadedOnlyWhenAskedAndWorks() throws {
    try ConfusableSkeleton.load().get()
    #expect(
      ConfusableSkeleton.function("p\u{0430}yp\u{0430}l") == ConfusableSkeleton.function("paypal"))
    // TR39 knows look-alikes no hand-written table has: "rn" for "m".
    #expect(ConfusableSkeleton.function("rnodem") == ConfusableSkeleton.function("modem"))
  }

  static let pairs: [(String, String)] = [
    ("home", "h\u{043E}me"), ("home", "HOME"), ("home", "home  "), ("home", "ho\u{200D}me"),
    ("office", "0ffice"), ("wifi", "W\u{0399}F\u{0399}"), ("hall", "ha11"), ("Hall", "HaII"),
    ("cafe", "\u{FF43}afe"), ("home", "home\u{00A0}"), ("payp", "\u{0440}ayp"),
    // Separator swaps: hyphen U+2010, en dash, em dash, minus, underscore, space, dot.
    ("Home-Net", "Home\u{2010}Net"), ("Home-Net", "Home\u{2013}Net"),
    ("Home-Net", "Home\u{2014}Net"), ("Home-Net", "Home\u{2212}Net"), ("Home-Net", "Home_Net"),
    ("Home-Net", "Home Net"), ("Home-Net", "Home.Net"), ("Home_Net", "home net"),
    // Invisible and trailing characters.
    ("Home-Net", "Home-Net\u{200B}"), ("Home-Net", "Home-Net_"), ("Home-Net", "Home-\u{2060}Net"),
    ("Home-Net", "Home-Net\u{3164}"),
  ]

  /// Every pair is (or is not) a look-alike, with ICU's skeletons and with the built-in table.
  static func expect(_ pairs: [(String, String)], confusable: Bool) {
    for (label, skeleton) in skeletons {
      for (a, b) in pairs {
        #expect(
          Lookalike.confusable(Array(a.utf8), Array(b.utf8), skeleton: skeleton) == confusable,
          "\(label): \(a) / \(b)")
      }
    }
  }

  @Test func lookalikesAreConfusable() { Self.expect(Self.pairs, confusable: true) }

  @Test func onlyTheSkeletonsKnowSome() {
    // Beyond the built-in table: "rn" for "m", Cherokee and Armenian letters.
    for (a, b) in [("modem", "rnodem"), ("home", "h\u{0585}me"), ("AP", "\u{13AA}P")] {
      #expect(
        Lookalike.confusable(Array(a.utf8), Array(b.utf8), skeleton: ConfusableSkeleton.function),
        "\(a) / \(b)")
    }
  }

  static let distinctPairs: [(String, String)] = [
    ("home", "home"), ("home", "home2"), ("home", "hame"), ("home", " home"), ("cafe", "café"),
    // Names that add words or digits are other networks.
    ("Home-Net", "Home-Net-5G"), ("Home-Net", "Home-Net-Guest"), ("Home-Net", "Home-Net2"),
    ("Home-Net", "Home-Net 5G"), ("Home-Net", "HomeNet"), ("Home-Net", "Home-Nets"),
    ("Home-Net", "My Home-Net"),
  ]

  @Test func distinctNamesAreNot() {
    Self.expect(Self.distinctPairs, confusable: false)
  }

  @Test func describesTheDifference() {
    #expect(
      Lookalike.differences(Array("h\u{043E}me".utf8), from: Array("home".utf8))
        == "U+043E CYRILLIC SMALL LETTER O for U+006F LATIN SMALL LETTER O")
    #expect(
      Lookalike.differences(Array("Home\u{2010}Net".utf8), from: Array("Home-Net".utf8))
        == "U+2010 HYPHEN for U+002D HYPHEN-MINUS")
    #expect(Lookalike.differences(Array("home ".utf8), from: Array("home".utf8)) == nil)
  }

  @Test func rememberedHomeNetAndItsLookalikes() {
    // The case of the report: with Home-Net remembered, these four were not flagged.
    let known = KnownNetworks(networks: [
      .init(
        ssid: Array("Home-Net".utf8), security: .wpa2Personal, pmf: .none, firstSeen: "t",
        lastSeen: "t", bssids: [])
    ])
    func findings(_ name: String) -> [String] {
      let seen = NetworkAssessment.assess(
        BSSRecord(
          bssid: Net.bssid, frequency: 2437, capability: 0x11,
          ies: IE.list(IE.ssid(name), IE.rsn())))
      return MemoryRules.findings(
        judged: [seen], scan: [seen], known: known, trusted: [],
        skeleton: ConfusableSkeleton.function
      ).map(\.id)
    }
    for name in ["Home\u{2010}Net", "Home\u{2013}Net", "Home_Net", "Home Net"] {
      #expect(findings(name) == ["lookalike-ssid"], "\(name)")
    }
    for name in ["Home-Net-5G", "Home-Net-Guest", "Home-Net2"] {
      #expect(findings(name).isEmpty, "\(name)")
    }
  }
}

/// Mesh nodes and repeaters: one name, one security, one vendor is normal; a stranger is not.
@Suite struct MeshAndRepeaterTests {
  static let vendors: [[UInt8]: String] = [[0xF8, 0x1A, 0x67]: "TP-LINK TECHNOLOGIES CO.,LTD."]

  static func ap(_ bssid: String, wpa3: Bool = false) -> NetworkAssessment {
    let security =
      wpa3 ? IE.rsn(akms: [AKMSuite.sae], caps: RSNCaps.mfpr | RSNCaps.mfpc) : IE.rsn()
    return NetworkAssessment.assess(
      BSSRecord(
        bssid: Net.mac(bssid), frequency: 2437, capability: 0x11,
        ies: IE.list(IE.ssid("mesh-home"), security)))
  }

  static func twins(_ scan: [NetworkAssessment], vendors: [[UInt8]: String] = vendors)
    -> [MemoryFinding]
  {
    MemoryRules.findings(
      judged: scan, scan: scan, known: KnownNetworks(), trusted: [], vendors: vendors
    ).filter { $0.id == "evil-twin-suspect" }
  }

  static let mesh = [
    ap("f8:1a:67:10:00:01"), ap("f8:1a:67:10:00:11"), ap("f8:1a:67:20:00:01"),
  ]

  @Test func accessPointsOfOneVendorWithOneSecurityRaiseNothing() {
    #expect(Self.twins(Self.mesh).isEmpty)
    // Extra BSSIDs a mesh derives from its own (local bit set, or the last octet changed).
    #expect(
      Self.twins(Self.mesh + [Self.ap("fa:1a:67:10:00:01"), Self.ap("f6:1a:67:20:00:07")]).isEmpty)
    // Without the vendor registry, vendors are told by their prefixes: still nothing.
    #expect(Self.twins(Self.mesh, vendors: [:]).isEmpty)
  }

  @Test func aStrangerWithTheSameSecurityIsASuspect() throws {
    let stranger = Self.ap("02:11:22:33:44:55")
    let finding = try #require(Self.twins(Self.mesh + [stranger]).first)
    #expect(finding.bssid == stranger.record.bssid)
    #expect(
      finding.message
        == "\"mesh-home\" is offered with the same security by access points of TP-LINK "
        + "TECHNOLOGIES CO.,LTD. and by 02:11:22:33:44:55, whose vendor is unknown")
    // A registered prefix the registry does not know (when it was read) is unknown too.
    #expect(Self.twins(Self.mesh + [Self.ap("00:11:22:33:44:55")]).count == 1)
  }

  @Test func differentSecurityStillRaisesItEvenFromOneVendor() throws {
    let finding = try #require(
      Self.twins(Self.mesh + [Self.ap("f8:1a:67:30:00:01", wpa3: true)]).first)
    #expect(finding.message.contains("different security"))
  }
}
