import WifiRiskCore

/// `home`'s checklist for people, read top to bottom, worst first. This text may change
/// between versions; scripts use `--format json`.
struct HomeText {
  var output: Output

  static let titles: [String: String] = [
    "encryption": "Strong encryption",
    "no-legacy": "No old security",
    "same-everywhere": "Same security everywhere",
    "pmf": "Protected management frames",
    "wps-off": "WPS switched off",
    "own-name": "A name of your own",
    "guest-network": "A network for guests and devices",
    "visible-name": "A visible name",
  ]

  func render(_ checklist: HomeChecklist) -> String {
    let network = checklist.network
    var lines: [String] = []
    let bands = Set(network.accessPoints.compactMap(\.band)).sorted().map { "\($0) GHz" }
    let points = network.accessPoints.count
    lines.append(
      output.paint("Home network \"\(DisplayText.escape(network.ssid))\"", .bold)
        + ": \(points) access point\(points == 1 ? "" : "s")"
        + (bands.isEmpty ? "" : " (\(bands.joined(separator: ", ")))")
        + ", \(network.siblings.count) other network\(network.siblings.count == 1 ? "" : "s")"
        + " from the same router")
    lines.append("")
    for item in checklist.items {
      let title = HomeText.titles[item.id] ?? item.id
      lines.append(statusWord(item.status) + "  " + output.paint(title, .bold) + " (\(item.id))")
      lines.append("         " + item.summary)
      if item.status != .pass {
        lines.append("         What to do: " + item.advice)
        for line in item.evidence { lines.append("         Seen: " + line) }
      }
    }
    lines.append("")
    lines.append(output.paint("Access points", .bold))
    for ap in network.accessPoints {
      lines.append("  " + apLine(ap))
    }
    if !network.siblings.isEmpty {
      lines.append("")
      lines.append(output.paint("Other networks from the same router", .bold))
      for sibling in network.siblings {
        let name =
          sibling.ssid.isEmpty ? "(hidden)" : "\"\(DisplayText.escape(sibling.ssid))\""
        let kind =
          switch sibling.kind {
          case .bandSplit: "the same network on another band"
          case .separate: "a network of its own"
          case .hidden: "a hidden network"
          }
        lines.append("  \(name): \(kind), \(sibling.weakest.security.title)")
        for ap in sibling.accessPoints { lines.append("    " + apLine(ap)) }
        lines.append("    grouped because:")
        for reason in sibling.why { lines.append("    - " + reason) }
      }
    }
    let counts = [HomeItem.Status.fix, .improve, .unknown, .pass].compactMap { status -> String? in
      let n = checklist.items.filter { $0.status == status }.count
      guard n > 0 else { return nil }
      switch status {
      case .fix: return "\(n) to fix"
      case .improve: return "\(n) to improve"
      case .unknown: return "\(n) unknown"
      case .pass: return "\(n) pass"
      }
    }
    lines.append("")
    lines.append("Result: " + counts.joined(separator: ", ") + ".")
    return lines.joined(separator: "\n") + "\n"
  }

  func apLine(_ ap: NetworkAssessment) -> String {
    var parts = [ap.record.bssid.description]
    if let band = ap.band { parts.append("\(band) GHz") }
    if let channel = ap.channel { parts.append("channel \(channel)") }
    parts.append("\(ap.security.title), PMF \(ap.pmf.rawValue)")
    if ap.wps != nil { parts.append("WPS on") }
    if let signal = ap.record.signalDBm { parts.append("\(Int(signal.rounded())) dBm") }
    return parts.joined(separator: ", ")
  }

  func statusWord(_ status: HomeItem.Status) -> String {
    let padded = TextReport.pad(status.rawValue.uppercased(), 7)
    switch status {
    case .fix: return output.paint(padded, .red)
    case .improve: return output.paint(padded, .yellow)
    case .unknown: return output.paint(padded, .dim)
    case .pass: return output.paint(padded, .green)
    }
  }
}
