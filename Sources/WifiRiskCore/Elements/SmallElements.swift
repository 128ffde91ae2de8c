// The smaller elements wifirisk decodes. Each decoder gets exactly its element's body and
// the walker has already checked the body's length against the table in ElementTable.swift.

/// Country element (ID 7): the two-letter code and the environment byte.
public struct CountryElement: Sendable, Equatable {
  public var code: String
  /// ' ' any environment, 'O' outdoor, 'I' indoor, 'X' non-country entity.
  public var environment: UInt8
}

/// Wi-Fi Protected Setup (vendor element 00-50-F2 type 4): big-endian attribute TLVs,
/// possibly split over several elements, which the walker joins before decoding.
public struct WPSElement: Sendable, Equatable {
  public enum SetupState: String, Sendable, Equatable {
    case unconfigured, configured
  }

  public var version: UInt8?
  /// From the WFA vendor extension's Version2 sub-element (0x20 is 2.0).
  public var version2: UInt8?
  public var state: SetupState?
  public var apSetupLocked: Bool?
  public var selectedRegistrar: Bool?
  public var configMethods: UInt16?
  public var deviceName: [UInt8]?
  public var manufacturer: [UInt8]?
  public var modelName: [UInt8]?
  public var modelNumber: [UInt8]?
  /// UUID-E: the device's own 16-byte identifier, the same on every network it serves.
  public var uuid: [UInt8]?

  /// "2.0" or "1.0", from Version2 when present.
  public var versionText: String? {
    let value = version2 ?? version
    return value.map { "\($0 >> 4).\($0 & 0x0f)" }
  }

  /// Names of the configuration methods set in `configMethods`.
  public var configMethodNames: [String] {
    guard let methods = configMethods else { return [] }
    let names: [(UInt16, String)] = [
      (0x0001, "usba"), (0x0002, "ethernet"), (0x0004, "label"), (0x0008, "display"),
      (0x0010, "external-nfc"), (0x0020, "integrated-nfc"), (0x0040, "nfc-interface"),
      (0x0080, "push-button"), (0x0100, "keypad"), (0x0200, "virtual-push-button"),
      (0x0400, "physical-push-button"), (0x2000, "virtual-display"),
      (0x4000, "physical-display"),
    ]
    return names.filter { methods & $0.0 != 0 }.map(\.1)
  }

  /// True when a PIN method (label, display, keypad) is offered: the eight-digit PIN can be
  /// guessed in two halves.
  public var offersPIN: Bool {
    guard let methods = configMethods else { return false }
    return methods & (0x0004 | 0x0008 | 0x0100) != 0
  }

