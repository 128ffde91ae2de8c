/// Everything wifirisk found out about captive portals on the current connection: the
/// probe's verdict, the RFC 8908 API's answer and the URI the DHCP lease announced.
public struct PortalReport: Sendable, Equatable {
  public var state: PortalState
  /// The page to sign in on: from the probe's redirect or page, else the API's
  /// `user-portal-url`. Text from the network: show it escaped.
  public var portalURL: String?
  /// The probe URL that decided the state (the first one, when none did).
  public var probeURL: String?
  public var httpStatus: Int?
  /// The Captive Portal API's answer, when it was asked and answered.
  public var api: CaptivePortalAPIStatus?
  /// DHCP option 114 from the interface's lease, when a lease file had it.
  public var leaseAPIURI: String?
  /// How the result was reached and what went wrong on the way, one line each.
  public var notes: [String]

  public init(
    state: PortalState, portalURL: String? = nil, probeURL: String? = nil,
    httpStatus: Int? = nil, api: CaptivePortalAPIStatus? = nil, leaseAPIURI: String? = nil,
    notes: [String] = []
  ) {
    self.state = state
    self.portalURL = portalURL
    self.probeURL = probeURL
    self.httpStatus = httpStatus
    self.api = api
    self.leaseAPIURI = leaseAPIURI
    self.notes = notes
  }

  /// Puts the pieces together. The probe decides, since it shows what the network does
  /// rather than what it claims; an API that says the session is still captive turns any
  /// other verdict into `captive`, and supplies the portal's address when the probe found
  /// none. Without a probe the state is `not-probed`, whatever the lease says.
  public static func combine(
    probe: PortalVerdict?, probeURL: String?, api: CaptivePortalAPIStatus?,
    leaseAPIURI: String?, notes: [String] = []
  ) -> PortalReport {
    var report = PortalReport(
      state: probe?.state ?? .notProbed, portalURL: probe?.portalURL, probeURL: probeURL,
      httpStatus: probe?.httpStatus, api: api, leaseAPIURI: leaseAPIURI, notes: notes)
    if let probe { report.notes.append(probe.reason) }
    if let leaseAPIURI, leaseAPIURI.lowercased() == CaptivePortalURI.unrestricted {
      report.notes.append("the DHCP lease says this network has no captive portal (RFC 8910)")
    }
    guard probe != nil else { return report }
    if let api {
      if api.captive && report.state != .captive {
        report.notes.append(
          "the network's captive portal API says this session has not passed the portal yet")
        report.state = .captive
      } else if !api.captive && report.state == .captive {
        report.notes.append(
          "the captive portal API says the session is open, but the probe was intercepted")
      }
      if report.state == .captive && report.portalURL == nil {
        report.portalURL = api.userPortalURL
      }
    }
    if report.state == .captive, let url = report.portalURL,
      !url.lowercased().hasPrefix("https://")
    {
      report.notes.append(
        "the portal page is not served over https: what is typed there can be read by others nearby"
      )
    }
    return report
  }

  /// What to do, in one or two sentences, for a network of this security.
  public func advice(open: Bool) -> String {
    let exposed =
      "this network is open, so others nearby can read your unencrypted traffic"
    switch state {
    case .captive:
      let where_ =
        portalURL.map {
          $0.lowercased().hasPrefix("https://")
            ? "" : " (it is not https: type no real password there)"
        } ?? ""
      return open
        ? "Sign in through the portal\(where_), then use a VPN: \(exposed)."
        : "Sign in through the portal\(where_), and use a VPN if you do not trust the venue."
    case .online:
      return open
        ? "Online. Use a VPN and keep to https: \(exposed)."
        : "Online: the Internet answers directly."
    case .noInternet:
      return
        "No Internet through this network: the probe got no answer. If a sign-in page should appear, open any http:// address in a browser."
    case .unknown:
      return
        "Could not tell whether a portal is in the way: treat the connection as untrusted until a site you know loads over https."
    case .notProbed:
      return "Not checked for a captive portal (probes are off)."
    }
  }
}
