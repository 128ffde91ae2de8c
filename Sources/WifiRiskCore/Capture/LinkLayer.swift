/// The link-layer header type of a capture (tcpdump.org's LINKTYPE_* values, which libpcap
/// reports as DLT_* values; for the 802.11 types they are the same numbers).
public enum LinkType: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// Bare 802.11 frames (105, `IEEE802_11`).
  case ieee80211
  /// 802.11 frames behind a radiotap header (127, `IEEE802_11_RADIO`).
  case radiotap
  /// 802.11 frames behind a Prism monitor-mode header (119, `PRISM_HEADER`).
  case prism
  /// 802.11 frames behind an AVS monitor-mode header (163, `IEEE802_11_RADIO_AVS`).
  case avs
  /// Frames behind a Per-Packet Information header (192, `PPI`), which names its own payload.
  case ppi
  /// Anything else: Ethernet, raw IP, Bluetooth... No 802.11 frames to read.
  case other(Int)

  public init(rawValue: Int) {
    switch rawValue {
    case 105: self = .ieee80211
    case 127: self = .radiotap
    case 119: self = .prism
    case 163: self = .avs
    case 192: self = .ppi
    default: self = .other(rawValue)
    }
  }

  public var rawValue: Int {
    switch self {
    case .ieee80211: 105
    case .radiotap: 127
    case .prism: 119
    case .avs: 163
    case .ppi: 192
    case .other(let value): value
    }
  }

  /// True for the link types whose frames are 802.11 frames wifirisk can read.
  public var carries80211: Bool {
    if case .other = self { return false }
    return true
  }

  public var description: String {
    switch self {
    case .ieee80211: "802.11"
    case .radiotap: "802.11 with radiotap"
    case .prism: "802.11 with Prism header"
    case .avs: "802.11 with AVS header"
    case .ppi: "PPI"
    case .other(let value): "link type \(value)"
    }
  }
}

/// What a radio header in front of an 802.11 frame says about its reception. Every field is
/// optional: a header says what it says, and nothing is defaulted.
public struct RadioInfo: Sendable, Equatable {
  /// Centre frequency of the channel the frame was received on, in MHz.
  public var frequency: Int?
  /// Signal strength at the antenna, in dBm.
  public var signalDBm: Int?
  /// Whether the frame ends with its 4-byte FCS; `nil` when the header does not say.
  public var fcsIncluded: Bool?
  /// The capture device reported that the frame failed its FCS check.
  public var fcsFailed: Bool

  public init(
    frequency: Int? = nil, signalDBm: Int? = nil, fcsIncluded: Bool? = nil,
    fcsFailed: Bool = false
  ) {
    self.frequency = frequency
    self.signalDBm = signalDBm
    self.fcsIncluded = fcsIncluded
    self.fcsFailed = fcsFailed
  }

  /// This header's values, with `other`'s filling the ones this one lacks.
  func filled(from other: RadioInfo) -> RadioInfo {
    RadioInfo(
      frequency: frequency ?? other.frequency, signalDBm: signalDBm ?? other.signalDBm,
      fcsIncluded: fcsIncluded ?? other.fcsIncluded, fcsFailed: fcsFailed || other.fcsFailed)
  }
}

/// A packet with its link-layer header taken apart: what the header said, and the 802.11
/// frame behind it (still with its FCS, when it has one).
public struct LinkFrame: Sendable, Equatable {
  public var radio: RadioInfo
  public var frame: ArraySlice<UInt8>

  public init(radio: RadioInfo, frame: ArraySlice<UInt8>) {
    self.radio = radio
    self.frame = frame
  }
}

/// Why a packet was not used: its kind (what it is counted as) and a short description.
public struct FrameProblem: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable, Equatable {
    /// A header is cut short, or its lengths or fields contradict each other.
    case malformed
    /// The frame failed its FCS check, by the capture device's word or by ours.
    case badFCS
    /// The packet carries something other than 802.11 frames.
    case unsupportedLinkType
    /// A beacon or probe response the capture's snapshot length cut short.
    case snapped
  }

  public var kind: Kind
  public var detail: String

  public init(_ kind: Kind, _ detail: String) {
    self.kind = kind
    self.detail = detail
  }

  static func malformed(_ detail: String) -> FrameProblem { FrameProblem(.malformed, detail) }

  public var description: String { detail }
}

/// Takes the link-layer header off a packet, by the capture's link type.
public enum LinkLayer {
  @inline(__always)
  public static func decode(
    _ packet: ArraySlice<UInt8>, linkType: LinkType
  ) throws(FrameProblem) -> LinkFrame {
    switch linkType {
    case .ieee80211: return LinkFrame(radio: RadioInfo(), frame: packet)
    case .radiotap: return try Radiotap.decode(packet)
    case .prism: return try PrismHeader.decode(packet)
    case .avs: return try AVSHeader.decode(packet)
    case .ppi: return try PPIHeader.decode(packet)
    case .other(let value):
      throw FrameProblem(.unsupportedLinkType, "link type \(value) carries no 802.11 frames")
    }
  }
}

/// Centre frequencies from the channel numbers older radio headers (Prism, AVS) report.
enum ChannelFrequency {
  /// MHz for a 2.4 GHz or 5 GHz channel number; values that already look like MHz pass
  /// through; anything else is unknown.
  static func megahertz(channel: Int) -> Int? {
    switch channel {
    case 1...13: 2407 + 5 * channel
    case 14: 2484
    case 32...177: 5000 + 5 * channel
    case 2400...7125: channel
    default: nil
    }
  }
}
