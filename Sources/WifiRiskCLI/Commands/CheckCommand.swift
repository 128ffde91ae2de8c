import ArgumentParser
import WifiRiskCore
import WifiRiskICU
import WifiRiskSystem

/// `wifirisk check`: whether a network may be used under a policy profile, as an exit
/// status and one line (text or JSON) that a connection hook can trust.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Decide whether a network may be used under a policy profile (for hooks).",
    discussion: """
      Judges one network name (every access point using it: the weakest decides), one \
      access point (--bssid), or the current connection (--current: the connected access \
      point and the others with its name), from a live scan or a saved one (--fixture). \
      Prints one line, `ACTION: NAME (BSSID, SECURITY): REASONS`, or one line of JSON \
      (the wifirisk.check/1 contract), and exits with the verdict.

      --format fields prints KEY=value lines for shell scripts and connection hooks, every \
      key always, empty when unknown, each value one line (network names escaped): \
      \(CheckFields.keys.joined(separator: ", ")). Read them line by line; never \
      evaluate them.

      The profile (--profile, default "default") says what to allow, warn about or block; \
      `wifirisk profiles list` shows the profiles and `wifirisk profiles show NAME` what \
      one decides. Remembered networks (`wifirisk remember`, or --remember here) add the \
      downgrade, new-bssid and lookalike-ssid findings.

      When the network cannot be evaluated (no scan, no such network, not connected, an \
      unreadable state file), the profile's on_error decides; with the default, "report", \
      check exits with status 1. --fail-open turns that into allow (0), --fail-closed into \
      block (3). A profile that cannot be read always exits with status 1.

      EXAMPLES:
        wifirisk check --ssid "Cafe Wi-Fi"
        wifirisk check --current --profile strict --format json
        wifirisk check --fixture scan.json --ssid home --remember
        wifirisk check --current --fail-closed || nmcli device disconnect wlan0

      \(ExitStatus.helpSection(for: .check))
      """
  )

  @OptionGroup var target: CheckTarget
  @OptionGroup var scanSource: ScanSourceOptions
  @OptionGroup var portalOptions: PortalOptions

  @Option(help: "The policy profile: a name, or a path to a .toml file.")
  var profile = "default"

  @Option(
    help: ArgumentHelp(
      "Output format: text (one line), json (one line, wifirisk.check/1) or fields "
        + "(KEY=value lines for hooks)."))
  var format: CheckFormat = .text

  @Flag(
    name: .customLong("fail-open"),
    help: "When the network cannot be evaluated, allow it (exit 0), whatever the profile says.")
  var failOpen = false

  @Flag(
    name: .customLong("fail-closed"),
    help: "When the network cannot be evaluated, block it (exit 3), whatever the profile says.")
  var failClosed = false

  @Flag(help: "When the verdict is allow, remember the network (see `wifirisk remember`).")
  var remember = false

  func validate() throws {
    try target.validateTarget()
    if failOpen && failClosed {
      throw ValidationError("--fail-open and --fail-closed exclude each other.")
    }
  }

  func run() throws {
    let policy: PolicyProfile
    do {
      policy = try ProfileStore.load(profile, in: try ProfileStore.directories())
    } catch {
      emit(error: error.message, action: nil, status: .failure, profileName: profile)
      throw error
    }
    do {
      let outcome = try evaluate(policy)
      emit(outcome)
      throw outcome.exitStatus.code
    } catch let failure as Failure {
      let (action, status, label) = errorVerdict(policy)
      Output.diagnostic("could not evaluate: " + failure.message)
      emit(
        error: failure.message, action: action, status: status, profileName: policy.name,
        errorPolicy: label)
      throw status.code
    }
  }

  func evaluate(_ policy: PolicyProfile) throws(Failure) -> CheckOutcome {
    let input = try scanSource.read(wantConnection: target.current)
    // Merged by BSSID like every other command, so that a hidden network's nameless
    // beacon entry is never judged apart from the probe response that names it.
    let scan = Ratings.pipeline().rate(input.snapshot)
    let ssid = target.ssid.map { Array($0.utf8) }
    let (judged, asked) = NetworkSelection.select(
      scan, ssid: ssid, bssid: target.address, current: target.current)
    guard !judged.isEmpty else {
      throw Failure(
        message: target.nothingToJudge(scan: scan, connected: asked, source: input.label))
    }
    let store = try StateStore.standard()
    let known = try store.read()
    let memory = MemoryRules.findings(
      judged: judged, scan: scan, known: known, trusted: policy.trusted,
      vendors: VendorNames.lookup(
        judged: judged, known: known, trusted: policy.trusted, scan: scan),
      skeleton: ConfusableSkeleton.function)
    // On the current connection, a captive portal counts too (the profile's captive_portal).
    var captive: Bool?
    if target.current, input.isLive {
      let portal = PortalCheck.run(
        interface: input.interfaceName, ifindex: input.ifindex,
        settings: portalOptions.settings(policy.probe))
      captive = portal.state == .captive ? true : portal.state == .online ? false : nil
    }
    let decision = PolicyEvaluator.evaluate(
      judged, memory: memory, profile: policy, captive: captive)
    if remember && decision.action == .allow {
      guard let name = decision.ssid else {
        throw Failure(message: "--remember: the network hides its name; nothing to remember")
      }
      let time = Machine.nowRFC3339()
      try store.update { (known: inout KnownNetworks) throws(Failure) in
        // Always written: the last-seen times change.
        known.remember(ssid: name, seen: judged, at: time, mode: .afterAllow)
        return ((), true)
      }
    }
    return CheckOutcome(
      decision: decision, action: decision.action, exitStatus: .of(decision.action),
      profile: policy.name, bssid: asked, ssid: ssid, judged: judged, source: input.label,
      error: nil, errorPolicy: nil)
  }

  /// What an evaluation error becomes: the flags first, then the profile's on_error.
  func errorVerdict(_ policy: PolicyProfile) -> (PolicyAction?, ExitStatus, String?) {
    let choice: OnError = failOpen ? .allow : failClosed ? .block : policy.onError
    switch choice {
    case .report: return (nil, .failure, nil)
    case .allow: return (.allow, .of(.allow), "fail-open")
    case .block: return (.block, .of(.block), "fail-closed")
    }
  }

  func emit(
    error: String, action: PolicyAction?, status: ExitStatus, profileName: String,
    errorPolicy: String? = nil
  ) {
    emit(
      CheckOutcome(
        decision: nil, action: action, exitStatus: status, profile: profileName,
        bssid: target.address, ssid: target.ssid.map { Array($0.utf8) }, judged: [],
        source: nil, error: error, errorPolicy: errorPolicy))
  }

  func emit(_ outcome: CheckOutcome) {
    switch format {
    case .text: Output.write(CheckReport.text(outcome) + "\n")
    case .json: Output.write(CheckDocument(outcome), pretty: false)
    case .fields: Output.write(CheckFields.render(outcome))
    }
  }
}

enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, fields
}

/// Which network `check` judges.
struct CheckTarget: ParsableArguments {
  @Option(help: "The network name to judge (every access point using it).")
  var ssid: String?

  @Option(help: ArgumentHelp("The access point to judge.", valueName: "MAC"))
  var bssid: String?

  @Flag(help: "Judge the network this machine is connected to.")
  var current = false

  var address: MACAddress? { bssid.flatMap(MACAddress.init) }

  func validateTarget() throws {
    guard ssid != nil || bssid != nil || current else {
      throw ValidationError("Say what to judge: --ssid NAME, --bssid MAC or --current.")
    }
    if let ssid, ssid.utf8.isEmpty || ssid.utf8.count > 32 {
      throw ValidationError("--ssid: a network name has 1 to 32 bytes.")
    }
    if let bssid, MACAddress(bssid) == nil {
      throw ValidationError("--bssid: \(bssid) is not a MAC address (aa:bb:cc:dd:ee:ff).")
    }
  }

  func nothingToJudge(scan: [NetworkAssessment], connected: MACAddress?, source: String)
    -> String
  {
    let seen = "\(scan.count) access point\(scan.count == 1 ? "" : "s") in the scan of \(source)"
    if current {
      guard let connected else {
        return "not connected: no access point in the scan of \(source) is marked associated"
      }
      return "connected to \(connected), which is not the network asked about (\(seen))"
    }
    if let ssid {
      let name = DisplayText.escape(Array(ssid.utf8))
      if let bssid { return "no access point \(bssid) named \"\(name)\" (\(seen))" }
      return "no network named \"\(name)\" (\(seen)); a hidden one needs a fresh scan with "
        + "--probe-ssid"
    }
    return "no access point \(bssid ?? "?") (\(seen))"
  }
}
