/// What `wifirisk check` concluded: the decision, or the error and what it was turned into.
/// `CheckDocument` is its JSON contract; `CheckReport.text` its one line.
public struct CheckOutcome: Sendable {
  public var decision: PolicyDecision?
  /// The action reported: the decision's, or the fail-open/closed one after an error.
  public var action: PolicyAction?
  public var exitStatus: ExitStatus
  public var profile: String
  /// The BSSID asked about (`--bssid`) or connected to (`--current`).
  public var bssid: MACAddress?
  /// The name asked about, when there is no decision to take it from.
  public var ssid: [UInt8]?
  public var judged: [NetworkAssessment]
  /// Where the scan came from, for the network entries' `source`.
  public var source: String?
  public var error: String?
  /// `fail-open` or `fail-closed` when an error was turned into a decision.
  public var errorPolicy: String?

  public init(
    decision: PolicyDecision?, action: PolicyAction?, exitStatus: ExitStatus, profile: String,
    bssid: MACAddress?, ssid: [UInt8]?, judged: [NetworkAssessment], source: String?,
    error: String?, errorPolicy: String?
  ) {
    self.decision = decision
    self.action = action
    self.exitStatus = exitStatus
    self.profile = profile
    self.bssid = bssid
    self.ssid = ssid
    self.judged = judged
    self.source = source
    self.error = error
    self.errorPolicy = errorPolicy
  }

  public var name: [UInt8]? { decision?.ssid ?? ssid }

  public var judgedNetwork: NetworkAssessment? {
    judged.first { $0.record.bssid == decision?.judgedBSSID }
  }
}

public enum CheckReport {
  /// One line, no colour: `block: lab-open (02:00:00:00:00:00, open): open-network (warn),
  /// below minimum wpa2-personal (block)`.
  public static func text(_ outcome: CheckOutcome) -> String {
    if let error = outcome.error {
      let word = outcome.action?.rawValue ?? "error"
      let policy = outcome.errorPolicy.map { " (\($0))" } ?? ""
      return "\(word): could not evaluate\(policy): \(error)"
    }
    guard let decision = outcome.decision else { return "error: nothing was judged" }
    var subject = outcome.name.map { DisplayText.escape($0) } ?? "(hidden network)"
    var details: [String] = []
    if let judged = outcome.judgedNetwork {
      details.append(judged.record.bssid.description)
      if outcome.judged.count > 1 { details.append("weakest of \(outcome.judged.count)") }
      details.append(judged.security.rawValue)
    }
    if !details.isEmpty { subject += " (" + details.joined(separator: ", ") + ")" }
    var labels: [String] = []
    for reason in decision.reasons where reason.action > .allow {
      let label = "\(reason.label) (\(reason.action.rawValue))"
      if !labels.contains(label) { labels.append(label) }
    }
    var line = "\(decision.action.rawValue): \(subject)"
    line += labels.isEmpty ? ": nothing against it" : ": " + labels.joined(separator: ", ")
    if decision.reasons.contains(where: { $0.id == "vpn-reminder" }) {
      line += "; use a VPN"
    }
    return line + " [profile \(outcome.profile)]"
  }
}
