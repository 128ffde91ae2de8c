/// Reads the text that `iw dev IF scan` and `iw dev IF scan dump` print (the form people
/// paste into bug reports and forums) back into a `ScanSnapshot`, so the same core rates it.
///
/// `iw` decodes each element into lines (scan.c, `print_bss_handler` and `print_ies`); this
/// reader turns the lines back into element bytes holding exactly the fields `iw` showed:
/// SSID, DS Parameter Set, Country, RSN, the WPA and WPS vendor elements, Interworking,
/// Roaming Consortium, Hotspot 2.0 Indication, OWE Transition Mode, and the raw elements
/// `iw -u` prints as hex. HT, VHT, HE and EHT elements carry presence only (an empty body,
/// which the element table accepts): `iw` decodes them in full, but wifirisk rates only
/// whether they are there. Anything `iw` does not print is absent, never guessed; where an
/// element's layout needs a value `iw` hides, `notes` says what stands in for it.
///
/// `scan dump -b` prints a second element list under "Information elements from Beacon
/// frame:"; it becomes `beaconIes`. Otherwise `beaconIes` stays nil: the plain output is one
/// view, a probe response's elements when the kernel has one, else a beacon's.
public enum IwScanText {
  /// True when the text's first non-blank line is an `iw` BSS header.
  public static func looksLikeIwScan(_ bytes: [UInt8]) -> Bool {
    guard let line = IwLex.firstContentLine(bytes) else { return false }
    return IwHeader(line.text) != nil
  }

  /// Parses `iw` scan text. Throws when the text does not start with a BSS header (after
  /// blank lines), or when a line that starts like one has no valid BSSID.
  public static func parse(_ bytes: [UInt8]) throws(IwTextError) -> IwScanResult {
    var parser = IwScanParser()
    let lines = IwLex.lines(bytes)
    guard let first = lines.first(where: { !$0.isBlank }) else {
      throw IwTextError(
        line: max(1, lines.count), message: "expected \"BSS xx:xx:xx:xx:xx:xx\", found no text")
    }
    guard IwHeader(first.text) != nil else {
      throw IwTextError(
        line: first.number,
        message: "expected \"BSS xx:xx:xx:xx:xx:xx\", found \"\(IwLex.excerpt(first.text))\"")
    }
    for line in lines where !line.isBlank {
      try parser.take(line, isLast: line.number == lines.count)
    }
    parser.finishBSS(textEnds: true)
    let interfaces = parser.records.compactMap(\.interface)
    if Set(interfaces).count > 1 {
      parser.notes.add("the text holds scans of more than one interface")
    }
    let capture = ScanSnapshot(
      source: "iw", interface: interfaces.first, bss: parser.records.map(\.record))
    return IwScanResult(capture: capture, notes: parser.notes.list)
  }
}

/// What `IwScanText.parse` returns: the capture, and what could not be carried over exactly.
public struct IwScanResult: Sendable, Equatable {
  /// The records, with `source` "iw" and the interface from the first BSS header.
  public var capture: ScanSnapshot
  /// Plain-language notes: fields iw does not show, stand-ins, lines skipped.
  public var notes: [String]

  public init(capture: ScanSnapshot, notes: [String]) {
    self.capture = capture
    self.notes = notes
  }
}

/// Text that is not `iw` scan output, with the 1-based line where that shows.
public struct IwTextError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var message: String

  public var description: String { "line \(line): \(message)" }
}

/// `BSS 02:00:00:00:00:00(on wlan0) -- associated` (scan.c `print_bss_handler`). Older
/// `iw` put a space before `(on`; both are read.
struct IwHeader {
  var bssid: MACAddress
  var interface: String?
  var status: BSSStatus?
  var unknownStatus: String?

  /// "BSS " and a hex digit: the start of a header, as opposed to an element such as
  /// "BSS Load:".
  static func looksLikeHeader(_ text: ArraySlice<UInt8>) -> Bool {
    guard let rest = IwLex.after(text, "BSS "), let digit = rest.first else { return false }
    return IwLex.hexDigit(digit) != nil
  }

