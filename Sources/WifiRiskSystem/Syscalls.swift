#if canImport(Glibc)
  import Glibc
#endif

/// Every system call wifirisk's own Swift code makes, outside the C-facing targets: the one
/// place where this layer touches C, so that each call is checked the same way (EINTR
/// retried, errno turned into text at once) and the rest of the layer stays safe Swift.
enum Syscalls {
  /// A failed call: its name and errno.
  struct Error: Swift.Error, CustomStringConvertible {
    var call: String
    var errno: Int32
    var description: String { Syscalls.errorText(errno) }
  }

  /// The text of an errno value (`No such file or directory`).
  static func errorText(_ code: Int32) -> String {
    unsafe String(cString: strerror(code))
  }

  static func open(_ path: String, _ flags: Int32, mode: UInt32 = 0) throws(Error) -> Int32 {
    while true {
      let descriptor = unsafe Glibc.open(path, flags | O_CLOEXEC, mode)
      if descriptor >= 0 { return descriptor }
      guard errno == EINTR else { throw Error(call: "open", errno: errno) }
    }
  }

  static func close(_ descriptor: Int32) {
    _ = Glibc.close(descriptor)
  }

  /// Blocks until an exclusive `flock` is held.
  static func lockExclusive(_ descriptor: Int32) throws(Error) {
    while flock(descriptor, LOCK_EX) != 0 {
      guard errno == EINTR else { throw Error(call: "flock", errno: errno) }
    }
  }

  /// Writes every byte.
  static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) throws(Error) {
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

  /// Reads at most `limit` bytes (stops at the end of the file).
  static func read(_ descriptor: Int32, limit: Int) throws(Error) -> [UInt8] {
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

  static func fsync(_ descriptor: Int32) throws(Error) {
    guard Glibc.fsync(descriptor) == 0 else { throw Error(call: "fsync", errno: errno) }
  }

  static func fchmod(_ descriptor: Int32, _ mode: UInt32) throws(Error) {
    guard Glibc.fchmod(descriptor, mode) == 0 else { throw Error(call: "fchmod", errno: errno) }
  }

  static func rename(_ from: String, _ to: String) throws(Error) {
    guard unsafe Glibc.rename(from, to) == 0 else { throw Error(call: "rename", errno: errno) }
  }

  static func unlink(_ path: String) {
    _ = unsafe Glibc.unlink(path)
  }

  static func mkdir(_ path: String, mode: UInt32) throws(Error) {
    guard unsafe Glibc.mkdir(path, mode) == 0 || errno == EEXIST else {
      throw Error(call: "mkdir", errno: errno)
    }
  }

  /// What is at a path, without following a final symbolic link when `follow` is false.
  enum FileKind: Equatable {
    case regular(size: Int)
    case directory
    case other
  }

  static func kind(_ path: String, follow: Bool = true) throws(Error) -> FileKind {
    var info = stat()
    let result = unsafe follow ? stat(path, &info) : lstat(path, &info)
    guard result == 0 else { throw Error(call: "stat", errno: errno) }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regular(size: Int(info.st_size))
    case S_IFDIR: return .directory
    default: return .other
    }
  }

  static func isReadable(_ path: String) -> Bool {
    unsafe access(path, R_OK) == 0
  }

  /// The names in a directory, without "." and "..", sorted; empty when it cannot be read.
  static func directoryEntries(_ path: String) -> [String] {
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
  static func readLink(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = unsafe buffer.withUnsafeMutableBufferPointer { raw -> Int in
      guard let base = raw.baseAddress else { return -1 }
      return unsafe readlink(path, base, raw.count - 1)
    }
    guard count > 0 else { return nil }
    return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  static func isTerminal(_ descriptor: Int32) -> Bool {
    isatty(descriptor) == 1
  }

  static func effectiveUserID() -> UInt32 {
    geteuid()
  }

  static func processID() -> Int32 {
    getpid()
  }

  /// The account's home directory from the password database.
  static func homeDirectory() -> String? {
    guard let entry = unsafe getpwuid(geteuid()), let home = unsafe entry.pointee.pw_dir else {
      return nil
    }
    return unsafe String(cString: UnsafePointer(home))
  }

  /// Seconds since 1970-01-01T00:00:00Z.
  static func wallClockSeconds() -> Int64 {
    var now = timespec()
    _ = unsafe clock_gettime(CLOCK_REALTIME, &now)
    return Int64(now.tv_sec)
  }

  /// The environment of this process.
  static func environment() -> [String: String] {
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
