import ArgumentParser
import WifiRiskCore
import WifiRiskNetlink
import WifiRiskSupplicant
import WifiRiskSystem

/// `wifirisk debug ...`: hidden commands for bug reports.
struct DebugCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "debug",
    abstract: "Show what wifirisk reads from the system, for bug reports.",
    shouldDisplay: false,
    subcommands: [NL80211DebugCommand.self]
  )
}

/// `wifirisk debug nl80211`: the interfaces, cached scan, station and wpa_supplicant status,
/// as nl80211 and wpa_supplicant report them, optionally with the raw reply bytes.
struct NL80211DebugCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nl80211",
    abstract: "List what nl80211 reports: interfaces, cached scan, station, supplicant status.",
    discussion: """
      Reading needs no privilege; --trigger needs CAP_NET_ADMIN (root).

      --dump-hex DIR writes each nl80211 reply message's attribute bytes as a hex file \
      (`# nl80211 cmd=N` comment, then 32 bytes a line) and wpa_supplicant's raw STATUS \
      reply, for bug reports and test fixtures.

      EXAMPLES:
        wifirisk debug nl80211
        sudo wifirisk debug nl80211 -i wlan0 --trigger --freq 2412 --freq 2437
        wifirisk debug nl80211 --interface wlan0 --dump-hex /tmp/wifirisk-nl

      \(ExitStatus.helpSection(for: .general))
      """
  )

  @Option(name: .shortAndLong, help: "Only this interface (default: every managed one).")
  var interface: String?

  @Option(
    name: .customLong("dump-hex"),
    help: ArgumentHelp("Write raw reply bytes as hex files here.", valueName: "dir"))
  var dumpHex: String?

  @Flag(help: "Trigger a scan and wait for it before reading the scan results (root).")
  var trigger = false

  @Option(
    name: .customLong("freq"),
    help: ArgumentHelp("With --trigger: a frequency to scan.", valueName: "mhz"))
  var frequencies: [Int] = []

  @Option(name: .customLong("ssid"), help: "With --trigger: an SSID to probe for.")
  var ssids: [String] = []

  @Option(
    help: ArgumentHelp("With --trigger: how long to wait for the scan.", valueName: "seconds"))
  var timeout: Double = 15

  func validate() throws {
    guard timeout > 0, timeout <= 600 else {
      throw ValidationError("--timeout must be between 0 and 600 seconds.")
    }
  }

  func run() throws {
    var failed = false
    var dump = try dumpHex.map { try HexDumpDirectory(path: $0) }
    let client: NL80211Client
    do {
      client = try NL80211Client()
    } catch {
      throw Failure(message: error.description)
    }

    var interfaces: [WirelessInterface] = []
    do {
      let messages = try client.interfaceMessages()
      try dump?.write(messages, kind: "interface")
      for message in messages {
        do {
          interfaces.append(try WirelessInterface(message: message))
        } catch {
          Output.diagnostic("skipped a malformed interface message: \(error)")
          failed = true
        }
      }
    } catch let error as NetlinkError {
      throw Failure(message: error.description)
    }
    var text = "interfaces:\n"
    let sorted = interfaces.sorted {
      ($0.wiphy, $0.ifindex ?? .max) < ($1.wiphy, $1.ifindex ?? .max)
    }
    for item in sorted { text += "  " + Self.describe(item) + "\n" }
    if interfaces.isEmpty { text += "  (none)\n" }
    Output.write(text)

    let selected: [WirelessInterface]
    if let interface {
      guard let found = interfaces.first(where: { $0.name == interface }) else {
        throw Failure(message: "\(interface) is not a wireless interface")
      }
      selected = [found]
    } else {
      selected = interfaces.filter { $0.type == .station }
    }

    for item in selected {
      guard let ifindex = item.ifindex else { continue }
      let name = item.name ?? "ifindex \(ifindex)"
      do {
        try report(client, ifindex: ifindex, name: name, dump: &dump)
      } catch let error as NetlinkError {
        Output.diagnostic("\(name): \(error.description)")
        failed = true
      }
      let raw = SupplicantControl.request(
        "STATUS", interface: name,
        directories: ["/run/wpa_supplicant", "/var/run/wpa_supplicant"], timeout: .seconds(2))
      if let raw {
        try dump?.writeText(raw, name: "supplicant-status-\(name).txt")
        Output.write("supplicant \(name): " + Self.describe(SupplicantStatus(parsing: raw)) + "\n")
      } else {
        Output.write("supplicant \(name): not reachable\n")
      }
    }
    if let dump { Output.diagnostic("wrote \(dump.count) files to \(dump.path)") }
    if failed { throw ExitStatus.failure.code }
  }

  private func report(
    _ client: borrowing NL80211Client, ifindex: Int32, name: String,
    dump: inout HexDumpDirectory?
  ) throws {
    if trigger {
      let clock = ContinuousClock()
      let start = clock.now
      let outcome = try client.triggerScan(
        ifindex: ifindex, frequencies: frequencies, ssids: ssids.map { Array($0.utf8) },
        timeout: .milliseconds(Int(timeout * 1000)), progress: nil)
      let elapsed = clock.now - start
      Output.write("scan trigger \(name): \(outcome) after \(Self.seconds(elapsed))\n")
    }

    let messages = try client.scanDumpMessages(ifindex: ifindex)
    try dump?.write(messages, kind: "scan-\(name)")
    let scan = NL80211ScanDump(messages: messages)
    var text = "scan \(name) (ifindex \(ifindex)): \(scan.entries.count) BSS\n"
    for entry in scan.entries.sorted(by: { $0.bss.bssid < $1.bss.bssid }) {
      text += "  " + Self.describe(entry) + "\n"
    }
    for problem in scan.problems { text += "  skipped a malformed entry: \(problem)\n" }
    Output.write(text)

    let stationMessages = try client.stationMessages(ifindex: ifindex)
    try dump?.write(stationMessages, kind: "station-\(name)")
    var stations = ""
    for message in stationMessages {
      do {
        stations += "  " + Self.describe(try StationInfo(message: message)) + "\n"
      } catch {
        stations += "  malformed station message: \(error)\n"
      }
    }
    // The connected access point, asked for by address as well.
    if let associated = scan.entries.first(where: { $0.bss.status == .associated }) {
      if let info = try client.station(ifindex: ifindex, mac: associated.bss.bssid) {
        stations += "  lookup \(info.mac): signal \(info.signalDBm.map(String.init) ?? "?") dBm\n"
      } else {
        stations += "  lookup \(associated.bss.bssid): no such station\n"
      }
    }
    Output.write("station \(name):\n" + (stations.isEmpty ? "  (not connected)\n" : stations))
  }

  // MARK: text

  static func describe(_ item: WirelessInterface) -> String {
    var parts = [item.name ?? "-"]
    parts.append("ifindex \(item.ifindex.map(String.init) ?? "-")")
    parts.append("phy#\(item.wiphy)")
    parts.append(item.type.description)
    if let mac = item.mac { parts.append(mac.description) }
    if let ssid = item.ssid { parts.append("ssid \"\(DisplayText.escape(ssid))\"") }
    if let frequency = item.frequency { parts.append("\(frequency) MHz") }
    if let wdev = item.wdev { parts.append("wdev 0x" + String(wdev, radix: 16)) }
    return parts.joined(separator: "  ")
  }

  static func describe(_ entry: NL80211ScanEntry) -> String {
    let bss = entry.bss
    var parts = [bss.bssid.description]
    parts.append(bss.frequency.map { "\($0) MHz" } ?? "? MHz")
    parts.append(bss.signalMBm.map { Self.dBm($0) } ?? "? dBm")
    parts.append("age \(bss.seenMsAgo.map(String.init) ?? "?") ms")
    if let status = bss.status { parts.append(status.rawValue) }
    if entry.fromProbeResponse { parts.append("presp") }
    let ssid = ElementWalker.parse(bss.ies).ssid
    parts.append(ssid.map { "\"\(DisplayText.escape($0))\"" } ?? "(no SSID element)")
    return parts.joined(separator: "  ")
  }

  static func describe(_ info: StationInfo) -> String {
    line(
      info.mac.description,
      [
        "signal": info.signalDBm.map { "\($0) dBm" },
        "avg": info.signalAverageDBm.map { "\($0) dBm" },
        "tx": info.txBitrate.map { "\(StationInfo.megabits($0)) Mbit/s" },
        "rx": info.rxBitrate.map { "\(StationInfo.megabits($0)) Mbit/s" },
        "connected": info.connectedSeconds.map { "\($0) s" },
        "inactive": info.inactiveMs.map { "\($0) ms" },
      ])
  }

  static func describe(_ status: SupplicantStatus) -> String {
    line(
      status.wpaState ?? "?",
      [
        "bssid": status.bssid?.description,
        "ssid": status.ssid.map { "\"\(DisplayText.escape($0))\"" },
        "key_mgmt": status.keyManagement,
        "pairwise": status.pairwiseCipher,
        "group": status.groupCipher,
        "pmf": status.pmf.map(String.init),
        "freq": status.frequency.map(String.init),
      ])
  }

  /// `first`, then `label value` for each field that has a value, two spaces apart.
  static func line(_ first: String, _ fields: KeyValuePairs<String, String?>) -> String {
    let present = fields.compactMap { label, value in value.map { "\(label) \($0)" } }
    return ([first] + present).joined(separator: "  ")
  }

  /// `-30.00 dBm` from mBm.
  static func dBm(_ mBm: Int) -> String {
    let sign = mBm < 0 ? "-" : ""
    let magnitude = mBm.magnitude
    let hundredths = magnitude % 100
    return "\(sign)\(magnitude / 100).\(hundredths < 10 ? "0" : "")\(hundredths) dBm"
  }

  static func seconds(_ duration: Duration) -> String {
    let milliseconds =
      duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    return "\(Double(milliseconds) / 1000) s"
  }
}

/// A directory of numbered hex dump files, one per nl80211 reply message.
struct HexDumpDirectory {
  let path: String
  private(set) var count = 0

  init(path: String) throws {
    self.path = path
    try AtomicFile.makeFolder(path)
  }

  /// Writes `DIR/NNN-KIND-MM.hex` for each message.
  mutating func write(_ messages: [NL80211Message], kind: String) throws {
    for (index, message) in messages.enumerated() {
      let number = String(count + 1)
      let name =
        String(repeating: "0", count: max(0, 3 - number.count)) + number
        + "-\(kind)-\(index + 1).hex"
      try writeText(message.hexDump(), name: name)
    }
  }

  mutating func writeText(_ text: String, name: String) throws {
    try AtomicFile.write(text, to: path + "/" + name)
    count += 1
  }
}
