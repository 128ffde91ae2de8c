#if canImport(Glibc)
  import Glibc
#endif

/// Writes a file so that it is either wholly there or not changed at all: the content goes
/// to a temporary file beside the target, is flushed to disk, and only then renamed over the
/// target. A failure at any step leaves the target as it was and removes the temporary file.
public enum AtomicFile {
  public static func write(_ text: String, to path: String, mode: UInt32 = 0o644)
    throws(Failure)
  {
    try write(Array(text.utf8), to: path, mode: mode)
  }

  public static func write(_ bytes: [UInt8], to path: String, mode: UInt32 = 0o644)
    throws(Failure)
  {
    let folder = Paths.folder(of: path)
    guard (try? Syscalls.kind(folder)) == .directory else {
      throw Failure(message: "\(path): the folder \(folder) does not exist")
    }
    let temporary = "\(path).tmp-\(Syscalls.processID())"
    let descriptor: Int32
    do {
      descriptor = try Syscalls.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode: mode)
    } catch {
      throw Failure(message: "\(temporary): cannot create: \(error)")
    }
    do {
      // The mode asked for, whatever the umask.
      try Syscalls.fchmod(descriptor, mode)
      try Syscalls.writeAll(descriptor, bytes)
      try Syscalls.fsync(descriptor)
    } catch {
      Syscalls.close(descriptor)
      Syscalls.unlink(temporary)
      throw Failure(message: "\(path): could not write: \(error)")
    }
    Syscalls.close(descriptor)
    do {
      try Syscalls.rename(temporary, path)
    } catch {
      Syscalls.unlink(temporary)
      throw Failure(message: "\(path): cannot replace: \(error)")
    }
  }

  /// Creates a folder and its missing parents with `mode`.
  public static func makeFolder(_ path: String, mode: UInt32 = 0o755) throws(Failure) {
    var built = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      built += "/" + component
      if (try? Syscalls.kind(built)) == .directory { continue }
      do {
        try Syscalls.mkdir(built, mode: mode)
      } catch {
        throw Failure(message: "\(built): cannot create the folder: \(error)")
      }
    }
  }
}

/// Path text helpers (no file system access).
public enum Paths {
  /// The folder part of a path: `a/b` for `a/b/c`, `.` for `c`, `/` for `/c`.
  public static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// The last component: `c` for `a/b/c`.
  public static func lastComponent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }
}
