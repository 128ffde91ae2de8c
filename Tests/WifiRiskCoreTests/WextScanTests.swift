import Testing
import WifiRiskCore

@Suite struct WextScanTests {
  let rsn: [UInt8] = [
    0x30, 0x14, 0x01, 0x00, 0x00, 0x0F, 0xAC, 0x04, 0x01, 0x00, 0x00, 0x0F, 0xAC, 0x04, 0x01,
    0x00, 0x00, 0x0F, 0xAC, 0x02, 0x00, 0x00,
  ]

  @Test func cellsBecomeRecords() throws {
    let ssid = Array("lab-wpa2".utf8)
    let bytes =
      WextStream.cell(bssid: [2, 0, 0, 0, 2, 0], ssid: ssid, elements: [0, 8] + ssid + rsn)
      + WextStream.cell(
        bssid: [2, 0, 0, 0, 0, 0], ssid: Array("lab-open".utf8), channel: 1, megahertz: 2412,
        privacy: false, level: 0xE2)
    let scan = WextScan(bytes: bytes)
    #expect(scan.issues.isEmpty)
    let records = scan.records
    try #require(records.count == 2)
    #expect(records[0].bssid == MACAddress("02:00:00:00:02:00"))
    #expect(records[0].frequency == 2437)
    #expect(records[0].signalMBm == -6000)
    #expect(records[0].capability == 0x0011)
    #expect(records[0].seenMsAgo == 120)
    #expect(records[0].ies == [0, 8] + ssid + rsn)
    #expect(records[0].beaconIes == nil)
    #expect(records[1].capability == 0x0001)
    #expect(records[1].signalMBm == -3000)
    #expect(scan.cells[0].rates == [1_000_000, 54_000_000])
    #expect(scan.cells[0].custom.count == 2)

    let assessed = NetworkAssessment.assess(records[0])
    #expect(assessed.security == .wpa2Personal)
    #expect(NetworkAssessment.assess(records[1]).security == .open)
  }

  @Test func privacyWithoutSecurityElementsIsWEP() {
    let bytes = WextStream.cell(bssid: [2, 0, 0, 0, 1, 0], ssid: Array("lab-wep".utf8))
    let record = WextScan(bytes: bytes).records.first
    #expect(record.map { NetworkAssessment.assess($0).security } == .wep)
  }

  @Test func adHocCellsGetTheIBSSBit() {
    let bytes = WextStream.cell(bssid: [2, 0, 0, 0, 9, 9], ssid: [0x61], privacy: false, mode: 1)
    #expect(WextScan(bytes: bytes).records.first?.capability == 0x0002)
  }

  @Test func genericIEEventsAreJoinedInOrder() throws {
    // cfg80211 splits a long element list at element boundaries across IWEVGENIE events.
    let first = [0, 3] + Array("abc".utf8)
    let second: [UInt8] = [0xDD, 4, 0x00, 0x11, 0x22, 0x01]
    let bytes =
      WextStream.address([2, 0, 0, 0, 0, 9]) + WextStream.point(.genericIE, first)
      + WextStream.point(.genericIE, second)
    let cell = try #require(WextScan(bytes: bytes).cells.first)
    #expect(cell.genericIEEvents == 2)
    #expect(cell.elements == first + second)
  }

  @Test func anSSIDElementIsBuiltFromTheESSIDWhenTheElementsLackOne() throws {
    // An older driver passes only its RSN element.
    let bytes =
      WextStream.address([2, 0, 0, 0, 0, 8]) + WextStream.point(.essid, flags: 1, Array("net".utf8))
      + WextStream.point(.genericIE, rsn)
    let record = try #require(WextScan(bytes: bytes).records.first)
    #expect(record.ies == [0, 3] + Array("net".utf8) + rsn)
    #expect(NetworkAssessment.assess(record).ssid == Array("net".utf8))
  }

