/// A person's own network as its owner sees it: every access point that serves its name, and
/// the other networks the same router or mesh serves (its siblings: a guest network, a
/// smart-home network, a name split by band such as `Home-5G`).
///
/// A sibling is recognised only from what ties its access point to one of the network's own:
/// a neighbouring BSSID, a locally administered variant of one, or the same WPS UUID. A
/// shared vendor, WPS device name or name prefix is listed as further evidence but never
/// groups a network alone: the neighbours' router is often the same model.
public struct HomeNetwork: Sendable {
  public var ssid: [UInt8]
  /// Every access point using the name, ordered by band, then BSSID.
  public var accessPoints: [NetworkAssessment]
  public var siblings: [Sibling]

  public struct Sibling: Sendable {
    public enum Kind: String, Sendable, Equatable {
      /// The same network under a name per band (`Home` and `Home-5G`).
      case bandSplit = "band-split"
      /// A network of its own: a guest or smart-home network.
      case separate
      /// A network whose name is hidden: a mesh backhaul, or a network for devices.
      case hidden
    }

    /// Empty when hidden.
    public var ssid: [UInt8]
    public var kind: Kind
    /// The sibling's access points that the evidence ties to the network.
    public var accessPoints: [NetworkAssessment]
    /// Why it was grouped, one plain sentence a piece, the deciding evidence first.
    public var why: [String]

    /// The access point with the weakest security: the one that decides.
    public var weakest: NetworkAssessment {
      accessPoints.min { $0.security.strength < $1.security.strength } ?? accessPoints[0]
    }
  }

  /// The access points of the network and of its band-split siblings: what a device that
  /// knows the network's password joins.
  public var everyBand: [NetworkAssessment] {
    accessPoints + siblings.filter { $0.kind == .bandSplit }.flatMap(\.accessPoints)
  }

  /// Every access point of the network and of all its siblings.
  public var everything: [NetworkAssessment] {
    accessPoints + siblings.flatMap(\.accessPoints)
  }

  /// Finds the network called `ssid` in a rated scan, and its siblings. Nil when no access
  /// point of the scan uses the name.
  ///
  /// - Parameter vendors: vendor names by OUI, for the evidence (may be empty).
  public static func find(
    _ ssid: [UInt8], in networks: [NetworkAssessment], vendors: [[UInt8]: String] = [:]
  ) -> HomeNetwork? {
    let own = networks.filter { $0.ssid == ssid }.sorted(by: bandThenBSSID)
    guard !own.isEmpty else { return nil }
    let ownBSSIDs = Set(own.map(\.record.bssid))

    var evidence: [[UInt8]: (members: [NetworkAssessment], why: [String])] = [:]
    var order: [[UInt8]] = []
    for candidate in networks.sorted(by: bandThenBSSID)
    where candidate.ssid != ssid && !ownBSSIDs.contains(candidate.record.bssid) {
      let deciding = ties(candidate, to: own, name: ssid)
      guard !deciding.isEmpty else { continue }
      let key = candidate.ssid ?? []
      if evidence[key] == nil { order.append(key) }
      var entry = evidence[key] ?? ([], [])
      entry.members.append(candidate)
      for sentence in deciding where !entry.why.contains(sentence) { entry.why.append(sentence) }
      evidence[key] = entry
    }

    let siblings = order.compactMap { key -> Sibling? in
      guard let (members, deciding) = evidence[key] else { return nil }
      let kind: Sibling.Kind =
        key.isEmpty ? .hidden : BandNames.splitPair(ssid, key) ? .bandSplit : .separate
      let why =
        deciding + supporting(members, own: own, name: ssid, siblingName: key, vendors: vendors)
      return Sibling(ssid: key, kind: kind, accessPoints: members, why: why)
    }
    return HomeNetwork(ssid: ssid, accessPoints: own, siblings: siblings)
  }

  /// The deciding evidence that ties `candidate` to one of `own`: one sentence each.
  static func ties(_ candidate: NetworkAssessment, to own: [NetworkAssessment], name: [UInt8])
    -> [String]
  {
    var out: [String] = []
    let display = DisplayText.escape(name)
    let address = candidate.record.bssid
    // The closest of the network's addresses tells the most; one sentence for it.
    let related = own.compactMap { ap in
      SiblingAddress.between(address, ap.record.bssid).map { (ap.record.bssid, $0) }
    }.min { closeness($0.1) < closeness($1.1) }
    switch related {
    case (let bssid, .neighbour(let distance))?:
      out.append(
        "BSSID \(address) is \(distance) from \(bssid) of \"\(display)\" "
          + "(addresses one device hands out in turn)")
    case (let bssid, .localVariant)?:
      out.append(
        "BSSID \(address) is a locally administered variant of \(bssid) of \"\(display)\" "
          + "(as routers make the addresses of extra networks)")
    case nil: break
    }
    if let uuid = candidate.wps?.uuid, let ap = own.first(where: { $0.wps?.uuid == uuid }) {
      out.append(
        "\(address) has the same WPS device UUID as \(ap.record.bssid) of \"\(display)\"")
    }
    return out
  }

