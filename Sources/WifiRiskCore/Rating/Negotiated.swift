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
