import ArgumentParser
import Foundation
import WifiRiskCore
import WifiRiskNetlink
import WifiRiskWext

/// Options shared by the commands that read the air: `now`, `scan` and `check`.
struct LiveScanOptions: ParsableArguments {
  @Option(name: [.short, .long], help: "Wireless interface to use (default: the connected one).")
  var interface: String?

  @Flag(help: "Always trigger a fresh scan (needs root or CAP_NET_ADMIN).")
  var fresh = false

  @Flag(help: "Never trigger a scan; use the kernel's cached results only.")
  var cached = false

  @Option(
    name: .customLong("freq"),
    help: ArgumentHelp(
      "Limit a fresh scan to this frequency in MHz (repeatable).", valueName: "MHz"))
  var frequencies: [Int] = []

  @Option(
    name: .customLong("probe-ssid"),
    help: ArgumentHelp(
      "Also probe for this network name in a fresh scan, to reveal a hidden network (repeatable).",
      valueName: "SSID"))
  var probeSSIDs: [String] = []

  @Option(help: "Scan again when the cached results are older than this many seconds.")
  var maxAge: Int = 30

  @Option(help: "Give up on a fresh scan after this many seconds.")
  var timeout: Int = 15

  @Option(
    help: ArgumentHelp(
      "How to read the air: nl80211, wext (Wireless Extensions, for drivers without nl80211) "
        + "or auto (nl80211; Wireless Extensions only when nl80211 cannot reach the interface).",
      valueName: "backend"))
  var backend: ScanBackend = .auto

  func validate() throws {
    if fresh && cached { throw ValidationError("--fresh and --cached exclude each other.") }
    if maxAge < 0 { throw ValidationError("--max-age must be 0 or more seconds.") }
    guard (1...300).contains(timeout) else {
      throw ValidationError("--timeout must be between 1 and 300 seconds.")
    }
    for frequency in frequencies where !(2400...71000).contains(frequency) {
      throw ValidationError("--freq \(frequency) is not a Wi-Fi frequency in MHz (e.g. 2412).")
    }
    for ssid in probeSSIDs where ssid.utf8.count > 32 {
      throw ValidationError("--probe-ssid: a network name has at most 32 bytes.")
    }
  }
}

/// The kernel interface a live scan reads the air through.
enum ScanBackend: String, CaseIterable, ExpressibleByArgument {
  case auto
  case nl80211
  /// Wireless Extensions (ioctls, through libiw): older drivers, kernels without nl80211.
  case wext
}

/// The result of reading the air through nl80211 (or Wireless Extensions): where a live
/// scan comes from.
struct LiveScan {
  var interface: WirelessInterface
  var interfaceName: String
  var capture: ScanSnapshot
  /// True when this run triggered a scan and it finished.
  var fresh: Bool
  /// Age of the freshest cached entry when the cache was read, in milliseconds.
  var cacheAgeMs: Int?
  /// Things a person should know about how the results were obtained.
  var notes: [String]
  var connection: Connection?

  struct Connection {
    var record: BSSRecord
    var station: StationInfo?
    var supplicant: SupplicantStatus?
  }
}

enum LiveScanner {
  static func run(_ options: LiveScanOptions, wantConnection: Bool) throws(CommandFailure)
    -> LiveScan
  {
    if options.backend == .wext {
      return try WextLiveScan.run(options, wantConnection: wantConnection, notes: [])
    }
    guard let client = try openNL80211(options) else {
      return try WextLiveScan.run(
        options, wantConnection: wantConnection,
        notes: ["nl80211 is not available; reading the air through Wireless Extensions"])
    }
    let interfaces = try netlink { () throws(NetlinkError) in
      try client.interfaces().filter { $0.ifindex != nil && $0.name != nil }
    }
    if options.backend == .auto,
      let reason = WextLiveScan.fallbackReason(
        options.interface, nl80211Names: interfaces.compactMap(\.name))
    {
      return try WextLiveScan.run(options, wantConnection: wantConnection, notes: [reason])
    }
    let chosen = try choose(options.interface, from: interfaces)
    return try netlink { () throws(NetlinkError) in
      try scan(client, chosen, options, wantConnection: wantConnection)
    }
  }

