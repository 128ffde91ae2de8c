import WifiRiskCore
import WifiRiskTOML

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
public enum ProfileStore {
  public static let installedDirectories = [
    "/usr/local/share/wifirisk/profiles", "/usr/share/wifirisk/profiles",
  ]
  /// Profile files are small; anything larger is refused before it is read.
  static let maximumSize = 1 << 20
  /// How long an `extends` chain may be.
  static let maximumDepth = 16

  public struct Directories: Sendable {
    public var shipped: String?
    public var user: String?

    public init(shipped: String?, user: String?) {
      self.shipped = shipped
      self.user = user
    }
  }

  public struct Entry: Sendable {
    public var source: ProfileSource
    public var description: String?
    /// Why the file cannot be used, when it cannot.
    public var problem: String?
  }

  public static func directories(
    environment: [String: String] = Machine.environment
  ) throws(Failure) -> Directories {
    Directories(
      shipped: try shippedDirectory(environment: environment),
      user: userDirectory(environment: environment))
  }

  public static func shippedDirectory(environment: [String: String]) throws(Failure) -> String? {
    if let configured = environment["WIFIRISK_PROFILES_DIR"], !configured.isEmpty {
      guard isDirectory(configured) else {
        throw Failure(
          message: "WIFIRISK_PROFILES_DIR=\(configured): no such directory (unset it to use the "
            + "installed profiles)")
      }
      return configured
    }
    if let installed = installedDirectories.first(where: isDirectory) { return installed }
    guard let executable = Machine.executablePath else { return nil }
    var directory = Paths.folder(of: executable)
    while directory != "/" && directory != "." {
      let candidate = (directory == "/" ? "" : directory) + "/profiles"
      if FileReader.exists(candidate + "/default.toml") { return candidate }
      directory = Paths.folder(of: directory)
    }
    return nil
  }

