/// Turns the packets of a capture, one at a time and in file order, into a `ScanSnapshot`: one
/// `BSSRecord` per BSSID that sent a beacon or probe response.
///
/// It keeps state per BSSID, never per packet, so its memory follows the number of access
/// points, not the size of the file: the latest probe response's elements (which become
/// `ies`), the latest beacon's (`beaconIes`, and `ies` while no probe response was seen),
/// and the latest capability, beacon interval, frequency and signal. Every packet is a
/// stranger's: one that cannot be read is counted by why, and the first of each kind is
/// remembered for the notes.
public struct CaptureAssembler: Sendable {
  public let linkType: LinkType
  /// libpcap's name for the link type, for notes about captures wifirisk cannot read.
  public let linkTypeName: String?
  public private(set) var stats = CaptureStats()

  /// One per BSSID, in the order the BSSIDs were first seen.
  private var sightings: [Sighting] = []
  /// Where each BSSID's sighting is in `sightings`.
  private var index: [MACAddress: Int] = [:]
  /// A small direct-mapped cache in front of `index`, by a multiplicative mix of the
  /// address: most frames come from a few access points, and a hit costs a multiply instead
  /// of hashing the address. Whatever addresses a capture holds, a miss costs one comparison
  /// more than the dictionary alone, so crafted addresses gain nothing against it.
  private var recent = [(address: UInt64, at: Int)](
    repeating: (address: MACAddress.none, at: 0), count: 256)
  private var firstProblems: [FrameProblem.Kind: (packet: Int, detail: String)] = [:]
  private var endReason: String?
  private var latest: CaptureTime?

  /// What is known about one BSSID.
  private struct Sighting: Sendable {
    let bssid: MACAddress
    var capability: UInt16 = 0
    var beaconInterval: UInt16 = 0
    var frequency: Int?
    var signalDBm: Int?
    var probeElements: [UInt8]?
    var beaconElements: [UInt8]?
    var lastSeen: CaptureTime?

    @inline(__always)
    mutating func update(
      _ frame: ManagementFrame, _ radio: RadioInfo, time: CaptureTime?
    ) {
      capability = frame.capability
      beaconInterval = frame.beaconInterval
      // A frame whose header says nothing about the radio does not erase what others said.
      if let frequency = radio.frequency { self.frequency = frequency }
      if let signal = radio.signalDBm { signalDBm = signal }
      if let time { lastSeen = time }
      switch frame.subtype {
      case .beacon: Self.keep(frame.elements, in: &beaconElements)
      case .probeResponse: Self.keep(frame.elements, in: &probeElements)
      }
    }

    /// Replaces the kept elements with `latest`, reusing the kept array's storage: an AP
    /// sends the same few hundred bytes ten times a second, so a long capture costs copies
    /// into memory it already has, not an allocation per frame.
    @inline(__always)
    static func keep(_ latest: ArraySlice<UInt8>, in kept: inout [UInt8]?) {
      // Taken out (leaving nil) so the array stays uniquely referenced and is reused.
      guard var elements = kept.take() else {
        kept = Array(latest)
        return
      }
      elements.replaceSubrange(elements.indices, with: latest)
      kept = elements
    }
  }

  public init(linkType: LinkType, linkTypeName: String? = nil) {
    self.linkType = linkType
    self.linkTypeName = linkTypeName
  }

  /// Adds the next packet: its captured bytes, its length on the air (more than the bytes
  /// when the snapshot length cut it) and, when known, when it was captured.
  public mutating func add(_ packet: [UInt8], originalLength: Int, time: CaptureTime? = nil) {
    add(packet[...], originalLength: originalLength, time: time)
  }

  public mutating func add(
    _ packet: ArraySlice<UInt8>, originalLength: Int, time: CaptureTime? = nil
  ) {
    stats.packets += 1
    if let time, latest.map({ time > $0 }) ?? true { latest = time }
    do {
      switch try CapturedFrame.decode(packet, originalLength: originalLength, linkType: linkType)
      {
      case .ignored:
        stats.ignored += 1
      case .management(let frame, let radio):
        record(frame, radio, time: time)
      }
    } catch {
      count(error)
    }
  }

