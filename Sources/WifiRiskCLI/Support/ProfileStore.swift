import Foundation
import TOMLKit
import WifiRiskCore

/// Finds, reads and resolves policy profiles.
///
/// Shipped profiles live in the first of: `$WIFIRISK_PROFILES_DIR`,
/// `/usr/local/share/wifirisk/profiles`, `/usr/share/wifirisk/profiles`, and the nearest
/// `profiles/` holding `default.toml` above the running executable's real path (so a build
/// inside the repository finds the repository's). A person's own profiles live in
/// `$XDG_CONFIG_HOME/wifirisk/profiles` (`~/.config/wifirisk/profiles`): a new name adds a
/// profile, a shipped name replaces the shipped one, and a user profile may extend the
/// shipped profile of its own name (`extends = "default"` in the user's `default.toml`).
///
/// Every problem is one line, `FILE:LINE: KEY: problem`, and fails the command with exit
/// status 1: a profile is never silently replaced by another.
enum ProfileStore {
  static let installedDirectories = [
    "/usr/local/share/wifirisk/profiles", "/usr/share/wifirisk/profiles",
  ]
  /// Profile files are small; anything larger is refused before it is read.
  static let maximumSize = 1 << 20
  /// How long an `extends` chain may be.
  static let maximumDepth = 16

  struct Directories {
    var shipped: String?
    var user: String?
  }

  struct Entry {
    var source: ProfileSource
    var description: String?
    /// Why the file cannot be used, when it cannot.
    var problem: String?
  }

  static func directories(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(CommandFailure) -> Directories {
    Directories(
      shipped: try shippedDirectory(environment: environment),
      user: userDirectory(environment: environment))
  }

  static func shippedDirectory(environment: [String: String]) throws(CommandFailure) -> String? {
    if let configured = environment["WIFIRISK_PROFILES_DIR"], !configured.isEmpty {
      guard isDirectory(configured) else {
        throw CommandFailure(
          message: "WIFIRISK_PROFILES_DIR=\(configured): no such directory (unset it to use the "
            + "installed profiles)")
      }
      return configured
    }
    if let installed = installedDirectories.first(where: isDirectory) { return installed }
    guard
      let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    else { return nil }
    var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent("profiles")
      if FileManager.default.fileExists(
        atPath: candidate.appendingPathComponent("default.toml").path)
      {
        return candidate.path
      }
      directory.deleteLastPathComponent()
    }
    return nil
  }

