import WifiRiskCore

/// Why a Wireless Extensions request failed, from the errno of its ioctl. The common errnos
/// get their own cases.
public enum WextError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No socket for Wireless Extensions ioctls could be opened.
  case noSocket(errno: Int32)
  /// The interface exists but does not answer `SIOCGIWNAME` (not a Wi-Fi interface, or a
  /// kernel without Wireless Extensions).
  case notWireless(String)
  /// ENODEV: no interface with this name.
  case noSuchInterface(String)
  /// A name too long for an interface (at most 15 bytes).
  case badInterfaceName(String)
  /// EPERM/EACCES: the request needs CAP_NET_ADMIN (triggering a scan does).
  case permissionDenied(operation: String)
  /// EBUSY: another scan is running on the radio.
  case busy(operation: String)
  /// ENETDOWN: the interface is down.
  case interfaceDown(String)
  /// The scan results did not come in time.
  case timeout(operation: String, after: Duration)
  /// E2BIG even with the largest buffer Wireless Extensions allow (65535 bytes).
  case resultsTooLarge(interface: String, bytes: Int)
  /// Any other errno (positive).
  case system(operation: String, errno: Int32)

  public var description: String {
    switch self {
    case .noSocket(let errno):
      return "cannot open a socket for Wireless Extensions requests: \(WextErrno.name(errno))"
    case .notWireless(let name):
      return "interface \(name) does not answer Wireless Extensions (SIOCGIWNAME): not a "
        + "Wi-Fi interface, or a kernel without Wireless Extensions"
    case .noSuchInterface(let name):
      return "no interface named \(name)"
    case .badInterfaceName(let name):
      return "\(name) is not an interface name (at most 15 bytes)"
    case .permissionDenied(let operation):
      return "\(operation): permission denied (needs CAP_NET_ADMIN: run as root)"
    case .busy(let operation):
      return "\(operation): the radio is busy with another scan; try again in a few seconds"
    case .interfaceDown(let name):
      return "interface \(name) is down; bring it up with `ip link set \(name) up`"
    case .timeout(let operation, let after):
      let seconds = after.components.seconds
      return "\(operation): no results after \(seconds) s"
    case .resultsTooLarge(let name, let bytes):
      return "the scan results of \(name) do not fit the \(bytes) bytes Wireless Extensions "
        + "can return; use nl80211 (--backend nl80211) or limit the scan with --freq"
    case .system(let operation, let errno):
      return "\(operation): \(WextErrno.name(errno))"
    }
  }
}

/// Symbolic names of the errnos Wireless Extensions requests commonly fail with (Linux
/// numbering).
enum WextErrno {
  static func name(_ errno: Int32) -> String {
    switch errno {
    case 1: "EPERM"
    case 7: "E2BIG"
    case 11: "EAGAIN"
    case 13: "EACCES"
    case 16: "EBUSY"
    case 19: "ENODEV"
    case 22: "EINVAL"
    case 61: "ENODATA"
    case 95: "EOPNOTSUPP"
    case 97: "EAFNOSUPPORT"
    case 100: "ENETDOWN"
    default: "errno \(errno)"
    }
  }
}
