// nl80211 messages: scan results, interfaces and stations, as the kernel sends them.
import WifiRiskCore

enum NetlinkTargets {
  /// Input: the attribute bytes of one message (what follows the generic netlink header).
  /// Properties: a message survives the hex-dump format the fixtures are recorded in; a
  /// message decodes the same inside a dump of several; its records rate deterministically.
  static func scan(_ data: [UInt8]) {
    let message = NL80211Message(command: 34, attributes: data)
    roundTrip(message)
    let dump = NL80211ScanDump(messages: [message])
    require(dump.entries.count + dump.problems.count == 1, "one message, not one entry or problem")
    let twice = NL80211ScanDump(messages: [message, message])
    require(twice.entries == dump.entries + dump.entries, "a message decodes differently in a dump")
    // The same bytes as the payload of NL80211_ATTR_BSS, alone and inside a larger buffer.
    let alone = try? BSSRecord(nl80211Payload: data[...])
    let buffer = [UInt8](repeating: 0xAA, count: 8) + data + [0xAA, 0xAA, 0xAA, 0xAA]
    let inside = try? BSSRecord(nl80211Payload: buffer[8..<8 + data.count])
    require(alone == inside, "a BSS decodes differently inside a larger buffer")
    if let entry = dump.entries.first {
      if let ssid = ElementWalker.parse(entry.bss.ies).ssid { escapeChecked(ssid, "an SSID") }
    }
    // Rated as the tool rates a dump: merged by BSSID (one message gives one record at most).
    Rating.check(ScanSnapshot(source: "nl80211", bss: dump.records))
  }

  static func interface(_ data: [UInt8]) {
    let message = NL80211Message(command: 7, attributes: data)
    roundTrip(message)
    guard let interface = try? WirelessInterface(message: message) else { return }
    require((try? WirelessInterface(message: message)) == interface, "interface decoding varies")
    if let ssid = interface.ssid { escapeChecked(ssid, "an interface SSID") }
    if let name = interface.name { escapeChecked(Array(name.utf8), "an interface name") }
  }

  static func station(_ data: [UInt8]) {
    let message = NL80211Message(command: 20, attributes: data)
    roundTrip(message)
    guard let station = try? StationInfo(message: message) else { return }
    require((try? StationInfo(message: message)) == station, "station decoding varies")
    if let rate = station.txBitrate { _ = StationInfo.megabits(rate) }
    if let rate = station.rxBitrate { _ = StationInfo.megabits(rate) }
  }

  /// Attributes walk without trapping, nested ones too, each inside its parent.
  static func roundTrip(_ message: NL80211Message) {
    let dumped = message.hexDump(note: "fuzz")
    require(
      (try? NL80211Message.parseHexDump(dumped)) == message,
      "a message does not survive its hex dump")
    guard let attributes = try? NetlinkAttribute.parseAll(message.attributes[...]) else { return }
    for attribute in attributes {
      require(
        attribute.payload.startIndex >= 0 && attribute.payload.endIndex <= message.attributes.count,
        "an attribute's payload lies outside the message")
      if let inner = try? attribute.nested() {
        for child in inner {
          require(
            child.payload.startIndex >= attribute.payload.startIndex
              && child.payload.endIndex <= attribute.payload.endIndex,
            "a nested attribute lies outside its parent")
        }
      }
    }
  }
}
