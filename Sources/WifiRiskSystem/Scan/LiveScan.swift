import WifiRiskCore

/// The kernel interface a live scan reads the air through.
public enum ScanBackend: String, CaseIterable, Sendable {
  /// nl80211; Wireless Extensions only when nl80211 cannot reach the interface.
  case auto
  case nl80211
  /// Wireless Extensions (ioctls, through libiw): older drivers, kernels without nl80211.
  case wext
}

/// What a live scan is asked to do.
public struct LiveScanRequest: Sendable {
  /// Whether to use the kernel's cached results or trigger a scan.
  public enum Freshness: Sendable, Equatable {
    /// Scan when the cache is empty or older than this many seconds, if allowed to.
    case auto(maxAgeSeconds: Int)
    /// Always scan (fails over to the cache with a note when not allowed).
    case fresh
    /// Never scan.
    case cached
  }

  public var interface: String?
  public var freshness: Freshness
  public var frequencies: [Int]
  /// Network names to probe for in a fresh scan (reveals hidden networks).
  public var probeSSIDs: [[UInt8]]
  public var timeout: Duration
  public var backend: ScanBackend
  /// Also find the current connection (its station details, and what wpa_supplicant or iwd
  /// negotiated).
  public var wantConnection: Bool

  public init(
    interface: String? = nil, freshness: Freshness = .auto(maxAgeSeconds: 30),
    frequencies: [Int] = [], probeSSIDs: [[UInt8]] = [], timeout: Duration = .seconds(15),
    backend: ScanBackend = .auto, wantConnection: Bool = false
  ) {
    self.interface = interface
    self.freshness = freshness
    self.frequencies = frequencies
    self.probeSSIDs = probeSSIDs
    self.timeout = timeout
    self.backend = backend
    self.wantConnection = wantConnection
  }
}

/// The result of reading the air: the snapshot, how it was obtained, and the connection.
public struct LiveScan: Sendable {
  public var interface: WirelessInterface
  public var interfaceName: String
  public var snapshot: ScanSnapshot
  /// True when this run triggered a scan and it finished.
  public var fresh: Bool
  /// Age of the freshest cached entry when the cache was read, in milliseconds.
  public var cacheAgeMs: Int?
  /// Things a person should know about how the results were obtained.
  public var notes: [String]
  /// Entries the kernel returned that could not be decoded, each with why.
  public var problems: [String]
  public var connection: Connection?

  /// The access point this machine is connected to, with what the kernel and the client
  /// daemon (wpa_supplicant, else iwd) say about the link.
  public struct Connection: Sendable {
    public var record: BSSRecord
    public var station: StationInfo?
    public var supplicant: SupplicantStatus?
    /// iwd's station diagnostics, asked when no wpa_supplicant answered.
    public var iwd: IwdDiagnostics?

    public init(
      record: BSSRecord, station: StationInfo?, supplicant: SupplicantStatus?,
      iwd: IwdDiagnostics? = nil
    ) {
      self.record = record
      self.station = station
      self.supplicant = supplicant
      self.iwd = iwd
    }

    /// What the connection uses, from wpa_supplicant or else iwd; nil when neither said, or
    /// when what was said is about another access point.
    public var negotiated: NegotiatedLink? {
      let link = supplicant.map { NegotiatedLink($0) } ?? iwd.map { NegotiatedLink($0) }
      guard let link, link.bssid == nil || link.bssid == record.bssid else { return nil }
      return link
    }
  }

  /// The `sources` entry of a report.
  public var sourceEntry: SourceEntry {
    SourceEntry(
      snapshot, file: nil, problems: problems,
      live: SourceEntry.Live(fresh: fresh, cacheAgeMs: cacheAgeMs, notes: notes))
  }
}
