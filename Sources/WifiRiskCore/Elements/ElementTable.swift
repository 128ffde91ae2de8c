/// The one table of elements wifirisk understands: which element (by ID, by extension ID
/// under ID 255, or by vendor OUI and type under ID 221), its name, the body lengths its
/// layout allows, and the decoder that fills an `ElementSet` slot.
///
/// Length checks happen here, once, in the walker: a decoder only ever sees a body whose
/// length is within its bounds (for vendor and extension elements, the bounds apply to the
/// bytes after the OUI and type, or after the extension ID).
enum ElementKey: Hashable {
  case id(UInt8)
  case ext(UInt8)
  case vendor(UInt32)
}

struct ElementSpec {
  var name: String
  var minLength: Int
  var maxLength: Int
  /// Fills the slot; returns anomalies found inside the body, and whether the element was
  /// used (false for a duplicate or an undecodable body, which the walker then keeps raw).
  var decode: @Sendable (ArraySlice<UInt8>, inout ElementSet, Int) -> ([Anomaly], Bool)
}

enum ElementTable {
  static let vendorWPA: UInt32 = 0x0050F201
  static let vendorWPS: UInt32 = 0x0050F204
  static let vendorHS20: UInt32 = 0x506F9A10
  static let vendorOWETransition: UInt32 = 0x506F9A1C
  static let vendorRSNOverride: UInt32 = 0x506F9A29
  static let vendorRSNOverride2: UInt32 = 0x506F9A2A
  static let vendorRSNXOverride: UInt32 = 0x506F9A2B
  static let vendorP2P: UInt32 = 0x506F9A09