  /// The capture stopped before its end (libpcap could not read the next packet): what was
  /// read stands, and the notes say why it stopped.
  public mutating func endEarly(_ reason: String) {
    stats.truncatedEnd = true
    endReason = reason
  }

  @inline(__always)
  private mutating func record(_ frame: ManagementFrame, _ radio: RadioInfo, time: CaptureTime?) {
    switch frame.subtype {
    case .beacon: stats.beacons += 1
    case .probeResponse: stats.probeResponses += 1
    }
    // Mutated in place, so that element arrays are reused, never copied.
    if let at = sighting(of: frame.bssid) {
      sightings[at].update(frame, radio, time: time)
    } else {
      remember(frame.bssid, at: sightings.count)
      var sighting = Sighting(bssid: frame.bssid)
      sighting.update(frame, radio, time: time)
      sightings.append(sighting)
    }
  }

  /// The slot of `recent` that may hold `address`.
  @inline(__always)
  private func slot(_ address: UInt64) -> Int {
    Int(truncatingIfNeeded: (address &* 0x9E37_79B9_7F4A_7C15) >> 56)
  }

  /// Where `bssid`'s sighting is, if it has one.
  @inline(__always)
  private mutating func sighting(of bssid: MACAddress) -> Int? {
    let address = bssid.packed
    let slot = slot(address)
    if recent[slot].address == address { return recent[slot].at }
    guard let at = index[bssid] else { return nil }
    recent[slot] = (address, at)
    return at
  }

  private mutating func remember(_ bssid: MACAddress, at: Int) {
    index[bssid] = at
    recent[slot(bssid.packed)] = (bssid.packed, at)
  }

  private mutating func count(_ problem: FrameProblem) {
    switch problem.kind {
    case .malformed: stats.malformed += 1
    case .badFCS: stats.badFCS += 1
    case .unsupportedLinkType: stats.otherLinkType += 1
    case .snapped: stats.snapped += 1
    }
    if firstProblems[problem.kind] == nil {
      firstProblems[problem.kind] = (stats.packets, problem.detail)
    }
  }

  /// The records (in the order their BSSIDs were first seen), the counts and the notes.
  public func result() -> CaptureResult {
    let records = sightings.map { sighting in
      BSSRecord(
        bssid: sighting.bssid, frequency: sighting.frequency,
        signalMBm: sighting.signalDBm.map { $0 * 100 }, capability: sighting.capability,
        beaconInterval: Int(sighting.beaconInterval),
        seenMsAgo: age(of: sighting),
        ies: sighting.probeElements ?? sighting.beaconElements ?? [],
        beaconIes: sighting.beaconElements)
    }
    let capture = ScanSnapshot(
      capturedAt: latest.flatMap(\.rfc3339), source: "pcap", interface: nil, bss: records)
    return CaptureResult(capture: capture, stats: stats, notes: notes())
  }

  /// Milliseconds from a BSSID's last frame to the capture's last packet.
  private func age(of sighting: Sighting) -> Int? {
    guard let latest, let seen = sighting.lastSeen else { return nil }
    return latest.milliseconds(since: seen)
  }

