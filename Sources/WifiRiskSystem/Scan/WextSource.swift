import WifiRiskCore
import WifiRiskSupplicant
import WifiRiskWext

/// Reading the air through Wireless Extensions (`--backend wext`, or `auto` when nl80211
/// cannot reach the interface), through `WextClient`.
final class WextSource: ScanSource {
  let client: WextClient
  let chosen: WextInterface
  var interfaceName: String { chosen.name }
  var kind: String { "wext" }
  /// How long reading the driver's results may take.
  let timeout: Duration
  private var link: WextLink?

  init(client: consuming WextClient, interface: WextInterface, timeout: Duration) {
    self.client = client
    self.chosen = interface
    self.timeout = timeout
  }

  /// Opens Wireless Extensions and chooses the interface: `--interface` if given (it must
  /// answer Wireless Extensions); otherwise an associated interface, then a client (Managed)
  /// one, then whatever answers.
  static func open(_ requested: String?, timeout: Duration) throws(Failure) -> WextSource {
    let client: WextClient
    do {
      client = try WextClient()
    } catch {
      throw Failure(message: error.description)
    }
    let chosen = try choose(requested, client)
    return WextSource(client: client, interface: chosen, timeout: timeout)
  }

  private static func choose(_ requested: String?, _ client: borrowing WextClient)
    throws(Failure) -> WextInterface
  {
    let interfaces = client.interfaces()
    if let requested {
      if let match = interfaces.first(where: { $0.name == requested }) { return match }
      let known = interfaces.map { DisplayText.escapeText($0.name) }
      let reason: String
      do {
        _ = try client.protocolName(requested)
        reason =
          "interface \(DisplayText.escapeText(requested)) disappeared while it was being looked at"
      } catch {
        reason = error.description
      }
      throw Failure(
        message: reason
          + (known.isEmpty
            ? "" : " (Wireless Extensions interfaces: \(known.joined(separator: ", ")))"))
    }
    var managed: WextInterface?
    for candidate in interfaces {
      guard let link = try? client.link(candidate.name) else { continue }
      if link.bssid != nil { return candidate }
      if link.mode == WextFlags.modeManaged && managed == nil { managed = candidate }
    }
    if let chosen = managed ?? interfaces.first { return chosen }
    throw Failure(
      message: "no interface answers Wireless Extensions (is the Wi-Fi adapter present and its "
        + "driver loaded?)")
  }

  /// True when `requested` (or, without one, any interface) answers Wireless Extensions.
  static func available(_ requested: String?) -> Bool {
    guard let client = try? WextClient() else { return false }
    if let requested { return (try? client.protocolName(requested)) != nil }
    return !client.interfaces().isEmpty
  }

  /// What Wireless Extensions cannot show.
  var standingNotes: [String] {
    var text =
      "read through Wireless Extensions (wext), which cannot show a beacon's elements apart "
      + "from a probe response's (no beacon/probe-response comparison) nor the capability "
      + "field beyond Privacy and ESS/IBSS"
    if !chosen.cfg80211 {
      text +=
        "; this driver may pass only its WPA/RSN elements, so WPS and Interworking "
        + "elements can be missing"
    }
    return [text]
  }

  func cached() throws(Failure) -> ScanReading {
    // Reading without a trigger returns what the driver holds at once.
    do {
      return Self.reading(try client.scanResults(interfaceName, timeout: timeout))
    } catch {
      throw Failure(message: error.description)
    }
  }

  func scan(
    frequencies: [Int], ssids: [[UInt8]], timeout: Duration,
    progress: (@Sendable (Duration) -> Void)?
  ) throws(ScanTriggerFailure) -> FreshReading {
    var notes: [String] = []
    if ssids.count > 1 {
      notes.append(
        "Wireless Extensions probe one network name per scan: only "
          + "\(DisplayText.escape(ssids[0])) was probed")
    }
    do {
      try client.triggerScan(interfaceName, frequencies: frequencies, ssid: ssids.first)
      let scan = try client.scanResults(interfaceName, timeout: timeout, progress: progress)
      return FreshReading(reading: Self.reading(scan), finished: true, notes: notes)
    } catch .permissionDenied {
      throw .permissionDenied
    } catch .busy {
      throw .busy
    } catch {
      throw .failed(Failure(message: error.description))
    }
  }

  static func reading(_ scan: WextScan) -> ScanReading {
    ScanReading(
      records: scan.records,
      problems: scan.issues.map { "Wireless Extensions scan stream: \($0)" })
  }

  func connection(in records: inout [BSSRecord], wanted: Bool) -> (LiveScan.Connection?, [String]) {
    link = try? client.link(interfaceName)
    guard let bssid = link?.bssid else { return (nil, []) }
    guard let index = records.firstIndex(where: { $0.bssid == bssid }) else {
      return (
        nil,
        wanted
          ? [
            "connected to \(bssid), which is not in the scan results; scan again (--fresh) to "
              + "rate it"
          ] : []
      )
    }
    records[index].status = .associated
    guard wanted else { return (nil, []) }
    let connection = LiveScan.Connection(
      record: records[index], station: nil,
      supplicant: SupplicantControl.status(interface: interfaceName, timeout: .seconds(1)))
    return (connection, [])
  }

  /// Wireless Extensions name no radio: `wiphy` is the cfg80211 phy index when sysfs has
  /// one, else 0.
  func describe() -> WirelessInterface {
    WirelessInterface(
      name: interfaceName, ifindex: chosen.ifindex, wiphy: chosen.phy ?? 0,
      type: Self.interfaceType(link?.mode),
      ssid: link?.bssid == nil ? nil : link?.essid, frequency: link?.frequencyMHz)
  }

  static func interfaceType(_ mode: UInt32?) -> WirelessInterfaceType {
    switch mode {
    case WextFlags.modeAdHoc: .adhoc
    case WextFlags.modeManaged: .station
    case WextFlags.modeMaster: .accessPoint
    case WextFlags.modeMonitor: .monitor
    case WextFlags.modeMesh: .meshPoint
    default: .unspecified
    }
  }
}
