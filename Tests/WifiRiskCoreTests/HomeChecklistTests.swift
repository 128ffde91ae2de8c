import Testing

@testable import WifiRiskCore

/// Access points built from the element layouts, for `home`'s grouping and checklist.
enum HomeAP {
  enum Kind {
    case open, wep, wpa2, wpa2PMF, wpa2TKIP, wpaWpa2, wpa3, wpa2wpa3, owe
  }

  static func uuid(_ last: UInt8) -> [UInt8] { Array(repeating: 0x5A, count: 15) + [last] }

  static func record(
    _ mac: String, _ ssid: String, _ kind: Kind, frequency: Int = 2412, wps: Bool = false,
    uuid: [UInt8]? = nil, deviceName: String? = nil, hidden: Bool = false
  ) -> BSSRecord {
    var security: [UInt8] = []
    var capability: UInt16 = 0x0011
    let both = RSNCaps.mfpr | RSNCaps.mfpc
    switch kind {
    case .open: capability = 0x0001
    case .wep: break
    case .wpa2: security = IE.rsn()
    case .wpa2PMF: security = IE.rsn(caps: RSNCaps.mfpc)
    case .wpa2TKIP:
      security = IE.rsn(group: CipherSuite.tkip, pairwise: [CipherSuite.ccmp, CipherSuite.tkip])
    case .wpaWpa2:
      security =
        IE.rsn(group: CipherSuite.tkip, pairwise: [CipherSuite.ccmp, CipherSuite.tkip])
        + IE.wpa()
    case .wpa3: security = IE.rsn(akms: [AKMSuite.sae], caps: both)
    case .wpa2wpa3: security = IE.rsn(akms: [AKMSuite.psk, AKMSuite.sae], caps: RSNCaps.mfpc)
    case .owe: security = IE.rsn(akms: [AKMSuite.owe], caps: both)
    }
    var wpsElement: [UInt8] = []
    if wps || uuid != nil || deviceName != nil {
      var attributes = IE.WPS.version() + IE.WPS.state(2)
      if let uuid { attributes += IE.WPS.attribute(0x1047, uuid) }
      if let deviceName { attributes += IE.WPS.deviceName(deviceName) }
      wpsElement = IE.wps(attributes)
    }
    let named = IE.list(IE.ssid(ssid), IE.rates(), security, wpsElement)
    let beacon = hidden ? IE.list(IE.ssid(""), IE.rates(), security, wpsElement) : nil
    return BSSRecord(
      bssid: Net.mac(mac), frequency: frequency, signalMBm: -4000, capability: capability,
      ies: named, beaconIes: beacon)
  }

  static func rate(_ records: [BSSRecord]) -> [NetworkAssessment] {
    RatingPipeline().rate(records: records)
  }

  static func checklist(_ name: String, _ records: [BSSRecord]) throws -> HomeChecklist {
    let network = try #require(HomeNetwork.find(Array(name.utf8), in: rate(records)))
    return HomeChecklist(network)
  }
}

extension HomeChecklist {
  func status(_ id: String) -> HomeItem.Status? { items.first { $0.id == id }?.status }
}

@Suite struct SiblingAddressTests {
  @Test(arguments: [
    ("3c:a6:2f:10:00:00", "3c:a6:2f:10:00:01", SiblingAddress.neighbour(distance: 1)),
    ("3c:a6:2f:10:00:f8", "3c:a6:2f:10:01:08", .neighbour(distance: 16)),
    ("3c:a6:2f:10:00:00", "3e:a6:2f:10:00:00", .localVariant),
    ("3c:a6:2f:10:00:00", "7e:a6:2f:10:00:03", .localVariant),
  ])
  func relatedAddresses(a: String, b: String, relation: SiblingAddress) {
    #expect(SiblingAddress.between(Net.mac(a), Net.mac(b)) == relation)
    #expect(SiblingAddress.between(Net.mac(b), Net.mac(a)) == relation)
  }

