import WifiRiskCore

/// One way of reading the air through one interface: nl80211 (`NL80211Source`) or Wireless
/// Extensions (`WextSource`). `LiveScanner` runs every source through the same steps: read the
/// cache, let `ScanFreshness` decide, maybe scan, find the connection.
protocol ScanSource: AnyObject {
  /// `nl80211` or `wext`, for the report's `sources`.
  var kind: String { get }
  var interfaceName: String { get }
  /// Notes that hold for every scan through this source (what it cannot see).
  var standingNotes: [String] { get }

  /// The kernel's cached results.
  func cached() throws(Failure) -> ScanReading

  /// Triggers a scan, waits for it (at most `timeout`) and reads the results.
  func scan(
    frequencies: [Int], ssids: [[UInt8]], timeout: Duration,
    progress: (@Sendable (Duration) -> Void)?
  ) throws(ScanTriggerFailure) -> FreshReading

  /// The current connection, marking its record associated when the source does not; notes
  /// say what could not be found.
  func connection(in records: inout [BSSRecord], wanted: Bool) -> (LiveScan.Connection?, [String])

  /// The interface as the report describes it.
  func describe() -> WirelessInterface
}

/// Results read from a source.
struct ScanReading {
  var records: [BSSRecord]
  /// Entries that could not be decoded, and other problems of the reply.
  var problems: [String]

  var cacheAgeMs: Int? { records.compactMap(\.seenMsAgo).min() }
}

/// Results of a triggered scan.
struct FreshReading {
  var reading: ScanReading
  /// False when the kernel aborted the scan before it finished.
  var finished: Bool
  /// Source-specific notes about the scan (Wireless Extensions probe one name only).
  var notes: [String]
}

/// Why a triggered scan failed.
enum ScanTriggerFailure: Error {
  case permissionDenied
  case busy
  case failed(Failure)
}
