/// Remembered networks, trusted on first use like ssh's known_hosts: the name, the
/// security it had and the access points it was seen on. `check` compares what it sees
/// with them (`downgrade`, `new-bssid`, `lookalike-ssid`).
///
/// The file format, `wifirisk.known-networks/1`, is JSON with sorted keys:
///
/// ```json
/// {"schema": "wifirisk.known-networks/1",
///  "networks": [{"ssid_hex": "686f6d65", "ssid": "home", "security": "wpa3-personal",
///                "pmf": "required", "rsn_override": false,
///                "first_seen": "...", "last_seen": "...",
///                "bssids": [{"bssid": "aa:bb:cc:dd:ee:ff", "first_seen": "...",
///                            "last_seen": "...", "user_added": false}]}]}
/// ```
///
/// `ssid_hex` is the name's bytes and the key; `ssid` is only for people reading the file.
/// `rsn_override` (true once the network was seen in WPA3 compatibility mode) may be absent
/// in files written before it existed, and then reads as false.
public struct KnownNetworks: Sendable, Equatable {
  public static let schema = "wifirisk.known-networks/1"

  public var networks: [KnownNetwork]

  public init(networks: [KnownNetwork] = []) { self.networks = networks }

  public struct KnownNetwork: Sendable, Equatable {
    public var ssid: [UInt8]
    public var security: Security
    public var pmf: PMF
    /// True once the network was seen with RSN Override elements (WPA3 compatibility
    /// mode): their disappearance is a downgrade for clients that use them.
    public var rsnOverride: Bool
    public var firstSeen: String
    public var lastSeen: String
    public var bssids: [KnownBSS]

    public init(
      ssid: [UInt8], security: Security, pmf: PMF, rsnOverride: Bool = false,
      firstSeen: String, lastSeen: String, bssids: [KnownBSS]
    ) {
      self.ssid = ssid
      self.security = security
      self.pmf = pmf
      self.rsnOverride = rsnOverride
      self.firstSeen = firstSeen
      self.lastSeen = lastSeen
      self.bssids = bssids
    }

    public func knows(_ bssid: MACAddress) -> Bool { bssids.contains { $0.bssid == bssid } }
  }

  public struct KnownBSS: Sendable, Equatable {
    public var bssid: MACAddress
    public var firstSeen: String?
    public var lastSeen: String?
    /// Added with `remember --add-bssid`, not seen in a scan.
    public var userAdded: Bool

    public init(bssid: MACAddress, firstSeen: String?, lastSeen: String?, userAdded: Bool) {
      self.bssid = bssid
      self.firstSeen = firstSeen
      self.lastSeen = lastSeen
      self.userAdded = userAdded
    }
  }

  public func network(ssid: [UInt8]) -> KnownNetwork? { networks.first { $0.ssid == ssid } }

  /// How `remember` treats a network already remembered.
  public enum Mode: Sendable {
    /// `wifirisk remember`: the person says this is the network now; its security is
    /// replaced by what is seen.
    case explicit
    /// `check --remember` after an allow: new access points are added and the security
    /// is only ever raised, never lowered, so a downgrade is never learned silently.
    case afterAllow
  }

  /// What `remember` changed.
  public struct Change: Sendable, Equatable {
    public var added: Bool
    public var newBSSIDs: [MACAddress]
    public var security: Security
    public var previousSecurity: Security?
  }

