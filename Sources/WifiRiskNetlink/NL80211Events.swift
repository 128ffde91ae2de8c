import CNetlink
import Glibc
import WifiRiskCore

/// nl80211's connection events: a socket of its own in the "mlme" multicast group, which the
/// kernel tells about every connect, roam and disconnect of every interface, whichever
/// program made them. Joining the group needs no privilege.
public struct NL80211EventListener: ~Copyable {
  private let socket: NetlinkSocket

  public init() throws(NetlinkError) {
    let operation = "listen to nl80211 connection events"
    let socket = try NetlinkSocket(operation: operation)
    unsafe nl_socket_disable_seq_check(socket.raw)
    try socket.connect(operation: operation)
    let group = unsafe genl_ctrl_resolve_grp(
      socket.raw, NL80211.familyName, NL80211.mlmeMulticastGroup)
    if group == -NLE_OBJ_NOTFOUND { throw .nl80211Unavailable }
    try Libnl.check(group, "resolve the nl80211 mlme multicast group")
    unsafe nl_socket_enable_msg_peek(socket.raw)
    // a burst of events must not be lost while an action runs
    _ = unsafe nl_socket_set_buffer_size(socket.raw, 1 << 20, 0)
    try Libnl.check(unsafe nl_socket_add_membership(socket.raw, group), operation)
    try Libnl.check(unsafe nl_socket_set_nonblocking(socket.raw), operation)
    self.socket = socket
  }

  /// The events that arrive within `timeout` (every one queued, once the first is there);
  /// empty when none came. Events the kernel dropped because the socket's buffer was full
  /// (ENOBUFS) are lost, not an error.
  public func next(timeout: Duration) throws(NetlinkError) -> [NL80211Message] {
    let operation = "read nl80211 connection events"
    var descriptor = pollfd(fd: socket.fileDescriptor, events: Int16(POLLIN), revents: 0)
    let parts = timeout.components
    let milliseconds = Int32(
      clamping: parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000)
    let ready = unsafe poll(&descriptor, 1, milliseconds)
    if ready < 0 && errno != EINTR { throw .kernel(operation: operation, errno: errno) }
    guard ready > 0 else { return [] }
    let callbacks = try NetlinkCallbacks(operation: operation)
    let collector = ReplyCollector()
    Libnl.install(callbacks, collector, acceptAnySequence: true)
    while true {
      let code = withExtendedLifetime(collector) {
        unsafe nl_recvmsgs(socket.raw, callbacks.raw)
      }
      if code == -NLE_AGAIN { break }
      // -NLE_NOMEM here is ENOBUFS: events were dropped; read on
      if code < 0 && code != -NLE_NOMEM { throw Libnl.error(operation, code) }
    }
    return collector.messages
  }
}
