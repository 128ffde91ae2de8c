import Testing

@testable import WifiRiskCore

@Suite struct RSNTests {
  static let pmkid = [UInt8](repeating: 0xAB, count: 16)

  @Test func decodesEveryField() throws {
    let list = IE.rsn(
      group: CipherSuite.ccmp, pairwise: [CipherSuite.ccmp, CipherSuite.gcmp256],
      akms: [AKMSuite.psk, AKMSuite.sae], caps: RSNCaps.mfpr | RSNCaps.mfpc | 0x000C,
      pmkids: [Self.pmkid], gmc: CipherSuite.bipCmac256)
    let set = ElementWalker.parse(list)
    let rsn = try #require(set.rsn)
    #expect(set.anomalies.isEmpty)
    #expect(rsn.flavour == .rsn)
    #expect(rsn.version == 1)
    #expect(rsn.groupCipher == .ccmp128)
    #expect(rsn.pairwiseCiphers == [.ccmp128, .gcmp256])
    #expect(rsn.akms == [.psk, .sae])
    #expect(rsn.capabilities == 0x00CC)
    #expect(rsn.mfpRequired && rsn.mfpCapable)
    #expect(rsn.pmkidCount == 1)
    #expect(rsn.groupManagementCipher == .bipCmac256)
    #expect(rsn.effectiveGroupManagementCipher == .bipCmac256)
    #expect(rsn.defaultedFields.isEmpty)
    #expect(rsn.raw == Array(list.dropFirst(2)))
  }

  @Test(arguments: [
    (UInt16(0x0000), false, false), (0x0080, true, false), (0x0040, false, true),
    (0x00C0, true, true), (0xFF3F, false, false),
  ])
  func managementFrameProtectionBits(caps: UInt16, capable: Bool, required: Bool) throws {
    let rsn = try #require(ElementWalker.parse(IE.rsn(caps: caps)).rsn)
    #expect(rsn.mfpCapable == capable)
    #expect(rsn.mfpRequired == required)
  }

  /// Where an RSN element stops, and what is then known and what is defaulted.
  struct Cut: Sendable, CustomTestStringConvertible {
    var after: String
    var body: [UInt8]
    var group: Cipher?
    var pairwise: [Cipher]?
    var akms: [AKM]?
    var caps: UInt16?
    var pmkidCount: Int?
    var gmc: Cipher?
    var defaulted: [String]
    var testDescription: String { "stops after \(after)" }
  }

  static let cuts: [Cut] = [
    Cut(
      after: "version", body: IE.rsnBody(group: nil),
      defaulted: [
        "group_cipher", "pairwise_ciphers", "akms", "capabilities",
      ]),
    Cut(
      after: "group cipher", body: IE.rsnBody(group: CipherSuite.tkip, pairwise: nil),
      group: .tkip, defaulted: ["pairwise_ciphers", "akms", "capabilities"]),
    Cut(
      after: "pairwise list", body: IE.rsnBody(pairwise: [CipherSuite.gcmp128], akms: nil),
      group: .ccmp128, pairwise: [.gcmp128], defaulted: ["akms", "capabilities"]),
    Cut(
      after: "AKM list", body: IE.rsnBody(akms: [AKMSuite.sae], caps: nil), group: .ccmp128,
      pairwise: [.ccmp128], akms: [.sae], defaulted: ["capabilities"]),
    Cut(
      after: "capabilities", body: IE.rsnBody(caps: RSNCaps.mfpc), group: .ccmp128,
      pairwise: [.ccmp128], akms: [.psk], caps: RSNCaps.mfpc, defaulted: []),
    Cut(
      after: "PMKID list", body: IE.rsnBody(caps: 0, pmkids: [pmkid]), group: .ccmp128,
      pairwise: [.ccmp128], akms: [.psk], caps: 0, pmkidCount: 1, defaulted: []),
    Cut(
      after: "group management cipher",
      body: IE.rsnBody(caps: RSNCaps.mfpc, pmkids: [], gmc: CipherSuite.bipGmac256),
      group: .ccmp128, pairwise: [.ccmp128], akms: [.psk], caps: RSNCaps.mfpc, pmkidCount: 0,
      gmc: .bipGmac256, defaulted: []),
  ]

