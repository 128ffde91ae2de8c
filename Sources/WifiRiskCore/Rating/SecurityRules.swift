/// Where a network's `security` class and `pmf` are decided, from what the AP advertises.
///
/// | advertised                                         | security              |
/// |----------------------------------------------------|-----------------------|
/// | no RSN, no WPA element, Privacy bit clear          | open                  |
/// | no RSN, no WPA element, Privacy bit set            | wep                   |
/// | RSN AKM OWE only                                   | owe                   |
/// | RSN SAE family only (SAE, FT-SAE, SAE-EXT-KEY...)  | wpa3-personal         |
/// | RSN SAE family and PSK family (RSN or WPA)         | wpa2-wpa3-personal    |
/// | RSN PSK family and WPA PSK                         | wpa-wpa2-personal     |
/// | RSN PSK family only (PSK, FT-PSK, PSK-SHA256...)   | wpa2-personal         |
/// | WPA element PSK only                               | wpa-personal          |
/// | RSN Suite B 192-bit AKMs only                      | wpa3-enterprise-192   |
/// | RSN 802.1X, PMF required, no SHA-1 AKM (WFA WPA3)  | wpa3-enterprise       |
/// | RSN 802.1X otherwise                               | wpa2-enterprise       |
/// | RSN 802.1X and WPA 802.1X                          | wpa-wpa2-enterprise   |
/// | WPA element 802.1X only                            | wpa-enterprise        |
/// | anything else: unknown suites only, personal mixed with enterprise or OWE,   |         |
/// | or an RSN/WPA element too damaged to decode                                  | unknown |
///
/// "RSN" here is the RSN element together with the RSN Override and RSN Override 2
/// elements: a WPA3-capable client reads those, so a WPA2 RSN element beside a WPA3
/// override is offered as WPA2/WPA3. `pmf` is what the plain RSN element says, because
/// that is what every client can be held to.
public struct AdvertisedSecurity: Sendable, Equatable {
  public var security: Security
  public var pmf: PMF
  /// Every AKM offered, RSN first, then the WPA element's, without repeats.
  public var akms: [AKM]
  public var pairwiseCiphers: [Cipher]
  public var groupCipher: Cipher?
  public var groupManagementCipher: Cipher?
  /// True when an RSN Override element took part.
  public var rsnOverride: Bool
  /// True when the WPA (version 1) element is present.
  public var wpa1: Bool

  public static func classify(_ set: ElementSet, privacy: Bool) -> AdvertisedSecurity {
    let rsnElements = [set.rsn, set.rsnOverride, set.rsnOverride2].compactMap { $0 }
    let base = set.rsn ?? set.rsnOverride ?? set.rsnOverride2
    var profile = AdvertisedSecurity(
      security: .unknown, pmf: .none, akms: [], pairwiseCiphers: [],
      groupCipher: base?.effectiveGroupCipher ?? set.wpa?.effectiveGroupCipher,
      groupManagementCipher: base?.effectiveGroupManagementCipher,
      rsnOverride: set.rsnOverride != nil || set.rsnOverride2 != nil,
      wpa1: set.wpa != nil)

    if rsnElements.isEmpty && set.wpa == nil {
      profile.security = set.securityElementDamaged ? .unknown : privacy ? .wep : .open
      if privacy { profile.pairwiseCiphers = [] }
      return profile
    }
    if rsnElements.contains(where: \.damaged) || set.wpa?.damaged == true {
      profile.security = .unknown
      return profile
    }
    if let base {
      profile.pmf = base.mfpRequired ? .required : base.mfpCapable ? .capable : .none
    }

    let rsnAKMs = unique(rsnElements.flatMap(\.effectiveAKMs))
    let wpaAKMs = set.wpa?.effectiveAKMs ?? []
    profile.akms = unique(rsnAKMs + wpaAKMs)
    profile.pairwiseCiphers = unique(
      rsnElements.flatMap(\.effectivePairwiseCiphers) + (set.wpa?.effectivePairwiseCiphers ?? []))

    let rsn = Set(rsnAKMs.map(\.family).map(FamilyKind.init))
    let wpa = Set(wpaAKMs.map(\.family).map(FamilyKind.init))
    let enterpriseHashes = rsnAKMs.compactMap { akm -> AKMFamily.EnterpriseHash? in
      if case .enterprise(let hash) = akm.family { return hash }
      return nil
    }
    let personal = rsn.contains(.psk) || rsn.contains(.sae) || wpa.contains(.psk)
    let enterprise = rsn.contains(.enterprise) || wpa.contains(.enterprise)
    let owe = rsn.contains(.owe)
    guard [personal, enterprise, owe].filter({ $0 }).count == 1 else {
      profile.security = .unknown
      return profile
    }

    if owe {
      profile.security = .owe
    } else if personal {
      switch (rsn.contains(.sae), rsn.contains(.psk) || wpa.contains(.psk), rsn.contains(.psk)) {
      case (true, false, _): profile.security = .wpa3Personal
      case (true, true, _): profile.security = .wpa2Wpa3Personal
      case (false, _, true):
        profile.security = wpa.contains(.psk) ? .wpaWpa2Personal : .wpa2Personal
      default: profile.security = .wpaPersonal
      }
    } else if !rsn.contains(.enterprise) {
      profile.security = .wpaEnterprise
    } else if wpa.contains(.enterprise) {
      profile.security = .wpaWpa2Enterprise
    } else if enterpriseHashes.allSatisfy({ $0 == .suiteB192 }) {
      profile.security = .wpa3Enterprise192
    } else if profile.pmf == .required && !enterpriseHashes.contains(.sha1) {
      // WFA WPA3 "WPA3-Enterprise only mode": SHA-256 (or stronger) AKMs, PMF required.
      profile.security = .wpa3Enterprise
    } else {
      profile.security = .wpa2Enterprise
    }
    return profile
  }

  /// The coarse kinds of AKM that decide the class.
  private enum FamilyKind: Hashable {
    case psk, sae, enterprise, owe, other
    init(_ family: AKMFamily) {
      switch family {
      case .psk: self = .psk
      case .sae: self = .sae
      case .enterprise: self = .enterprise
      case .owe: self = .owe
      case .other, .unknown: self = .other
      }
    }
  }

  private static func unique<T: Hashable>(_ items: [T]) -> [T] {
    var seen: Set<T> = []
    return items.filter { seen.insert($0).inserted }
  }
}