  init?(_ text: ArraySlice<UInt8>) {
    guard let rest = IwLex.after(IwLex.trim(text), "BSS "), rest.count >= 17,
      let bssid = MACAddress(IwLex.string(rest.prefix(17)))
    else { return nil }
    var tail = rest.dropFirst(17)
    // Whatever follows the address must be blank, "(on IF)" or "-- status".
    if let next = tail.first, !IwLex.isBlank(next), next != UInt8(ascii: "(") { return nil }
    self.bssid = bssid
    tail = IwLex.trim(tail)
    if let inner = IwLex.after(tail, "(on "), let close = inner.firstIndex(of: UInt8(ascii: ")")) {
      interface = IwLex.string(inner[..<close])
      tail = IwLex.trim(inner[(close + 1)...])
    }
    if let status = IwLex.after(tail, "--") {
      let word = IwLex.string(IwLex.trim(status))
      switch word {
      case "associated": self.status = .associated
      case "authenticated": self.status = .authenticated
      case "joined": self.status = .ibssJoined
      default: unknownStatus = word
      }
    }
  }
}

/// The kinds of element block whose detail lines are collected before the element is
/// rebuilt.
enum IwBlockKind {
  case rsn, wpa, wps, country, interworking, roamingConsortium, hs20, oweTransition
  /// An element carried for its presence only: element ID, and extension ID under 255.
  case presence(UInt8, ext: UInt8?)
  /// An element wifirisk does not rate (rates, WMM, HT details...): its lines are skipped.
  case ignored

  /// The element ID and the bytes that precede the body proper (vendor OUI and type, or
  /// the extension ID). Nil for `ignored`.
  var header: (id: UInt8, prefix: [UInt8])? {
    switch self {
    case .rsn: (48, [])
    case .wpa: (221, [0x00, 0x50, 0xF2, 0x01])
    case .wps: (221, [0x00, 0x50, 0xF2, 0x04])
    case .country: (7, [])
    case .interworking: (107, [])
    case .roamingConsortium: (111, [])
    case .hs20: (221, [0x50, 0x6F, 0x9A, 0x10])
    case .oweTransition: (221, [0x50, 0x6F, 0x9A, 0x1C])
    case .presence(let id, let ext): (id, ext.map { [$0] } ?? [])
    case .ignored: nil
    }
  }

  var name: String {
    switch self {
    case .rsn: "RSN"
    case .wpa: "WPA"
    case .wps: "WPS"
    case .country: "Country"
    case .interworking: "Interworking"
    case .roamingConsortium: "Roaming Consortium"
    case .hs20: "Hotspot 2.0 Indication"
    case .oweTransition: "OWE Transition Mode"
    case .presence: "element"
    case .ignored: "element"
    }
  }

  /// The top-level names `iw` prints (scan.c `ieprinters`, `wifiprinters`, `wfa_printers`,
  /// `ext_printers`), lower-cased: names have changed case between iw versions.
  static let byName: [String: IwBlockKind] = [
    "rsn": .rsn, "wpa": .wpa, "wps": .wps, "country": .country,
    "802.11u interworking": .interworking, "interworking": .interworking,
    "802.11u roaming consortium": .roamingConsortium, "roaming consortium": .roamingConsortium,
    "hotspot 2.0 indication": .hs20, "owe transition mode": .oweTransition,
    "ht capabilities": .presence(45, ext: nil), "ht operation": .presence(61, ext: nil),
    "vht capabilities": .presence(191, ext: nil), "vht operation": .presence(192, ext: nil),
    "he capabilities": .presence(255, ext: 35), "he operation": .presence(255, ext: 36),
    "eht capabilities": .presence(255, ext: 108), "eht operation": .presence(255, ext: 106),
  ]
}

/// One element block being read: its kind, where it started, the rest of its first line,
/// and its detail lines.
struct IwBlock {
  var kind: IwBlockKind
  var line: Int
  var rest: ArraySlice<UInt8>
  var items: [IwItem] = []

