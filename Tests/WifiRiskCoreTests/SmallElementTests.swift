import Testing

@testable import WifiRiskCore

@Suite struct SmallElementTests {
  // MARK: DS Parameter Set, Country

  @Test(arguments: [1, 6, 11, 14, 36, 165] as [UInt8])
  func dsParameterSet(channel: UInt8) {
    #expect(ElementWalker.parse(IE.ds(channel)).dsChannel == channel)
  }

  @Test func country() throws {
    let country = try #require(ElementWalker.parse(IE.country("DE", environment: 0x49)).country)
    #expect(country.code == "DE")
    #expect(country.environment == 0x49)
  }

  @Test func countryCodeOtherThanLettersIsMasked() throws {
    let set = ElementWalker.parse(IE.element(7, [0x1B, 0x5A, 0x20]))
    #expect(set.country?.code == "?Z")
    #expect(ElementWalker.parse(IE.element(7, [0x44, 0x45])).country == nil)
  }

  // MARK: WPS

  static let fullWPS = IE.wps(
    IE.WPS.version(0x10), IE.WPS.state(2), IE.WPS.apSetupLocked(true),
    IE.WPS.selectedRegistrar(false), IE.WPS.configMethods(0x238C),
    IE.WPS.deviceName("Router"), IE.WPS.manufacturer("Maker"), IE.WPS.modelName("M1"),
    IE.WPS.modelNumber("42"), IE.WPS.version2(0x20))

