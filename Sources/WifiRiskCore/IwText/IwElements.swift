/// Turns what `iw` printed for one element back into the element's body bytes, with exactly
/// the fields `iw` showed. What `iw` does not print stays absent; where the layout needs a
/// value `iw` hides (PMKID values), a note says what stands in for it.

/// A detail line of an element block: its line number and its text without indentation and
/// without the `*` bullet.
struct IwItem {
  var line: Int
  var text: ArraySlice<UInt8>
}

/// What the reader could not carry over exactly, for the person reading the report. Each
/// message is kept once, in order.
struct IwNotes {
  private(set) var list: [String] = []
  private var seen: Set<String> = []

  mutating func add(_ message: String) {
    if seen.insert(message).inserted { list.append(message) }
  }

  mutating func add(line: Int, _ message: String) { add("line \(line): \(message)") }
}

enum IwElements {
  /// An element with its header, or nil when the body cannot fit in one (only text that
  /// `iw` did not print can ask for that).
  static func element(_ id: UInt8, _ body: [UInt8]) -> [UInt8]? {
    guard body.count <= 255 else { return nil }
    return [id, UInt8(body.count)] + body
  }

  /// The bytes of `<invalid: 3 bytes: 01 02 03>`, `<invalid: 1 byte: 01>` or
  /// `<invalid: no data>`: what `iw` prints, raw, for an element outside its length bounds.
  static func invalidBody(_ text: ArraySlice<UInt8>) -> [UInt8]? {
    guard let inner = IwLex.after(IwLex.trim(text), "<invalid:") else { return nil }
    let string = IwLex.string(inner)
    if string.hasPrefix(" no data") { return [] }
    guard let colon = string.firstIndex(of: ":") else { return nil }
    let hex = string[string.index(after: colon)...].prefix { $0 != ">" }
    return IwLex.hexBytes(hex)
  }

  // MARK: - RSN and WPA

