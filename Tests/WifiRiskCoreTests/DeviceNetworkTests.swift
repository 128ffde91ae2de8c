import Testing

@testable import WifiRiskCore

/// A device's own network: Wi-Fi Direct groups, and smart-home setup networks from
/// `profiles/device-ssids.txt`: information, never a risk of their own.
@Suite struct DeviceNetworkTests {
  static func finding(_ ies: [UInt8], privacy: Bool = true) -> Finding? {
    NetworkAssessment.assess(Net.record(ies, privacy: privacy), options: ShippedData.options)
      .findings.first { $0.id == "device-network" }
  }

  @Test func theShippedFileReadsWithoutErrors() {
    #expect(ShippedData.deviceSSIDs.errors.isEmpty, "\(ShippedData.deviceSSIDs.errors)")
    #expect(ShippedData.deviceSSIDs.patterns.count > 30)
  }

  @Test(arguments: [
    "DIRECT-7q-HP OfficeJet 8020", "DIRECT-xy-BRAVIA", "DIRECT-AB", "DIRECT-3F[TV] Samsung Q60",
  ])
  func wiFiDirectGroupsAreDeviceNetworks(_ name: String) throws {
    let finding = try #require(Self.finding(IE.list(IE.ssid(name), IE.rsn())))
    #expect(finding.severity == .info)
    #expect(finding.evidence == "a Wi-Fi Direct group")
  }

  @Test func aP2PElementMakesOneWhateverTheName() {
    #expect(Self.finding(IE.list(IE.ssid("Printer"), IE.rsn(), IE.p2p())) != nil)
  }

  @Test(arguments: ["DIRECT-", "DIRECT-x", "DIRECT--x-printer", "Direct-7q-TV", "MyDIRECT-7q"])
  func namesThatOnlyLookSoAreNot(_ name: String) {
    #expect(Self.finding(IE.list(IE.ssid(name), IE.rsn())) == nil)
  }

  @Test(arguments: [
    ("ESP_1A2B3C", "ESP8266 or ESP32 module (Espressif's default access point)"),
    ("shelly1-A4CF12F45678", "Shelly relay, plug or sensor"),
    ("tasmota-1A2B3C-4567", "Tasmota-flashed device"),
    ("SmartLife-1A2B", "Tuya / Smart Life device"), ("Chromecast1234.b", "Google Chromecast"),
    ("TP-LINK_Smart Plug_1A2B", "TP-Link Kasa smart plug"),
    ("HP-Setup>2a-OfficeJet", "HP printer"),
  ])
  func openSetupNetworksOfSmartHomeDevices(_ name: String, _ device: String) throws {
    let finding = try #require(Self.finding(IE.ssid(name), privacy: false))
    #expect(finding.severity == .info)
    #expect(finding.evidence == "the setup network of a device: \(device)")
  }

  @Test func anEncryptedNetworkWithASetupNameIsNotOne() {
    #expect(Self.finding(IE.list(IE.ssid("ESP_1A2B3C"), IE.rsn())) == nil)
  }

  @Test func theListReaderNamesBadLines() {
    let (patterns, errors) = DeviceSSID.parseList("ESP_%%%%%% | ESP\nbroken\nX[ | X\n")
    #expect(patterns.count == 1)
    #expect(
      errors == [
        .init(line: 2, message: "expected: pattern | device"),
        .init(line: 3, message: "\"[\" without \"]\""),
      ])
  }
}
