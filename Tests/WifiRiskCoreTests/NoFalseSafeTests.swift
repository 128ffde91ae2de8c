import Testing

@testable import WifiRiskCore

/// The worst error wifirisk can make is to call a weak network safe. These tests hold the
/// rating to it from the outside: an access point that does not encrypt (Privacy bit clear,
/// or ciphers that are none), that encrypts with WEP, or whose only usable pairwise cipher
/// is TKIP is rated high, whatever else its elements claim.
@Suite struct NoFalseSafeTests {
  static let ssid = IE.ssid("net")
  static let both = RSNCaps.mfpr | RSNCaps.mfpc

  @Test func privacyClearBesideAnRSNElementIsOpenWithAContradiction() throws {
    // The case: Privacy clear, an RSN element whose ciphers are "none", 802.1X.
    let ies = IE.list(
      Self.ssid,
      IE.rsn(
        group: CipherSuite.useGroup, pairwise: [CipherSuite.useGroup],
        akms: [AKMSuite.ieee8021x], caps: RSNCaps.mfpc))
    let assessment = Net.assess(ies, privacy: false)
    #expect(assessment.security == .open)
    #expect(assessment.pmf == .none)
    #expect(assessment.risk == .high)
    #expect(assessment.verdict.hasPrefix("Unencrypted"))
    let contradiction = try #require(assessment.anomalies.first { $0.kind == .contradiction })
    #expect(contradiction.element == "RSN")
    #expect(contradiction.offset == 5)
    #expect(contradiction.detail.contains("Privacy bit is clear"))
    #expect(assessment.findings.map(\.id).contains("open-network"))
  }

  @Test func privacyClearBesideAStrongRSNElementIsStillOpen() {
    let ies = IE.list(Self.ssid, IE.rsn(akms: [AKMSuite.sae], caps: Self.both))
    let assessment = Net.assess(ies, privacy: false)
    #expect(assessment.security == .open)
    #expect(assessment.risk == .high)
    // The suites it advertises are still reported as advertised.
    #expect(assessment.advertised.akms == [.sae])
  }

  @Test func privacyNotKnownIsNotPrivacyClear() {
    // iw text without a capability line, Wireless Extensions without encoding flags.
    let record = BSSRecord(
      bssid: Net.bssid, frequency: 2437, capability: 0x0001,
      ies: IE.list(Self.ssid, IE.rsn()), privacyKnown: false)
    let assessment = NetworkAssessment.assess(record)
    #expect(assessment.security == .wpa2Personal)
    #expect(!assessment.anomalies.contains { $0.kind == .contradiction })
  }

  @Test func ciphersThatAreNoneAreOpenEvenWithThePrivacyBit() throws {
    let ies = IE.list(
      Self.ssid, IE.rsn(group: CipherSuite.useGroup, pairwise: [CipherSuite.useGroup]))
    let assessment = Net.assess(ies, privacy: true)
    #expect(assessment.security == .open)
    #expect(assessment.risk == .high)
    let contradiction = try #require(assessment.anomalies.first { $0.kind == .contradiction })
    #expect(contradiction.detail == "every pairwise cipher is none, so nothing is encrypted")
  }

  @Test func wpaElementCipherNoneIsOpen() {
    let ies = IE.list(
      Self.ssid, IE.wpa(group: CipherSuite.wpa(0), pairwise: [CipherSuite.wpa(0)]))
    let assessment = Net.assess(ies, privacy: true)
    #expect(assessment.security == .open)
    #expect(assessment.risk == .high)
  }

  @Test func tkipAsTheOnlyPairwiseCipherIsHigh() throws {
    // WPA and WPA2 elements both TKIP: rated medium, "acceptable", before.
    let ies = IE.list(
      Self.ssid, IE.rsn(group: CipherSuite.tkip, pairwise: [CipherSuite.tkip]), IE.wpa())
    let assessment = Net.assess(ies)
    #expect(assessment.security == .wpaWpa2Personal)
    #expect(assessment.risk == .high)
    let tkip = try #require(assessment.findings.first { $0.id == "tkip" })
    #expect(tkip.severity == .high)
  }