  /// The RSN element body, or the WPA vendor element body after its OUI and type, from the
  /// lines scan.c `_print_rsn_ie` prints.
  ///
  /// iw prints a default in place of a missing field: when the element ends before the
  /// pairwise list it prints the default pairwise cipher and no authentication suites, when
  /// it ends before the AKM list it prints the default AKM. The first case shows (no AKM
  /// line), so that pairwise cipher is left out; the second looks exactly like a list of
  /// one 802.1X AKM and is kept as sent, which rates the same.
  static func rsn(
    _ items: [IwItem], wpa: Bool, line: Int, textEnds: Bool, notes: inout IwNotes
  ) -> [UInt8] {
    let name = wpa ? "WPA" : "RSN"
    var version: UInt16?
    var group: UInt32?
    var pairwise: [UInt32]?
    var akms: [UInt32]?
    var capabilities: UInt16?
    var pmkids: Int?
    var management: UInt32?
    var tail: [UInt8] = []

    func list(_ value: ArraySlice<UInt8>, _ kind: IwNames.SuiteKind, at item: IwItem) -> [UInt32] {
      let (selectors, unknown) = IwNames.suites(value, kind, wpa: wpa)
      if !unknown.isEmpty {
        notes.add(
          line: item.line,
          "\(name) names suites wifirisk cannot map to numbers (\(unknown.joined(separator: ", "))); "
            + "each stands as the unknown suite 00-00-00:0")
      }
      return selectors + unknown.map { _ in 0 }
    }

    for item in items {
      let text = item.text
      if let value = IwLex.after(text, "Version:") {
        version = IwLex.leadingInt(IwLex.string(value)).flatMap(UInt16.init(exactly:))
      } else if let value = IwLex.after(text, "Group cipher:") {
        group = list(value, .cipher, at: item).first
      } else if let value = IwLex.after(text, "Pairwise ciphers:") {
        pairwise = list(value, .cipher, at: item)
      } else if let value = IwLex.after(text, "Authentication suites:") {
        akms = list(value, .akm, at: item)
      } else if let value = IwLex.after(text, "Capabilities:") {
        let (bits, unknown) = IwNames.bitField(value, names: IwNames.rsnCapabilityNames)
        capabilities = bits
        if bits == nil || !unknown.isEmpty {
          notes.add(line: item.line, "\(name) capabilities read without their (0x....) value")
        }
      } else if let value = IwLex.after(text, "Group mgmt cipher suite:") {
        management = list(value, .cipher, at: item).first
      } else if let value = IwLex.after(text, "bogus tail data") {
        let string = IwLex.string(value)
        let bytes = string.firstIndex(of: ":").flatMap {
          IwLex.hexBytes(string[string.index(after: $0)...])
        }
        tail += bytes ?? []
      } else if IwLex.string(text).hasSuffix(" PMKIDs") || IwLex.string(text).hasSuffix(" PMKID") {
        pmkids = IwLex.leadingInt(IwLex.string(text))
      } else {
        notes.add(line: item.line, "\(name): line not understood, skipped")
      }
    }

    // Without its version, or cut off by the end of the text before its AKMs, the element
    // is kept empty: the core then reads its security as unknown, never as open or WEP.
    guard let version, !(textEnds && akms == nil && tail.isEmpty) else {
      notes.add(
        line: line,
        "\(name) is cut short in the text; the element is kept empty, so the network's "
          + "security reads as unknown")
      return []
    }
    if akms == nil && tail.isEmpty && pairwise != nil {
      pairwise = nil
      notes.add(
        line: line,
        "\(name) lists no authentication suites: the element ends early and its pairwise "
          + "cipher line is iw's default, so it is left out")
    }
    if textEnds && !wpa && capabilities == nil && tail.isEmpty {
      notes.add(
        line: line, "the text ends inside the \(name) block; its capabilities may be missing")
    }

    var body = le16(version)
    var stopped = false
    func field(_ bytes: [UInt8]?) {
      guard !stopped else {
        if bytes != nil {
          notes.add(line: line, "\(name) fields after a missing one are left out")
        }
        return
      }
      if let bytes { body += bytes } else { stopped = true }
    }
    field(group.map(be32))
    field(pairwise.map { le16(UInt16(clamping: $0.count)) + $0.flatMap(be32) })
    field(akms.map { le16(UInt16(clamping: $0.count)) + $0.flatMap(be32) })
    field(capabilities.map(le16))
    if let count = pmkids, (0...15).contains(count) {
      if count > 0 {
        notes.add(
          "iw prints how many PMKIDs an RSN element carries but not their values: "
            + "zero bytes stand in for them")
      }
      field(le16(UInt16(count)) + [UInt8](repeating: 0, count: count * 16))
    } else {
      if pmkids != nil { notes.add(line: line, "\(name): PMKID count out of range, left out") }
      field(nil)
    }
    field(management.map(be32))
    return body + tail
  }

  // MARK: - WPS

