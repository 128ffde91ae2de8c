/// The nl80211 numbers wifirisk uses, from the kernel's `include/uapi/linux/nl80211.h`
/// (`enum nl80211_commands`, `nl80211_attrs`, `nl80211_bss`, `nl80211_sta_info`,
/// `nl80211_rate_info`, `nl80211_iftype`). They are kernel ABI: values never change and new
/// ones are only appended. WifiRiskNetlinkTests checks each against the C header.
public enum NL80211 {
  /// The generic netlink family name (`NL80211_GENL_NAME`).
  public static let familyName = "nl80211"
  /// The multicast group that carries scan start/finish/abort events
  /// (`NL80211_MULTICAST_GROUP_SCAN`).
  public static let scanMulticastGroup = "scan"
  /// The multicast group that carries connect, roam and disconnect events
  /// (`NL80211_MULTICAST_GROUP_MLME`).
  public static let mlmeMulticastGroup = "mlme"

  /// `enum nl80211_commands` (the `cmd` byte of the generic netlink header).
  public enum Command: UInt8, Sendable, CaseIterable {
    case getInterface = 5  // NL80211_CMD_GET_INTERFACE
    case newInterface = 7  // NL80211_CMD_NEW_INTERFACE (reply to GET_INTERFACE)
    case getStation = 17  // NL80211_CMD_GET_STATION
    case newStation = 19  // NL80211_CMD_NEW_STATION (reply to GET_STATION)
    case getScan = 32  // NL80211_CMD_GET_SCAN
    case triggerScan = 33  // NL80211_CMD_TRIGGER_SCAN (request, and the "scan started" event)
    case newScanResults = 34  // NL80211_CMD_NEW_SCAN_RESULTS (dump reply, "scan finished" event)
    case scanAborted = 35  // NL80211_CMD_SCAN_ABORTED
    case connect = 46  // NL80211_CMD_CONNECT (event: the result of a connection attempt)
    case roam = 47  // NL80211_CMD_ROAM (event: moved to another access point)
    case disconnect = 48  // NL80211_CMD_DISCONNECT (event: the connection ended)
  }

  /// `enum nl80211_attrs`: the top-level attributes of an nl80211 message.
  public enum Attribute: UInt16, NetlinkAttributeKey {
    case wiphy = 1  // u32
    case ifindex = 3  // u32
    case ifname = 4  // NUL-terminated string
    case iftype = 5  // u32, enum nl80211_iftype
    case mac = 6  // 6 bytes
    case staInfo = 21  // nested, enum nl80211_sta_info
    case wiphyFreq = 38  // u32, MHz
    case scanFrequencies = 44  // nested list of u32
    case scanSSIDs = 45  // nested list of binary SSIDs
    case generation = 46  // u32
    case bss = 47  // nested, enum nl80211_bss
    case ssid = 52  // binary, 0...32 bytes
    case statusCode = 72  // u16, 802.11 status code (NL80211_ATTR_STATUS_CODE)
    case txPowerLevel = 98  // u32, mBm (NL80211_ATTR_WIPHY_TX_POWER_LEVEL)
    case wdev = 153  // u64
    case channelWidth = 159  // u32, enum nl80211_chan_width

    public static let containerName = "nl80211"
  }

  /// `enum nl80211_bss`: the attributes nested in `NL80211_ATTR_BSS`.
  public enum BSSAttribute: UInt16, NetlinkAttributeKey {
    case bssid = 1  // 6 bytes
    case frequency = 2  // u32, MHz
    case tsf = 3  // u64
    case beaconInterval = 4  // u16, TUs
    case capability = 5  // u16
    case informationElements = 6  // binary
    case signalMBm = 7  // s32, mBm
    case signalUnspec = 8  // u8, 0...100
    case status = 9  // u32, enum nl80211_bss_status
    case seenMsAgo = 10  // u32
    case beaconIEs = 11  // binary
    case channelWidth = 12  // u32, enum nl80211_bss_scan_width
    case beaconTSF = 13  // u64
    case probeResponseData = 14  // flag (NL80211_BSS_PRESP_DATA)
    case lastSeenBoottime = 15  // u64, ns since boot
    case pad = 16
    case parentTSF = 17  // u64
    case parentBSSID = 18  // 6 bytes
    case chainSignal = 19  // nested
    case frequencyOffset = 20  // u32, kHz

    public static let containerName = "nl80211 BSS"
  }

  /// `enum nl80211_sta_info`: the attributes nested in `NL80211_ATTR_STA_INFO`.
  public enum StationInfoAttribute: UInt16, NetlinkAttributeKey {
    case inactiveTime = 1  // u32, ms
    case rxBytes = 2  // u32
    case txBytes = 3  // u32
    case signal = 7  // u8, s8 dBm
    case txBitrate = 8  // nested, enum nl80211_rate_info
    case rxPackets = 9  // u32
    case txPackets = 10  // u32
    case txRetries = 11  // u32
    case txFailed = 12  // u32
    case signalAverage = 13  // u8, s8 dBm
    case rxBitrate = 14  // nested, enum nl80211_rate_info
    case connectedTime = 16  // u32, seconds
    case rxBytes64 = 23  // u64
    case txBytes64 = 24  // u64
    case beaconSignalAverage = 30  // u8, s8 dBm

    public static let containerName = "nl80211 STA_INFO"
  }

  /// `enum nl80211_rate_info`: the attributes nested in a station's TX/RX bitrate.
  public enum RateInfoAttribute: UInt16, NetlinkAttributeKey {
    case bitrate = 1  // u16, 100 kbit/s
    case mcs = 2  // u8
    case width40MHz = 3  // flag
    case shortGI = 4  // flag
    case bitrate32 = 5  // u32, 100 kbit/s

    public static let containerName = "nl80211 RATE_INFO"
  }
}

/// A set of attribute numbers that belong together (one nl80211 enum).
public protocol NetlinkAttributeKey: RawRepresentable, Sendable, CaseIterable
where RawValue == UInt16 {
  /// How error messages name the list these attributes live in.
  static var containerName: String { get }
}

extension NetlinkAttributeKey {
  /// `container.case (number)`, for error messages.
  public var attributeName: String { "\(Self.containerName) \(self) (\(rawValue))" }
}
