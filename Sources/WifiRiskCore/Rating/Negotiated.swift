/// What a connection actually uses, from wpa_supplicant's `STATUS` (as opposed to what the
/// access point offers).
extension SupplicantStatus {
  /// True when management frames are protected on this link: a management group cipher
  /// was negotiated, or `pmf=` says so.
  public var pmfInUse: Bool? {
    if managementGroupCipher != nil { return true }
    return pmf.map { $0 > 0 }
  }

  /// The security class of the negotiated key management, from wpa_supplicant's names.
  public var negotiatedSecurity: Security? {
    guard let key = keyManagement?.uppercased() else { return nil }
    switch key {
    case "NONE": return .open
    case "OWE": return .owe
    case "SAE", "FT-SAE", "SAE-EXT-KEY", "FT-SAE-EXT-KEY": return .wpa3Personal
    case "WPA2-PSK", "FT-PSK", "WPA2-PSK-SHA256", "PSK-SHA384", "FT-PSK-SHA384":
      return .wpa2Personal
    case "WPA-PSK": return .wpaPersonal
    case "WPA/IEEE 802.1X/EAP": return .wpaEnterprise
    case "WPA2-EAP-SUITE-B-192", "FT-EAP-SHA384": return .wpa3Enterprise192
    case "WPA2-EAP-SHA256", "WPA2-EAP-SHA384":
      return pmf == 2 ? .wpa3Enterprise : .wpa2Enterprise
    case "WPA2/IEEE 802.1X/EAP", "FT-EAP", "WPA2-EAP-SUITE-B": return .wpa2Enterprise
    default: return nil
    }
  }
}

extension NegotiatedLink {
  /// wpa_supplicant's `key_mgmt=` names for the AKMs that tell the two ways into a WPA3
  /// compatibility-mode network apart.
  static let keyManagementAKMs: [String: [AKM]] = [
    "WPA2-PSK": [.psk], "FT-PSK": [.ftPsk], "WPA2-PSK-SHA256": [.pskSHA256],
    "PSK-SHA384": [.pskSHA384], "FT-PSK-SHA384": [.ftPskSHA384], "WPA-PSK": [.psk],
    "SAE": [.sae], "FT-SAE": [.ftSae], "SAE-EXT-KEY": [.saeExtKey],
    "FT-SAE-EXT-KEY": [.ftSaeExtKey], "OWE": [.owe],
    "WPA2/IEEE 802.1X/EAP": [.ieee8021x], "FT-EAP": [.ft8021x],
    "WPA2-EAP-SHA256": [.ieee8021xSHA256], "WPA2-EAP-SHA384": [.ieee8021xSHA384],
    "FT-EAP-SHA384": [.ft8021xSHA384], "WPA2-EAP-SUITE-B": [.suiteB],
    "WPA2-EAP-SUITE-B-192": [.suiteB192],
  ]

  /// Which way into a compatibility-mode network this connection took: the negotiated
  /// AKM (then the pairwise cipher) offered by only one of the two. Nil when the network
  /// has no override elements or the negotiated values fit both.
  public func rsnPath(_ advertised: AdvertisedSecurity) -> RSNPath? {
    guard let legacy = advertised.legacy, let override = advertised.override,
      let key = keyManagement?.uppercased(), let akms = Self.keyManagementAKMs[key]
    else { return nil }
    let inLegacy = akms.contains { legacy.akms.contains($0) }
    let inOverride = akms.contains { override.akms.contains($0) }
    if inLegacy != inOverride { return inOverride ? .override : .legacy }
    guard inLegacy, let cipher = pairwiseCipher?.uppercased() else { return nil }
    let names: [String: Cipher] = [
      "CCMP": .ccmp128, "CCMP-256": .ccmp256, "GCMP": .gcmp128, "GCMP-256": .gcmp256,
      "TKIP": .tkip,
    ]
    guard let used = names[cipher] else { return nil }
    let cipherInLegacy = legacy.dataCiphers.contains(used)
    let cipherInOverride = override.dataCiphers.contains(used)
    guard cipherInLegacy != cipherInOverride else { return nil }
    return cipherInOverride ? .override : .legacy
  }
}

extension SupplicantStatus {
  /// Which way into a compatibility-mode network this connection took (see
  /// `NegotiatedLink.rsnPath`).
  public func rsnPath(_ advertised: AdvertisedSecurity) -> RSNPath? {
    NegotiatedLink(self).rsnPath(advertised)
  }
}