  static func userDirectory(environment: [String: String]) -> String? {
    if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
      return config + "/wifirisk/profiles"
    }
    guard let home = homeDirectory(environment: environment) else { return nil }
    return home + "/.config/wifirisk/profiles"
  }

  /// `$HOME`, or the account's home directory when it is unset (as in connection hooks).
  static func homeDirectory(environment: [String: String]) -> String? {
    if let home = environment["HOME"] {
      return home.hasPrefix("/") ? home : nil
    }
    let home = FileManager.default.homeDirectoryForCurrentUser.path
    return home.hasPrefix("/") ? home : nil
  }

  /// True when the argument of `--profile` names a file rather than a profile.
  static func isPath(_ argument: String) -> Bool {
    argument.contains("/") || argument.hasSuffix(".toml")
  }

  /// The effective profile for `--profile NAME` (or a path to a `.toml` file).
  static func load(_ argument: String, in directories: Directories) throws(CommandFailure)
    -> PolicyProfile
  {
    let source: ProfileSource
    if isPath(argument) {
      guard FileManager.default.fileExists(atPath: argument) else {
        throw CommandFailure(message: "\(argument): no such profile file")
      }
      let name = URL(fileURLWithPath: argument).deletingPathExtension().lastPathComponent
      source = ProfileSource(name: name, path: argument, kind: .file)
    } else {
      guard ProfileName.isValid(argument) else {
        throw CommandFailure(message: "--profile: " + ProfileName.problem(argument))
      }
      guard let found = find(argument, in: directories, includeUser: true) else {
        throw CommandFailure(message: missing(argument, in: directories))
      }
      source = found
    }
    let layers = try chain(from: source, in: directories)
    return PolicyProfile.resolve(name: source.name, layers: layers)
  }

  /// Every profile by name: user profiles over shipped ones. A file that cannot be read is
  /// listed with its problem.
  static func list(in directories: Directories) -> [Entry] {
    var entries: [String: Entry] = [:]
    for (directory, kind) in [
      (directories.shipped, ProfileSource.Kind.shipped), (directories.user, .user),
    ] {
      guard let directory else { continue }
      for name in names(in: directory) {
        let path = directory + "/" + name + ".toml"
        let source = ProfileSource(name: name, path: path, kind: kind)
        do {
          let layer = try read(source).layer
          entries[name] = Entry(source: source, description: layer.description, problem: nil)
        } catch {
          entries[name] = Entry(source: source, description: nil, problem: error.message)
        }
      }
    }
    return entries.keys.sorted().compactMap { entries[$0] }
  }

  static func names(in directory: String) -> [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
      .filter(ProfileName.isValid).sorted()
  }

  static func find(_ name: String, in directories: Directories, includeUser: Bool)
    -> ProfileSource?
  {
    if includeUser, let user = directories.user {
      let path = user + "/" + name + ".toml"
      if FileManager.default.fileExists(atPath: path) {
        return ProfileSource(name: name, path: path, kind: .user)
      }
    }
    if let shipped = directories.shipped {
      let path = shipped + "/" + name + ".toml"
      if FileManager.default.fileExists(atPath: path) {
        return ProfileSource(name: name, path: path, kind: .shipped)
      }
    }
    return nil
  }

  static func missing(_ name: String, in directories: Directories) -> String {
    var known: Set<String> = []
    var searched: [String] = []
    for directory in [directories.user, directories.shipped].compactMap({ $0 }) {
      known.formUnion(names(in: directory))
      searched.append(directory)
    }
    if directories.shipped == nil {
      searched.append("no shipped profiles found: set WIFIRISK_PROFILES_DIR")
    }
    return "no profile named \"\(name)\" (available: "
      + (known.isEmpty ? "none" : known.sorted().joined(separator: ", "))
      + "; searched " + searched.joined(separator: ", ") + ")"
  }

  /// The layers of a profile, the base first.
  static func chain(from start: ProfileSource, in directories: Directories)
    throws(CommandFailure) -> [(ProfileSource, ProfileLayer)]
  {
    var layers: [(ProfileSource, ProfileLayer)] = []
    var current = start
    var seen: [String] = []
    while true {
      let (layer, text) = try read(current)
      layers.insert((current, layer), at: 0)
      seen.append(current.path)
      guard let parent = layer.extends else { return layers }
      let where_ = location(current, text, ProfileKeyPath("extends"))
      // A user profile that extends its own name builds on the shipped one it replaces.
      let includeUser = !(current.kind == .user && parent == current.name)
      guard let next = find(parent, in: directories, includeUser: includeUser) else {
        throw CommandFailure(
          message: "\(where_): extends: " + missing(parent, in: directories))
      }
      if seen.contains(next.path) {
        let names = layers.map(\.0.name).reversed() + [parent]
        throw CommandFailure(
          message: "\(where_): extends: \"\(parent)\" leads back to itself ("
            + names.joined(separator: " -> ") + ")")
      }
      guard seen.count < maximumDepth else {
        throw CommandFailure(
          message: "\(where_): extends: more than \(maximumDepth) profiles in the chain")
      }
      current = next
    }
  }

  /// Reads and checks one profile file.
  static func read(_ source: ProfileSource) throws(CommandFailure) -> (
    layer: ProfileLayer, text: String
  ) {
    let bytes = try ScanFiles.readBytes(source.path, limit: maximumSize)
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw CommandFailure(message: "\(source.path): not UTF-8 text")
    }
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      let line = error.source.begin.line
      let key = TOMLKeyLocator.keyText(onLine: line, in: text) ?? "syntax"
      throw CommandFailure(
        message: "\(source.path):\(line): \(key): \(error.description) "
          + "(column \(error.source.begin.column))")
    } catch {
      throw CommandFailure(message: "\(source.path): cannot parse: \(error)")
    }
    let (layer, errors) = ProfileLayer.parse(convert(table))
    let located = errors.map { error in
      (TOMLKeyLocator.line(of: error.path, in: text), error)
    }.sorted { ($0.0 ?? Int.max) < ($1.0 ?? Int.max) }
    if let (line, error) = located.first {
      let place = line.map { "\(source.path):\($0)" } ?? source.path
      throw CommandFailure(message: "\(place): \(error.path): \(error.message)")
    }
    return (layer, text)
  }

  static func location(_ source: ProfileSource, _ text: String, _ path: ProfileKeyPath) -> String {
    TOMLKeyLocator.line(of: path, in: text).map { "\(source.path):\($0)" } ?? source.path
  }

  // MARK: - TOMLKit to ProfileValue

  static func convert(_ table: TOMLTable) -> [String: ProfileValue] {
    var members: [String: ProfileValue] = [:]
    for key in table.keys {
      guard let value = table[key] else { continue }
      members[key] = convert(value)
    }
    return members
  }

  static func convert(_ value: TOMLValueConvertible) -> ProfileValue {
    switch value.type {
    case .table: return value.table.map { .table(convert($0)) } ?? .other("a table")
    case .array: return .array(value.array.map { $0.map(convert) } ?? [])
    case .string: return value.string.map(ProfileValue.string) ?? .other("a string")
    case .int: return value.int.map(ProfileValue.integer) ?? .other("an integer")
    case .double: return value.double.map(ProfileValue.float) ?? .other("a float")
    case .bool: return value.bool.map(ProfileValue.bool) ?? .other("a boolean")
    case .date: return .other("a date")
    case .time: return .other("a time")
    case .dateTime: return .other("a date-time")
    }
  }

  static func isDirectory(_ path: String) -> Bool {
    let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    let type = (try? FileManager.default.attributesOfItem(atPath: resolved))?[.type]
    return type as? FileAttributeType == .typeDirectory
  }
}
