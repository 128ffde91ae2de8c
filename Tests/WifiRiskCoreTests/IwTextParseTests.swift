import Testing
import WifiRiskCore

/// `iw` scan text in the exact shapes scan.c prints, read back field by field.
@Suite struct IwTextParseTests {
  /// One BSS block as `iw` prints it: header, BSS fields, then `elements` (lines without
  /// the leading tab, which is added here).
  static func bss(
    _ elements: [String], bssid: String = "02:00:00:00:00:09", header: String = "(on wlan0)",
    capability: String = "ESS Privacy ShortSlotTime (0x0411)"
  ) -> String {
    var lines = [
      "BSS \(bssid)\(header)",
      "\tlast seen: 2203.114s [boottime]",
      "\tTSF: 0 usec (0d, 00:00:00)",
      "\tfreq: 2437",
      "\tbeacon interval: 100 TUs",
      "\tcapability: \(capability)",
      "\tsignal: -52.00 dBm",
      "\tlast seen: 40 ms ago",
    ]
    lines += elements.map { "\t" + $0 }
    return lines.joined(separator: "\n") + "\n"
  }

  static func assess(_ text: String) throws -> NetworkAssessment {
    let result = try IwScanText.parse(Array(text.utf8))
    let record = try #require(result.capture.bss.first)
    return NetworkAssessment.assess(record)
  }

  static func rsn(akms: String, caps: String = "16-PTKSA-RC 1-GTKSA-RC (0x000c)") -> [String] {
    [
      "RSN:\t * Version: 1", "\t * Group cipher: CCMP", "\t * Pairwise ciphers: CCMP",
      "\t * Authentication suites: \(akms)", "\t * Capabilities: \(caps)",
    ]
  }

  // MARK: - Header and BSS fields

  @Test(arguments: [
    ("(on wlan0) -- associated", BSSStatus.associated, "wlan0"),
    ("(on wlp2s0) -- authenticated", .authenticated, "wlp2s0"),
    (" (on wlan1) -- joined", .ibssJoined, "wlan1"),
  ])
  func headerStatus(_ header: String, _ status: BSSStatus, _ interface: String) throws {
    let text = Self.bss(["SSID: x"], header: header)
    let result = try IwScanText.parse(Array(text.utf8))
    #expect(result.capture.bss.first?.status == status)
    #expect(result.capture.interface == interface)
    #expect(result.capture.source == "iw")
  }

  @Test func headerWithoutInterface() throws {
    let text = "BSS 00:11:22:33:44:55\n\tfreq: 5180.0\n\tcapability: ESS (0x0001)\n"
    let result = try IwScanText.parse(Array(text.utf8))
    let record = try #require(result.capture.bss.first)
    #expect(record.bssid == MACAddress("00:11:22:33:44:55"))
    #expect(record.frequency == 5180)
    #expect(result.capture.interface == nil)
  }

  @Test(arguments: [
    ("freq: 2412", 2412), ("freq: 2412.0", 2412), ("freq: 5955.000", 5955),
  ])
  func frequency(_ line: String, _ mhz: Int) throws {
    let text = "BSS 02:00:00:00:00:09(on wlan0)\n\t\(line)\n\tcapability: ESS (0x0001)\n"
    let result = try IwScanText.parse(Array(text.utf8))
    #expect(result.capture.bss.first?.frequency == mhz)
  }

  /// iw prints `%d.%.2d` of the quotient and remainder by 100.
  @Test(arguments: [
    ("-52.00 dBm", -5200), ("-30.-50 dBm", -3050), ("0.-50 dBm", -50), ("-67.25 dBm", -6725),
    ("3.00 dBm", 300),
  ])
  func signal(_ printed: String, _ mBm: Int) throws {
    let text = "BSS 02:00:00:00:00:09(on wlan0)\n\tcapability: ESS (0x0001)\n\tsignal: \(printed)\n"
    let result = try IwScanText.parse(Array(text.utf8))
    #expect(result.capture.bss.first?.signalMBm == mBm)
  }

