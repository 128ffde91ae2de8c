/// Cipher and AKM suites, keyed by their 4-byte selector (OUI and type, big-endian).
///
/// The IEEE 802.11 suites live under OUI 00-0F-AC; the pre-standard WPA element uses
/// 00-50-F2 with its own numbers, which `init(wpaSelector:)` maps onto the same cases so the
/// rules see one vocabulary. A selector nobody knows stays `unknown(selector)`: it is never
/// taken for "no security".

/// The OUIs that carry suites.
public enum SuiteOUI {
  public static let ieee: UInt32 = 0x000FAC
  public static let microsoftWPA: UInt32 = 0x0050F2
  public static let wifiAlliance: UInt32 = 0x506F9A
}

/// A selector in the familiar `00-0f-ac:4` notation.
public func selectorText(_ selector: UInt32) -> String {
  let oui = [
    UInt8(selector >> 24 & 0xff), UInt8(selector >> 16 & 0xff), UInt8(selector >> 8 & 0xff),
  ]
  return oui.map { Hex.byte($0) }.joined(separator: "-") + ":" + String(selector & 0xff)
}

public enum Cipher: Hashable, Sendable {
  case useGroup, wep40, tkip, ccmp128, wep104, bipCmac128, noGroupAddressed
  case gcmp128, gcmp256, ccmp256, bipGmac128, bipGmac256, bipCmac256
  case unknown(UInt32)

  /// Cipher suites 0-13 of 00-0F-AC (IEEE 802.11-2020, Table 9-149). Type 3 is reserved.
  static let ieeeTable: [UInt8: Cipher] = [
    0: .useGroup, 1: .wep40, 2: .tkip, 4: .ccmp128, 5: .wep104, 6: .bipCmac128,
    7: .noGroupAddressed, 8: .gcmp128, 9: .gcmp256, 10: .ccmp256, 11: .bipGmac128,
    12: .bipGmac256, 13: .bipCmac256,
  ]
  /// The WPA element's cipher numbers under 00-50-F2.
  static let wpaTable: [UInt8: Cipher] = [
    0: .useGroup, 1: .wep40, 2: .tkip, 4: .ccmp128, 5: .wep104,
  ]

  public init(selector: UInt32) {
    if selector >> 8 == SuiteOUI.ieee, let known = Cipher.ieeeTable[UInt8(selector & 0xff)] {
      self = known
    } else {
      self = .unknown(selector)
    }
  }

  public init(wpaSelector selector: UInt32) {
    if selector >> 8 == SuiteOUI.microsoftWPA, let known = Cipher.wpaTable[UInt8(selector & 0xff)] {
      self = known
    } else {
      self = .unknown(selector)
    }
  }

  public var name: String {
    switch self {
    case .useGroup: "USE-GROUP"
    case .wep40: "WEP-40"
    case .tkip: "TKIP"
    case .ccmp128: "CCMP-128"
    case .wep104: "WEP-104"
    case .bipCmac128: "BIP-CMAC-128"
    case .noGroupAddressed: "GROUP-ADDRESSED-TRAFFIC-NOT-ALLOWED"
    case .gcmp128: "GCMP-128"
    case .gcmp256: "GCMP-256"
    case .ccmp256: "CCMP-256"
    case .bipGmac128: "BIP-GMAC-128"
    case .bipGmac256: "BIP-GMAC-256"
    case .bipCmac256: "BIP-CMAC-256"
    case .unknown(let selector): "unknown(\(selectorText(selector)))"
    }
  }

  public var isWEP: Bool { self == .wep40 || self == .wep104 }

  /// A cipher that protects data frames (WEP, TKIP, CCMP, GCMP): what a pairwise or group
  /// cipher must be. "Use group", the management (BIP) suites and unknown ones are not.
  public var isDataCipher: Bool {
    switch self {
    case .wep40, .wep104, .tkip, .ccmp128, .ccmp256, .gcmp128, .gcmp256: true
    default: false
    }
  }

  /// A group cipher a client can accept: a data cipher, or "group addressed traffic not
  /// allowed".
  public var isValidGroup: Bool { isDataCipher || self == .noGroupAddressed }
}

/// How an AKM authenticates, which is what decides the `security` family.
public enum AKMFamily: Sendable, Equatable {
  /// A pre-shared passphrase (WPA2-Personal).
  case psk
  /// SAE (WPA3-Personal).
  case sae
  /// IEEE 802.1X / EAP; `hash` is the key derivation's hash.
  case enterprise(EnterpriseHash)
  /// Opportunistic Wireless Encryption (Enhanced Open).
  case owe
  /// Suites that do not authenticate a client to an AP on their own (TDLS, PeerKey, PASN).
  case other
  case unknown

