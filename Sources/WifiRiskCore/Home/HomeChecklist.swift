/// The check-up of a home network (`wifirisk home`): one item per thing its owner can set
/// right in the router, each `pass`, `improve`, `fix` or `unknown`, with what was seen and
/// what to do.
///
/// | id | pass when |
/// |---|---|
/// | `encryption` | WPA3 (or WPA2/WPA3) on every access point and band of the network; WPA2 alone is `improve`; open, Enhanced Open, WEP or original WPA alone is `fix` |
/// | `no-legacy` | no WEP, original WPA or TKIP on any access point of the network or its siblings (`fix` otherwise) |
/// | `same-everywhere` | every band and access point of the name advertises the same security (`fix` otherwise) |
/// | `pmf` | management frame protection at least capable on every access point and band (`improve` otherwise) |
/// | `wps-off` | WPS is off on every access point of the network and its siblings (`fix` otherwise) |
/// | `own-name` | the name is not a factory name (`fix` otherwise) |
/// | `guest-network` | a separate encrypted (or Enhanced Open) network exists for guests and devices; none is `improve`; an open one is `fix` |
/// | `visible-name` | the name is not hidden (`improve` otherwise) |
public struct HomeChecklist: Sendable {
  public var network: HomeNetwork
  /// Worst first; items of one status in the table's order.
  public var items: [HomeItem]

  public init(_ network: HomeNetwork) {
    self.network = network
    let checked = HomeChecklist.rules.map { $0(network) }
    items = checked.enumerated().sorted { a, b in
      a.element.status.rank != b.element.status.rank
        ? a.element.status.rank > b.element.status.rank : a.offset < b.offset
    }.map(\.element)
  }

  /// 0 when every item passes, 2 when one is to improve or fix, 1 when one could not be
  /// judged (and none is to improve or fix).
  public var exitStatus: ExitStatus {
    if items.contains(where: { $0.status == .fix || $0.status == .improve }) { return .warn }
    if items.contains(where: { $0.status == .unknown }) { return .failure }
    return .ok
  }

  /// The item ids, in the table's order.
  public static let ids = [
    "encryption", "no-legacy", "same-everywhere", "pmf", "wps-off", "own-name", "guest-network",
    "visible-name",
  ]

  static let rules: [@Sendable (HomeNetwork) -> HomeItem] = [
    encryption, noLegacy, sameEverywhere, pmf, wpsOff, ownName, guestNetwork, visibleName,
  ]

  // MARK: The items

  static func encryption(_ network: HomeNetwork) -> HomeItem {
    let aps = network.everyBand
    let statuses = aps.map { encryptionStatus($0.security) }
    let status = HomeItem.Status.worst(statuses)
    let seen = count(aps, statuses, status)
    let (summary, advice): (String, String) =
      switch status {
      case .pass:
        (
          "Every access point of the network uses WPA3.",
          "Nothing to do; keep WPA3 on when the router is updated or replaced."
        )
      case .improve:
        (
          "The network uses WPA2 but not WPA3 on \(seen).",
          "In the router's wireless security settings, choose \"WPA3-Personal\" (or "
            + "\"WPA2/WPA3\" while some devices cannot use WPA3) on every band, and keep a "
            + "long password of four or more random words."
        )
      case .fix:
        (
          "Anyone nearby can join or read the network: \(seen) without a password or with "
            + "broken encryption.",
          "In the router's wireless security settings, choose \"WPA3-Personal\" (or "
            + "\"WPA2/WPA3\") on every band and set a new long password; then join your "
            + "devices again with it."
        )
      case .unknown:
        (
          "The security of \(seen) could not be read.",
          "Scan again closer to the router (`wifirisk home --fresh` as root)."
        )
      }
    return HomeItem(
      id: "encryption", status: status, summary: summary, advice: advice,
      evidence: described(aps) { $0.security.title })
  }

  static func encryptionStatus(_ security: Security) -> HomeItem.Status {
    switch security {
    case .wpa3Personal, .wpa2Wpa3Personal, .wpa3Enterprise, .wpa3Enterprise192: .pass
    case .wpa2Personal, .wpa2Enterprise, .wpaWpa2Personal, .wpaWpa2Enterprise: .improve
    case .open, .owe, .wep, .wpaPersonal, .wpaEnterprise: .fix
    case .unknown: .unknown
    }
  }

  static let legacyFindings: [String: String] = [
    "wep": "WEP", "wpa1": "original WPA", "tkip": "TKIP",
  ]

