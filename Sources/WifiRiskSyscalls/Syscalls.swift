#if canImport(Glibc)
  import Glibc
#endif

/// The POSIX calls wifirisk's Swift code makes on files, the clock and its own process: the
/// one place they are made, so that each is checked the same way (EINTR retried, errno
/// turned into text at once) and the layers above stay safe Swift. The C-facing targets of
/// the libraries (libnl, libpcap, libiw) make their own calls into those libraries.
public enum Syscalls {
  /// A failed call: its name and errno.
  public struct Error: Swift.Error, CustomStringConvertible, Sendable {
    public var call: String
    public var errno: Int32
    public var description: String { Syscalls.errorText(errno) }
  }

  /// The text of an errno value (`No such file or directory`).
  public static func errorText(_ code: Int32) -> String {
    unsafe String(cString: strerror(code))
  }

  public static func open(_ path: String, _ flags: Int32, mode: UInt32 = 0) throws(Error) -> Int32 {
    while true {
      let descriptor = unsafe Glibc.open(path, flags | O_CLOEXEC, mode)
      if descriptor >= 0 { return descriptor }
      guard errno == EINTR else { throw Error(call: "open", errno: errno) }
    }
  }

  public static func close(_ descriptor: Int32) {
    _ = Glibc.close(descriptor)
  }

  /// Blocks until an exclusive `flock` is held.
  public static func lockExclusive(_ descriptor: Int32) throws(Error) {
    while flock(descriptor, LOCK_EX) != 0 {
      guard errno == EINTR else { throw Error(call: "flock", errno: errno) }
    }
  }

