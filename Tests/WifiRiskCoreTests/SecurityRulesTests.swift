import Testing

@testable import WifiRiskCore

@Suite struct SecurityRulesTests {
  /// One network as advertised, and the class and PMF it must be rated as.
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var ies: [UInt8]
    var privacy = true
    var security: Security
    var pmf: PMF
    var testDescription: String { name }
  }

  static let both = RSNCaps.mfpr | RSNCaps.mfpc

  static let cases: [Case] = [
    Case(name: "open", ies: IE.ssid("o"), privacy: false, security: .open, pmf: .none),
    Case(
      name: "owe", ies: IE.list(IE.ssid("o"), IE.rsn(akms: [AKMSuite.owe], caps: both)),
      security: .owe, pmf: .required),
    Case(name: "wep", ies: IE.ssid("w"), security: .wep, pmf: .none),
    Case(
      name: "wpa-personal", ies: IE.list(IE.ssid("w"), IE.wpa()), security: .wpaPersonal, pmf: .none
    ),
    Case(
      name: "wpa-enterprise", ies: IE.list(IE.ssid("w"), IE.wpa(akms: [AKMSuite.wpa(1)])),
      security: .wpaEnterprise, pmf: .none),
    Case(
      name: "wpa-wpa2-personal",
      ies: IE.list(
        IE.rsn(group: CipherSuite.tkip, pairwise: [CipherSuite.ccmp, CipherSuite.tkip]), IE.wpa()),
      security: .wpaWpa2Personal, pmf: .none),
    Case(
      name: "wpa-wpa2-enterprise",
      ies: IE.list(IE.rsn(akms: [AKMSuite.ieee8021x]), IE.wpa(akms: [AKMSuite.wpa(1)])),
      security: .wpaWpa2Enterprise, pmf: .none),
    Case(name: "wpa2-personal", ies: IE.rsn(), security: .wpa2Personal, pmf: .none),
    Case(
      name: "wpa2-personal PMF capable", ies: IE.rsn(caps: RSNCaps.mfpc), security: .wpa2Personal,
      pmf: .capable),
    Case(
      name: "wpa2-personal FT-PSK", ies: IE.rsn(akms: [AKMSuite.psk, AKMSuite.ftPsk]),
      security: .wpa2Personal, pmf: .none),
    Case(
      name: "wpa2-personal PSK-SHA256", ies: IE.rsn(akms: [AKMSuite.pskSHA256], caps: both),
      security: .wpa2Personal, pmf: .required),
    Case(
      name: "wpa2-enterprise", ies: IE.rsn(akms: [AKMSuite.ieee8021x], caps: RSNCaps.mfpc),
      security: .wpa2Enterprise, pmf: .capable),
    Case(
      name: "wpa2-enterprise FT-802.1X without PMF required", ies: IE.rsn(akms: [AKMSuite.ft8021x]),
      security: .wpa2Enterprise, pmf: .none),
    Case(
      name: "wpa2-enterprise 802.1X with PMF required",
      ies: IE.rsn(akms: [AKMSuite.ieee8021x], caps: both),
      security: .wpa2Enterprise, pmf: .required),
    Case(
      name: "wpa2-enterprise SHA-1 beside SHA-256",
      ies: IE.rsn(akms: [AKMSuite.ieee8021x, AKMSuite.ieee8021xSHA256], caps: both),
      security: .wpa2Enterprise, pmf: .required),
    Case(
      name: "wpa2-wpa3-personal",
      ies: IE.rsn(akms: [AKMSuite.psk, AKMSuite.sae], caps: RSNCaps.mfpc),
      security: .wpa2Wpa3Personal, pmf: .capable),
    Case(
      name: "wpa3-personal", ies: IE.rsn(akms: [AKMSuite.sae], caps: both), security: .wpa3Personal,
      pmf: .required),
    Case(
      name: "wpa3-personal FT-SAE and SAE-EXT-KEY",
      ies: IE.rsn(akms: [AKMSuite.sae, AKMSuite.ftSae, AKMSuite.saeExtKey], caps: both),
      security: .wpa3Personal, pmf: .required),
    Case(
      name: "wpa3-enterprise", ies: IE.rsn(akms: [AKMSuite.ieee8021xSHA256], caps: both),
      security: .wpa3Enterprise, pmf: .required),
    Case(
      name: "wpa3-enterprise FT-802.1X",
      ies: IE.rsn(akms: [AKMSuite.ft8021x, AKMSuite.ieee8021xSHA256], caps: both),
      security: .wpa3Enterprise, pmf: .required),
    Case(
      name: "wpa3-enterprise-192",
      ies: IE.rsn(
        group: CipherSuite.gcmp256, pairwise: [CipherSuite.gcmp256], akms: [AKMSuite.suiteB192],
        caps: both, pmkids: [], gmc: CipherSuite.bipGmac256),
      security: .wpa3Enterprise192, pmf: .required),
    Case(
      name: "unknown AKM only", ies: IE.rsn(akms: [0x0011_2207]), security: .unknown, pmf: .none),
    Case(
      name: "unknown: PSK mixed with 802.1X",
      ies: IE.rsn(akms: [AKMSuite.psk, AKMSuite.ieee8021x]),
      security: .unknown, pmf: .none),
    Case(
      name: "unknown: OWE mixed with SAE",
      ies: IE.rsn(akms: [AKMSuite.owe, AKMSuite.sae], caps: both),
      security: .unknown, pmf: .required),
    Case(
      name: "unknown: truncated RSN with the Privacy bit",
      ies: IE.list(IE.ssid("t"), IE.lying(48, length: 20, [1, 0, 0, 0x0F])), security: .unknown,
      pmf: .none),
    Case(
      name: "open: truncated RSN without the Privacy bit",
      ies: IE.list(IE.ssid("t"), IE.lying(48, length: 20, [1, 0])), privacy: false,
      security: .open, pmf: .none),
    Case(
      name: "unknown: RSN too short to hold a version",
      ies: IE.list(IE.ssid("t"), IE.element(48, [1])),
      security: .unknown, pmf: .none),
    Case(
      name: "unknown: truncated WPA element",
      ies: IE.lying(221, length: 30, [0x00, 0x50, 0xF2, 0x01, 1]),
      security: .unknown, pmf: .none),
    Case(
      name: "unknown: AKM count 0", ies: IE.rsn(akms: []), security: .unknown, pmf: .none),
    Case(
      name: "RSN override: WPA2 RSN and a WPA3 override",
      ies: IE.list(IE.rsn(caps: RSNCaps.mfpc), IE.rsnOverride()), security: .wpa2Wpa3Personal,
      pmf: .capable),
    Case(
      name: "RSN override 2 alone is read", ies: IE.rsnOverride2(), security: .wpa3Personal,
      pmf: .required),
    Case(
      name: "TDLS beside PSK does not change the class",
      ies: IE.rsn(akms: [AKMSuite.psk, AKMSuite.ieee(7)]), security: .wpa2Personal, pmf: .none),
  ]

  @Test(arguments: cases)
  func rating(_ testCase: Case) {
    let set = ElementWalker.parse(testCase.ies)
    let profile = AdvertisedSecurity.classify(set, privacy: testCase.privacy)
    #expect(profile.security == testCase.security)
    #expect(profile.pmf == testCase.pmf)
    let assessment = Net.assess(testCase.ies, privacy: testCase.privacy)
    #expect(assessment.security == testCase.security)
  }

  @Test func everySecurityValueHasARatingCase() {
    let rated = Set(Self.cases.map(\.security))
    #expect(rated == Set(Security.allCases))
  }

  @Test func rsnOverrideIsReported() {
    let plain = AdvertisedSecurity.classify(ElementWalker.parse(IE.rsn()), privacy: true)
    #expect(!plain.rsnOverride)
    let overridden = AdvertisedSecurity.classify(
      ElementWalker.parse(IE.list(IE.rsn(caps: RSNCaps.mfpc), IE.rsnOverride())), privacy: true)
    #expect(overridden.rsnOverride)
    #expect(overridden.akms == [.psk, .sae])
  }

  @Test func profileListsSuitesFromEveryElement() {
    let set = ElementWalker.parse(
      IE.list(
        IE.rsn(group: CipherSuite.tkip, pairwise: [CipherSuite.ccmp, CipherSuite.tkip]),
        IE.wpa(pairwise: [CipherSuite.wpa(2), CipherSuite.wpa(4)])))
    let profile = AdvertisedSecurity.classify(set, privacy: true)
    #expect(profile.akms == [.psk])
    #expect(profile.pairwiseCiphers == [.ccmp128, .tkip])
    #expect(profile.groupCipher == .tkip)
    #expect(profile.wpa1)
  }

  @Test func defaultedRSNIsEnterpriseWithCCMP() {
    // An RSN element that stops after its version says 802.1X and CCMP by default.
    let profile = AdvertisedSecurity.classify(
      ElementWalker.parse(IE.rsn(group: nil)), privacy: true)
    #expect(profile.security == .wpa2Enterprise)
    #expect(profile.akms == [.ieee8021x])
    #expect(profile.pairwiseCiphers == [.ccmp128])
  }

  @Test func unknownSuitesAreNeverOpen() {
    let set = ElementWalker.parse(
      IE.rsn(group: 0x0011_2201, pairwise: [0x0011_2202], akms: [0x0011_2203]))
    let profile = AdvertisedSecurity.classify(set, privacy: true)
    #expect(profile.security == .unknown)
    #expect(profile.pairwiseCiphers == [.unknown(0x0011_2202)])
    // Not knowing whether the Privacy bit is set is not the bit being clear.
    let unsure = AdvertisedSecurity.classify(set, privacy: false, privacyKnown: false)
    #expect(unsure.security == .unknown)
  }

  /// hostapd rejects an RSN element whose counts do not fit (`wpa_parse_wpa_ie_rsn`), and
  /// one that stops inside a field; such an element says nothing reliable about the
  /// network, so it should be rated unknown rather than by the defaults of the fields lost.
  @Test(arguments: [
    ("pairwise count past the end", IE.le16(1) + IE.be32(CipherSuite.ccmp) + IE.le16(300)),
    ("AKM count past the end", IE.rsnBody(akms: nil) + IE.le16(9) + IE.be32(AKMSuite.psk)),
    ("stops inside the pairwise count", IE.le16(1) + IE.be32(CipherSuite.ccmp) + [0x01]),
    ("stops inside the AKM count", IE.rsnBody(akms: nil) + [0x01]),
    ("stops inside the group cipher", IE.le16(1) + [0x00, 0x0F]),
  ])
  func damagedRSNIsUnknown(_ what: String, body: [UInt8]) {
    let set = ElementWalker.parse(IE.list(IE.ssid("x"), IE.element(48, body)))
    #expect(!set.anomalies.isEmpty)
    #expect(AdvertisedSecurity.classify(set, privacy: true).security == .unknown)
  }

  @Test func strengthOrdersWeakestFirst() {
    #expect(Security.open.strength < Security.wep.strength)
    #expect(Security.wep.strength < Security.wpaPersonal.strength)
    #expect(Security.unknown.strength < Security.wpaPersonal.strength)
    #expect(Security.wpa2Personal.strength < Security.wpa3Personal.strength)
    #expect(Security.wpa3Enterprise.strength < Security.wpa3Enterprise192.strength)
    #expect(Set(Security.allCases.map(\.strength)).count == 12)
  }

  @Test func securityRawValuesAreTheJSONContract() {
    #expect(
      Security.allCases.map(\.rawValue) == [
        "open", "owe", "wep", "wpa-personal", "wpa-enterprise", "wpa-wpa2-personal",
        "wpa-wpa2-enterprise", "wpa2-personal", "wpa2-enterprise", "wpa2-wpa3-personal",
        "wpa3-personal", "wpa3-enterprise", "wpa3-enterprise-192", "unknown",
      ])
    #expect(PMF.allCases.map(\.rawValue) == ["required", "capable", "none"])
  }
}