  static func noLegacy(_ network: HomeNetwork) -> HomeItem {
    let aps = network.everything
    let legacy = aps.compactMap { ap -> String? in
      let kinds = ap.findings.compactMap { legacyFindings[$0.id] }.sorted()
      return kinds.isEmpty ? nil : "\(label(ap)): \(kinds.joined(separator: ", "))"
    }
    guard legacy.isEmpty else {
      return HomeItem(
        id: "no-legacy", status: .fix,
        summary:
          "\(legacy.count == 1 ? "One access point still offers" : "\(legacy.count) access points still offer") "
          + "WEP, original WPA or TKIP, old security with known attacks.",
        advice:
          "In the router's wireless security settings, turn off \"WEP\", \"WPA\" and "
          + "\"WPA/WPA2 mixed\" modes and any \"TKIP\" or \"TKIP+AES\" choice: use "
          + "\"WPA3-Personal\" or \"WPA2/WPA3\" with \"AES\" (CCMP) only, on every network "
          + "the router serves, the guest network included. A device too old for that is "
          + "better replaced or kept on a network of its own.",
        evidence: legacy)
    }
    return HomeItem(
      id: "no-legacy", status: .pass,
      summary: "No access point offers WEP, original WPA or TKIP.",
      advice: "Nothing to do.", evidence: described(aps) { $0.security.title })
  }

  static func sameEverywhere(_ network: HomeNetwork) -> HomeItem {
    let aps = network.everyBand
    let kinds = Set(aps.map { "\($0.security.rawValue)/\($0.pmf.rawValue)" })
    let evidence = described(aps) { "\($0.security.title), PMF \($0.pmf.rawValue)" }
    guard kinds.count > 1 else {
      return HomeItem(
        id: "same-everywhere", status: .pass,
        summary:
          aps.count == 1
          ? "One access point was seen; it has nothing to differ from."
          : "Every band and access point advertises the same security.",
        advice: "Nothing to do; when a mesh node or band is added, give it the same settings.",
        evidence: evidence)
    }
    let weakest = aps.min { a, b in
      a.security.strength != b.security.strength
        ? a.security.strength < b.security.strength
        : KnownNetworks.pmfRank(a.pmf) < KnownNetworks.pmfRank(b.pmf)
    }
    let weak = weakest.map { "\($0.security.title) at \(label($0))" } ?? "the weakest"
    return HomeItem(
      id: "same-everywhere", status: .fix,
      summary:
        "The bands or access points of the network advertise different security; an attacker "
        + "uses the weakest, \(weak).",
      advice:
        "Open the router's wireless settings for each band (2.4 GHz, 5 GHz, 6 GHz) and each "
        + "mesh node or repeater, and set the same security on all: \"WPA3-Personal\" (or "
        + "\"WPA2/WPA3\"). Routers often keep separate settings per band.",
      evidence: evidence)
  }

  static func pmf(_ network: HomeNetwork) -> HomeItem {
    let aps = network.everyBand
    let without = aps.filter { $0.pmf == .none }
    guard without.isEmpty else {
      return HomeItem(
        id: "pmf", status: .improve,
        summary:
          "\(without.count == 1 ? "One access point does" : "\(without.count) access points do") "
          + "not protect management frames, so anyone nearby can knock devices off the network.",
        advice:
          "In the router's wireless settings, set \"Protected Management Frames\" (also called "
          + "PMF or 802.11w) to \"Capable\" or \"Optional\", or to \"Required\" when every device "
          + "supports it; choosing WPA3 switches it on.",
        evidence: described(without) { "PMF \($0.pmf.rawValue)" })
    }
    return HomeItem(
      id: "pmf", status: .pass,
      summary: "Management frames are protected on every access point.",
      advice: "Nothing to do.", evidence: described(aps) { "PMF \($0.pmf.rawValue)" })
  }

  static func wpsOff(_ network: HomeNetwork) -> HomeItem {
    let on = network.everything.filter { $0.wps != nil }
    guard on.isEmpty else {
      return HomeItem(
        id: "wps-off", status: .fix,
        summary:
          "WPS is on at \(on.count == 1 ? "one access point" : "\(on.count) access points"); "
          + "its PIN can be guessed in hours, and it gives away the network's password.",
        advice:
          "In the router's settings (often under \"Wireless\", \"WPS\" or \"Easy setup\"), "
          + "switch WPS off, for the PIN and the push button alike. Join new devices by typing "
          + "the password instead.",
        evidence: described(on) { ap in
          var parts = ["WPS on"]
          if ap.wps?.offersPIN == true { parts.append("PIN offered") }
          if ap.wps?.apSetupLocked == true { parts.append("AP setup locked") }
          return parts.joined(separator: ", ")
        })
    }
    return HomeItem(
      id: "wps-off", status: .pass, summary: "WPS is off everywhere.", advice: "Nothing to do.",
      evidence: [])
  }

  static func ownName(_ network: HomeNetwork) -> HomeItem {
    let display = DisplayText.escape(network.ssid)
    if let finding = network.accessPoints.lazy.compactMap({ ap in
      ap.findings.first { $0.id == "factory-ssid" }
    }).first {
      return HomeItem(
        id: "own-name", status: .fix,
        summary:
          "\"\(display)\" is the name the router came with, which tells everyone its make and "
          + "often means the password printed on it is still in use.",
        advice:
          "In the router's wireless settings, give the network a name of your own that does "
          + "not say who you are or where you live, and a new long password (four or more "
          + "random words); then join your devices again.",
        evidence: finding.evidence.map { [$0] } ?? [])
    }
    return HomeItem(
      id: "own-name", status: .pass,
      summary: "\"\(display)\" is not a name routers come with.", advice: "Nothing to do.",
      evidence: [])
  }

