// The elements an access point uses to say where it operates and what it protects beyond
// the RSN element: HT and HE Operation (the primary channel), Extended Capabilities (Beacon
// Protection) and the Basic Multi-Link element (the AP MLD a Wi-Fi 7 link belongs to).

/// HE Operation (extension element 36, IEEE 802.11ax-2021 9.4.2.249): only what locates
/// the BSS. The body is HE Operation Parameters (3 octets), BSS Color Information (1),
/// Basic HE-MCS And NSS Set (2), then, each when its bit in the parameters is set, VHT
/// Operation Information (3, bit 14), Max Co-Hosted BSSID Indicator (1, bit 15) and 6 GHz
/// Operation Information (5, bit 17: primary channel, control, two centre frequency
/// segments, minimum rate).
public struct HEOperationElement: Sendable, Equatable {
  /// The primary channel from the 6 GHz Operation Information, when present.
  public var sixGHzPrimaryChannel: UInt8?

  static let vhtInfoPresent: UInt32 = 1 << 14
  static let coHostedPresent: UInt32 = 1 << 15
  static let sixGHzInfoPresent: UInt32 = 1 << 17

  static func decode(_ body: ArraySlice<UInt8>) -> (HEOperationElement?, [Anomaly]) {
    var cursor = ByteCursor(body)
    guard let params = cursor.take(3) else {
      return (nil, [])
    }
    let flags = params.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    _ = cursor.take(3)  // BSS Color Information, Basic HE-MCS And NSS Set
    var element = HEOperationElement()
    var anomalies: [Anomaly] = []
    func optional(_ bit: UInt32, _ size: Int, _ field: String) -> ArraySlice<UInt8>? {
      guard flags & bit != 0 else { return nil }
      let at = cursor.offset
      guard let bytes = cursor.take(size) else {
        anomalies.append(
          Anomaly(
            offset: at, element: "HE Operation", kind: .tooShort,
            detail: "the \(field) field is flagged but \(cursor.remaining) bytes are left"))
        _ = cursor.takeRest()
        return nil
      }
      return bytes
    }
    _ = optional(vhtInfoPresent, 3, "VHT Operation Information")
    _ = optional(coHostedPresent, 1, "Max Co-Hosted BSSID Indicator")
    if let info = optional(sixGHzInfoPresent, 5, "6 GHz Operation Information") {
      element.sixGHzPrimaryChannel = info.first
    }
    if !cursor.isEmpty {
      anomalies.append(
        Anomaly(
          offset: cursor.offset, element: "HE Operation", kind: .trailingBytes,
          detail: "\(cursor.remaining) bytes after the last field"))
    }
    return (element, anomalies)
  }
}

/// Extended Capabilities (ID 127): a bit field; bit N is bit N % 8 of octet N / 8.
public struct ExtendedCapabilitiesElement: Sendable, Equatable {
  public var bytes: [UInt8]

  public func bit(_ index: Int) -> Bool {
    let byte = index / 8
    guard byte < bytes.count else { return false }
    return bytes[byte] & (1 << UInt8(index % 8)) != 0
  }

  /// Beacon Protection Enabled (bit 84, IEEE 802.11-2020 Table 9-153): beacons carry a
  /// MIC (BIGTK), so a client can tell the real access point's beacons from forged ones.
  public var beaconProtection: Bool { bit(84) }
}
