import Glibc
import WifiRiskCore

/// wpa_supplicant's control interface: a unix datagram socket per interface in its
/// `ctrl_interface` directory. A client binds a socket of its own (so wpa_supplicant has an
/// address to answer to), sends a command and reads the reply.
public enum SupplicantControl {
  /// wpa_supplicant's `STATUS` for `interface`, or nil when no wpa_supplicant answers in
  /// time (none running, no permission on its directory, no such interface).
  public static func status(
    interface: String,
    directories: [String] = ["/run/wpa_supplicant", "/var/run/wpa_supplicant"],
    timeout: Duration
  ) -> SupplicantStatus? {
    request("STATUS", interface: interface, directories: directories, timeout: timeout)
      .map { SupplicantStatus(parsing: $0) }
  }

  /// Sends `command` to the first directory's socket that accepts it and returns the reply
  /// text. Unsolicited event messages (`<N>...`) are skipped.
  public static func request(
    _ command: String, interface: String, directories: [String], timeout: Duration
  ) -> String? {
    // An interface name is one path component.
    guard !interface.isEmpty, interface != ".", interface != "..",
      !interface.contains("/")
    else { return nil }
    for directory in directories {
      if let reply = exchange(
        command, with: directory + "/" + interface, timeout: timeout)
      {
        return reply
      }
    }
    return nil
  }

  private static func exchange(_ command: String, with path: String, timeout: Duration)
    -> String?
  {
    guard let remote = address(path) else { return nil }
    let localPath = "/tmp/wifirisk-ctrl-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    guard let local = address(localPath) else { return nil }
    let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    guard connectOrBind(descriptor, local, bind: true) else { return nil }
    defer { _ = unsafe unlink(localPath) }
    guard connectOrBind(descriptor, remote, bind: false) else { return nil }

    let bytes = Array(command.utf8)
    let sent = unsafe bytes.withUnsafeBytes { buffer in
      unsafe send(descriptor, buffer.baseAddress, buffer.count, 0)
    }
    guard sent == bytes.count else { return nil }

    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    var buffer = [UInt8](repeating: 0, count: 16384)
    while true {
      let left = deadline - clock.now
      guard left > .zero else { return nil }
      let milliseconds = Int32(
        clamping: left.components.seconds * 1000
          + left.components.attoseconds / 1_000_000_000_000_000 + 1)
      var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      let ready = unsafe poll(&poller, 1, milliseconds)
      if ready < 0 && errno == EINTR { continue }
      guard ready > 0 else { return nil }
      let count = unsafe buffer.withUnsafeMutableBytes { raw in
        unsafe recv(descriptor, raw.baseAddress, raw.count, 0)
      }
      guard count >= 0 else { return nil }
      let reply = buffer.prefix(count)
      if reply.first == UInt8(ascii: "<") { continue }  // an event, not our answer
      return String(decoding: reply, as: UTF8.self)
    }
  }

  /// A `sockaddr_un` for `path`, or nil when the path does not fit.
  private static func address(_ path: String) -> sockaddr_un? {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    guard bytes.count < MemoryLayout.size(ofValue: address.sun_path), !bytes.contains(0) else {
      return nil
    }
    unsafe withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (index, byte) in bytes.enumerated() { unsafe raw[index] = byte }
    }
    return address
  }

  private static func connectOrBind(_ descriptor: Int32, _ address: sockaddr_un, bind: Bool)
    -> Bool
  {
    var address = address
    let length = socklen_t(MemoryLayout<sockaddr_un>.size)
    let result = unsafe withUnsafePointer(to: &address) { pointer in
      unsafe pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
        bind
          ? unsafe Glibc.bind(descriptor, generic, length)
          : unsafe Glibc.connect(descriptor, generic, length)
      }
    }
    return result == 0
  }
}