  static func guestNetwork(_ network: HomeNetwork) -> HomeItem {
    let separate = network.siblings.filter { $0.kind == .separate }
    let unprotected = separate.filter { [.open, .wep].contains($0.weakest.security) }
    if !unprotected.isEmpty {
      return HomeItem(
        id: "guest-network", status: .fix,
        summary:
          "The router serves \(names(unprotected)) without encryption: anyone nearby can join "
          + "it and read what its devices send.",
        advice:
          "In the router's guest network settings, set \"WPA3-Personal\" or \"WPA2/WPA3\" "
          + "with a password of its own (or \"Enhanced Open\"/OWE for visitors), and keep "
          + "\"allow guests to see the home network\" off.",
        evidence: unprotected.map(siblingEvidence))
    }
    if !separate.isEmpty {
      return HomeItem(
        id: "guest-network", status: .pass,
        summary:
          "A separate, encrypted network, \(names(separate)), keeps guests and smart-home "
          + "devices apart from your computers and phones.",
        advice:
          "Keep visitors and smart-home devices (cameras, plugs, speakers) on it, and "
          + "computers and phones on the main network.",
        evidence: separate.map(siblingEvidence))
    }
    return HomeItem(
      id: "guest-network", status: .improve,
      summary: "No separate network for guests and smart-home devices was found.",
      advice:
        "Switch on the router's \"Guest network\" with WPA3 or WPA2/WPA3 and its own "
        + "password, and move visitors and smart-home devices (cameras, plugs, speakers) to it, "
        + "so a weak device cannot reach your computers and phones.",
      evidence: [])
  }

  static func visibleName(_ network: HomeNetwork) -> HomeItem {
    let hidden = network.accessPoints.filter(\.hidden)
    guard hidden.isEmpty else {
      return HomeItem(
        id: "visible-name", status: .improve,
        summary:
          "The name is hidden. That protects nothing: the name is sent whenever a device "
          + "joins, and devices then call out for it everywhere they go.",
        advice:
          "In the router's wireless settings, switch \"Hide SSID\" (or \"SSID broadcast\" "
          + "off) back to visible, and rely on WPA3 and a long password instead.",
        evidence: described(hidden) { _ in "name hidden in beacons" })
    }
    return HomeItem(
      id: "visible-name", status: .pass, summary: "The name is visible.",
      advice: "Nothing to do.", evidence: [])
  }

  // MARK: Wording

  /// `"Home" 00:11:22:33:44:55 (5 GHz)`.
  static func label(_ ap: NetworkAssessment) -> String {
    let name = ap.ssid.map { "\"\(DisplayText.escape($0))\"" } ?? "a hidden network"
    let band = ap.band.map { "\($0) GHz" } ?? "band unknown"
    return "\(name) \(ap.record.bssid) (\(band))"
  }

  static func described(_ aps: [NetworkAssessment], _ what: (NetworkAssessment) -> String)
    -> [String]
  {
    aps.map { "\(label($0)): \(what($0))" }
  }

  static func count(_ aps: [NetworkAssessment], _ statuses: [HomeItem.Status], _ s: HomeItem.Status)
    -> String
  {
    let n = statuses.filter { $0 == s }.count
    return n == aps.count
      ? (n == 1 ? "its access point" : "all \(n) access points")
      : (n == 1 ? "one of \(aps.count) access points" : "\(n) of \(aps.count) access points")
  }

  static func names(_ siblings: [HomeNetwork.Sibling]) -> String {
    siblings.map { "\"\(DisplayText.escape($0.ssid))\"" }.joined(separator: ", ")
  }

  static func siblingEvidence(_ sibling: HomeNetwork.Sibling) -> String {
    "\"\(DisplayText.escape(sibling.ssid))\": \(sibling.weakest.security.title)"
  }
}

/// One item of the check-up.
public struct HomeItem: Sendable, Equatable {
  public enum Status: String, Sendable, Equatable, CaseIterable {
    case pass, improve, fix, unknown

    /// Worst first: fix, improve, unknown, pass.
    var rank: Int {
      switch self {
      case .pass: 0
      case .unknown: 1
      case .improve: 2
      case .fix: 3
      }
    }

    static func worst(_ statuses: [Status]) -> Status {
      statuses.max { $0.rank < $1.rank } ?? .unknown
    }
  }

  public var id: String
  public var status: Status
  /// What was seen, in one plain sentence.
  public var summary: String
  /// What to do, in the words of a router's menus.
  public var advice: String
  /// The access points behind the judgement, one line each.
  public var evidence: [String]
}
