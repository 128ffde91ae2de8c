import Foundation
import Glibc
import WifiRiskCore

/// Turns a host name into addresses. The system one calls `getaddrinfo`, which has no
/// timeout of its own; `resolve(_:port:within:)` runs it on a worker thread and stops
/// waiting at the deadline (the thread is abandoned and finishes on its own; its answer
/// is dropped).
public struct ProbeResolver: Sendable {
  public var lookup:
    @Sendable (_ host: String, _ port: Int) -> Result<[SocketAddress], ProbeFailure>

  public init(
    lookup:
      @escaping @Sendable (_ host: String, _ port: Int) -> Result<[SocketAddress], ProbeFailure>
  ) {
    self.lookup = lookup
  }

  /// The C library's resolver (`/etc/hosts`, then DNS as `/etc/nsswitch.conf` says).
  public static let system = ProbeResolver { host, port in getaddrinfo(host, port) }

  /// Address literals are used as they are; names are looked up with a deadline.
  func resolve(_ host: String, port: Int, within timeout: Duration) -> Result<
    [SocketAddress], ProbeFailure
  > {
    if let literal = SocketAddress.literal(host, port: port) { return .success([literal]) }
    guard timeout > .zero else { return .failure(.timedOut(stage: "resolving \(host)")) }
    let box = ResultBox()
    let done = DispatchSemaphore(value: 0)
    let lookup = self.lookup
    Thread.detachNewThread {
      box.set(lookup(host, port))
      done.signal()
    }
    let nanoseconds =
      timeout.components.seconds * 1_000_000_000
      + timeout.components.attoseconds / 1_000_000_000
    guard done.wait(timeout: .now() + .nanoseconds(Int(clamping: nanoseconds))) == .success,
      let result = box.get()
    else {
      return .failure(.timedOut(stage: "resolving \(host)"))
    }
    return result
  }

  private static func getaddrinfo(_ host: String, _ port: Int) -> Result<
    [SocketAddress], ProbeFailure
  > {
    var hints = unsafe addrinfo()
    unsafe hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    unsafe hints.ai_family = AF_UNSPEC
    var list: UnsafeMutablePointer<addrinfo>?
    let status = unsafe Glibc.getaddrinfo(host, String(port), &hints, &list)
    guard status == 0 else {
      let message =
        status == EAI_SYSTEM
        ? SystemError.text(errno) : unsafe String(cString: gai_strerror(status))
      return .failure(.dnsFailure(message))
    }
    defer { unsafe freeaddrinfo(list) }
    var addresses: [SocketAddress] = []
    var node = unsafe list
    while let current = unsafe node {
      defer { unsafe node = unsafe current.pointee.ai_next }
      guard let address = unsafe current.pointee.ai_addr else { continue }
      if let copied = unsafe SocketAddress(
        copying: address, length: Int(unsafe current.pointee.ai_addrlen)),
        !addresses.contains(copied)
      {
        addresses.append(copied)
      }
    }
    guard !addresses.isEmpty else { return .failure(.dnsFailure("no IPv4 or IPv6 address")) }
    return .success(addresses)
  }
}

/// A result handed from the worker thread to the waiting one.
private final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Result<[SocketAddress], ProbeFailure>?

  func set(_ result: Result<[SocketAddress], ProbeFailure>) {
    lock.lock()
    value = result
    lock.unlock()
  }

  func get() -> Result<[SocketAddress], ProbeFailure>? {
    lock.lock()
    defer { lock.unlock() }
    return value
  }
}
