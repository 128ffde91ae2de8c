/// Every exit status wifirisk uses, in one place. Each command's `--help`, the README's table
/// and the hook scripts are all made from this table.
///
/// | status | name      | meaning                                                             |
/// |--------|-----------|---------------------------------------------------------------------|
/// | 0      | `ok`      | done; `check`: allow; `home`: every item passes                     |
/// | 1      | `failure` | could not read or evaluate something (a file, the interface; `home`: an item) |
/// | 2      | `warn`    | `check`: warn; `home`: an item to improve or fix                    |
/// | 3      | `block`   | `check`: block                                                      |
/// | 64     | `usage`   | usage error (bad option or argument)                                |
public enum ExitStatus: Int32, CaseIterable, Sendable {
  case ok = 0
  case failure = 1
  case warn = 2
  case block = 3
  case usage = 64

  /// The commands whose statuses mean more than done or failed.
  public enum Command: Sendable {
    case general
    case check
    case home
  }

  /// The status a policy action ends `check` with.
  public static func of(_ action: PolicyAction) -> ExitStatus {
    switch action {
    case .allow: .ok
    case .warn: .warn
    case .block: .block
    }
  }

  /// What the status means for a command, or nil when the command never uses it.
  public func meaning(for command: Command) -> String? {
    switch (self, command) {
    case (.ok, .general): "success"
    case (.ok, .check): "allow"
    case (.ok, .home): "every item passes"
    case (.failure, .check):
      "could not evaluate (and the profile's on_error is \"report\"), or a bad profile"
    case (.failure, .home): "the network could not be found, or an item could not be judged"
    case (.failure, _): "could not read or evaluate (a file, an interface, the kernel)"
    case (.warn, .check): "warn"
    case (.warn, .home): "an item to improve or fix"
    case (.block, .check): "block"
    case (.warn, .general): "check: warn; home: an item to improve or fix"
    case (.block, .general): "check: block"
    case (.block, .home): nil
    case (.usage, _): "usage error"
    }
  }

  /// The `EXIT STATUS:` section of a command's `--help`.
  public static func helpSection(for command: Command) -> String {
    var lines = ["EXIT STATUS:"]
    for status in allCases {
      guard let meaning = status.meaning(for: command) else { continue }
      let code = String(status.rawValue)
      lines.append("  " + code + String(repeating: " ", count: 4 - code.count) + meaning)
    }
    return lines.joined(separator: "\n")
  }
}
