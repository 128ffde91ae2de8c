import CIw
import Glibc
import WifiRiskCore
import WifiRiskSyscalls

/// A network interface that answers Wireless Extensions.
public struct WextInterface: Sendable, Equatable {
  public var name: String
  /// The answer to `SIOCGIWNAME`, e.g. "IEEE 802.11".
  public var protocolName: String
  public var ifindex: Int32?
  /// The radio's index (`phyN`) when the driver is a cfg80211 one
  /// (`/sys/class/net/NAME/phy80211`).
  public var phy: UInt32?

  public init(name: String, protocolName: String, ifindex: Int32? = nil, phy: UInt32? = nil) {
    self.name = name
    self.protocolName = protocolName
    self.ifindex = ifindex
    self.phy = phy
  }

  /// cfg80211 drivers answer Wireless Extensions through cfg80211's compatibility layer,
  /// which passes every element of a BSS; other drivers may pass only WPA/RSN elements.
  public var cfg80211: Bool { phy != nil }
}

/// Wireless Extensions requests through libiw: the fallback for interfaces nl80211 cannot
/// reach. Owns its ioctl socket; the socket is closed when the client goes away.
///
/// Listing interfaces, reading cached scan results and the current association needs no
/// privilege; triggering a scan needs CAP_NET_ADMIN.
public struct WextClient: ~Copyable {
  private let socket: WextSocket
  /// How the kernel lays out scan events for this process.
  public let layout: WextStreamLayout

  public init() throws(WextError) {
    self.socket = try WextSocket()
    self.layout = .native
  }

  // MARK: interfaces

  /// The interface's answer to `SIOCGIWNAME` ("IEEE 802.11").
  public func protocolName(_ interface: String) throws(WextError) -> String {
    try WextClient.check(interface)
    // A kernel without Wireless Extensions answers ENOTTY for every name: ask first whether
    // the interface exists at all.
    guard WextClient.ifindex(interface) != nil else { throw .noSuchInterface(interface) }
    var request = unsafe iwreq()
    let status = unsafe socket.call(Int32(SIOCGIWNAME), interface, &request)
    switch status {
    case 0:
      let name = unsafe withUnsafeBytes(of: request.u.name) { raw in
        unsafe Array(raw.prefix { $0 != 0 })
      }
      return String(decoding: name, as: UTF8.self)
    case ENODEV: throw .noSuchInterface(interface)
    default: throw .notWireless(interface)
    }
  }

  /// Every interface (from `/sys/class/net` and `/proc/net/wireless`) that answers
  /// `SIOCGIWNAME`, sorted by name.
  public func interfaces() -> [WextInterface] {
    var names = Set(Syscalls.directoryEntries("/sys/class/net"))
    if let text = Syscalls.readSmallText("/proc/net/wireless") {
      // "face | sta...": two header lines, then "  wlan0: 0000 ..." per interface.
      for line in text.split(separator: "\n").dropFirst(2) {
        guard let colon = line.firstIndex(of: ":") else { continue }
        let name = line[..<colon].trimmingSpaces
        if !name.isEmpty { names.insert(name) }
      }
    }
    var out: [WextInterface] = []
    for name in names.sorted() {
      guard let protocolName = try? protocolName(name) else { continue }
      out.append(
        WextInterface(
          name: name, protocolName: protocolName, ifindex: WextClient.ifindex(name),
          phy: Syscalls.readSmallText("/sys/class/net/\(name)/phy80211/index").flatMap {
            UInt32($0.trimmingSpaces)
          }))
    }
    return out
  }

  // MARK: association

  /// The interface's current access point, network name, frequency and mode. Fields the
  /// driver does not answer stay nil.
  public func link(_ interface: String) throws(WextError) -> WextLink {
    try WextClient.check(interface)
    var request = unsafe iwreq()
    var address: [UInt8]?
    if unsafe socket.call(Int32(SIOCGIWAP), interface, &request) == 0 {
      address = unsafe withUnsafeBytes(of: request.u.ap_addr.sa_data) { unsafe Array($0.prefix(6)) }
    }
    var essid: [UInt8]?
    let answer = socket.callWithBuffer(
      Int32(SIOCGIWESSID), interface, capacity: Int(IW_ESSID_MAX_SIZE) + 1)
    if answer.status == 0 && answer.flags != 0 { essid = answer.data }
    unsafe request = iwreq()
    var frequency: WextFrequency?
    if unsafe socket.call(Int32(SIOCGIWFREQ), interface, &request) == 0 {
      let value = unsafe request.u.freq
      frequency = WextFrequency(
        mantissa: value.m, exponent: value.e, index: value.i, flags: value.flags)
    }
    unsafe request = iwreq()
    var mode: UInt32?
    if unsafe socket.call(Int32(SIOCGIWMODE), interface, &request) == 0 {
      mode = unsafe request.u.mode
    }
    return WextLink(address: address, essid: essid, frequency: frequency, mode: mode)
  }

  // MARK: scanning