  /// Records the access points of one network name. The security remembered for a new
  /// entry is the weakest seen, so nothing weaker can pass later without a `downgrade`.
  @discardableResult
  public mutating func remember(
    ssid: [UInt8], seen: [NetworkAssessment], at time: String, mode: Mode
  ) -> Change {
    let weakest = seen.map(\.security).min { $0.strength < $1.strength } ?? .unknown
    let weakestPMF = seen.map(\.pmf).min { Self.pmfRank($0) < Self.pmfRank($1) } ?? .none
    // Remembered only when every access point of the name sends the override elements.
    let override = !seen.isEmpty && seen.allSatisfy(\.advertised.rsnOverride)
    let addresses = Array(Set(seen.map(\.record.bssid))).sorted()
    guard let index = networks.firstIndex(where: { $0.ssid == ssid }) else {
      networks.append(
        KnownNetwork(
          ssid: ssid, security: weakest, pmf: weakestPMF, rsnOverride: override,
          firstSeen: time, lastSeen: time,
          bssids: addresses.map {
            KnownBSS(bssid: $0, firstSeen: time, lastSeen: time, userAdded: false)
          }))
      sort()
      return Change(added: true, newBSSIDs: addresses, security: weakest, previousSecurity: nil)
    }
    var entry = networks[index]
    let previous = entry.security
    switch mode {
    case .explicit:
      entry.security = weakest
      entry.pmf = weakestPMF
      entry.rsnOverride = override
    case .afterAllow:
      if weakest.strength > entry.security.strength { entry.security = weakest }
      if Self.pmfRank(weakestPMF) > Self.pmfRank(entry.pmf) { entry.pmf = weakestPMF }
      if override { entry.rsnOverride = true }
    }
    entry.lastSeen = time
    var added: [MACAddress] = []
    for address in addresses {
      if let known = entry.bssids.firstIndex(where: { $0.bssid == address }) {
        entry.bssids[known].lastSeen = time
        if entry.bssids[known].firstSeen == nil { entry.bssids[known].firstSeen = time }
      } else {
        entry.bssids.append(
          KnownBSS(bssid: address, firstSeen: time, lastSeen: time, userAdded: false))
        added.append(address)
      }
    }
    entry.bssids.sort { $0.bssid < $1.bssid }
    networks[index] = entry
    return Change(
      added: false, newBSSIDs: added, security: entry.security, previousSecurity: previous)
  }

  /// Adds an access point the person vouches for; false when it was already known.
  public mutating func addBSSID(_ bssid: MACAddress, ssid: [UInt8]) -> Bool? {
    guard let index = networks.firstIndex(where: { $0.ssid == ssid }) else { return nil }
    if let known = networks[index].bssids.firstIndex(where: { $0.bssid == bssid }) {
      networks[index].bssids[known].userAdded = true
      return false
    }
    networks[index].bssids.append(
      KnownBSS(bssid: bssid, firstSeen: nil, lastSeen: nil, userAdded: true))
    networks[index].bssids.sort { $0.bssid < $1.bssid }
    return true
  }

  /// Removes a network; false when it was not remembered.
  public mutating func forget(ssid: [UInt8]) -> Bool {
    let before = networks.count
    networks.removeAll { $0.ssid == ssid }
    return networks.count != before
  }

  private mutating func sort() {
    networks.sort { $0.ssid.lexicographicallyPrecedes($1.ssid) }
  }

  static func pmfRank(_ pmf: PMF) -> Int {
    switch pmf {
    case .none: 0
    case .capable: 1
    case .required: 2
    }
  }
}

// MARK: - The file format

extension KnownNetworks {
  /// Why a state file could not be read: a JSON syntax error (line and column) or a value
  /// in the wrong place (`networks[2].security`).
  public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int?
    public var column: Int?
    public var place: String?
    public var message: String

