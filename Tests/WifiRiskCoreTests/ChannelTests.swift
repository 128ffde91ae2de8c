import Testing

@testable import WifiRiskCore

/// The channel is the one the access point announces in its own elements; the frequency
/// the frame was heard on is kept apart (a capturing radio on channel 5 hears an access
/// point on channel 6).
@Suite struct ChannelTests {
  /// HT Operation (ID 61): primary channel, then 21 octets of operation information.
  static func htOperation(primary: UInt8) -> [UInt8] {
    IE.element(61, [primary] + [UInt8](repeating: 0, count: 21))
  }

  /// HE Operation (extension 36) with 6 GHz Operation Information (parameters bit 17):
  /// parameters (3), BSS colour (1), basic HE-MCS and NSS (2), then primary channel,
  /// control, centre frequency segments 0 and 1, minimum rate.
  static func heOperation6GHz(primary: UInt8) -> [UInt8] {
    IE.extended(36, [0x00, 0x00, 0x02, 0x01, 0xFC, 0xFF, primary, 0x02, primary + 6, 0, 6])
  }

  static func assess(_ ies: [UInt8], heard: Int?) -> NetworkAssessment {
    NetworkAssessment.assess(Net.record(IE.list(IE.ssid("c"), IE.rsn(), ies), frequency: heard))
  }

  @Test func dsParameterSetWinsOverTheHeardFrequency() {
    let assessment = Self.assess(IE.ds(6), heard: 2432)
    #expect(assessment.channel == 6)
    #expect(assessment.frequency == 2437)
    #expect(assessment.heardFrequency == 2432)
    #expect(assessment.announcedChannel?.source == .dsParameterSet)
    #expect(assessment.band == "2.4")
  }

  @Test func htOperationGivesTheFiveGHzChannel() {
    let assessment = Self.assess(Self.htOperation(primary: 40), heard: 5180)
    #expect(assessment.channel == 40)
    #expect(assessment.frequency == 5200)
    #expect(assessment.heardFrequency == 5180)
    #expect(assessment.announcedChannel?.source == .htOperation)
  }

  @Test func dsParameterSetComesBeforeHTOperation() {
    let assessment = Self.assess(IE.list(IE.ds(11), Self.htOperation(primary: 10)), heard: 2462)
    #expect(assessment.channel == 11)
    #expect(assessment.announcedChannel?.source == .dsParameterSet)
  }

  @Test func sixGHzOperationInformationGivesTheSixGHzChannel() throws {
    let assessment = Self.assess(Self.heOperation6GHz(primary: 37), heard: 6135)
    #expect(assessment.channel == 37)
    #expect(assessment.frequency == 6135)
    #expect(assessment.band == "6")
    #expect(assessment.announcedChannel?.source == .heOperation)
    let he = try #require(assessment.elements.heOperation)
    #expect(he.sixGHzPrimaryChannel == 37)
    #expect(assessment.anomalies.isEmpty)
  }

  @Test func anAnnouncementOfAnotherBandIsPassedOver() {
    // Channel 36 is a 5 GHz channel; heard at 2.4 GHz, the announcement says nothing.
    let assessment = Self.assess(IE.ds(36), heard: 2412)
    #expect(assessment.announcedChannel == nil)
    #expect(assessment.channel == 1)
    #expect(assessment.frequency == 2412)
  }

  @Test func aChannelThatDoesNotExistIsPassedOver() {
    let assessment = Self.assess(IE.ds(0), heard: 2437)
    #expect(assessment.announcedChannel == nil)
    #expect(assessment.channel == 6)
  }

  @Test func withoutAHeardFrequencyTheAnnouncementStandsAlone() {
    let assessment = Self.assess(IE.ds(13), heard: nil)
    #expect(assessment.channel == 13)
    #expect(assessment.frequency == 2472)
    #expect(assessment.heardFrequency == nil)
  }

  @Test func withoutAnAnnouncementTheHeardChannelIsUsed() {
    let assessment = Self.assess([], heard: 5745)
    #expect(assessment.channel == 149)
    #expect(assessment.frequency == 5745)
    #expect(assessment.announcedChannel == nil)
  }

  @Test func heOperationFlaggingMissingFieldsIsAnAnomaly() {
    // 6 GHz Operation Information flagged (bit 17), but the element stops before it.
    let assessment = Self.assess(
      IE.extended(36, [0x00, 0x00, 0x02, 0x01, 0xFC, 0xFF]), heard: 5955)
    #expect(assessment.elements.he)
    #expect(assessment.elements.heOperation?.sixGHzPrimaryChannel == nil)
    #expect(assessment.anomalies.map(\.kind) == [.tooShort])
  }

  @Test(arguments: [
    (2412, "2.4", 1), (2484, "2.4", 14), (5180, "5", 36), (5825, "5", 165), (4920, "5", 184),
    (5935, "6", 2), (5955, "6", 1), (7115, "6", 233),
  ])
  func frequenciesAndChannelsAgree(_ mhz: Int, _ band: String, _ channel: Int) {
    #expect(Channel.number(frequency: mhz) == channel)
    #expect(Channel.band(frequency: mhz) == band)
    #expect(Channel.frequency(channel: channel, band: band) == mhz)
  }

  @Test func theReportCarriesBothFrequencies() {
    let entry = NetworkEntry(Self.assess(IE.ds(6), heard: 2432), source: nil).json
    #expect(entry["channel"] == .integer(6))
    #expect(entry["frequency"] == .integer(2437))
    #expect(entry["heard_frequency"] == .integer(2432))
    #expect(entry["channel_source"] == .string("ds-parameter-set"))
  }
}
