import WifiRiskCore

/// The remembered networks file, `$XDG_STATE_HOME/wifirisk/known-networks.json`
/// (`~/.local/state/wifirisk/known-networks.json`).
///
/// Every change happens under an exclusive lock on `known-networks.json.lock` and is
/// written atomically (`AtomicFile`), so concurrent `check --remember` runs never lose each
/// other's entries and a crash never leaves half a file. A file that cannot be read is
/// reported with its line and column and never overwritten: the person decides what to do
/// with it.
public struct StateStore: Sendable {
  public static let fileName = "known-networks.json"
  /// A state file larger than this is refused (thousands of networks fit in far less).
  public static let maximumSize = 16 << 20

  public var directory: String
  public var path: String { directory + "/" + Self.fileName }
  public var lockPath: String { path + ".lock" }

  public init(directory: String) {
    self.directory = directory
  }

  public static func standard(environment: [String: String] = Machine.environment)
    throws(Failure) -> StateStore
  {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return StateStore(directory: state + "/wifirisk")
    }
    // Hooks often run with HOME unset (NetworkManager's dispatcher, wpa_cli): then the
    // account's home directory from the password database.
    guard let home = ProfileStore.homeDirectory(environment: environment) else {
      throw Failure(
        message: "cannot tell where to keep remembered networks: set XDG_STATE_HOME or HOME")
    }
    return StateStore(directory: home + "/.local/state/wifirisk")
  }

  /// The remembered networks; none when the file does not exist yet.
  public func read() throws(Failure) -> KnownNetworks {
    guard FileReader.exists(path) else { return KnownNetworks() }
    let bytes = try FileReader.bytes(path, limit: Self.maximumSize)
    do {
      return try KnownNetworks.decode(bytes)
    } catch {
      throw Failure(
        message: "\(path): \(error); fix or remove the file (wifirisk will not overwrite it)")
    }
  }

  /// Reads, changes and writes the file under the lock. `body` returns whether it changed
  /// anything; an unchanged file is not rewritten.
  public func update<T>(_ body: (inout KnownNetworks) throws(Failure) -> (T, changed: Bool))
    throws(Failure) -> T
  {
    try AtomicFile.makeFolder(directory, mode: 0o700)
    let lock = try FileLock(path: lockPath)
    var known = try read()
    let (result, changed) = try body(&known)
    if changed { try AtomicFile.write(known.encoded(), to: path, mode: 0o600) }
    _ = consume lock
    return result
  }
}