  public static func userDirectory(environment: [String: String]) -> String? {
    if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
      return config + "/wifirisk/profiles"
    }
    guard let home = homeDirectory(environment: environment) else { return nil }
    return home + "/.config/wifirisk/profiles"
  }

  /// `$HOME`, or the account's home directory when it is unset (as in connection hooks).
  public static func homeDirectory(environment: [String: String]) -> String? {
    if let home = environment["HOME"] {
      return home.hasPrefix("/") ? home : nil
    }
    guard let home = Machine.accountHome, home.hasPrefix("/") else { return nil }
    return home
  }

  /// True when the argument of `--profile` names a file rather than a profile.
  public static func isPath(_ argument: String) -> Bool {
    argument.contains("/") || argument.hasSuffix(".toml")
  }

  /// The effective profile for `--profile NAME` (or a path to a `.toml` file).
  public static func load(_ argument: String, in directories: Directories) throws(Failure)
    -> PolicyProfile
  {
    let source: ProfileSource
    if isPath(argument) {
      guard FileReader.exists(argument) else {
        throw Failure(message: "\(argument): no such profile file")
      }
      var name = Paths.lastComponent(of: argument)
      if name.hasSuffix(".toml") { name.removeLast(5) }
      source = ProfileSource(name: name, path: argument, kind: .file)
    } else {
      guard ProfileName.isValid(argument) else {
        throw Failure(message: "--profile: " + ProfileName.problem(argument))
      }
      guard let found = find(argument, in: directories, includeUser: true) else {
        throw Failure(message: missing(argument, in: directories))
      }
      source = found
    }
    let layers = try chain(from: source, in: directories)
    return PolicyProfile.resolve(name: source.name, layers: layers)
  }

  /// Every profile by name: user profiles over shipped ones. A file that cannot be read is
  /// listed with its problem.
  public static func list(in directories: Directories) -> [Entry] {
    var entries: [String: Entry] = [:]
    for (directory, kind) in [
      (directories.shipped, ProfileSource.Kind.shipped), (directories.user, .user),
    ] {
      let available: [(String, ProfileSource)]
      if let directory {
        available = names(in: directory).map {
          ($0, ProfileSource(name: $0, path: directory + "/" + $0 + ".toml", kind: kind))
        }
      } else if kind == .shipped {
        available = Embedded.profileNames.map { ($0, Embedded.source($0)) }
      } else {
        continue
      }
      for (name, source) in available {
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

  public static func names(in directory: String) -> [String] {
    FileReader.names(in: directory).filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
      .filter(ProfileName.isValid).sorted()
  }

  public static func find(_ name: String, in directories: Directories, includeUser: Bool)
    -> ProfileSource?
  {
    if includeUser, let user = directories.user {
      let path = user + "/" + name + ".toml"
      if FileReader.exists(path) {
        return ProfileSource(name: name, path: path, kind: .user)
      }
    }
    if let shipped = directories.shipped {
      let path = shipped + "/" + name + ".toml"
      if FileReader.exists(path) {
        return ProfileSource(name: name, path: path, kind: .shipped)
      }
    } else if Embedded.profileNames.contains(name) {
      return Embedded.source(name)
    }
    return nil
  }

  /// The shipped profiles compiled into the binary (`ShippedFiles`), for a binary that finds
  /// no shipped profile folder (copied alone, or run with an empty environment).
  enum Embedded {
    static let folder = "(built in)"

    static var profileNames: [String] {
      ShippedFiles.files.map(\.name).filter { $0.hasSuffix(".toml") }.map {
        String($0.dropLast(5))
      }.filter(ProfileName.isValid).sorted()
    }

    static func source(_ name: String) -> ProfileSource {
      ProfileSource(name: name, path: folder + "/" + name + ".toml", kind: .embedded)
    }

    static func text(_ fileName: String) -> String? {
      ShippedFiles.files.first { $0.name == fileName }?.text
    }
  }

  static func missing(_ name: String, in directories: Directories) -> String {
    var known: Set<String> = []
    var searched: [String] = []
    for directory in [directories.user, directories.shipped].compactMap({ $0 }) {
      known.formUnion(names(in: directory))
      searched.append(directory)
    }
    if directories.shipped == nil {
      known.formUnion(Embedded.profileNames)
      searched.append("the built-in profiles (no shipped profile folder found)")
    }
    return "no profile named \"\(name)\" (available: "
      + (known.isEmpty ? "none" : known.sorted().joined(separator: ", "))
      + "; searched " + searched.joined(separator: ", ") + ")"
  }

  /// The layers of a profile, the base first.
  static func chain(from start: ProfileSource, in directories: Directories)
    throws(Failure) -> [(ProfileSource, ProfileLayer)]
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
        throw Failure(
          message: "\(where_): extends: " + missing(parent, in: directories))
      }
      if seen.contains(next.path) {
        let names = layers.map(\.0.name).reversed() + [parent]
        throw Failure(
          message: "\(where_): extends: \"\(parent)\" leads back to itself ("
            + names.joined(separator: " -> ") + ")")
      }
      guard seen.count < maximumDepth else {
        throw Failure(
          message: "\(where_): extends: more than \(maximumDepth) profiles in the chain")
      }
      current = next
    }
  }

  /// Reads and checks one profile file.
  static func read(_ source: ProfileSource) throws(Failure) -> (
    layer: ProfileLayer, text: String
  ) {
    let text: String
    if source.kind == .embedded {
      guard let embedded = Embedded.text(source.name + ".toml") else {
        throw Failure(message: "\(source.path): no such built-in profile")
      }
      text = embedded
    } else {
      text = try FileReader.text(source.path, limit: maximumSize)
    }
    let root: [String: ProfileValue]
    do {
      root = try TOMLDocument.parse(text)
    } catch {
      throw Failure(message: error.located(file: source.path, text: text))
    }
    let (layer, errors) = ProfileLayer.parse(root)
    let located = zip(TOMLKeyLocator.lines(of: errors.map(\.path), in: text), errors)
      .sorted { ($0.0 ?? Int.max) < ($1.0 ?? Int.max) }
    if let (line, error) = located.first {
      throw Failure(message: error.located(file: source.path, line: line))
    }
    return (layer, text)
  }

  static func location(_ source: ProfileSource, _ text: String, _ path: ProfileKeyPath) -> String {
    TOMLKeyLocator.line(of: path, in: text).map { "\(source.path):\($0)" } ?? source.path
  }

  public static func isDirectory(_ path: String) -> Bool {
    FileReader.isFolder(path)
  }
}
