import WifiRiskCore
import WifiRiskSyscalls

#if canImport(Glibc)
  import Glibc
#endif

/// Facts about the process and the machine it runs on.
public enum Machine {
  /// This process's environment.
  public static var environment: [String: String] { Syscalls.environment() }

  /// True when the effective user is root.
  public static var isRoot: Bool { Syscalls.effectiveUserID() == 0 }

  /// Whether this process may trigger scans: CAP_NET_ADMIN (bit 12) in its effective set.
  public static var hasNetAdmin: Bool {
    guard let status = try? FileReader.text("/proc/self/status", limit: 1 << 16) else {
      return isRoot
    }
    for line in status.split(separator: "\n") where line.hasPrefix("CapEff:") {
      let hex = line.dropFirst("CapEff:".count).filter { $0 != " " && $0 != "\t" }
      guard let mask = UInt64(hex, radix: 16) else { break }
      return mask & (1 << 12) != 0
    }
    return isRoot
  }

  /// The real path of the running executable.
  public static var executablePath: String? { Syscalls.readLink("/proc/self/exe") }

  /// The account's home directory from the password database.
  public static var accountHome: String? { Syscalls.homeDirectory() }

  /// Now, as RFC 3339 text in UTC.
  public static func nowRFC3339() -> String {
    RFC3339.format(secondsSinceEpoch: Syscalls.wallClockSeconds()) ?? "1970-01-01T00:00:00Z"
  }

  /// Runs a program (no shell) with standard input from /dev/null and this process's output
  /// and errors; waits for it and returns its exit status (128 + signal when killed).
  public static func run(_ path: String, _ arguments: [String]) throws(Failure) -> Int32 {
    do {
      return try Syscalls.run(path, arguments)
    } catch {
      throw Failure(message: "\(path): cannot run: \(error.description)")
    }
  }

  /// The standard streams.
  public enum Stream: Int32, Sendable {
    case standardOutput = 1
    case standardError = 2

    public var isTerminal: Bool { Syscalls.isTerminal(rawValue) }

    /// Writes all of `text`; a closed stream (a pipe whose reader left) is not an error.
    public func write(_ text: String) {
      try? Syscalls.writeAll(rawValue, Array(text.utf8))
    }
  }
}