  /// The WPS attribute stream (big-endian type, length, value), in the order scan.c
  /// `print_wifi_wps` printed the attributes.
  static func wps(_ items: [IwItem], notes: inout IwNotes) -> [UInt8] {
    var out: [UInt8] = []
    func attribute(_ type: UInt16, _ value: [UInt8]) {
      out += be16(type) + be16(UInt16(clamping: value.count)) + value
    }
    /// `(invalid length N)` / `(invalid, length=N)`: a zero-length attribute can be
    /// rebuilt; a longer one's bytes were not printed.
    func invalid(_ type: UInt16, _ value: ArraySlice<UInt8>, _ item: IwItem) -> Bool {
      let string = IwLex.string(value)
      guard string.hasPrefix("(invalid") else { return false }
      let digits = string.drop { !$0.isNumber }
      if IwLex.leadingInt(digits) == 0 {
        attribute(type, [])
      } else {
        notes.add(line: item.line, "WPS attribute with a bad length: its bytes are not shown")
      }
      return true
    }
    func byte(_ number: Int?, _ item: IwItem) -> [UInt8]? {
      guard let number, let value = UInt8(exactly: number) else {
        notes.add(line: item.line, "WPS: value not understood, skipped")
        return nil
      }
      return [value]
    }
    let strings: [String: UInt16] = [
      "Device name": 0x1011, "Manufacturer": 0x1021, "Model": 0x1023, "Model Number": 0x1024,
      "Serial Number": 0x1042,
    ]

    for item in items {
      if let rest = IwLex.after(item.text, "Unknown vendor extension.") {
        notes.add(
          line: item.line,
          "WPS vendor extension\(IwLex.excerpt(rest)) is not shown by iw and is left out")
        continue
      }
      if let rest = IwLex.after(item.text, "Unknown TLV (") {
        let string = IwLex.string(rest)
        let type = IwLex.leadingHex(string).flatMap(UInt16.init(exactly:))
        let bytes = string.firstIndex(of: ":").flatMap {
          IwLex.hexBytes(string[string.index(after: $0)...])
        }
        if let type, let bytes { attribute(type, bytes) }
        continue
      }
      if let rest = IwLex.after(item.text, "bogus tail data") {
        let string = IwLex.string(rest)
        let bytes = string.firstIndex(of: ":").flatMap {
          IwLex.hexBytes(string[string.index(after: $0)...])
        }
        out += bytes ?? []
        continue
      }
      guard let (label, value) = IwLex.labelled(item.text) else {
        notes.add(line: item.line, "WPS: line not understood, skipped")
        continue
      }
      let string = IwLex.string(value)
      if let type = strings[label] {
        // Printed raw with "%.*s": the bytes are the attribute's, up to any NUL byte.
        attribute(type, Array(value))
        continue
      }
      switch label {
      case "Version":
        if invalid(0x104A, value, item) { continue }
        if let version = wpsVersion(string) { attribute(0x104A, [version]) }
      case "Version2":
        if let version = wpsVersion(string) {
          attribute(0x1049, [0x00, 0x37, 0x2A, 0x00, 0x01, version])
        }
      case "Wi-Fi Protected Setup State":
        if invalid(0x1044, value, item) { continue }
        if let bytes = byte(IwLex.leadingInt(string), item) { attribute(0x1044, bytes) }
      case "Response Type":
        if invalid(0x103B, value, item) { continue }
        if let bytes = byte(IwLex.leadingInt(string), item) { attribute(0x103B, bytes) }
      case "RF Bands":
        if invalid(0x103C, value, item) { continue }
        if let bytes = byte(IwLex.leadingHex(string), item) { attribute(0x103C, bytes) }
      case "Selected Registrar":
        if invalid(0x1041, value, item) { continue }
        if let bytes = byte(IwLex.leadingHex(string), item) { attribute(0x1041, bytes) }
      case "AP setup locked":
        if invalid(0x1057, value, item) { continue }
        if let bytes = byte(IwLex.leadingHex(string), item) { attribute(0x1057, bytes) }
      case "Device Password ID":
        if invalid(0x1012, value, item) { continue }
        if let id = IwLex.leadingInt(string).flatMap(UInt16.init(exactly:)) {
          attribute(0x1012, be16(id))
        }
      case "UUID":
        if invalid(0x1047, value, item) { continue }
        let hex = string.filter { $0 != "-" }.prefix { !$0.isWhitespace }
        if let bytes = IwLex.packedHex(hex), bytes.count == 16 { attribute(0x1047, bytes) }
      case "Primary Device Type":
        if invalid(0x1054, value, item) { continue }
        let parts = string.split(separator: "-")
        if parts.count == 3, let category = UInt16(parts[0]),
          let oui = IwLex.packedHex(parts[1]), oui.count == 4,
          let sub = IwLex.leadingInt(parts[2]).flatMap(UInt16.init(exactly:))
        {
          attribute(0x1054, be16(category) + oui + be16(sub))
        }
      case "Config methods", "Selected Registrar Config methods":
        let type: UInt16 = label == "Config methods" ? 0x1008 : 0x1053
        if invalid(type, value, item) { continue }
        var methods: UInt16 = 0
        for name in string.split(separator: ",") {
          let trimmed = name.trimmingBlanks
          if let bit = IwNames.wpsConfigMethods[trimmed] {
            methods |= bit
          } else if !trimmed.isEmpty {
            notes.add(
              line: item.line, "WPS config method \"\(IwLex.excerpt(trimmed))\" not understood")
          }
        }
        attribute(type, be16(methods))
        notes.add(
          "iw names only WPS config methods USB to Keypad (bits 0-8); the push-button and "
            + "display variants of WPS 2.0 are not shown")
      default:
        notes.add(
          line: item.line, "WPS attribute \"\(IwLex.excerpt(label))\" not understood, skipped")
      }
    }
    return out
  }

