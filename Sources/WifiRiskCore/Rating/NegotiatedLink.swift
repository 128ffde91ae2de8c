/// What a connection actually uses, as the client daemon that made it says: wpa_supplicant
/// (its `STATUS`) or iwd (its station diagnostics). Names follow wpa_supplicant's, whoever
/// said them.
public struct NegotiatedLink: Sendable, Equatable {
  public enum Source: String, Sendable {
    case wpaSupplicant = "wpa_supplicant"
    case iwd
  }

  public var source: Source
  /// The access point the daemon is connected to, when it says.
  public var bssid: MACAddress?
  public var keyManagement: String?
  public var pairwiseCipher: String?
  public var groupCipher: String?
  public var managementGroupCipher: String?
  /// Whether management frames are protected; nil when the daemon does not say.
  public var pmfInUse: Bool?
  public var security: Security?
  /// wpa_supplicant's `wpa_state`; nil for iwd.
  public var state: String?

  public init(_ status: SupplicantStatus) {
    source = .wpaSupplicant
    bssid = status.bssid
    keyManagement = status.keyManagement
    pairwiseCipher = status.pairwiseCipher
    groupCipher = status.groupCipher
    managementGroupCipher = status.managementGroupCipher
    pmfInUse = status.pmfInUse
    security = status.negotiatedSecurity
    state = status.wpaState
  }

  public init(_ diagnostics: IwdDiagnostics) {
    source = .iwd
    bssid = diagnostics.connectedBSS
    keyManagement = diagnostics.keyManagement
    pairwiseCipher = diagnostics.pairwiseCipherName
    pmfInUse = diagnostics.pmfInUse
    security = diagnostics.negotiatedSecurity
  }
}
