/// A TOML document as the profile reader sees it, without the TOML library: the CLI
/// converts what it parsed into this, so every profile rule is checked in pure Swift.
public indirect enum ProfileValue: Sendable, Equatable {
  case string(String)
  case integer(Int)
  case float(Double)
  case bool(Bool)
  case array([ProfileValue])
  case table([String: ProfileValue])
  /// A date, a time or anything else no profile key takes; the text names the type.
  case other(String)

  var typeName: String {
    switch self {
    case .string: "a string"
    case .integer: "an integer"
    case .float: "a float"
    case .bool: "a boolean"
    case .array: "an array"
    case .table: "a table"
    case .other(let name): name
    }
  }
}

/// One step of a key path: a key, or an index into an array (`[[trusted]]` entries).
public enum ProfileKey: Sendable, Hashable {
  case key(String)
  case index(Int)
}

/// Where in a profile something is: `security.open`, `trusted[1].bssids[0]`.
public struct ProfileKeyPath: Sendable, Hashable, CustomStringConvertible {
  public var components: [ProfileKey]

  public init(_ components: [ProfileKey]) { self.components = components }

  public init(_ keys: String...) { self.components = keys.map(ProfileKey.key) }

  public func appending(_ key: String) -> ProfileKeyPath {
    ProfileKeyPath(components + [.key(key)])
  }
  public func appending(index: Int) -> ProfileKeyPath {
    ProfileKeyPath(components + [.index(index)])
  }

  public var description: String {
    var out = ""
    for component in components {
      switch component {
      case .key(let key):
        let bare = !key.isEmpty && key.unicodeScalars.allSatisfy(TOMLText.isBareKeyScalar)
        let text = bare ? key : TOMLText.quoted(key)
        out += out.isEmpty ? text : "." + text
      case .index(let index): out += "[\(index)]"
      }
    }
    return out.isEmpty ? "(top level)" : out
  }
}

/// A problem with a profile, at a key path; the CLI adds the file and the line.
public struct ProfileError: Error, Sendable, Equatable, CustomStringConvertible {
  public var path: ProfileKeyPath
  public var message: String

  public var description: String { "\(path): \(message)" }
}

extension ProfileError {
  /// The line the tool prints for it: `FILE:LINE: KEY: problem`, or `FILE: KEY: problem`
  /// when the key's line is not known.
  public func located(file: String, line: Int?) -> String {
    let place = line.map { "\(file):\($0)" } ?? file
    return "\(place): \(path): \(message)"
  }
}

/// A network the profile's owner trusts, with what it is expected to look like.
public struct TrustedNetwork: Sendable, Equatable {
  /// The network name, as bytes (the UTF-8 of the profile's string).
  public var ssid: [UInt8]
  /// The security it must have; any other → `trusted-mismatch`, always blocked.
  public var security: Security?
  /// Access points it may use; with `ouis`, a BSSID matching neither → `new-bssid`.
  public var bssids: [MACAddress]
  /// Vendor prefixes (first three bytes) its access points may use.
  public var ouis: [[UInt8]]

  public init(
    ssid: [UInt8], security: Security? = nil, bssids: [MACAddress] = [], ouis: [[UInt8]] = []
  ) {
    self.ssid = ssid
    self.security = security
    self.bssids = bssids
    self.ouis = ouis
  }

  /// True when the entry lists the access points it expects.
  public var restrictsAccessPoints: Bool { !bssids.isEmpty || !ouis.isEmpty }
}

/// What one profile file says: every setting optional, since a profile that `extends`
/// another only overrides what it names.
public struct ProfileLayer: Sendable, Equatable {
  public var description: String?
  public var extends: String?
  public var minimumSecurity: Security?
  public var belowMinimum: PolicyAction?
  public var publicNetworks: PolicyAction?
  public var captivePortal: PolicyAction?
  public var onError: OnError?
  public var vpnReminder: Bool?
  public var security: [Security: PolicyAction] = [:]
  public var findings: [String: PolicyAction] = [:]
  public var trusted: [TrustedNetwork] = []
  /// `[probe]`: the connectivity probe's URLs and expected answer (Captive/ProbeSettings.swift).
  public var probe: ProbeLayer?

  public init() {}

  /// Every top-level key a profile may use.
  public static let topLevelKeys = [
    "description", "extends", "minimum_security", "below_minimum", "public_networks",
    "captive_portal", "on_error", "vpn_reminder", "security", "findings", "trusted", "probe",
  ]

  /// Every key of a `[[trusted]]` entry.
  public static let trustedKeys = ["ssid", "security", "bssids", "ouis"]

