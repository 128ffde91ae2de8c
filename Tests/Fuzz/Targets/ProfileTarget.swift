// Policy profiles: the reader of a parsed profile, the effective profile it resolves to, and
// the line locator that names where a bad key was written.
//
// The tool parses TOML with toml++ and hands Core a `ProfileValue` tree; this target builds
// that tree from JSON, which has the same shapes (tables, arrays, strings, integers, floats,
// booleans), so the search reaches Core's reader without first writing valid TOML. The
// `toml` target (TOMLTarget.swift) takes the whole path from TOML text through toml++.
import WifiRiskCore

enum ProfileTarget {
  static func run(_ data: [UInt8]) {
    guard case .object(let members)? = try? JSONParser.parse(data) else { return }
    let root = members.mapValues(profileValue)
    let (layer, errors) = ProfileLayer.parse(root)
    let (again, _) = ProfileLayer.parse(root)
    require(again == layer, "profile reading is not deterministic")
    for error in errors {
      requireTerminalSafe(error.description, "a profile error")
    }
    if let extends = layer.extends, !ProfileName.isValid(extends) {
      require(false, "a profile extends an invalid name: \(ProfileName.problem(extends))")
    }
    let source = ProfileSource(name: "fuzz", path: "/fuzz.toml", kind: .user)
    let profile = PolicyProfile.resolve(name: "fuzz", layers: [(source, layer)])
    let rendered = profile.renderedTOML()
    for line in rendered.split(separator: "\n") {
      requireTerminalSafe(String(line), "profiles show")
    }
    for (index, _) in profile.trusted.enumerated() {
      let path = ProfileKeyPath([.key("trusted"), .index(index), .key("ssid")])
      require(
        TOMLKeyLocator.line(of: path, in: rendered) != nil,
        "the locator cannot find \(path) in the rendered profile")
    }
    require(
      TOMLKeyLocator.line(of: ProfileKeyPath("on_error"), in: rendered) != nil,
      "the locator cannot find on_error in the rendered profile")
  }

  /// The line locator over any text. Properties: a line it names exists; several paths
  /// located in one reading give the lines each gives alone (checked for one path per
  /// input, chosen by the input's length).
  static func locator(_ data: [UInt8]) {
    let toml = text(data)
    let lineCount = 1 + toml.utf8.count(where: { $0 == 0x0A })
    let paths = [
      ProfileKeyPath("security", "open"), ProfileKeyPath("minimum_security"),
      ProfileKeyPath([.key("trusted"), .index(0), .key("ssid")]),
      ProfileKeyPath([.key("trusted"), .index(1), .key("bssids"), .index(2)]),
      ProfileKeyPath("probe", "urls"), ProfileKeyPath("findings", "wps-enabled"),
      ProfileKeyPath("a.b", "c d"),
    ]
    let lines = TOMLKeyLocator.lines(of: paths, in: toml)
    for line in lines.compactMap({ $0 }) {
      require(line >= 1 && line <= lineCount, "line \(line) of \(lineCount)")
    }
    let one = data.count % paths.count
    require(
      TOMLKeyLocator.line(of: paths[one], in: toml) == lines[one],
      "\(paths[one]) is found on another line when located alone")
    for number in 0...min(lineCount + 1, 64) {
      if let key = TOMLKeyLocator.keyText(onLine: number, in: toml) {
        require(number >= 1 && number <= lineCount, "a key on line \(number) of \(lineCount)")
        _ = key
      }
    }
  }

  static func profileValue(_ value: JSONValue) -> ProfileValue {
    switch value {
    case .null: .other("a null")
    case .bool(let flag): .bool(flag)
    case .integer(let number): .integer(number)
    case .number(let number): .float(number)
    case .string(let text): .string(text)
    case .array(let items): .array(items.map(profileValue))
    case .object(let members): .table(members.mapValues(profileValue))
    }
  }
}
