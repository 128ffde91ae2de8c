import WifiRiskCore
import WifiRiskNetlink

/// Where a live scan comes from: chooses the scan source (nl80211, or Wireless Extensions
/// when nl80211 cannot reach the interface), reads the kernel's cache, lets `ScanFreshness`
/// decide whether to scan, scans, and finds the current connection.
public enum LiveScanner {
  /// Reads the air as `request` asks. `mayScan` is whether this process may trigger scans
  /// (CAP_NET_ADMIN); `progress` is called while a scan runs.
  public static func run(
    _ request: LiveScanRequest, mayScan: Bool = Machine.hasNetAdmin,
    progress: (@Sendable (Duration) -> Void)? = nil
  ) throws(Failure) -> LiveScan {
    let (source, notes) = try openSource(request)
    return try run(request, source: source, notes: notes, mayScan: mayScan, progress: progress)
  }

  /// The same steps on a source already chosen (the tests pass their own).
  static func run(
    _ request: LiveScanRequest, source: any ScanSource, notes initial: [String], mayScan: Bool,
    progress: (@Sendable (Duration) -> Void)?
  ) throws(Failure) -> LiveScan {
    var notes = initial + source.standingNotes
    var reading = try source.cached()
    let cacheAge = reading.cacheAgeMs
    var fresh = false
    switch ScanFreshness.decide(
      request.freshness, cacheAgeMs: cacheAge, cacheIsEmpty: reading.records.isEmpty,
      mayScan: mayScan)
    {
    case .useCache(let note):
      if let note { notes.append(note) }
    case .scan:
      let outcome: Result<FreshReading, ScanTriggerFailure>
      do {
        outcome = .success(
          try source.scan(
            frequencies: request.frequencies, ssids: request.probeSSIDs,
            timeout: request.timeout, progress: progress))
      } catch {
        outcome = .failure(error)
      }
      switch outcome {
      case .success(let scanned):
        notes += scanned.notes
        reading = scanned.reading
        fresh = scanned.finished
        if !scanned.finished {
          notes.append(
            ScanFreshness.note(
              after: .aborted, interface: source.interfaceName, cacheAgeMs: cacheAge))
        }
      case .failure(.permissionDenied):
        notes.append(
          ScanFreshness.note(
            after: .permissionDenied, interface: source.interfaceName, cacheAgeMs: cacheAge))
      case .failure(.busy):
        notes.append(
          ScanFreshness.note(after: .busy, interface: source.interfaceName, cacheAgeMs: cacheAge))
      case .failure(.failed(let failure)):
        throw failure
      }
    }
    if let first = reading.problems.first {
      let count = reading.problems.count
      notes.append(
        "\(count) entr\(count == 1 ? "y" : "ies") of the \(source.kind) scan could not be "
          + "read; the first: \(first)")
    }
    var records = reading.records
    let (connection, connectionNotes) = source.connection(
      in: &records, wanted: request.wantConnection)
    notes += connectionNotes
    let snapshot = ScanSnapshot(
      capturedAt: Machine.nowRFC3339(), source: source.kind, interface: source.interfaceName,
      bss: records)
    return LiveScan(
      interface: source.describe(), interfaceName: source.interfaceName, snapshot: snapshot,
      fresh: fresh, cacheAgeMs: cacheAge, notes: notes, problems: reading.problems,
      connection: connection)
  }

  /// The source to read through, and why it was chosen when that is worth saying.
  static func openSource(_ request: LiveScanRequest) throws(Failure) -> (any ScanSource, [String]) {
    if request.backend == .wext {
      return (try WextSource.open(request.interface, timeout: request.timeout), [])
    }
    guard let client = try openNL80211(request) else {
      return (
        try WextSource.open(request.interface, timeout: request.timeout),
        ["nl80211 is not available; reading the air through Wireless Extensions"]
      )
    }
    let interfaces = try netlink { () throws(NetlinkError) in
      try client.interfaces().filter { $0.ifindex != nil && $0.name != nil }
    }
    if request.backend == .auto,
      let reason = wextFallbackReason(
        request.interface, nl80211Names: interfaces.compactMap(\.name))
    {
      return (try WextSource.open(request.interface, timeout: request.timeout), [reason])
    }
    let chosen = try choose(request.interface, from: interfaces)
    return (try NL80211Source(client: client, interface: chosen), [])
  }

  /// The nl80211 client; nil when nl80211 is missing and `--backend auto` can read the air
  /// through Wireless Extensions instead.
  static func openNL80211(_ request: LiveScanRequest) throws(Failure) -> NL80211Client? {
    do {
      return try NL80211Client()
    } catch .nl80211Unavailable
      where request.backend == .auto && WextSource.available(request.interface)
    {
      return nil
    } catch {
      throw Failure(message: message(for: error))
    }
  }

  /// Why `auto` reads through Wireless Extensions although nl80211 is there: the requested
  /// interface is not an nl80211 one but answers Wireless Extensions, or nl80211 has no
  /// interface at all while one answers Wireless Extensions (a driver without cfg80211).
  /// Nil when nl80211 should be used.
  static func wextFallbackReason(_ requested: String?, nl80211Names: [String]) -> String? {
    if let requested {
      guard !nl80211Names.contains(requested), WextSource.available(requested) else {
        return nil
      }
      return "\(DisplayText.escapeText(requested)) is not an nl80211 interface; "
        + "reading the air through Wireless Extensions"
    }
    guard nl80211Names.isEmpty, WextSource.available(nil) else { return nil }
    return "nl80211 lists no wireless interface; reading the air through Wireless Extensions"
  }

  /// `--interface` if given; otherwise a connected station interface, then any station
  /// interface, then whatever there is.
  public static func choose(_ requested: String?, from interfaces: [WirelessInterface])
    throws(Failure) -> WirelessInterface
  {
    if let requested {
      guard let match = interfaces.first(where: { $0.name == requested }) else {
        let known = interfaces.compactMap(\.name).map(DisplayText.escapeText)
        throw Failure(
          message: "no wireless interface named \(DisplayText.escapeText(requested))"
            + (known.isEmpty ? "" : " (wireless interfaces: \(known.joined(separator: ", ")))"))
      }
      return match
    }
    let stations = interfaces.filter { $0.type == .station }
    if let connected = stations.first(where: { $0.ssid != nil }) { return connected }
    if let station = stations.first { return station }
    if let any = interfaces.first { return any }
    throw Failure(
      message: "no wireless interface found (is the Wi-Fi adapter present and its driver loaded?)")
  }

  /// Runs a netlink step, turning its error into a one-line failure.
  static func netlink<T: ~Copyable>(_ body: () throws(NetlinkError) -> T) throws(Failure) -> T {
    do {
      return try body()
    } catch {
      throw Failure(message: message(for: error))
    }
  }

  public static func message(for error: NetlinkError) -> String {
    switch error {
    case .nl80211Unavailable:
      return
        "nl80211 is not available: this kernel has no cfg80211 Wi-Fi support loaded (no Wi-Fi "
        + "hardware or driver?); to rate a saved scan instead, run `wifirisk review FILE`"
    default:
      return error.description
    }
  }
}
