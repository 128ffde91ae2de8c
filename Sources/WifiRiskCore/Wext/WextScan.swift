/// Scan results read through Wireless Extensions (`SIOCGIWSCAN`), decoded from the raw event
/// stream into cells and `BSSRecord`s.
///
/// A cell starts at each `SIOCGIWAP` event and collects the events up to the next one:
/// frequency, mode, encoding flags, quality, ESSID, rates, driver text (`IWEVCUSTOM`) and the
/// access point's raw elements (`IWEVGENIE`). cfg80211's compatibility layer sends every
/// element of the latest frame, split into several `IWEVGENIE` events at element boundaries
/// when the list is longer than 1024 bytes; they are joined in order. Older drivers may send
/// only their WPA/RSN elements, or only `wpa_ie=`/`rsn_ie=` hex text in `IWEVCUSTOM` (used
/// when no `IWEVGENIE` came).
///
/// What Wireless Extensions cannot show: the beacon's elements apart from a probe
/// response's (`beaconIes` stays nil), and the capability field beyond the bits rebuilt
/// here: ESS (mode Master), IBSS (mode Ad-Hoc) and Privacy (encoding not disabled). Every
/// other capability bit reads as 0 because it is unknown, not because the access point
/// cleared it.
public struct WextScan: Sendable, Equatable {
  public var cells: [WextCell]
  public var issues: [WextStreamIssue]
  /// Every event of the stream, in order.
  public var events: [WextEvent]

  public init(bytes: [UInt8], layout: WextStreamLayout = .lp64) {
    let (events, walkIssues) = WextEventWalker.walk(bytes, layout: layout)
    var issues = walkIssues
    var cells: [WextCell] = []
    var orphans = 0
    for event in events {
      if event.command == .accessPoint {
        cells.append(WextCell(offset: event.offset))
      }
      guard !cells.isEmpty else {
        orphans += 1
        if orphans == 1 {
          issues.append(
            WextStreamIssue(
              offset: event.offset, event: event.command.description,
              detail: "event before the first SIOCGIWAP belongs to no cell (ignored)"))
        }
        continue
      }
      cells[cells.count - 1].apply(event, issues: &issues)
    }
    if orphans > 1 {
      issues.append(
        WextStreamIssue(
          offset: 0, event: "stream",
          detail: "\(orphans) events before the first SIOCGIWAP were ignored"))
    }
    self.cells = cells
    self.issues = issues.sorted { $0.offset < $1.offset }
    self.events = events
  }

  /// One record per cell that has a BSSID.
  public var records: [BSSRecord] { cells.compactMap(\.record) }
}

/// One access point of a Wireless Extensions scan, as its events describe it.
public struct WextCell: Sendable, Equatable {
  /// Byte offset of the cell's `SIOCGIWAP` event in the stream.
  public var offset: Int
  public var bssid: MACAddress?
  /// The `sa_family` of the address (`ARPHRD_ETHER`, 1, for a BSSID).
  public var addressFamily: UInt16?
  public var essid: [UInt8]?
  /// The ESSID's flags: 1 when a name is set, 0 for "any" (and for hidden networks).
  public var essidFlags: UInt16?
  /// A channel number (`SIOCGIWFREQ` with `e` = 0).
  public var channel: Int?
  /// The frequency in MHz (`SIOCGIWFREQ` as `m`·10^`e` Hz).
  public var frequencyMHz: Int?
  /// `IW_MODE_*`: 3 (Master) for an access point, 1 (Ad-Hoc) for an IBSS.
  public var mode: UInt32?
  /// The flags of `SIOCGIWENCODE`.
  public var encodeFlags: UInt16?
  public var quality: WextQuality?
  /// Bit rates in bits per second.
  public var rates: [Int] = []
  /// The elements of every `IWEVGENIE` event, joined in order.
  public var genericIEs: [UInt8] = []
  public var genericIEEvents = 0
  /// Elements from `wpa_ie=`/`rsn_ie=` driver text (old drivers), joined in order.
  public var legacyIEs: [UInt8] = []
  /// `IWEVCUSTOM` texts, as sent.
  public var custom: [[UInt8]] = []
  /// From cfg80211's " Last beacon: 120ms ago" text.
  public var lastBeaconMsAgo: Int?