  /// True when a line at the top-level column still belongs to this block: `*` list items,
  /// and the detail names of blocks that print them without a bullet. This keeps pasted
  /// text readable when its indentation was lost.
  func accepts(_ text: ArraySlice<UInt8>) -> Bool {
    if text.first == UInt8(ascii: "*") { return true }
    func any(_ prefixes: [String]) -> Bool { prefixes.contains { IwLex.hasPrefix(text, $0) } }
    switch kind {
    case .country:
      return any(["Channels [", "Extension ID:", "No country IE triplets"])
    case .interworking:
      return any(["Network Options:", "Network Type:", "Venue Group:", "Venue Type:", "HESSID:"])
        || IwNames.networkTypeBits[IwLex.string(IwLex.trim(text))] != nil
    case .roamingConsortium:
      return any(["ANQP OIs:", "OI 1:", "OI 2:", "OI 3:"])
    case .hs20:
      return any(["DGAF:", "Unexpected length:"])
    case .oweTransition:
      let hasBSSID = items.contains { IwLex.hasPrefix($0.text, "BSSID:") }
      let hasSSID = items.contains { IwLex.hasPrefix($0.text, "SSID:") }
      if IwLex.hasPrefix(text, "BSSID:") { return !hasBSSID }
      if IwLex.hasPrefix(text, "SSID:") { return hasBSSID && !hasSSID }
      return any(["Band Info:", "Channel Info:"])
    default:
      return false
    }
  }
}

/// One BSS being read.
struct IwBSSBuilder {
  var line: Int
  var header: IwHeader
  var frequency: Int?
  var signalMBm: Int?
  var capability: UInt16?
  var beaconInterval: Int?
  var seenMsAgo: Int?
  var ies: [UInt8] = []
  var beaconIes: [UInt8]?
  var inBeacon = false
  var elementCount = 0
  /// The column of the BSS's first line after the header: where `iw` prints its fields
  /// and elements. Deeper lines are details.
  var topColumn: Int?
  var block: IwBlock?

  mutating func append(_ element: [UInt8]) {
    elementCount += 1
    if inBeacon {
      beaconIes = (beaconIes ?? []) + element
    } else {
      ies += element
    }
  }
}

struct IwScanParser {
  var records: [(record: BSSRecord, interface: String?)] = []
  var notes = IwNotes()
  var bss: IwBSSBuilder?

  mutating func take(_ line: IwLex.Line, isLast: Bool) throws(IwTextError) {
    if IwHeader.looksLikeHeader(line.text) {
      guard let header = IwHeader(line.text) else {
        if isLast && !line.terminated {
          notes.add(line: line.number, "the text ends inside a BSS header line; it is skipped")
          return
        }
        throw IwTextError(
          line: line.number,
          message:
            "expected \"BSS xx:xx:xx:xx:xx:xx\", found \"\(IwLex.excerpt(line.text))\"")
      }
      finishBSS(textEnds: false)
      if let status = header.unknownStatus {
        notes.add(line: line.number, "BSS status \"\(IwLex.excerpt(status))\" not understood")
      }
      bss = IwBSSBuilder(line: line.number, header: header)
      return
    }
    // Taken out and put back, so its element lists are never shared (and never copied).
    guard var current = bss else { return }
    bss = nil
    defer { bss = current }
    let top = current.topColumn ?? line.column
    current.topColumn = top

    if current.block != nil, line.column > top || current.block?.accepts(line.text) == true {
      current.block?.items.append(IwItem(line: line.number, text: bulletless(line.text)))
      return
    }
    // A deeper line with no element above it has nothing to attach to.
    guard line.column <= top else { return }
    finishBlock(&current, textEnds: false)
    topLevel(line, &current)
  }

