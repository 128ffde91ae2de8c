import Testing

@testable import WifiRiskCore

/// Routers' factory network names: the pattern language, the shipped data file, and the
/// `factory-ssid` finding.
@Suite struct FactorySSIDTests {
  static func pattern(_ text: String) throws -> FactorySSID {
    try FactorySSID(pattern: text, who: "test", reasons: [.derivableKey])
  }

  @Test(arguments: [
    ("SKY#####", "SKY12345", true), ("SKY#####", "sky12345", true), ("SKY#####", "SKY1234", false),
    ("SKY#####", "SKY123456", false), ("SKY#####", "SKY1234A", false),
    ("Box-%%%%", "Box-1a2F", true), ("Box-%%%%", "Box-1a2G", false),
    ("EE-&&&&&&", "EE-7GS2XY", true), ("EE-&&&&&&", "EE-Garden", false),
    ("NET@@", "NETa9", true), ("NET@@", "NET-9", false), ("A?C", "A-C", true),
    ("F* X", "F X", true), ("F* X", "Fritz X", true), ("F* X", "Fritz Y", false),
    ("NG##[-5G]", "NG42", true), ("NG##[-5G]", "NG42-5G", true), ("NG##[-5G]", "NG42-5", false),
    ("A[-2G][-5G]", "A-2G-5G", true), ("A[-2G][-5G]", "A-5G", true),
    ("U+Net%%%%", "U+Net1A2B", true), ("50\\%", "50%", true), ("50\\%", "501", false),
    ("Caf\u{E9}", "CAF\u{E9}", true), ("Caf\u{E9}", "Caf\u{C9}", false),
  ])
  func patternsMatchWholeNames(_ pattern: String, _ name: String, _ expected: Bool) throws {
    #expect(try Self.pattern(pattern).matches(name) == expected, "\(pattern) / \(name)")
  }