    public var description: String {
      var parts: [String] = []
      if let line, let column { parts.append("line \(line), column \(column)") }
      if let place { parts.append(place) }
      parts.append(message)
      return parts.joined(separator: ": ")
    }
  }

  public static func decode(_ bytes: [UInt8]) throws(ReadError) -> KnownNetworks {
    let root: JSONValue
    do {
      root = try JSONParser.parse(bytes)
    } catch {
      throw ReadError(line: error.line, column: error.column, place: nil, message: error.message)
    }
    guard case .object = root else {
      throw ReadError(place: nil, message: "expected a JSON object, found \(root.typeName)")
    }
    guard case .string(let schema)? = root["schema"] else {
      throw ReadError(place: "schema", message: "missing: not a wifirisk known-networks file")
    }
    guard schema == Self.schema else {
      throw ReadError(
        place: "schema",
        message: "\"\(DisplayText.escape(Array(schema.utf8).prefix(60)))\" is not supported "
          + "(this wifirisk reads \(Self.schema))")
    }
    guard case .array(let entries)? = root["networks"] else {
      throw ReadError(place: "networks", message: "missing or not an array")
    }
    var known = KnownNetworks()
    for (index, entry) in entries.enumerated() {
      let place = "networks[\(index)]"
      let ssid = try hex(entry, "ssid_hex", at: place)
      guard ssid.count <= 32 else {
        throw ReadError(place: "\(place).ssid_hex", message: "longer than 32 bytes")
      }
      guard known.network(ssid: ssid) == nil else {
        throw ReadError(place: "\(place).ssid_hex", message: "remembered twice")
      }
      let securityText = try string(entry, "security", at: place)
      guard let security = Security(rawValue: securityText) else {
        throw ReadError(place: "\(place).security", message: "not a security value")
      }
      let pmfText = try string(entry, "pmf", at: place)
      guard let pmf = PMF(rawValue: pmfText) else {
        throw ReadError(place: "\(place).pmf", message: "not required, capable or none")
      }
      guard case .array(let list)? = entry["bssids"] else {
        throw ReadError(place: "\(place).bssids", message: "missing or not an array")
      }
      var bssids: [KnownBSS] = []
      for (number, item) in list.enumerated() {
        let itemPlace = "\(place).bssids[\(number)]"
        let text = try string(item, "bssid", at: itemPlace)
        guard let address = MACAddress(text) else {
          throw ReadError(place: "\(itemPlace).bssid", message: "not a MAC address")
        }
        guard case .bool(let userAdded)? = item["user_added"] else {
          throw ReadError(place: "\(itemPlace).user_added", message: "missing or not a boolean")
        }
        bssids.append(
          KnownBSS(
            bssid: address, firstSeen: try optionalString(item, "first_seen", at: itemPlace),
            lastSeen: try optionalString(item, "last_seen", at: itemPlace),
            userAdded: userAdded))
      }
      var override = false
      switch entry["rsn_override"] {
      case nil, .null?: break
      case .bool(let value)?: override = value
      default: throw ReadError(place: "\(place).rsn_override", message: "not a boolean")
      }
      known.networks.append(
        KnownNetwork(
          ssid: ssid, security: security, pmf: pmf, rsnOverride: override,
          firstSeen: try string(entry, "first_seen", at: place),
          lastSeen: try string(entry, "last_seen", at: place), bssids: bssids))
    }
    known.sort()
    return known
  }

  /// The file's text: sorted keys, pretty, a newline at the end.
  public func encoded() -> String {
    let entries: [JSONValue] = networks.map { network in
      .object([
        "ssid_hex": .string(Hex.encode(network.ssid)),
        "ssid": .string(DisplayText.escape(network.ssid)),
        "security": .string(network.security.rawValue),
        "pmf": .string(network.pmf.rawValue),
        "rsn_override": .bool(network.rsnOverride),
        "first_seen": .string(network.firstSeen),
        "last_seen": .string(network.lastSeen),
        "bssids": .array(
          network.bssids.map { bss in
            .object([
              "bssid": .string(bss.bssid.description),
              "first_seen": JSONValue(bss.firstSeen),
              "last_seen": JSONValue(bss.lastSeen),
              "user_added": .bool(bss.userAdded),
            ])
          }),
      ])
    }
    let root: JSONValue = .object(["schema": .string(Self.schema), "networks": .array(entries)])
    return root.serialized() + "\n"
  }

  private static func string(_ object: JSONValue, _ key: String, at place: String)
    throws(ReadError) -> String
  {
    guard case .object = object else {
      throw ReadError(place: place, message: "expected an object, found \(object.typeName)")
    }
    guard case .string(let text)? = object[key] else {
      throw ReadError(place: "\(place).\(key)", message: "missing or not a string")
    }
    return text
  }

  private static func optionalString(_ object: JSONValue, _ key: String, at place: String)
    throws(ReadError) -> String?
  {
    switch object[key] {
    case nil, .null?: return nil
    case .string(let text)?: return text
    default: throw ReadError(place: "\(place).\(key)", message: "not a string")
    }
  }

  private static func hex(_ object: JSONValue, _ key: String, at place: String)
    throws(ReadError) -> [UInt8]
  {
    let text = try string(object, key, at: place)
    guard let bytes = try? Hex.decode(text) else {
      throw ReadError(place: "\(place).\(key)", message: "not hexadecimal")
    }
    return bytes
  }
}

extension KnownNetworks.ReadError {
  init(place: String?, message: String) {
    self.init(line: nil, column: nil, place: place, message: message)
  }
}