  @Test func signalInUnspecifiedUnitsIsLeftOut() throws {
    let text = "BSS 02:00:00:00:00:09(on wlan0)\n\tcapability: ESS (0x0001)\n\tsignal: 60/100\n"
    let result = try IwScanText.parse(Array(text.utf8))
    #expect(result.capture.bss.first?.signalMBm == nil)
    #expect(!result.notes.isEmpty)
  }

  @Test func capabilityNamesWithoutValue() throws {
    let text = Self.bss(["SSID: x"], capability: "ESS Privacy ShortSlotTime")
    let assessment = try Self.assess(text)
    #expect(assessment.record.capability == 0x0411)
    #expect(assessment.security == .wep)
  }

  // MARK: - SSIDs

  /// iw escapes every byte but printable ASCII, and a space at either end, as `\xNN`; a
  /// backslash is always escaped.
  static let ssidTable: [(String, [UInt8])] = [
    ("lab-open", Array("lab-open".utf8)),
    ("\\x1b[31mred\\x1b[0m", [0x1B] + Array("[31mred".utf8) + [0x1B] + Array("[0m".utf8)),
    ("\\xff\\xfe\\x00", [0xFF, 0xFE, 0x00]),
    ("back\\x5cslash", Array("back\\slash".utf8)),
    ("\\x20edge spaces\\x20", Array(" edge spaces ".utf8)),
    ("caf\\xc3\\xa9", Array("café".utf8)),
    ("tab\\x09and\\x0anewline", Array("tab\tand\nnewline".utf8)),
    ("100%\\x22quoted\\x22", Array("100%\"quoted\"".utf8)),
    ("\\X41", [0x41]),
    ("lone\\xg", Array("lone\\xg".utf8)),
  ]

  @Test(arguments: ssidTable)
  func ssidEscapes(_ printed: String, _ bytes: [UInt8]) throws {
    let assessment = try Self.assess(Self.bss(["SSID: \(printed)"]))
    #expect(assessment.elements.ssid == bytes)
  }

  @Test(arguments: ["SSID: ", "SSID:", "SSID: \\x00\\x00\\x00\\x00"])
  func hiddenSSID(_ line: String) throws {
    let assessment = try Self.assess(Self.bss([line] + Self.rsn(akms: "PSK")))
    #expect(assessment.hidden)
    #expect(assessment.findings.contains { $0.id == "hidden-ssid" })
  }

  /// An SSID that spells iw's marker for an over-long element is still an SSID.
  @Test func ssidThatLooksLikeInvalidMarker() throws {
    let assessment = try Self.assess(Self.bss(["SSID: <invalid: 1 byte: 41>"]))
    #expect(assessment.elements.ssid == Array("<invalid: 1 byte: 41>".utf8))
  }

  @Test func overlongSSIDIsRebuiltRaw() throws {
    let bytes = [UInt8](repeating: 0x61, count: 33)
    let hex = bytes.map { " " + Hex.byte($0) }.joined()
    let assessment = try Self.assess(Self.bss(["SSID: <invalid: 33 bytes:\(hex)>"]))
    #expect(assessment.elements.ssid == bytes)
    #expect(assessment.anomalies.contains { $0.element == "SSID" })
  }

  // MARK: - Suites

