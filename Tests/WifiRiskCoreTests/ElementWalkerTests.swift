import Testing

@testable import WifiRiskCore

@Suite struct ElementWalkerTests {
  @Test func decodesEveryElementOfARichList() throws {
    let list = IE.list(
      IE.ssid("cafe"), IE.rates(), IE.ds(11), IE.country("NZ", environment: 0x4F),
      IE.htCapabilities(), IE.rsn(akms: [AKMSuite.sae], caps: RSNCaps.mfpr | RSNCaps.mfpc),
      IE.mobilityDomain(), IE.htOperation(), IE.interworking(ant: 3, internet: true),
      IE.roamingConsortium([[0x50, 0x6F, 0x9A]]), IE.vhtCapabilities(), IE.vhtOperation(),
      IE.rsnx(h2e: true), IE.heCapabilities(), IE.heOperation(), IE.ehtOperation(),
      IE.ehtCapabilities(), IE.wpa(), IE.wps(IE.WPS.version(), IE.WPS.state(2)),
      IE.hs20(), IE.oweTransition(bssid: [2, 0, 0, 0, 0, 9], ssid: "twin"),
      IE.rsnOverride(), IE.rsnOverride2(), IE.rsnxOverride(h2e: true))
    let set = ElementWalker.parse(list)
    #expect(set.anomalies.isEmpty)
    #expect(set.unknown.map(\.id) == [1])  // Supported Rates is not decoded, only kept
    #expect(set.ssid == Array("cafe".utf8))
    #expect(set.dsChannel == 11)
    #expect(set.country?.code == "NZ")
    #expect(set.rsn?.akms == [.sae])
    #expect(set.rsnx?.saeHashToElement == true)
    #expect(set.wpa?.akms == [.psk])
    #expect(set.wps?.state == .configured)
    #expect(set.hs20?.release == 3)
    #expect(set.oweTransition?.ssid == Array("twin".utf8))
    #expect(set.rsnOverride?.akms == [.sae])
    #expect(set.rsnOverride2?.akms == [.saeExtKey])
    #expect(set.rsnxOverride?.saeHashToElement == true)
    #expect(set.interworking?.accessNetworkType == 3)
    #expect(set.roamingConsortium?.ois == [[0x50, 0x6F, 0x9A]])
    #expect(set.ht && set.vht && set.he && set.eht && set.mobilityDomain)
    #expect(set.order.count == 24)
    #expect(Accounting.violations(list, set).isEmpty)
  }