  static func closeness(_ relation: SiblingAddress) -> Int {
    switch relation {
    case .neighbour(let distance): distance
    case .localVariant: 0
    }
  }

  /// Evidence that agrees with the deciding evidence but never groups alone.
  static func supporting(
    _ members: [NetworkAssessment], own: [NetworkAssessment], name: [UInt8], siblingName: [UInt8],
    vendors: [[UInt8]: String]
  ) -> [String] {
    var out: [String] = []
    let ownNames = Set(own.compactMap { $0.wps?.deviceName }.filter { !$0.isEmpty })
    if let shared = members.compactMap({ $0.wps?.deviceName }).first(where: ownNames.contains) {
      out.append("same WPS device name: \"\(DisplayText.escape(shared))\"")
    }
    let ownVendors = Set(own.map(\.record.bssid).filter { !$0.isLocallyAdministered }.map(\.oui))
    if let shared = members.map(\.record.bssid).first(where: {
      !$0.isLocallyAdministered && ownVendors.contains($0.oui)
    }) {
      let vendor = vendors[shared.oui] ?? VendorPrefix.format(shared.oui)
      out.append("same vendor: \(vendor)")
    }
    if !siblingName.isEmpty, siblingName.count > name.count,
      siblingName.starts(with: name)
    {
      out.append("name begins with \"\(DisplayText.escape(name))\"")
    }
    return out
  }

  static func bandThenBSSID(_ a: NetworkAssessment, _ b: NetworkAssessment) -> Bool {
    let (x, y) = (a.frequency ?? 0, b.frequency ?? 0)
    return x != y ? x < y : a.record.bssid < b.record.bssid
  }
}

/// Names that split one network by band: `Home` and `Home-5G`, `Home_2.4GHz` and `Home_5GHz`.
enum BandNames {
  /// True when the two names are the same once a band suffix is taken off either (and at
  /// least one had one), ignoring ASCII case.
  static func splitPair(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    let (baseA, bandA) = stripped(a)
    let (baseB, bandB) = stripped(b)
    return (bandA || bandB) && !baseA.isEmpty && baseA == baseB
  }

  /// The name without a trailing band word (`-5G`, `_2.4GHz`, ` 6E`, `5G-2`), lower-cased,
  /// and whether there was one.
  static func stripped(_ name: [UInt8]) -> (base: [UInt8], hadBand: Bool) {
    var rest = name.map(lower)
    // A radio number after the band: `5g-2`, `5g2`.
    var trimmed = rest
    if let last = trimmed.last, (0x30...0x39).contains(last) {
      trimmed.removeLast()
      if let separator = trimmed.last, separators.contains(separator) { trimmed.removeLast() }
      if let base = bandless(trimmed) { return (base, true) }
    }
    if let base = bandless(rest) { return (base, true) }
    rest = dropSeparators(rest)
    return (rest, false)
  }

  /// The name before a band word at its end (and the separator before that), or nil.
  static func bandless(_ name: [UInt8]) -> [UInt8]? {
    for unit in ["ghz", "g", "e"] {
      let suffix = Array(unit.utf8)
      guard name.count > suffix.count, Array(name.suffix(suffix.count)) == suffix else {
        continue
      }
      let head = Array(name.dropLast(suffix.count))
      for band in unit == "e" ? ["6"] : ["2.4", "24", "2", "5", "6"] {
        let digits = Array(band.utf8)
        guard Array(head.suffix(digits.count)) == digits else { continue }
        let base = Array(head.dropLast(digits.count))
        // A longer number is not a band: `Home-55G`.
        if let before = base.last, (0x30...0x39).contains(before) || before == 0x2E {
          continue
        }
        return dropSeparators(base)
      }
    }
    return nil
  }

  static func dropSeparators(_ name: [UInt8]) -> [UInt8] {
    var out = name
    while let last = out.last, separators.contains(last) { out.removeLast() }
    return out
  }

  static let separators: Set<UInt8> = Set(" -_.".utf8)

  static func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }
}
