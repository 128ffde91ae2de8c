// The element walker with every decoder, the security classification and the findings.
import WifiRiskCore

enum ElementsTarget {
  /// Input: capability (2 bytes, little-endian), a layout byte, then element bytes. The
  /// layout byte says which lists the record carries: the latest elements only, the same
  /// list as beacon too, a beacon only, or the bytes split into latest and beacon lists.
  static func run(_ data: [UInt8]) {
    var input = FuzzInput(data)
    let capability = input.u16()
    let layout = input.byte()
    let bytes = input.rest()

    checkWalk(bytes, padding: Int(layout >> 2))

    let ies: [UInt8]
    let beacon: [UInt8]?
    switch layout & 3 {
    case 0: (ies, beacon) = (bytes, nil)
    case 1: (ies, beacon) = (bytes, bytes)
    case 2: (ies, beacon) = ([], bytes)
    default:
      let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
      (ies, beacon) = (Array(bytes[..<cut]), Array(bytes[cut...]))
      checkWalk(beacon ?? [], padding: 0)
    }
    let bssid = localAddress(1)
    Rating.check([BSSRecord(bssid: bssid, capability: capability, ies: ies, beaconIes: beacon)])
  }

  /// Properties of one walk:
  /// - the same list after an unknown element of `padding` bytes decodes to the same slots,
  ///   with every offset moved by the padding (no decoder reads outside its element, or
  ///   depends on where its element sits);
  /// - an element decoded on its own fills the slot the whole list gave, when it is the only
  ///   one of its kind (what precedes or follows an element cannot change it).
  static func checkWalk(_ bytes: [UInt8], padding: Int) {
    let set = ElementWalker.parse(bytes)
    let padding = min(padding, 40)
    let prefix = [UInt8(16), UInt8(padding)] + [UInt8](repeating: 0xA5, count: padding)
    let shifted = ElementWalker.parse(prefix + bytes)
    var rest = shifted
    guard let first = rest.order.first, let raw = rest.unknown.first else {
      require(false, "the padding element is missing")
      return
    }
    require(
      first.id == 16 && first.offset == 0 && first.length == padding && raw.offset == 0
        && raw.body == Array(prefix.dropFirst(2)),
      "the padding element decodes wrong")
    rest.order.removeFirst()
    rest.unknown.removeFirst()
    require(
      rest == set.moved(by: prefix.count),
      "a list decodes differently after \(prefix.count) more bytes")

    var counts: [String: Int] = [:]
    for element in set.order { counts[element.name, default: 0] += 1 }
    for element in set.order where counts[element.name] == 1 {
      guard element.offset + 2 + element.length <= bytes.count else { continue }
      // Alone, the element stands at offset 0: compare it as if it stood where it was.
      let alone = ElementWalker.parse(
        Array(bytes[element.offset..<element.offset + 2 + element.length])
      ).moved(by: element.offset)
      switch element.name {
      case "RSN": require(alone.rsn == set.rsn, "RSN decodes differently alone")
      case "WPA": require(alone.wpa == set.wpa, "WPA decodes differently alone")
      case "RSN Override":
        require(alone.rsnOverride == set.rsnOverride, "RSN Override decodes differently alone")
      case "RSN Override 2":
        require(alone.rsnOverride2 == set.rsnOverride2, "RSN Override 2 decodes differently alone")
      case "RSNX": require(alone.rsnx == set.rsnx, "RSNX decodes differently alone")
      case "OWE Transition":
        require(
          alone.oweTransition == set.oweTransition, "OWE Transition decodes differently alone")
      case "Interworking":
        require(alone.interworking == set.interworking, "Interworking decodes differently alone")
      case "Roaming Consortium":
        require(
          alone.roamingConsortium == set.roamingConsortium,
          "Roaming Consortium decodes differently alone")
      case "Hotspot 2.0 Indication":
        require(alone.hs20 == set.hs20, "HS2.0 decodes differently alone")
      case "Country": require(alone.country == set.country, "Country decodes differently alone")
      case "SSID": require(alone.ssid == set.ssid, "SSID decodes differently alone")
      default: break
      }
    }
    for anomaly in set.anomalies {
      require(
        anomaly.offset >= 0 && anomaly.offset <= bytes.count,
        "anomaly offset \(anomaly.offset) outside the \(bytes.count)-byte list")
    }
    if let ssid = set.ssid { escapeChecked(ssid, "an SSID") }
  }
}

extension ElementSet {
  /// The same decode with every offset moved by `distance` bytes.
  func moved(by distance: Int) -> ElementSet {
    var copy = self
    copy.anomalies = anomalies.map {
      var a = $0; a.offset += distance; return a
    }
    copy.unknown = unknown.map {
      var e = $0; e.offset += distance; return e
    }
    copy.order = order.map {
      var e = $0; e.offset += distance; return e
    }
    // The RSN-form elements remember where they stood (for anomalies the rating adds).
    copy.rsn?.offset += distance
    copy.wpa?.offset += distance
    copy.rsnOverride?.offset += distance
    copy.rsnOverride2?.offset += distance
    return copy
  }
}