  /// The nl80211 client; nil when nl80211 is missing and `--backend auto` can read the air
  /// through Wireless Extensions instead.
  static func openNL80211(_ options: LiveScanOptions) throws(CommandFailure) -> NL80211Client? {
    do {
      return try NL80211Client()
    } catch .nl80211Unavailable
      where options.backend == .auto
      && WextLiveScan.available(options.interface)
    {
      return nil
    } catch {
      throw CommandFailure(message: message(for: error))
    }
  }

  /// Runs a netlink step, turning its error into a one-line command failure.
  static func netlink<T: ~Copyable>(_ body: () throws(NetlinkError) -> T) throws(CommandFailure)
    -> T
  {
    do {
      return try body()
    } catch {
      throw CommandFailure(message: message(for: error))
    }
  }

  static func message(for error: NetlinkError) -> String {
    switch error {
    case .nl80211Unavailable:
      return
        "nl80211 is not available: this kernel has no cfg80211 Wi-Fi support loaded (no Wi-Fi "
        + "hardware or driver?); to rate a saved scan instead, run `wifirisk review FILE`"
    default:
      return error.description
    }
  }

  private static func scan(
    _ client: borrowing NL80211Client, _ chosen: WirelessInterface, _ options: LiveScanOptions,
    wantConnection: Bool
  ) throws(NetlinkError) -> LiveScan {
    let name = chosen.name ?? "?"
    guard let ifindex = chosen.ifindex else { throw NetlinkError.noSuchInterface(0) }

    var notes: [String] = []
    var records = try client.scanDump(ifindex: ifindex)
    let cacheAge = records.compactMap(\.seenMsAgo).min()
    let stale = records.isEmpty || (cacheAge ?? Int.max) > options.maxAge * 1000
    var fresh = false
    if options.fresh || (!options.cached && stale) {
      if !options.fresh && !Privilege.hasNetAdmin {
        notes.append(
          "showing the kernel's cached scan\(ageText(cacheAge)); a fresh scan needs root or "
            + "CAP_NET_ADMIN (sudo wifirisk … --fresh)")
      } else {
        let progress = Progress(interface: name)
        defer { progress.finish() }
        do {
          let outcome = try client.triggerScan(
            ifindex: ifindex, frequencies: options.frequencies,
            ssids: options.probeSSIDs.map { Array($0.utf8) },
            timeout: .seconds(options.timeout), progress: progress.update)
          if outcome == .aborted {
            notes.append("the scan was aborted by the kernel; showing what it had found")
          }
          fresh = outcome == .finished
          records = try client.scanDump(ifindex: ifindex)
        } catch .permissionDenied {
          notes.append(
            "a fresh scan needs root or CAP_NET_ADMIN; showing the kernel's cached scan"
              + ageText(cacheAge))
        } catch .busy {
          notes.append(
            "another scan is running on \(name); showing the kernel's cached scan"
              + ageText(cacheAge))
        }
      }
    } else {
      notes.append(
        "using the kernel's cached scan\(ageText(cacheAge))"
          + (Privilege.hasNetAdmin ? "" : "; a fresh scan needs root or CAP_NET_ADMIN"))
    }

    var connection: LiveScan.Connection?
    if wantConnection, let current = records.first(where: { $0.status == .associated }) {
      connection = LiveScan.Connection(
        record: current,
        station: try? client.station(ifindex: ifindex, mac: current.bssid),
        supplicant: SupplicantControl.status(interface: name, timeout: .seconds(1)))
    }
    let capture = ScanSnapshot(
      capturedAt: Timestamp.nowRFC3339(), source: "nl80211", interface: name, bss: records)
    return LiveScan(
      interface: chosen, interfaceName: name, capture: capture, fresh: fresh,
      cacheAgeMs: cacheAge, notes: notes, connection: connection)
  }

  /// `--interface` if given; otherwise a connected station interface, then any station
  /// interface, then whatever there is.
  static func choose(_ requested: String?, from interfaces: [WirelessInterface])
    throws(CommandFailure) -> WirelessInterface
  {
    if let requested {
      guard let match = interfaces.first(where: { $0.name == requested }) else {
        let known = interfaces.compactMap(\.name).map { DisplayText.escape(Array($0.utf8)) }
        throw CommandFailure(
          message: "no wireless interface named \(DisplayText.escape(Array(requested.utf8)))"
            + (known.isEmpty ? "" : " (wireless interfaces: \(known.joined(separator: ", ")))"))
      }
      return match
    }
    let stations = interfaces.filter { $0.type == .station }
    if let connected = stations.first(where: { $0.ssid != nil }) { return connected }
    if let station = stations.first { return station }
    if let any = interfaces.first { return any }
    throw CommandFailure(
      message: "no wireless interface found (is the Wi-Fi adapter present and its driver loaded?)")
  }