  public enum EnterpriseHash: Sendable, Equatable {
    case sha1, sha256, sha384, suiteB, suiteB192
  }
}

public enum AKM: Hashable, Sendable {
  case ieee8021x, psk, ft8021x, ftPsk, ieee8021xSHA256, pskSHA256, tdls, sae, ftSae
  case apPeerKey, suiteB, suiteB192, ft8021xSHA384, filsSHA256, filsSHA384, ftFilsSHA256
  case ftFilsSHA384, owe, ftPskSHA384, pskSHA384, pasn, ft8021xSHA384Unrestricted
  case ieee8021xSHA384, saeExtKey, ftSaeExtKey
  case unknown(UInt32)

  /// AKM suites 1-25 of 00-0F-AC (IEEE 802.11-2020 Table 9-151 and IEEE 802.11be):
  /// type, case, display name and family. This table is where a suite's meaning is decided.
  static let table: [(type: UInt8, akm: AKM, name: String, family: AKMFamily)] = [
    (1, .ieee8021x, "802.1X", .enterprise(.sha1)),
    (2, .psk, "PSK", .psk),
    (3, .ft8021x, "FT-802.1X", .enterprise(.sha256)),
    (4, .ftPsk, "FT-PSK", .psk),
    (5, .ieee8021xSHA256, "802.1X-SHA256", .enterprise(.sha256)),
    (6, .pskSHA256, "PSK-SHA256", .psk),
    (7, .tdls, "TDLS", .other),
    (8, .sae, "SAE", .sae),
    (9, .ftSae, "FT-SAE", .sae),
    (10, .apPeerKey, "AP-PEERKEY", .other),
    (11, .suiteB, "802.1X-SUITE-B", .enterprise(.suiteB)),
    (12, .suiteB192, "802.1X-SUITE-B-192", .enterprise(.suiteB192)),
    (13, .ft8021xSHA384, "FT-802.1X-SHA384", .enterprise(.suiteB192)),
    (14, .filsSHA256, "FILS-SHA256", .enterprise(.sha256)),
    (15, .filsSHA384, "FILS-SHA384", .enterprise(.sha384)),
    (16, .ftFilsSHA256, "FT-FILS-SHA256", .enterprise(.sha256)),
    (17, .ftFilsSHA384, "FT-FILS-SHA384", .enterprise(.sha384)),
    (18, .owe, "OWE", .owe),
    (19, .ftPskSHA384, "FT-PSK-SHA384", .psk),
    (20, .pskSHA384, "PSK-SHA384", .psk),
    (21, .pasn, "PASN", .other),
    (22, .ft8021xSHA384Unrestricted, "FT-802.1X-SHA384-UNRESTRICTED", .enterprise(.sha384)),
    (23, .ieee8021xSHA384, "802.1X-SHA384", .enterprise(.sha384)),
    (24, .saeExtKey, "SAE-EXT-KEY", .sae),
    (25, .ftSaeExtKey, "FT-SAE-EXT-KEY", .sae),
  ]

  private static let byType: [UInt8: AKM] = Dictionary(
    uniqueKeysWithValues: table.map { ($0.type, $0.akm) })
  private static let info: [AKM: (name: String, family: AKMFamily)] = Dictionary(
    uniqueKeysWithValues: table.map { ($0.akm, ($0.name, $0.family)) })

  public init(selector: UInt32) {
    if selector >> 8 == SuiteOUI.ieee, let known = AKM.byType[UInt8(selector & 0xff)] {
      self = known
    } else {
      self = .unknown(selector)
    }
  }

  /// The WPA element's AKMs under 00-50-F2: 1 is 802.1X, 2 is PSK.
  public init(wpaSelector selector: UInt32) {
    switch selector {
    case 0x0050F201: self = .ieee8021x
    case 0x0050F202: self = .psk
    default: self = .unknown(selector)
    }
  }

  public var name: String {
    if case .unknown(let selector) = self { return "unknown(\(selectorText(selector)))" }
    return AKM.info[self]?.name ?? "unknown"
  }

  public var family: AKMFamily {
    if case .unknown = self { return .unknown }
    return AKM.info[self]?.family ?? .unknown
  }
}
