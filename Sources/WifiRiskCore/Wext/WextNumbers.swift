/// A Wireless Extensions request or event number (`SIOCGIW*`, `IWEV*` in `linux/wireless.h`,
/// WE-22), as it appears in the `cmd` field of an event in a scan result stream. Numbers this
/// build does not know are kept.
public struct WextCommand: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: UInt16
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// The wireless protocol name ("IEEE 802.11"): answering it is what makes an interface
  /// a Wireless Extensions interface.
  public static let name = WextCommand(rawValue: 0x8B01)
  public static let networkID = WextCommand(rawValue: 0x8B03)
  /// Channel or frequency (`struct iw_freq`).
  public static let frequency = WextCommand(rawValue: 0x8B05)
  /// Operation mode (`IW_MODE_*`).
  public static let mode = WextCommand(rawValue: 0x8B07)
  public static let sensitivity = WextCommand(rawValue: 0x8B09)
  /// Access point address: in a scan stream, the start of a new cell.
  public static let accessPoint = WextCommand(rawValue: 0x8B15)
  public static let triggerScan = WextCommand(rawValue: 0x8B18)
  public static let scanResults = WextCommand(rawValue: 0x8B19)
  /// Network name, with flags (1: a name is set).
  public static let essid = WextCommand(rawValue: 0x8B1B)
  public static let nickname = WextCommand(rawValue: 0x8B1D)
  /// Bit rates, one `struct iw_param` per rate, several in one event.
  public static let rate = WextCommand(rawValue: 0x8B21)
  public static let rtsThreshold = WextCommand(rawValue: 0x8B23)
  public static let fragmentationThreshold = WextCommand(rawValue: 0x8B25)
  public static let transmitPower = WextCommand(rawValue: 0x8B27)
  public static let retry = WextCommand(rawValue: 0x8B29)
  /// Encoding (privacy) flags; in a scan stream the key itself is never present.
  public static let encode = WextCommand(rawValue: 0x8B2B)
  public static let power = WextCommand(rawValue: 0x8B2D)
  public static let modulation = WextCommand(rawValue: 0x8B2F)
  public static let getGenericIE = WextCommand(rawValue: 0x8B31)
  public static let authentication = WextCommand(rawValue: 0x8B33)
  public static let encodeExtended = WextCommand(rawValue: 0x8B35)
  public static let transmitDrop = WextCommand(rawValue: 0x8C00)
  /// Link quality, signal level and noise (`struct iw_quality`).
  public static let quality = WextCommand(rawValue: 0x8C01)
  /// Driver-specific text ("tsf=...", " Last beacon: 120ms ago", "wpa_ie=dd...").
  public static let custom = WextCommand(rawValue: 0x8C02)
  public static let registered = WextCommand(rawValue: 0x8C03)
  public static let expired = WextCommand(rawValue: 0x8C04)
  /// Raw information elements, as the access point sent them.
  public static let genericIE = WextCommand(rawValue: 0x8C05)
  public static let michaelMICFailure = WextCommand(rawValue: 0x8C06)
  public static let associationRequestIE = WextCommand(rawValue: 0x8C07)
  public static let associationResponseIE = WextCommand(rawValue: 0x8C08)
  public static let pmkidCandidate = WextCommand(rawValue: 0x8C09)

  /// The shape of the event's fixed payload (the kernel's `standard_ioctl` and
  /// `standard_event` descriptor tables); nil for numbers this build does not know.
  public var payloadKind: WextPayloadKind? { WextCommand.kinds[rawValue] }

  private static let kinds: [UInt16: WextPayloadKind] = [
    0x8B01: .text, 0x8B03: .parameter, 0x8B05: .frequency, 0x8B07: .integer,
    0x8B09: .parameter, 0x8B15: .address, 0x8B18: .point, 0x8B19: .point, 0x8B1B: .point,
    0x8B1D: .point, 0x8B21: .parameter, 0x8B23: .parameter, 0x8B25: .parameter,
    0x8B27: .parameter, 0x8B29: .parameter, 0x8B2B: .point, 0x8B2D: .parameter,
    0x8B2F: .parameter, 0x8B31: .point, 0x8B33: .parameter, 0x8B35: .point,
    0x8C00: .address, 0x8C01: .quality, 0x8C02: .point, 0x8C03: .address, 0x8C04: .address,
    0x8C05: .point, 0x8C06: .point, 0x8C07: .point, 0x8C08: .point, 0x8C09: .point,
  ]

  private static let names: [UInt16: String] = [
    0x8B01: "SIOCGIWNAME", 0x8B03: "SIOCGIWNWID", 0x8B05: "SIOCGIWFREQ", 0x8B07: "SIOCGIWMODE",
    0x8B09: "SIOCGIWSENS", 0x8B15: "SIOCGIWAP", 0x8B18: "SIOCSIWSCAN", 0x8B19: "SIOCGIWSCAN",
    0x8B1B: "SIOCGIWESSID", 0x8B1D: "SIOCGIWNICKN", 0x8B21: "SIOCGIWRATE",
    0x8B23: "SIOCGIWRTS", 0x8B25: "SIOCGIWFRAG", 0x8B27: "SIOCGIWTXPOW",
    0x8B29: "SIOCGIWRETRY", 0x8B2B: "SIOCGIWENCODE", 0x8B2D: "SIOCGIWPOWER",
    0x8B2F: "SIOCGIWMODUL", 0x8B31: "SIOCGIWGENIE", 0x8B33: "SIOCGIWAUTH",
    0x8B35: "SIOCGIWENCODEEXT", 0x8C00: "IWEVTXDROP", 0x8C01: "IWEVQUAL",
    0x8C02: "IWEVCUSTOM", 0x8C03: "IWEVREGISTERED", 0x8C04: "IWEVEXPIRED",
    0x8C05: "IWEVGENIE", 0x8C06: "IWEVMICHAELMICFAILURE", 0x8C07: "IWEVASSOCREQIE",
    0x8C08: "IWEVASSOCRESPIE", 0x8C09: "IWEVPMKIDCAND",
  ]

  /// The name in `linux/wireless.h`, or `0x8b7f` for an unknown number.
  public var description: String {
    WextCommand.names[rawValue] ?? "0x" + Hex.byte(UInt8(rawValue >> 8))
      + Hex.byte(UInt8(rawValue & 0xFF))
  }
}