  @Test(arguments: cuts)
  func elementMayStopAfterAnyField(_ cut: Cut) throws {
    let set = ElementWalker.parse(IE.element(48, cut.body))
    let rsn = try #require(set.rsn)
    #expect(set.anomalies.isEmpty)
    #expect(rsn.version == 1)
    #expect(rsn.groupCipher == cut.group)
    #expect(rsn.pairwiseCiphers == cut.pairwise)
    #expect(rsn.akms == cut.akms)
    #expect(rsn.capabilities == cut.caps)
    #expect(rsn.pmkidCount == cut.pmkidCount)
    #expect(rsn.groupManagementCipher == cut.gmc)
    #expect(rsn.defaultedFields == cut.defaulted)
    // The effective view fills in the standard's defaults, and only where nothing was said.
    #expect(rsn.effectiveGroupCipher == cut.group ?? .ccmp128)
    #expect(rsn.effectivePairwiseCiphers == cut.pairwise ?? [.ccmp128])
    #expect(rsn.effectiveAKMs == cut.akms ?? [.ieee8021x])
    #expect(rsn.effectiveCapabilities == cut.caps ?? 0)
  }

  @Test func groupManagementCipherDefaultsToBIPCMACOnlyWithMFP() throws {
    let withMFP = try #require(ElementWalker.parse(IE.rsn(caps: RSNCaps.mfpc)).rsn)
    #expect(withMFP.groupManagementCipher == nil)
    #expect(withMFP.effectiveGroupManagementCipher == .bipCmac128)
    let without = try #require(ElementWalker.parse(IE.rsn(caps: 0)).rsn)
    #expect(without.effectiveGroupManagementCipher == nil)
  }

  // MARK: WPA vendor element

  @Test func wpaElementUsesItsOwnSuiteNumbers() throws {
    let list = IE.wpa(
      group: CipherSuite.wpa(2), pairwise: [CipherSuite.wpa(2), CipherSuite.wpa(4)],
      akms: [AKMSuite.wpa(1), AKMSuite.wpa(2)])
    let set = ElementWalker.parse(list)
    let wpa = try #require(set.wpa)
    #expect(set.anomalies.isEmpty)
    #expect(wpa.flavour == .wpa)
    #expect(wpa.version == 1)
    #expect(wpa.groupCipher == .tkip)
    #expect(wpa.pairwiseCiphers == [.tkip, .ccmp128])
    #expect(wpa.akms == [.ieee8021x, .psk])
    #expect(set.rsn == nil)
  }

  @Test func wpaElementDefaultsAreTKIPAnd8021X() throws {
    let wpa = try #require(ElementWalker.parse(IE.wpa(group: nil)).wpa)
    #expect(wpa.groupCipher == nil)
    #expect(wpa.effectiveGroupCipher == .tkip)
    #expect(wpa.effectivePairwiseCiphers == [.tkip])
    #expect(wpa.effectiveAKMs == [.ieee8021x])
  }

  @Test func wpaElementMayCarryCapabilities() throws {
    let set = ElementWalker.parse(IE.wpa(caps: 0x000C))
    #expect(set.anomalies.isEmpty)
    #expect(set.wpa?.capabilities == 0x000C)
  }

