import WifiRiskCore

/// The one decision between the kernel's cached scan and a fresh one, for every scan source,
/// and the notes that tell a person which was used and why. Pure: the tests drive it with
/// every combination.
public enum ScanFreshness {
  public enum Decision: Sendable, Equatable {
    /// Use the cached results; the note says so (nil: nothing worth saying).
    case useCache(note: String?)
    /// Trigger a scan and wait for it.
    case scan
  }

  /// Why a triggered scan did not give fresh results.
  public enum TriggerProblem: Sendable, Equatable {
    case permissionDenied
    /// Another scan was running on the interface.
    case busy
    /// The kernel aborted the scan (results so far are shown).
    case aborted
  }

  /// What to do, given the cache the source found and whether this process may scan.
  public static func decide(
    _ freshness: LiveScanRequest.Freshness, cacheAgeMs: Int?, cacheIsEmpty: Bool,
    mayScan: Bool
  ) -> Decision {
    switch freshness {
    case .fresh:
      return .scan
    case .cached:
      return .useCache(note: usingCacheNote(cacheAgeMs: cacheAgeMs, mayScan: mayScan))
    case .auto(let maxAge):
      let stale = cacheIsEmpty || (cacheAgeMs ?? Int.max) > maxAge * 1000
      guard stale else {
        return .useCache(note: usingCacheNote(cacheAgeMs: cacheAgeMs, mayScan: mayScan))
      }
      guard mayScan else {
        return .useCache(
          note: "showing the kernel's cached scan\(ageText(cacheAgeMs)); a fresh scan needs "
            + "root or CAP_NET_ADMIN (sudo wifirisk … --fresh)")
      }
      return .scan
    }
  }

  /// The note after a triggered scan that did not finish.
  public static func note(
    after problem: TriggerProblem, interface: String, cacheAgeMs: Int?
  ) -> String {
    switch problem {
    case .permissionDenied:
      "a fresh scan needs root or CAP_NET_ADMIN; showing the kernel's cached scan"
        + ageText(cacheAgeMs)
    case .busy:
      "another scan is running on \(DisplayText.escapeText(interface)); showing the kernel's "
        + "cached scan" + ageText(cacheAgeMs)
    case .aborted:
      "the scan was aborted by the kernel; showing what it had found"
    }
  }

  static func usingCacheNote(cacheAgeMs: Int?, mayScan: Bool) -> String {
    "using the kernel's cached scan\(ageText(cacheAgeMs))"
      + (mayScan ? "" : "; a fresh scan needs root or CAP_NET_ADMIN")
  }

  /// ` (12 s old)`, ` (under a second old)`, or nothing when the age is not known.
  public static func ageText(_ milliseconds: Int?) -> String {
    guard let milliseconds else { return "" }
    let seconds = milliseconds / 1000
    return seconds < 1 ? " (under a second old)" : " (\(seconds) s old)"
  }
}