  /// Reads a parsed profile. Every problem is returned, each at its key path, so the caller
  /// can report the one that comes first in the file. Unknown keys are errors: a typo must
  /// never weaken a policy.
  public static func parse(_ root: [String: ProfileValue]) -> (
    layer: ProfileLayer, errors: [ProfileError]
  ) {
    var reader = Reader()
    var layer = ProfileLayer()
    for key in root.keys.sorted() {
      guard let value = root[key] else { continue }
      let path = ProfileKeyPath(key)
      switch key {
      case "description": layer.description = reader.string(value, at: path)
      case "extends":
        if let name = reader.string(value, at: path) {
          if ProfileName.isValid(name) {
            layer.extends = name
          } else {
            reader.fail(path, ProfileName.problem(name))
          }
        }
      case "minimum_security":
        layer.minimumSecurity = reader.choice(value, at: path, "a security value")
      case "below_minimum": layer.belowMinimum = reader.choice(value, at: path, "an action")
      case "public_networks": layer.publicNetworks = reader.choice(value, at: path, "an action")
      case "captive_portal": layer.captivePortal = reader.choice(value, at: path, "an action")
      case "on_error": layer.onError = reader.choice(value, at: path, "a choice")
      case "vpn_reminder": layer.vpnReminder = reader.bool(value, at: path)
      case "security":
        for (name, action) in reader.actionTable(value, at: path) {
          let security: Security? = reader.choice(
            named: name, at: path.appending(name), "a security value")
          guard let security else { continue }
          layer.security[security] = action
        }
      case "findings":
        for (id, action) in reader.actionTable(value, at: path) {
          guard PolicyFindings.ids.contains(id) else {
            reader.fail(
              path.appending(id), Reader.notOneOf(id, "a finding id", PolicyFindings.ids))
            continue
          }
          layer.findings[id] = action
        }
      case "probe":
        let (probe, problems) = ProbeLayer.parse(value, at: path)
        layer.probe = probe
        reader.errors += problems
      case "trusted":
        guard case .array(let entries) = value else {
          reader.fail(
            path, "expected [[trusted]] entries (an array of tables), found \(value.typeName)")
          continue
        }
        var seen: Set<[UInt8]> = []
        for (index, entry) in entries.enumerated() {
          let entryPath = path.appending(index: index)
          guard let network = reader.trusted(entry, at: entryPath) else { continue }
          if !seen.insert(network.ssid).inserted {
            reader.fail(
              entryPath.appending("ssid"),
              "\(TOMLText.quoted(DisplayText.escape(network.ssid))) is already trusted above")
            continue
          }
          layer.trusted.append(network)
        }
      default:
        reader.fail(
          path,
          "unknown key (a profile has: " + topLevelKeys.joined(separator: ", ") + ")")
      }
    }
    return (layer, reader.errors)
  }

  /// Collects errors while reading values.
  private struct Reader {
    var errors: [ProfileError] = []

    mutating func fail(_ path: ProfileKeyPath, _ message: String) {
      errors.append(ProfileError(path: path, message: message))
    }

    mutating func string(_ value: ProfileValue, at path: ProfileKeyPath) -> String? {
      guard case .string(let text) = value else {
        fail(path, "expected a string, found \(value.typeName)")
        return nil
      }
      return text
    }

    mutating func bool(_ value: ProfileValue, at path: ProfileKeyPath) -> Bool? {
      guard case .bool(let flag) = value else {
        fail(path, "expected true or false, found \(value.typeName)")
        return nil
      }
      return flag
    }

    /// A string that names one case of `Choice`; `kind` says what it is for the message.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(
      _ value: ProfileValue, at path: ProfileKeyPath, _ kind: String
    ) -> Choice? where Choice.RawValue == String {
      guard let text = string(value, at: path) else { return nil }
      return choice(named: text, at: path, kind)
    }

    /// The case of `Choice` that `text` names (a value, or a key of a table).
    mutating func choice<Choice: RawRepresentable & CaseIterable>(
      named text: String, at path: ProfileKeyPath, _ kind: String
    ) -> Choice? where Choice.RawValue == String {
      guard let choice = Choice(rawValue: text) else {
        fail(path, Self.notOneOf(text, kind, Choice.allCases.map(\.rawValue)))
        return nil
      }
      return choice
    }

    /// `"deny" is not an action (one of: allow, warn, block)`.
    static func notOneOf(_ text: String, _ kind: String, _ choices: [String]) -> String {
      "\(TOMLText.quoted(text)) is not \(kind) (one of: \(choices.joined(separator: ", ")))"
    }

    mutating func actionTable(_ value: ProfileValue, at path: ProfileKeyPath) -> [(
      String, PolicyAction
    )] {
      guard case .table(let members) = value else {
        fail(path, "expected a table ([\(path)]), found \(value.typeName)")
        return []
      }
      var out: [(String, PolicyAction)] = []
      for key in members.keys.sorted() {
        guard let member = members[key],
          let action: PolicyAction = choice(member, at: path.appending(key), "an action")
        else { continue }
        out.append((key, action))
      }
      return out
    }

