// A profile file the way the tool reads one: the bytes as text (refused when not UTF-8),
// toml++ through `TOMLDocument.parse`, `ProfileLayer.parse`, `PolicyProfile.resolve`, and
// the one-line errors `ProfileStore.read` builds from what they report.
import WifiRiskCore
import WifiRiskTOML

enum TOMLTarget {
  static let source = ProfileSource(name: "fuzz", path: "/fuzz.toml", kind: .user)

  /// Properties: parsing is deterministic (the same tree or the same error twice); every
  /// error the tool could print is one terminal-safe line; a profile that reads without an
  /// error, rendered as `profiles show` prints it, parses again through toml++ to the same
  /// settings; the line locator finds every key it rendered.
  static func run(_ data: [UInt8]) {
    // FileReader.text: a profile that is not UTF-8 is refused before it is parsed.
    guard let text = String(validating: data, as: UTF8.self) else { return }
    let first = parse(text)
    let second = parse(text)
    switch (first, second) {
    case (.success(let root), .success(let again)):
      require(same(.table(root), .table(again)), "toml++ gave two trees for one text")
    case (.failure(let error), .failure(let again)):
      require(error == again, "toml++ gave two errors for one text: \(error) / \(again)")
      requireOneLine(error.located(file: source.path, text: text))
      return
    default:
      require(false, "toml++ parsed a text once and refused it once")
    }
    guard case .success(let root) = first else { return }
    let (layer, errors) = ProfileLayer.parse(root)
    let lines = TOMLKeyLocator.lines(of: errors.map(\.path), in: text)
    for (line, error) in zip(lines, errors) {
      if let line {
        let lineCount = 1 + text.utf8.count(where: { $0 == 0x0A })
        require(line >= 1 && line <= lineCount, "\(error.path) located on line \(line)")
      }
      requireOneLine(error.located(file: source.path, line: line))
    }
    guard errors.isEmpty else { return }
    roundTrip(layer)
  }

  /// `profiles show`'s text of the profile parses again, through toml++, to the same
  /// settings, and the locator finds each key it wrote.
  static func roundTrip(_ layer: ProfileLayer) {
    let profile = PolicyProfile.resolve(name: source.name, layers: [(source, layer)])
    let rendered = profile.renderedTOML()
    for line in rendered.utf8.split(separator: 0x0A) {
      requireTerminalSafe(String(Substring(line)), "profiles show")
    }
    let root: [String: ProfileValue]
    switch parse(rendered) {
    case .success(let parsed): root = parsed
    case .failure(let error):
      require(false, "toml++ refuses what profiles show printed: \(error)\n\(rendered)")
      return
    }
    let (again, errors) = ProfileLayer.parse(root)
    require(errors.isEmpty, "profiles show printed a profile with errors: \(errors)\n\(rendered)")
    let back = PolicyProfile.resolve(name: source.name, layers: [(source, again)])
    require(
      settings(back) == settings(profile),
      "profiles show's text reads back to other settings\n\(rendered)")
    locate(profile, in: rendered)
  }

  /// Every key `renderedTOML` writes is found by the locator on a line that names it.
  static func locate(_ profile: PolicyProfile, in rendered: String) {
    var paths: [ProfileKeyPath] = [
      ProfileKeyPath("description"), ProfileKeyPath("below_minimum"),
      ProfileKeyPath("public_networks"), ProfileKeyPath("captive_portal"),
      ProfileKeyPath("on_error"), ProfileKeyPath("vpn_reminder"),
    ]
    if profile.minimumSecurity != nil { paths.append(ProfileKeyPath("minimum_security")) }
    paths += Security.allCases.map { ProfileKeyPath("security", $0.rawValue) }
    paths += PolicyFindings.ids.map { ProfileKeyPath("findings", $0) }
    paths += ProbeSettings.keys.map { ProfileKeyPath("probe", $0) }
    for index in profile.trusted.indices {
      paths.append(ProfileKeyPath([.key("trusted"), .index(index), .key("ssid")]))
    }
    for (path, line) in zip(paths, TOMLKeyLocator.lines(of: paths, in: rendered)) {
      guard let line else {
        require(false, "the locator cannot find \(path) in the rendered profile")
        return
      }
      guard case .key(let last)? = path.components.last else { continue }
      require(
        TOMLKeyLocator.keyText(onLine: line, in: rendered) == TOMLText.key(last),
        "\(path) is located on line \(line), which defines another key")
    }
  }

  static func parse(_ text: String) -> Result<[String: ProfileValue], TOMLSyntaxError> {
    do {
      return .success(try TOMLDocument.parse(text))
    } catch {
      return .failure(error)
    }
  }

  /// What a profile decides, without where each setting came from (the rendered text sets
  /// every key, the original only some) and with every default written out.
  static func settings(_ profile: PolicyProfile) -> PolicyProfile {
    var out = profile
    out.chain = []
    out.origins = [:]
    out.security = Dictionary(
      uniqueKeysWithValues: Security.allCases.map { ($0, profile.action(for: $0)) })
    out.findings = Dictionary(
      uniqueKeysWithValues: PolicyFindings.ids.map { ($0, profile.action(forFinding: $0)) })
    return out
  }

  /// Trees compared with floats by their bits: a TOML `nan` is one value here.
  static func same(_ left: ProfileValue, _ right: ProfileValue) -> Bool {
    switch (left, right) {
    case (.float(let a), .float(let b)): a.bitPattern == b.bitPattern
    case (.array(let a), .array(let b)): a.count == b.count && zip(a, b).allSatisfy(same)
    case (.table(let a), .table(let b)):
      a.count == b.count
        && a.allSatisfy { key, value in b[key].map { same(value, $0) } ?? false }
    default: left == right
    }
  }

  static func requireOneLine(_ message: String) {
    requireTerminalSafe(message, "a profile error")
  }
}
