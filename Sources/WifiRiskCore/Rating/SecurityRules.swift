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
/// elements (WPA3 compatibility mode): a client that understands RSN overriding reads those,
/// so a WPA2 RSN element beside a WPA3 override is offered as WPA2/WPA3. The two ways in are
/// also rated apart (`legacy`: the RSN and WPA elements, what a client without RSN
/// overriding joins with; `override`: the override elements), and `pmf` is that of the way
/// this machine's client uses (`clientPath`).
///
/// No false "safe":
/// - the Privacy bit clear means the access point does not encrypt, whatever else the
///   beacon claims: `open`, with a `contradiction` anomaly naming the element;
/// - pairwise ciphers that are all "none" (the "use group" selector with no group cipher,
///   00-0F-AC:0 and 00-50-F2:0) encrypt nothing: `open`, with a `contradiction` anomaly;
/// - no pairwise cipher a client can use (only unknown or management suites), or a group
///   cipher that is none, unknown or a management suite: `unknown`;
/// - the weakest of the two ways decides when one of them is open or unknown.
public struct AdvertisedSecurity: HoldsSecurityOffer, Sendable, Equatable {
  /// The network as a whole, read as `advertised.security`, `advertised.akms` and so on:
  /// the class (the weakest way in decides), the PMF of the way this machine's client
  /// joins, and every suite of every way in (RSN first, then the WPA element's, without
  /// repeats).
  public var offer: SecurityOffer
  /// True when an RSN Override element took part.
  public var rsnOverride: Bool
  /// True when the WPA (version 1) element is present.
  public var wpa1: Bool
  /// What a client without RSN overriding joins with: the RSN and WPA elements. Nil when
  /// the access point sends neither, or when it does not encrypt at all.
  public var legacy: SecurityPath?
  /// What a client with RSN overriding joins with: RSN Override 2 and RSN Override (the
  /// first preferred). Nil without override elements.
  public var override: SecurityPath?
  /// Which of the two this machine's client uses.
  public var clientPath: RSNPath
  /// Contradictions between what the access point claims and what it does, as anomalies
  /// (the Privacy bit clear beside an RSN element, ciphers that are none).
  public var contradictions: [Anomaly]

  /// The way in this machine's client uses; nil for open, WEP and unknown networks
  /// without a usable RSN or WPA element.
  public var clientPathSecurity: SecurityPath? {
    clientPath == .override ? (override ?? legacy) : (legacy ?? override)
  }

  /// WPA3 compatibility mode: override elements beside an RSN element that says less.
  public var compatibilityMode: Bool {
    guard let legacy, let override else { return false }
    return legacy.security != override.security || legacy.pmf != override.pmf
  }

  public static func classify(
    _ set: ElementSet, privacy: Bool, privacyKnown: Bool = true,
    clientUsesRSNOverriding: Bool = false
  ) -> AdvertisedSecurity {
    let overrides = [set.rsnOverride2, set.rsnOverride].compactMap { $0 }
    let everyRSN = [set.rsn].compactMap { $0 } + overrides
    let union = SecurityPath.classify(rsn: everyRSN, wpa: set.wpa)
    var offer = union.offer
    (offer.security, offer.pmf) = (.unknown, .none)
    var profile = AdvertisedSecurity(
      offer: offer, rsnOverride: !overrides.isEmpty, wpa1: set.wpa != nil, legacy: nil,
      override: nil,
      clientPath: clientUsesRSNOverriding && !overrides.isEmpty ? .override : .legacy,
      contradictions: [])

    let claimsSecurity = !everyRSN.isEmpty || set.wpa != nil || set.securityElementDamaged
    if privacyKnown && !privacy {
      // Nothing is encrypted without the Privacy bit: a client joins such a network open.
      if claimsSecurity {
        let first = set.order.first {
          ["RSN", "WPA", "RSN Override", "RSN Override 2"].contains($0.name)
        }
        profile.contradictions.append(
          Anomaly(
            offset: first?.offset ?? 0, element: first?.name ?? "RSN", kind: .contradiction,
            detail: "the Privacy bit is clear, so nothing is encrypted, yet the access point "
              + "sends this security element"))
      }
      profile.security = .open
      return profile
    }
    if everyRSN.isEmpty && set.wpa == nil {
      profile.security = set.securityElementDamaged ? .unknown : privacy ? .wep : .open
      return profile
    }
    if everyRSN.contains(where: \.damaged) || set.wpa?.damaged == true {
      return profile
    }

    if set.rsn != nil || set.wpa != nil {
      profile.legacy = SecurityPath.classify(rsn: [set.rsn].compactMap { $0 }, wpa: set.wpa)
    }
    if !overrides.isEmpty {
      profile.override = SecurityPath.classify(rsn: overrides, wpa: nil)
    }
    // The weakest way in decides when one of them encrypts nothing or cannot be used.
    var security = union.security
    for path in [profile.legacy, profile.override].compactMap({ $0 })
    where path.cipherVerdict != nil && path.security.strength < security.strength {
      security = path.security
    }
    if let verdict = union.cipherVerdict, verdict.strength < security.strength {
      security = verdict
    }
    profile.security = security
    for path in [profile.legacy, profile.override].compactMap({ $0 }) {
      for problem in path.cipherProblems where !profile.contradictions.contains(problem) {
        profile.contradictions.append(problem)
      }
    }
    profile.pmf = security == .open ? .none : profile.clientPathSecurity?.pmf ?? .none
    return profile
  }
  /// The items without repeats, in their first order. An element lists a few suites, so a
  /// linear look-back costs less than hashing them.
  static func unique<T: Equatable>(_ items: [T]) -> [T] {
    var out: [T] = []
    out.reserveCapacity(items.count)
    for item in items where !out.contains(item) { out.append(item) }
    return out
  }
}