  static func decode(_ body: ArraySlice<UInt8>) -> (WPSElement, [Anomaly]) {
    var wps = WPSElement()
    var anomalies: [Anomaly] = []
    var cursor = ByteCursor(body)
    var seen: Set<UInt16> = []
    while !cursor.isEmpty {
      let at = cursor.offset
      guard let type = cursor.readU16BE(), let length = cursor.readU16BE() else {
        anomalies.append(
          Anomaly(
            offset: at, element: "WPS", kind: .truncated, detail: "attribute header cut short"))
        break
      }
      guard let value = cursor.take(Int(length)) else {
        anomalies.append(
          Anomaly(
            offset: at, element: "WPS", kind: .truncated,
            detail: "attribute 0x\(String(type, radix: 16)) length \(length) runs past the end"))
        break
      }
      if !seen.insert(type).inserted, type != 0x1049 {
        anomalies.append(
          Anomaly(
            offset: at, element: "WPS", kind: .duplicate,
            detail: "attribute 0x\(String(type, radix: 16)) repeated"))
        continue
      }
      func one() -> UInt8? {
        guard value.count == 1, let byte = value.first else {
          anomalies.append(
            Anomaly(
              offset: at, element: "WPS", kind: .badValue,
              detail: "attribute 0x\(String(type, radix: 16)) has length \(value.count), expected 1"
            ))
          return nil
        }
        return byte
      }
      switch type {
      case 0x104A: wps.version = one()
      case 0x1044:
        switch one() {
        case 1: wps.state = .unconfigured
        case 2: wps.state = .configured
        case .some(let other):
          anomalies.append(
            Anomaly(offset: at, element: "WPS", kind: .badValue, detail: "setup state \(other)"))
        case nil: break
        }
      case 0x1057: wps.apSetupLocked = one().map { $0 != 0 }
      case 0x1041: wps.selectedRegistrar = one().map { $0 != 0 }
      case 0x1008:
        var field = ByteCursor(value)
        if value.count == 2, let methods = field.readU16BE() {
          wps.configMethods = methods
        } else {
          anomalies.append(
            Anomaly(offset: at, element: "WPS", kind: .badValue, detail: "config methods length"))
        }
      case 0x1011: wps.deviceName = Array(value)
      case 0x1021: wps.manufacturer = Array(value)
      case 0x1023: wps.modelName = Array(value)
      case 0x1024: wps.modelNumber = Array(value)
      case 0x1047:
        if value.count == 16 {
          wps.uuid = Array(value)
        } else {
          anomalies.append(
            Anomaly(offset: at, element: "WPS", kind: .badValue, detail: "UUID-E length"))
        }
      case 0x1049:
        // Vendor extension: WFA (00-37-2A) sub-elements, of which Version2 (ID 0) matters.
        var ext = ByteCursor(value)
        if let oui = ext.take(3), oui.elementsEqual([0x00, 0x37, 0x2A]) {
          while let id = ext.readU8(), let length = ext.readU8(), let sub = ext.take(Int(length)) {
            if id == 0, sub.count == 1 { wps.version2 = sub.first }
          }
        }
      default: break
      }
    }
    return (wps, anomalies)
  }
}

/// OWE Transition Mode (vendor element 50-6F-9A type 28): the BSSID and SSID of the
/// Enhanced Open twin of an open network.
public struct OWETransitionElement: Sendable, Equatable {
  public var bssid: MACAddress
  public var ssid: [UInt8]
  public var operatingClass: UInt8?
  public var channel: UInt8?

  static func decode(_ body: ArraySlice<UInt8>) -> (OWETransitionElement?, [Anomaly]) {
    var cursor = ByteCursor(body)
    func bad(_ detail: String, at offset: Int) -> (OWETransitionElement?, [Anomaly]) {
      (nil, [Anomaly(offset: offset, element: "OWE Transition", kind: .tooShort, detail: detail)])
    }
    guard let mac = cursor.take(6), let bssid = MACAddress(bytes: mac) else {
      return bad("no room for the BSSID", at: body.startIndex)
    }
    let lengthAt = cursor.offset
    guard let length = cursor.readU8(), let ssid = cursor.take(Int(length)) else {
      return bad("SSID runs past the end", at: lengthAt)
    }
    var element = OWETransitionElement(bssid: bssid, ssid: Array(ssid))
    var anomalies: [Anomaly] = []
    if cursor.remaining >= 2 {
      element.operatingClass = cursor.readU8()
      element.channel = cursor.readU8()
    }
    if let extra = Anomaly.trailingBytes(cursor, in: "OWE Transition") { anomalies.append(extra) }
    return (element, anomalies)
  }
}

/// Interworking (ID 107, IEEE 802.11u): what kind of network this is and whether it
/// wants something done before it gives Internet access.
public struct InterworkingElement: Sendable, Equatable {
  public var accessNetworkType: UInt8
  public var internet: Bool
  /// Additional Step Required for Access: a portal, terms to accept, or a sign-up.
  public var asra: Bool
  /// Emergency services reachable.
  public var esr: Bool
  /// Unauthenticated emergency service accessible.
  public var uesa: Bool
  public var venueGroup: UInt8?
  public var venueType: UInt8?
  public var hessid: MACAddress?

