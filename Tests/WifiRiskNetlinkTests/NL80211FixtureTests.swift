import TestSupport
import Testing
import WifiRiskCore

/// Decoders against nl80211 replies recorded from a real kernel (see fixtures/netlink/README.md).
@Suite struct NL80211FixtureTests {
  @Test func fixturesArePresent() {
    #expect(NetlinkFixtures.recorded.count >= 20)
    for kind in NetlinkFixtures.Kind.allCases {
      #expect(NetlinkFixtures.recorded.contains { $0.kind == kind }, "no \(kind) fixture")
    }
  }

  @Test(arguments: NetlinkFixtures.recorded)
  func everyRecordedMessageDecodes(_ file: NetlinkFixtures.File) throws {
    let message = try NetlinkFixtures.message(file.path)
    #expect(!message.attributes.isEmpty)
    try NetlinkFixtures.decode(message, as: file.kind)
    // The file is what hexDump writes: re-rendering gives back the same bytes.
    #expect(try NL80211Message.parseHexDump(message.hexDump()) == message)
  }

  @Test func interfacesOfTheConnectedClient() throws {
    let interfaces = try NetlinkFixtures.messages("lab-wpa2", .interface)
      .map { try WirelessInterface(message: $0) }
    let byName = Dictionary(
      interfaces.compactMap { item in item.name.map { ($0, item) } },
      uniquingKeysWith: { first, _ in first })

    let client = try #require(byName["wlan2"])
    #expect(client.type == .station)
    #expect(client.wiphy == 2)
    #expect(client.mac?.description == "02:00:00:00:02:00")
    #expect(client.frequency == 2412)
    #expect(client.wdev == 0x2_0000_0001)

    let ap = try #require(byName["wlan0"])
    #expect(ap.type == .accessPoint)
    #expect(ap.ssid == Array("lab-open".utf8))
    #expect(ap.frequency == 2412)
    #expect(byName["wlan0_1"]?.ssid == Array("lab-wpa2".utf8))

    // wpa_supplicant's P2P device: a wireless device that is no network interface.
    let p2p = try #require(interfaces.first { $0.type == .p2pDevice })
    #expect(p2p.name == nil)
    #expect(p2p.ifindex == nil)
    #expect(p2p.wdev != nil)
  }

  @Test func scanOfTheConnectedClient() throws {
    let dump = NL80211ScanDump(messages: try NetlinkFixtures.messages("lab-wpa2", .scan))
    #expect(dump.problems.isEmpty)
    #expect(
      Set(dump.records.map(\.bssid.description)).isSuperset(of: [
        "02:00:00:00:00:00", "02:00:00:00:00:01", "02:00:00:00:00:02", "02:00:00:00:01:00",
      ]))
    let wpa2 = try #require(dump.entries.first { $0.bss.bssid.description == "02:00:00:00:00:01" })
    #expect(wpa2.bss.status == .associated)
    #expect(wpa2.bss.frequency == 2412)
    #expect(wpa2.bss.signalMBm == -3000)
    #expect(wpa2.bss.beaconInterval == 100)
    #expect(wpa2.bss.ess)
    #expect(wpa2.bss.privacy)
    #expect(wpa2.bss.seenMsAgo != nil)
    #expect(wpa2.bss.ies.starts(with: [0, 8] + Array("lab-wpa2".utf8)))
    #expect(wpa2.bss.beaconIes?.starts(with: [0, 8] + Array("lab-wpa2".utf8)) == true)
    #expect(wpa2.ifindex != nil)
    #expect(wpa2.lastSeenBoottimeNs != nil)