/// Which elements a client joins with: `legacy` (the RSN element, or the WPA element) or
/// `override` (the RSN Override elements, read only by clients with RSN overriding, such as
/// wpa_supplicant with `rsn_overriding=1` on a driver that supports it).
public enum RSNPath: String, Sendable, Equatable {
  case legacy, override
}

/// What a network, or one way into it, offers a client: its class, its management frame
/// protection and its suites.
public struct SecurityOffer: Sendable, Equatable {
  public var security: Security
  public var pmf: PMF
  public var akms: [AKM]
  public var pairwiseCiphers: [Cipher]
  public var groupCipher: Cipher?
  public var groupManagementCipher: Cipher?
}

/// A value built around a `SecurityOffer`, whose fields read as its own
/// (`advertised.security` is `advertised.offer.security`).
@dynamicMemberLookup
public protocol HoldsSecurityOffer {
  var offer: SecurityOffer { get set }
}

extension HoldsSecurityOffer {
  public subscript<Value>(dynamicMember field: WritableKeyPath<SecurityOffer, Value>) -> Value {
    get { offer[keyPath: field] }
    set { offer[keyPath: field] = newValue }
  }
}

/// One way into a network: the class, PMF and suites of a set of RSN-form elements (and
/// the WPA element beside them, for the legacy way), read as `path.security`, `path.akms`
/// and so on.
public struct SecurityPath: HoldsSecurityOffer, Sendable, Equatable {
  public var offer: SecurityOffer
  /// The pairwise ciphers a client can use for its own traffic: "use group" replaced by
  /// the group cipher; unknown and management suites left out.
  public var dataCiphers: [Cipher]
  /// Set when the ciphers alone decide the class: `open` (they are all none) or `unknown`
  /// (none usable, or an impossible group cipher).
  public var cipherVerdict: Security?
  /// The cipher contradictions found, as anomalies of the element they are in.
  public var cipherProblems: [Anomaly]

  /// True when TKIP is the only cipher a client can use for its own traffic.
  public var tkipOnly: Bool { !dataCiphers.isEmpty && dataCiphers.allSatisfy { $0 == .tkip } }

  /// Classifies the RSN-form elements (RSN, or the overrides; the first one's capabilities
  /// give PMF) together with the WPA element. Damaged elements are the caller's business.
  static func classify(rsn rsnElements: [RSNElement], wpa: RSNElement?) -> SecurityPath {
    let base = rsnElements.first
    let groupCipher = base?.effectiveGroupCipher ?? wpa?.effectiveGroupCipher
    var path = SecurityPath(
      offer: SecurityOffer(
        security: .unknown, pmf: .none, akms: [], pairwiseCiphers: [], groupCipher: groupCipher,
        groupManagementCipher: base?.effectiveGroupManagementCipher),
      dataCiphers: [], cipherVerdict: nil, cipherProblems: [])
    if let base {
      path.pmf = base.mfpRequired ? .required : base.mfpCapable ? .capable : .none
    }
    let rsnAKMs = AdvertisedSecurity.unique(rsnElements.flatMap(\.effectiveAKMs))
    let wpaAKMs = wpa?.effectiveAKMs ?? []
    path.akms = AdvertisedSecurity.unique(rsnAKMs + wpaAKMs)
    path.pairwiseCiphers = AdvertisedSecurity.unique(
      rsnElements.flatMap(\.effectivePairwiseCiphers) + (wpa?.effectivePairwiseCiphers ?? []))
    path.security = familyClass(rsnAKMs: rsnAKMs, wpaAKMs: wpaAKMs, pmf: path.pmf)
    checkCiphers(&path, elements: rsnElements + [wpa].compactMap { $0 })
    if let verdict = path.cipherVerdict { path.security = verdict }
    if path.security == .open { path.pmf = .none }
    return path
  }

