import Glibc
import WifiRiskCore

/// A non-blocking TCP socket, closed when it goes away. Every wait is a `poll` bounded by
/// the caller's deadline.
struct ProbeSocket: ~Copyable {
  let descriptor: Int32

  init(family: Int32) throws(SystemError) {
    let type =
      Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
      | Int32(SOCK_CLOEXEC.rawValue)
    let descriptor = socket(family, type, Int32(IPPROTO_TCP))
    guard descriptor >= 0 else { throw SystemError(call: "socket", code: errno) }
    self.descriptor = descriptor
  }

  deinit { close(descriptor) }

  /// `SO_BINDTODEVICE`: traffic goes out of (and routes are looked up on) this interface
  /// only. Needs CAP_NET_RAW on most kernels.
  func bind(toDevice name: String) throws(SystemError) {
    var bytes = Array(name.utf8)
    bytes.append(0)
    let result = unsafe bytes.withUnsafeBytes { raw in
      unsafe setsockopt(
        descriptor, SOL_SOCKET, SO_BINDTODEVICE, raw.baseAddress, socklen_t(raw.count))
    }
    guard result == 0 else { throw SystemError(call: "SO_BINDTODEVICE", code: errno) }
  }

  /// Binds the local end to `address` (port 0: any).
  func bind(to address: SocketAddress) throws(SystemError) {
    let result = unsafe address.with(port: 0).withSockaddr { pointer, length in
      unsafe Glibc.bind(descriptor, pointer, length)
    }
    guard result == 0 else { throw SystemError(call: "bind", code: errno) }
  }

  /// Connects, waiting at most until `deadline`.
  func connect(to address: SocketAddress, deadline: ContinuousClock.Instant)
    throws(SystemError)
  {
    let result = unsafe address.withSockaddr { pointer, length in
      unsafe Glibc.connect(descriptor, pointer, length)
    }
    if result == 0 { return }
    guard errno == EINPROGRESS else { throw SystemError(call: "connect", code: errno) }
    guard try wait(for: Int16(POLLOUT), until: deadline) else {
      throw SystemError(call: "connect", code: ETIMEDOUT)
    }
    var failure: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    guard unsafe getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length) == 0 else {
      throw SystemError(call: "getsockopt", code: errno)
    }
    if failure != 0 { throw SystemError(call: "connect", code: failure) }
  }

  /// Sends all of `bytes` before `deadline`.
  func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(SystemError) {
    var sent = 0
    while sent < bytes.count {
      let count = unsafe bytes.withUnsafeBytes { raw in
        unsafe Glibc.send(
          descriptor, raw.baseAddress.unsafelyUnwrapped + sent, raw.count - sent,
          Int32(MSG_NOSIGNAL))
      }
      if count > 0 {
        sent += count
        continue
      }
      guard count < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else {
        throw SystemError(call: "send", code: count == 0 ? EPIPE : errno)
      }
      guard try wait(for: Int16(POLLOUT), until: deadline) else {
        throw SystemError(call: "send", code: ETIMEDOUT)
      }
    }
  }

  /// Reads what is available into `buffer` (at most `limit` more bytes); waits for data
  /// until `deadline`. Returns the count read, 0 at the end of the stream, nil when the
  /// deadline passed first.
  func receive(into buffer: inout [UInt8], limit: Int, deadline: ContinuousClock.Instant)
    throws(SystemError) -> Int?
  {
    while true {
      var chunk = [UInt8](repeating: 0, count: min(16384, max(1, limit)))
      let count = unsafe chunk.withUnsafeMutableBytes { raw in
        unsafe recv(descriptor, raw.baseAddress, raw.count, 0)
      }
      if count >= 0 {
        buffer += chunk.prefix(count)
        return count
      }
      guard errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else {
        throw SystemError(call: "recv", code: errno)
      }
      guard try wait(for: Int16(POLLIN), until: deadline) else { return nil }
    }
  }

  /// Polls for `events`; false when the deadline passed first.
  private func wait(for events: Int16, until deadline: ContinuousClock.Instant)
    throws(SystemError) -> Bool
  {
    let clock = ContinuousClock()
    while true {
      let left = deadline - clock.now
      guard left > .zero else { return false }
      let milliseconds = Int32(
        clamping: left.components.seconds * 1000
          + left.components.attoseconds / 1_000_000_000_000_000 + 1)
      var poller = pollfd(fd: descriptor, events: events, revents: 0)
      let ready = unsafe poll(&poller, 1, milliseconds)
      if ready > 0 { return true }
      if ready == 0 { continue }  // rounding: loop until the deadline really passed
      guard errno == EINTR else { throw SystemError(call: "poll", code: errno) }
    }
  }
}

/// A failed system call: its name and `errno`.
struct SystemError: Error, CustomStringConvertible {
  var call: String
  var code: Int32

  var description: String { "\(call): \(SystemError.text(code))" }

  static func text(_ code: Int32) -> String {
    guard let message = unsafe strerror(code) else { return "errno \(code)" }
    return unsafe String(cString: message)
  }
}
