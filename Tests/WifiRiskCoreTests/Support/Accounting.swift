import WifiRiskCore

/// The walker's promise, checked: every byte of an element list is inside an element the
/// walker listed in `order`, or in an element kept in `unknown` and named by an anomaly;
/// every listed element was decoded into its slot, kept raw, or named by an anomaly.
enum Accounting {
  /// Whether the slot an element of this name fills is filled; nil for names the walker's
  /// table does not know.
  static func slotFilled(_ name: String, _ set: ElementSet) -> Bool? {
    switch name {
    case "SSID": set.ssid != nil
    case "DS Parameter Set": set.dsChannel != nil
    case "Country": set.country != nil
    case "RSN": set.rsn != nil
    case "RSNX": set.rsnx != nil
    case "WPA": set.wpa != nil
    case "WPS": set.wps != nil
    case "OWE Transition": set.oweTransition != nil
    case "RSN Override": set.rsnOverride != nil
    case "RSN Override 2": set.rsnOverride2 != nil
    case "RSNX Override": set.rsnxOverride != nil
    case "Interworking": set.interworking != nil
    case "Roaming Consortium": set.roamingConsortium != nil
    case "Hotspot 2.0 Indication": set.hs20 != nil
    case "HT Capabilities", "HT Operation": set.ht
    case "Extended Capabilities": set.extendedCapabilities != nil
    case "Multi-Link": set.multiLink != nil
    case "P2P": set.p2p
    case "VHT Capabilities", "VHT Operation": set.vht
    case "HE Capabilities", "HE Operation": set.he
    case "EHT Capabilities", "EHT Operation": set.eht
    case "Mobility Domain": set.mobilityDomain
    default: nil
    }
  }

  /// Every broken promise, in words; empty when the accounting holds.
  static func violations(_ bytes: [UInt8], _ set: ElementSet) -> [String] {
    var problems: [String] = []
    var ranges: [Range<Int>] = []
    let listed = Set(set.order.map(\.offset))

    for ref in set.order {
      let range = ref.offset..<(ref.offset + 2 + ref.length)
      ranges.append(range)
      guard range.upperBound <= bytes.count else {
        problems.append("\(ref.name) at \(ref.offset) ends past the list")
        continue
      }
      let kept = set.unknown.first { $0.offset == ref.offset }
      // A decoder that finds a field missing names where it would have started, which
      // for the last field is just past the element.
      let named = set.anomalies.contains {
        (range.lowerBound...range.upperBound).contains($0.offset) && $0.element == ref.name
      }
      switch slotFilled(ref.name, set) {
      case nil:
        let body = Array(bytes[(ref.offset + 2)..<range.upperBound])
        if kept?.body != body { problems.append("\(ref.name) at \(ref.offset) not kept raw") }
      case false?:
        if kept == nil && !named {
          problems.append("\(ref.name) at \(ref.offset) neither decoded, kept nor named")
        }
      case true?:
        break
      }
    }
    for raw in set.unknown where !listed.contains(raw.offset) {
      // Kept but not listed: only a truncated element or a lone header byte may be.
      ranges.append(raw.offset..<min(bytes.count, raw.offset + 2 + raw.body.count))
      let truncated = set.anomalies.contains { $0.offset == raw.offset && $0.kind == .truncated }
      if !truncated { problems.append("unlisted raw element at \(raw.offset) without anomaly") }
    }
    var next = 0
    for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if range.lowerBound != next {
        problems.append("bytes \(next)..<\(range.lowerBound) unaccounted or counted twice")
      }
      next = range.upperBound
    }
    if next != bytes.count { problems.append("list of \(bytes.count) bytes accounted to \(next)") }
    for anomaly in set.anomalies where !(0...bytes.count).contains(anomaly.offset) {
      problems.append("anomaly offset \(anomaly.offset) outside the list")
    }
    return problems
  }
}
