import CNetlink
import Glibc
import WifiRiskCore

// The owners of libnl objects, and the one place that sends a request and collects its
// replies. Every libnl call of WifiRiskNetlink goes through this file and NL80211Client.swift.

/// A generic netlink socket (`struct nl_sock`), freed (and closed) on deinit.
@safe
struct NetlinkSocket: ~Copyable {
  let raw: OpaquePointer

  init(operation: String) throws(NetlinkError) {
    guard let raw = unsafe nl_socket_alloc() else {
      throw Libnl.error(operation, -NLE_NOMEM)
    }
    unsafe self.raw = raw
  }

  deinit { unsafe nl_socket_free(raw) }

  /// Connects to NETLINK_GENERIC.
  func connect(operation: String) throws(NetlinkError) {
    try Libnl.check(unsafe genl_connect(raw), operation)
  }

  var fileDescriptor: Int32 { unsafe nl_socket_get_fd(raw) }

  /// Makes a blocking receive give up (libnl then returns `-NLE_AGAIN`) after `timeout`.
  func setReceiveTimeout(_ timeout: Duration) {
    let parts = timeout.components
    var value = timeval(
      tv_sec: Int(parts.seconds), tv_usec: Int(parts.attoseconds / 1_000_000_000_000))
    _ = unsafe setsockopt(
      fileDescriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
  }
}

/// A netlink message being built (`struct nl_msg`), freed on deinit.
@safe
struct NetlinkMessage: ~Copyable {
  let raw: OpaquePointer

  init(operation: String) throws(NetlinkError) {
    guard let raw = unsafe nlmsg_alloc() else { throw Libnl.error(operation, -NLE_NOMEM) }
    unsafe self.raw = raw
  }

  deinit { unsafe nlmsg_free(raw) }
}

/// A libnl callback set (`struct nl_cb`), released on deinit.
@safe
struct NetlinkCallbacks: ~Copyable {
  let raw: OpaquePointer

  init(operation: String) throws(NetlinkError) {
    guard let raw = unsafe nl_cb_alloc(NL_CB_DEFAULT) else {
      throw Libnl.error(operation, -NLE_NOMEM)
    }
    unsafe self.raw = raw
  }

  deinit { unsafe nl_cb_put(raw) }
}

/// One attribute of a request, written by `Libnl.put`.
enum RequestAttribute {
  case u32(NL80211.Attribute, UInt32)
  case bytes(NL80211.Attribute, [UInt8])
  /// A nested list whose entries are numbered from 1 (how nl80211 takes frequencies).
  case u32List(NL80211.Attribute, [UInt32])
  /// A nested list of binary entries numbered from 1 (how nl80211 takes SSIDs).
  case bytesList(NL80211.Attribute, [[UInt8]])
}

/// What the callbacks of one request collect. Lives on the Swift side; libnl only sees an
/// unretained pointer to it for the duration of `nl_recvmsgs`.
final class ReplyCollector {
  var messages: [NL80211Message] = []
  /// The positive errno of the kernel's error message (or of a failed dump's DONE message).
  var kernelErrno: Int32?
  /// Set by the ACK or DONE message: the request is complete.
  var finished = false
  /// The lengths of messages too short for their generic netlink header (skipped).
  var malformed: [Int] = []

  /// The opaque pointer libnl hands back to the callbacks.
  var context: UnsafeMutableRawPointer { unsafe Unmanaged.passUnretained(self).toOpaque() }

  static func from(_ context: UnsafeMutableRawPointer?) -> ReplyCollector? {
    guard let context = unsafe context else { return nil }
    return unsafe Unmanaged<ReplyCollector>.fromOpaque(context).takeUnretainedValue()
  }
}

enum Libnl {
  static let ok = Int32(bitPattern: NL_OK.rawValue)
  static let skip = Int32(bitPattern: NL_SKIP.rawValue)
  static let stop = Int32(bitPattern: NL_STOP.rawValue)

  /// A libnl failure, from libnl's negative return code.
  static func error(_ operation: String, _ code: Int32) -> NetlinkError {
    let positive = code < 0 ? -code : code
    let message = unsafe nl_geterror(positive).map { unsafe String(cString: $0) } ?? "unknown"
    return .libnl(operation: operation, code: positive, message: message)
  }

  static func check(_ code: Int32, _ operation: String) throws(NetlinkError) {
    if code < 0 { throw error(operation, code) }
  }

