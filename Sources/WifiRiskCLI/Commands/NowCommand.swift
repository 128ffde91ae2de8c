import ArgumentParser
import WifiRiskCore
import WifiRiskNetlink

/// `wifirisk now`: how safe the current connection is, and which nearby networks are safe.
struct NowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "now",
    abstract: "Rate the current connection and the networks nearby.",
    discussion: """
      Shows the network this machine is connected to, with its rating, what was actually \
      negotiated (when wpa_supplicant can be asked), and a one-line verdict; then the \
      networks nearby, riskiest first, each name once (--all lists every access point).

      Works without root from the kernel's cached scan; as root a fresh scan is made when \
      the cache is older than --max-age.

      When connected, it also checks for a captive portal: it reads the interface's DHCP \
      lease for a captive portal API URI (option 114), sends one HTTP GET to the probe URL \
      from the Wi-Fi interface (redirects are not followed; 5 s at most), and asks the \
      portal API when the lease named one. --no-probe sends nothing.

      EXAMPLES:
        wifirisk now
        sudo wifirisk now --fresh
        wifirisk now --all --verbose
        wifirisk now --format json | jq .connection
        wifirisk now --no-probe
        wifirisk now --probe-url http://example.net/generate_204

      \(ExitStatus.helpSection(for: .general))
      """
  )

  @OptionGroup var live: LiveScanOptions
  @OptionGroup var portalOptions: PortalOptions
  @OptionGroup var output: OutputOptions

  @Flag(help: "List every access point instead of one line per network name.")
  var all = false

  @Flag(name: .shortAndLong, help: "Also show informational findings.")
  var verbose = false

  @Option(help: "Policy profile whose [probe] settings the connectivity probe uses.")
  var profile = "default"

  /// The `[probe]` settings of the chosen profile. When the default profile cannot be read,
  /// `now` says so and probes with the built-in settings; a named profile must be readable.
  func profileProbeSettings() throws(CommandFailure) -> ProbeSettings {
    do {
      return try ProfileStore.load(profile, in: try ProfileStore.directories()).probe
    } catch {
      guard profile == "default" else { throw error }
      Output.diagnostic(error.message + "; the connectivity probe uses its built-in settings")
      return .defaults
    }
  }

  func run() throws {
    let scan = try LiveScanner.run(live, wantConnection: true)
    for note in scan.notes { Output.diagnostic(note) }
    let networks = scan.capture.mergingDuplicateBSSIDs().map { DataFiles.assess($0) }.sorted(
      by: NetworkAssessment.riskiestFirst)
    let current = scan.connection.map { connection in
      var assessment = DataFiles.assess(connection.record)
      // When connected, what was negotiated decides which way into a WPA3
      // compatibility-mode network this machine took.
      if let status = connection.supplicant,
        status.bssid == nil || status.bssid == connection.record.bssid,
        let path = status.rsnPath(assessment.advertised), path != assessment.advertised.clientPath
      {
        var options = DataFiles.options
        options.clientUsesRSNOverriding = path == .override
        assessment = NetworkAssessment.assess(connection.record, options: options)
      }
      return (connection, assessment)
    }
    let probe = try profileProbeSettings()
    let portal = current.map { _ in
      PortalCheck.run(
        interface: scan.interfaceName, ifindex: scan.interface.ifindex.map(Int.init),
        settings: portalOptions.settings(probe))
    }
    switch output.format {
    case .json:
      let connection: JSONValue =
        current.map {
          ConnectionReport.json($0.0, $0.1, interface: scan.interfaceName, portal: portal)
        } ?? .null
      let document = Report.document(
        networks: networks.map { Report.network($0, source: scan.interfaceName) },
        sources: [NetworkListing.liveSourceJSON(scan)], errors: [],
        extra: ["connection": connection], version: WifiRiskVersion.current)
      Output.write(document.serialized() + "\n")
    case .text:
      let out = Output.forStdout()
      var text = ""
      if let (connection, assessment) = current {
        text += ConnectionReport.text(
          connection, assessment, interface: scan.interfaceName, output: out, verbose: verbose,
          portal: portal)
      } else {
        text += "Not connected on \(DisplayText.escapeText(scan.interfaceName)).\n"
      }
      let nearby = networks.filter { $0.record.bssid != current?.1.record.bssid }
      text += "\n" + NearbyList(output: out).render(nearby, expand: all)
      Output.write(text)
    }
  }
}

