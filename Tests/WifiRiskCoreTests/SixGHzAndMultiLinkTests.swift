import Testing

@testable import WifiRiskCore

/// Wi-Fi 6E and 7, from elements built as IEEE 802.11ax/be lay them out: the 6 GHz rule
/// (only WPA3 and Enhanced Open), and the links of one AP MLD grouped by MLD address.
@Suite struct SixGHzTests {
  static let both = RSNCaps.mfpr | RSNCaps.mfpc

  static func on6GHz(_ ies: [UInt8], privacy: Bool = true) -> NetworkAssessment {
    NetworkAssessment.assess(
      Net.record(
        IE.list(IE.ssid("six"), IE.heOperation6GHz(primary: 37), ies), privacy: privacy,
        frequency: 6135))
  }

  static func finding(_ assessment: NetworkAssessment) -> Finding? {
    assessment.findings.first { $0.id == "6ghz-not-wpa3" }
  }

  @Test(arguments: [
    ("WPA3-SAE with H2E", IE.list(IE.rsn(akms: [AKMSuite.sae], caps: both), IE.rsnx(h2e: true))),
    (
      "SAE-EXT-KEY with GCMP-256",
      IE.list(
        IE.rsn(
          group: CipherSuite.gcmp256, pairwise: [CipherSuite.gcmp256],
          akms: [AKMSuite.saeExtKey], caps: both), IE.rsnx(h2e: true))
    ),
    ("Enhanced Open", IE.rsn(akms: [AKMSuite.owe], caps: both)),
    ("WPA3-Enterprise", IE.rsn(akms: [AKMSuite.ieee8021xSHA256], caps: both)),
  ])
  func whatSixGHzAllowsRaisesNothing(_ what: String, _ ies: [UInt8]) throws {
    let assessment = Self.on6GHz(ies)
    #expect(assessment.band == "6", "\(what)")
    #expect(Self.finding(assessment) == nil, "\(what): \(assessment.findings.map(\.id))")
  }

  @Test(arguments: [
    ("WPA2-PSK", IE.rsn(caps: RSNCaps.mfpc), "offers wpa2-personal"),
    (
      "WPA2/WPA3 transition", IE.list(IE.rsn(akms: [AKMSuite.psk, AKMSuite.sae], caps: both)),
      "offers wpa2-wpa3-personal"
    ),
    (
      "SAE with PMF only capable",
      IE.list(IE.rsn(akms: [AKMSuite.sae], caps: RSNCaps.mfpc), IE.rsnx(h2e: true)),
      "management frame protection not required"
    ),
    (
      "SAE without hash-to-element", IE.rsn(akms: [AKMSuite.sae], caps: both),
      "SAE without hash-to-element"
    ),
    (
      "OWE transition",
      IE.list(
        IE.rsn(akms: [AKMSuite.owe], caps: both),
        IE.oweTransition(bssid: [2, 0, 0, 0, 0, 9], ssid: "six-open")),
      "OWE transition mode"
    ),
    (
      "compatibility mode: WPA2 beside a WPA3 override",
      IE.list(IE.rsn(caps: RSNCaps.mfpc), IE.rsnOverride(), IE.rsnxOverride(h2e: true)),
      "offers wpa2-wpa3-personal"
    ),
  ])
  func anythingElseIsFlagged(_ what: String, _ ies: [UInt8], _ evidence: String) throws {
    let finding = try #require(Self.finding(Self.on6GHz(ies)), "\(what)")
    #expect(finding.severity == .medium)
    #expect(finding.evidence?.contains(evidence) == true, "\(what): \(finding.evidence ?? "")")
  }

  @Test func anOpenSixGHzNetworkIsFlaggedAndHigh() throws {
    let assessment = Self.on6GHz([], privacy: false)
    #expect(Self.finding(assessment)?.evidence == "offers open")
    #expect(assessment.risk == .high)
  }

  @Test func theRuleOnlyAppliesOnSixGHz() {
    let wpa2 = NetworkAssessment.assess(Net.record(IE.list(IE.ssid("x"), IE.rsn())))
    #expect(Self.finding(wpa2) == nil)
  }
}

@Suite struct MultiLinkTests {
  static let mld: [UInt8] = [0x02, 0x53, 0x59, 0x4E, 0x0A, 0x00]
  static let both = RSNCaps.mfpr | RSNCaps.mfpc

