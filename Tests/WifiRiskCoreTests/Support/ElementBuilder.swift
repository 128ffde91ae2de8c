import WifiRiskCore

// Builds element bytes from the layouts in IEEE 802.11-2020 clause 9.4.2 and the Wi-Fi
// Alliance specifications, so a test reads like the element it describes. Every builder
// returns the whole element (ID, length, body); `IE.list` joins elements into a list.

/// Cipher suite selectors (IEEE 802.11-2020 Table 9-149), OUI 00-0F-AC.
enum CipherSuite {
  static func ieee(_ type: UInt8) -> UInt32 { 0x000F_AC00 | UInt32(type) }
  static let useGroup = ieee(0)
  static let wep40 = ieee(1)
  static let tkip = ieee(2)
  static let ccmp = ieee(4)
  static let wep104 = ieee(5)
  static let bipCmac128 = ieee(6)
  static let gcmp128 = ieee(8)
  static let gcmp256 = ieee(9)
  static let ccmp256 = ieee(10)
  static let bipGmac256 = ieee(12)
  static let bipCmac256 = ieee(13)
  /// The WPA element's numbers under 00-50-F2.
  static func wpa(_ type: UInt8) -> UInt32 { 0x0050_F200 | UInt32(type) }
}

/// AKM suite selectors (IEEE 802.11-2020 Table 9-151), OUI 00-0F-AC.
enum AKMSuite {
  static func ieee(_ type: UInt8) -> UInt32 { 0x000F_AC00 | UInt32(type) }
  static let ieee8021x = ieee(1)
  static let psk = ieee(2)
  static let ft8021x = ieee(3)
  static let ftPsk = ieee(4)
  static let ieee8021xSHA256 = ieee(5)
  static let pskSHA256 = ieee(6)
  static let sae = ieee(8)
  static let ftSae = ieee(9)
  static let suiteB = ieee(11)
  static let suiteB192 = ieee(12)
  static let owe = ieee(18)
  static let saeExtKey = ieee(24)
  static func wpa(_ type: UInt8) -> UInt32 { 0x0050_F200 | UInt32(type) }
}

/// RSN capability bits (IEEE 802.11-2020 Figure 9-257).
enum RSNCaps {
  static let mfpr: UInt16 = 0x0040
  static let mfpc: UInt16 = 0x0080
}

enum IE {
  static func list(_ elements: [UInt8]...) -> [UInt8] { elements.flatMap { $0 } }

  /// An element with the right length field. Bodies over 255 bytes are a test's mistake.
  static func element(_ id: UInt8, _ body: [UInt8]) -> [UInt8] {
    [id, UInt8(clamping: body.count)] + body
  }

  /// An element whose length field says `length`, whatever the body holds.
  static func lying(_ id: UInt8, length: UInt8, _ body: [UInt8]) -> [UInt8] {
    [id, length] + body
  }

  static func vendor(_ selector: UInt32, _ body: [UInt8]) -> [UInt8] {
    element(221, be32(selector) + body)
  }

  static func extended(_ extID: UInt8, _ body: [UInt8]) -> [UInt8] {
    element(255, [extID] + body)
  }