  /// Every AKM of 00-0F-AC: by iw's name where it has one (scan.c `print_auth`), else in
  /// iw's `00-0f-ac:NN` form; and the Wi-Fi Alliance ones.
  static let akmTable: [(String, AKM)] = [
    ("IEEE 802.1X", AKM.ieee8021x), ("PSK", .psk), ("FT/IEEE 802.1X", .ft8021x),
    ("FT/PSK", .ftPsk), ("IEEE 802.1X/SHA-256", .ieee8021xSHA256), ("PSK/SHA-256", .pskSHA256),
    ("TDLS/TPK", .tdls), ("SAE", .sae), ("FT/SAE", .ftSae), ("00-0f-ac:10", .apPeerKey),
    ("IEEE 802.1X/SUITE-B", .suiteB), ("IEEE 802.1X/SUITE-B-192", .suiteB192),
    ("FT/IEEE 802.1X/SHA-384", .ft8021xSHA384), ("FILS/SHA-256", .filsSHA256),
    ("FILS/SHA-384", .filsSHA384), ("FT/FILS/SHA-256", .ftFilsSHA256),
    ("FT/FILS/SHA-384", .ftFilsSHA384), ("OWE", .owe), ("FT/PSK/SHA-384", .ftPskSHA384),
    ("PSK/SHA-384", .pskSHA384), ("00-0f-ac:21", .pasn),
    ("00-0f-ac:22", .ft8021xSHA384Unrestricted), ("00-0f-ac:23", .ieee8021xSHA384),
    ("SAE-EXT-KEY", .saeExtKey), ("FT/SAE-EXT-KEY", .ftSaeExtKey),
    ("OSEN", .unknown(0x506F_9A01)), ("DPP", .unknown(0x506F_9A02)),
    ("00-40-96:0", .unknown(0x0040_9600)), ("00-0f-ac:26", .unknown(0x000F_AC1A)),
  ]

  @Test(arguments: akmTable)
  func akmNames(_ printed: String, _ akm: AKM) throws {
    let assessment = try Self.assess(Self.bss(["SSID: x"] + Self.rsn(akms: printed)))
    #expect(assessment.elements.rsn?.akms == [akm])
    #expect(assessment.elements.anomalies.isEmpty)
  }

  /// Every cipher of 00-0F-AC (scan.c `print_cipher`); CCMP-256 has no name in iw.
  static let cipherTable: [(String, Cipher)] = [
    ("Use group cipher suite", Cipher.useGroup), ("WEP-40", .wep40), ("TKIP", .tkip),
    ("00-0f-ac:3", .unknown(0x000F_AC03)), ("CCMP", .ccmp128), ("WEP-104", .wep104),
    ("AES-128-CMAC", .bipCmac128), ("NO-GROUP", .noGroupAddressed), ("GCMP", .gcmp128),
    ("GCMP-256", .gcmp256), ("00-0f-ac:10", .ccmp256), ("BIP-GMAC-128", .bipGmac128),
    ("BIP-GMAC-256", .bipGmac256), ("BIP-CMAC-256", .bipCmac256),
  ]

  @Test(arguments: cipherTable)
  func cipherNames(_ printed: String, _ cipher: Cipher) throws {
    let lines = [
      "RSN:\t * Version: 1", "\t * Group cipher: \(printed)",
      "\t * Pairwise ciphers: CCMP \(printed) GCMP-256", "\t * Authentication suites: SAE",
      "\t * Capabilities: MFP-required MFP-capable (0x00c0)", "\t * 0 PMKIDs",
      "\t * Group mgmt cipher suite: \(printed)",
    ]
    let rsn = try #require(try Self.assess(Self.bss(lines)).elements.rsn)
    #expect(rsn.groupCipher == cipher)
    #expect(rsn.pairwiseCiphers == [.ccmp128, cipher, .gcmp256])
    #expect(rsn.groupManagementCipher == cipher)
    #expect(rsn.pmkidCount == 0)
  }

