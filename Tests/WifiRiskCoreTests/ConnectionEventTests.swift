import Foundation
import Testing
import WifiRiskCore

/// nl80211's connection events, recorded in the lab by `wifirisk watch --record`
/// (fixtures/netlink/events/): what `watch` acts on, and what it must leave alone.
@Suite struct ConnectionEventTests {
  static func message(_ name: String) throws -> NL80211Message {
    let text = try String(
      contentsOf: Fixtures.url("netlink/events/\(name)"), encoding: .utf8)
    return try NL80211Message.parseHexDump(text)
  }

  @Test(arguments: [
    ("connect-wpa3.hex", "02:00:00:00:02:02"), ("connect-open.hex", "02:00:00:00:00:00"),
  ]) func aSuccessfulConnectIsANewConnection(_ name: String, _ bssid: String) throws {
    let event = try #require(try ConnectionEvent(try Self.message(name)))
    #expect(event.kind == .connected)
    #expect(event.ifindex == 13)
    #expect(event.bssid == MACAddress(bssid))
    #expect(event.statusCode == 0)
    #expect(event.isNewConnection)
  }

  @Test func aDisconnectIsNot() throws {
    let event = try #require(try ConnectionEvent(try Self.message("disconnect.hex")))
    #expect(event.kind == .disconnected)
    #expect(event.ifindex == 13)
    #expect(!event.isNewConnection)
  }

  /// The recorded connect with its status code changed to 1 (unspecified failure): a failed
  /// attempt is no connection to judge.
  @Test func aFailedConnectIsNot() throws {
    var message = try Self.message("connect-open.hex")
    let table = try message.table()
    let status = try #require(
      table.attributes.first { $0.type == NL80211.Attribute.statusCode.rawValue })
    message.attributes[status.payloadOffset] = 1
    let event = try #require(try ConnectionEvent(message))
    #expect(event.statusCode == 1)
    #expect(!event.isNewConnection)
  }

  @Test func otherCommandsAreNotEvents() throws {
    var message = try Self.message("connect-wpa3.hex")
    message.command = NL80211.Command.triggerScan.rawValue
    #expect(try ConnectionEvent(message) == nil)
  }

  /// Every prefix of a recorded event: an error or an event, never a trap.
  @Test func everyPrefixIsSafe() throws {
    let full = try Self.message("connect-wpa3.hex")
    for length in 0..<full.attributes.count {
      let cut = NL80211Message(
        command: full.command, attributes: Array(full.attributes.prefix(length)))
      _ = try? ConnectionEvent(cut)
    }
  }
}