  public init(offset: Int) { self.offset = offset }

  /// True when the encoding flags say the cell uses privacy; nil without `SIOCGIWENCODE`.
  public var privacy: Bool? { encodeFlags.map { $0 & WextFlags.encodeDisabled == 0 } }

  /// The capability bits Wireless Extensions lets wifirisk rebuild (see `WextScan`).
  public var capability: UInt16 {
    var value: UInt16 = 0
    if mode == WextFlags.modeMaster { value |= 0x0001 }
    if mode == WextFlags.modeAdHoc { value |= 0x0002 }
    if privacy == true { value |= 0x0010 }
    return value
  }

  /// The frequency in MHz, or one derived from a 2.4 or 5 GHz channel number when only a
  /// channel was given (a bare channel number is ambiguous with 6 GHz; drivers that send no
  /// frequency predate 6 GHz).
  public var frequency: Int? {
    if let frequencyMHz { return frequencyMHz }
    guard let channel else { return nil }
    switch channel {
    case 14: return 2484
    case 1...13: return 2407 + 5 * channel
    case 32...177: return 5000 + 5 * channel
    default: return nil
    }
  }

  /// The element list: the `IWEVGENIE` elements (or the legacy text ones), with an SSID
  /// element built from the ESSID in front when the elements have none.
  public var elements: [UInt8] {
    var list = genericIEEvents > 0 ? genericIEs : legacyIEs
    if !WextCell.hasSSIDElement(list), let essid {
      list = [0, UInt8(min(essid.count, 255))] + essid.prefix(255) + list
    }
    return list
  }

  /// The cell as a `BSSRecord`, when it has a BSSID.
  public var record: BSSRecord? {
    guard let bssid else { return nil }
    return BSSRecord(
      bssid: bssid, frequency: frequency, signalMBm: quality?.levelMBm, capability: capability,
      seenMsAgo: lastBeaconMsAgo, ies: elements, privacyKnown: privacy != nil)
  }

  mutating func apply(_ event: WextEvent, issues: inout [WextStreamIssue]) {
    func duplicate() {
      issues.append(
        WextStreamIssue(
          offset: event.offset, event: event.command.description,
          detail: "repeated in the cell at byte \(offset); the first is kept"))
    }
    func unexpected(_ value: WextValue) {
      if case .raw = value { return }  // already recorded by the walker
      issues.append(
        WextStreamIssue(
          offset: event.offset, event: event.command.description,
          detail: "payload of an unexpected shape"))
    }
    switch (event.command, event.value) {
    case (.accessPoint, .address(let family, let data)):
      addressFamily = family
      bssid = MACAddress(bytes: data.prefix(6))
      if family != WextFlags.addressFamilyEther {
        issues.append(
          WextStreamIssue(
            offset: event.offset, event: event.command.description,
            detail: "address family \(family) is not ARPHRD_ETHER (1)"))
      }
    case (.frequency, .frequency(let value)):
      if let number = value.channel {
        if channel == nil { channel = number } else { duplicate() }
      } else if let megahertz = value.megahertz {
        if frequencyMHz == nil { frequencyMHz = megahertz } else { duplicate() }
      } else {
        issues.append(
          WextStreamIssue(
            offset: event.offset, event: event.command.description,
            detail: "m=\(value.mantissa) e=\(value.exponent) is neither a channel nor a "
              + "frequency"))
      }
    case (.mode, .integer(let value)):
      if mode == nil { mode = value } else { duplicate() }
    case (.encode, .point(_, let flags, _)):
      if encodeFlags == nil { encodeFlags = flags } else { duplicate() }
    case (.quality, .quality(let value)):
      if quality == nil { quality = value } else { duplicate() }
    case (.essid, .point(_, let flags, let data)):
      if essid == nil {
        essid = data
        essidFlags = flags
      } else {
        duplicate()
      }
    case (.rate, .parameters(let values)):
      rates += values.map { Int($0.value) }
    case (.genericIE, .point(_, _, let data)):
      genericIEs += data
      genericIEEvents += 1
    case (.custom, .point(_, _, let data)):
      custom.append(data)
      if let milliseconds = WextCell.lastBeacon(data) {
        lastBeaconMsAgo = lastBeaconMsAgo ?? milliseconds
      }
      if let elements = WextCell.legacyElements(data) { legacyIEs += elements }
    case (.accessPoint, let value), (.frequency, let value), (.mode, let value),
      (.encode, let value), (.quality, let value), (.essid, let value), (.rate, let value),
      (.genericIE, let value), (.custom, let value):
      unexpected(value)
    default:
      break  // other events say nothing wifirisk rates
    }
  }

