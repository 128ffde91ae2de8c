import WifiRiskCore
import WifiRiskNetlink
import WifiRiskSupplicant

/// Reading the air through nl80211: the kernel's scan table, triggered scans, and the
/// station the interface is connected to.
final class NL80211Source: ScanSource {
  let client: NL80211Client
  let chosen: WirelessInterface
  let ifindex: Int32
  let interfaceName: String
  var kind: String { "nl80211" }
  var standingNotes: [String] { [] }

  init(client: consuming NL80211Client, interface: WirelessInterface) throws(Failure) {
    guard let ifindex = interface.ifindex else {
      throw Failure(message: NetlinkError.noSuchInterface(0).description)
    }
    self.client = client
    self.chosen = interface
    self.ifindex = ifindex
    self.interfaceName = interface.name ?? "ifindex \(ifindex)"
  }

  func cached() throws(Failure) -> ScanReading {
    let dump = try LiveScanner.netlink { () throws(NetlinkError) in
      try client.scanDumpReport(ifindex: ifindex)
    }
    return ScanReading(
      records: dump.records,
      problems: dump.problems.map { "skipped a malformed nl80211 scan entry: \($0)" })
  }

  func scan(
    frequencies: [Int], ssids: [[UInt8]], timeout: Duration,
    progress: (@Sendable (Duration) -> Void)?
  ) throws(ScanTriggerFailure) -> FreshReading {
    do {
      let outcome = try client.triggerScan(
        ifindex: ifindex, frequencies: frequencies, ssids: ssids, timeout: timeout,
        progress: progress)
      let dump = try client.scanDumpReport(ifindex: ifindex)
      return FreshReading(
        reading: ScanReading(
          records: dump.records,
          problems: dump.problems.map { "skipped a malformed nl80211 scan entry: \($0)" }),
        finished: outcome == .finished, notes: [])
    } catch .permissionDenied {
      throw .permissionDenied
    } catch .busy {
      throw .busy
    } catch {
      throw .failed(Failure(message: LiveScanner.message(for: error)))
    }
  }

  func connection(in records: inout [BSSRecord], wanted: Bool) -> (LiveScan.Connection?, [String]) {
    guard wanted, let current = records.first(where: { $0.status == .associated }) else {
      return (nil, [])
    }
    var connection = LiveScan.Connection(
      record: current,
      station: try? client.station(ifindex: ifindex, mac: current.bssid),
      supplicant: SupplicantControl.status(interface: interfaceName, timeout: .seconds(1)))
    var notes: [String] = []
    if connection.supplicant == nil {
      let (iwd, note) = IwdLink.negotiated(interface: interfaceName)
      connection.iwd = iwd
      if let note { notes.append(note) }
    }
    return (connection, notes)
  }

  func describe() -> WirelessInterface { chosen }
}
