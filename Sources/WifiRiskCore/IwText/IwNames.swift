/// The names `iw` prints for suites, capability bits and SSID bytes, read back into the
/// numbers they stand for.
enum IwNames {
  // MARK: - SSIDs

  /// Reverses `iw`'s SSID escaping (util.c, `print_ssid_escaped`): a printable ASCII byte
  /// other than space and backslash is printed as itself, a space as itself unless it is the
  /// first or last byte, and every other byte as `\xNN`. So a literal backslash always starts
  /// an escape, and blanks around the value are never part of the SSID.
  ///
  /// A backslash that does not start a well-formed `\xNN` is kept as a byte (text that
  /// `iw` did not print, read tolerantly).
  static func unescapeSSID(_ printed: ArraySlice<UInt8>) -> [UInt8] {
    let text = IwLex.trim(printed)
    var out: [UInt8] = []
    var index = text.startIndex
    while index < text.endIndex {
      let byte = text[index]
      if byte == IwLex.backslash, index + 3 < text.endIndex,
        IwLex.lower(text[index + 1]) == UInt8(ascii: "x"),
        let high = IwLex.hexDigit(text[index + 2]), let low = IwLex.hexDigit(text[index + 3])
      {
        out.append(high << 4 | low)
        index += 4
      } else {
        out.append(byte)
        index += 1
      }
    }
    return out
  }

  // MARK: - Suites

  enum SuiteKind { case cipher, akm }

  /// Cipher names, scan.c `print_cipher`: the same names under 00-0F-AC and 00-50-F2.
  /// Type 10 (CCMP-256) has no name there and is printed as `00-0f-ac:10`; the name is also
  /// accepted in case a later `iw` prints it.
  static let ieeeCiphers: [(String, UInt8)] = [
    ("Use group cipher suite", 0), ("WEP-40", 1), ("TKIP", 2), ("CCMP", 4), ("WEP-104", 5),
    ("AES-128-CMAC", 6), ("NO-GROUP", 7), ("GCMP", 8), ("GCMP-256", 9), ("CCMP-256", 10),
    ("BIP-GMAC-128", 11), ("BIP-GMAC-256", 12), ("BIP-CMAC-256", 13),
  ]
  static let wpaCiphers: [(String, UInt8)] = [
    ("Use group cipher suite", 0), ("WEP-40", 1), ("TKIP", 2), ("CCMP", 4), ("WEP-104", 5),
  ]
  /// AKM names, scan.c `print_auth`. Types 10, 21, 22 and 23 have no name there and are
  /// printed as `00-0f-ac:NN`.
  static let ieeeAKMs: [(String, UInt8)] = [
    ("IEEE 802.1X", 1), ("PSK", 2), ("FT/IEEE 802.1X", 3), ("FT/PSK", 4),
    ("IEEE 802.1X/SHA-256", 5), ("PSK/SHA-256", 6), ("TDLS/TPK", 7), ("SAE", 8), ("FT/SAE", 9),
    ("IEEE 802.1X/SUITE-B", 11), ("IEEE 802.1X/SUITE-B-192", 12),
    ("FT/IEEE 802.1X/SHA-384", 13), ("FILS/SHA-256", 14), ("FILS/SHA-384", 15),
    ("FT/FILS/SHA-256", 16), ("FT/FILS/SHA-384", 17), ("OWE", 18), ("FT/PSK/SHA-384", 19),
    ("PSK/SHA-384", 20), ("SAE-EXT-KEY", 24), ("FT/SAE-EXT-KEY", 25),
  ]
  static let wpaAKMs: [(String, UInt8)] = [("IEEE 802.1X", 1), ("PSK", 2)]
  /// Wi-Fi Alliance AKMs (50-6F-9A).
  static let wfaAKMs: [(String, UInt8)] = [("OSEN", 1), ("DPP", 2)]

