import WifiRiskCore
import WifiRiskHTTP

/// The captive portal check of the current connection: the DHCP lease's API URI (a local
/// file), the connectivity probe (HTTP from the Wi-Fi interface) and the RFC 8908 API.
public enum PortalCheck {
  public static var userAgent: String { "wifirisk/\(WifiRiskVersion.current)" }

  /// Runs the whole check; every network step is bounded: the probes together by
  /// `settings.timeoutSeconds`, the API request by at most 3 seconds more.
  public static func run(
    interface: String, ifindex: Int?, settings: ProbeSettings, leaseRoot: String = "",
    resolver: ProbeResolver = .system
  ) -> PortalReport {
    let addresses = InterfaceAddresses.of(interface).filter { !$0.address.contains(":") }
      .map(\.address)
    let lease = PortalLeases.find(
      interface: interface, ifindex: ifindex, addresses: addresses, root: leaseRoot)
    var notes = lease.notes
    guard settings.enabled, !settings.urls.isEmpty else {
      notes.append("probes are off (--no-probe or the profile's [probe] enabled = false)")
      return PortalReport.combine(
        probe: nil, probeURL: nil, api: nil, leaseAPIURI: lease.uri, notes: notes)
    }

    // The probe URLs share one budget: a silent network costs timeout_seconds in all.
    let clock = ContinuousClock()
    let deadline = clock.now + .milliseconds(Int(settings.timeoutSeconds * 1000))
    var verdicts: [(PortalVerdict, ProbeURL)] = []
    for url in settings.urls {
      let left = deadline - clock.now
      guard left > .milliseconds(100) || verdicts.isEmpty else { break }
      let result = HTTPProbe.run(
        HTTPProbeRequest(
          url: url, interface: interface, timeout: max(left, .zero), userAgent: userAgent,
          resolver: resolver))
      for note in result.notes where !notes.contains(note) { notes.append(note) }
      let verdict = PortalClassifier.classify(
        result.outcome, expecting: settings.expectation, probeURL: url)
      verdicts.append((verdict, url))
      if verdict.state == .online || verdict.state == .captive { break }
    }
    let decided = PortalClassifier.combine(verdicts.map(\.0))
    let decidingURL = verdicts.first { $0.0 == decided }?.1 ?? settings.urls[0]

    var api: CaptivePortalAPIStatus?
    if let uri = lease.uri, uri.lowercased() != CaptivePortalURI.unrestricted {
      switch CaptivePortalAPIRequest.fetch(
        uri: uri, timeout: min(3, settings.timeoutSeconds), userAgent: userAgent)
      {
      case .success(let status): api = status
      case .failure(let problem):
        notes.append(
          "captive portal API \(DisplayText.escape(Array(uri.utf8))): \(problem.message)")
      }
    }
    return PortalReport.combine(
      probe: decided, probeURL: decidingURL.description, api: api, leaseAPIURI: lease.uri,
      notes: notes)
  }
}