  static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8)] }
  static func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xff)] }
  static func be32(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
  }

  // MARK: Basic elements

  static func ssid(_ name: String) -> [UInt8] { element(0, Array(name.utf8)) }
  static func ssid(bytes: [UInt8]) -> [UInt8] { element(0, bytes) }
  static func ds(_ channel: UInt8) -> [UInt8] { element(3, [channel]) }
  static func rates() -> [UInt8] { element(1, [0x82, 0x84, 0x8B, 0x96]) }

  /// Country (ID 7): two letters, the environment byte, then first-channel triplets.
  static func country(_ code: String, environment: UInt8 = 0x20) -> [UInt8] {
    element(7, Array(code.utf8) + [environment, 1, 13, 20])
  }

  // MARK: RSN and its relatives

  /// The fields of an RSN body after the version, in order, stopping at the first nil:
  /// group cipher, pairwise list, AKM list, capabilities, PMKID list, group management.
  static func suiteFields(
    group: UInt32?, pairwise: [UInt32]?, akms: [UInt32]?, caps: UInt16?, pmkids: [[UInt8]]?,
    gmc: UInt32?
  ) -> [UInt8] {
    var out: [UInt8] = []
    guard let group else { return out }
    out += be32(group)
    guard let pairwise else { return out }
    out += le16(UInt16(pairwise.count)) + pairwise.flatMap(be32)
    guard let akms else { return out }
    out += le16(UInt16(akms.count)) + akms.flatMap(be32)
    guard let caps else { return out }
    out += le16(caps)
    guard let pmkids else { return out }
    out += le16(UInt16(pmkids.count)) + pmkids.flatMap { $0 }
    guard let gmc else { return out }
    out += be32(gmc)
    return out
  }

  /// RSN element (ID 48). Pass nil to end the element before that field.
  static func rsnBody(
    version: UInt16? = 1, group: UInt32? = CipherSuite.ccmp,
    pairwise: [UInt32]? = [CipherSuite.ccmp], akms: [UInt32]? = [AKMSuite.psk],
    caps: UInt16? = 0, pmkids: [[UInt8]]? = nil, gmc: UInt32? = nil
  ) -> [UInt8] {
    guard let version else { return [] }
    return le16(version)
      + suiteFields(
        group: group, pairwise: pairwise, akms: akms, caps: caps, pmkids: pmkids, gmc: gmc)
  }

  static func rsn(
    version: UInt16? = 1, group: UInt32? = CipherSuite.ccmp,
    pairwise: [UInt32]? = [CipherSuite.ccmp], akms: [UInt32]? = [AKMSuite.psk],
    caps: UInt16? = 0, pmkids: [[UInt8]]? = nil, gmc: UInt32? = nil
  ) -> [UInt8] {
    element(
      48,
      rsnBody(
        version: version, group: group, pairwise: pairwise, akms: akms, caps: caps,
        pmkids: pmkids, gmc: gmc))
  }

  /// WPA vendor element (00-50-F2 type 1): version, group, pairwise list, AKM list, and an
  /// optional capabilities field, with suites under 00-50-F2.
  static func wpa(
    version: UInt16? = 1, group: UInt32? = CipherSuite.wpa(2),
    pairwise: [UInt32]? = [CipherSuite.wpa(2)], akms: [UInt32]? = [AKMSuite.wpa(2)],
    caps: UInt16? = nil
  ) -> [UInt8] {
    var body: [UInt8] = []
    if let version {
      body =
        le16(version)
        + suiteFields(
          group: group, pairwise: pairwise, akms: akms, caps: caps, pmkids: nil, gmc: nil)
    }
    return vendor(0x0050_F201, body)
  }

  /// RSN Override (50-6F-9A type 0x29) and RSN Override 2 (type 0x2A): an RSN element's
  /// body, Version field first (Wi-Fi Alliance WPA3 specification, RSN overriding).
  static func rsnOverride(
    type: UInt8 = 0x29, version: UInt16? = 1, group: UInt32? = CipherSuite.ccmp,
    pairwise: [UInt32]? = [CipherSuite.ccmp], akms: [UInt32]? = [AKMSuite.sae],
    caps: UInt16? = RSNCaps.mfpr | RSNCaps.mfpc, pmkids: [[UInt8]]? = nil, gmc: UInt32? = nil
  ) -> [UInt8] {
    vendor(
      0x506F_9A00 | UInt32(type),
      rsnBody(
        version: version, group: group, pairwise: pairwise, akms: akms, caps: caps,
        pmkids: pmkids, gmc: gmc))
  }

  static func rsnOverride2(
    group: UInt32? = CipherSuite.ccmp, pairwise: [UInt32]? = [CipherSuite.ccmp],
    akms: [UInt32]? = [AKMSuite.saeExtKey], caps: UInt16? = RSNCaps.mfpr | RSNCaps.mfpc,
    gmc: UInt32? = nil
  ) -> [UInt8] {
    rsnOverride(
      type: 0x2A, group: group, pairwise: pairwise, akms: akms, caps: caps,
      pmkids: gmc == nil ? nil : [], gmc: gmc)
  }

  /// The first octet of an RSNX field: bits 0-3 are its length minus one.
  static func rsnxOctet(h2e: Bool = false, saePK: Bool = false, protectedTWT: Bool = false)
    -> UInt8
  {
    (protectedTWT ? 0x10 : 0) | (h2e ? 0x20 : 0) | (saePK ? 0x40 : 0)
  }

  /// RSN Extension (ID 244).
  static func rsnx(h2e: Bool = false, saePK: Bool = false) -> [UInt8] {
    element(244, [rsnxOctet(h2e: h2e, saePK: saePK)])
  }

  /// RSNX Override (50-6F-9A type 0x2B).
  static func rsnxOverride(h2e: Bool = false, saePK: Bool = false) -> [UInt8] {
    vendor(0x506F_9A2B, [rsnxOctet(h2e: h2e, saePK: saePK)])
  }

  // MARK: WPS (Wi-Fi Simple Configuration 2.0, big-endian attribute TLVs)

  enum WPS {
    static func attribute(_ type: UInt16, _ value: [UInt8]) -> [UInt8] {
      be16(type) + be16(UInt16(value.count)) + value
    }
    static func version(_ value: UInt8 = 0x10) -> [UInt8] { attribute(0x104A, [value]) }
    static func state(_ value: UInt8) -> [UInt8] { attribute(0x1044, [value]) }
    static func apSetupLocked(_ locked: Bool) -> [UInt8] {
      attribute(0x1057, [locked ? 1 : 0])
    }
    static func selectedRegistrar(_ on: Bool) -> [UInt8] { attribute(0x1041, [on ? 1 : 0]) }
    static func configMethods(_ methods: UInt16) -> [UInt8] { attribute(0x1008, be16(methods)) }
    static func deviceName(_ name: String) -> [UInt8] { attribute(0x1011, Array(name.utf8)) }
    static func manufacturer(_ name: String) -> [UInt8] { attribute(0x1021, Array(name.utf8)) }
    static func modelName(_ name: String) -> [UInt8] { attribute(0x1023, Array(name.utf8)) }
    static func modelNumber(_ name: String) -> [UInt8] { attribute(0x1024, Array(name.utf8)) }
    /// Vendor Extension with the WFA OUI 00-37-2A and its Version2 sub-element (ID 0).
    static func version2(_ value: UInt8 = 0x20) -> [UInt8] {
      attribute(0x1049, [0x00, 0x37, 0x2A, 0x00, 0x01, value])
    }
  }

  /// One WPS vendor element (00-50-F2 type 4) carrying the attribute stream.
  static func wps(_ attributes: [UInt8]...) -> [UInt8] {
    vendor(0x0050_F204, attributes.flatMap { $0 })
  }

  /// The same stream split over two WPS vendor elements after `splitAt` bytes.
  static func wpsSplit(_ stream: [UInt8], at splitAt: Int) -> [UInt8] {
    vendor(0x0050_F204, Array(stream.prefix(splitAt)))
      + vendor(0x0050_F204, Array(stream.dropFirst(splitAt)))
  }

  // MARK: Wi-Fi Alliance and 802.11u elements

  /// OWE Transition Mode (50-6F-9A type 28): BSSID, SSID length and SSID, optional band
  /// information (operating class and channel).
  static func oweTransition(
    bssid: [UInt8], ssid: String, operatingClass: UInt8? = nil, channel: UInt8? = nil
  ) -> [UInt8] {
    var body = bssid + [UInt8(ssid.utf8.count)] + Array(ssid.utf8)
    if let operatingClass, let channel { body += [operatingClass, channel] }
    return vendor(0x506F_9A1C, body)
  }

  /// Interworking (ID 107): access network options, venue info, HESSID.
  static func interworking(
    ant: UInt8, internet: Bool = false, asra: Bool = false, esr: Bool = false,
    uesa: Bool = false, venue: (UInt8, UInt8)? = nil, hessid: [UInt8]? = nil
  ) -> [UInt8] {
    let options =
      ant | (internet ? 0x10 : 0) | (asra ? 0x20 : 0) | (esr ? 0x40 : 0) | (uesa ? 0x80 : 0)
    var body = [options]
    if let venue { body += [venue.0, venue.1] }
    if let hessid { body += hessid }
    return element(107, body)
  }

  /// Roaming Consortium (ID 111): number of ANQP OIs, OI lengths (two nibbles), OIs.
  static func roamingConsortium(_ ois: [[UInt8]], anqpCount: UInt8 = 0) -> [UInt8] {
    let first = UInt8(ois.first?.count ?? 0)
    let second = UInt8(ois.count > 1 ? ois[1].count : 0)
    return element(111, [anqpCount, first | second << 4] + ois.flatMap { $0 })
  }

  /// Hotspot 2.0 Indication (50-6F-9A type 16): release in bits 4-7 (release - 1), DGAF
  /// disabled in bit 0.
  static func hs20(release: UInt8 = 3, dgafDisabled: Bool = true) -> [UInt8] {
    vendor(0x506F_9A10, [(release - 1) << 4 | (dgafDisabled ? 1 : 0)])
  }

  // MARK: PHY capability elements (presence only)

  static func htCapabilities() -> [UInt8] { element(45, [UInt8](repeating: 0, count: 26)) }
  static func htOperation() -> [UInt8] { element(61, [UInt8](repeating: 0, count: 22)) }
  static func vhtCapabilities() -> [UInt8] { element(191, [UInt8](repeating: 0, count: 12)) }
  static func vhtOperation() -> [UInt8] { element(192, [UInt8](repeating: 0, count: 5)) }
  static func heCapabilities() -> [UInt8] { extended(35, [UInt8](repeating: 0, count: 21)) }
  static func heOperation() -> [UInt8] { extended(36, [UInt8](repeating: 0, count: 6)) }
  static func ehtCapabilities() -> [UInt8] { extended(108, [UInt8](repeating: 0, count: 11)) }
  static func ehtOperation() -> [UInt8] { extended(106, [UInt8](repeating: 0, count: 5)) }

  /// HE Operation (extension 36) with 6 GHz Operation Information (parameters bit 17):
  /// parameters (3), BSS colour (1), basic HE-MCS and NSS (2), then primary channel,
  /// control, centre frequency segments 0 and 1, minimum rate.
  static func heOperation6GHz(primary: UInt8) -> [UInt8] {
    extended(36, [0x00, 0x00, 0x02, 0x01, 0xFC, 0xFF, primary, 0x00, primary, 0, 6])
  }

  /// Basic Multi-Link element (extension 107, IEEE 802.11be-2024 9.4.2.322.2): Multi-Link
  /// Control (type 0; bit 4, Link ID Info present), Common Info (length, MLD MAC address,
  /// Link ID Info).
  static func multiLink(mld: [UInt8], linkID: UInt8?) -> [UInt8] {
    let control: UInt16 = linkID == nil ? 0x0000 : 0x0010
    let info = mld + (linkID.map { [$0] } ?? [])
    return extended(107, le16(control) + [UInt8(info.count + 1)] + info)
  }

  /// Wi-Fi Direct P2P vendor element (50-6F-9A type 9) with a P2P Capability attribute.
  static func p2p() -> [UInt8] { vendor(0x506F_9A09, [0x02, 0x02, 0x00, 0x21, 0x00]) }

  /// Extended Capabilities (ID 127) with the given bits set.
  static func extendedCapabilities(bits: [Int]) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: 11)
    for bit in bits { bytes[bit / 8] |= 1 << UInt8(bit % 8) }
    return element(127, bytes)
  }

  /// Mobility Domain (ID 54): MDID and FT capability and policy.
  static func mobilityDomain() -> [UInt8] { element(54, [0x5A, 0x4D, 0x01]) }
}