  @Test func severalAKMsWithSpacesInNames() throws {
    let assessment = try Self.assess(
      Self.bss(Self.rsn(akms: "IEEE 802.1X FT/IEEE 802.1X IEEE 802.1X/SHA-256 00-0f-ac:23")))
    #expect(
      assessment.elements.rsn?.akms == [.ieee8021x, .ft8021x, .ieee8021xSHA256, .ieee8021xSHA384])
    #expect(assessment.security == .wpa2Enterprise)
  }

  @Test func unknownSuiteNameStaysUnknown() throws {
    let text = Self.bss(Self.rsn(akms: "PSK NEW-AKM"))
    let result = try IwScanText.parse(Array(text.utf8))
    let record = try #require(result.capture.bss.first)
    let assessment = NetworkAssessment.assess(record)
    #expect(assessment.elements.rsn?.akms == [.psk, .unknown(0)])
    #expect(result.notes.contains { $0.contains("NEW-AKM") })
  }

  /// WPA's names are read under 00-50-F2 (print_wifi_wpa), so the element is the real one.
  @Test func wpaElementBytes() throws {
    let lines = [
      "WPA:\t * Version: 1", "\t * Group cipher: TKIP", "\t * Pairwise ciphers: TKIP CCMP",
      "\t * Authentication suites: PSK",
    ]
    let assessment = try Self.assess(Self.bss(lines))
    let wpa = try #require(assessment.elements.wpa)
    #expect(
      wpa.raw == [
        0x01, 0x00, 0x00, 0x50, 0xF2, 0x02, 0x02, 0x00, 0x00, 0x50, 0xF2, 0x02, 0x00, 0x50,
        0xF2, 0x04, 0x01, 0x00, 0x00, 0x50, 0xF2, 0x02,
      ])
    #expect(wpa.akms == [.psk])
    #expect(assessment.security == .wpaPersonal)
    #expect(assessment.findings.contains { $0.id == "tkip" })
  }

  // MARK: - RSN details

  @Test func capabilitiesFromNamesWhenValueMissing() throws {
    let lines = Self.rsn(akms: "SAE", caps: "16-PTKSA-RC 1-GTKSA-RC MFP-required MFP-capable")
    let assessment = try Self.assess(Self.bss(lines))
    #expect(assessment.elements.rsn?.capabilities == 0x00CC)
    #expect(assessment.pmf == .required)
  }

  @Test func pmkidsAndManagementCipher() throws {
    let lines =
      Self.rsn(akms: "SAE", caps: "MFP-required MFP-capable (0x00c0)") + [
        "\t * 2 PMKIDs", "\t * Group mgmt cipher suite: BIP-GMAC-256",
      ]
    let result = try IwScanText.parse(Array(Self.bss(lines).utf8))
    let record = try #require(result.capture.bss.first)
    let rsn = try #require(NetworkAssessment.assess(record).elements.rsn)
    #expect(rsn.pmkidCount == 2)
    #expect(rsn.groupManagementCipher == .bipGmac256)
    #expect(result.notes.contains { $0.contains("PMKID") })
  }

  /// When the element ends before the pairwise list, iw prints its default pairwise
  /// cipher and no AKM line (scan.c `_print_rsn_ie`): that default is not the AP's.
  @Test func pairwiseDefaultIsLeftOut() throws {
    let lines = [
      "RSN:\t * Version: 1", "\t * Group cipher: TKIP", "\t * Pairwise ciphers: CCMP",
      "WMM:\t * Parameter version 1",
    ]
    let assessment = try Self.assess(Self.bss(lines))
    let rsn = try #require(assessment.elements.rsn)
    #expect(rsn.raw == [0x01, 0x00, 0x00, 0x0F, 0xAC, 0x02])
    #expect(rsn.pairwiseCiphers == nil)
    #expect(rsn.defaultedFields == ["pairwise_ciphers", "akms", "capabilities"])
  }

  @Test func bogusTailIsKept() throws {
    let lines = Self.rsn(akms: "PSK") + ["\t\t * bogus tail data (3): 01 02 03"]
    let assessment = try Self.assess(Self.bss(lines))
    #expect(assessment.elements.rsn?.raw.suffix(3) == [0x01, 0x02, 0x03])
    #expect(assessment.findings.contains { $0.id == "malformed-elements" })
  }

  @Test(arguments: ["RSN: <invalid: 1 byte: 01>", "RSN: <invalid: no data>"])
  func rsnOutsideBoundsIsDamaged(_ line: String) throws {
    let assessment = try Self.assess(Self.bss(["SSID: x", line]))
    #expect(assessment.security == .unknown)
  }

  /// A paste cut inside the RSN block: the element is kept damaged, never taken for WEP
  /// (or, without its AKMs, for 802.1X by default).
  @Test(arguments: [
    "RSN:", "RSN:\t * Version: 1\n\t\t * Group cipher: CCMP\n\t\t * Pairwise ciphers: CCMP",
  ])
  func rsnCutShortReadsUnknown(_ rsn: String) throws {
    let text = "BSS 02:00:00:00:00:09(on wlan0)\n\tcapability: ESS Privacy (0x0011)\n\t" + rsn
    let assessment = try Self.assess(text)
    #expect(assessment.security == .unknown)
  }

  // MARK: - Other elements

  @Test func wpsConfiguredAndLocked() throws {
    let lines =
      Self.rsn(akms: "PSK") + [
        "WPS:\t * Version: 1.0", "\t * Wi-Fi Protected Setup State: 2 (Configured)",
        "\t * AP setup locked: 0x01", "\t * Selected Registrar: 0x0",
        "\t * Device Password ID: 4 (PushButton)",
        "\t * UUID: 00112233-4455-6677-8899-aabbccddeeff",
        "\t * Primary Device Type: 6-0050f204-1", "\t * Device name: \u{1b}[2Jrouter ",
        "\t * Config methods: Display, PBC, Keypad", "\t * RF Bands: 0x3",
        "\t * Unknown TLV (0x1234, 2 bytes): ab cd", "\t * Version2: 2.0",
      ]
    let assessment = try Self.assess(Self.bss(lines))
    let wps = try #require(assessment.wps)
    #expect(wps.state == .configured)
    #expect(wps.apSetupLocked == true)
    #expect(wps.selectedRegistrar == false)
    #expect(wps.configMethods == 0x0188)
    #expect(wps.deviceName == [0x1B] + Array("[2Jrouter ".utf8))
    #expect(wps.version2 == 0x20)
    #expect(assessment.elements.anomalies.isEmpty)
    let finding = try #require(assessment.findings.first { $0.id == "wps-enabled" })
    #expect(finding.severity == .low)
  }

  @Test func interworkingPortal() throws {
    let lines = [
      "SSID: cafe", "802.11u Interworking:", "\t\tNetwork Options: 0x23",
      "\t\t\tNetwork Type: 3 (Free Public)", "\t\t\tASRA",
    ]
    let assessment = try Self.assess(Self.bss(lines, capability: "ESS (0x0001)"))
    #expect(assessment.elements.interworking?.accessNetworkType == 3)
    #expect(assessment.elements.interworking?.asra == true)
    let ids = assessment.findings.map(\.id)
    #expect(ids.contains("public-network"))
    #expect(ids.contains("portal-signalled"))
  }

  @Test func hotspot20AndEnterprise() throws {
    let lines =
      Self.rsn(akms: "IEEE 802.1X", caps: "MFP-capable (0x0080)") + [
        "802.11u Interworking:", "\t\tNetwork Options: 0x12",
        "\t\t\tNetwork Type: 2 (Chargeable Public)",
        "\t\t\tInternet", "HotSpot 2.0 Indication:", "\t\tDGAF: 1",
      ]
    let result = try IwScanText.parse(Array(Self.bss(lines).utf8))
    let assessment = NetworkAssessment.assess(try #require(result.capture.bss.first))
    #expect(assessment.elements.hs20?.dgafDisabled == true)
    #expect(assessment.findings.first { $0.id == "public-network" }?.severity == .info)
    #expect(result.notes.contains { $0.contains("DGAF") })
  }

  @Test func countryAndPresenceElements() throws {
    let lines = [
      "Country: DE\tEnvironment: Indoor/Outdoor", "\t\tChannels [1 - 13] @ 20 dBm",
      "\t\tChannels [36 - 48] @ 23 dBm", "HT capabilities:", "\t\tCapabilities: 0x1ad",
      "HT operation:", "\t\t * primary channel: 36", "VHT capabilities:",
      "\t\tVHT Capabilities (0x0f8b69b2):", "VHT operation:", "\t\t * channel width: 1 (80 MHz)",
      "HE capabilities:", "\t\tHE MAC Capabilities (0x000801185018):", "HE Operation:",
      "EHT capabilities:", "EHT Operation:",
    ]
    let elements = try Self.assess(Self.bss(lines)).elements
    #expect(elements.country?.code == "DE")
    #expect(elements.country?.environment == 0x20)
    #expect(elements.ht && elements.vht && elements.he && elements.eht)
    #expect(elements.anomalies.isEmpty)
  }

  /// `iw scan dump -u` prints elements it does not decode as hex: they are kept exactly,
  /// so RSNX and the RSN Override elements reach the rating.
  @Test func rawElementsFromDashU() throws {
    let lines =
      Self.rsn(akms: "PSK") + [
        "Unknown IE (244): 20",
        "WFA 0x29, data: 01 00 00 0f ac 04 01 00 00 0f ac 04 01 00 00 0f ac 08 c0 00",
        "Vendor specific: OUI 00:10:18, data: 02 00 00 1c 00 00",
        "MS/WiFi 0x08, data: 00",
        "Unknown Extension ID (59): 01 02",
      ]
    let assessment = try Self.assess(Self.bss(lines))
    #expect(assessment.elements.rsnx?.saeHashToElement == true)
    #expect(assessment.elements.rsnOverride?.akms == [.sae])
    #expect(assessment.security == .wpa2Wpa3Personal)
    #expect(assessment.elements.unknown.count == 3)
    #expect(assessment.elements.anomalies.isEmpty)
  }

  /// `iw scan dump -b` prints the beacon's elements too: they become `beaconIes`, so a
  /// beacon that differs from the probe response is caught.
  @Test func beaconSectionFromDashB() throws {
    let lines =
      ["Information elements from Probe Response frame:", "SSID: x"] + Self.rsn(akms: "PSK")
      + [
        "WPA:\t * Version: 1", "\t * Group cipher: TKIP", "\t * Pairwise ciphers: TKIP",
        "\t * Authentication suites: PSK", "Information elements from Beacon frame:", "SSID: x",
      ] + Self.rsn(akms: "PSK")
    let assessment = try Self.assess(Self.bss(lines))
    #expect(assessment.record.beaconIes != nil)
    #expect(assessment.security == .wpaWpa2Personal)
    #expect(assessment.findings.contains { $0.id == "beacon-probe-mismatch" })
  }

  /// Text whose tabs became spaces, or were lost, still reads.
  @Test(arguments: ["    ", "  ", ""])
  func indentationLost(_ unit: String) throws {
    let text = Self.bss(
      ["SSID: open-side"] + Self.rsn(akms: "PSK SAE", caps: "MFP-capable (0x0080)") + [
        "OWE Transition Mode:", "\t\tBSSID: 02:00:00:00:03:02", "\t\tSSID: owe-side",
      ]
    ).replacingTabs(with: unit)
    let assessment = try Self.assess(text)
    #expect(assessment.elements.ssid == Array("open-side".utf8))
    #expect(assessment.security == .wpa2Wpa3Personal)
    #expect(assessment.elements.oweTransition?.ssid == Array("owe-side".utf8))
    #expect(assessment.record.frequency == 2437)
  }

  @Test func crlfLineEndings() throws {
    let text = Self.bss(["SSID: x"] + Self.rsn(akms: "SAE", caps: "MFP-required (0x0040)"))
    let crlf = text.split(separator: "\n", omittingEmptySubsequences: false)
      .joined(separator: "\r\n")
    let assessment = try Self.assess("\u{FEFF}" + crlf)
    #expect(assessment.elements.ssid == [0x78])
    #expect(assessment.security == .wpa3Personal)
  }
}

extension String {
  /// Each tab replaced, as happens to text pasted into a web form.
  fileprivate func replacingTabs(with unit: String) -> String {
    var out = ""
    for character in self { out += character == "\t" ? unit : String(character) }
    return out
  }
}