  /// `2.0` -> 0x20.
  private static func wpsVersion(_ text: String) -> UInt8? {
    let parts = text.split(separator: ".")
    guard parts.count == 2, let major = UInt8(parts[0]), major < 16,
      let minor = IwLex.leadingInt(parts[1]), (0..<16).contains(minor)
    else { return nil }
    return major << 4 | UInt8(minor)
  }

  // MARK: - Interworking, Roaming Consortium, Hotspot 2.0

  /// Interworking (scan.c `print_interworking`): options, then venue, then HESSID.
  static func interworking(_ items: [IwItem], line: Int, notes: inout IwNotes) -> [UInt8]? {
    var options: UInt8?
    var typeAndFlags: UInt8?
    var venueGroup: UInt8?
    var venueType: UInt8?
    var hessid: [UInt8]?
    for item in items {
      let text = IwLex.trim(item.text)
      if let value = IwLex.after(text, "Network Options:") {
        options = IwLex.leadingHex(IwLex.string(value)).flatMap(UInt8.init(exactly:))
      } else if let value = IwLex.after(text, "Network Type:") {
        let type = IwLex.leadingInt(IwLex.string(value)).flatMap(UInt8.init(exactly:)) ?? 0
        typeAndFlags = (typeAndFlags ?? 0) | (type & 0x0F)
      } else if let bit = IwNames.networkTypeBits[IwLex.string(text)] {
        typeAndFlags = (typeAndFlags ?? 0) | bit
      } else if let value = IwLex.after(text, "Venue Group:") {
        venueGroup = IwLex.leadingInt(IwLex.string(value)).flatMap(UInt8.init(exactly:))
      } else if let value = IwLex.after(text, "Venue Type:") {
        venueType = IwLex.leadingInt(IwLex.string(value)).flatMap(UInt8.init(exactly:))
      } else if let value = IwLex.after(text, "HESSID:") {
        hessid = MACAddress(IwLex.string(IwLex.trim(value)))?.bytes
      }
    }
    guard let first = options ?? typeAndFlags else {
      notes.add(line: line, "Interworking shows no network options; left out")
      return nil
    }
    var body = [first]
    if let venueGroup, let venueType { body += [venueGroup, venueType] }
    if let hessid { body += hessid }
    return body
  }

  /// Roaming Consortium (scan.c `print_11u_rcon`): the ANQP OI count, then up to three OIs.
  static func roamingConsortium(_ items: [IwItem], line: Int, notes: inout IwNotes)
    -> [UInt8]?
  {
    var count: UInt8?
    var ois: [Int: [UInt8]] = [:]
    for item in items {
      let text = IwLex.trim(item.text)
      if let value = IwLex.after(text, "ANQP OIs:") {
        count = IwLex.leadingInt(IwLex.string(value)).flatMap(UInt8.init(exactly:))
        continue
      }
      for number in 1...3 {
        guard let value = IwLex.after(text, "OI \(number):") else { continue }
        guard let bytes = IwLex.packedHex(IwLex.string(IwLex.trim(value))) else {
          notes.add(line: item.line, "Roaming Consortium OI \(number) not shown; element left out")
          return nil
        }
        ois[number] = bytes
      }
    }
    let first = ois[1] ?? []
    let second = ois[2] ?? []
    guard let count, first.count < 16, second.count < 16 else {
      notes.add(line: line, "Roaming Consortium not understood; left out")
      return nil
    }
    return [count, UInt8(first.count) | UInt8(second.count) << 4] + first + second
      + (ois[3] ?? [])
  }