  /// Starts a scan (`SIOCSIWSCAN`); the results are read with `scanResultBytes`, which
  /// waits while the scan runs.
  ///
  /// - Parameters:
  ///   - frequencies: MHz values to scan (at most 32, `IW_MAX_FREQUENCIES`); empty scans
  ///     every channel.
  ///   - ssid: one network name to probe for (Wireless Extensions take one).
  public func triggerScan(
    _ interface: String, frequencies: [Int] = [], ssid: [UInt8]? = nil
  ) throws(WextError) {
    try WextClient.check(interface)
    let operation = "trigger a Wireless Extensions scan on \(interface)"
    var parameters = iw_scan_req()
    var flags: UInt16 = 0
    if let ssid {
      let count = min(ssid.count, Int(IW_ESSID_MAX_SIZE))
      parameters.essid_len = UInt8(count)
      unsafe withUnsafeMutableBytes(of: &parameters.essid) { raw in
        for index in 0..<min(count, raw.count) { unsafe raw[index] = ssid[index] }
      }
      flags |= UInt16(IW_SCAN_THIS_ESSID)
    }
    if !frequencies.isEmpty {
      let list = frequencies.prefix(Int(IW_MAX_FREQUENCIES))
      parameters.num_channels = UInt8(list.count)
      unsafe withUnsafeMutablePointer(to: &parameters.channel_list) { tuple in
        unsafe tuple.withMemoryRebound(to: iw_freq.self, capacity: list.count) { entries in
          for (index, megahertz) in list.enumerated() {
            unsafe entries[index] = iw_freq(
              m: Int32(clamping: megahertz), e: 6, i: 0, flags: 0)
          }
        }
      }
      flags |= UInt16(IW_SCAN_THIS_FREQ)
    }
    let withParameters = flags != 0
    let status = unsafe withUnsafeMutableBytes(of: &parameters) { raw -> Int32 in
      var request = unsafe iwreq()
      if withParameters {
        unsafe request.u.data.pointer = raw.baseAddress
        unsafe request.u.data.length = UInt16(raw.count)
      }
      unsafe request.u.data.flags = flags
      return unsafe socket.call(Int32(SIOCSIWSCAN), interface, &request)
    }
    if status != 0 { throw WextClient.map(status, operation: operation, interface: interface) }
  }

  /// The raw event stream of the interface's scan results (`SIOCGIWSCAN`), copied out.
  ///
  /// The buffer grows on E2BIG (to the size the driver asks for, else twice the size) up to
  /// the 65535 bytes the request's length field allows. While a scan runs the kernel
  /// answers EAGAIN: the request is repeated every 100 ms until `timeout` has passed.
  public func scanResultBytes(
    _ interface: String, timeout: Duration, progress: ((Duration) -> Void)? = nil
  ) throws(WextError) -> [UInt8] {
    try WextClient.check(interface)
    let operation = "read the Wireless Extensions scan results of \(interface)"
    let clock = ContinuousClock()
    let start = clock.now
    let deadline = start + timeout
    var capacity = Int(IW_SCAN_MAX_DATA)
    while true {
      let answer = socket.callWithBuffer(Int32(SIOCGIWSCAN), interface, capacity: capacity)
      switch answer.status {
      case 0:
        return answer.data
      case E2BIG:
        let largest = Int(UInt16.max)
        if capacity >= largest { throw .resultsTooLarge(interface: interface, bytes: largest) }
        capacity = min(largest, max(capacity * 2, answer.length))
      case EAGAIN:
        let now = clock.now
        if now >= deadline { throw .timeout(operation: operation, after: timeout) }
        progress?(now - start)
        _ = usleep(100_000)
      default:
        throw WextClient.map(answer.status, operation: operation, interface: interface)
      }
    }
  }

  /// The scan results, decoded.
  public func scanResults(
    _ interface: String, timeout: Duration, progress: ((Duration) -> Void)? = nil
  ) throws(WextError) -> WextScan {
    WextScan(
      bytes: try scanResultBytes(interface, timeout: timeout, progress: progress),
      layout: layout)
  }

  // MARK: helpers

  static func check(_ interface: String) throws(WextError) {
    let bytes = Array(interface.utf8)
    guard (1...Int(IFNAMSIZ) - 1).contains(bytes.count), !bytes.contains(0),
      !bytes.contains(UInt8(ascii: "/"))
    else { throw .badInterfaceName(interface) }
  }

  static func map(_ errno: Int32, operation: String, interface: String) -> WextError {
    switch errno {
    case EPERM, EACCES: .permissionDenied(operation: operation)
    case EBUSY: .busy(operation: operation)
    case ENETDOWN: .interfaceDown(interface)
    case ENODEV: .noSuchInterface(interface)
    case EOPNOTSUPP: .notWireless(interface)
    default: .system(operation: operation, errno: errno)
    }
  }

  static func ifindex(_ name: String) -> Int32? {
    let index = unsafe if_nametoindex(name)
    return index == 0 ? nil : Int32(bitPattern: index)
  }
}

extension StringProtocol {
  /// Without leading and trailing blanks and newlines.
  var trimmingSpaces: String {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" }
    guard let first = firstIndex(where: { !blank($0) }),
      let last = lastIndex(where: { !blank($0) })
    else { return "" }
    return String(self[first...last])
  }
}