  static func ageText(_ milliseconds: Int?) -> String {
    guard let milliseconds else { return "" }
    let seconds = milliseconds / 1000
    return seconds < 1 ? " (under a second old)" : " (\(seconds) s old)"
  }
}

/// Whether this process may trigger scans: CAP_NET_ADMIN (bit 12) in its effective set.
enum Privilege {
  static var hasNetAdmin: Bool {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return geteuid() == 0
    }
    for line in status.split(separator: "\n") where line.hasPrefix("CapEff:") {
      let hex = line.dropFirst("CapEff:".count).trimmingCharacters(in: .whitespaces)
      guard let mask = UInt64(hex, radix: 16) else { break }
      return mask & (1 << 12) != 0
    }
    return geteuid() == 0
  }
}

/// A one-line progress indicator on stderr, only when stderr is a terminal.
final class Progress {
  let interface: String
  let enabled = isatty(STDERR_FILENO) == 1

  init(interface: String) { self.interface = interface }

  func update(_ elapsed: Duration) {
    guard enabled else { return }
    let tenths =
      elapsed.components.seconds * 10 + elapsed.components.attoseconds / 100_000_000_000_000_000
    FileHandle.standardError.write(
      Data("\rScanning on \(interface)… \(tenths / 10).\(tenths % 10) s".utf8))
  }

  func finish() {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}

enum Timestamp {
  static func nowRFC3339() -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date())
  }
}

// MARK: - Wireless Extensions

/// Reading the air through Wireless Extensions (`--backend wext`, or `auto` when nl80211
/// cannot reach the interface): the same steps as the nl80211 path (cached results, a fresh
/// scan when they are stale and the process may scan, the current association), through
/// `WextClient`.
enum WextLiveScan {
  /// What Wireless Extensions cannot show, for the notes of every such scan.
  static func limitsNote(cfg80211: Bool) -> String {
    var text =
      "read through Wireless Extensions (wext), which cannot show a beacon's elements apart "
      + "from a probe response's (no beacon/probe-response comparison) nor the capability "
      + "field beyond Privacy and ESS/IBSS"
    if !cfg80211 {
      text +=
        "; this driver may pass only its WPA/RSN elements, so WPS and Interworking "
        + "elements can be missing"
    }
    return text
  }

  /// True when `requested` (or, without one, any interface) answers Wireless Extensions.
  static func available(_ requested: String?) -> Bool {
    guard let client = try? WextClient() else { return false }
    if let requested { return (try? client.protocolName(requested)) != nil }
    return !client.interfaces().isEmpty
  }

  /// Why `auto` reads through Wireless Extensions although nl80211 is there: the requested
  /// interface is not an nl80211 one but answers Wireless Extensions, or nl80211 has no
  /// interface at all while one answers Wireless Extensions (a driver without cfg80211).
  /// Nil when nl80211 should be used.
  static func fallbackReason(_ requested: String?, nl80211Names: [String]) -> String? {
    if let requested {
      guard !nl80211Names.contains(requested), available(requested) else { return nil }
      return "\(DisplayText.escape(Array(requested.utf8))) is not an nl80211 interface; "
        + "reading the air through Wireless Extensions"
    }
    guard nl80211Names.isEmpty, available(nil) else { return nil }
    return "nl80211 lists no wireless interface; reading the air through Wireless Extensions"
  }

