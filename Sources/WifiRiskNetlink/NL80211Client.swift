import CNetlink
import Glibc
import WifiRiskCore

/// A connection to the kernel's nl80211 generic netlink family. Owns its libnl socket; the
/// socket is closed when the client goes away.
///
/// Reading interfaces, the cached scan results and station details needs no privilege;
/// triggering a scan needs CAP_NET_ADMIN. Every request waits at most `replyTimeout` for
/// the kernel's answer.
public struct NL80211Client: ~Copyable {
  private let socket: NetlinkSocket
  private let family: Int32
  /// How long a request waits for each reply datagram.
  public let replyTimeout: Duration

  /// Connects to generic netlink and resolves the nl80211 family.
  /// Throws `.nl80211Unavailable` when the kernel has no nl80211.
  public init(replyTimeout: Duration = .seconds(5)) throws(NetlinkError) {
    let operation = "connect to nl80211"
    let socket = try NetlinkSocket(operation: operation)
    try socket.connect(operation: operation)
    unsafe nl_socket_enable_msg_peek(socket.raw)  // scan results can exceed a page
    socket.setReceiveTimeout(replyTimeout)
    let family = unsafe genl_ctrl_resolve(socket.raw, NL80211.familyName)
    if family == -NLE_OBJ_NOTFOUND { throw .nl80211Unavailable }
    try Libnl.check(family, "resolve the nl80211 family")
    self.socket = socket
    self.family = family
    self.replyTimeout = replyTimeout
  }

  // MARK: decoded results

  /// Every wireless interface (`NL80211_CMD_GET_INTERFACE` dump).
  public func interfaces() throws(NetlinkError) -> [WirelessInterface] {
    let operation = "list wireless interfaces"
    var out: [WirelessInterface] = []
    for message in try interfaceMessages() {
      do {
        out.append(try WirelessInterface(message: message))
      } catch {
        throw .malformedReply(operation: operation, error)
      }
    }
    return out
  }

  /// The kernel's cached scan results for an interface (`NL80211_CMD_GET_SCAN` dump).
  /// Entries that cannot be decoded are left out; `scanDumpReport` lists them.
  public func scanDump(ifindex: Int32) throws(NetlinkError) -> [BSSRecord] {
    try scanDumpReport(ifindex: ifindex).records
  }

  /// The cached scan results with the nl80211 details of each entry and the entries that
  /// could not be decoded.
  public func scanDumpReport(ifindex: Int32) throws(NetlinkError) -> NL80211ScanDump {
    NL80211ScanDump(messages: try scanDumpMessages(ifindex: ifindex))
  }

  /// What the interface knows about one peer (for a client interface: its access point), or
  /// nil when there is no such station.
  public func station(ifindex: Int32, mac: MACAddress) throws(NetlinkError) -> StationInfo? {
    let operation = "get station \(mac)"
    let messages: [NL80211Message]
    do {
      messages = try request(
        .getStation, dump: false, operation: operation, ifindex: ifindex,
        attributes: [.u32(.ifindex, UInt32(bitPattern: ifindex)), .bytes(.mac, mac.bytes)])
    } catch .kernel(_, let errno) where errno == ENOENT {
      return nil
    }
    guard let message = messages.first else { return nil }
    do {
      return try StationInfo(message: message)
    } catch {
      throw .malformedReply(operation: operation, error)
    }
  }

  // MARK: raw replies (for recording fixtures and bug reports)

  public func interfaceMessages() throws(NetlinkError) -> [NL80211Message] {
    try request(.getInterface, dump: true, operation: "list wireless interfaces", attributes: [])
  }

  public func scanDumpMessages(ifindex: Int32) throws(NetlinkError) -> [NL80211Message] {
    try request(
      .getScan, dump: true, operation: "read scan results", ifindex: ifindex,
      attributes: [.u32(.ifindex, UInt32(bitPattern: ifindex))])
  }

  public func stationMessages(ifindex: Int32) throws(NetlinkError) -> [NL80211Message] {
    try request(
      .getStation, dump: true, operation: "list stations", ifindex: ifindex,
      attributes: [.u32(.ifindex, UInt32(bitPattern: ifindex))])
  }

  // MARK: scanning