  @Test func orderNamesEveryElementWithItsOffsetAndLength() {
    let list = IE.list(
      IE.ssid("a"), IE.element(42, [1, 2]), IE.extended(7, [9]),
      IE.vendor(0x0010_1802, [0xAA]), IE.rsn())
    let set = ElementWalker.parse(list)
    #expect(
      set.order.map(\.name) == ["SSID", "element 42", "extension 7", "vendor 00-10-18:2", "RSN"])
    #expect(set.order.map(\.offset) == [0, 3, 7, 11, 18])
    #expect(set.order.map(\.length) == [1, 2, 2, 5, 20])
  }

  @Test func unknownElementsAreKeptRawWithTheirOffsets() {
    let list = IE.list(
      IE.ssid("a"), IE.element(42, [1, 2]), IE.extended(7, [9]),
      IE.vendor(0x0010_1802, [0xAA]), IE.element(221, [0x00, 0x50]))
    let set = ElementWalker.parse(list)
    #expect(set.anomalies.isEmpty)
    #expect(set.unknown.map(\.id) == [42, 255, 221, 221])
    #expect(set.unknown.map(\.offset) == [3, 7, 11, 18])
    #expect(
      set.unknown.map(\.body) == [[1, 2], [7, 9], [0x00, 0x10, 0x18, 0x02, 0xAA], [0x00, 0x50]])
    #expect(Accounting.violations(list, set).isEmpty)
  }

  @Test func emptyListDecodesToNothing() {
    let set = ElementWalker.parse([])
    #expect(set == ElementSet())
    #expect(set.ssidHidden)
  }

  @Test(arguments: [
    ([UInt8](), true), ([0], true), ([UInt8](repeating: 0, count: 32), true),
    ([0x61], false), ([0x00, 0x61], false), ([0x20], false),
  ])
  func ssidHidden(ssid: [UInt8], hidden: Bool) {
    let set = ElementWalker.parse(IE.ssid(bytes: ssid))
    #expect(set.ssid == ssid)
    #expect(set.ssidHidden == hidden)
  }

  @Test func missingSSIDElementIsHidden() {
    let set = ElementWalker.parse(IE.list(IE.ds(1), IE.rsn()))
    #expect(set.ssid == nil)
    #expect(set.ssidHidden)
  }

  // MARK: Anomalies, each with its exact offset

  @Test func elementRunningPastTheEndIsTruncated() {
    let list = IE.list(IE.ssid("a"), IE.lying(48, length: 20, [1, 0]))
    let set = ElementWalker.parse(list)
    #expect(
      set.anomalies == [
        Anomaly(
          offset: 3, element: "RSN", kind: .truncated,
          detail: "length 20 runs past the end (2 bytes left)")
      ])
    #expect(set.unknown == [RawElement(id: 48, offset: 3, body: [1, 0])])
    #expect(set.rsn == nil)
    #expect(set.securityElementDamaged)
    #expect(set.order.map(\.name) == ["SSID"])
    #expect(Accounting.violations(list, set).isEmpty)
  }

  @Test func truncatedVendorElementIsNamedByItsSelector() {
    let list = IE.list(IE.ds(1), IE.lying(221, length: 30, [0x50, 0x6F, 0x9A, 0x29, 0x00]))
    let set = ElementWalker.parse(list)
    #expect(set.anomalies.map(\.element) == ["RSN Override"])
    #expect(set.anomalies.map(\.offset) == [3])
    #expect(set.securityElementDamaged)
  }

  @Test func oneTrailingByteIsAnAnomaly() {
    let list = IE.list(IE.ssid("ab"), [0xDD])
    let set = ElementWalker.parse(list)
    #expect(
      set.anomalies == [
        Anomaly(
          offset: 4, element: "element list", kind: .truncated,
          detail: "1 byte left, too few for an element header")
      ])
    #expect(set.unknown == [RawElement(id: 0xDD, offset: 4, body: [])])
    #expect(set.ssid == Array("ab".utf8))
    #expect(Accounting.violations(list, set).isEmpty)
  }

  @Test func dsParameterSetOfTwoBytesIsTooLongAndKeptRaw() {
    let list = IE.list(IE.ssid("a"), IE.element(3, [6, 6]))
    let set = ElementWalker.parse(list)
    #expect(
      set.anomalies == [
        Anomaly(
          offset: 3, element: "DS Parameter Set", kind: .tooLong,
          detail: "body of 2 bytes, expected 1")
      ])
    #expect(set.dsChannel == nil)
    #expect(set.unknown == [RawElement(id: 3, offset: 3, body: [6, 6])])
    #expect(!set.securityElementDamaged)
    #expect(Accounting.violations(list, set).isEmpty)
  }

  @Test func emptyDSParameterSetIsTooShort() {
    let set = ElementWalker.parse(IE.list(IE.ssid("a"), IE.element(3, [])))
    #expect(set.anomalies.map(\.kind) == [.tooShort])
    #expect(set.anomalies.map(\.detail) == ["body of 0 bytes, expected 1"])
  }

  @Test func ssidOf33BytesIsKeptAndFlagged() {
    let name = [UInt8](repeating: 0x41, count: 33)
    let list = IE.list(IE.ds(1), IE.ssid(bytes: name))
    let set = ElementWalker.parse(list)
    #expect(set.ssid == name)
    #expect(
      set.anomalies == [
        Anomaly(
          offset: 3, element: "SSID", kind: .tooLong, detail: "body of 33 bytes, expected 0 to 32")
      ])
    #expect(Accounting.violations(list, set).isEmpty)
  }

  @Test func tooShortSecurityElementMarksTheSetDamaged() {
    let set = ElementWalker.parse(IE.list(IE.ssid("a"), IE.element(48, [1])))
    #expect(set.rsn == nil)
    #expect(set.securityElementDamaged)
    #expect(set.anomalies.map(\.kind) == [.tooShort])
    #expect(set.anomalies.map(\.offset) == [3])
  }

  struct Duplicate: Sendable, CustomTestStringConvertible {
    var name: String
    var first: [UInt8]
    var second: [UInt8]
    var slot: @Sendable (ElementSet) -> String
    var testDescription: String { name }
  }

  static let duplicates: [Duplicate] = [
    Duplicate(name: "SSID", first: IE.ssid("one"), second: IE.ssid("two")) {
      "\(String(describing: $0.ssid))"
    },
    Duplicate(name: "DS Parameter Set", first: IE.ds(1), second: IE.ds(6)) {
      "\(String(describing: $0.dsChannel))"
    },
    Duplicate(name: "Country", first: IE.country("DE"), second: IE.country("US")) {
      "\(String(describing: $0.country))"
    },
    Duplicate(name: "RSN", first: IE.rsn(), second: IE.rsn(akms: [AKMSuite.sae])) {
      "\(String(describing: $0.rsn))"
    },
    Duplicate(name: "RSNX", first: IE.rsnx(h2e: true), second: IE.rsnx(saePK: true)) {
      "\(String(describing: $0.rsnx))"
    },
    Duplicate(name: "WPA", first: IE.wpa(), second: IE.wpa(akms: [AKMSuite.wpa(1)])) {
      "\(String(describing: $0.wpa))"
    },
    Duplicate(
      name: "OWE Transition", first: IE.oweTransition(bssid: [2, 0, 0, 0, 0, 1], ssid: "a"),
      second: IE.oweTransition(bssid: [2, 0, 0, 0, 0, 2], ssid: "b")
    ) { "\(String(describing: $0.oweTransition))" },
    Duplicate(
      name: "RSN Override", first: IE.rsnOverride(),
      second: IE.rsnOverride(akms: [AKMSuite.psk])
    ) { "\(String(describing: $0.rsnOverride))" },
    Duplicate(
      name: "RSN Override 2", first: IE.rsnOverride2(),
      second: IE.rsnOverride2(akms: [AKMSuite.sae])
    ) { "\(String(describing: $0.rsnOverride2))" },
    Duplicate(
      name: "RSNX Override", first: IE.rsnxOverride(h2e: true), second: IE.rsnxOverride()
    ) { "\(String(describing: $0.rsnxOverride))" },
    Duplicate(
      name: "Interworking", first: IE.interworking(ant: 0), second: IE.interworking(ant: 3)
    ) { "\(String(describing: $0.interworking))" },
    Duplicate(
      name: "Roaming Consortium", first: IE.roamingConsortium([[1, 2, 3]]),
      second: IE.roamingConsortium([[4, 5, 6]])
    ) { "\(String(describing: $0.roamingConsortium))" },
    Duplicate(
      name: "Hotspot 2.0 Indication", first: IE.hs20(release: 1), second: IE.hs20(release: 3)
    ) { "\(String(describing: $0.hs20))" },
  ]

  @Test(arguments: duplicates)
  func duplicateKeepsTheFirst(_ duplicate: Duplicate) {
    let list = duplicate.first + duplicate.second
    let set = ElementWalker.parse(list)
    #expect(duplicate.slot(set) == duplicate.slot(ElementWalker.parse(duplicate.first)))
    #expect(duplicate.slot(set) != duplicate.slot(ElementWalker.parse(duplicate.second)))
    #expect(
      set.anomalies == [
        Anomaly(
          offset: duplicate.first.count, element: duplicate.name, kind: .duplicate,
          detail: "appears more than once; the first is used")
      ])
    #expect(Accounting.violations(list, set).isEmpty)
  }

  @Test func anomalyDescriptionNamesElementOffsetAndKind() {
    let anomaly = Anomaly(offset: 12, element: "RSN", kind: .badCount, detail: "AKM count is 0")
    #expect(anomaly.description == "RSN at byte 12: bad-count: AKM count is 0")
  }
}