  @Test func ieeeSelectorsInsideTheWPAElementAreUnknown() throws {
    let wpa = try #require(
      ElementWalker.parse(IE.wpa(pairwise: [CipherSuite.ccmp], akms: [AKMSuite.psk])).wpa)
    #expect(wpa.pairwiseCiphers == [.unknown(CipherSuite.ccmp)])
    #expect(wpa.akms == [.unknown(AKMSuite.psk)])
  }

  // MARK: RSN Override elements: an RSN body, Version first

  /// An RSNE Override element as the Wi-Fi Alliance WPA3 specification and hostapd's
  /// `wpa_write_rsne_override` lay it out, written out byte by byte: vendor element 221,
  /// length, OUI 50-6F-9A, type 0x29, Version 1, group CCMP-128, one pairwise CCMP-128, one
  /// AKM SAE, RSN capabilities MFPR|MFPC (0x00C0).
  static let overrideBytes: [UInt8] = [
    221, 24, 0x50, 0x6F, 0x9A, 0x29,
    0x01, 0x00,
    0x00, 0x0F, 0xAC, 0x04,
    0x01, 0x00, 0x00, 0x0F, 0xAC, 0x04,
    0x01, 0x00, 0x00, 0x0F, 0xAC, 0x08,
    0xC0, 0x00,
  ]

  @Test func rsnOverrideStartsWithAVersion() throws {
    #expect(Self.overrideBytes == IE.rsnOverride())
    let set = ElementWalker.parse(IE.list(IE.rsn(), Self.overrideBytes))
    let override = try #require(set.rsnOverride)
    #expect(set.anomalies.isEmpty)
    #expect(override.flavour == .rsnOverride)
    #expect(override.version == 1)
    #expect(override.groupCipher == .ccmp128)
    #expect(override.pairwiseCiphers == [.ccmp128])
    #expect(override.akms == [.sae])
    #expect(override.mfpRequired)
    #expect(set.rsnForCapableClient == override)
  }

  @Test func rsnOverride2AndRSNXOverride() throws {
    let list = IE.list(
      IE.rsn(), IE.rsnx(), IE.rsnOverride(), IE.rsnOverride2(), IE.rsnxOverride(h2e: true))
    let set = ElementWalker.parse(list)
    let override2 = try #require(set.rsnOverride2)
    #expect(set.anomalies.isEmpty)
    #expect(override2.flavour == .rsnOverride2)
    #expect(override2.version == 1)
    #expect(override2.akms == [.saeExtKey])
    #expect(set.rsnForCapableClient == override2)
    #expect(set.rsnx?.saeHashToElement == false)
    #expect(set.rsnxForCapableClient?.saeHashToElement == true)
  }

  /// The form wifirisk used to expect, group cipher first without a version, reads as
  /// version 0x0F00: hostapd refuses it, and so the network's security is unknown.
  @Test func anOverrideWithoutItsVersionIsRefused() throws {
    let versionless = IE.vendor(
      0x506F_9A29,
      IE.suiteFields(
        group: CipherSuite.ccmp, pairwise: [CipherSuite.ccmp], akms: [AKMSuite.sae],
        caps: RSNCaps.mfpr | RSNCaps.mfpc, pmkids: nil, gmc: nil))
    let set = ElementWalker.parse(IE.list(IE.rsn(), versionless))
    let anomaly = try #require(set.anomalies.first)
    #expect(anomaly.element == "RSN Override")
    #expect(anomaly.kind == .badValue)
    #expect(anomaly.detail == "version 3840, expected 1")
    #expect(set.rsnOverride?.damaged == true)
    #expect(AdvertisedSecurity.classify(set, privacy: true).security == .unknown)
  }

  @Test func overrideWithOnlyAVersionDecodesWithEverythingDefaulted() throws {
    let set = ElementWalker.parse(IE.vendor(0x506F_9A29, [0x01, 0x00]))
    let override = try #require(set.rsnOverride)
    #expect(set.anomalies.isEmpty)
    #expect(override.groupCipher == nil && override.akms == nil)
  }

  @Test func emptyOverrideIsTooShort() {
    let set = ElementWalker.parse(IE.vendor(0x506F_9A29, []))
    #expect(set.rsnOverride == nil)
    #expect(set.anomalies.map(\.kind) == [.tooShort])
    #expect(set.securityElementDamaged)
  }

  // MARK: RSNX

  @Test(arguments: [
    (UInt8(0x00), false, false, false), (0x20, true, false, false), (0x40, false, true, false),
    (0x60, true, true, false), (0x10, false, false, true),
  ])
  func rsnxBits(octet: UInt8, h2e: Bool, saePK: Bool, twt: Bool) throws {
    let rsnx = try #require(ElementWalker.parse(IE.element(244, [octet])).rsnx)
    #expect(rsnx.saeHashToElement == h2e)
    #expect(rsnx.saePK == saePK)
    #expect(rsnx.protectedTWT == twt)
  }

  @Test func rsnxBitsPastTheFieldAreFalse() {
    #expect(RSNXElement(bytes: []).saePK == false)
    #expect(RSNXElement(bytes: [0x01, 0xFF]).bit(9))
  }

  // MARK: Anomalies, with offsets in the element list (ID at 0, body from 2)

  @Test func pairwiseCountLargerThanTheBytesLeft() throws {
    // Version (2..3), group (4..7), pairwise count 300 at 8, then 12 bytes.
    let body =
      IE.le16(1) + IE.be32(CipherSuite.ccmp) + IE.le16(300) + IE.be32(CipherSuite.ccmp)
      + IE.le16(1) + IE.be32(AKMSuite.psk) + IE.le16(0)
    let set = ElementWalker.parse(IE.element(48, body))
    #expect(
      set.anomalies == [
        Anomaly(
          offset: 8, element: "RSN", kind: .badCount,
          detail: "pairwise cipher count 300 exceeds the 12 bytes left")
      ])
    let rsn = try #require(set.rsn)
    #expect(rsn.groupCipher == .ccmp128)
    #expect(rsn.pairwiseCiphers == nil)
  }

  @Test func pairwiseCountOneMoreThanFits() {
    // Count 2 with 4 bytes of suites and nothing after: count > remaining / 4.
    let body = IE.le16(1) + IE.be32(CipherSuite.ccmp) + IE.le16(2) + IE.be32(CipherSuite.ccmp)
    let set = ElementWalker.parse(IE.element(48, body))
    #expect(set.anomalies.map(\.kind) == [.badCount])
    #expect(set.anomalies.map(\.offset) == [8])
  }

  @Test func pairwiseCountZero() throws {
    let body =
      IE.le16(1) + IE.be32(CipherSuite.ccmp) + IE.le16(0) + IE.le16(1)
      + IE.be32(AKMSuite.psk)
    let set = ElementWalker.parse(IE.element(48, body))
    #expect(
      set.anomalies == [
        Anomaly(offset: 8, element: "RSN", kind: .badCount, detail: "pairwise cipher count is 0")
      ])
    let rsn = try #require(set.rsn)
    #expect(rsn.pairwiseCiphers == [])
    #expect(rsn.akms == [.psk])
  }

  @Test func akmCountZero() throws {
    let set = ElementWalker.parse(IE.rsn(akms: []))
    #expect(
      set.anomalies == [
        Anomaly(offset: 14, element: "RSN", kind: .badCount, detail: "AKM count is 0")
      ])
    #expect(set.rsn?.akms == [])
  }

  @Test func pmkidCountTooLarge() throws {
    // ... capabilities end at 22; PMKID count 2 at 22, one PMKID (16 bytes) follows.
    let body = IE.rsnBody(caps: 0) + IE.le16(2) + Self.pmkid
    let set = ElementWalker.parse(IE.element(48, body))
    #expect(
      set.anomalies == [
        Anomaly(
          offset: 22, element: "RSN", kind: .badCount,
          detail: "PMKID count 2 exceeds the 16 bytes left")
      ])
    let rsn = try #require(set.rsn)
    #expect(rsn.capabilities == 0)
    #expect(rsn.pmkidCount == nil)
  }

  @Test func trailingBytesAfterTheGroupManagementCipher() {
    let body = IE.rsnBody(caps: RSNCaps.mfpc, pmkids: [], gmc: CipherSuite.bipCmac128) + [0, 0]
    let set = ElementWalker.parse(IE.element(48, body))
    // gmc at 24..27, trailing from 28.
    #expect(
      set.anomalies == [
        Anomaly(
          offset: 28, element: "RSN", kind: .trailingBytes, detail: "2 bytes after the last field")
      ])
    #expect(set.rsn?.groupManagementCipher == .bipCmac128)
  }

  @Test func trailingBytesAfterTheWPACapabilities() {
    let set = ElementWalker.parse(IE.wpa(caps: 0) + [])
    #expect(set.anomalies.isEmpty)
    let list = IE.vendor(
      0x0050_F201,
      IE.le16(1) + IE.be32(CipherSuite.wpa(2)) + IE.le16(1) + IE.be32(CipherSuite.wpa(2))
        + IE.le16(1) + IE.be32(AKMSuite.wpa(2)) + IE.le16(0) + [0x99])
    let damaged = ElementWalker.parse(list)
    // Body after OUI+type starts at 6: version 6..7, group 8..11, pairwise 12..17,
    // AKMs 18..23, capabilities 24..25, trailing byte at 26.
    #expect(damaged.anomalies.map(\.kind) == [.trailingBytes])
    #expect(damaged.anomalies.map(\.offset) == [26])
    #expect(damaged.anomalies.map(\.element) == ["WPA"])
  }

  @Test func version2IsABadValueButStillDecoded() throws {
    let set = ElementWalker.parse(IE.list(IE.ssid("a"), IE.rsn(version: 2)))
    #expect(
      set.anomalies == [
        Anomaly(offset: 5, element: "RSN", kind: .badValue, detail: "version 2, expected 1")
      ])
    let rsn = try #require(set.rsn)
    #expect(rsn.version == 2)
    #expect(rsn.akms == [.psk])
  }

  @Test(arguments: [
    (3, 4, "group cipher"), (7, 8, "pairwise cipher count"), (13, 14, "AKM count"),
    (19, 20, "RSN capabilities"), (21, 22, "PMKID count"),
  ])
  func stopsInsideAField(bodyLength: Int, offset: Int, field: String) throws {
    let full = IE.rsnBody(caps: 0, pmkids: [], gmc: CipherSuite.bipCmac128)
    let body = Array(full.prefix(bodyLength))
    let set = ElementWalker.parse(IE.element(48, body))
    #expect(
      set.anomalies == [
        Anomaly(
          offset: offset, element: "RSN", kind: .tooShort, detail: "stops inside the \(field) field"
        )
      ])
    #expect(set.rsn != nil)
  }

  @Test func stopsInsideTheGroupManagementCipher() {
    let full = IE.rsnBody(caps: 0, pmkids: [], gmc: CipherSuite.bipCmac128)
    let set = ElementWalker.parse(IE.element(48, Array(full.dropLast(1))))
    #expect(
      set.anomalies == [
        Anomaly(
          offset: 24, element: "RSN", kind: .tooShort,
          detail: "stops inside the group management cipher field")
      ])
  }

  @Test func anomaliesInsideAnOverrideCountFromTheElementList() {
    // ds (3 bytes), then the override: ID 3, length 4, OUI+type 5..8, version 9..10,
    // group 11..14, pairwise count at 15.
    let list = IE.list(
      IE.ds(1),
      IE.vendor(
        0x506F_9A29,
        IE.le16(1) + IE.be32(CipherSuite.ccmp) + IE.le16(0) + IE.le16(1)
          + IE.be32(AKMSuite.sae)))
    let set = ElementWalker.parse(list)
    #expect(
      set.anomalies == [
        Anomaly(
          offset: 15, element: "RSN Override", kind: .badCount,
          detail: "pairwise cipher count is 0")
      ])
  }

  // MARK: Suites

  static let akmTable: [(UInt8, String, AKMFamily)] = [
    (1, "802.1X", .enterprise(.sha1)), (2, "PSK", .psk), (3, "FT-802.1X", .enterprise(.sha256)),
    (4, "FT-PSK", .psk), (5, "802.1X-SHA256", .enterprise(.sha256)), (6, "PSK-SHA256", .psk),
    (7, "TDLS", .other), (8, "SAE", .sae), (9, "FT-SAE", .sae), (10, "AP-PEERKEY", .other),
    (11, "802.1X-SUITE-B", .enterprise(.suiteB)),
    (12, "802.1X-SUITE-B-192", .enterprise(.suiteB192)),
    (13, "FT-802.1X-SHA384", .enterprise(.suiteB192)),
    (14, "FILS-SHA256", .enterprise(.sha256)), (15, "FILS-SHA384", .enterprise(.sha384)),
    (16, "FT-FILS-SHA256", .enterprise(.sha256)), (17, "FT-FILS-SHA384", .enterprise(.sha384)),
    (18, "OWE", .owe), (19, "FT-PSK-SHA384", .psk), (20, "PSK-SHA384", .psk),
    (21, "PASN", .other), (22, "FT-802.1X-SHA384-UNRESTRICTED", .enterprise(.sha384)),
    (23, "802.1X-SHA384", .enterprise(.sha384)), (24, "SAE-EXT-KEY", .sae),
    (25, "FT-SAE-EXT-KEY", .sae),
  ]

  @Test(arguments: akmTable)
  func everyIEEEAKMSuiteHasANameAndFamily(type: UInt8, name: String, family: AKMFamily) {
    let akm = AKM(selector: AKMSuite.ieee(type))
    #expect(akm.name == name)
    #expect(akm.family == family)
    #expect(akm != .unknown(AKMSuite.ieee(type)))
  }

  @Test func akmNamesAreDistinct() {
    let names = (1...25).map { AKM(selector: AKMSuite.ieee(UInt8($0))).name }
    #expect(Set(names).count == 25)
  }

  @Test(arguments: [0x000F_AC00, 0x000F_AC1A, 0x000F_ACFF, 0x0050_F202, 0x506F_9A01] as [UInt32])
  func unknownAKMSuites(selector: UInt32) {
    let akm = AKM(selector: selector)
    #expect(akm == .unknown(selector))
    #expect(akm.family == .unknown)
    #expect(akm.name == "unknown(\(selectorText(selector)))")
  }

  @Test(arguments: [
    (UInt8(0), Cipher.useGroup, "USE-GROUP"), (1, .wep40, "WEP-40"), (2, .tkip, "TKIP"),
    (4, .ccmp128, "CCMP-128"), (5, .wep104, "WEP-104"), (6, .bipCmac128, "BIP-CMAC-128"),
    (7, .noGroupAddressed, "GROUP-ADDRESSED-TRAFFIC-NOT-ALLOWED"), (8, .gcmp128, "GCMP-128"),
    (9, .gcmp256, "GCMP-256"), (10, .ccmp256, "CCMP-256"), (11, .bipGmac128, "BIP-GMAC-128"),
    (12, .bipGmac256, "BIP-GMAC-256"), (13, .bipCmac256, "BIP-CMAC-256"),
  ])
  func everyIEEECipherSuiteIsKnown(type: UInt8, cipher: Cipher, name: String) {
    #expect(Cipher(selector: CipherSuite.ieee(type)) == cipher)
    #expect(cipher.name == name)
  }

  @Test(arguments: [3, 14, 255] as [UInt8])
  func reservedCipherSuitesAreUnknown(type: UInt8) {
    let cipher = Cipher(selector: CipherSuite.ieee(type))
    #expect(cipher == .unknown(CipherSuite.ieee(type)))
    #expect(cipher.name == "unknown(00-0f-ac:\(type))")
    #expect(!cipher.isWEP)
  }

  @Test func wpaCipherNumbers() {
    #expect(Cipher(wpaSelector: CipherSuite.wpa(1)) == .wep40)
    #expect(Cipher(wpaSelector: CipherSuite.wpa(2)) == .tkip)
    #expect(Cipher(wpaSelector: CipherSuite.wpa(4)) == .ccmp128)
    #expect(Cipher(wpaSelector: CipherSuite.wpa(5)) == .wep104)
    #expect(Cipher(wpaSelector: CipherSuite.wpa(3)) == .unknown(CipherSuite.wpa(3)))
    #expect(AKM(wpaSelector: AKMSuite.wpa(3)) == .unknown(AKMSuite.wpa(3)))
  }

  @Test func selectorTextIsOUIThenType() {
    #expect(selectorText(0x000F_AC04) == "00-0f-ac:4")
    #expect(selectorText(0x506F_9A1C) == "50-6f-9a:28")
  }
}