  /// Starts a scan and waits until it finishes or aborts.
  ///
  /// A second socket joins nl80211's "scan" multicast group BEFORE the trigger is sent, so
  /// the end of the scan cannot be missed however fast it comes. The wait counts only events
  /// for `ifindex` that follow this scan's own start event (a scan that was already running
  /// makes the trigger fail with `.busy` instead). Waits with `poll` on the event socket,
  /// never longer than `timeout`.
  ///
  /// - Parameters:
  ///   - frequencies: MHz values to scan; empty scans every channel the radio allows.
  ///   - ssids: SSIDs to probe for (finds hidden networks); the wildcard SSID is always sent.
  ///   - progress: called about every 200 ms with the time spent so far.
  public func triggerScan(
    ifindex: Int32, frequencies: [Int] = [], ssids: [[UInt8]] = [], timeout: Duration,
    progress: ((Duration) -> Void)? = nil
  ) throws(NetlinkError) -> ScanOutcome {
    let operation = "trigger scan"
    let group = unsafe genl_ctrl_resolve_grp(
      socket.raw, NL80211.familyName, NL80211.scanMulticastGroup)
    try Libnl.check(group, "resolve the nl80211 scan multicast group")

    let events = try NetlinkSocket(operation: operation)
    unsafe nl_socket_disable_seq_check(events.raw)
    try events.connect(operation: operation)
    unsafe nl_socket_enable_msg_peek(events.raw)
    _ = unsafe nl_socket_set_buffer_size(events.raw, 1 << 20, 0)
    try Libnl.check(unsafe nl_socket_add_membership(events.raw, group), operation)
    try Libnl.check(unsafe nl_socket_set_nonblocking(events.raw), operation)

    var attributes: [RequestAttribute] = [.u32(.ifindex, UInt32(bitPattern: ifindex))]
    attributes.append(.bytesList(.scanSSIDs, [[]] + ssids))
    if !frequencies.isEmpty {
      attributes.append(.u32List(.scanFrequencies, frequencies.map { UInt32(clamping: $0) }))
    }
    let clock = ContinuousClock()
    let start = clock.now
    _ = try request(
      .triggerScan, dump: false, operation: operation, ifindex: ifindex, attributes: attributes)

    let callbacks = try NetlinkCallbacks(operation: operation)
    let collector = ReplyCollector()
    Libnl.install(callbacks, collector, acceptAnySequence: true)
    var started = false
    let deadline = start + timeout
    while true {
      // Read every event already queued.
      while true {
        let code = withExtendedLifetime(collector) {
          unsafe nl_recvmsgs(events.raw, callbacks.raw)
        }
        if code == -NLE_AGAIN { break }
        // -NLE_NOMEM here is ENOBUFS: events were dropped; keep waiting (bounded by timeout).
        if code < 0 && code != -NLE_NOMEM { throw Libnl.error(operation, code) }
      }
      for event in collector.messages {
        guard let table = try? event.table(), let index = try? table.u32(.ifindex),
          Int32(bitPattern: index) == ifindex
        else { continue }
        switch event.knownCommand {
        case .triggerScan: started = true
        case .newScanResults where started: return .finished
        case .scanAborted where started: return .aborted
        default: break
        }
      }
      collector.messages.removeAll()

      let now = clock.now
      if now >= deadline { throw .timeout(operation: operation, after: timeout) }
      progress?(now - start)
      let wait = min(deadline - now, .milliseconds(200))
      var descriptor = pollfd(fd: events.fileDescriptor, events: Int16(POLLIN), revents: 0)
      let milliseconds =
        Int32(
          wait.components.seconds * 1000
            + wait.components.attoseconds / 1_000_000_000_000_000) + 1
      let ready = unsafe poll(&descriptor, 1, milliseconds)
      if ready < 0 && errno != EINTR {
        throw .kernel(operation: "wait for scan events", errno: errno)
      }
    }
  }

  // MARK: the request funnel

  /// Sends one nl80211 request on the client's socket and collects its replies until the
  /// ACK (plain request) or DONE (dump). The kernel's errno is captured by the error
  /// callback and mapped here; libnl's own failures stay libnl errors. A dump interrupted by
  /// a change of the kernel's list (`NLE_DUMP_INTR`) is retried twice.
  private func request(
    _ command: NL80211.Command, dump: Bool, operation: String, ifindex: Int32? = nil,
    attributes: [RequestAttribute]
  ) throws(NetlinkError) -> [NL80211Message] {
    var attempt = 0
    while true {
      attempt += 1
      let message = try NetlinkMessage(operation: operation)
      let flags = dump ? NLM_F_DUMP : 0
      guard
        unsafe genlmsg_put(
          message.raw, UInt32(NL_AUTO_PORT), UInt32(NL_AUTO_SEQ), family, 0, flags,
          command.rawValue, 0) != nil
      else { throw Libnl.error(operation, -NLE_NOMEM) }
      for attribute in attributes {
        try Libnl.put(attribute, into: message, operation: operation)
      }
      try Libnl.check(unsafe nl_send_auto(socket.raw, message.raw), operation)

      let callbacks = try NetlinkCallbacks(operation: operation)
      let collector = ReplyCollector()
      Libnl.install(callbacks, collector)
      var code: Int32 = 0
      while !collector.finished {
        code = withExtendedLifetime(collector) {
          unsafe nl_recvmsgs(socket.raw, callbacks.raw)
        }
        if code < 0 { break }
      }
      if let errno = collector.kernelErrno, errno != 0 {
        throw NL80211Client.map(errno: errno, operation: operation, ifindex: ifindex)
      }
      if code == -NLE_DUMP_INTR && attempt < 3 { continue }
      if code == -NLE_AGAIN { throw .timeout(operation: operation, after: replyTimeout) }
      if code < 0 { throw Libnl.error(operation, code) }
      if let length = collector.malformed.first {
        throw .malformedReply(operation: operation, .truncatedMessage(length: length))
      }
      return collector.messages
    }
  }

  /// The kernel's errno as a `NetlinkError`.
  static func map(errno: Int32, operation: String, ifindex: Int32?) -> NetlinkError {
    switch errno {
    case EPERM, EACCES: return .permissionDenied(operation: operation)
    case EBUSY: return .busy(operation: operation)
    case ENETDOWN: return .interfaceDown(ifindex.flatMap(interfaceName))
    case ENODEV: return .noSuchInterface(ifindex ?? 0)
    default: return .kernel(operation: operation, errno: errno)
    }
  }

  /// The name of a network interface, from its index.
  static func interfaceName(_ ifindex: Int32) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(IF_NAMESIZE) + 1)
    let name = unsafe buffer.withUnsafeMutableBufferPointer { pointer -> String? in
      guard let base = pointer.baseAddress,
        unsafe if_indextoname(UInt32(bitPattern: ifindex), base) != nil
      else { return nil }
      return unsafe String(cString: base)
    }
    return name
  }
}