  static let specs: [ElementKey: ElementSpec] = [
    .id(0): ElementSpec(name: "SSID", minLength: 0, maxLength: 32) { body, set, at in
      if set.ssid != nil { return ([duplicate("SSID", at)], false) }
      set.ssid = Array(body)
      return ([], true)
    },
    .id(3): ElementSpec(name: "DS Parameter Set", minLength: 1, maxLength: 1) { body, set, at in
      if set.dsChannel != nil { return ([duplicate("DS Parameter Set", at)], false) }
      set.dsChannel = body.first
      return ([], true)
    },
    .id(7): ElementSpec(name: "Country", minLength: 3, maxLength: 255) { body, set, at in
      if set.country != nil { return ([duplicate("Country", at)], false) }
      let code = body.prefix(2).map { byte -> Character in
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
          ? Character(Unicode.Scalar(byte)) : "?"
      }
      set.country = CountryElement(code: String(code), environment: body[body.startIndex + 2])
      return ([], true)
    },
    .id(45): presence("HT Capabilities") { $0.ht = true },
    .id(48): ElementSpec(name: "RSN", minLength: 2, maxLength: 255) { body, set, at in
      if set.rsn != nil { return ([duplicate("RSN", at)], false) }
      let (element, anomalies) = RSNElement.decode(body, flavour: .rsn, name: "RSN")
      set.rsn = element
      set.rsn?.offset = at
      return (anomalies, element != nil)
    },
    .id(54): presence("Mobility Domain") { $0.mobilityDomain = true },
    // HT Operation: the primary channel is its first octet (IEEE 802.11-2020 9.4.2.56).
    .id(61): ElementSpec(name: "HT Operation", minLength: 0, maxLength: 255) { body, set, at in
      set.ht = true
      if set.htPrimaryChannel != nil { return ([duplicate("HT Operation", at)], false) }
      set.htPrimaryChannel = body.first
      return ([], true)
    },
    .id(107): ElementSpec(name: "Interworking", minLength: 1, maxLength: 9) { body, set, at in
      if set.interworking != nil { return ([duplicate("Interworking", at)], false) }
      let (element, anomalies) = InterworkingElement.decode(body)
      set.interworking = element
      return (anomalies, element != nil)
    },
    .id(111): ElementSpec(name: "Roaming Consortium", minLength: 2, maxLength: 255) {
      body, set, at in
      if set.roamingConsortium != nil { return ([duplicate("Roaming Consortium", at)], false) }
      let (element, anomalies) = RoamingConsortiumElement.decode(body)
      set.roamingConsortium = element
      return (anomalies, element != nil)
    },
    .id(127): ElementSpec(name: "Extended Capabilities", minLength: 1, maxLength: 255) {
      body, set, at in
      if set.extendedCapabilities != nil {
        return ([duplicate("Extended Capabilities", at)], false)
      }
      set.extendedCapabilities = ExtendedCapabilitiesElement(bytes: Array(body))
      return ([], true)
    },
    .id(191): presence("VHT Capabilities") { $0.vht = true },
    .id(192): presence("VHT Operation") { $0.vht = true },
    .id(244): ElementSpec(name: "RSNX", minLength: 1, maxLength: 255) { body, set, at in
      if set.rsnx != nil { return ([duplicate("RSNX", at)], false) }
      set.rsnx = RSNXElement(bytes: Array(body))
      return ([], true)
    },
    .ext(35): presence("HE Capabilities") { $0.he = true },
    .ext(36): ElementSpec(name: "HE Operation", minLength: 0, maxLength: 254) { body, set, at in
      set.he = true
      if set.heOperation != nil { return ([duplicate("HE Operation", at)], false) }
      let (element, anomalies) = HEOperationElement.decode(body)
      set.heOperation = element
      return (anomalies, true)
    },
    .ext(106): presence("EHT Operation") { $0.eht = true },
    .ext(108): presence("EHT Capabilities") { $0.eht = true },
    .ext(107): ElementSpec(name: "Multi-Link", minLength: 2, maxLength: 254) { body, set, at in
      if set.multiLink != nil { return ([duplicate("Multi-Link", at)], false) }
      let (element, anomalies) = MultiLinkElement.decode(body)
      set.multiLink = element
      // Other types of Multi-Link element are kept raw.
      return (anomalies, element != nil)
    },
    // Wi-Fi Direct (P2P, 50-6F-9A type 9): a device's own group; presence is what matters.
    .vendor(vendorP2P): ElementSpec(name: "P2P", minLength: 0, maxLength: 251) { _, set, _ in
      set.p2p = true
      return ([], true)
    },
    .vendor(vendorWPA): ElementSpec(name: "WPA", minLength: 2, maxLength: 251) { body, set, at in
      if set.wpa != nil { return ([duplicate("WPA", at)], false) }
      let (element, anomalies) = RSNElement.decode(body, flavour: .wpa, name: "WPA")
      set.wpa = element
      set.wpa?.offset = at
      return (anomalies, element != nil)
    },
    // WPS is decoded after the walk, from all its fragments joined (see ElementWalker).
    .vendor(vendorWPS): ElementSpec(name: "WPS", minLength: 0, maxLength: 251) { _, _, _ in
      ([], true)
    },
    .vendor(vendorHS20): ElementSpec(name: "Hotspot 2.0 Indication", minLength: 1, maxLength: 251) {
      body, set, at in
      if set.hs20 != nil { return ([duplicate("Hotspot 2.0 Indication", at)], false) }
      let (element, anomalies) = HS20Element.decode(body)
      set.hs20 = element
      return (anomalies, element != nil)
    },
    .vendor(vendorOWETransition): ElementSpec(
      name: "OWE Transition", minLength: 7, maxLength: 251
    ) { body, set, at in
      if set.oweTransition != nil { return ([duplicate("OWE Transition", at)], false) }
      let (element, anomalies) = OWETransitionElement.decode(body)
      set.oweTransition = element
      return (anomalies, element != nil)
    },
    .vendor(vendorRSNOverride): ElementSpec(name: "RSN Override", minLength: 2, maxLength: 251) {
      body, set, at in
      if set.rsnOverride != nil { return ([duplicate("RSN Override", at)], false) }
      let (element, anomalies) = RSNElement.decode(
        body, flavour: .rsnOverride, name: "RSN Override")
      set.rsnOverride = element
      set.rsnOverride?.offset = at
      return (anomalies, element != nil)
    },
    .vendor(vendorRSNOverride2): ElementSpec(name: "RSN Override 2", minLength: 2, maxLength: 251) {
      body, set, at in
      if set.rsnOverride2 != nil { return ([duplicate("RSN Override 2", at)], false) }
      let (element, anomalies) = RSNElement.decode(
        body, flavour: .rsnOverride2, name: "RSN Override 2")
      set.rsnOverride2 = element
      set.rsnOverride2?.offset = at
      return (anomalies, element != nil)
    },
    .vendor(vendorRSNXOverride): ElementSpec(name: "RSNX Override", minLength: 0, maxLength: 251) {
      body, set, at in
      if set.rsnxOverride != nil { return ([duplicate("RSNX Override", at)], false) }
      set.rsnxOverride = RSNXElement(bytes: Array(body))
      return ([], true)
    },
  ]

  static func presence(_ name: String, _ mark: @escaping @Sendable (inout ElementSet) -> Void)
    -> ElementSpec
  {
    ElementSpec(name: name, minLength: 0, maxLength: 255) { _, set, _ in
      mark(&set)
      return ([], true)
    }
  }

  static func duplicate(_ name: String, _ offset: Int) -> Anomaly {
    Anomaly(
      offset: offset, element: name, kind: .duplicate,
      detail: "appears more than once; the first is used")
  }
}