  /// One line per thing a reader of the report should know about the capture itself.
  func notes() -> [String] {
    var notes: [String] = []
    func first(_ kind: FrameProblem.Kind) -> String {
      guard let problem = firstProblems[kind] else { return "" }
      return " (first: packet \(problem.packet), \(problem.detail))"
    }
    if stats.packets == 0 {
      notes.append("the capture holds no packets")
    }
    if stats.otherLinkType > 0 {
      if linkType.carries80211 {
        notes.append(
          "\(stats.otherLinkType) \(plural(stats.otherLinkType, "packet")) carried no 802.11 "
            + "frames and were skipped\(first(.unsupportedLinkType))")
      } else {
        let name = linkTypeName.map { "\($0) (\(linkType.rawValue))" } ?? "\(linkType.rawValue)"
        notes.append(
          "the capture's link type is \(name), which carries no 802.11 frames: wifirisk reads "
            + "802.11 captures from a monitor-mode interface (bare, or with radiotap, Prism, "
            + "AVS or PPI headers)")
      }
    }
    if stats.packets > 0, stats.used == 0, stats.otherLinkType < stats.packets {
      notes.append(
        "no beacons or probe responses among the \(stats.packets) "
          + "\(plural(stats.packets, "packet")): capture on a monitor-mode interface to record "
          + "access points")
    }
    if stats.badFCS > 0 {
      notes.append(
        "\(stats.badFCS) \(plural(stats.badFCS, "frame")) failed the FCS check and "
          + "\(stats.badFCS == 1 ? "was" : "were") skipped\(first(.badFCS))")
    }
    if stats.malformed > 0 {
      notes.append(
        "\(stats.malformed) malformed \(plural(stats.malformed, "packet")) "
          + "\(stats.malformed == 1 ? "was" : "were") skipped\(first(.malformed))")
    }
    if stats.snapped > 0 {
      let what =
        stats.snapped == 1
        ? "1 beacon or probe response was" : "\(stats.snapped) beacons or probe responses were"
      notes.append(
        "\(what) cut short by the capture's snapshot length and skipped\(first(.snapped)); "
          + "capture again with a larger snapshot length (tcpdump -s 0)")
    }
    if let endReason {
      notes.append(
        "the capture ends early (\(endReason)); the \(stats.packets) "
          + "\(plural(stats.packets, "packet")) before it \(stats.packets == 1 ? "was" : "were") "
          + "read")
    }
    return notes
  }

  private func plural(_ count: Int, _ word: String) -> String { count == 1 ? word : word + "s" }
}

/// How the packets of a capture were used. Every packet is counted exactly once:
/// `packets == used + ignored + badFCS + malformed + snapped + otherLinkType`.
public struct CaptureStats: Sendable, Equatable {
  /// Packets read from the file.
  public var packets = 0
  /// Beacons taken into a BSS record.
  public var beacons = 0
  /// Probe responses taken into a BSS record.
  public var probeResponses = 0
  /// Well-formed frames of other kinds: data, control, other management frames.
  public var ignored = 0
  /// Frames that failed their FCS check (the capture device's flag, or wifirisk's own CRC).
  public var badFCS = 0
  /// Packets whose headers are cut short or contradict themselves.
  public var malformed = 0
  /// Beacons and probe responses the capture's snapshot length cut short.
  public var snapped = 0
  /// Packets of a link type that carries no 802.11 frames.
  public var otherLinkType = 0
  /// The file ended inside a packet, or libpcap could not read on; what came before stands.
  public var truncatedEnd = false

  public init() {}

  /// Beacons and probe responses used.
  public var used: Int { beacons + probeResponses }
}

/// Everything read from one capture file.
public struct CaptureResult: Sendable, Equatable {
  public var capture: ScanSnapshot
  public var stats: CaptureStats
  /// Sentences about the capture itself (skipped packets, an early end), for stderr.
  public var notes: [String]

}

/// When a packet was captured: seconds and microseconds since 1970-01-01 UTC.
public struct CaptureTime: Sendable, Equatable, Comparable {
  public var seconds: Int64
  public var microseconds: Int64

  public init(seconds: Int64, microseconds: Int64) {
    self.seconds = seconds
    self.microseconds = microseconds
  }

  public static func < (a: CaptureTime, b: CaptureTime) -> Bool {
    (a.seconds, a.microseconds) < (b.seconds, b.microseconds)
  }

  /// Milliseconds from `earlier` to this time; nil when it is not later, or further than
  /// the 32 bits of milliseconds (49.7 days) that nl80211 and scan files hold.
  func milliseconds(since earlier: CaptureTime) -> Int? {
    let (seconds, overflow) = self.seconds.subtractingReportingOverflow(earlier.seconds)
    guard !overflow, (0..<1_000_000_000).contains(seconds),
      (0..<1_000_000).contains(microseconds), (0..<1_000_000).contains(earlier.microseconds)
    else { return nil }
    let total = seconds * 1000 + (microseconds - earlier.microseconds) / 1000
    return (0...Int64(UInt32.max)).contains(total) ? Int(total) : nil
  }

  /// `2026-11-25T10:00:00Z`; nil for the epoch itself (a capture writer that set no time)
  /// and for times outside years 1970-9999.
  public var rfc3339: String? {
    seconds > 0 ? RFC3339.format(secondsSinceEpoch: seconds) : nil
  }

}
