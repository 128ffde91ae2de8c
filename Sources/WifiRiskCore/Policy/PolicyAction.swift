/// What a policy says to do about a network. The raw values are the profile syntax and the
/// `wifirisk.check/1` contract.
public enum PolicyAction: String, Sendable, CaseIterable, Equatable, Comparable {
  case allow, warn, block

  var rank: Int {
    switch self {
    case .allow: 0
    case .warn: 1
    case .block: 2
    }
  }

  public static func < (lhs: PolicyAction, rhs: PolicyAction) -> Bool { lhs.rank < rhs.rank }
}

/// What `check` does when it cannot evaluate a network (no scan, no such network, a state
/// file it cannot read): report it (exit status 1), or decide anyway.
public enum OnError: String, Sendable, CaseIterable, Equatable {
  /// Say so and exit with status 1; the caller decides.
  case report
  /// Fail open: treat it as allowed (exit status 0).
  case allow
  /// Fail closed: treat it as blocked (exit status 3).
  case block
}
