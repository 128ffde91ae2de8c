/// Walks an element list (ID, length, body; repeated) and decodes it into an `ElementSet`.
///
/// Tolerant like a scanner, strict like an authenticator: it never traps and never drops
/// bytes. A length that runs past the end, a body outside the table's bounds, a duplicate
/// or a bad count becomes an `Anomaly` with its byte offset; the element is then kept raw.
public enum ElementWalker {
  public static func parse(_ bytes: [UInt8]) -> ElementSet {
    var set = ElementSet()
    var wpsFragments: [ArraySlice<UInt8>] = []
    var cursor = ByteCursor(bytes)

    while !cursor.isEmpty {
      let at = cursor.offset
      guard let id = cursor.readU8(), let length = cursor.readU8() else {
        set.anomalies.append(
          Anomaly(
            offset: at, element: "element list", kind: .truncated,
            detail: "1 byte left, too few for an element header"))
        set.unknown.append(RawElement(id: bytes[at], offset: at, body: []))
        break
      }
      guard let body = cursor.take(Int(length)) else {
        let rest = cursor.takeRest()
        if isSecurityElement(classify(id: id, body: rest).0) { set.securityElementDamaged = true }
        set.anomalies.append(
          Anomaly(
            offset: at, element: elementName(id: id, body: rest), kind: .truncated,
            detail: "length \(length) runs past the end (\(rest.count) bytes left)"))
        set.unknown.append(RawElement(id: id, offset: at, body: Array(rest)))
        break
      }

      let (key, inner) = classify(id: id, body: body)
      let spec = key.flatMap { ElementTable.specs[$0] }
      let name = spec?.name ?? elementName(id: id, body: body)
      set.order.append(ElementRef(name: name, id: id, offset: at, length: Int(length)))

      guard let spec, let inner else {
        set.unknown.append(RawElement(id: id, offset: at, body: Array(body)))
        continue
      }
      if inner.count < spec.minLength || inner.count > spec.maxLength {
        if isSecurityElement(key) { set.securityElementDamaged = true }
        let kind: Anomaly.Kind = inner.count < spec.minLength ? .tooShort : .tooLong
        let bounds =
          spec.minLength == spec.maxLength
          ? "\(spec.minLength)" : "\(spec.minLength) to \(spec.maxLength)"
        set.anomalies.append(
          Anomaly(
            offset: at, element: spec.name, kind: kind,
            detail: "body of \(inner.count) bytes, expected \(bounds)"))
        // An over-long SSID is still the SSID the AP sent: keep it, flagged.
        if key == .id(0), set.ssid == nil {
          set.ssid = Array(inner)
        } else {
          set.unknown.append(RawElement(id: id, offset: at, body: Array(body)))
        }
        continue
      }
      if key == .vendor(ElementTable.vendorWPS) {
        // WPS data may be split over several elements; they are one attribute stream.
        wpsFragments.append(inner)
        continue
      }
      let (anomalies, used) = spec.decode(inner, &set, at)
      set.anomalies.append(contentsOf: anomalies)
      if !used { set.unknown.append(RawElement(id: id, offset: at, body: Array(body))) }
      if isSecurityElement(key) && set.rsn == nil && set.wpa == nil && set.rsnOverride == nil
        && set.rsnOverride2 == nil
      {
        set.securityElementDamaged = true
      }
    }

    if !wpsFragments.isEmpty {
      // The fragments are one attribute stream: decode them joined, then map each anomaly's
      // offset in the joined stream back to its place in the element list.
      let joined = wpsFragments.flatMap { $0 }
      let (wps, anomalies) = WPSElement.decode(joined[...])
      set.wps = wps
      set.anomalies += anomalies.map { anomaly in
        var moved = anomaly
        var start = 0
        for fragment in wpsFragments {
          if anomaly.offset < start + fragment.count || fragment == wpsFragments.last {
            moved.offset = fragment.startIndex + (anomaly.offset - start)
            break
          }
          start += fragment.count
        }
        return moved
      }
    }
    return set
  }

  static func isSecurityElement(_ key: ElementKey?) -> Bool {
    switch key {
    case .id(48)?, .vendor(ElementTable.vendorWPA)?, .vendor(ElementTable.vendorRSNOverride)?,
      .vendor(ElementTable.vendorRSNOverride2)?:
      return true
    default:
      return false
    }
  }

  /// The table key for an element, and the part of its body the spec's bounds apply to.
  static func classify(id: UInt8, body: ArraySlice<UInt8>) -> (ElementKey?, ArraySlice<UInt8>?) {
    switch id {
    case 221:
      guard body.count >= 4 else { return (nil, nil) }
      var value: UInt32 = 0
      for byte in body.prefix(4) { value = value << 8 | UInt32(byte) }
      return (.vendor(value), body.dropFirst(4))
    case 255:
      guard let ext = body.first else { return (nil, nil) }
      return (.ext(ext), body.dropFirst())
    default:
      return (.id(id), body)
    }
  }

  /// A name for an element the table does not know: "element 42", "extension 7",
  /// "vendor 00-10-18:2".
  static func elementName(id: UInt8, body: ArraySlice<UInt8>) -> String {
    let (key, _) = classify(id: id, body: body)
    if let key, let spec = ElementTable.specs[key] { return spec.name }
    switch key {
    case .vendor(let selector): return "vendor \(selectorText(selector))"
    case .ext(let ext): return "extension \(ext)"
    default: return "element \(id)"
    }
  }
}
