import WifiRiskCore
import WifiRiskNetlink
import WifiRiskSyscalls

/// What `wifirisk watch` needs of the machine: the kernel's connection events (nl80211's
/// "mlme" multicast group, whichever program made the connection), interface names, and the
/// action script, checked and run.
public struct ConnectionWatch: ~Copyable {
  /// One message of the group: the connection event it carries (nil for the group's other
  /// messages, and for one that does not decode), and its bytes for a fixture.
  public struct Heard: Sendable {
    public var event: ConnectionEvent?
    public var command: UInt8
    public var hexDump: String
  }

  private let listener: NL80211EventListener

  /// Joins the group (no privilege needed).
  public init() throws(Failure) {
    do {
      listener = try NL80211EventListener()
    } catch {
      throw Failure(message: LiveScanner.message(for: error))
    }
  }

  /// The messages that arrive within `timeout`; empty when none came.
  public func next(timeout: Duration) throws(Failure) -> [Heard] {
    let messages: [NL80211Message]
    do {
      messages = try listener.next(timeout: timeout)
    } catch {
      throw Failure(message: error.description)
    }
    return messages.map { message in
      Heard(
        event: try? ConnectionEvent(message), command: message.command,
        hexDump: message.hexDump())
    }
  }

  /// The name of the interface with this index, from sysfs; nil when there is none.
  public static func interfaceName(ifindex: Int32, root: String = "/sys/class/net") -> String? {
    for name in Syscalls.directoryEntries(root) {
      let text = Syscalls.readSmallText("\(root)/\(name)/ifindex")
      if let text, Int32(text.split(whereSeparator: \.isWhitespace).first ?? "") == ifindex {
        return name
      }
    }
    return nil
  }

  /// The action runs as root: like NetworkManager's dispatcher, only a regular, executable
  /// file that root owns and no one else may change (checked when this process is root).
  public static func checkAction(_ path: String) throws(Failure) {
    let ownership: Syscalls.Ownership
    do {
      ownership = try Syscalls.ownership(path)
    } catch {
      throw Failure(
        message: "\(path): \(error.description); install the action script with "
          + "`sudo wifirisk hook install iwd --profile NAME`")
    }
    guard case .regular = ownership.kind, Syscalls.isExecutable(path) else {
      throw Failure(message: "\(path): not an executable file")
    }
    guard !Machine.isRoot || (ownership.owner == 0 && ownership.mode & 0o022 == 0) else {
      throw Failure(
        message: "\(path): must be owned by root and writable by root alone (it runs as root)")
    }
  }

  /// Runs the action for one new connection (`SCRIPT INTERFACE CONNECTED`) and waits for
  /// it; its exit status, or a failure when it could not be started.
  public static func runAction(_ path: String, interface: String) throws(Failure) -> Int32 {
    try Machine.run(path, [interface, "CONNECTED"])
  }
}