  /// The names that can stand in one list, with their selectors, most likely OUI first: in
  /// a WPA element a name shared by both OUIs is read as 00-50-F2, in an RSN element as
  /// 00-0F-AC. Longest names first, so `IEEE 802.1X/SUITE-B-192` wins over `IEEE 802.1X`.
  static func vocabulary(_ kind: SuiteKind, wpa: Bool) -> [(name: [UInt8], selector: UInt32)] {
    switch (kind, wpa) {
    case (.cipher, false): rsnCipherNames
    case (.cipher, true): wpaCipherNames
    case (.akm, false): rsnAKMNames
    case (.akm, true): wpaAKMNames
    }
  }
  private static let rsnCipherNames = makeVocabulary(.cipher, wpa: false)
  private static let wpaCipherNames = makeVocabulary(.cipher, wpa: true)
  private static let rsnAKMNames = makeVocabulary(.akm, wpa: false)
  private static let wpaAKMNames = makeVocabulary(.akm, wpa: true)

  private static func makeVocabulary(_ kind: SuiteKind, wpa: Bool)
    -> [(name: [UInt8], selector: UInt32)]
  {
    func under(_ oui: UInt32, _ table: [(String, UInt8)]) -> [([UInt8], UInt32)] {
      table.map { (Array($0.0.utf8), oui << 8 | UInt32($0.1)) }
    }
    var entries: [([UInt8], UInt32)]
    switch kind {
    case .cipher:
      entries =
        wpa
        ? under(SuiteOUI.microsoftWPA, wpaCiphers) + under(SuiteOUI.ieee, ieeeCiphers)
        : under(SuiteOUI.ieee, ieeeCiphers)
    case .akm:
      entries =
        (wpa
          ? under(SuiteOUI.microsoftWPA, wpaAKMs) + under(SuiteOUI.ieee, ieeeAKMs)
          : under(SuiteOUI.ieee, ieeeAKMs)) + under(SuiteOUI.wifiAlliance, wfaAKMs)
    }
    // A stable sort by length keeps the OUI preference among names of equal length.
    return entries.enumerated()
      .sorted { ($0.element.0.count, -$0.offset) > ($1.element.0.count, -$1.offset) }
      .map { (name: $0.element.0, selector: $0.element.1) }
  }

  /// Reads a suite list as `iw` prints it (`CCMP TKIP`, `IEEE 802.1X/SHA-256 PSK`,
  /// `00-0f-ac:10`). Names may contain spaces, so the list is matched name by name rather
  /// than split on blanks. A token that is neither a known name nor a selector is returned
  /// in `unknown`.
  static func suites(_ text: ArraySlice<UInt8>, _ kind: SuiteKind, wpa: Bool)
    -> (selectors: [UInt32], unknown: [String])
  {
    let names = vocabulary(kind, wpa: wpa)
    var selectors: [UInt32] = []
    var unknown: [String] = []
    var index = text.startIndex
    while index < text.endIndex {
      if IwLex.isBlank(text[index]) {
        index += 1
        continue
      }
      let rest = text[index...]
      let match = names.first { entry in
        guard rest.starts(with: entry.name) else { return false }
        let next = index + entry.name.count
        return next == text.endIndex || IwLex.isBlank(text[next])
      }
      if let match {
        selectors.append(match.selector)
        index += match.name.count
        continue
      }
      var end = index
      while end < text.endIndex && !IwLex.isBlank(text[end]) { end += 1 }
      let token = text[index..<end]
      if let selector = selector(token) {
        selectors.append(selector)
      } else {
        unknown.append(IwLex.excerpt(token))
      }
      index = end
    }
    return (selectors, unknown)
  }

