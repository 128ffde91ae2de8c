/// What iwd says over D-Bus about a station, read from `BusValue`s.
///
/// iwd (the `net.connman.iwd` service) lists its objects with the standard ObjectManager
/// `GetManagedObjects` (`a{oa{sa{sv}}}`: path, then interface, then properties). A Wi-Fi
/// interface is an object with `net.connman.iwd.Device` (`Name` is the interface name); in
/// client mode the same object has `net.connman.iwd.Station` (`State`, `ConnectedNetwork`)
/// and `net.connman.iwd.StationDiagnostic`, whose `GetDiagnostics` (`a{sv}`) says what the
/// connection uses.
public enum Iwd {
  public static let service = "net.connman.iwd"
  public static let deviceInterface = "net.connman.iwd.Device"
  public static let stationInterface = "net.connman.iwd.Station"
  public static let diagnosticInterface = "net.connman.iwd.StationDiagnostic"
}

/// One station (client-mode Wi-Fi interface) iwd manages.
public struct IwdStation: Sendable, Equatable {
  /// Its D-Bus object path.
  public var path: String
  public var interface: String
  /// `connected`, `disconnected`, `connecting`, `disconnecting`, `roaming`.
  public var state: String?
  /// The object path of the network it is connected to.
  public var connectedNetwork: String?

  public var isConnected: Bool { state == "connected" }

  /// The station of `interface` in a `GetManagedObjects` reply (its first value); nil when
  /// iwd does not manage that interface, or it is not in station mode.
  public static func find(interface: String, in reply: BusValue) -> IwdStation? {
    guard let objects = reply.dictionary else { return nil }
    for path in objects.keys.sorted() {
      guard let interfaces = objects[path]?.dictionary,
        let device = interfaces[Iwd.deviceInterface]?.dictionary,
        device["Name"]?.text == interface,
        let station = interfaces[Iwd.stationInterface]?.dictionary
      else { continue }
      return IwdStation(
        path: path, interface: interface, state: station["State"]?.text,
        connectedNetwork: station["ConnectedNetwork"]?.text)
    }
    return nil
  }
}

/// `StationDiagnostic.GetDiagnostics`: the access point and the security iwd chose.
public struct IwdDiagnostics: Sendable, Equatable {
  public var connectedBSS: MACAddress?
  public var frequency: Int?
  /// iwd's name for the AKM it uses: `Open`, `OWE`, `WPA1-Personal`, `WPA2-Personal`,
  /// `WPA2-Personal + FT`, `WPA3-Personal`, `WPA3-Personal + FT`, `WPA2-Enterprise`,
  /// `WPA2-Enterprise + FT`, `FILS`, `FILS + FT`, `OSEN`.
  public var security: String?
  /// `CCMP-128`, `CCMP-256`, `GCMP-128`, `GCMP-256`, `TKIP`.
  public var pairwiseCipher: String?
  public var rssi: Int?

  public init(
    connectedBSS: MACAddress? = nil, frequency: Int? = nil, security: String? = nil,
    pairwiseCipher: String? = nil, rssi: Int? = nil
  ) {
    self.connectedBSS = connectedBSS
    self.frequency = frequency
    self.security = security
    self.pairwiseCipher = pairwiseCipher
    self.rssi = rssi
  }

  /// From the reply's `a{sv}`; values of the wrong type are left out.
  public init?(_ reply: BusValue) {
    guard let values = reply.dictionary else { return nil }
    self.init(
      connectedBSS: values["ConnectedBss"]?.text.flatMap { MACAddress($0) },
      frequency: values["Frequency"]?.integer, security: values["Security"]?.text,
      pairwiseCipher: values["PairwiseCipher"]?.text, rssi: values["RSSI"]?.integer)
  }

  /// The security class of the AKM iwd uses. iwd names every 802.1X AKM
  /// "WPA2-Enterprise" (with SHA-256 too), so enterprise links are never called WPA3 here.
  public var negotiatedSecurity: Security? {
    switch baseSecurity {
    case "Open": .open
    case "OWE": .owe
    case "WPA1-Personal": .wpaPersonal
    case "WPA2-Personal": .wpa2Personal
    case "WPA3-Personal": .wpa3Personal
    case "WPA2-Enterprise": .wpa2Enterprise
    default: nil
    }
  }

  /// The key management in wpa_supplicant's names (`NONE`, `OWE`, `WPA-PSK`, `WPA2-PSK`,
  /// `FT-PSK`, `SAE`, `FT-SAE`, `WPA2/IEEE 802.1X/EAP`, `FT-EAP`), so that every report
  /// speaks one vocabulary.
  public var keyManagement: String? {
    let fastTransition = security?.hasSuffix(" + FT") == true
    switch baseSecurity {
    case "Open": return "NONE"
    case "OWE": return "OWE"
    case "WPA1-Personal": return "WPA-PSK"
    case "WPA2-Personal": return fastTransition ? "FT-PSK" : "WPA2-PSK"
    case "WPA3-Personal": return fastTransition ? "FT-SAE" : "SAE"
    case "WPA2-Enterprise": return fastTransition ? "FT-EAP" : "WPA2/IEEE 802.1X/EAP"
    default: return nil
    }
  }

  /// The pairwise cipher in wpa_supplicant's names (`CCMP`, `GCMP`, `CCMP-256`,
  /// `GCMP-256`, `TKIP`).
  public var pairwiseCipherName: String? {
    switch pairwiseCipher {
    case "CCMP-128": "CCMP"
    case "GCMP-128": "GCMP"
    case let other: other
    }
  }

  /// Management frames are protected whenever the AKM requires it (SAE, OWE); otherwise
  /// iwd does not say.
  public var pmfInUse: Bool? {
    switch negotiatedSecurity {
    case .wpa3Personal, .owe: true
    case .open: false
    default: nil
    }
  }

  private var baseSecurity: String? {
    guard let security else { return nil }
    if security.hasSuffix(" + FT") { return String(security.dropLast(5)) }
    return security
  }
}
