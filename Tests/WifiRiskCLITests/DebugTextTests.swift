import Testing
import WifiRiskCore

@testable import WifiRiskCLI

/// The lines `wifirisk debug nl80211` prints for a station and for wpa_supplicant's status:
/// each field that is known, in a fixed order, and nothing for a field that is not.
@Suite struct DebugTextTests {
  @Test func aStationLineNamesEveryKnownField() throws {
    let mac = try #require(MACAddress("02:00:00:00:01:00"))
    let full = StationInfo(
      mac: mac, signalDBm: -40, signalAverageDBm: -41, txBitrate: 65, rxBitrate: 1300,
      connectedSeconds: 12, inactiveMs: 300)
    #expect(
      NL80211DebugCommand.describe(full)
        == "02:00:00:00:01:00  signal -40 dBm  avg -41 dBm  tx 6.5 Mbit/s  rx 130 Mbit/s  "
        + "connected 12 s  inactive 300 ms")
    let sparse = StationInfo(mac: mac, rxBitrate: 60)
    #expect(NL80211DebugCommand.describe(sparse) == "02:00:00:00:01:00  rx 6 Mbit/s")
  }

  @Test func aSupplicantLineEscapesTheName() {
    let status = SupplicantStatus(
      parsing: "wpa_state=COMPLETED\nbssid=02:00:00:00:01:00\nssid=caf\\xc3\\xa9\\x1b\n"
        + "key_mgmt=SAE\npairwise_cipher=CCMP\ngroup_cipher=CCMP\npmf=2\nfreq=2412\n")
    #expect(
      NL80211DebugCommand.describe(status)
        == "COMPLETED  bssid 02:00:00:00:01:00  ssid \"\(DisplayText.escape(status.ssid ?? []))\"  "
        + "key_mgmt SAE  pairwise CCMP  group CCMP  pmf 2  freq 2412")
    #expect(!NL80211DebugCommand.describe(status).contains("\u{1B}"))
    #expect(NL80211DebugCommand.describe(SupplicantStatus(parsing: "")) == "?")
  }
}