  /// Writes every byte.
  public static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) throws(Error) {
    var offset = 0
    while offset < bytes.count {
      let written = unsafe bytes[offset...].withUnsafeBytes { raw in
        unsafe Glibc.write(descriptor, raw.baseAddress, raw.count)
      }
      if written < 0 {
        guard errno == EINTR else { throw Error(call: "write", errno: errno) }
        continue
      }
      offset += written
    }
  }

  /// A small text file (at most 64 KiB, as under /proc and /sys), or nil when it cannot be
  /// read.
  public static func readSmallText(_ path: String) -> String? {
    guard let descriptor = try? open(path, O_RDONLY) else { return nil }
    defer { close(descriptor) }
    guard let bytes = try? read(descriptor, limit: 1 << 16) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Reads at most `limit` bytes (stops at the end of the file).
  public static func read(_ descriptor: Int32, limit: Int) throws(Error) -> [UInt8] {
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: min(max(limit, 1), 1 << 16))
    while out.count < limit {
      let wanted = min(chunk.count, limit - out.count)
      let count = unsafe chunk.withUnsafeMutableBytes { raw in
        unsafe Glibc.read(descriptor, raw.baseAddress, wanted)
      }
      if count < 0 {
        guard errno == EINTR else { throw Error(call: "read", errno: errno) }
        continue
      }
      if count == 0 { break }
      out += chunk.prefix(count)
    }
    return out
  }

  public static func fsync(_ descriptor: Int32) throws(Error) {
    guard Glibc.fsync(descriptor) == 0 else { throw Error(call: "fsync", errno: errno) }
  }

  public static func fchmod(_ descriptor: Int32, _ mode: UInt32) throws(Error) {
    guard Glibc.fchmod(descriptor, mode) == 0 else { throw Error(call: "fchmod", errno: errno) }
  }

  public static func rename(_ from: String, _ to: String) throws(Error) {
    guard unsafe Glibc.rename(from, to) == 0 else { throw Error(call: "rename", errno: errno) }
  }

  public static func unlink(_ path: String) {
    _ = unsafe Glibc.unlink(path)
  }

  public static func mkdir(_ path: String, mode: UInt32) throws(Error) {
    guard unsafe Glibc.mkdir(path, mode) == 0 || errno == EEXIST else {
      throw Error(call: "mkdir", errno: errno)
    }
  }

  /// What is at a path, without following a final symbolic link when `follow` is false.
  public enum FileKind: Equatable, Sendable {
    case regular(size: Int)
    case directory
    case other
  }

  public static func kind(_ path: String, follow: Bool = true) throws(Error) -> FileKind {
    var info = stat()
    let result = unsafe follow ? stat(path, &info) : lstat(path, &info)
    guard result == 0 else { throw Error(call: "stat", errno: errno) }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regular(size: Int(info.st_size))
    case S_IFDIR: return .directory
    default: return .other
    }
  }

  /// Who owns a file and its permission bits (following symbolic links).
  public struct Ownership: Equatable, Sendable {
    public var kind: FileKind
    public var owner: UInt32
    /// The permission bits (`0o7777` of `st_mode`).
    public var mode: UInt32
  }

  public static func ownership(_ path: String) throws(Error) -> Ownership {
    var info = stat()
    guard unsafe stat(path, &info) == 0 else { throw Error(call: "stat", errno: errno) }
    let kind: FileKind
    switch info.st_mode & S_IFMT {
    case S_IFREG: kind = .regular(size: Int(info.st_size))
    case S_IFDIR: kind = .directory
    default: kind = .other
    }
    return Ownership(kind: kind, owner: info.st_uid, mode: UInt32(info.st_mode) & 0o7777)
  }

  public static func isExecutable(_ path: String) -> Bool {
    unsafe access(path, X_OK) == 0
  }

  /// Runs a program with `arguments` (not through a shell), its standard input from
  /// /dev/null and its output and errors this process's, in this process's environment;
  /// waits for it and returns its exit status (128 + the signal that ended it).
  public static func run(_ path: String, _ arguments: [String]) throws(Error) -> Int32 {
    var actions = unsafe posix_spawn_file_actions_t()
    guard unsafe posix_spawn_file_actions_init(&actions) == 0 else {
      throw Error(call: "posix_spawn_file_actions_init", errno: errno)
    }
    defer { _ = unsafe posix_spawn_file_actions_destroy(&actions) }
    let opened = unsafe posix_spawn_file_actions_addopen(
      &actions, 0, "/dev/null", O_RDONLY, 0)
    guard opened == 0 else { throw Error(call: "posix_spawn_file_actions_addopen", errno: opened) }
    // argv: copies that live until the call returns, then freed.
    let argv: [UnsafeMutablePointer<CChar>?] =
      unsafe ([path] + arguments).map { unsafe strdup($0) } + [nil]
    defer { unsafe argv.forEach { unsafe free($0) } }
    var child: pid_t = 0
    let spawned = unsafe argv.withUnsafeBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return EINVAL }
      return unsafe posix_spawn(&child, path, &actions, nil, base, environ)
    }
    guard spawned == 0 else { throw Error(call: "posix_spawn", errno: spawned) }
    var status: Int32 = 0
    while unsafe waitpid(child, &status, 0) < 0 {
      guard errno == EINTR else { throw Error(call: "waitpid", errno: errno) }
    }
    // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import (they are macros)
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }

  public static func isReadable(_ path: String) -> Bool {
    unsafe access(path, R_OK) == 0
  }

  /// The names in a directory, without "." and "..", sorted; empty when it cannot be read.
  public static func directoryEntries(_ path: String) -> [String] {
    guard let directory = unsafe opendir(path) else { return [] }
    defer { _ = unsafe closedir(directory) }
    var names: [String] = []
    while let entry = unsafe readdir(directory) {
      let name = unsafe withUnsafeBytes(of: entry.pointee.d_name) { raw in
        unsafe String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  /// The target of a symbolic link.
  public static func readLink(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = unsafe buffer.withUnsafeMutableBufferPointer { raw -> Int in
      guard let base = raw.baseAddress else { return -1 }
      return unsafe readlink(path, base, raw.count - 1)
    }
    guard count > 0 else { return nil }
    return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  public static func isTerminal(_ descriptor: Int32) -> Bool {
    isatty(descriptor) == 1
  }

  public static func effectiveUserID() -> UInt32 {
    geteuid()
  }

  public static func processID() -> Int32 {
    getpid()
  }

  /// The account's home directory from the password database.
  public static func homeDirectory() -> String? {
    guard let entry = unsafe getpwuid(geteuid()), let home = unsafe entry.pointee.pw_dir else {
      return nil
    }
    return unsafe String(cString: UnsafePointer(home))
  }

  /// Seconds since 1970-01-01T00:00:00Z.
  public static func wallClockSeconds() -> Int64 {
    var now = timespec()
    _ = unsafe clock_gettime(CLOCK_REALTIME, &now)
    return Int64(now.tv_sec)
  }

  /// The environment of this process.
  public static func environment() -> [String: String] {
    var out: [String: String] = [:]
    var pointer = unsafe environ
    while let entry = unsafe pointer.pointee {
      let text = unsafe String(cString: entry)
      if let equals = text.firstIndex(of: "=") {
        out[String(text[..<equals])] = String(text[text.index(after: equals)...])
      }
      unsafe pointer += 1
    }
    return out
  }
}