  /// Points the callbacks of `callbacks` at `collector`: VALID messages are copied out as
  /// `NL80211Message`s, ACK and DONE end the request, an error message records the errno.
  /// With `acceptAnySequence`, sequence numbers are not checked (multicast events have none).
  static func install(
    _ callbacks: borrowing NetlinkCallbacks, _ collector: ReplyCollector,
    acceptAnySequence: Bool = false
  ) {
    let context = unsafe collector.context
    _ = unsafe nl_cb_set(
      callbacks.raw, NL_CB_VALID, NL_CB_CUSTOM,
      { message, context in
        guard let collector = unsafe ReplyCollector.from(context) else { return Libnl.stop }
        guard let copied = unsafe Libnl.copy(message) else {
          let length = unsafe nlmsg_hdr(message).map { unsafe Int($0.pointee.nlmsg_len) } ?? 0
          collector.malformed.append(length)
          return Libnl.skip
        }
        collector.messages.append(copied)
        return Libnl.ok
      }, context)
    _ = unsafe nl_cb_set(
      callbacks.raw, NL_CB_FINISH, NL_CB_CUSTOM,
      { message, context in
        guard let collector = unsafe ReplyCollector.from(context) else { return Libnl.stop }
        // A dump that fails part way ends with a DONE message carrying -errno.
        if let header = unsafe nlmsg_hdr(message), unsafe nlmsg_datalen(header) >= 4 {
          let status = unsafe nlmsg_data(header).loadUnaligned(as: Int32.self)
          if status < 0 { collector.kernelErrno = -status }
        }
        collector.finished = true
        return Libnl.stop
      }, context)
    _ = unsafe nl_cb_set(
      callbacks.raw, NL_CB_ACK, NL_CB_CUSTOM,
      { _, context in
        unsafe ReplyCollector.from(context)?.finished = true
        return Libnl.stop
      }, context)
    _ = unsafe nl_cb_err(
      callbacks.raw, NL_CB_CUSTOM,
      { _, error, context in
        guard let collector = unsafe ReplyCollector.from(context) else { return Libnl.stop }
        let code = unsafe error?.pointee.error ?? 0
        collector.kernelErrno = code < 0 ? -code : code
        collector.finished = true
        return Libnl.stop
      }, context)
    if acceptAnySequence {
      _ = unsafe nl_cb_set(
        callbacks.raw, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, { _, _ in Libnl.ok }, nil)
    }
  }

  /// The command and attribute bytes of a received generic netlink message, copied into
  /// Swift memory; nil when the message is too short for its headers
  /// (`genlmsg_valid_hdr` returns 1 for a valid header).
  static func copy(_ message: OpaquePointer?) -> NL80211Message? {
    guard let message = unsafe message, let header = unsafe nlmsg_hdr(message),
      unsafe genlmsg_valid_hdr(header, 0) != 0, let genl = unsafe genlmsg_hdr(header)
    else { return nil }
    let command = unsafe genl.pointee.cmd
    let length = unsafe genlmsg_attrlen(genl, 0)
    guard length > 0, let start = unsafe genlmsg_attrdata(genl, 0) else {
      return NL80211Message(command: command, attributes: [])
    }
    let bytes = unsafe Array(UnsafeRawBufferPointer(start: start, count: Int(length)))
    return NL80211Message(command: command, attributes: bytes)
  }

  /// Writes `attribute` into `message`.
  static func put(
    _ attribute: RequestAttribute, into message: borrowing NetlinkMessage, operation: String
  ) throws(NetlinkError) {
    switch attribute {
    case .u32(let key, let value):
      try check(unsafe nla_put_u32(message.raw, Int32(key.rawValue), value), operation)
    case .bytes(let key, let value):
      try unsafe putBytes(Int32(key.rawValue), value, message.raw, operation)
    case .u32List(let key, let values):
      guard let nest = unsafe nla_nest_start(message.raw, Int32(key.rawValue)) else {
        throw error(operation, -NLE_NOMEM)
      }
      for (index, value) in values.enumerated() {
        try check(unsafe nla_put_u32(message.raw, Int32(index + 1), value), operation)
      }
      try check(unsafe nla_nest_end(message.raw, nest), operation)
    case .bytesList(let key, let values):
      guard let nest = unsafe nla_nest_start(message.raw, Int32(key.rawValue)) else {
        throw error(operation, -NLE_NOMEM)
      }
      for (index, value) in values.enumerated() {
        try unsafe putBytes(Int32(index + 1), value, message.raw, operation)
      }
      try check(unsafe nla_nest_end(message.raw, nest), operation)
    }
  }

  private static func putBytes(
    _ type: Int32, _ value: [UInt8], _ message: OpaquePointer, _ operation: String
  ) throws(NetlinkError) {
    let code = unsafe value.withUnsafeBytes { buffer in
      unsafe nla_put(message, type, Int32(buffer.count), buffer.baseAddress)
    }
    try check(code, operation)
  }
}
