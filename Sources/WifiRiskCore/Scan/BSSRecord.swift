/// One access point (BSS) as a scan reports it: what nl80211 gives for each entry of a scan
/// dump, what a format-1 fixture stores, and what a capture or `iw` text is turned into.
///
/// Everything the rating needs is in `ies` and `beaconIes` (raw element bytes, as the radio
/// sent them) plus `capability`; the other fields describe the sighting.
public struct BSSRecord: Sendable, Equatable {
  public var bssid: MACAddress
  /// Centre frequency of the primary channel, in MHz.
  public var frequency: Int?
  /// Signal strength in mBm (hundredths of dBm), as nl80211 reports it.
  public var signalMBm: Int?
  /// The Capability Information field of the beacon or probe response.
  public var capability: UInt16
  public var beaconInterval: Int?
  /// How long ago the BSS was last seen, in milliseconds, when the scan was read.
  public var seenMsAgo: Int?
  public var status: BSSStatus?
  /// The latest elements received: a probe response's, or a beacon's when no probe
  /// response was seen (nl80211's `NL80211_BSS_INFORMATION_ELEMENTS`).
  public var ies: [UInt8]
  /// The elements of the latest beacon, when known (`NL80211_BSS_BEACON_IES`).
  public var beaconIes: [UInt8]?
  /// False when the source could not tell the Privacy bit (an `iw` text without its
  /// capability line, Wireless Extensions without the encoding flags): `capability` then
  /// reads it as clear, and the rating does not take that for "no encryption".
  public var privacyKnown = true

  public init(
    bssid: MACAddress, frequency: Int? = nil, signalMBm: Int? = nil, capability: UInt16,
    beaconInterval: Int? = nil, seenMsAgo: Int? = nil, status: BSSStatus? = nil,
    ies: [UInt8], beaconIes: [UInt8]? = nil, privacyKnown: Bool = true
  ) {
    self.privacyKnown = privacyKnown
    self.bssid = bssid
    self.frequency = frequency
    self.signalMBm = signalMBm
    self.capability = capability
    self.beaconInterval = beaconInterval
    self.seenMsAgo = seenMsAgo
    self.status = status
    self.ies = ies
    self.beaconIes = beaconIes
  }

  /// The Privacy bit of the capability field (bit 4): set by WEP, WPA and RSN networks.
  public var privacy: Bool { capability & 0x0010 != 0 }
  /// The ESS bit (bit 0): an infrastructure network rather than an ad-hoc (IBSS) one.
  public var ess: Bool { capability & 0x0001 != 0 }
  public var signalDBm: Double? { signalMBm.map { Double($0) / 100 } }
}

/// The client's relation to a BSS, from `NL80211_BSS_STATUS`.
public enum BSSStatus: String, Sendable, Equatable, CaseIterable {
  case authenticated
  case associated
  case ibssJoined = "ibss_joined"

  /// nl80211's `enum nl80211_bss_status` values.
  public init?(nl80211 value: UInt32) {
    switch value {
    case 0: self = .authenticated
    case 1: self = .associated
    case 2: self = .ibssJoined
    default: return nil
    }
  }
}

/// A set of BSS records from one scan, with where and when it was taken.
public struct ScanSnapshot: Sendable, Equatable {
  /// When the scan was read, as an RFC 3339 UTC timestamp.
  public var capturedAt: String?
  /// Where the records came from: `nl80211`, `wext`, `pcap`, `iw`, ...
  public var source: String?
  public var interface: String?
  public var bss: [BSSRecord]

  public init(
    capturedAt: String? = nil, source: String? = nil, interface: String? = nil,
    bss: [BSSRecord]
  ) {
    self.capturedAt = capturedAt
    self.source = source
    self.interface = interface
    self.bss = bss
  }
}

extension ScanSnapshot {
  /// One record per BSSID. The kernel can list a hidden BSS twice (one entry from its
  /// beacon with an empty SSID, one from the probe response that revealed the name): the
  /// merged record keeps the entry that names the network, takes the other's beacon
  /// elements when it has none, and keeps the stronger status and the most recent sighting.
  public func mergingDuplicateBSSIDs() -> [BSSRecord] {
    var order: [MACAddress] = []
    var merged: [MACAddress: BSSRecord] = [:]
    for record in bss {
      guard let existing = merged[record.bssid] else {
        order.append(record.bssid)
        merged[record.bssid] = record
        continue
      }
      let revealsName = !ElementWalker.parse(record.ies).ssidHidden
      var keep = revealsName && ElementWalker.parse(existing.ies).ssidHidden ? record : existing
      let other = keep == record ? existing : record
      if keep.beaconIes == nil { keep.beaconIes = other.beaconIes ?? other.ies }
      if keep.status == nil { keep.status = other.status }
      if let seen = other.seenMsAgo, seen < keep.seenMsAgo ?? Int.max { keep.seenMsAgo = seen }
      merged[record.bssid] = keep
    }
    return order.compactMap { merged[$0] }
  }
}
