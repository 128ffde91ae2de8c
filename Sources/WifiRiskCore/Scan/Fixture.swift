/// Scan fixtures, format 1: JSON that mirrors what nl80211 reports for each BSS, so a saved
/// scan goes through exactly the same rating as a live one. `fixtures/README.md` documents
/// the format.
public enum Fixture {
  public static let formatVersion = 1

  /// Why a fixture could not be read; `place` is a JSON path such as `bss[3].ies`.
  public struct ReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public var place: String?
    public var message: String
    public var description: String { place.map { "\($0): \(message)" } ?? message }
  }

  /// The values a fixture's numeric fields may take; every scan source keeps its records
  /// inside them, so that whatever it read can be saved and read back.
  enum Range {
    static let frequency = 0...1_000_000
    static let signalMBm = -100_000...100_000
    /// A u16 in the frame.
    static let beaconInterval = 0...0xFFFF
    /// A u32 in nl80211 (NL80211_BSS_SEEN_MS_AGO): every value the kernel can send.
    static let seenMsAgo = 0...Int(UInt32.max)
  }

  public static func decode(_ bytes: [UInt8]) throws(ReadError) -> ScanSnapshot {
    let root: JSONValue
    do {
      root = try JSONParser.parse(bytes)
    } catch {
      throw ReadError(place: nil, message: "not JSON: \(error)")
    }
    guard case .object = root else {
      throw ReadError(place: nil, message: "expected a JSON object, found \(root.typeName)")
    }
    guard let version = root["wifirisk_fixture"] else {
      throw ReadError(
        place: "wifirisk_fixture", message: "missing: this is not a wifirisk scan fixture")
    }
    guard case .integer(let number) = version, number == formatVersion else {
      throw ReadError(
        place: "wifirisk_fixture",
        message: "format \(describe(version)) is not supported (this wifirisk reads format 1)")
    }
    guard let list = root["bss"] else { throw ReadError(place: "bss", message: "missing") }
    guard case .array(let entries) = list else {
      throw ReadError(place: "bss", message: "expected an array, found \(list.typeName)")
    }
    var capture = ScanSnapshot(
      capturedAt: try optionalString(root, "captured_at", at: ""),
      source: try optionalString(root, "source", at: ""),
      interface: try optionalString(root, "interface", at: ""), bss: [])
    for (index, entry) in entries.enumerated() {
      capture.bss.append(try decodeBSS(entry, at: "bss[\(index)]"))
    }
    return capture
  }

  static func decodeBSS(_ entry: JSONValue, at place: String) throws(ReadError) -> BSSRecord {
    guard case .object = entry else {
      throw ReadError(place: place, message: "expected an object, found \(entry.typeName)")
    }
    guard case .string(let bssidText)? = entry["bssid"] else {
      throw ReadError(
        place: "\(place).bssid", message: entry["bssid"] == nil ? "missing" : "expected a string")
    }
    guard let bssid = MACAddress(bssidText) else {
      throw ReadError(
        place: "\(place).bssid",
        message: "\"\(DisplayText.escape(Array(bssidText.utf8).prefix(40)))\" is not a MAC address")
    }
    guard let capability = try optionalInt(entry, "capability", at: place, range: 0...0xFFFF) else {
      throw ReadError(place: "\(place).capability", message: "missing")
    }
    guard let ies = try optionalHex(entry, "ies", at: place) else {
      throw ReadError(place: "\(place).ies", message: "missing")
    }
    var status: BSSStatus?
    if let text = try optionalString(entry, "status", at: place) {
      guard let known = BSSStatus(rawValue: text) else {
        throw ReadError(
          place: "\(place).status",
          message:
            "\"\(DisplayText.escape(Array(text.utf8).prefix(40)))\" is none of authenticated, associated, ibss_joined"
        )
      }
      status = known
    }
    return BSSRecord(
      bssid: bssid,
      frequency: try optionalInt(entry, "frequency", at: place, range: Range.frequency),
      signalMBm: try optionalInt(entry, "signal_mbm", at: place, range: Range.signalMBm),
      capability: UInt16(capability),
      beaconInterval: try optionalInt(
        entry, "beacon_interval", at: place, range: Range.beaconInterval),
      seenMsAgo: try optionalInt(entry, "seen_ms_ago", at: place, range: Range.seenMsAgo),
      status: status, ies: ies,
      beaconIes: try optionalHex(entry, "beacon_ies", at: place),
      privacyKnown: try optionalBool(entry, "privacy_known", at: place) ?? true)
  }

  static func optionalString(_ object: JSONValue, _ key: String, at place: String)
    throws(ReadError) -> String?
  {
    switch object[key] {
    case nil, .null?: return nil
    case .string(let text)?: return text
    case let other?:
      throw ReadError(
        place: join(place, key), message: "expected a string, found \(other.typeName)")
    }
  }

  static func optionalBool(_ object: JSONValue, _ key: String, at place: String)
    throws(ReadError) -> Bool?
  {
    switch object[key] {
    case nil, .null?: return nil
    case .bool(let value)?: return value
    case let other?:
      throw ReadError(
        place: join(place, key), message: "expected true or false, found \(describe(other))")
    }
  }

  static func optionalInt(
    _ object: JSONValue, _ key: String, at place: String, range: ClosedRange<Int>
  ) throws(ReadError) -> Int? {
    switch object[key] {
    case nil, .null?: return nil
    case .integer(let value)?:
      guard range.contains(value) else {
        throw ReadError(place: join(place, key), message: "\(value) is out of range \(range)")
      }
      return value
    case let other?:
      throw ReadError(
        place: join(place, key), message: "expected a whole number, found \(describe(other))")
    }
  }

  static func optionalHex(_ object: JSONValue, _ key: String, at place: String)
    throws(ReadError) -> [UInt8]?
  {
    guard let text = try optionalString(object, key, at: place) else { return nil }
    do {
      return try Hex.decode(text)
    } catch {
      switch error {
      case .oddLength(let count):
        throw ReadError(place: join(place, key), message: "bad hex: odd length \(count)")
      case .badDigit(let offset):
        throw ReadError(place: join(place, key), message: "bad hex digit at character \(offset)")
      }
    }
  }

  static func join(_ place: String, _ key: String) -> String {
    place.isEmpty ? key : "\(place).\(key)"
  }

  static func describe(_ value: JSONValue) -> String {
    switch value {
    case .integer(let number): String(number)
    case .number(let number): String(number)
    case .string(let text): "\"\(DisplayText.escape(Array(text.utf8).prefix(40)))\""
    default: value.typeName
    }
  }

  /// Writes a capture as a format-1 fixture (pretty, sorted keys, newline at the end).
  public static func encode(_ capture: ScanSnapshot) -> String {
    let entries: [JSONValue] = capture.bss.map { record in
      var members: [String: JSONValue] = [
        "bssid": .string(record.bssid.description),
        "capability": .integer(Int(record.capability)),
        "ies": .string(Hex.encode(record.ies)),
      ]
      if let value = record.frequency { members["frequency"] = .integer(value) }
      if let value = record.signalMBm { members["signal_mbm"] = .integer(value) }
      if let value = record.beaconInterval { members["beacon_interval"] = .integer(value) }
      if let value = record.seenMsAgo { members["seen_ms_ago"] = .integer(value) }
      if let value = record.status { members["status"] = .string(value.rawValue) }
      if let value = record.beaconIes { members["beacon_ies"] = .string(Hex.encode(value)) }
      if !record.privacyKnown { members["privacy_known"] = .bool(false) }
      return .object(members)
    }
    var root: [String: JSONValue] = [
      "wifirisk_fixture": .integer(formatVersion),
      "bss": .array(entries),
    ]
    if let value = capture.capturedAt { root["captured_at"] = .string(value) }
    if let value = capture.source { root["source"] = .string(value) }
    if let value = capture.interface { root["interface"] = .string(value) }
    return JSONValue.object(root).serialized() + "\n"
  }
}