  @Test(arguments: [
    // Same vendor, far apart: two neighbours' routers of one make.
    ("3c:a6:2f:10:00:00", "3c:a6:2f:77:12:40"),
    // Close numbers under different vendors.
    ("3c:a6:2f:10:00:00", "00:1a:2b:10:00:01"),
    // Both globally administered, middle bytes equal, first byte differs: two vendors.
    ("3c:a6:2f:10:00:00", "44:a6:2f:10:00:00"),
    // The same address is not a sibling of itself.
    ("3c:a6:2f:10:00:00", "3c:a6:2f:10:00:00"),
    // Just beyond the neighbourhood.
    ("3c:a6:2f:10:00:00", "3c:a6:2f:10:00:21"),
  ])
  func unrelatedAddresses(a: String, b: String) {
    #expect(SiblingAddress.between(Net.mac(a), Net.mac(b)) == nil)
  }
}

@Suite struct BandNameTests {
  @Test(arguments: [
    ("Home", "Home-5G"), ("Home", "Home_5GHz"), ("Home-2.4G", "Home-5G"), ("Home 2G", "Home 5G"),
    ("home", "HOME-5g"), ("Home", "Home-6E"), ("Home-5G-1", "Home-5G-2"), ("Home", "Home5G2"),
  ])
  func splitByBand(a: String, b: String) {
    #expect(BandNames.splitPair(Array(a.utf8), Array(b.utf8)))
    #expect(BandNames.splitPair(Array(b.utf8), Array(a.utf8)))
  }

  @Test(arguments: [
    ("Home", "Home-Guest"), ("Home", "Home"), ("Home", "Garden-5G"), ("Home", "Home-IoT"),
    ("5G", "6G"), ("Home", "Home-5Gate"), ("Home", "Home-55G"),
  ])
  func notSplitByBand(a: String, b: String) {
    #expect(!BandNames.splitPair(Array(a.utf8), Array(b.utf8)))
  }
}

@Suite struct HomeNetworkTests {
  @Test func meshNodesAreAccessPointsAndTheirGuestNetworksSiblings() throws {
    // Two mesh nodes with unrelated addresses serve "Home"; each serves the guest network
    // from a neighbouring address.
    let network = try #require(
      HomeNetwork.find(
        Array("Home".utf8),
        in: HomeAP.rate([
          HomeAP.record("3c:a6:2f:10:00:00", "Home", .wpa3, frequency: 2412),
          HomeAP.record("3c:a6:2f:10:00:01", "Home-Guest", .wpa2, frequency: 2412),
          HomeAP.record("f0:9f:c2:44:20:10", "Home", .wpa3, frequency: 5180),
          HomeAP.record("f0:9f:c2:44:20:11", "Home-Guest", .wpa2, frequency: 5180),
        ])))
    #expect(
      network.accessPoints.map(\.record.bssid.description) == [
        "3c:a6:2f:10:00:00", "f0:9f:c2:44:20:10",
      ])
    let sibling = try #require(network.siblings.first)
    #expect(network.siblings.count == 1)
    #expect(sibling.kind == .separate)
    #expect(sibling.accessPoints.count == 2)
    #expect(sibling.why.contains { $0.contains("is 1 from 3c:a6:2f:10:00:00") })
    #expect(sibling.why.contains { $0.contains("is 1 from f0:9f:c2:44:20:10") })
    #expect(sibling.why.contains("name begins with \"Home\""))
  }

  @Test func aNeighboursNetworkOfTheSameVendorIsNotGrouped() throws {
    let network = try #require(
      HomeNetwork.find(
        Array("Home".utf8),
        in: HomeAP.rate([
          HomeAP.record("3c:a6:2f:10:00:00", "Home", .wpa3, deviceName: "FRITZ!Box 7590"),
          HomeAP.record("3c:a6:2f:77:12:40", "Next door", .wpa2, deviceName: "FRITZ!Box 7590"),
          HomeAP.record("3c:a6:2f:77:12:41", "Home-5G", .open),
        ])))
    #expect(network.siblings.isEmpty)
  }

  @Test func aLocallyAdministeredVariantAndASharedUUIDGroup() throws {
    let network = try #require(
      HomeNetwork.find(
        Array("Home".utf8),
        in: HomeAP.rate([
          HomeAP.record("3c:a6:2f:10:00:00", "Home", .wpa3, uuid: HomeAP.uuid(1)),
          HomeAP.record("3e:a6:2f:10:00:00", "Plugs", .wpa2),
          // Far apart, but the same WPS device.
          HomeAP.record("3c:a6:2f:10:80:00", "Printer", .wpa2, uuid: HomeAP.uuid(1)),
          // Another device's UUID, far away: a stranger.
          HomeAP.record("3c:a6:2f:10:90:00", "Other", .wpa2, uuid: HomeAP.uuid(2)),
        ], )))
    #expect(
      network.siblings.map { String(decoding: $0.ssid, as: UTF8.self) } == [
        "Printer", "Plugs",
      ])
    #expect(network.siblings[0].why[0].contains("the same WPS device UUID"))
    #expect(network.siblings[1].why[0].contains("locally administered variant"))
  }

  @Test func aBandSplitNameIsTheSameNetworkOnAnotherBand() throws {
    let checklist = try HomeAP.checklist(
      "Home",
      [
        HomeAP.record("3c:a6:2f:10:00:00", "Home", .wpa3, frequency: 2412),
        HomeAP.record("3c:a6:2f:10:00:04", "Home-5G", .wpa2, frequency: 5180),
      ])
    #expect(checklist.network.siblings.first?.kind == .bandSplit)
    // The 5 GHz name counts as the network: its WPA2 is what an attacker uses.
    #expect(checklist.status("encryption") == .improve)
    #expect(checklist.status("same-everywhere") == .fix)
    #expect(checklist.status("pmf") == .improve)
    // A band split is not a network for guests.
    #expect(checklist.status("guest-network") == .improve)
  }

  @Test func hiddenNamesInTheEvidenceAreEscaped() throws {
    let hostile = "Home\u{1B}[2J\u{202E}"
    let network = try #require(
      HomeNetwork.find(
        Array(hostile.utf8),
        in: HomeAP.rate([
          HomeAP.record("3c:a6:2f:10:00:00", hostile, .wpa2),
          HomeAP.record("3c:a6:2f:10:00:01", hostile + "-Guest", .open),
        ])))
    let checklist = HomeChecklist(network)
    let text =
      network.siblings.flatMap(\.why)
      + checklist.items.flatMap { [$0.summary, $0.advice] + $0.evidence }
    for line in text {
      #expect(!line.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }, "\(line)")
    }
  }

  @Test func aNameNoAccessPointUsesIsNotFound() {
    #expect(
      HomeNetwork.find(
        Array("Home".utf8), in: HomeAP.rate([HomeAP.record("3c:a6:2f:10:00:00", "Away", .wpa3)]))
        == nil)
  }
}