  /// `iw`'s form for a suite it has no name for: `%.02x-%.02x-%.02x:%d` (OUI in hex, type
  /// in decimal).
  static func selector(_ token: ArraySlice<UInt8>) -> UInt32? {
    let text = IwLex.string(token)
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return nil }
    let oui = parts[0].split(separator: "-", omittingEmptySubsequences: false)
    guard oui.count == 3 else { return nil }
    var value: UInt32 = 0
    for byte in oui {
      guard byte.count == 2, let number = UInt8(byte, radix: 16) else { return nil }
      value = value << 8 | UInt32(number)
    }
    guard parts[1].count <= 3, let type = UInt8(parts[1]) else { return nil }
    return value << 8 | UInt32(type)
  }

  // MARK: - Capability bits

  /// RSN capability names, scan.c `_print_rsn_ie`; read only when the `(0x....)` value is
  /// missing. Bits without a name (8, 12, 14, 15) are then lost.
  static let rsnCapabilityNames: [String: UInt16] = [
    "PreAuth": 0x0001, "NoPairwise": 0x0002,
    "1-PTKSA-RC": 0x0000, "2-PTKSA-RC": 0x0004, "4-PTKSA-RC": 0x0008, "16-PTKSA-RC": 0x000C,
    "1-GTKSA-RC": 0x0000, "2-GTKSA-RC": 0x0010, "4-GTKSA-RC": 0x0020, "16-GTKSA-RC": 0x0030,
    "MFP-required": 0x0040, "MFP-capable": 0x0080, "Peerkey-enabled": 0x0200,
    "SPP-AMSDU-capable": 0x0400, "SPP-AMSDU-required": 0x0800, "Extended-Key-ID": 0x2000,
  ]

  /// Capability Information names, scan.c `print_capa_non_dmg`.
  static let capabilityNames: [String: UInt16] = [
    "ESS": 0x0001, "IBSS": 0x0002, "CfPollable": 0x0004, "CfPollReq": 0x0008,
    "Privacy": 0x0010, "ShortPreamble": 0x0020, "PBCC": 0x0040, "ChannelAgility": 0x0080,
    "SpectrumMgmt": 0x0100, "QoS": 0x0200, "ShortSlotTime": 0x0400, "APSD": 0x0800,
    "RadioMeasure": 0x1000, "DSSS-OFDM": 0x2000, "DelayedBACK": 0x4000,
    "ImmediateBACK": 0x8000,
  ]
  /// The 60 GHz (DMG) names, scan.c `print_capa_dmg`.
  static let dmgCapabilityNames: [String: UInt16] = [
    "DMG_IBSS": 0x0001, "DMG_PCP": 0x0002, "DMG_ESS": 0x0003, "CBAP_Only": 0x0004,
    "CBAP_Src": 0x0008, "Privacy": 0x0010, "ECPAC": 0x0020, "SpectrumMgmt": 0x0100,
    "RadioMeasure": 0x1000,
  ]

  /// A bit field printed as names followed by its value: `ESS Privacy (0x0411)`. The value
  /// in parentheses wins; without it the names are added up, and `unknown` lists names
  /// that mean nothing here.
  static func bitField(_ text: ArraySlice<UInt8>, names: [String: UInt16])
    -> (value: UInt16?, unknown: [String])
  {
    if let open = IwLex.lastIndex(of: "(0x", in: text) {
      let digits = IwLex.string(text[(open + 3)...]).prefix { $0.isHexDigit }
      if !digits.isEmpty, digits.count <= 4, let value = UInt16(digits, radix: 16) {
        return (value, [])
      }
    }
    let string = IwLex.string(text)
    var value: UInt16 = 0
    var unknown: [String] = []
    var any = false
    for word in string.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
      if let bits = names[String(word)] {
        value |= bits
        any = true
      } else {
        unknown.append(String(word))
      }
    }
    return (any ? value : nil, unknown)
  }

  /// WPS configuration method names, scan.c `print_wifi_wps`: only bits 0 to 8 have one.
  static let wpsConfigMethods: [String: UInt16] = [
    "USB": 0x0001, "Ethernet": 0x0002, "Label": 0x0004, "Display": 0x0008,
    "Ext. NFC": 0x0010, "Int. NFC": 0x0020, "NFC Intf.": 0x0040, "PBC": 0x0080,
    "Keypad": 0x0100,
  ]

  /// Country environment names, scan.c `country_env_str`. `iw` prints every other byte
  /// (including 'X', non-country entity) as "bogus", which cannot be read back.
  static let countryEnvironments: [String: UInt8] = [
    "Indoor only": UInt8(ascii: "I"), "Outdoor only": UInt8(ascii: "O"),
    "Indoor/Outdoor": UInt8(ascii: " "),
  ]

  /// Access network type names, scan.c `ntype_11u`, for when the options byte is missing.
  static let networkTypeBits: [String: UInt8] = [
    "Internet": 0x10, "ASRA": 0x20, "ESR": 0x40, "UESA": 0x80,
  ]
}
