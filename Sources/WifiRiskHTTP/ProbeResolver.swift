import Dispatch
import Synchronization
import WifiRiskCore

/// Turns the probe's host name into addresses. The system one is libcurl's own resolving
/// (the C library's `getaddrinfo` on a thread of libcurl's, within the probe's deadline). A
/// resolver given as a function is run on a worker thread until the deadline (then
/// abandoned: it finishes on its own and its answer is dropped), and its addresses are handed
/// to libcurl to connect to.
public struct ProbeResolver: Sendable {
  /// nil for the system resolver.
  let lookup: (@Sendable (_ host: String, _ port: Int) -> Result<[SocketAddress], ProbeFailure>)?

  public init(
    lookup:
      @escaping @Sendable (_ host: String, _ port: Int) -> Result<[SocketAddress], ProbeFailure>
  ) {
    self.lookup = lookup
  }

  private init() { self.lookup = nil }

  /// The C library's resolver (`/etc/hosts`, then DNS as `/etc/nsswitch.conf` says).
  public static let system = ProbeResolver()

  /// Address literals are used as they are; names go to `lookup` with a deadline.
  func resolve(_ host: String, port: Int, within timeout: Duration) -> Result<
    [SocketAddress], ProbeFailure
  > {
    if let literal = SocketAddress.literal(host, port: port) { return .success([literal]) }
    guard let lookup else { return .failure(.local("no resolver")) }
    guard timeout > .zero else { return .failure(.timedOut(stage: "resolving \(host)")) }
    let answer = Answer()
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      answer.value.withLock { $0 = lookup(host, port) }
      done.signal()
    }
    let parts = timeout.components
    let nanoseconds = parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    guard done.wait(timeout: .now() + .nanoseconds(Int(clamping: nanoseconds))) == .success,
      let result = answer.value.withLock({ $0 })
    else {
      return .failure(.timedOut(stage: "resolving \(host)"))
    }
    return result
  }
}

/// The worker's answer, handed to the waiting thread.
private final class Answer: Sendable {
  let value = Mutex<Result<[SocketAddress], ProbeFailure>?>(nil)
}
