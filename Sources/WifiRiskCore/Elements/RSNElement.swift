/// The RSN element (ID 48), and the same layout carried by the WPA vendor element and the
/// RSN Override vendor elements.
///
/// The RSN Override elements (Wi-Fi Alliance vendor elements 50-6F-9A type 0x29, RSNE
/// Override, and 0x2A, RSNE Override 2) carry an RSN element's body, Version field first,
/// as the Wi-Fi Alliance's WPA3 specification (RSN overriding) and hostapd
/// (`wpa_write_rsne_override`, `wpa_parse_wpa_ie_rsn`) define them. A body whose version
/// is not 1 is refused by hostapd, and is recorded here as a bad value (the element is
/// then damaged and its network's security unknown).
///
/// Every field after the version may be absent: the element can stop after any field, and
/// then the standard's defaults apply. Fields are kept as sent (`nil` when absent); the
/// `effective…` properties apply the defaults, so a report can tell "absent" from "said".
public struct RSNElement: Sendable, Equatable {
  public enum Flavour: String, Sendable, Equatable {
    case rsn, wpa, rsnOverride = "rsn-override", rsnOverride2 = "rsn-override-2"
  }

  public var flavour: Flavour
  /// Where the element starts in its element list (its ID octet).
  public var offset = 0
  /// Version 1, in every form.
  public var version: UInt16?
  public var groupCipher: Cipher?
  public var pairwiseCiphers: [Cipher]?
  public var akms: [AKM]?
  public var capabilities: UInt16?
  public var pmkidCount: Int?
  public var groupManagementCipher: Cipher?
  /// The element's body as sent, for comparing a beacon's with a probe response's.
  public var raw: [UInt8]
  /// True when a field was cut short or a count was impossible: an authenticator would
  /// refuse the element, so nothing about the network's security can be taken from it.
  public var damaged = false

  /// Defaults: RSN assumes CCMP-128 and 802.1X; WPA assumes TKIP and 802.1X.
  public var effectiveGroupCipher: Cipher {
    groupCipher ?? (flavour == .wpa ? .tkip : .ccmp128)
  }
  public var effectivePairwiseCiphers: [Cipher] {
    pairwiseCiphers ?? [flavour == .wpa ? .tkip : .ccmp128]
  }
  public var effectiveAKMs: [AKM] { akms ?? [.ieee8021x] }
  public var effectiveCapabilities: UInt16 { capabilities ?? 0 }
  /// Management Frame Protection Capable (bit 7).
  public var mfpCapable: Bool { effectiveCapabilities & 0x0080 != 0 }
  /// Management Frame Protection Required (bit 6).
  public var mfpRequired: Bool { effectiveCapabilities & 0x0040 != 0 }
  /// BIP-CMAC-128 is the default group management cipher once MFP is on.
  public var effectiveGroupManagementCipher: Cipher? {
    groupManagementCipher ?? (mfpCapable ? .bipCmac128 : nil)
  }
  /// Which fields were left to their defaults, for the report.
  public var defaultedFields: [String] {
    var out: [String] = []
    if groupCipher == nil { out.append("group_cipher") }
    if pairwiseCiphers == nil { out.append("pairwise_ciphers") }
    if akms == nil { out.append("akms") }
    if capabilities == nil { out.append("capabilities") }
    return out
  }