    mutating func trusted(_ value: ProfileValue, at path: ProfileKeyPath) -> TrustedNetwork? {
      guard case .table(let members) = value else {
        fail(path, "expected a [[trusted]] table, found \(value.typeName)")
        return nil
      }
      var failed = false
      for key in members.keys.sorted() where !ProfileLayer.trustedKeys.contains(key) {
        fail(
          path.appending(key),
          "unknown key (a [[trusted]] entry has: "
            + ProfileLayer.trustedKeys.joined(separator: ", ") + ")")
        failed = true
      }
      guard let ssidValue = members["ssid"] else {
        fail(path, "a [[trusted]] entry needs an ssid")
        return nil
      }
      guard let name = string(ssidValue, at: path.appending("ssid")) else { return nil }
      let ssid = Array(name.utf8)
      if ssid.isEmpty || ssid.count > 32 {
        fail(path.appending("ssid"), "a network name has 1 to 32 bytes, this one \(ssid.count)")
        failed = true
      }
      var network = TrustedNetwork(ssid: ssid)
      if let value = members["security"] {
        if let security: Security = choice(
          value, at: path.appending("security"), "a security value")
        {
          network.security = security
        } else {
          failed = true
        }
      }
      if let value = members["bssids"] {
        let bssids = list(
          value, at: path.appending("bssids"), "a MAC address (aa:bb:cc:dd:ee:ff)"
        ) { MACAddress($0) }
        if let bssids { network.bssids = bssids } else { failed = true }
      }
      if let value = members["ouis"] {
        let ouis = list(value, at: path.appending("ouis"), "an OUI (three bytes: aa:bb:cc)") {
          VendorPrefix.parse($0)
        }
        if let ouis { network.ouis = ouis } else { failed = true }
      }
      return failed ? nil : network
    }

    /// An array of strings, each read by `parse`; nil when an item is not a string or
    /// `parse` refuses it (every such item is reported: its text is not `kind`).
    mutating func list<Item>(
      _ value: ProfileValue, at path: ProfileKeyPath, _ kind: String, _ parse: (String) -> Item?
    ) -> [Item]? {
      guard case .array(let items) = value else {
        fail(path, "expected an array of strings, found \(value.typeName)")
        return nil
      }
      var out: [Item] = []
      var failed = false
      for (index, item) in items.enumerated() {
        let itemPath = path.appending(index: index)
        guard let text = string(item, at: itemPath) else {
          failed = true
          continue
        }
        guard let parsed = parse(text) else {
          fail(itemPath, "\(TOMLText.quoted(text)) is not \(kind)")
          failed = true
          continue
        }
        out.append(parsed)
      }
      return failed ? nil : out
    }
  }
}

/// Profile names: what `--profile` and `extends` take, and file names without `.toml`.
public enum ProfileName {
  public static func isValid(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, name.utf8.count <= 64 else { return false }
    let allowed = { (s: Unicode.Scalar) in
      ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
        || s == "-" || s == "_" || s == "."
    }
    return first != "." && name.unicodeScalars.allSatisfy(allowed)
  }

  public static func problem(_ name: String) -> String {
    "\(TOMLText.quoted(name)) is not a profile name (letters, digits, '-', '_' and '.', "
      + "not starting with '.')"
  }
}

/// Vendor prefixes: `aa:bb:cc` (or `aa-bb-cc`, or `aabbcc`).
public enum VendorPrefix {
  public static func parse(_ text: String) -> [UInt8]? {
    let compact = text.filter { $0 != ":" && $0 != "-" }
    let separators = text.count - compact.count
    guard compact.count == 6, separators == 0 || separators == 2 else { return nil }
    guard let bytes = try? Hex.decode(String(compact)) else { return nil }
    return bytes
  }

  public static func format(_ oui: [UInt8]) -> String {
    oui.map { Hex.byte($0) }.joined(separator: ":")
  }
}

/// Every id a profile's `[findings]` table may name: the rating's findings, then the ones
/// that compare with remembered and trusted networks.
public enum PolicyFindings {
  public static let ids: [String] =
    FindingRules.all.map(\.id) + ScanRules.ids + MemoryRules.ids
}

/// Small pieces of TOML syntax, shared by the reader's messages and `profiles show`.
public enum TOMLText {
  static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
      || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
  }

  /// A TOML basic string: quotes, backslashes and control characters escaped.
  public static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F || DisplayText.needsEscape(scalar.value) {
          let hex = String(scalar.value, radix: 16, uppercase: true)
          let width = scalar.value > 0xFFFF ? 8 : 4
          out +=
            (width == 8 ? "\\U" : "\\u") + String(repeating: "0", count: width - hex.count)
            + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// A key as written in TOML: bare when it can be, quoted otherwise.
  public static func key(_ key: String) -> String {
    !key.isEmpty && key.unicodeScalars.allSatisfy(isBareKeyScalar) ? key : quoted(key)
  }
}