  /// A line at the top-level column: a BSS field, a heading, or an element.
  private mutating func topLevel(_ line: IwLex.Line, _ current: inout IwBSSBuilder) {
    let text = line.text
    if IwLex.hasPrefix(text, "Information elements from Beacon frame", ignoringCase: true) {
      current.inBeacon = true
      current.beaconIes = current.beaconIes ?? []
      return
    }
    if IwLex.hasPrefix(text, "Information elements from", ignoringCase: true) {
      current.inBeacon = false
      return
    }
    // Raw elements, printed as hex by `iw -u` (scan.c `print_ies`, `print_vendor`,
    // `print_extension`): kept exactly.
    if let raw = rawElement(text) {
      if let element = IwElements.element(raw.id, raw.body) {
        current.append(element)
      } else {
        notes.add(line: line.number, "element too long for one element; left out")
      }
      return
    }
    guard let (label, value) = IwLex.labelled(text) else {
      current.block = IwBlock(kind: .ignored, line: line.number, rest: text[text.endIndex...])
      return
    }
    let valueText = IwLex.string(value)
    switch label {
    case "freq":
      guard let mhz = IwLex.leadingInt(valueText) else { break }
      current.frequency = kept(mhz, Fixture.Range.frequency, "frequency", line: line.number)
      if let dot = valueText.firstIndex(of: "."),
        valueText[valueText.index(after: dot)...].contains(where: { ("1"..."9").contains($0) })
      {
        notes.add(line: line.number, "frequency offset below 1 MHz dropped")
      }
      return
    case "beacon interval":
      current.beaconInterval = IwLex.leadingInt(valueText).flatMap {
        kept($0, Fixture.Range.beaconInterval, "beacon interval", line: line.number)
      }
      return
    case "capability":
      let names =
        (current.frequency ?? 0) > 45000
        ? IwNames.dmgCapabilityNames : IwNames.capabilityNames
      current.capability = IwNames.bitField(value, names: names).value
      return
    case "signal":
      guard let mBm = signal(valueText) else {
        current.signalMBm = nil
        notes.add(line: line.number, "signal \"\(IwLex.excerpt(value))\" is not in dBm; left out")
        return
      }
      current.signalMBm = kept(mBm, Fixture.Range.signalMBm, "signal (mBm)", line: line.number)
      return
    case "last seen":
      // Two forms: "136 ms ago" (what nl80211 calls seen-ms-ago) and "11.302s [boottime]".
      if valueText.hasSuffix("ms ago") {
        current.seenMsAgo = IwLex.leadingInt(valueText).flatMap {
          kept($0, Fixture.Range.seenMsAgo, "last seen (ms)", line: line.number)
        }
      }
      return
    case "TSF":
      return
    default:
      break
    }
    element(label, value, line, &current)
  }

  /// An element line: a one-line element is appended at once; a block starts collecting.
  private mutating func element(
    _ label: String, _ value: ArraySlice<UInt8>, _ line: IwLex.Line,
    _ current: inout IwBSSBuilder
  ) {
    let invalid = IwElements.invalidBody(value)
    switch label.lowercased() {
    case "ssid":
      // An SSID is out of iw's bounds only when longer than 32 bytes; a shorter
      // "<invalid: ...>" is an SSID that reads like iw's marker, not the marker.
      let body = invalid.flatMap { $0.count > 32 ? $0 : nil } ?? IwNames.unescapeSSID(value)
      emit(0, body, line.number, "SSID", &current)
      return
    case "ds parameter set":
      if let body = invalid {
        emit(3, body, line.number, "DS Parameter Set", &current)
      } else if let rest = IwLex.after(IwLex.trim(value), "channel"),
        let channel = IwLex.leadingInt(IwLex.string(rest)).flatMap(UInt8.init(exactly:))
      {
        emit(3, [channel], line.number, "DS Parameter Set", &current)
      }
      return
    default:
      break
    }
    guard let kind = IwBlockKind.byName[label.lowercased()] else {
      current.block = IwBlock(kind: .ignored, line: line.number, rest: value)
      return
    }
    if let body = invalid, let header = kind.header {
      // Outside iw's length bounds: printed raw, so rebuilt exactly.
      emit(header.id, header.prefix + body, line.number, kind.name, &current)
      current.block = IwBlock(kind: .ignored, line: line.number, rest: value)
      return
    }
    var block = IwBlock(kind: kind, line: line.number, rest: value)
    // RSN, WPA and WPS print their first item on the header line ("RSN:\t * Version: 1").
    if value.drop(while: { IwLex.isBlank($0) }).first == UInt8(ascii: "*") {
      block.items.append(IwItem(line: line.number, text: bulletless(value)))
    }
    current.block = block
  }