  /// Decodes a body: the bytes after the ID and length, and after the OUI and type for the
  /// vendor forms. The body keeps its indices in the element list, so anomaly offsets are
  /// positions in that list.
  static func decode(
    _ body: ArraySlice<UInt8>, flavour: Flavour, name: String
  ) -> (RSNElement?, [Anomaly]) {
    var anomalies: [Anomaly] = []
    var cursor = ByteCursor(body)
    var damaged = false
    /// A fault that damages the element (trailing bytes do not: they are noted apart).
    func note(_ kind: Anomaly.Kind, _ detail: String, at offset: Int) {
      anomalies.append(Anomaly(offset: offset, element: name, kind: kind, detail: detail))
      damaged = true
    }
    let cipher: (UInt32) -> Cipher =
      flavour == .wpa ? { Cipher(wpaSelector: $0) } : { Cipher(selector: $0) }
    let akm: (UInt32) -> AKM = flavour == .wpa ? { AKM(wpaSelector: $0) } : { AKM(selector: $0) }

    func finish(_ element: RSNElement) -> (RSNElement?, [Anomaly]) {
      var element = element
      element.damaged = damaged
      return (element, anomalies)
    }
    var element = RSNElement(flavour: flavour, version: nil, raw: Array(body))
    guard let version = cursor.readU16LE() else {
      note(.tooShort, "no version field", at: cursor.offset)
      return (nil, anomalies)
    }
    element.version = version
    if version != 1 {
      note(.badValue, "version \(version), expected 1", at: body.startIndex)
    }

    // Each field in turn; the element may stop cleanly before any of them.
    func stopsInside(_ field: String) -> Bool {
      if cursor.isEmpty { return false }
      note(.tooShort, "stops inside the \(field) field", at: cursor.offset)
      _ = cursor.takeRest()
      return true
    }
    func readList(_ field: String, entrySize: Int) -> [UInt32]? {
      let at = cursor.offset
      guard let count = cursor.readU16LE() else {
        _ = stopsInside("\(field) count")
        return nil
      }
      if count == 0 {
        note(.badCount, "\(field) count is 0", at: at)
        return []
      }
      guard Int(count) <= cursor.remaining / entrySize else {
        note(
          .badCount, "\(field) count \(count) exceeds the \(cursor.remaining) bytes left", at: at)
        _ = cursor.takeRest()
        return nil
      }
      var out: [UInt32] = []
      for _ in 0..<count {
        guard let selector = cursor.readSelector() else { break }
        out.append(selector)
      }
      return out
    }

    if cursor.isEmpty { return finish(element) }
    guard let group = cursor.readSelector() else {
      _ = stopsInside("group cipher")
      return finish(element)
    }
    element.groupCipher = cipher(group)

    if cursor.isEmpty { return finish(element) }
    guard let pairwise = readList("pairwise cipher", entrySize: 4) else {
      return finish(element)
    }
    element.pairwiseCiphers = pairwise.map(cipher)

    if cursor.isEmpty { return finish(element) }
    guard let akms = readList("AKM", entrySize: 4) else { return finish(element) }
    element.akms = akms.map(akm)

    if flavour == .wpa {
      // The WPA element may carry a 2-byte capabilities field and nothing after it.
      if let capabilities = cursor.readU16LE() { element.capabilities = capabilities }
    } else {
      if cursor.isEmpty { return finish(element) }
      guard let capabilities = cursor.readU16LE() else {
        _ = stopsInside("RSN capabilities")
        return finish(element)
      }
      element.capabilities = capabilities

      if cursor.isEmpty { return finish(element) }
      let pmkidAt = cursor.offset
      guard let pmkids = cursor.readU16LE() else {
        _ = stopsInside("PMKID count")
        return finish(element)
      }
      guard Int(pmkids) <= cursor.remaining / 16 else {
        note(
          .badCount, "PMKID count \(pmkids) exceeds the \(cursor.remaining) bytes left", at: pmkidAt
        )
        return finish(element)
      }
      _ = cursor.take(Int(pmkids) * 16)
      element.pmkidCount = Int(pmkids)

      if cursor.isEmpty { return finish(element) }
      guard let management = cursor.readSelector() else {
        _ = stopsInside("group management cipher")
        return finish(element)
      }
      element.groupManagementCipher = cipher(management)
    }
    if let extra = Anomaly.trailingBytes(cursor, in: name) { anomalies.append(extra) }
    return finish(element)
  }
}

/// The RSN Extension element (ID 244) and its override form: a bit field whose first four
/// bits give the field's length minus one.
public struct RSNXElement: Sendable, Equatable {
  public var bytes: [UInt8]

  func bit(_ index: Int) -> Bool {
    let byte = index / 8
    guard byte < bytes.count else { return false }
    return bytes[byte] & (1 << UInt8(index % 8)) != 0
  }

  /// Protected TWT operations support (bit 4).
  public var protectedTWT: Bool { bit(4) }
  /// SAE hash-to-element (bit 5): the SAE password element is derived without the
  /// timing side channel of hunting-and-pecking.
  public var saeHashToElement: Bool { bit(5) }
  /// SAE-PK (bit 6): the AP proves its identity with a public key bound to the password.
  public var saePK: Bool { bit(6) }
}
