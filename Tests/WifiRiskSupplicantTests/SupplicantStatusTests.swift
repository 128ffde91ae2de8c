import TestSupport
import Testing
import WifiRiskCore

@Suite struct SupplicantStatusTests {
  @Test func parsesARecordedSAEStatus() throws {
    let text = String(
      decoding: try Repository.bytes("fixtures/netlink/lab-wpa3/supplicant-status-wlan2.txt"),
      as: UTF8.self)
    let status = SupplicantStatus(parsing: text)
    #expect(status.isConnected)
    #expect(status.bssid?.description == "02:00:00:00:01:00")
    #expect(status.ssid == Array("lab-wpa3".utf8))
    #expect(status.keyManagement == "SAE")
    #expect(status.pairwiseCipher == "CCMP")
    #expect(status.groupCipher == "CCMP")
    #expect(status.pmf == 2)
    #expect(status.managementGroupCipher == "BIP")
    #expect(status.frequency == 2437)
    #expect(status.fields["sae_group"] == "19")
    #expect(status.fields["mode"] == "station")
  }

  @Test func parsesARecordedWPA2Status() throws {
    let text = String(
      decoding: try Repository.bytes("fixtures/netlink/lab-wpa2/supplicant-status-wlan2.txt"),
      as: UTF8.self)
    let status = SupplicantStatus(parsing: text)
    #expect(status.wpaState == "COMPLETED")
    #expect(status.bssid?.description == "02:00:00:00:00:01")
    #expect(status.keyManagement == "WPA2-PSK")
    #expect(status.pmf == nil)  // the AP does not offer PMF: wpa_supplicant prints no pmf=
    #expect(status.managementGroupCipher == nil)
    #expect(status.frequency == 2412)
  }

  @Test func toleratesUnknownKeysOddLinesAndBadValues() {
    let text = "wpa_state=SCANNING\r\nnoequals\n=empty-key\nbssid=zz:00\nfreq=abc\nfuture_key=a=b\n"
    let status = SupplicantStatus(parsing: text)
    #expect(status.wpaState == "SCANNING")
    #expect(!status.isConnected)
    #expect(status.bssid == nil)
    #expect(status.frequency == nil)
    #expect(status.fields["future_key"] == "a=b")
    #expect(status.fields["noequals"] == nil)
    #expect(status.fields.count == 4)
  }

  @Test func pmfFallsBackToIeee80211w() {
    #expect(SupplicantStatus(parsing: "ieee80211w=2\n").pmf == 2)
    #expect(SupplicantStatus(parsing: "pmf=1\nieee80211w=2\n").pmf == 1)
    #expect(SupplicantStatus(parsing: "wpa_state=COMPLETED\n").pmf == nil)
  }

  @Test(arguments: [
    ("plain", Array("plain".utf8)),
    (#"a\"b\\c"#, Array(#"a"b\c"#.utf8)),
    (#"\x00\xff\x4"#, [0x00, 0xff, 0x04]),
    (#"tab\tnl\ncr\resc\e"#, Array("tab\tnl\ncr\resc".utf8) + [0x1b]),
    (#"\101\7"#, [0x41, 0x07]),
    (#"\xzz"#, Array("xzz".utf8)),
    (#"\q"#, Array("q".utf8)),
    ("end\\", Array("end\\".utf8)),
  ])
  func unescapesPrintfEncoding(_ text: String, _ bytes: [UInt8]) {
    #expect(SupplicantStatus.unescape(text) == bytes)
  }
}