  /// True when a top-level element with ID 0 (SSID) is in the list (a walk that stops at
  /// the first element running past the end).
  static func hasSSIDElement(_ list: [UInt8]) -> Bool {
    var index = 0
    while list.count - index >= 2 {
      if list[index] == 0 { return true }
      index += 2 + Int(list[index + 1])
    }
    return false
  }

  /// The milliseconds in cfg80211's " Last beacon: 120ms ago".
  static func lastBeacon(_ text: [UInt8]) -> Int? {
    let prefix = Array(" Last beacon: ".utf8)
    guard text.starts(with: prefix) else { return nil }
    let digits = text.dropFirst(prefix.count).prefix { (0x30...0x39).contains($0) }
    guard !digits.isEmpty, digits.count <= 12,
      text.dropFirst(prefix.count + digits.count).starts(with: Array("ms ago".utf8))
    else { return nil }
    return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
  }

  /// The element bytes in an old driver's `wpa_ie=dd16...` or `rsn_ie=3014...` text.
  static func legacyElements(_ text: [UInt8]) -> [UInt8]? {
    for prefix in ["wpa_ie=", "rsn_ie="] where text.starts(with: Array(prefix.utf8)) {
      var hex = text.dropFirst(prefix.utf8.count)
      while let last = hex.last, last == 0 || last == 0x0A || last == 0x20 {
        hex = hex.dropLast()
      }
      guard let bytes = try? Hex.decode(String(decoding: hex, as: UTF8.self)), bytes.count >= 2
      else { return nil }
      return bytes
    }
    return nil
  }
}

/// What `SIOCGIWAP`, `SIOCGIWESSID` and `SIOCGIWFREQ` say about an interface's current
/// association.
public struct WextLink: Sendable, Equatable {
  /// The access point's address; nil when the answer means "not associated".
  public var bssid: MACAddress?
  public var essid: [UInt8]?
  public var frequency: WextFrequency?
  /// `IW_MODE_*` of the interface itself (2: Managed, a client).
  public var mode: UInt32?

  public init(
    address: [UInt8]?, essid: [UInt8]?, frequency: WextFrequency?, mode: UInt32?
  ) {
    self.bssid = address.flatMap(WextLink.associatedBSSID)
    self.essid = essid
    self.frequency = frequency
    self.mode = mode
  }

  /// The BSSID in a `SIOCGIWAP` answer, or nil when it says "not associated": all zeros
  /// (cfg80211), all 0x44 or all 0xFF (older drivers).
  public static func associatedBSSID(_ address: [UInt8]) -> MACAddress? {
    guard let mac = MACAddress(bytes: address.prefix(6)) else { return nil }
    for filler: UInt8 in [0x00, 0x44, 0xFF] where mac.bytes.allSatisfy({ $0 == filler }) {
      return nil
    }
    return mac
  }

  /// The frequency in MHz, when the answer is one.
  public var frequencyMHz: Int? { frequency?.megahertz }
}