  @Test func legacyDriverTextElementsAreUsedWithoutGenericIEs() throws {
    let hex = Hex.encode(rsn)
    let bytes =
      WextStream.address([2, 0, 0, 0, 0, 7]) + WextStream.point(.essid, flags: 1, [0x78])
      + WextStream.point(.custom, Array("rsn_ie=\(hex)".utf8))
    let record = try #require(WextScan(bytes: bytes).records.first)
    #expect(record.ies == [0, 1, 0x78] + rsn)
  }

  @Test func channelOnlyFrequencies() {
    func frequency(_ channel: Int32) -> Int? {
      let bytes = WextStream.address([2, 0, 0, 0, 0, 1]) + WextStream.frequency(m: channel, e: 0)
      return WextScan(bytes: bytes).records.first?.frequency
    }
    #expect(frequency(1) == 2412)
    #expect(frequency(14) == 2484)
    #expect(frequency(36) == 5180)
    #expect(frequency(200) == nil)
  }

  @Test func eventsBeforeTheFirstCellAreRecorded() {
    let bytes = WextStream.mode(3) + WextStream.mode(3) + WextStream.address([2, 0, 0, 0, 0, 1])
    let scan = WextScan(bytes: bytes)
    #expect(scan.records.count == 1)
    #expect(scan.issues.count == 2)
    #expect(scan.issues.first?.offset == 0)
  }

  @Test func duplicatesKeepTheFirst() throws {
    let bytes =
      WextStream.address([2, 0, 0, 0, 0, 1]) + WextStream.point(.essid, flags: 1, [0x61])
      + WextStream.point(.essid, flags: 1, [0x62]) + WextStream.mode(3) + WextStream.mode(1)
    let scan = WextScan(bytes: bytes)
    let cell = try #require(scan.cells.first)
    #expect(cell.essid == [0x61])
    #expect(cell.mode == 3)
    #expect(scan.issues.count == 2)
  }

  @Test func aBSSIDWithAnotherAddressFamilyIsKeptAndRecorded() {
    let scan = WextScan(bytes: WextStream.address([2, 0, 0, 0, 0, 1], family: 772))
    #expect(scan.records.count == 1)
    #expect(scan.issues.first?.detail.contains("772") == true)
  }

  @Test func lastBeaconText() {
    #expect(WextCell.lastBeaconForTests(" Last beacon: 4294967295ms ago") == 4_294_967_295)
    #expect(WextCell.lastBeaconForTests(" Last beacon: ms ago") == nil)
    #expect(WextCell.lastBeaconForTests(" Last beacon: 12ms") == nil)
    #expect(WextCell.lastBeaconForTests(" Last beacon: 9999999999999ms ago") == nil)
  }

  @Test func linkAnswers() {
    #expect(WextLink.associatedBSSID([0, 0, 0, 0, 0, 0]) == nil)
    #expect(WextLink.associatedBSSID([0x44, 0x44, 0x44, 0x44, 0x44, 0x44]) == nil)
    #expect(WextLink.associatedBSSID([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]) == nil)
    #expect(WextLink.associatedBSSID([2, 0, 0, 0, 0]) == nil)
    #expect(WextLink.associatedBSSID([2, 0, 0, 0, 0, 1, 9, 9]) == MACAddress("02:00:00:00:00:01"))
    let link = WextLink(
      address: [2, 0, 0, 0, 2, 0], essid: Array("x".utf8),
      frequency: WextFrequency(mantissa: 2437, exponent: 6), mode: 2)
    #expect(link.frequencyMHz == 2437)
    #expect(link.bssid == MACAddress("02:00:00:00:02:00"))
  }
}

extension WextCell {
  static func lastBeaconForTests(_ text: String) -> Int? {
    let bytes =
      WextStream.address([2, 0, 0, 0, 0, 1]) + WextStream.point(.custom, Array(text.utf8))
    return WextScan(bytes: bytes).cells.first?.lastBeaconMsAgo
  }
}
