/// `wifirisk check --format fields`: the verdict as `KEY=value` lines, for shell scripts and
/// connection hooks, which read them line by line (`while IFS= read -r line`) and never
/// evaluate them:
///
/// ```
/// WIFIRISK_ACTION=block
/// WIFIRISK_EXIT_STATUS=3
/// WIFIRISK_PROFILE=strict
/// WIFIRISK_SSID=lab-open
/// WIFIRISK_SSID_HEX=6c61622d6f70656e
/// WIFIRISK_BSSID=02:00:00:00:00:00
/// WIFIRISK_SECURITY=open
/// WIFIRISK_REASONS=security,below-minimum
/// WIFIRISK_ERROR=
/// WIFIRISK_SUMMARY=block: lab-open (02:00:00:00:00:00, open): security open (block), ...
/// ```
///
/// Every key is printed, in this order, with an empty value when there is nothing to say.
/// The keys are valid journald field names, so a hook can log them as they are
/// (`logger --journald`). Every value is one line: a network name is escaped as everywhere
/// else (`DisplayText.escape`: control and invisible characters become `\xNN`/`\uNNNN`), and
/// in the other values any control character becomes a space.
///
/// - `WIFIRISK_ACTION`: `allow`, `warn`, `block`, or empty when the network could not be
///   evaluated and the profile says to report that;
/// - `WIFIRISK_BSSID`: the access point the verdict is about (the weakest one judged), else
///   the one asked about or connected to;
/// - `WIFIRISK_REASONS`: the ids of the warn and block reasons, comma-separated, each once.
public enum CheckFields {
  public static let keys = [
    "WIFIRISK_ACTION", "WIFIRISK_EXIT_STATUS", "WIFIRISK_PROFILE", "WIFIRISK_SSID",
    "WIFIRISK_SSID_HEX", "WIFIRISK_BSSID", "WIFIRISK_SECURITY", "WIFIRISK_REASONS",
    "WIFIRISK_ERROR", "WIFIRISK_SUMMARY",
  ]

  /// The fields in the order of `keys`.
  public static func fields(_ outcome: CheckOutcome) -> [(key: String, value: String)] {
    var reasons: [String] = []
    for reason in outcome.decision?.reasons ?? [] where reason.action > .allow {
      if !reasons.contains(reason.id) { reasons.append(reason.id) }
    }
    let bssid = outcome.decision?.judgedBSSID ?? outcome.bssid
    let values: [String] = [
      outcome.action?.rawValue ?? "",
      String(outcome.exitStatus.rawValue),
      outcome.profile,
      outcome.name.map { DisplayText.escape($0) } ?? "",
      outcome.name.map { Hex.encode($0) } ?? "",
      bssid?.description ?? "",
      outcome.judgedNetwork?.security.rawValue ?? "",
      reasons.joined(separator: ","),
      outcome.error ?? "",
      CheckReport.text(outcome),
    ]
    return zip(keys, values).map { (key: $0, value: oneLine($1)) }
  }

  /// The lines, each ending in a newline.
  public static func render(_ outcome: CheckOutcome) -> String {
    fields(outcome).map { "\($0.key)=\($0.value)\n" }.joined()
  }

  /// The text with every control character (C0, DEL, C1, line and paragraph separators)
  /// replaced by a space, so that it stays one line. Escapes made by `DisplayText` contain
  /// none and pass unchanged.
  static func oneLine(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: out.append(" ")
      default: out.append(scalar)
      }
    }
    return String(out)
  }
}
