import Foundation
import WifiRiskCore

#if canImport(Glibc)
  import Glibc
#endif

/// The remembered networks file, `$XDG_STATE_HOME/wifirisk/known-networks.json`
/// (`~/.local/state/wifirisk/known-networks.json`).
///
/// Every change happens under an exclusive lock on `known-networks.json.lock` and is
/// written to a temporary file, flushed and renamed over the old file, so concurrent
/// `check --remember` runs never lose each other's entries and a crash never leaves half a
/// file. A file that cannot be read is reported with its line and column and never
/// overwritten: the person decides what to do with it.
struct StateStore {
  static let fileName = "known-networks.json"
  /// A state file larger than this is refused (thousands of networks fit in far less).
  static let maximumSize = 16 << 20

  var directory: String
  var path: String { directory + "/" + Self.fileName }
  var lockPath: String { path + ".lock" }

  static func standard(environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(CommandFailure) -> StateStore
  {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return StateStore(directory: state + "/wifirisk")
    }
    // Hooks often run with HOME unset (NetworkManager's dispatcher, wpa_cli): then the
    // account's home directory from the password database.
    guard let home = ProfileStore.homeDirectory(environment: environment) else {
      throw CommandFailure(
        message: "cannot tell where to keep remembered networks: set XDG_STATE_HOME or HOME")
    }
    return StateStore(directory: home + "/.local/state/wifirisk")
  }

  /// The remembered networks; none when the file does not exist yet.
  func read() throws(CommandFailure) -> KnownNetworks {
    guard FileManager.default.fileExists(atPath: path) else { return KnownNetworks() }
    let bytes = try ScanFiles.readBytes(path, limit: Self.maximumSize)
    do {
      return try KnownNetworks.decode(bytes)
    } catch {
      throw CommandFailure(
        message: "\(path): \(error); fix or remove the file (wifirisk will not overwrite it)")
    }
  }

  /// Reads, changes and writes the file under the lock. `body` returns whether it changed
  /// anything; an unchanged file is not rewritten.
  func update<T>(_ body: (inout KnownNetworks) throws(CommandFailure) -> (T, changed: Bool))
    throws(CommandFailure) -> T
  {
    try makeDirectory()
    let lock = try FileLock(path: lockPath)
    var known = try read()
    let (result, changed) = try body(&known)
    if changed { try write(known.encoded()) }
    _ = consume lock
    return result
  }

  private func makeDirectory() throws(CommandFailure) {
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
    } catch {
      throw CommandFailure(
        message: "\(directory): cannot create the state folder: \(error.localizedDescription)")
    }
  }

  /// Temporary file in the same folder, flushed to disk, then renamed over the file.
  private func write(_ text: String) throws(CommandFailure) {
    let temporary = "\(path).tmp-\(getpid())"
    let descriptor = unsafe open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw CommandFailure(message: "\(temporary): cannot create: \(FileLock.errorText())")
    }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    do {
      try handle.write(contentsOf: Data(text.utf8))
      try handle.synchronize()
      try handle.close()
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw CommandFailure(message: "\(temporary): cannot write: \(error.localizedDescription)")
    }
    guard unsafe rename(temporary, path) == 0 else {
      let text = FileLock.errorText()
      try? FileManager.default.removeItem(atPath: temporary)
      throw CommandFailure(message: "\(path): cannot replace: \(text)")
    }
  }
}
