/// One reason for a decision.
public struct PolicyReason: Sendable, Equatable {
  /// `security`, `below-minimum`, `captive-portal`, `vpn-reminder`, a finding id or a
  /// memory finding id.
  public var id: String
  public var action: PolicyAction
  /// The access point it is about; nil when it is about the name as a whole.
  public var bssid: MACAddress?
  /// A sentence for people.
  public var message: String
  /// A few words for the one-line text verdict: `security open`, `tkip`.
  public var label: String

  public init(
    id: String, action: PolicyAction, bssid: MACAddress?, message: String, label: String
  ) {
    self.id = id
    self.action = action
    self.bssid = bssid
    self.message = message
    self.label = label
  }
}

/// The verdict on one network name (or one access point) under one profile.
public struct PolicyDecision: Sendable, Equatable {
  public var action: PolicyAction
  /// Every warn and block reason, then any reminder (`vpn-reminder`, action allow).
  public var reasons: [PolicyReason]
  /// The weakest access point a client could be steered to: the one with the most severe
  /// action, then the weakest security.
  public var judgedBSSID: MACAddress?
  public var ssid: [UInt8]?
}

/// Applies a profile to what was seen.
///
/// The action is the most severe of: the `[security]` action of each access point; the
/// `below_minimum` action when one is weaker than `minimum_security` (by
/// `Security.strength`); the `[findings]` action of each finding and memory finding; for
/// `public-network` and `portal-signalled` findings, the stricter of their `[findings]`
/// action and `public_networks`; `captive_portal` when a connectivity probe found a portal;
/// and `trusted-mismatch`, always a block.
public enum PolicyEvaluator {
  public static func evaluate(
    _ judged: [NetworkAssessment], memory: [MemoryFinding], profile: PolicyProfile,
    captive: Bool? = nil
  ) -> PolicyDecision {
    var reasons: [PolicyReason] = []
    for bss in judged {
      let bssid = bss.record.bssid
      let security = profile.action(for: bss.security)
      if security > .allow {
        reasons.append(
          PolicyReason(
            id: "security", action: security, bssid: bssid,
            message: "\(bss.security.title) security is set to \(security.rawValue) "
              + "in the [security] table",
            label: "security \(bss.security.rawValue)"))
      }
      if let minimum = profile.minimumSecurity, profile.belowMinimum > .allow,
        bss.security.strength < minimum.strength
      {
        reasons.append(
          PolicyReason(
            id: "below-minimum", action: profile.belowMinimum, bssid: bssid,
            message: "\(bss.security.title) is weaker than the minimum, \(minimum.title)",
            label: "below minimum \(minimum.rawValue)"))
      }
      for finding in bss.findings {
        var action = profile.action(forFinding: finding.id)
        if finding.id == "public-network" || finding.id == "portal-signalled" {
          action = max(action, profile.publicNetworks)
        }
        guard action > .allow else { continue }
        reasons.append(
          PolicyReason(
            id: finding.id, action: action, bssid: bssid,
            message: finding.summary + (finding.evidence.map { " (\($0))" } ?? ""),
            label: finding.id))
      }
    }
    for finding in memory {
      let action =
        finding.id == MemoryRules.trustedMismatch
        ? .block : profile.action(forFinding: finding.id)
      guard action > .allow else { continue }
      reasons.append(
        PolicyReason(
          id: finding.id, action: action, bssid: finding.bssid, message: finding.message,
          label: finding.id))
    }
    if captive == true && profile.captivePortal > .allow {
      reasons.append(
        PolicyReason(
          id: "captive-portal", action: profile.captivePortal, bssid: nil,
          message: "the network holds connections at a sign-in page (captive portal)",
          label: "captive portal"))
    }
    let action = reasons.map(\.action).max() ?? .allow
    if profile.vpnReminder && judged.contains(where: { !$0.security.isEnterprise }) {
      reasons.append(
        PolicyReason(
          id: "vpn-reminder", action: .allow, bssid: nil,
          message: "Use a VPN on this network: others on it may see or change your traffic.",
          label: "use a VPN"))
    }
    return PolicyDecision(
      action: action, reasons: reasons, judgedBSSID: weakest(judged, reasons)?.record.bssid,
      ssid: judged.compactMap(\.ssid).first)
  }

  /// The access point with the most severe action of its own, then the weakest security,
  /// then the weakest management frame protection, then the lowest BSSID.
  static func weakest(_ judged: [NetworkAssessment], _ reasons: [PolicyReason])
    -> NetworkAssessment?
  {
    func severity(_ bss: NetworkAssessment) -> Int {
      reasons.filter { $0.bssid == bss.record.bssid }.map(\.action.rank).max() ?? 0
    }
    return judged.min { a, b in
      let (sa, sb) = (severity(a), severity(b))
      if sa != sb { return sa > sb }
      if a.security.strength != b.security.strength {
        return a.security.strength < b.security.strength
      }
      let (pa, pb) = (KnownNetworks.pmfRank(a.pmf), KnownNetworks.pmfRank(b.pmf))
      if pa != pb { return pa < pb }
      return a.record.bssid < b.record.bssid
    }
  }
}

/// Which access points of a scan a check judges.
public enum NetworkSelection {
  /// - `ssid` alone: every access point with that name.
  /// - `bssid` alone: that access point.
  /// - both: every access point with that name, when the BSSID is one of them.
  /// - `current`: the access point the scan marks as associated, and every other with
  ///   its name (a client can be steered among them).
  /// Returns the judged access points and the BSSID the caller named (or the connected
  /// one); empty when nothing matches.
  public static func select(
    _ scan: [NetworkAssessment], ssid: [UInt8]?, bssid: MACAddress?, current: Bool
  ) -> (judged: [NetworkAssessment], bssid: MACAddress?) {
    var name = ssid
    var address = bssid
    if current {
      guard let connected = scan.first(where: { $0.record.status == .associated }) else {
        return ([], nil)
      }
      if let ssid, connected.ssid != ssid { return ([], connected.record.bssid) }
      if let bssid, connected.record.bssid != bssid { return ([], connected.record.bssid) }
      address = connected.record.bssid
      name = connected.ssid
      if name == nil { return ([connected], address) }
    }
    if let name {
      let members = scan.filter { $0.ssid == name }
      if let address, !members.contains(where: { $0.record.bssid == address }) {
        return ([], address)
      }
      return (members, address)
    }
    guard let address else { return ([], nil) }
    return (scan.filter { $0.record.bssid == address }.prefix(1).map { $0 }, address)
  }
}
