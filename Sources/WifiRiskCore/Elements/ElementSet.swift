/// Everything decoded from one element list (a beacon's or a probe response's), in slots.
///
/// An element that may appear once fills its slot the first time; a second copy is an
/// anomaly. Elements wifirisk does not decode stay in `unknown` as raw bytes.
public struct ElementSet: Sendable, Equatable {
  public var ssid: [UInt8]?
  public var dsChannel: UInt8?
  public var country: CountryElement?
  public var rsn: RSNElement?
  public var rsnx: RSNXElement?
  public var wpa: RSNElement?
  public var wps: WPSElement?
  public var oweTransition: OWETransitionElement?
  public var rsnOverride: RSNElement?
  public var rsnOverride2: RSNElement?
  public var rsnxOverride: RSNXElement?
  public var interworking: InterworkingElement?
  public var roamingConsortium: RoamingConsortiumElement?
  public var hs20: HS20Element?
  /// The primary channel the HT Operation element announces.
  public var htPrimaryChannel: UInt8?
  public var heOperation: HEOperationElement?
  public var extendedCapabilities: ExtendedCapabilitiesElement?
  /// The Basic Multi-Link element: the AP MLD this link belongs to (Wi-Fi 7).
  public var multiLink: MultiLinkElement?
  /// A Wi-Fi Direct (P2P) element: the network is a device's own group.
  public var p2p = false
  public var ht = false
  public var vht = false
  public var he = false
  public var eht = false
  /// A Mobility Domain element: the network supports fast transition (802.11r).
  public var mobilityDomain = false

  /// Set when an RSN, WPA or RSN Override element was present but could not be decoded
  /// (cut short, or outside its length bounds): the network's security is then unknown,
  /// never taken for open or WEP.
  public var securityElementDamaged = false

  public var unknown: [RawElement] = []
  public var anomalies: [Anomaly] = []
  /// Every element in order, for display: ID, extension ID or vendor selector, offset, length.
  public var order: [ElementRef] = []

  public init() {}

  /// True when the SSID element is missing, empty, or all NUL bytes (a hidden network).
  public var ssidHidden: Bool {
    guard let ssid else { return true }
    return ssid.isEmpty || ssid.allSatisfy { $0 == 0 }
  }

  /// The RSN element a client that understands RSN overriding would use: RSN Override 2,
  /// then RSN Override, then the RSN element.
  public var rsnForCapableClient: RSNElement? { rsnOverride2 ?? rsnOverride ?? rsn }
  public var rsnxForCapableClient: RSNXElement? { rsnxOverride ?? rsnx }
}

/// An element kept as sent.
public struct RawElement: Sendable, Equatable {
  public var id: UInt8
  public var offset: Int
  public var body: [UInt8]
}

/// Where an element stood in the list, and what the table calls it.
public struct ElementRef: Sendable, Equatable {
  public var name: String
  public var id: UInt8
  public var offset: Int
  public var length: Int
}