  @Test(arguments: [
    ("a[b[c]]", "optional parts cannot be nested"), ("a]", "\"]\" without \"[\""),
    ("a[b", "\"[\" without \"]\""), ("a\\", "a lone \"\\\" at the end"),
    ("[a]", "a pattern that can match an empty name"),
    ("a[1][2][3][4]", "more than three optional parts"),
  ])
  func badPatternsAreRefused(_ pattern: String, _ message: String) {
    #expect(throws: FactorySSID.LineError(line: 0, message: message)) {
      try Self.pattern(pattern)
    }
  }

  @Test func theListReaderNamesEachBadLine() {
    let (patterns, errors) = FactorySSID.parseList(
      """
      # comment
      SKY##### | Sky | small-keyspace

      NETGEAR## | Netgear
      X## | X | small-keyspace, guessable
      Y[## | Y | derivable-key
      Z## | Z |
      """)
    #expect(patterns.map(\.pattern) == ["SKY#####"])
    #expect(patterns.first?.reasons == [.smallKeyspace])
    #expect(
      errors == [
        .init(line: 4, message: "expected: pattern | router or ISP | reasons"),
        .init(
          line: 5,
          message:
            "\"guessable\" is none of derivable-key, small-keyspace, default-wps-pin, factory-open, factory-settings"
        ),
        .init(line: 6, message: "\"[\" without \"]\""),
        .init(line: 7, message: "no reason given"),
      ])
  }

  /// A data file saved with Windows line ends reads the same, line numbers included.
  @Test func crlfLineEndsReadTheSame() throws {
    let text =
      "# comment\nEasyBox-%%%%%% | Arcadyan | derivable-key\n\n  Box-#### | Box | small-keyspace  \n"
    let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
    let (plain, plainErrors) = FactorySSID.parseList(text)
    let (windows, windowsErrors) = FactorySSID.parseList(crlf)
    #expect(plain.count == 2)
    #expect(windows == plain)
    #expect(plainErrors.isEmpty && windowsErrors.isEmpty)
    #expect(NamePattern.lines(crlf).map(\.0) == [2, 4])
  }

  @Test func theShippedFileReadsWithoutErrors() {
    #expect(ShippedData.factorySSIDs.errors.isEmpty, "\(ShippedData.factorySSIDs.errors)")
    #expect(ShippedData.factorySSIDs.patterns.count > 150)
  }

  /// Factory names as routers of Europe, North America and Korea ship them.
  static let factoryNames = [
    // Germany, Austria, Switzerland
    "EasyBox-4A3B2C", "Arcor-5F1E2D", "Vodafone-7A2B3C", "Vodafone-1A2B", "Vodafone-1A2B-5GHz",
    "Alice-WLAN3F", "o2-WLAN42", "WLAN-123456", "WLAN-7B2C", "Telekom-8A3F2C",
    "MagentaWLAN-K7Q2", "Speedport W 724V", "FRITZ!Box 7590 XY", "FRITZ!Box 7530 AB",
    "FRITZ!Box 6660 Cable QR", "FRITZ!Box Fon WLAN 7390", "FRITZ!Repeater 1200 AX",
    "UPC1234567", "UPC7A2B3C4", "PBS-1A2B3C", "A1-1A2B3C",
    // United Kingdom and Ireland
    "BTHub5-7S2T", "BTHub6-K9PQ", "BT-7GS2XY", "SKY12345", "SKY3F2A1", "TALKTALK-4A3B2C",
    "VM1234567", "VM7654321-5G", "virginmedia1234567", "PLUSNET-A2B3", "EE-7GS2XY",
    "BrightBox-AB12CD", "eircom1234 5678",
    // France, Benelux
    "Livebox-3F2A", "Freebox-3A2B1C", "SFR_2A3B", "Bbox-1A2B3C4D", "Proximus-Home-1A2B",
    "telenet-1234567", "KPN1A2B3C", "Ziggo1234567",
    // Spain, Portugal, Italy, Greece, Poland
    "WLAN_1A2B", "JAZZTEL_3C4D", "MOVISTAR_1A2B", "ONO1A2B", "vodafone1A2B", "MEO-1A2B3C",
    "NOS-1A2B", "Alice-12345678", "FASTWEB-1-123456789ABC", "TIM-12345678",
    "InfostradaWiFi-1a2b3c", "OTE1a2b3c", "Netia-1A2B3C",
    // North America
    "NETGEAR42", "NETGEAR42-5G", "ORBI57", "MySpectrumWiFi1c-2G", "SpectrumSetup-A7",
    "MyCharterWiFi3f-5G", "ATT123", "ATTu5Ra6bP", "2WIRE123", "HOME-1A2B", "HOME-1A2B-5",
    "CenturyLink1234", "Frontier1234", "Fios-A1B2C", "BELL123", "TELUS1234", "SHAW-1A2B3C",
    "Belkin.1A2B", "belkin.3c4", "Belkin_1A2B3C", "dlink-1A2B", "linksys", "Linksys12345",
    "TP-LINK_1234", "TP-LINK_1A2B3C", "TP-Link_1A2B", "TP-Link_1A2B_5G", "Deco_1A2B", "ASUS",
    "ASUS_5G", "ASUS_38", "Tenda_1A2B3C", "Xiaomi_1A2B", "HUAWEI-1A2B", "ZTE_1A2B3C",
    "MikroTik-1A2B3C", "ARRIS-1A2B",
    // Korea
    "iptime", "iptime5G", "KT_GiGA_2G_1A2B", "KT_GiGA_5G_Wave2_3C4D", "KT_WLAN_1A2B",
    "SK_WiFiGIGA1A2B", "SK_WiFiGIGA1A2B_5G", "SK_WiFi1A2B", "U+Net1A2B", "U+Net1A2B_5G",
    // Not in the data file: the share flagged must stay at 90% or more anyway.
    "Technicolor-Router", "Fritz!WLAN Repeater", "Optus_1A2B3C", "DNA-WLAN-1A2B",
  ]

  /// Names people choose, some with a router maker's or ISP's word in them.
  static let chosenNames = [
    "Home-Net", "Home-Net-5G", "HomeNet2", "The Promised LAN", "Pretty Fly for a WiFi",
    "Bill Wi the Science Fi", "Mueller", "Schmidt-WLAN", "Familie Meier", "Vodafone-Mueller",
    "Vodafone Homespot", "SKY-Garden", "Skyline", "NETGEAR-Family", "Netgear Home",
    "ASUS-Gaming", "TP-Link-Office", "BT Garden", "EE-Garden", "Garden Office", "Casa Rossi",
    "Maison Dupont", "Livebox Dupont", "Freebox du salon", "FRITZ!Box Mueller", "KT_Home",
    "\u{C6B0}\u{B9AC}\u{C9D1}", "\u{AE40}\u{C528}\u{B124}", "iptime-kim", "Apartment 4B",
    "Office-5G", "Guest", "WiFi-Kitchen", "Attila", "Attic Loft", "Hogwarts",
    "FBI Surveillance Van", "Drop it like its Hotspot", "LAN Solo", "Wu-Tang LAN",
    "Tell my WiFi love her", "Abraham Linksys", "Silence of the LANs", "TheLANBeforeTime",
    "Kirchenweg 12", "Praxis Dr. Weber", "B\u{E4}ckerei Huber", "Cafe Luna", "Hotel Seeblick",
    "Studio 54", "Lab-42", "Johnson Family", "Smith Household", "MyHome", "Casa-Garcia",
    "Villa Sunshine", "Penthouse", "Workshop", "Garage", "UPC-Fans", "HOME-Office",
    "SpectrumFamily", "Orange-Grove", "ATT-Home", "BELL-Family", "Skywalker", "eir-home",
  ]

  static func flagged(_ name: String) -> Bool {
    let ssid = Array(name.utf8)
    let record = BSSRecord(
      bssid: Net.bssid, frequency: 2437, capability: 0x11,
      ies: IE.list(IE.element(0, ssid), IE.rsn()))
    return NetworkAssessment.assess(record, options: ShippedData.options).findings.contains {
      $0.id == "factory-ssid"
    }
  }

  @Test func atLeastNinetyPercentOfFactoryNamesAreFlagged() {
    let missed = Self.factoryNames.filter { !Self.flagged($0) }
    let share = Double(Self.factoryNames.count - missed.count) / Double(Self.factoryNames.count)
    #expect(share >= 0.9, "flagged \(share), missed \(missed)")
    #expect(Self.factoryNames.count >= 100)
  }

  @Test func noChosenNameIsFlagged() {
    let flagged = Self.chosenNames.filter(Self.flagged)
    #expect(flagged.isEmpty, "\(flagged)")
    #expect(Self.chosenNames.count >= 60)
  }

  /// The same lists through the API other code uses: the compiled-in copy gives the same
  /// answers as the finding.
  @Test func factoryNamesAnswersAsTheFindingDoes() throws {
    let names = FactoryNames.shipped
    #expect(names == FactoryNames(ShippedData.factorySSIDs.patterns))
    for name in Self.factoryNames + Self.chosenNames {
      #expect(names.isFactoryName(Array(name.utf8)) == Self.flagged(name), "\(name)")
    }
    let sky = try #require(names.match(Array("SKY12345".utf8)))
    #expect(sky.pattern == "SKY#####[_5GHz]")
    #expect(sky.who == "Sky Hub")
    #expect(sky.reasons == [.smallKeyspace])
    #expect(names.match(Array("Home-Net".utf8)) == nil)
    // Bytes that are not UTF-8 are no factory name, and nothing traps.
    #expect(!names.isFactoryName([0x53, 0x4B, 0x59, 0xFF, 0x31]))
    #expect(!names.isFactoryName([]))
    #expect(!FactoryNames().isFactoryName(Array("SKY12345".utf8)))
  }

  static func finding(_ ies: [UInt8], privacy: Bool = true) -> Finding? {
    let record = BSSRecord(
      bssid: Net.bssid, frequency: 2437, capability: privacy ? 0x11 : 0x01, ies: ies)
    return NetworkAssessment.assess(record, options: ShippedData.options).findings.first {
      $0.id == "factory-ssid"
    }
  }

  @Test func severityFollowsWhyTheNameMatters() throws {
    // A key that can be computed from the name: high.
    let easybox = try #require(Self.finding(IE.list(IE.ssid("EasyBox-4A3B2C"), IE.rsn())))
    #expect(easybox.severity == .high)
    #expect(
      easybox.evidence
        == "the name matches the factory name \"EasyBox-%%%%%%[-5G]\" (Vodafone/Arcor EasyBox "
        + "(Arcadyan)): its factory key can be computed from the name or the access point's "
        + "address; its factory WPS PIN can be computed from the access point's address")
    // A small keyspace under WPA2: medium; under WPA3 only online guesses work: low.
    #expect(Self.finding(IE.list(IE.ssid("SKY12345"), IE.rsn()))?.severity == .medium)
    #expect(
      Self.finding(
        IE.list(
          IE.ssid("SKY12345"), IE.rsn(akms: [AKMSuite.sae], caps: RSNCaps.mfpr | RSNCaps.mfpc))
      )?.severity == .low)
    // A computable WPS PIN: medium while WPS is on, low without it.
    #expect(Self.finding(IE.list(IE.ssid("dlink-1A2B"), IE.rsn()))?.severity == .low)
    #expect(
      Self.finding(IE.list(IE.ssid("dlink-1A2B"), IE.rsn(), IE.wps(IE.WPS.state(2))))?.severity
        == .medium)
    // A random label key, or a network that is open anyway: information only.
    #expect(Self.finding(IE.list(IE.ssid("FRITZ!Box 7590 XY"), IE.rsn()))?.severity == .info)
    #expect(Self.finding(IE.ssid("iptime"), privacy: false)?.severity == .info)
    #expect(Self.finding(IE.list(IE.ssid("Home-Net"), IE.rsn())) == nil)
  }

  @Test func theFindingNeverCarriesAKey() throws {
    for pattern in ShippedData.factorySSIDs.patterns {
      for reason in pattern.reasons {
        let digits = reason.words.filter { $0.isNumber }
        #expect(digits.isEmpty)
      }
    }
  }
}