/// The current connection, for text and JSON.
enum ConnectionReport {
  static func json(
    _ connection: LiveScan.Connection, _ assessment: NetworkAssessment,
    interface: String, portal: PortalReport? = nil
  ) -> JSONValue {
    var negotiated: JSONValue = .null
    if let status = connection.supplicant,
      status.bssid == nil || status.bssid == connection.record.bssid
    {
      negotiated = .object([
        "key_mgmt": JSONValue(status.keyManagement),
        "pairwise_cipher": JSONValue(status.pairwiseCipher),
        "group_cipher": JSONValue(status.groupCipher),
        "mgmt_group_cipher": JSONValue(status.managementGroupCipher),
        "pmf": JSONValue(status.pmfInUse),
        "security": JSONValue(status.negotiatedSecurity?.rawValue),
        "wpa_state": JSONValue(status.wpaState),
      ])
    }
    let station = connection.station
    return .object([
      "interface": .string(interface),
      "bssid": .string(connection.record.bssid.description),
      "ssid": JSONValue(assessment.ssid.map { DisplayText.escape($0) }),
      "ssid_hex": JSONValue(assessment.ssid.map { Hex.encode($0) }),
      "frequency": JSONValue(connection.record.frequency),
      "signal_dbm": JSONValue(station?.signalDBm),
      "tx_bitrate_mbps": station?.txBitrate.map { .number(Double($0) / 10) } ?? .null,
      "rx_bitrate_mbps": station?.rxBitrate.map { .number(Double($0) / 10) } ?? .null,
      "connected_seconds": JSONValue(station?.connectedSeconds),
      "rating_basis": .string(negotiated == .null ? "advertised" : "negotiated"),
      "negotiated": negotiated,
      "network": Report.network(assessment, source: interface),
      "portal": portal?.json ?? PortalReport(state: .notProbed).json,
    ])
  }

  static func text(
    _ connection: LiveScan.Connection, _ assessment: NetworkAssessment, interface: String,
    output: Output, verbose: Bool, portal: PortalReport? = nil
  ) -> String {
    let report = TextReport(output: output)
    let record = connection.record
    var lines: [String] = []
    var where_ = "on \(DisplayText.escapeText(interface))"
    if let channel = assessment.channel { where_ += ", channel \(channel)" }
    if let signal = connection.station?.signalDBm ?? record.signalDBm.map({ Int($0.rounded()) }) {
      where_ += ", \(signal) dBm"
    }
    lines.append(
      output.paint("Connected to \(report.name(assessment))", .bold)
        + " (\(record.bssid)) \(where_)")
    lines.append(
      "  Security:   \(assessment.security.title), PMF \(assessment.pmf.rawValue): "
        + report.riskWord(assessment.risk).trimmingTrailingSpaces + " risk")
    if let status = connection.supplicant, status.keyManagement != nil {
      var parts = ["key management \(status.keyManagement ?? "?")"]
      if let cipher = status.pairwiseCipher { parts.append("cipher \(cipher)") }
      if let pmf = status.pmfInUse { parts.append(pmf ? "PMF in use" : "no PMF") }
      lines.append("  Negotiated: " + parts.joined(separator: ", ") + " (from wpa_supplicant)")
    } else {
      lines.append(
        "  Negotiated: unknown (wpa_supplicant not reachable); the rating is from the access point's advertisement"
      )
    }
    if let station = connection.station {
      var parts: [String] = []
      if let tx = station.txBitrate { parts.append("tx \(StationInfo.megabits(tx)) Mbit/s") }
      if let rx = station.rxBitrate { parts.append("rx \(StationInfo.megabits(rx)) Mbit/s") }
      if let seconds = station.connectedSeconds { parts.append("connected \(seconds) s") }
      if !parts.isEmpty { lines.append("  Link:       " + parts.joined(separator: ", ")) }
    }
    lines.append("  Verdict:    \(assessment.verdict)")
    let findings = assessment.findings.filter { verbose || $0.severity > .info }
    for finding in findings {
      lines.append("  - [\(finding.severity.rawValue)] \(finding.id): \(finding.summary)")
      lines.append("    What to do: \(finding.advice)")
    }
    if let portal {
      lines += PortalText.lines(
        portal, open: assessment.security == .open || assessment.security == .wep,
        output: output, verbose: verbose)
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