@Suite struct HomeChecklistTests {
  /// A well-kept home: WPA3 on both bands, WPS off, an encrypted guest network.
  static let tidy = [
    HomeAP.record("3c:a6:2f:10:00:00", "Tidy", .wpa3, frequency: 2412),
    HomeAP.record("3c:a6:2f:10:00:08", "Tidy", .wpa3, frequency: 5180),
    HomeAP.record("3c:a6:2f:10:00:01", "Tidy-Guest", .wpa2wpa3, frequency: 2412),
  ]

  @Test func aWellKeptHomePassesEveryItem() throws {
    let checklist = try HomeAP.checklist("Tidy", Self.tidy)
    #expect(checklist.items.map(\.id).sorted() == HomeChecklist.ids.sorted())
    for item in checklist.items { #expect(item.status == .pass, "\(item.id): \(item.summary)") }
    #expect(checklist.exitStatus == .ok)
  }

  /// The lab's neglected router: WPA2 with TKIP and WPS on one radio, WPA3 on the other,
  /// an open guest network.
  @Test func aNeglectedRouter() throws {
    let checklist = try HomeAP.checklist(
      "Home",
      [
        HomeAP.record("3c:a6:2f:10:00:00", "Home", .wpa2TKIP, frequency: 2412, wps: true),
        HomeAP.record("3c:a6:2f:10:00:01", "Home-Guest", .open, frequency: 2412),
        HomeAP.record("3c:a6:2f:10:00:08", "Home", .wpa3, frequency: 2437),
        HomeAP.record("3c:a6:2f:77:12:40", "Neighbour", .wep, frequency: 2437),
      ])
    #expect(checklist.status("no-legacy") == .fix)
    #expect(checklist.status("same-everywhere") == .fix)
    #expect(checklist.status("wps-off") == .fix)
    #expect(checklist.status("guest-network") == .fix)
    #expect(checklist.status("encryption") == .improve)
    #expect(checklist.status("pmf") == .improve)
    #expect(checklist.status("own-name") == .pass)
    #expect(checklist.status("visible-name") == .pass)
    #expect(checklist.exitStatus == .warn)
    // Worst first.
    let ranks = checklist.items.map(\.status.rank)
    #expect(ranks == ranks.sorted(by: >))
    // The neighbour's WEP is not the owner's to fix.
    let legacy = try #require(checklist.items.first { $0.id == "no-legacy" })
    #expect(legacy.evidence.count == 1)
    #expect(!legacy.evidence.joined().contains("Neighbour"))
  }

  @Test(arguments: [
    (HomeAP.Kind.wpa3, HomeItem.Status.pass), (.wpa2wpa3, .pass), (.wpa2, .improve),
    (.wpa2PMF, .improve), (.wpaWpa2, .improve), (.open, .fix), (.wep, .fix), (.owe, .fix),
  ])
  func encryption(kind: HomeAP.Kind, status: HomeItem.Status) throws {
    let checklist = try HomeAP.checklist("Home", [HomeAP.record("3c:a6:2f:10:00:00", "Home", kind)])
    #expect(checklist.status("encryption") == status)
  }

  @Test(arguments: [
    (HomeAP.Kind.wpa3, HomeItem.Status.pass), (.wpa2, .pass), (.wpa2TKIP, .fix),
    (.wpaWpa2, .fix), (.wep, .fix),
  ])
  func legacySecurityOnASibling(kind: HomeAP.Kind, status: HomeItem.Status) throws {
    let checklist = try HomeAP.checklist(
      "Home",
      [
        HomeAP.record("3c:a6:2f:10:00:00", "Home", .wpa3),
        HomeAP.record("3c:a6:2f:10:00:01", "Home-IoT", kind),
      ])
    #expect(checklist.status("no-legacy") == status)
  }

  @Test func pmfCapableIsEnough() throws {
    let checklist = try HomeAP.checklist(
      "Home", [HomeAP.record("3c:a6:2f:10:00:00", "Home", .wpa2PMF)])
    #expect(checklist.status("pmf") == .pass)
  }

  @Test func wpsOnASiblingIsToFix() throws {
    let checklist = try HomeAP.checklist(
      "Home",
      [
        HomeAP.record("3c:a6:2f:10:00:00", "Home", .wpa3),
        HomeAP.record("3c:a6:2f:10:00:01", "Home-Guest", .wpa2, wps: true),
      ])
    #expect(checklist.status("wps-off") == .fix)
  }

  @Test func anEnhancedOpenGuestNetworkPasses() throws {
    let checklist = try HomeAP.checklist(
      "Home",
      [
        HomeAP.record("3c:a6:2f:10:00:00", "Home", .wpa3),
        HomeAP.record("3c:a6:2f:10:00:01", "Visitors", .owe),
      ])
    #expect(checklist.status("guest-network") == .pass)
  }

  @Test func aHiddenNameIsToImprove() throws {
    let checklist = try HomeAP.checklist(
      "Home", [HomeAP.record("3c:a6:2f:10:00:00", "Home", .wpa3, hidden: true)])
    #expect(checklist.network.accessPoints.first?.hidden == true)
    #expect(checklist.status("visible-name") == .improve)
  }

  @Test func unreadableSecurityCannotBeJudged() throws {
    // A protected network whose elements say nothing about its security.
    let record = BSSRecord(
      bssid: Net.mac("3c:a6:2f:10:00:00"), frequency: 2412, capability: 0x0011,
      ies: IE.list(IE.ssid("Home"), IE.rsn(version: nil)))
    let checklist = try HomeAP.checklist("Home", [record])
    #expect(checklist.status("encryption") == .unknown)
  }

  @Test func everyItemSaysWhatToDoUnlessItPasses() throws {
    let checklist = try HomeAP.checklist(
      "Home",
      [
        HomeAP.record("3c:a6:2f:10:00:00", "Home", .wep, wps: true, hidden: true),
        HomeAP.record("3c:a6:2f:10:00:05", "Home", .wpa2, frequency: 5180),
      ])
    for item in checklist.items where item.status != .pass {
      #expect(item.advice.count > 40, "\(item.id)")
      #expect(!item.evidence.isEmpty || item.id == "guest-network", "\(item.id)")
    }
  }
}
