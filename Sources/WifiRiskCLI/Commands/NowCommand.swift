import ArgumentParser
import WifiRiskCore
import WifiRiskSystem

/// `wifirisk now`: how safe the current connection is, and which nearby networks are safe.
struct NowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "now",
    abstract: "Rate the current connection and the networks nearby.",
    discussion: """
      Shows the network this machine is connected to, with its rating, what was actually \
      negotiated (when wpa_supplicant or iwd can be asked), and a one-line verdict; then the \
      networks nearby, riskiest first, each name once (--all lists every access point).

      Works without root from the kernel's cached scan; as root a fresh scan is made when \
      the cache is older than --max-age.

      When connected, it also checks for a captive portal: it reads the interface's DHCP \
      lease for a captive portal API URI (option 114), sends one HTTP GET to the probe URL \
      from the Wi-Fi interface (redirects are not followed; 5 s at most), and asks the \
      portal API when the lease named one. --no-probe sends nothing.

      --fixture FILE rates a saved scan instead, with the access point it marks as \
      associated as the connection (no probe is sent).

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

  @OptionGroup var scanSource: ScanSourceOptions
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
  func profileProbeSettings() throws(Failure) -> ProbeSettings {
    do {
      return try ProfileStore.load(profile, in: try ProfileStore.directories()).probe
    } catch {
      guard profile == "default" else { throw error }
      Output.diagnostic(error.message + "; the connectivity probe uses its built-in settings")
      return .defaults
    }
  }

  func run() throws {
    let input = try scanSource.read(wantConnection: true)
    let pipeline = Ratings.pipeline()
    let networks = pipeline.rate(input.snapshot)
    // The connected access point, rated from its merged entry when the scan has one.
    let current = input.connection.map { connection in
      var assessment =
        networks.first { $0.record.bssid == connection.record.bssid }
        ?? pipeline.rate(connection.record)
      // When connected, what was negotiated decides which way into a WPA3
      // compatibility-mode network this machine took.
      if let link = connection.negotiated,
        let path = link.rsnPath(assessment.advertised), path != assessment.advertised.clientPath
      {
        var options = pipeline.options
        options.clientUsesRSNOverriding = path == .override
        assessment = NetworkAssessment.assess(assessment.record, options: options)
      }
      return (connection, assessment)
    }
    var portal: PortalReport?
    if current != nil {
      if input.isLive {
        portal = PortalCheck.run(
          interface: input.interfaceName, ifindex: input.ifindex,
          settings: portalOptions.settings(try profileProbeSettings()))
      } else {
        portal = PortalReport(state: .notProbed)
      }
    }
    switch output.format {
    case .json:
      let connection: ReportDocument.ConnectionSlot =
        current.map { connection, assessment in
          .connected(
            ConnectionEntry(
              interface: input.interfaceName, assessment: assessment,
              station: connection.station, negotiated: connection.negotiated, portal: portal))
        } ?? .notConnected
      Output.write(
        ReportDocument(
          toolVersion: WifiRiskVersion.current,
          networks: networks.map { NetworkEntry($0, source: input.label) },
          sources: [input.source], connection: connection))
    case .text:
      let out = Output.forStdout()
      var text = ""
      if let (connection, assessment) = current {
        text += ConnectionText.render(
          connection, assessment, interface: input.interfaceName, output: out,
          verbose: verbose, portal: portal)
      } else {
        text += "Not connected on \(DisplayText.escapeText(input.interfaceName)).\n"
      }
      let nearby = networks.filter { $0.record.bssid != current?.1.record.bssid }
      text += "\n" + NearbyList(output: out).render(nearby, expand: all)
      Output.write(text)
    }
  }
}

/// The current connection, for people.
enum ConnectionText {
  static func render(
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
    if let link = connection.negotiated, link.keyManagement != nil {
      var parts = ["key management \(link.keyManagement ?? "?")"]
      if let cipher = link.pairwiseCipher { parts.append("cipher \(cipher)") }
      if let pmf = link.pmfInUse { parts.append(pmf ? "PMF in use" : "no PMF") }
      lines.append(
        "  Negotiated: " + parts.joined(separator: ", ") + " (from \(link.source.rawValue))")
    } else {
      lines.append(
        "  Negotiated: unknown (neither wpa_supplicant nor iwd answered); the rating is from the access point's advertisement"
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