  static func link(
    _ last: UInt8, linkID: UInt8, frequency: Int, _ security: [UInt8], mld: [UInt8] = mld
  ) -> NetworkAssessment {
    let extra = frequency > 5900 ? IE.heOperation6GHz(primary: 5) : []
    return NetworkAssessment.assess(
      BSSRecord(
        bssid: Net.mac("02:53:59:4e:0a:0\(last)"), frequency: frequency, capability: 0x11,
        ies: IE.list(
          IE.ssid("seven"), security, IE.rsnx(h2e: true), extra,
          IE.multiLink(mld: mld, linkID: linkID))))
  }

  static let wpa3 = IE.rsn(akms: [AKMSuite.sae], caps: both)
  static let transition = IE.rsn(akms: [AKMSuite.psk, AKMSuite.sae], caps: RSNCaps.mfpc)

  @Test func theBasicMultiLinkElementNamesTheMLDAndTheLink() throws {
    let set = ElementWalker.parse(IE.multiLink(mld: Self.mld, linkID: 2))
    let element = try #require(set.multiLink)
    #expect(element.mldAddress.bytes == Self.mld)
    #expect(element.linkID == 2)
    #expect(set.anomalies.isEmpty)
    // Without Link ID Info, the MLD alone.
    #expect(ElementWalker.parse(IE.multiLink(mld: Self.mld, linkID: nil)).multiLink?.linkID == nil)
  }

  @Test func otherMultiLinkTypesAreKeptRaw() {
    // Type 1, Probe Request Multi-Link: no MLD address of an AP.
    let set = ElementWalker.parse(IE.extended(107, [0x01, 0x00, 0x01]))
    #expect(set.multiLink == nil)
    #expect(set.anomalies.isEmpty)
    #expect(set.unknown.count == 1)
  }

  @Test func aCommonInfoCutShortIsAnAnomaly() {
    let set = ElementWalker.parse(IE.extended(107, [0x10, 0x00, 0x08, 0x02, 0x53]))
    #expect(set.multiLink == nil)
    #expect(set.anomalies.map(\.kind) == [.tooShort])
    #expect(Accounting.violations(IE.extended(107, [0x10, 0x00, 0x08, 0x02, 0x53]), set).isEmpty)
  }

  @Test func linksOfOneMLDAreGroupedByMLDAddress() throws {
    let links = ScanRules.apply([
      Self.link(1, linkID: 0, frequency: 2412, Self.wpa3),
      Self.link(2, linkID: 1, frequency: 5180, Self.wpa3),
      Self.link(3, linkID: 2, frequency: 5975, Self.wpa3),
      Self.link(4, linkID: 0, frequency: 2437, Self.wpa3, mld: [2, 0x53, 0x59, 0x4E, 0x0B, 0]),
    ])
    #expect(
      links[0].mldLinks.map(\.description) == [
        "02:53:59:4e:0a:01", "02:53:59:4e:0a:02", "02:53:59:4e:0a:03",
      ])
    #expect(links[2].mldLinks == links[0].mldLinks)
    #expect(links[3].mldLinks.map(\.description) == ["02:53:59:4e:0a:04"])
    #expect(links.allSatisfy { !$0.findings.contains { $0.id == "mld-mixed-security" } })
    let report = NetworkEntry(links[1], source: nil).json
    #expect(report["mld"]?["address"] == .string("02:53:59:4e:0a:00"))
    #expect(report["mld"]?["link_id"] == .integer(1))
    #expect(report["mld"]?["links"] == .array(links[1].mldLinks.map { .string($0.description) }))
  }

  @Test func linksWithDifferentSecurityAreFlaggedAndTheWeakestNamed() throws {
    let links = ScanRules.apply([
      Self.link(1, linkID: 0, frequency: 2412, Self.transition),
      Self.link(2, linkID: 1, frequency: 5180, Self.transition),
      Self.link(3, linkID: 2, frequency: 5975, Self.wpa3),
    ])
    for link in links {
      let finding = try #require(link.findings.first { $0.id == "mld-mixed-security" })
      #expect(finding.severity == .low)
      #expect(
        finding.evidence?.hasSuffix(
          "the weakest, wpa2-wpa3-personal with pmf capable, decides") == true)
      #expect(finding.evidence?.contains("link 2 02:53:59:4e:0a:03, 6 GHz: wpa3-personal") == true)
    }
    // Rated on its own, the 6 GHz link is clean; as a link of this AP MLD it is flagged.
    #expect(links[2].risk == .low)
  }

  @Test func aNetworkWithoutMultiLinkIsLeftAsItIs() {
    let plain = Net.assess(Net.cleanWPA3)
    let after = ScanRules.apply([plain])
    #expect(after[0].mldLinks.isEmpty)
    #expect(after[0].findings == plain.findings)
    #expect(NetworkEntry(after[0], source: nil).json["mld"] == .null)
  }
}
