import TestSupport
import Testing

@testable import WifiRiskCore

@Suite struct HexTests {
  @Test func roundTrip() throws {
    let bytes: [UInt8] = [0x00, 0x0a, 0xff, 0x7f]
    #expect(Hex.encode(bytes) == "000aff7f")
    #expect(try Hex.decode("000AFF7f") == bytes)
  }

  @Test func everyByteValue() throws {
    let bytes = (0...255).map(UInt8.init)
    let text = Hex.encode(bytes)
    #expect(text.utf8.count == 512)
    #expect(text == bytes.map(Hex.byte).joined())
    #expect(Hex.byte(0xA5) == "a5")
    #expect(try Hex.decode(text) == bytes)
    #expect(Hex.encode(bytes[16..<18]) == "1011")
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

  @Test func macAddressBytesOrderAndGroupBit() throws {
    var rng = MutationRNG(seed: 0x4D41_4331)
    var addresses: [MACAddress] = []
    for _ in 0..<200 {
      let bytes = (0..<6).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      let mac = try #require(MACAddress(bytes: bytes))
      #expect(mac.bytes == bytes)
      #expect((0..<6).map(mac.byte) == bytes)
      #expect(mac.oui == Array(bytes.prefix(3)))
      #expect(mac.isGroup == (bytes[0] & 0x01 != 0))
      #expect(mac.isLocallyAdministered == (bytes[0] & 0x02 != 0))
      #expect(MACAddress(mac.description) == mac)
      let framed = [0xEE, 0xEE] + bytes + [0xEE]
      #expect(MACAddress(framed[...], at: 2) == mac)
      addresses.append(mac)
    }
    // Addresses sort as their bytes do, which is how their text sorts.
    #expect(
      addresses.sorted().map(\.bytes)
        == addresses.map(\.bytes).sorted { $0.lexicographicallyPrecedes($1) })
    #expect(addresses.sorted().map(\.description) == addresses.map(\.description).sorted())
    #expect(MACAddress(bytes: [1, 2, 3, 4, 5]) == nil)
    #expect(MACAddress(bytes: [1, 2, 3, 4, 5, 6, 7]) == nil)
  }
}
