import ArgumentParser

/// Every exit status wifirisk uses, in one place; the README and `--help` repeat this table.
///
/// | status | meaning                                                        |
/// |--------|----------------------------------------------------------------|
/// | 0      | done (`check`: allow)                                          |
/// | 1      | could not read or evaluate something (a file, the interface)   |
/// | 2      | `check`: warn                                                  |
/// | 3      | `check`: block                                                 |
/// | 64     | usage error (bad option or argument)                           |
public enum ExitStatus {
  public static let success = ExitCode(0)
  public static let failure = ExitCode(1)
  public static let warn = ExitCode(2)
  public static let block = ExitCode(3)
  public static let usage = ExitCode(64)

  /// For `--help` texts.
  static let table = """
    EXIT STATUS:
      0   success (check: allow)
      1   could not read or evaluate (a file, an interface, the kernel)
      2   check: warn
      3   check: block
      64  usage error
    """
}

/// A failure that ends a command with a one-line message on stderr and a status.
struct CommandFailure: Error, CustomStringConvertible {
  var message: String
  var status: ExitCode = ExitStatus.failure
  var description: String { message }
}
