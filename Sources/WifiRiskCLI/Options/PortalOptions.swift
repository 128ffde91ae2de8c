import ArgumentParser
import WifiRiskCore

/// `--probe-url` and `--no-probe`, for the commands that look at the current connection.
struct PortalOptions: ParsableArguments {
  @Option(
    name: .customLong("probe-url"),
    help: ArgumentHelp(
      "Probe this http:// URL for a captive portal instead of the profile's (this run only).",
      valueName: "URL"))
  var probeURL: String?

  @Flag(
    name: .customLong("no-probe"),
    help: "Send nothing to the network: no connectivity probe, no captive portal API request.")
  var noProbe = false

  func validate() throws {
    if noProbe && probeURL != nil {
      throw ValidationError("--probe-url and --no-probe exclude each other.")
    }
    if let probeURL {
      guard let url = ProbeURL.parse(probeURL) else {
        throw ValidationError("--probe-url \(probeURL): not an absolute http:// URL.")
      }
      guard url.scheme == .http else {
        throw ValidationError(
          "--probe-url must be http://: a captive portal can only intercept unencrypted requests.")
      }
    }
  }

  /// The profile's settings with this run's overrides.
  func settings(_ profile: ProbeSettings) -> ProbeSettings {
    var settings = profile
    if noProbe { settings.enabled = false }
    if let probeURL, let url = ProbeURL.parse(probeURL) { settings.urls = [url] }
    return settings
  }
}

/// The portal lines of `wifirisk now`'s text output.
enum PortalText {
  static func lines(_ report: PortalReport, open: Bool, output: Output, verbose: Bool) -> [String] {
    var head: String
    let from = report.httpStatus.map { " (HTTP \($0)" } ?? ""
    let probe = report.probeURL.map { DisplayText.escape(Array($0.utf8)) }
    let suffix = from.isEmpty ? "" : from + (probe.map { " from \($0)" } ?? "") + ")"
    switch report.state {
    case .captive:
      head = output.paint("captive portal", .yellow)
      if let url = report.portalURL {
        head += ": sign in at " + DisplayText.escape(Array(url.utf8))
      }
      head += suffix
    case .online: head = "none, online" + suffix
    case .noInternet: head = output.paint("no Internet", .yellow)
    case .unknown: head = "unknown" + suffix
    case .notProbed: head = "not checked"
    }
    var lines = ["  Portal:     " + head]
    if let api = report.api {
      var parts = ["captive: \(api.captive)"]
      if let seconds = api.secondsRemaining { parts.append("\(Int(seconds)) s left") }
      if let bytes = api.bytesRemaining { parts.append("\(Int(bytes)) bytes left") }
      lines.append("    Portal API: " + parts.joined(separator: ", "))
    }
    lines.append("    What to do: " + report.advice(open: open))
    if verbose || report.state == .noInternet || report.state == .unknown {
      for note in report.notes { lines.append("    - " + note) }
    }
    return lines
  }
}