  static func run(_ options: LiveScanOptions, wantConnection: Bool, notes initial: [String])
    throws(CommandFailure) -> LiveScan
  {
    let client = try wext { () throws(WextError) in try WextClient() }
    let chosen = try choose(options.interface, client)
    let name = chosen.name
    let timeout = Duration.seconds(options.timeout)
    var notes = initial + [limitsNote(cfg80211: chosen.cfg80211)]

    var scan = try wext { () throws(WextError) in
      try client.scanResults(name, timeout: timeout)
    }
    let cacheAge = scan.records.compactMap(\.seenMsAgo).min()
    let stale = scan.records.isEmpty || (cacheAge ?? Int.max) > options.maxAge * 1000
    var fresh = false
    if options.fresh || (!options.cached && stale) {
      if !options.fresh && !Privilege.hasNetAdmin {
        notes.append(
          "showing the kernel's cached scan\(LiveScanner.ageText(cacheAge)); a fresh scan "
            + "needs root or CAP_NET_ADMIN (sudo wifirisk … --fresh)")
      } else {
        if options.probeSSIDs.count > 1 {
          notes.append(
            "Wireless Extensions probe one network name per scan: only "
              + "\(DisplayText.escape(Array(options.probeSSIDs[0].utf8))) was probed")
        }
        do {
          try client.triggerScan(
            name, frequencies: options.frequencies,
            ssid: options.probeSSIDs.first.map { Array($0.utf8) })
          let progress = Progress(interface: name)
          defer { progress.finish() }
          scan = try client.scanResults(name, timeout: timeout, progress: progress.update)
          fresh = true
        } catch .permissionDenied {
          notes.append(
            "a fresh scan needs root or CAP_NET_ADMIN; showing the kernel's cached scan"
              + LiveScanner.ageText(cacheAge))
        } catch .busy {
          notes.append(
            "another scan is running on \(name); showing the kernel's cached scan"
              + LiveScanner.ageText(cacheAge))
        } catch {
          throw CommandFailure(message: error.description)
        }
      }
    } else if !scan.records.isEmpty {
      notes.append("using the kernel's cached scan\(LiveScanner.ageText(cacheAge))")
    }
    if let first = scan.issues.first {
      notes.append(
        "the Wireless Extensions scan stream had \(scan.issues.count) problem"
          + (scan.issues.count == 1 ? "" : "s") + "; the first: \(first)")
    }

    var records = scan.records
    let link = try? client.link(name)
    var connection: LiveScan.Connection?
    if let bssid = link?.bssid {
      if let index = records.firstIndex(where: { $0.bssid == bssid }) {
        records[index].status = .associated
        if wantConnection {
          connection = LiveScan.Connection(
            record: records[index], station: nil,
            supplicant: SupplicantControl.status(interface: name, timeout: .seconds(1)))
        }
      } else if wantConnection {
        notes.append(
          "connected to \(bssid), which is not in the scan results; scan again (--fresh) to "
            + "rate it")
      }
    }
    // WEXT names no radio: `wiphy` is the cfg80211 phy index when sysfs has one, else 0.
    let interface = WirelessInterface(
      name: name, ifindex: chosen.ifindex, wiphy: chosen.phy ?? 0,
      type: interfaceType(link?.mode),
      ssid: link?.bssid == nil ? nil : link?.essid, frequency: link?.frequencyMHz)
    let capture = ScanSnapshot(
      capturedAt: Timestamp.nowRFC3339(), source: "wext", interface: name, bss: records)
    return LiveScan(
      interface: interface, interfaceName: name, capture: capture, fresh: fresh,
      cacheAgeMs: cacheAge, notes: notes, connection: connection)
  }

  /// `--interface` if given (it must answer Wireless Extensions); otherwise an associated
  /// interface, then a client (Managed) one, then whatever answers.
  static func choose(_ requested: String?, _ client: borrowing WextClient)
    throws(CommandFailure) -> WextInterface
  {
    let interfaces = client.interfaces()
    if let requested {
      if let match = interfaces.first(where: { $0.name == requested }) { return match }
      let known = interfaces.map { DisplayText.escape(Array($0.name.utf8)) }
      let reason: String
      do {
        _ = try client.protocolName(requested)
        reason = "interface \(requested) disappeared while it was being looked at"
      } catch {
        reason = error.description
      }
      throw CommandFailure(
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
    throw CommandFailure(
      message: "no interface answers Wireless Extensions (is the Wi-Fi adapter present and its "
        + "driver loaded?)")
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

  /// Runs a Wireless Extensions step, turning its error into a one-line command failure.
  static func wext<T: ~Copyable>(_ body: () throws(WextError) -> T) throws(CommandFailure) -> T {
    do {
      return try body()
    } catch {
      throw CommandFailure(message: error.description)
    }
  }
}