  /// Hotspot 2.0 Indication (scan.c `print_hs20_ind`): iw prints only the DGAF bit.
  static func hs20(_ items: [IwItem], line: Int, notes: inout IwNotes) -> [UInt8]? {
    for item in items {
      let text = IwLex.trim(item.text)
      if let value = IwLex.after(text, "DGAF:"),
        let bit = IwLex.leadingInt(IwLex.string(value))
      {
        notes.add(
          "iw shows only the DGAF bit of a Hotspot 2.0 Indication; the Passpoint release "
            + "is not shown and reads as release 1")
        return [UInt8(bit & 1)]
      }
      if let value = IwLex.after(text, "Unexpected length:"),
        IwLex.leadingInt(IwLex.string(value)) == 0
      {
        return []
      }
    }
    notes.add(line: line, "Hotspot 2.0 Indication shows no DGAF line; left out")
    return nil
  }

  // MARK: - OWE Transition Mode, Country

  /// OWE Transition Mode (scan.c `print_wifi_owe_tarns`): BSSID, SSID, and the optional
  /// band and channel.
  static func oweTransition(_ items: [IwItem], line: Int, notes: inout IwNotes) -> [UInt8]? {
    var bssid: [UInt8]?
    var ssid: [UInt8]?
    var band: UInt8?
    var channel: UInt8?
    for item in items {
      let text = IwLex.trim(item.text)
      if let value = IwLex.after(text, "BSSID:") {
        bssid = MACAddress(IwLex.string(IwLex.trim(value)))?.bytes
      } else if let value = IwLex.after(text, "SSID:") {
        ssid = IwNames.unescapeSSID(value)
      } else if let value = IwLex.after(text, "Band Info:") {
        band = IwLex.leadingInt(IwLex.string(value)).flatMap(UInt8.init(exactly:))
      } else if let value = IwLex.after(text, "Channel Info:") {
        channel = IwLex.leadingInt(IwLex.string(value)).flatMap(UInt8.init(exactly:))
      }
    }
    guard let bssid, let ssid, ssid.count <= 255 else {
      notes.add(line: line, "OWE Transition Mode shows no BSSID or SSID; left out")
      return nil
    }
    var body = bssid + [UInt8(ssid.count)] + ssid
    if let band, let channel { body += [band, channel] }
    return body
  }

  /// Country (scan.c `print_country`): the code as printed (`%.*s`), the environment
  /// name, and the channel and extension triplets.
  static func country(
    _ rest: ArraySlice<UInt8>, _ items: [IwItem], line: Int, notes: inout IwNotes
  ) -> [UInt8]? {
    // `rest` starts after "Country: ": the code's two bytes, printed raw.
    let value = rest
    guard let marker = IwLex.firstIndex(of: "Environment:", in: value) else {
      notes.add(line: line, "Country shows no environment; left out")
      return nil
    }
    let code = Array(value.prefix(2))
    let environmentName = IwLex.string(IwLex.trim(value[(marker + 12)...]))
    guard code.count == 2, marker >= value.startIndex + 2 else {
      notes.add(line: line, "Country code not understood; left out")
      return nil
    }
    guard let environment = IwNames.countryEnvironments[environmentName] else {
      notes.add(
        line: line,
        "Country environment \"\(IwLex.excerpt(value[(marker + 12)...]))\" does not show "
          + "its byte; the Country element is left out")
      return nil
    }
    var body = code + [environment]
    for item in items {
      let string = IwLex.string(IwLex.trim(item.text))
      let numbers = string.split(whereSeparator: { !($0.isNumber || $0 == "-") })
        .compactMap { Int($0) }
      if string.hasPrefix("Channels [") && numbers.count >= 3 {
        let (first, last, power) = (numbers[0], numbers[1], numbers[2])
        let count = first <= 14 ? last - first + 1 : (last - first) / 4 + 1
        guard let a = UInt8(exactly: first), let b = UInt8(exactly: count),
          let c = Int8(exactly: power)
        else { continue }
        body += [a, b, UInt8(bitPattern: c)]
      } else if string.hasPrefix("Extension ID:") && numbers.count >= 3 {
        guard let a = UInt8(exactly: numbers[0]), let b = UInt8(exactly: numbers[1]),
          let c = UInt8(exactly: numbers[2])
        else { continue }
        body += [a, b, c]
      }
    }
    return body
  }

  // MARK: - Encoding

  static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
  static func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
  static func be32(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
  }
}

extension StringProtocol {
  /// Without leading and trailing spaces and tabs.
  fileprivate var trimmingBlanks: String {
    String(
      self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }
        .reversed())
  }
}