  /// The data ciphers of each element, and what they leave a client with.
  static func checkCiphers(_ path: inout SecurityPath, elements: [RSNElement]) {
    var data: [Cipher] = []
    var allNone = true
    var badGroup: Cipher?
    for element in elements {
      let group = element.effectiveGroupCipher
      if !group.isValidGroup { badGroup = badGroup ?? group }
      for cipher in element.effectivePairwiseCiphers {
        let resolved = cipher == .useGroup ? group : cipher
        if resolved == .useGroup { continue }
        allNone = false
        if resolved.isDataCipher { data.append(resolved) }
      }
    }
    path.dataCiphers = AdvertisedSecurity.unique(data)
    let name = elements.first.map { elementName($0.flavour) } ?? "RSN"
    if allNone {
      path.cipherVerdict = .open
      path.cipherProblems.append(
        Anomaly(
          offset: elements.first?.offset ?? 0, element: name, kind: .contradiction,
          detail: "every pairwise cipher is none, so nothing is encrypted"))
    } else if path.dataCiphers.isEmpty {
      path.cipherVerdict = .unknown
      path.cipherProblems.append(
        Anomaly(
          offset: elements.first?.offset ?? 0, element: name, kind: .contradiction,
          detail: "no pairwise cipher a client can use"))
    } else if let badGroup {
      path.cipherVerdict = .unknown
      path.cipherProblems.append(
        Anomaly(
          offset: elements.first?.offset ?? 0, element: name, kind: .contradiction,
          detail: "group cipher \(badGroup == .useGroup ? "none" : badGroup.name) cannot protect "
            + "broadcast traffic"))
    }
  }

  static func elementName(_ flavour: RSNElement.Flavour) -> String {
    switch flavour {
    case .rsn: "RSN"
    case .wpa: "WPA"
    case .rsnOverride: "RSN Override"
    case .rsnOverride2: "RSN Override 2"
    }
  }

  /// The class the AKMs give (see the table on `AdvertisedSecurity`).
  static func familyClass(rsnAKMs: [AKM], wpaAKMs: [AKM], pmf: PMF) -> Security {
    let rsn = Set(rsnAKMs.map(\.family).map(FamilyKind.init))
    let wpa = Set(wpaAKMs.map(\.family).map(FamilyKind.init))
    let enterpriseHashes = rsnAKMs.compactMap { akm -> AKMFamily.EnterpriseHash? in
      if case .enterprise(let hash) = akm.family { return hash }
      return nil
    }
    let personal = rsn.contains(.psk) || rsn.contains(.sae) || wpa.contains(.psk)
    let enterprise = rsn.contains(.enterprise) || wpa.contains(.enterprise)
    let owe = rsn.contains(.owe)
    guard [personal, enterprise, owe].filter({ $0 }).count == 1 else { return .unknown }

    if owe { return .owe }
    if personal {
      switch (rsn.contains(.sae), rsn.contains(.psk) || wpa.contains(.psk), rsn.contains(.psk)) {
      case (true, false, _): return .wpa3Personal
      case (true, true, _): return .wpa2Wpa3Personal
      case (false, _, true): return wpa.contains(.psk) ? .wpaWpa2Personal : .wpa2Personal
      default: return .wpaPersonal
      }
    }
    if !rsn.contains(.enterprise) { return .wpaEnterprise }
    if wpa.contains(.enterprise) { return .wpaWpa2Enterprise }
    if enterpriseHashes.allSatisfy({ $0 == .suiteB192 }) { return .wpa3Enterprise192 }
    // WFA WPA3 "WPA3-Enterprise only mode": SHA-256 (or stronger) AKMs, PMF required.
    if pmf == .required && !enterpriseHashes.contains(.sha1) { return .wpa3Enterprise }
    return .wpa2Enterprise
  }

  /// The coarse kinds of AKM that decide the class.
  enum FamilyKind: Hashable {
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
}