  private mutating func emit(
    _ id: UInt8, _ body: [UInt8], _ line: Int, _ name: String, _ current: inout IwBSSBuilder
  ) {
    if let element = IwElements.element(id, body) {
      current.append(element)
    } else {
      notes.add(line: line, "\(name) is longer than an element can be; left out")
    }
  }

  /// Rebuilds the open block's element, if it has one.
  private mutating func finishBlock(_ current: inout IwBSSBuilder, textEnds: Bool) {
    guard let block = current.block else { return }
    current.block = nil
    guard let header = block.kind.header else { return }
    let body: [UInt8]?
    switch block.kind {
    case .rsn:
      body = IwElements.rsn(
        block.items, wpa: false, line: block.line, textEnds: textEnds, notes: &notes)
    case .wpa:
      body = IwElements.rsn(
        block.items, wpa: true, line: block.line, textEnds: textEnds, notes: &notes)
    case .wps:
      // One element per 251 bytes of attributes: a reader joins WPS fragments again.
      var stream = IwElements.wps(block.items, notes: &notes)[...]
      repeat {
        emit(header.id, header.prefix + stream.prefix(251), block.line, "WPS", &current)
        stream = stream.dropFirst(251)
      } while !stream.isEmpty
      return
    case .country:
      body = IwElements.country(block.rest, block.items, line: block.line, notes: &notes)
    case .interworking:
      body = IwElements.interworking(block.items, line: block.line, notes: &notes)
    case .roamingConsortium:
      body = IwElements.roamingConsortium(block.items, line: block.line, notes: &notes)
    case .hs20:
      body = IwElements.hs20(block.items, line: block.line, notes: &notes)
    case .oweTransition:
      body = IwElements.oweTransition(block.items, line: block.line, notes: &notes)
    case .presence:
      // Presence only: wifirisk rates whether HT/VHT/HE/EHT are offered, not their details.
      body = []
    case .ignored:
      body = nil
    }
    if let body { emit(header.id, header.prefix + body, block.line, block.kind.name, &current) }
  }

  /// Closes the BSS being read and keeps its record. `textEnds`: the text stops here,
  /// so the last block may be cut short.
  mutating func finishBSS(textEnds: Bool) {
    guard var current = bss else { return }
    bss = nil
    finishBlock(&current, textEnds: textEnds)
    let bssid = current.header.bssid
    if current.capability == nil {
      if current.elementCount == 0 {
        notes.add(
          line: current.line,
          "BSS \(bssid) shows no capability and no elements (the text is cut short?); "
            + "left out")
        return
      }
      notes.add(
        line: current.line,
        "BSS \(bssid) shows no capability line: its Privacy bit is unknown and reads as clear")
    }
    let record = BSSRecord(
      bssid: bssid, frequency: current.frequency, signalMBm: current.signalMBm,
      capability: current.capability ?? 0, beaconInterval: current.beaconInterval,
      seenMsAgo: current.seenMsAgo, status: current.header.status, ies: current.ies,
      beaconIes: current.beaconIes, privacyKnown: current.capability != nil)
    records.append((record, current.header.interface))
  }

  /// `-30.00 dBm` in mBm. iw prints `%d.%.2d` of the value's quotient and remainder by 100,
  /// so -30.5 dBm comes out as `-30.-50` and -0.5 dBm as `0.-50`; both forms are read.
  /// `value` when a record can hold it (a fixture's range for the field), else nil and a note.
  private mutating func kept(
    _ value: Int, _ range: ClosedRange<Int>, _ what: String, line: Int
  ) -> Int? {
    guard range.contains(value) else {
      notes.add(line: line, "\(what) \(value) is outside \(range); left out")
      return nil
    }
    return value
  }

