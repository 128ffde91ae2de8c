/// A wireless interface as nl80211's `GET_INTERFACE` reports it.
public struct WirelessInterface: Sendable, Equatable {
  /// The network interface name; absent for wireless devices that are not network
  /// interfaces (P2P-device and NAN).
  public var name: String?
  /// The network interface index; absent like `name`.
  public var ifindex: Int32?
  /// The index of the radio (`phy#N`).
  public var wiphy: UInt32
  public var type: WirelessInterfaceType
  public var mac: MACAddress?
  /// The SSID of the network a station interface is connected to.
  public var ssid: [UInt8]?
  /// The wireless device identifier (unique across radios).
  public var wdev: UInt64?
  /// The operating frequency in MHz, when the interface is on a channel.
  public var frequency: Int?
  /// Transmit power in mBm.
  public var txPowerMBm: Int?

  public init(
    name: String? = nil, ifindex: Int32? = nil, wiphy: UInt32, type: WirelessInterfaceType,
    mac: MACAddress? = nil, ssid: [UInt8]? = nil, wdev: UInt64? = nil, frequency: Int? = nil,
    txPowerMBm: Int? = nil
  ) {
    self.name = name
    self.ifindex = ifindex
    self.wiphy = wiphy
    self.type = type
    self.mac = mac
    self.ssid = ssid
    self.wdev = wdev
    self.frequency = frequency
    self.txPowerMBm = txPowerMBm
  }

  /// Decodes a `NL80211_CMD_NEW_INTERFACE` message. Needs `NL80211_ATTR_WIPHY` and
  /// `NL80211_ATTR_IFTYPE`.
  public init(message: NL80211Message) throws(NetlinkDecodeError) {
    let table = try message.table()
    self.init(
      name: table.string(.ifname),
      ifindex: try table.u32(.ifindex).map { Int32(bitPattern: $0) },
      wiphy: try table.required(try table.u32(.wiphy), .wiphy),
      type: WirelessInterfaceType(rawValue: try table.required(try table.u32(.iftype), .iftype)),
      mac: try table.mac(.mac),
      ssid: table.bytes(.ssid),
      wdev: try table.u64(.wdev),
      frequency: try table.u32(.wiphyFreq).map { Int($0) },
      txPowerMBm: try table.s32(.txPowerLevel).map { Int($0) }
    )
  }
}

/// `enum nl80211_iftype`, keeping values this build does not know.
public enum WirelessInterfaceType: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
  case unspecified
  case adhoc
  case station
  case accessPoint
  case accessPointVLAN
  case wds
  case monitor
  case meshPoint
  case p2pClient
  case p2pGroupOwner
  case p2pDevice
  case ocb
  case nan
  case unknown(UInt32)

  public init(rawValue: UInt32) {
    switch rawValue {
    case 0: self = .unspecified
    case 1: self = .adhoc
    case 2: self = .station
    case 3: self = .accessPoint
    case 4: self = .accessPointVLAN
    case 5: self = .wds
    case 6: self = .monitor
    case 7: self = .meshPoint
    case 8: self = .p2pClient
    case 9: self = .p2pGroupOwner
    case 10: self = .p2pDevice
    case 11: self = .ocb
    case 12: self = .nan
    default: self = .unknown(rawValue)
    }
  }

  public var rawValue: UInt32 {
    switch self {
    case .unspecified: 0
    case .adhoc: 1
    case .station: 2
    case .accessPoint: 3
    case .accessPointVLAN: 4
    case .wds: 5
    case .monitor: 6
    case .meshPoint: 7
    case .p2pClient: 8
    case .p2pGroupOwner: 9
    case .p2pDevice: 10
    case .ocb: 11
    case .nan: 12
    case .unknown(let value): value
    }
  }

  /// The words `iw dev` prints.
  public var description: String {
    switch self {
    case .unspecified: "unspecified"
    case .adhoc: "IBSS"
    case .station: "managed"
    case .accessPoint: "AP"
    case .accessPointVLAN: "AP/VLAN"
    case .wds: "WDS"
    case .monitor: "monitor"
    case .meshPoint: "mesh point"
    case .p2pClient: "P2P-client"
    case .p2pGroupOwner: "P2P-GO"
    case .p2pDevice: "P2P-device"
    case .ocb: "outside context of a BSS"
    case .nan: "NAN"
    case .unknown(let value): "unknown (\(value))"
    }
  }

  /// Every named type (for tests against the C header).
  public static let known: [WirelessInterfaceType] = [
    .unspecified, .adhoc, .station, .accessPoint, .accessPointVLAN, .wds, .monitor, .meshPoint,
    .p2pClient, .p2pGroupOwner, .p2pDevice, .ocb, .nan,
  ]
}
