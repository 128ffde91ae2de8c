import WifiRiskCore
import WifiRiskIwd
import WifiRiskSupplicant

/// The programs that make Wi-Fi connections, and how each is asked to end one so that it
/// stays ended: iwd (`Station.Disconnect` over D-Bus), NetworkManager (`Device.Disconnect`
/// over D-Bus, what `nmcli device disconnect` does: NetworkManager then does not join again on
/// its own), wpa_supplicant (`DISCONNECT` on its control socket, what `wpa_cli disconnect`
/// sends: it stays disconnected until told to reconnect).
public enum ConnectionManager: String, CaseIterable, Sendable {
  case iwd
  case networkManager = "NetworkManager"
  case wpaSupplicant = "wpa_supplicant"

  static let networkManagerService = "org.freedesktop.NetworkManager"
  static let supplicantDirectories = ["/run/wpa_supplicant", "/var/run/wpa_supplicant"]

  /// Disconnects `interface` through the first manager, in this order, that manages it
  /// (NetworkManager before wpa_supplicant: NetworkManager drives a wpa_supplicant of its
  /// own). Returns the manager; throws with what each one said when none did it.
  public static func disconnect(interface: String, timeout: Duration = .seconds(5))
    throws(Failure) -> ConnectionManager
  {
    var notes: [String] = []
    for manager in allCases {
      switch manager.disconnect(interface: interface, timeout: timeout) {
      case .disconnected: return manager
      case .notManaging: continue
      case .failed(let why): notes.append("\(manager.rawValue): \(why)")
      }
    }
    let name = DisplayText.escapeText(interface)
    throw Failure(
      message: "no connection manager disconnected \(name)"
        + (notes.isEmpty
          ? ": none of iwd, NetworkManager, wpa_supplicant manages it"
          : " (\(notes.joined(separator: "; ")))"))
  }

  enum Outcome: Equatable {
    case disconnected
    /// It does not manage the interface, or is not running.
    case notManaging
    case failed(String)
  }

  func disconnect(interface: String, timeout: Duration) -> Outcome {
    switch self {
    case .iwd:
      do {
        let client = try IwdClient(timeout: timeout)
        guard let station = try client.station(interface: interface) else { return .notManaging }
        try client.disconnect(station)
        return .disconnected
      } catch {
        return Self.outcome(error)
      }
    case .networkManager:
      do {
        let bus = try BusConnection()
        let service = Self.networkManagerService
        let reply = try bus.call(
          service, "/org/freedesktop/NetworkManager", service, "GetDeviceByIpIface",
          arguments: [interface], timeout: timeout)
        guard let path = reply.first?.text else { return .notManaging }
        let managed = try bus.call(
          service, path, "org.freedesktop.DBus.Properties", "Get",
          arguments: [service + ".Device", "Managed"], timeout: timeout)
        guard managed.first?.boolean == true else { return .notManaging }
        _ = try bus.call(service, path, service + ".Device", "Disconnect", timeout: timeout)
        return .disconnected
      } catch {
        return Self.outcome(error)
      }
    case .wpaSupplicant:
      guard
        let reply = SupplicantControl.request(
          "DISCONNECT", interface: interface, directories: Self.supplicantDirectories,
          timeout: timeout)
      else { return .notManaging }
      let text = reply.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      return text == "OK" ? .disconnected : .failed("DISCONNECT: \(DisplayText.escapeText(text))")
    }
  }

  /// Not running, no bus, or no such device: it does not manage the interface.
  static func outcome(_ error: BusError) -> Outcome {
    if error.isServiceMissing { return .notManaging }
    switch error {
    case .connect: return .notManaging
    case .remote(_, "org.freedesktop.NetworkManager.UnknownDevice", _): return .notManaging
    default: return .failed(error.description)
    }
  }
}