  private func signal(_ text: String) -> Int? {
    guard let number = text.split(separator: " ").first, text.contains("dBm") else { return nil }
    let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard let whole = Int(parts[0]), abs(whole) < 1_000_000 else { return nil }
    var fraction = 0
    var negative = parts[0].hasPrefix("-")
    if parts.count == 2 {
      var digits = parts[1]
      if digits.hasPrefix("-") {
        negative = true
        digits = digits.dropFirst()
      }
      let two = String((digits + "00").prefix(2))
      guard digits.allSatisfy(\.isNumber), let value = Int(two) else { return nil }
      fraction = value
    }
    let magnitude = abs(whole) * 100 + fraction
    return negative ? -magnitude : magnitude
  }

  /// The item text without its `*` bullet and the blanks around it.
  /// Only leading blanks go: a WPS string value may end in a space.
  private func bulletless(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    let start = text.drop { IwLex.isBlank($0) }
    guard start.first == UInt8(ascii: "*") else { return start }
    return start.dropFirst().drop { IwLex.isBlank($0) }
  }

  private static let rawElementInitials: Set<UInt8> = Set("UEVMW".utf8)
  private static let rawVendorPrefixes: [(String, [UInt8])] = [
    ("MS/WiFi ", [0x00, 0x50, 0xF2]), ("WFA ", [0x50, 0x6F, 0x9A]),
  ]

  /// The elements `iw -u` prints raw: `Unknown IE (244): 20`, `Unknown Extension ID (59):
  /// 00`, `Extension IE: <empty>`, `Vendor specific: OUI 00:10:18, data: 02 00`,
  /// `Vendor specific: <too short> data: 00 50`, `MS/WiFi 0x05, data: 10 4a`,
  /// `WFA 0x1d, data: 01`.
  private func rawElement(_ text: ArraySlice<UInt8>) -> (id: UInt8, body: [UInt8])? {
    guard let first = text.first, Self.rawElementInitials.contains(first) else { return nil }
    let string = IwLex.string(text)
    func data(after marker: String) -> [UInt8]? {
      guard let range = string.firstRange(of: marker) else { return nil }
      return IwLex.hexBytes(string[range.upperBound...])
    }
    if let rest = IwLex.after(text, "Unknown IE (") {
      guard let id = IwLex.leadingInt(IwLex.string(rest)).flatMap(UInt8.init(exactly:)),
        let body = data(after: "):")
      else { return nil }
      return (id, body)
    }
    if let rest = IwLex.after(text, "Unknown Extension ID (") {
      guard let ext = IwLex.leadingInt(IwLex.string(rest)).flatMap(UInt8.init(exactly:)),
        let body = data(after: "):")
      else { return nil }
      return (255, [ext] + body)
    }
    if IwLex.hasPrefix(text, "Extension IE: <empty>") { return (255, []) }
    if let rest = IwLex.after(text, "Vendor specific: OUI ") {
      let oui = IwLex.string(rest.prefix(8)).split(separator: ":").compactMap {
        $0.count == 2 ? UInt8($0, radix: 16) : nil
      }
      guard oui.count == 3, let body = data(after: "data:") else { return nil }
      return (221, oui + body)
    }
    if IwLex.hasPrefix(text, "Vendor specific: <too short>") {
      guard let body = data(after: "data:") else { return nil }
      return (221, body)
    }
    for (prefix, oui) in Self.rawVendorPrefixes {
      guard let rest = IwLex.after(text, prefix) else { continue }
      let typeText = IwLex.string(rest.prefix { $0 != UInt8(ascii: ",") })
      let type =
        IwLex.leadingHex(typeText) ?? Int(typeText.trimmingPrefix("0"), radix: 16) ?? 0
      guard let typeByte = UInt8(exactly: type), let body = data(after: "data:") else {
        return nil
      }
      return (221, oui + [typeByte] + body)
    }
    return nil
  }
}