  /// IEEE 802.11 Table 9-214.
  public var accessNetworkTypeName: String {
    switch accessNetworkType {
    case 0: "private"
    case 1: "private-with-guest-access"
    case 2: "chargeable-public"
    case 3: "free-public"
    case 4: "personal-device"
    case 5: "emergency-services-only"
    case 14: "test"
    case 15: "wildcard"
    default: "reserved-\(accessNetworkType)"
    }
  }

  /// Chargeable public, free public and emergency-services networks are public.
  public var isPublic: Bool { [2, 3, 5].contains(accessNetworkType) }

  static func decode(_ body: ArraySlice<UInt8>) -> (InterworkingElement?, [Anomaly]) {
    var cursor = ByteCursor(body)
    guard let options = cursor.readU8() else { return (nil, []) }
    var element = InterworkingElement(
      accessNetworkType: options & 0x0f, internet: options & 0x10 != 0,
      asra: options & 0x20 != 0, esr: options & 0x40 != 0, uesa: options & 0x80 != 0)
    // The body is 1, 3, 7 or 9 bytes: options, then venue info (2), then HESSID (6).
    switch body.count {
    case 1: break
    case 3:
      element.venueGroup = cursor.readU8()
      element.venueType = cursor.readU8()
    case 7:
      element.hessid = cursor.take(6).flatMap { MACAddress(bytes: $0) }
    case 9:
      element.venueGroup = cursor.readU8()
      element.venueType = cursor.readU8()
      element.hessid = cursor.take(6).flatMap { MACAddress(bytes: $0) }
    default:
      return (
        element,
        [
          Anomaly(
            offset: body.startIndex, element: "Interworking", kind: .badValue,
            detail: "length \(body.count) is none of 1, 3, 7 or 9")
        ]
      )
    }
    return (element, [])
  }
}

/// Roaming Consortium (ID 111): the organisation identifiers of Passpoint providers.
public struct RoamingConsortiumElement: Sendable, Equatable {
  /// How many more OIs an ANQP query would return.
  public var anqpOICount: UInt8
  public var ois: [[UInt8]]

  static func decode(_ body: ArraySlice<UInt8>) -> (RoamingConsortiumElement?, [Anomaly]) {
    var cursor = ByteCursor(body)
    guard let count = cursor.readU8(), let lengths = cursor.readU8() else { return (nil, []) }
    var element = RoamingConsortiumElement(anqpOICount: count, ois: [])
    // The low nibble is OI #1's length, the high nibble OI #2's; a third OI takes the rest.
    for (number, length) in [Int(lengths & 0x0f), Int(lengths >> 4)].enumerated() {
      guard let oi = cursor.take(length) else {
        let anomaly = Anomaly(
          offset: cursor.offset, element: "Roaming Consortium", kind: .badCount,
          detail: "OI #\(number + 1) length \(length) exceeds the bytes left")
        return (element, [anomaly])
      }
      if !oi.isEmpty { element.ois.append(Array(oi)) }
    }
    let rest = cursor.takeRest()
    if !rest.isEmpty { element.ois.append(Array(rest)) }
    return (element, [])
  }
}

/// Hotspot 2.0 Indication (vendor element 50-6F-9A type 16): a Passpoint network.
public struct HS20Element: Sendable, Equatable {
  /// Passpoint release: 1, 2, 3...
  public var release: Int
  /// Downstream Group-Addressed Forwarding disabled: clients can't see each other's
  /// broadcast traffic.
  public var dgafDisabled: Bool

  static func decode(_ body: ArraySlice<UInt8>) -> (HS20Element?, [Anomaly]) {
    guard let config = body.first else { return (nil, []) }
    return (HS20Element(release: Int(config >> 4) + 1, dgafDisabled: config & 0x01 != 0), [])
  }
}
