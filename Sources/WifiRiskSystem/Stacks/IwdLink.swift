import WifiRiskCore
import WifiRiskIwd

/// What iwd negotiated on an interface, asked when no wpa_supplicant answers: iwd's station
/// diagnostics over the system D-Bus. libsystemd is loaded only here, on first use.
enum IwdLink {
  /// The diagnostics, or nil with a note when iwd runs but could not tell (no permission,
  /// no libsystemd); nil without a note when iwd is not running or not connected there.
  static func negotiated(interface: String) -> (IwdDiagnostics?, note: String?) {
    do {
      return (try IwdClient.negotiated(interface: interface), nil)
    } catch .remote(_, "org.freedesktop.DBus.Error.AccessDenied", _) {
      return (
        nil,
        "iwd manages \(DisplayText.escapeText(interface)) but answers only root and the netdev "
          + "group: the negotiated security is not known"
      )
    } catch .connect {
      return (nil, nil)  // no system bus: no iwd either
    } catch {
      return (
        nil, "iwd could not be asked what \(DisplayText.escapeText(interface)) negotiated: \(error)"
      )
    }
  }
}
