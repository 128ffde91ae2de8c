/// What nl80211's `GET_STATION` reports about a peer: for a client interface, the access
/// point it is connected to.
public struct StationInfo: Sendable, Equatable {
  public var mac: MACAddress
  public var ifindex: Int32?
  /// Signal of the last received frame, in dBm.
  public var signalDBm: Int?
  public var signalAverageDBm: Int?
  public var beaconSignalAverageDBm: Int?
  /// Bitrates in units of 100 kbit/s (so 65 is 6.5 Mbit/s), as nl80211 reports them.
  public var txBitrate: Int?
  public var rxBitrate: Int?
  /// How long the station has been connected, in seconds.
  public var connectedSeconds: Int?
  /// Time since the last activity, in milliseconds.
  public var inactiveMs: Int?
  public var rxBytes: UInt64?
  public var txBytes: UInt64?
  public var rxPackets: UInt32?
  public var txPackets: UInt32?
  public var txRetries: UInt32?
  public var txFailed: UInt32?

  public init(
    mac: MACAddress, ifindex: Int32? = nil, signalDBm: Int? = nil, signalAverageDBm: Int? = nil,
    beaconSignalAverageDBm: Int? = nil, txBitrate: Int? = nil, rxBitrate: Int? = nil,
    connectedSeconds: Int? = nil, inactiveMs: Int? = nil, rxBytes: UInt64? = nil,
    txBytes: UInt64? = nil, rxPackets: UInt32? = nil, txPackets: UInt32? = nil,
    txRetries: UInt32? = nil, txFailed: UInt32? = nil
  ) {
    self.mac = mac
    self.ifindex = ifindex
    self.signalDBm = signalDBm
    self.signalAverageDBm = signalAverageDBm
    self.beaconSignalAverageDBm = beaconSignalAverageDBm
    self.txBitrate = txBitrate
    self.rxBitrate = rxBitrate
    self.connectedSeconds = connectedSeconds
    self.inactiveMs = inactiveMs
    self.rxBytes = rxBytes
    self.txBytes = txBytes
    self.rxPackets = rxPackets
    self.txPackets = txPackets
    self.txRetries = txRetries
    self.txFailed = txFailed
  }

  /// Decodes a `NL80211_CMD_NEW_STATION` message. Needs `NL80211_ATTR_MAC` and
  /// `NL80211_ATTR_STA_INFO`.
  public init(message: NL80211Message) throws(NetlinkDecodeError) {
    let top = try message.table()
    let mac = try top.required(try top.mac(.mac), .mac)
    let info = try top.required(
      try top.nested(.staInfo, as: NL80211.StationInfoAttribute.self), .staInfo)
    self.init(
      mac: mac,
      ifindex: try top.u32(.ifindex).map { Int32(bitPattern: $0) },
      signalDBm: try info.s8(.signal).map { Int($0) },
      signalAverageDBm: try info.s8(.signalAverage).map { Int($0) },
      beaconSignalAverageDBm: try info.s8(.beaconSignalAverage).map { Int($0) },
      txBitrate: try StationInfo.bitrate(info, .txBitrate),
      rxBitrate: try StationInfo.bitrate(info, .rxBitrate),
      connectedSeconds: try info.u32(.connectedTime).map { Int($0) },
      inactiveMs: try info.u32(.inactiveTime).map { Int($0) },
      rxBytes: try StationInfo.counter(info, wide: .rxBytes64, narrow: .rxBytes),
      txBytes: try StationInfo.counter(info, wide: .txBytes64, narrow: .txBytes),
      rxPackets: try info.u32(.rxPackets),
      txPackets: try info.u32(.txPackets),
      txRetries: try info.u32(.txRetries),
      txFailed: try info.u32(.txFailed)
    )
  }

  /// The bitrate in a nested `enum nl80211_rate_info`: the 32-bit value when present (rates
  /// above 6.5 Gbit/s do not fit the 16-bit one), else the 16-bit one.
  static func bitrate(
    _ info: NetlinkAttributeTable<NL80211.StationInfoAttribute>,
    _ key: NL80211.StationInfoAttribute
  ) throws(NetlinkDecodeError) -> Int? {
    guard let rate = try info.nested(key, as: NL80211.RateInfoAttribute.self) else { return nil }
    if let wide = try rate.u32(.bitrate32) { return Int(wide) }
    return try rate.u16(.bitrate).map { Int($0) }
  }

  /// A byte counter: the 64-bit attribute when present, else the 32-bit one (which wraps).
  static func counter(
    _ info: NetlinkAttributeTable<NL80211.StationInfoAttribute>,
    wide: NL80211.StationInfoAttribute, narrow: NL80211.StationInfoAttribute
  ) throws(NetlinkDecodeError) -> UInt64? {
    if let value = try info.u64(wide) { return value }
    return try info.u32(narrow).map { UInt64($0) }
  }

  /// A bitrate in units of 100 kbit/s as Mbit/s text: `65` is `6.5`.
  public static func megabits(_ bitrate: Int) -> String {
    bitrate % 10 == 0 ? "\(bitrate / 10)" : "\(bitrate / 10).\(bitrate % 10)"
  }
}
