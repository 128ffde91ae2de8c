import ArgumentParser
import WifiRiskCore
import WifiRiskSystem

/// Options shared by the commands that read the air: `now`, `scan`, `check`, `remember`.
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

  func request(wantConnection: Bool) -> LiveScanRequest {
    LiveScanRequest(
      interface: interface,
      freshness: fresh ? .fresh : cached ? .cached : .auto(maxAgeSeconds: maxAge),
      frequencies: frequencies, probeSSIDs: probeSSIDs.map { Array($0.utf8) },
      timeout: .seconds(timeout), backend: backend, wantConnection: wantConnection)
  }
}

extension ScanBackend: ExpressibleByArgument {}

/// Where the networks come from: a saved scan (`--fixture`), or the air.
struct ScanSourceOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Rate a saved scan (a fixture, a capture or iw text) instead of reading the air.",
      valueName: "FILE"))
  var fixture: String?

  @OptionGroup var live: LiveScanOptions

  /// Reads the scan; notes go to stderr at once.
  func read(wantConnection: Bool) throws(Failure) -> ScanInput {
    if let fixture {
      let loaded = try SavedScans.read(fixture)
      for note in loaded.notes { Output.diagnostic("\(fixture): \(note)") }
      // A saved scan's connection is the access point it marks associated.
      let connection = loaded.snapshot.bss.first { $0.status == .associated }.map {
        LiveScan.Connection(record: $0, station: nil, supplicant: nil)
      }
      return ScanInput(
        snapshot: loaded.snapshot, label: fixture,
        interfaceName: loaded.snapshot.interface ?? fixture, ifindex: nil,
        source: loaded.sourceEntry(file: fixture), connection: connection, isLive: false)
    }
    let scan = try LiveScanner.run(
      live.request(wantConnection: wantConnection), progress: Progress.forStderr(live.interface))
    Progress.finish()
    for note in scan.notes { Output.diagnostic(note) }
    return ScanInput(
      snapshot: scan.snapshot, label: scan.interfaceName, interfaceName: scan.interfaceName,
      ifindex: scan.interface.ifindex.map(Int.init), source: scan.sourceEntry,
      connection: scan.connection, isLive: true)
  }
}

/// A scan to rate, from a file or the air.
struct ScanInput {
  var snapshot: ScanSnapshot
  /// The file or interface, for messages and the network entries' `source`.
  var label: String
  var interfaceName: String
  var ifindex: Int?
  var source: SourceEntry
  var connection: LiveScan.Connection?
  var isLive: Bool
}

/// A one-line progress indicator on stderr while a scan runs, only when stderr is a terminal.
enum Progress {
  static func forStderr(_ interface: String?) -> (@Sendable (Duration) -> Void)? {
    guard Machine.Stream.standardError.isTerminal else { return nil }
    let name = interface.map(DisplayText.escapeText) ?? "the interface"
    return { elapsed in
      let tenths =
        elapsed.components.seconds * 10
        + elapsed.components.attoseconds / 100_000_000_000_000_000
      Machine.Stream.standardError.write(
        "\rScanning on \(name)… \(tenths / 10).\(tenths % 10) s\u{1B}[K")
    }
  }

  /// Clears the progress line.
  static func finish() {
    guard Machine.Stream.standardError.isTerminal else { return }
    Machine.Stream.standardError.write("\r\u{1B}[K")
  }
}

/// The rating pipeline with the shipped data files, read once per run; problems with them
/// go to stderr.
enum Ratings {
  static func pipeline() -> RatingPipeline {
    let loaded = DataFiles.load()
    for note in loaded.notes { Output.diagnostic(note) }
    return RatingPipeline(options: loaded.options)
  }
}