/// The fixed payload of an event (`IW_HEADER_TYPE_*`).
public enum WextPayloadKind: Sendable, Equatable {
  /// `char name[IFNAMSIZ]`: 16 bytes.
  case text
  /// `__u32`: 4 bytes.
  case integer
  /// `struct iw_freq`: 8 bytes.
  case frequency
  /// `struct sockaddr`: 16 bytes.
  case address
  /// `struct iw_point` without its pointer: length and flags, then the data.
  case point
  /// `struct iw_param`: 8 bytes, repeated when the event carries several values.
  case parameter
  /// `struct iw_quality`: 4 bytes.
  case quality

  /// Bytes of one value in the stream; for `point`, the length and flags fields.
  public var size: Int {
    switch self {
    case .text: 16
    case .integer: 4
    case .frequency: 8
    case .address: 16
    case .point: 4
    case .parameter: 8
    case .quality: 4
    }
  }
}

/// Flag and mode values of `linux/wireless.h` that a scan stream uses.
public enum WextFlags {
  /// `IW_ENCODE_DISABLED` in the flags of `SIOCGIWENCODE`: the cell uses no privacy.
  public static let encodeDisabled: UInt16 = 0x8000
  /// `IW_ENCODE_NOKEY`: the key is not shown (always so in scan results).
  public static let encodeNoKey: UInt16 = 0x0800
  /// `IW_QUAL_DBM` in `iw_quality.updated`: level and noise are dBm.
  public static let qualityDBm: UInt8 = 0x08
  /// `IW_QUAL_LEVEL_INVALID`: the level means nothing.
  public static let qualityLevelInvalid: UInt8 = 0x20
  /// `IW_QUAL_RCPI`: level and noise are 802.11k RCPI values.
  public static let qualityRCPI: UInt8 = 0x80
  /// `IW_MODE_ADHOC`: an independent (ad-hoc, IBSS) cell.
  public static let modeAdHoc: UInt32 = 1
  /// `IW_MODE_INFRA`: a client of an access point ("Managed").
  public static let modeManaged: UInt32 = 2
  /// `IW_MODE_MASTER`: an access point (in a scan: an infrastructure BSS).
  public static let modeMaster: UInt32 = 3
  /// `IW_MODE_MONITOR`.
  public static let modeMonitor: UInt32 = 6
  /// `IW_MODE_MESH`.
  public static let modeMesh: UInt32 = 7
  /// `ARPHRD_ETHER`: the address family of a BSSID in `struct sockaddr`.
  public static let addressFamilyEther: UInt16 = 1
}
