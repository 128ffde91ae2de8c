import WifiRiskCore

/// The human-readable report: a table of networks, riskiest first, then each risky
/// network's findings with advice. This text is for people and may change between
/// versions; scripts use `--format json`.
struct TextReport {
  var output: Output

  func riskWord(_ risk: Risk) -> String {
    let padded = Self.pad(risk.rawValue, 6)
    switch risk {
    case .high: return output.paint(padded, .red)
    case .medium: return output.paint(padded, .yellow)
    case .low: return output.paint(padded, .green)
    }
  }

  func name(_ assessment: NetworkAssessment) -> String {
    if let ssid = assessment.ssid {
      let text = DisplayText.escape(ssid)
      return assessment.hidden ? "\(text) (hidden)" : text
    }
    return output.paint("(hidden)", .dim)
  }

  static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    guard text.count < width else { return text }
    let fill = String(repeating: " ", count: width - text.count)
    return right ? fill + text : text + fill
  }

  /// One row per network.
  func table(_ networks: [NetworkAssessment]) -> String {
    var lines = [
      output.paint(
        "RISK    SECURITY             PMF       CH  SIGNAL   BSSID              SSID", .bold)
    ]
    for network in networks {
      let signal = network.record.signalDBm.map { "\(Int($0.rounded())) dBm" } ?? "-"
      let channel = network.channel.map(String.init) ?? "-"
      lines.append(
        [
          riskWord(network.risk) + "  " + TextReport.pad(network.security.rawValue, 19),
          TextReport.pad(network.pmf.rawValue, 8),
          TextReport.pad(channel, 3, right: true),
          TextReport.pad(signal, 8, right: true),
          network.record.bssid.description,
          name(network),
        ].joined(separator: "  "))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Findings and advice for every network that has any above `info`, or all with `verbose`.
  func details(_ networks: [NetworkAssessment], verbose: Bool) -> String {
    var out = ""
    for network in networks {
      let findings = network.findings.filter { verbose || $0.severity > .info }
      guard !findings.isEmpty || (verbose && !network.positives.isEmpty) else { continue }
      out +=
        "\n" + output.paint(name(network), .bold) + "  \(network.record.bssid)  "
        + riskWord(network.risk).trimmingTrailingSpaces + " risk: \(network.verdict)\n"
      for finding in findings {
        out += "  - [\(finding.severity.rawValue)] \(finding.id): \(finding.summary)\n"
        if let evidence = finding.evidence { out += "    (\(DisplayText.escapeText(evidence)))\n" }
        out += "    What to do: \(finding.advice)\n"
      }
      if verbose {
        for positive in network.positives { out += "  + \(positive.id): \(positive.summary)\n" }
      }
    }
    return out
  }
}

extension String {
  var trimmingTrailingSpaces: String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
