import WifiRiskCore

/// Why a live nl80211 request failed. The two error spaces stay apart: `kernel` carries the
/// errno the kernel put in its netlink error message, `libnl` a libnl `NLE_*` code (with
/// libnl's own text) for failures inside the library (socket, buffer, protocol). The
/// common kernel errnos get their own cases.
public enum NetlinkError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No nl80211 generic netlink family: the kernel has no cfg80211, or it is not loaded.
  case nl80211Unavailable
  /// EPERM/EACCES: the operation needs CAP_NET_ADMIN (triggering a scan does).
  case permissionDenied(operation: String)
  /// EBUSY: another scan is running on the radio.
  case busy(operation: String)
  /// ENETDOWN: the interface is down (`ip link set IF up`), named when known.
  case interfaceDown(String?)
  /// ENODEV: no interface with this index.
  case noSuchInterface(Int32)
  /// No answer in time.
  case timeout(operation: String, after: Duration)
  /// Any other errno from the kernel (a positive errno value).
  case kernel(operation: String, errno: Int32)
  /// A libnl failure: the positive `NLE_*` code and `nl_geterror`'s text.
  case libnl(operation: String, code: Int32, message: String)
  /// The kernel's reply could not be decoded.
  case malformedReply(operation: String, NetlinkDecodeError)

  public var description: String {
    switch self {
    case .nl80211Unavailable:
      return "nl80211 is not available: this kernel has no cfg80211 Wi-Fi support loaded"
    case .permissionDenied(let operation):
      return "\(operation): permission denied (needs CAP_NET_ADMIN: run as root)"
    case .busy(let operation):
      return "\(operation): the radio is busy with another scan; try again in a few seconds"
    case .interfaceDown(let name):
      return "interface \(name ?? "(unknown)") is down; bring it up with `ip link set "
        + "\(name ?? "IF") up`"
    case .noSuchInterface(let ifindex):
      return "no wireless interface with index \(ifindex)"
    case .timeout(let operation, let after):
      return "\(operation): timed out after \(after.secondsText)"
    case .kernel(let operation, let errno):
      return "\(operation): kernel error \(errno) (\(ErrnoName.name(errno)))"
    case .libnl(let operation, let code, let message):
      return "\(operation): libnl error \(code) (\(message))"
    case .malformedReply(let operation, let error):
      return "\(operation): malformed reply from the kernel: \(error)"
    }
  }
}

extension Duration {
  /// `2.5 s`.
  var secondsText: String {
    let milliseconds = components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    let whole = milliseconds / 1000
    let tenths = (milliseconds % 1000) / 100
    return tenths == 0 ? "\(whole) s" : "\(whole).\(tenths) s"
  }
}

/// Symbolic names of the errnos nl80211 commonly returns (Linux numbering).
enum ErrnoName {
  static func name(_ errno: Int32) -> String {
    switch errno {
    case 1: "EPERM"
    case 2: "ENOENT"
    case 5: "EIO"
    case 11: "EAGAIN"
    case 12: "ENOMEM"
    case 13: "EACCES"
    case 16: "EBUSY"
    case 19: "ENODEV"
    case 22: "EINVAL"
    case 34: "ERANGE"
    case 61: "ENODATA"
    case 67: "ENOLINK"
    case 95: "EOPNOTSUPP"
    case 100: "ENETDOWN"
    case 114: "EALREADY"
    case 115: "EINPROGRESS"
    default: "errno \(errno)"
    }
  }
}

/// How a triggered scan ended.
public enum ScanOutcome: Sendable, Equatable, CustomStringConvertible {
  /// `NL80211_CMD_NEW_SCAN_RESULTS`: the results are in the kernel's scan list.
  case finished
  /// `NL80211_CMD_SCAN_ABORTED`: the scan stopped early (e.g. the interface went down).
  case aborted

  public var description: String {
    switch self {
    case .finished: "finished"
    case .aborted: "aborted"
    }
  }
}
