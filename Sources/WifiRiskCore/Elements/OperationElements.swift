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
    if let extra = Anomaly.trailingBytes(cursor, in: "HE Operation") { anomalies.append(extra) }
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

/// The Basic Multi-Link element (extension element 107, IEEE 802.11be-2024 9.4.2.322): a
/// Wi-Fi 7 access point's link belongs to the AP MLD whose address it names. The body is the
/// Multi-Link Control field (2 octets: the type in bits 0-2, 0 for Basic; the presence bitmap
/// from bit 4), then the Common Info field: its own length (1 octet), the MLD MAC address (6)
/// and, when the presence bitmap's first bit is set, the Link ID Info (the link ID in its
/// low four bits). Link Info and other fields follow and are not read.
public struct MultiLinkElement: Sendable, Equatable {
  public var mldAddress: MACAddress
  public var linkID: UInt8?

  static let basic: UInt16 = 0
  static let linkIDPresent: UInt16 = 0x0010

  /// Nil, without an anomaly, for the other types of Multi-Link element.
  static func decode(_ body: ArraySlice<UInt8>) -> (MultiLinkElement?, [Anomaly]) {
    var cursor = ByteCursor(body)
    func bad(_ detail: String, at offset: Int) -> (MultiLinkElement?, [Anomaly]) {
      (nil, [Anomaly(offset: offset, element: "Multi-Link", kind: .tooShort, detail: detail)])
    }
    guard let control = cursor.readU16LE() else {
      return bad("no room for the Multi-Link Control field", at: body.startIndex)
    }
    guard control & 0x0007 == basic else { return (nil, []) }
    let infoAt = cursor.offset
    guard let length = cursor.readU8(), length >= 7, Int(length) - 1 <= cursor.remaining,
      let info = cursor.take(Int(length) - 1)
    else {
      return bad("the Common Info field is cut short or shorter than an MLD address", at: infoAt)
    }
    var common = ByteCursor(info)
    guard let address = common.take(6).flatMap({ MACAddress(bytes: $0) }) else {
      return bad("no MLD address", at: infoAt)
    }
    var element = MultiLinkElement(mldAddress: address)
    if control & linkIDPresent != 0 {
      guard let linkInfo = common.readU8() else {
        return bad("the Link ID Info is flagged but missing", at: common.offset)
      }
      element.linkID = linkInfo & 0x0F
    }
    return (element, [])
  }
}