    let open = try #require(dump.entries.first { $0.bss.bssid.description == "02:00:00:00:00:00" })
    #expect(!open.bss.privacy)
    #expect(open.bss.status == nil)
  }

  @Test func hiddenNetworkBeforeAndAfterADirectedProbe() throws {
    // Before: the hidden BSS is known only from beacons with an empty SSID.
    let before = NL80211ScanDump(messages: try NetlinkFixtures.messages("lab-unpriv", .scan))
    #expect(before.problems.isEmpty)
    let hidden = before.entries.filter { $0.bss.bssid.description == "02:00:00:00:00:02" }
    #expect(!hidden.isEmpty)
    for entry in hidden { #expect(entry.bss.ies.starts(with: [0, 0])) }

    // After probing for it: the kernel keeps a second entry with the real SSID.
    let after = NL80211ScanDump(messages: try NetlinkFixtures.messages("lab-directed", .scan))
    let revealed = after.entries.filter {
      $0.bss.bssid.description == "02:00:00:00:00:02"
        && $0.bss.ies.starts(with: [0, 10] + Array("lab-hidden".utf8))
    }
    #expect(revealed.count == 1)
    #expect(revealed.first?.fromProbeResponse == true)
  }

  @Test func stationOfTheConnectedClient() throws {
    let stations = try NetlinkFixtures.messages("lab-wpa2", .station)
      .map { try StationInfo(message: $0) }
    let station = try #require(stations.first)
    #expect(stations.count == 1)
    #expect(station.mac.description == "02:00:00:00:00:01")
    #expect(station.signalDBm == -30)
    #expect(station.signalAverageDBm == -30)
    #expect(station.beaconSignalAverageDBm == -30)
    // `iw dev wlan2 station dump` just before and just after the recording (rate control
    // may change the bitrate in between): ours must be one of the two readings.
    let readings = try ["iw-station-before.txt", "iw-station-after.txt"].map {
      try Self.iwStation(NetlinkFixtures.text("lab-wpa2/" + $0))
    }
    #expect(readings.contains { $0.signal == station.signalDBm && $0.tx == station.txBitrate })
    #expect(readings.contains { $0.rx == station.rxBitrate })
    #expect(station.connectedSeconds != nil)
    #expect(station.inactiveMs != nil)
    #expect(station.rxBytes != nil)
    #expect(station.txFailed == 0)
  }

  /// Signal (dBm) and bitrates (100 kbit/s) from iw's station text, whose lines read
  /// `<tab>label:<blanks>value unit...`.
  static func iwStation(_ text: String) -> (signal: Int?, tx: Int?, rx: Int?) {
    var values: [String: String] = [:]
    for line in text.split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let label = line[..<colon].filter { $0 != "\t" }
      let first = line[line.index(after: colon)...].split(whereSeparator: {
        $0 == " " || $0 == "\t"
      })
      .first
      values[String(label)] = first.map(String.init)
    }
    func rate(_ label: String) -> Int? {
      values[label].flatMap(Double.init).map { Int(($0 * 10).rounded()) }
    }
    return (values["signal"].flatMap { Int($0) }, rate("tx bitrate"), rate("rx bitrate"))
  }

  @Test func sae() throws {
    let dump = NL80211ScanDump(messages: try NetlinkFixtures.messages("lab-wpa3", .scan))
    let wpa3 = try #require(dump.entries.first { $0.bss.bssid.description == "02:00:00:00:01:00" })
    #expect(wpa3.bss.status == .associated)
    #expect(wpa3.bss.frequency == 2437)
    let station = try #require(
      try NetlinkFixtures.messages("lab-wpa3", .station).first.map { try StationInfo(message: $0) })
    #expect(station.mac.description == "02:00:00:00:01:00")
  }

  // MARK: broken inputs

  @Test(arguments: [
    ("bad-scan-nla-len-past-end.hex", NetlinkFixtures.Kind.scan),
    ("bad-scan-no-bssid.hex", .scan),
    ("bad-scan-short-frequency.hex", .scan),
    ("bad-station-wide-signal.hex", .station),
    ("bad-interface-no-iftype.hex", .interface),
  ])
  func brokenFixturesThrow(_ name: String, _ kind: NetlinkFixtures.Kind) throws {
    let message = try NetlinkFixtures.message(name)
    #expect(throws: NetlinkDecodeError.self) { try NetlinkFixtures.decode(message, as: kind) }
  }

  @Test func brokenFixtureErrorsCarryTheirOffsets() throws {
    let past = try NetlinkFixtures.message("bad-scan-nla-len-past-end.hex")
    #expect(
      throws: NetlinkDecodeError.badLength(
        offset: 0, length: 0xffff, remaining: past.attributes.count)
    ) {
      try NL80211ScanEntry(message: past)
    }
    let short = try NetlinkFixtures.message("bad-scan-short-frequency.hex")
    do {
      _ = try NL80211ScanEntry(message: short)
      Issue.record("decoded a 2-byte frequency")
    } catch {
      guard case .badPayloadSize(let attribute, let offset, let size, _) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(attribute == NL80211.BSSAttribute.frequency.attributeName)
      #expect(size == 2)
      #expect(offset > 0 && offset < short.attributes.count)
    }
  }

  // MARK: adversarial families

  /// Every prefix of every recorded message decodes or throws; a prefix that ends inside a
  /// top-level attribute's header or payload always throws (one that ends in the padding
  /// after the last payload may decode: the walker does not insist on trailing padding).
  @Test(arguments: NetlinkFixtures.recorded)
  func everyPrefixNeverTraps(_ file: NetlinkFixtures.File) throws {
    let message = try NetlinkFixtures.message(file.path)
    var boundaries: Set<Int> = [0]
    for attribute in try NetlinkAttribute.parseAll(message.attributes[...]) {
      for end in attribute.payload.endIndex...((attribute.payload.endIndex + 3) & ~3) {
        boundaries.insert(end)
      }
    }
    for length in 0..<message.attributes.count {
      let prefix = NL80211Message(
        command: message.command, attributes: Array(message.attributes.prefix(length)))
      do {
        try NetlinkFixtures.decode(prefix, as: file.kind)
        #expect(boundaries.contains(length), "a prefix of \(length) bytes decoded")
      } catch {
        if case .badLength(let offset, _, _) = error { #expect(offset < length) }
        if case .truncatedHeader(let offset, _) = error { #expect(offset < length) }
      }
    }
  }

  /// Seeded mutations (byte flips, length fields set to odd values, cuts and insertions)
  /// never trap, and every offset an error reports lies inside the input.
  @Test(arguments: NetlinkFixtures.recorded)
  func seededMutationNeverTraps(_ file: NetlinkFixtures.File) throws {
    let message = try NetlinkFixtures.message(file.path)
    var random = MutationRNG(seed: 0x5EED_0000 &+ UInt64(message.attributes.count))
    for _ in 0..<300 {
      var bytes = message.attributes
      for _ in 0..<Int.random(in: 1...4, using: &random) {
        guard !bytes.isEmpty else { break }
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<5, using: &random) {
        case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
        case 1: bytes[at] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 2:  // a plausible length field: small, huge, or off by a few
          let choices: [UInt8] = [0, 1, 3, 4, 5, 7, 0xff, bytes[at] &+ 4, bytes[at] &- 4]
          bytes[at] = choices.randomElement(using: &random) ?? 0
        case 3:
          bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...8, using: &random)))
        default:
          bytes.insert(
            contentsOf: [UInt8](repeating: 0, count: Int.random(in: 1...8, using: &random)), at: at)
        }
      }
      do {
        try NetlinkFixtures.decode(
          NL80211Message(command: message.command, attributes: bytes), as: file.kind)
      } catch {
        switch error {
        case .badLength(let offset, _, _), .truncatedHeader(let offset, _),
          .badPayloadSize(_, let offset, _, _):
          #expect(offset >= 0 && offset < bytes.count)
        default: break
        }
      }
    }
  }
}
