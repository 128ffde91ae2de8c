#if canImport(Glibc)
  import Glibc
#endif

/// Reads regular files whole, with a size limit: every file wifirisk reads (saved scans,
/// profiles, data files, the state file, lease files) comes through here.
public enum FileReader {
  /// A file larger than this is refused unless a caller says otherwise (fixtures are a few
  /// hundred KiB).
  public static let defaultLimit = 64 << 20

  public static func exists(_ path: String) -> Bool {
    (try? Syscalls.kind(path)) != nil
  }

  public static func isFolder(_ path: String) -> Bool {
    (try? Syscalls.kind(path)) == .directory
  }

  public static func isRegularFile(_ path: String) -> Bool {
    if case .regular = try? Syscalls.kind(path) { return true }
    return false
  }

  /// The names in a folder, sorted; empty when it cannot be read.
  public static func names(in folder: String) -> [String] {
    Syscalls.directoryEntries(folder)
  }

  /// Reads a regular file: all of it (refused when larger than `limit`), or only its first
  /// `prefix` bytes. Only regular files: a FIFO or a device could block or never end.
  public static func bytes(_ path: String, limit: Int = defaultLimit, prefix: Int? = nil)
    throws(Failure) -> [UInt8]
  {
    let kind: Syscalls.FileKind
    do {
      kind = try Syscalls.kind(path)
    } catch {
      throw Failure(
        message: error.errno == ENOENT ? "\(path): no such file" : "\(path): \(error)")
    }
    switch kind {
    case .directory: throw Failure(message: "\(path): is a directory")
    case .other: throw Failure(message: "\(path): not a regular file")
    case .regular(let size):
      if prefix == nil && size > limit {
        throw Failure(message: "\(path): larger than \(sizeText(limit)); refusing to read it")
      }
    }
    let descriptor: Int32
    do {
      descriptor = try Syscalls.open(path, O_RDONLY | O_NONBLOCK)
    } catch {
      throw Failure(
        message: error.errno == EACCES
          ? "\(path): permission denied" : "\(path): cannot open: \(error)")
    }
    defer { Syscalls.close(descriptor) }
    let bytes: [UInt8]
    do {
      bytes = try Syscalls.read(descriptor, limit: (prefix ?? limit) + 1)
    } catch {
      throw Failure(message: "\(path): read error: \(error)")
    }
    if let prefix { return Array(bytes.prefix(prefix)) }
    // The file grew while it was read.
    guard bytes.count <= limit else {
      throw Failure(message: "\(path): larger than \(sizeText(limit)); refusing to read it")
    }
    return bytes
  }

  /// UTF-8 text of a file.
  public static func text(_ path: String, limit: Int) throws(Failure) -> String {
    let bytes = try bytes(path, limit: limit)
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw Failure(message: "\(path): not UTF-8 text")
    }
    return text
  }

  static func sizeText(_ bytes: Int) -> String {
    bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
  }
}