/// Records for the rating tests.
enum Net {
  static let bssid = mac("02:53:59:4e:10:01")

  /// A MAC address from a literal the test wrote; a typo there is the test's own bug.
  static func mac(_ text: String) -> MACAddress {
    guard let address = MACAddress(text) else { preconditionFailure("bad MAC literal \(text)") }
    return address
  }

  /// Capability Information with the ESS bit, and the Privacy bit when asked.
  static func capability(privacy: Bool) -> UInt16 { privacy ? 0x0011 : 0x0001 }

  static func record(
    _ ies: [UInt8], privacy: Bool = true, beacon: [UInt8]? = nil, frequency: Int? = 2437
  ) -> BSSRecord {
    BSSRecord(
      bssid: bssid,
      frequency: frequency, signalMBm: -5500, capability: capability(privacy: privacy),
      ies: ies, beaconIes: beacon)
  }

  static func assess(_ ies: [UInt8], privacy: Bool = true, beacon: [UInt8]? = nil)
    -> NetworkAssessment
  {
    NetworkAssessment.assess(record(ies, privacy: privacy, beacon: beacon))
  }

  /// A well-configured WPA3-Personal network: SAE, PMF required, hash-to-element.
  static let cleanWPA3 = IE.list(
    IE.ssid("home"), IE.rates(), IE.ds(6),
    IE.rsn(akms: [AKMSuite.sae], caps: RSNCaps.mfpr | RSNCaps.mfpc), IE.rsnx(h2e: true),
    IE.htCapabilities())
}