  @Test func tkipBesideCCMPStaysMedium() throws {
    let ies = IE.list(
      Self.ssid, IE.rsn(group: CipherSuite.tkip, pairwise: [CipherSuite.ccmp, CipherSuite.tkip]))
    let tkip = try #require(Net.assess(ies).findings.first { $0.id == "tkip" })
    #expect(tkip.severity == .medium)
  }

  @Test(arguments: [
    ("only unknown pairwise suites", IE.rsn(pairwise: [0x0011_2201])),
    ("a management cipher as pairwise", IE.rsn(pairwise: [CipherSuite.bipCmac128])),
    ("the reserved cipher 3 as pairwise", IE.rsn(pairwise: [CipherSuite.ieee(3)])),
    ("a management cipher as group", IE.rsn(group: CipherSuite.bipCmac128)),
    ("an unknown group cipher", IE.rsn(group: 0x0011_2201)),
    ("group none beside CCMP", IE.rsn(group: CipherSuite.useGroup)),
  ])
  func unusableCiphersAreUnknownNotSafe(_ what: String, rsn: [UInt8]) throws {
    let assessment = Net.assess(IE.list(Self.ssid, rsn))
    #expect(assessment.security == .unknown, "\(what)")
    #expect(assessment.risk >= .medium, "\(what)")
    #expect(assessment.anomalies.contains { $0.kind == .contradiction }, "\(what)")
  }

  @Test func theBeaconsWeakerRatingStands() {
    // The probe response says WPA2; the beacon, which a passive scan sees, says WPA only.
    let probe = IE.list(Self.ssid, IE.rsn(caps: RSNCaps.mfpc))
    let beacon = IE.list(Self.ssid, IE.wpa())
    let assessment = Net.assess(probe, beacon: beacon)
    #expect(assessment.security == .wpaPersonal)
    #expect(assessment.risk == .high)
    #expect(assessment.findings.contains { $0.id == "beacon-probe-mismatch" })
  }

  /// Every combination of Privacy bit, RSN and WPA element ciphers and AKMs: a network that
  /// encrypts nothing, uses WEP, or leaves only TKIP for a client's own traffic is high.
  @Test func noWeakCombinationIsRatedBelowHigh() {
    let ciphers: [UInt32?] = [
      nil, CipherSuite.useGroup, CipherSuite.wep40, CipherSuite.tkip, CipherSuite.ccmp,
      CipherSuite.gcmp256,
    ]
    let akms: [UInt32] = [
      AKMSuite.psk, AKMSuite.sae, AKMSuite.ieee8021x, AKMSuite.owe, AKMSuite.saeExtKey,
    ]
    var checked = 0
    for privacy in [true, false] {
      for rsnGroup in ciphers {
        for rsnPairwise in ciphers {
          for wpaPairwise in [nil, CipherSuite.wpa(2), CipherSuite.wpa(4)] as [UInt32?] {
            for akm in akms {
              var ies = Self.ssid
              // What a client can use for its own traffic, worked out here independently.
              var usable: [UInt32] = []
              if let rsnPairwise {
                let group = rsnGroup ?? CipherSuite.ccmp
                ies += IE.rsn(
                  group: group, pairwise: [rsnPairwise], akms: [akm], caps: Self.both)
                usable.append(rsnPairwise == CipherSuite.useGroup ? group : rsnPairwise)
              }
              if let wpaPairwise {
                ies += IE.wpa(pairwise: [wpaPairwise])
                usable.append(
                  wpaPairwise == CipherSuite.wpa(2) ? CipherSuite.tkip : CipherSuite.ccmp)
              }
              let weakOnly = usable.allSatisfy {
                [CipherSuite.useGroup, CipherSuite.wep40, CipherSuite.tkip].contains($0)
              }
              let assessment = Net.assess(ies, privacy: privacy)
              if !privacy || weakOnly {
                #expect(
                  assessment.risk == .high,
                  "privacy \(privacy) \(Hex.encode(ies)): \(assessment.security) \(assessment.risk)"
                )
              }
              checked += 1
            }
          }
        }
      }
    }
    #expect(checked == 2 * 6 * 6 * 3 * 5)
  }
}