  @Test func wpsDecodesEveryAttribute() throws {
    let set = ElementWalker.parse(Self.fullWPS)
    let wps = try #require(set.wps)
    #expect(set.anomalies.isEmpty)
    #expect(wps.version == 0x10)
    #expect(wps.version2 == 0x20)
    #expect(wps.versionText == "2.0")
    #expect(wps.state == .configured)
    #expect(wps.apSetupLocked == true)
    #expect(wps.selectedRegistrar == false)
    #expect(wps.configMethods == 0x238C)
    #expect(
      wps.configMethodNames == [
        "label", "display", "push-button", "keypad", "virtual-push-button", "virtual-display",
      ])
    #expect(wps.offersPIN)
    #expect(wps.deviceName == Array("Router".utf8))
    #expect(wps.manufacturer == Array("Maker".utf8))
    #expect(wps.modelName == Array("M1".utf8))
    #expect(wps.modelNumber == Array("42".utf8))
  }

  @Test(arguments: [(UInt8(1), WPSElement.SetupState.unconfigured), (2, .configured)])
  func wpsSetupState(value: UInt8, state: WPSElement.SetupState) {
    #expect(ElementWalker.parse(IE.wps(IE.WPS.version(), IE.WPS.state(value))).wps?.state == state)
  }

  @Test func wpsSetupStateOutOfRange() throws {
    // Element header 0..1, OUI+type 2..5, version attribute 6..10, state attribute at 11.
    let set = ElementWalker.parse(IE.wps(IE.WPS.version(), IE.WPS.state(3)))
    #expect(set.wps?.state == nil)
    #expect(
      set.anomalies == [
        Anomaly(offset: 11, element: "WPS", kind: .badValue, detail: "setup state 3")
      ])
  }

  @Test func wpsVersionWithoutVersion2IsOnePointZero() {
    #expect(ElementWalker.parse(IE.wps(IE.WPS.version(0x10))).wps?.versionText == "1.0")
    #expect(ElementWalker.parse(IE.wps(IE.WPS.state(2))).wps?.versionText == nil)
  }

  @Test func wpsWithPushButtonOnlyOffersNoPIN() {
    let wps = ElementWalker.parse(IE.wps(IE.WPS.configMethods(0x0280))).wps
    #expect(wps?.configMethodNames == ["push-button", "virtual-push-button"])
    #expect(wps?.offersPIN == false)
  }

  @Test(arguments: [5, 6, 13, 20, 30])
  func wpsSplitOverTwoElementsIsOneStream(splitAt: Int) throws {
    let stream = Array(Self.fullWPS.dropFirst(6))
    let split = ElementWalker.parse(IE.wpsSplit(stream, at: splitAt))
    let whole = ElementWalker.parse(Self.fullWPS)
    #expect(split.anomalies.isEmpty)
    #expect(split.wps == whole.wps)
    #expect(split.order.map(\.name) == ["WPS", "WPS"])
  }

  @Test func wpsAttributeRunningPastTheEnd() throws {
    // Attribute header at 11 says 8 bytes; 2 follow.
    let body = IE.WPS.version() + IE.be16(0x1011) + IE.be16(8) + [0x41, 0x42]
    let set = ElementWalker.parse(IE.vendor(0x0050_F204, body))
    #expect(
      set.anomalies == [
        Anomaly(
          offset: 11, element: "WPS", kind: .truncated,
          detail: "attribute 0x1011 length 8 runs past the end")
      ])
    #expect(set.wps?.version == 0x10)
    #expect(set.wps?.deviceName == nil)
  }

  @Test func wpsAttributeHeaderCutShort() {
    let set = ElementWalker.parse(IE.vendor(0x0050_F204, IE.WPS.version() + [0x10, 0x44, 0x00]))
    #expect(
      set.anomalies == [
        Anomaly(offset: 11, element: "WPS", kind: .truncated, detail: "attribute header cut short")
      ])
  }

  @Test func wpsRepeatedAttributeIsADuplicate() {
    let set = ElementWalker.parse(IE.wps(IE.WPS.state(2), IE.WPS.state(1)))
    #expect(set.wps?.state == .configured)
    #expect(
      set.anomalies == [
        Anomaly(offset: 11, element: "WPS", kind: .duplicate, detail: "attribute 0x1044 repeated")
      ])
  }

  @Test func wpsVendorExtensionMayRepeat() {
    let set = ElementWalker.parse(
      IE.wps(IE.WPS.attribute(0x1049, [0x00, 0x10, 0x18, 0x00]), IE.WPS.version2(0x20)))
    #expect(set.anomalies.isEmpty)
    #expect(set.wps?.version2 == 0x20)
  }

  @Test func wpsOneByteAttributeOfTheWrongLength() {
    let set = ElementWalker.parse(IE.wps(IE.WPS.attribute(0x1057, [1, 1])))
    #expect(set.wps?.apSetupLocked == nil)
    #expect(
      set.anomalies == [
        Anomaly(
          offset: 6, element: "WPS", kind: .badValue,
          detail: "attribute 0x1057 has length 2, expected 1")
      ])
  }

  @Test func wpsConfigMethodsOfTheWrongLength() {
    let set = ElementWalker.parse(IE.wps(IE.WPS.attribute(0x1008, [0x01])))
    #expect(set.wps?.configMethods == nil)
    #expect(set.anomalies.map(\.kind) == [.badValue])
  }

  @Test func emptyWPSElementIsStillWPS() {
    let set = ElementWalker.parse(IE.vendor(0x0050_F204, []))
    #expect(set.wps == WPSElement())
    #expect(set.anomalies.isEmpty)
  }

  /// An anomaly in the second WPS fragment should carry its byte offset in the element list,
  /// like every other anomaly.
  @Test func wpsAnomalyInTheSecondFragmentHasItsListOffset() {
    // Fragment 1: 0..10 (header 0..1, OUI+type 2..5, version attribute 6..10).
    // Fragment 2: 11.. (header 11..12, OUI+type 13..16, state attribute with value 3 at 17).
    let list = IE.wps(IE.WPS.version()) + IE.wps(IE.WPS.state(3))
    let set = ElementWalker.parse(list)
    #expect(set.anomalies.map(\.offset) == [17])
  }

  // MARK: OWE Transition

  @Test func oweTransitionWithBandInfo() throws {
    let list = IE.oweTransition(
      bssid: [2, 0, 0, 0, 3, 1], ssid: "owe-twin", operatingClass: 81, channel: 6)
    let set = ElementWalker.parse(list)
    let owe = try #require(set.oweTransition)
    #expect(set.anomalies.isEmpty)
    #expect(owe.bssid.description == "02:00:00:00:03:01")
    #expect(owe.ssid == Array("owe-twin".utf8))
    #expect(owe.operatingClass == 81)
    #expect(owe.channel == 6)
  }

  @Test func oweTransitionWithoutBandInfo() throws {
    let owe = try #require(
      ElementWalker.parse(IE.oweTransition(bssid: [2, 0, 0, 0, 3, 1], ssid: "")).oweTransition)
    #expect(owe.ssid.isEmpty)
    #expect(owe.operatingClass == nil && owe.channel == nil)
  }

  @Test func oweTransitionWithOneTrailingByte() {
    // Header 0..1, OUI+type 2..5, BSSID 6..11, SSID length 12, SSID 13, trailing 14.
    let set = ElementWalker.parse(IE.vendor(0x506F_9A1C, [2, 0, 0, 0, 3, 1, 1, 0x61, 0x07]))
    #expect(set.oweTransition?.ssid == [0x61])
    #expect(
      set.anomalies == [
        Anomaly(
          offset: 14, element: "OWE Transition", kind: .trailingBytes,
          detail: "1 bytes after the last field")
      ])
  }

  @Test func oweTransitionSSIDRunningPastTheEnd() {
    let set = ElementWalker.parse(IE.vendor(0x506F_9A1C, [2, 0, 0, 0, 3, 1, 9, 0x61]))
    #expect(set.oweTransition == nil)
    #expect(set.anomalies.map(\.kind) == [.tooShort])
    #expect(set.anomalies.map(\.element) == ["OWE Transition"])
  }

  /// Every element is decoded, kept raw, or both: one that cannot be decoded must stay in
  /// `unknown` like any other, and its anomaly should point inside it (at the SSID Length
  /// field that promises too much), not past its end.
  @Test func undecodableOWETransitionIsKeptRaw() {
    // Header 0..1, OUI+type 2..5, BSSID 6..11, SSID length 12 (says 5, nothing follows).
    let list = IE.list(IE.vendor(0x506F_9A1C, [2, 0, 0, 0, 3, 1, 5]), IE.ds(1))
    let set = ElementWalker.parse(list)
    #expect(set.oweTransition == nil)
    #expect(set.dsChannel == 1)
    #expect(set.unknown.map(\.offset) == [0])
    #expect(set.anomalies.map(\.offset) == [12])
  }

  @Test func oweTransitionShorterThanABSSID() {
    let set = ElementWalker.parse(IE.vendor(0x506F_9A1C, [2, 0, 0]))
    #expect(set.oweTransition == nil)
    #expect(
      set.anomalies == [
        Anomaly(
          offset: 0, element: "OWE Transition", kind: .tooShort,
          detail: "body of 3 bytes, expected 7 to 251")
      ])
  }

  // MARK: Interworking

  static let hessid: [UInt8] = [0x02, 0x11, 0x22, 0x33, 0x44, 0x55]

  @Test(arguments: [1, 3, 7, 9])
  func interworkingBodyLengths(length: Int) throws {
    let venue: (UInt8, UInt8)? = length == 3 || length == 9 ? (2, 8) : nil
    let hessid = length >= 7 ? Self.hessid : nil
    let list = IE.interworking(ant: 2, internet: true, venue: venue, hessid: hessid)
    #expect(list.count == length + 2)
    let set = ElementWalker.parse(list)
    let element = try #require(set.interworking)
    #expect(set.anomalies.isEmpty)
    #expect(element.accessNetworkType == 2)
    #expect(element.internet)
    #expect(element.venueGroup == venue?.0)
    #expect(element.venueType == venue?.1)
    #expect(element.hessid == hessid.flatMap { MACAddress(bytes: $0) })
  }

  @Test(arguments: [
    (UInt8(0x10), true, false, false, false), (0x20, false, true, false, false),
    (0x40, false, false, true, false), (0x80, false, false, false, true),
  ])
  func interworkingFlags(bit: UInt8, internet: Bool, asra: Bool, esr: Bool, uesa: Bool) throws {
    let element = try #require(ElementWalker.parse(IE.element(107, [0x03 | bit])).interworking)
    #expect(element.accessNetworkType == 3)
    #expect(element.internet == internet)
    #expect(element.asra == asra)
    #expect(element.esr == esr)
    #expect(element.uesa == uesa)
  }

  @Test(arguments: [
    (UInt8(0), "private", false), (1, "private-with-guest-access", false),
    (2, "chargeable-public", true), (3, "free-public", true), (4, "personal-device", false),
    (5, "emergency-services-only", true), (6, "reserved-6", false), (14, "test", false),
    (15, "wildcard", false),
  ])
  func accessNetworkTypes(ant: UInt8, name: String, isPublic: Bool) throws {
    let element = try #require(ElementWalker.parse(IE.interworking(ant: ant)).interworking)
    #expect(element.accessNetworkTypeName == name)
    #expect(element.isPublic == isPublic)
  }

  @Test(arguments: [2, 5, 8])
  func interworkingOfABadLength(length: Int) throws {
    let list = IE.list(IE.ds(1), IE.element(107, [0x13] + [UInt8](repeating: 1, count: length - 1)))
    let set = ElementWalker.parse(list)
    #expect(set.interworking?.accessNetworkType == 3)
    #expect(set.interworking?.venueGroup == nil)
    #expect(
      set.anomalies == [
        Anomaly(
          offset: 5, element: "Interworking", kind: .badValue,
          detail: "length \(length) is none of 1, 3, 7 or 9")
      ])
  }

  @Test func interworkingLongerThanNineIsTooLong() {
    let set = ElementWalker.parse(IE.element(107, [UInt8](repeating: 0, count: 10)))
    #expect(set.interworking == nil)
    #expect(set.anomalies.map(\.kind) == [.tooLong])
  }

  // MARK: Roaming Consortium and Hotspot 2.0

  @Test func roamingConsortiumWithTwoOIs() throws {
    let set = ElementWalker.parse(
      IE.roamingConsortium([[0x50, 0x6F, 0x9A], [0x00, 0x1B, 0xC5, 0x04, 0xBD]], anqpCount: 2))
    let element = try #require(set.roamingConsortium)
    #expect(set.anomalies.isEmpty)
    #expect(element.anqpOICount == 2)
    #expect(element.ois == [[0x50, 0x6F, 0x9A], [0x00, 0x1B, 0xC5, 0x04, 0xBD]])
  }

  @Test func roamingConsortiumThirdOIIsTheRest() {
    let body: [UInt8] = [0, 0x33, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    #expect(
      ElementWalker.parse(IE.element(111, body)).roamingConsortium?.ois == [
        [1, 2, 3], [4, 5, 6], [7, 8, 9],
      ])
  }

  @Test func roamingConsortiumOILongerThanTheBody() {
    // Header 0..1, count 2, lengths 3, OI #1 from 4: 5 bytes promised, 3 there.
    let set = ElementWalker.parse(IE.element(111, [0, 0x05, 1, 2, 3]))
    #expect(set.roamingConsortium?.ois == [])
    #expect(
      set.anomalies == [
        Anomaly(
          offset: 4, element: "Roaming Consortium", kind: .badCount,
          detail: "OI #1 length 5 exceeds the bytes left")
      ])
  }

  @Test(arguments: [(UInt8(1), false), (2, true), (3, true)])
  func hotspot20Indication(release: UInt8, dgafDisabled: Bool) throws {
    let hs20 = try #require(
      ElementWalker.parse(IE.hs20(release: release, dgafDisabled: dgafDisabled)).hs20)
    #expect(hs20.release == Int(release))
    #expect(hs20.dgafDisabled == dgafDisabled)
  }

  // MARK: Presence-only elements

  struct Presence: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var flag: @Sendable (ElementSet) -> Bool
    var testDescription: String { name }
  }

  static let presences: [Presence] = [
    Presence(name: "HT Capabilities", bytes: IE.htCapabilities()) { $0.ht },
    Presence(name: "HT Operation", bytes: IE.htOperation()) { $0.ht },
    Presence(name: "VHT Capabilities", bytes: IE.vhtCapabilities()) { $0.vht },
    Presence(name: "VHT Operation", bytes: IE.vhtOperation()) { $0.vht },
    Presence(name: "HE Capabilities", bytes: IE.heCapabilities()) { $0.he },
    Presence(name: "HE Operation", bytes: IE.heOperation()) { $0.he },
    Presence(name: "EHT Capabilities", bytes: IE.ehtCapabilities()) { $0.eht },
    Presence(name: "EHT Operation", bytes: IE.ehtOperation()) { $0.eht },
    Presence(name: "Mobility Domain", bytes: IE.mobilityDomain()) { $0.mobilityDomain },
  ]

  @Test(arguments: presences)
  func presenceElementSetsOnlyItsFlag(_ presence: Presence) {
    let set = ElementWalker.parse(IE.list(IE.ssid("a"), presence.bytes))
    #expect(presence.flag(set))
    #expect(set.order.last?.name == presence.name)
    let flags = [set.ht, set.vht, set.he, set.eht, set.mobilityDomain]
    #expect(flags.filter { $0 }.count == 1)
    #expect(!presence.flag(ElementWalker.parse(IE.ssid("a"))))
  }
}
