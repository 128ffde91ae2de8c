/// One message of an nl80211 scan dump (`NL80211_CMD_NEW_SCAN_RESULTS`): which interface it
/// belongs to, the BSS as a `BSSRecord`, and the few nl80211 details `BSSRecord` has no
/// field for.
public struct NL80211ScanEntry: Sendable, Equatable {
  public var ifindex: Int32?
  public var wdev: UInt64?
  /// The scan list's generation number: it changes whenever the kernel's BSS list changes.
  public var generation: UInt32?
  public var bss: BSSRecord
  /// The timing synchronisation function value of the frame the elements came from.
  public var tsf: UInt64?
  public var beaconTSF: UInt64?
  /// When the BSS was last seen, in nanoseconds of CLOCK_BOOTTIME.
  public var lastSeenBoottimeNs: UInt64?
  /// `NL80211_BSS_PRESP_DATA`: `bss.ies` came from a probe response, not a beacon.
  public var fromProbeResponse: Bool
  /// Signal quality 0...100 from drivers that cannot report dBm.
  public var signalUnspecified: UInt8?
  /// The raw `NL80211_BSS_STATUS` value, kept when it is not one `BSSStatus` knows.
  public var statusRawValue: UInt32?
  /// `NL80211_BSS_FREQUENCY_OFFSET`, in kHz (sub-1 GHz channels).
  public var frequencyOffsetKHz: UInt32?

  public init(
    ifindex: Int32? = nil, wdev: UInt64? = nil, generation: UInt32? = nil, bss: BSSRecord,
    tsf: UInt64? = nil, beaconTSF: UInt64? = nil, lastSeenBoottimeNs: UInt64? = nil,
    fromProbeResponse: Bool = false, signalUnspecified: UInt8? = nil,
    statusRawValue: UInt32? = nil, frequencyOffsetKHz: UInt32? = nil
  ) {
    self.ifindex = ifindex
    self.wdev = wdev
    self.generation = generation
    self.bss = bss
    self.tsf = tsf
    self.beaconTSF = beaconTSF
    self.lastSeenBoottimeNs = lastSeenBoottimeNs
    self.fromProbeResponse = fromProbeResponse
    self.signalUnspecified = signalUnspecified
    self.statusRawValue = statusRawValue
    self.frequencyOffsetKHz = frequencyOffsetKHz
  }

  /// Decodes the attributes of one scan dump message. Needs `NL80211_ATTR_BSS`, and in it
  /// `NL80211_BSS_BSSID`; every other attribute is optional, but one of the wrong size is an
  /// error (the kernel never sends one).
  public init(message: NL80211Message) throws(NetlinkDecodeError) {
    let top = try message.table()
    let nested = try top.required(
      try top.nested(.bss, as: NL80211.BSSAttribute.self), .bss)
    self.bss = try BSSRecord(nl80211: nested)
    self.ifindex = try top.u32(.ifindex).map { Int32(bitPattern: $0) }
    self.wdev = try top.u64(.wdev)
    self.generation = try top.u32(.generation)
    self.tsf = try nested.u64(.tsf)
    self.beaconTSF = try nested.u64(.beaconTSF)
    self.lastSeenBoottimeNs = try nested.u64(.lastSeenBoottime)
    self.fromProbeResponse = try nested.flag(.probeResponseData)
    self.signalUnspecified = try nested.u8(.signalUnspec)
    self.statusRawValue = try nested.u32(.status)
    self.frequencyOffsetKHz = try nested.u32(.frequencyOffset)
  }
}

extension BSSRecord {
  /// Decodes the attributes nested in `NL80211_ATTR_BSS`.
  ///
  /// `NL80211_BSS_CAPABILITY` is 0 when absent (the kernel always sends it); elements are
  /// empty when `NL80211_BSS_INFORMATION_ELEMENTS` is absent.
  public init(nl80211 table: NetlinkAttributeTable<NL80211.BSSAttribute>)
    throws(NetlinkDecodeError)
  {
    let bssid = try table.required(try table.mac(.bssid), .bssid)
    self.init(
      bssid: bssid,
      frequency: try table.u32(.frequency).map { Int($0) },
      signalMBm: try table.s32(.signalMBm).map { Int($0) },
      capability: try table.u16(.capability) ?? 0,
      beaconInterval: try table.u16(.beaconInterval).map { Int($0) },
      seenMsAgo: try table.u32(.seenMsAgo).map { Int($0) },
      status: try table.u32(.status).flatMap { BSSStatus(nl80211: $0) },
      ies: table.bytes(.informationElements) ?? [],
      beaconIes: table.bytes(.beaconIEs)
    )
  }

  /// Decodes the payload of `NL80211_ATTR_BSS`.
  public init(nl80211Payload payload: ArraySlice<UInt8>) throws(NetlinkDecodeError) {
    try self.init(nl80211: NetlinkAttributeTable(parsing: payload))
  }
}

/// The decoded messages of a scan dump, and the messages that could not be decoded (each
/// with its error): one bad entry does not lose the others.
public struct NL80211ScanDump: Sendable, Equatable {
  public var entries: [NL80211ScanEntry]
  public var problems: [NetlinkDecodeError]

  public init(entries: [NL80211ScanEntry] = [], problems: [NetlinkDecodeError] = []) {
    self.entries = entries
    self.problems = problems
  }

  public init(messages: [NL80211Message]) {
    self.init()
    for message in messages {
      do {
        entries.append(try NL80211ScanEntry(message: message))
      } catch {
        problems.append(error)
      }
    }
  }

  public var records: [BSSRecord] { entries.map(\.bss) }
}
