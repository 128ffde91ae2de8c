/// A change of a client interface's connection, as nl80211 announces it to the "mlme"
/// multicast group, whichever program (wpa_supplicant, iwd, NetworkManager's wpa_supplicant)
/// made the connection: `NL80211_CMD_CONNECT` with its 802.11 status code (0: connected),
/// `NL80211_CMD_ROAM` (now with another access point), `NL80211_CMD_DISCONNECT`.
public struct ConnectionEvent: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case connected, roamed, disconnected
  }

  public var kind: Kind
  public var ifindex: Int32
  /// The access point; absent from most disconnects.
  public var bssid: MACAddress?
  /// The 802.11 status code of a connect (0 is success).
  public var statusCode: UInt16?

  public init(kind: Kind, ifindex: Int32, bssid: MACAddress? = nil, statusCode: UInt16? = nil) {
    self.kind = kind
    self.ifindex = ifindex
    self.bssid = bssid
    self.statusCode = statusCode
  }

  /// The event a message carries; nil for the group's other messages (authentication,
  /// association, frames) and for a message without an interface index.
  public init?(_ message: NL80211Message) throws(NetlinkDecodeError) {
    let kind: Kind
    switch message.knownCommand {
    case .connect: kind = .connected
    case .roam: kind = .roamed
    case .disconnect: kind = .disconnected
    default: return nil
    }
    let table = try message.table()
    guard let ifindex = try table.u32(.ifindex) else { return nil }
    self.init(
      kind: kind, ifindex: Int32(bitPattern: ifindex), bssid: try table.mac(.mac),
      statusCode: try table.u16(.statusCode))
  }

  /// A connection that is now up: a connect that succeeded, or a roam.
  public var isNewConnection: Bool {
    switch kind {
    case .connected: statusCode == 0
    case .roamed: true
    case .disconnected: false
    }
  }
}
