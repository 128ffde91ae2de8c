import Testing
import WifiRiskCore

@Suite struct HexTests {
  @Test func roundTrip() throws {
    let bytes: [UInt8] = [0x00, 0x0a, 0xff, 0x7f]
    #expect(Hex.encode(bytes) == "000aff7f")
    #expect(try Hex.decode("000AFF7f") == bytes)
  }

  @Test(arguments: ["0", "zz", "0g", "000"])
  func rejectsBadHex(_ text: String) {
    #expect(throws: Hex.DecodeError.self) { try Hex.decode(text) }
  }

  @Test func macAddress() throws {
    let mac = try #require(MACAddress("02:00:00:00:02:0A"))
    #expect(mac.description == "02:00:00:00:02:0a")
    #expect(mac.isLocallyAdministered)
    #expect(MACAddress("02:00:00:00:02") == nil)
    #expect(MACAddress("02:00:00:00:02:0g") == nil)
  }
}
