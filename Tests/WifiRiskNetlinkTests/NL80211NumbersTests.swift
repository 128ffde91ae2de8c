import CNetlink
import Testing
import WifiRiskCore

/// Core's copy of the nl80211 numbers must equal the kernel header's (`linux/nl80211.h`).
@Suite struct NL80211NumbersTests {
  struct Pair: Sendable, CustomTestStringConvertible {
    var swift: UInt32
    var c: UInt32
    var name: String
    var testDescription: String { name }
  }

  static let commands: [Pair] = [
    Pair(swift: 5, c: NL80211_CMD_GET_INTERFACE.rawValue, name: "GET_INTERFACE"),
    Pair(swift: 7, c: NL80211_CMD_NEW_INTERFACE.rawValue, name: "NEW_INTERFACE"),
    Pair(swift: 17, c: NL80211_CMD_GET_STATION.rawValue, name: "GET_STATION"),
    Pair(swift: 19, c: NL80211_CMD_NEW_STATION.rawValue, name: "NEW_STATION"),
    Pair(swift: 32, c: NL80211_CMD_GET_SCAN.rawValue, name: "GET_SCAN"),
    Pair(swift: 33, c: NL80211_CMD_TRIGGER_SCAN.rawValue, name: "TRIGGER_SCAN"),
    Pair(swift: 34, c: NL80211_CMD_NEW_SCAN_RESULTS.rawValue, name: "NEW_SCAN_RESULTS"),
    Pair(swift: 35, c: NL80211_CMD_SCAN_ABORTED.rawValue, name: "SCAN_ABORTED"),
    Pair(swift: 46, c: NL80211_CMD_CONNECT.rawValue, name: "CONNECT"),
    Pair(swift: 47, c: NL80211_CMD_ROAM.rawValue, name: "ROAM"),
    Pair(swift: 48, c: NL80211_CMD_DISCONNECT.rawValue, name: "DISCONNECT"),
  ]

  @Test func everyCommandIsListed() {
    #expect(
      Set(NL80211.Command.allCases.map { UInt32($0.rawValue) }) == Set(Self.commands.map(\.swift)))
  }

  @Test(arguments: commands)
  func commandMatchesTheHeader(_ pair: Pair) {
    #expect(pair.swift == pair.c)
  }

  static let attributes: [(NL80211.Attribute, UInt32)] = [
    (.wiphy, NL80211_ATTR_WIPHY.rawValue),
    (.ifindex, NL80211_ATTR_IFINDEX.rawValue),
    (.ifname, NL80211_ATTR_IFNAME.rawValue),
    (.iftype, NL80211_ATTR_IFTYPE.rawValue),
    (.mac, NL80211_ATTR_MAC.rawValue),
    (.staInfo, NL80211_ATTR_STA_INFO.rawValue),
    (.wiphyFreq, NL80211_ATTR_WIPHY_FREQ.rawValue),
    (.scanFrequencies, NL80211_ATTR_SCAN_FREQUENCIES.rawValue),
    (.scanSSIDs, NL80211_ATTR_SCAN_SSIDS.rawValue),
    (.generation, NL80211_ATTR_GENERATION.rawValue),
    (.bss, NL80211_ATTR_BSS.rawValue),
    (.ssid, NL80211_ATTR_SSID.rawValue),
    (.statusCode, NL80211_ATTR_STATUS_CODE.rawValue),
    (.txPowerLevel, NL80211_ATTR_WIPHY_TX_POWER_LEVEL.rawValue),
    (.wdev, NL80211_ATTR_WDEV.rawValue),
    (.channelWidth, NL80211_ATTR_CHANNEL_WIDTH.rawValue),
  ]

  static let bssAttributes: [(NL80211.BSSAttribute, UInt32)] = [
    (.bssid, NL80211_BSS_BSSID.rawValue),
    (.frequency, NL80211_BSS_FREQUENCY.rawValue),
    (.tsf, NL80211_BSS_TSF.rawValue),
    (.beaconInterval, NL80211_BSS_BEACON_INTERVAL.rawValue),
    (.capability, NL80211_BSS_CAPABILITY.rawValue),
    (.informationElements, NL80211_BSS_INFORMATION_ELEMENTS.rawValue),
    (.signalMBm, NL80211_BSS_SIGNAL_MBM.rawValue),
    (.signalUnspec, NL80211_BSS_SIGNAL_UNSPEC.rawValue),
    (.status, NL80211_BSS_STATUS.rawValue),
    (.seenMsAgo, NL80211_BSS_SEEN_MS_AGO.rawValue),
    (.beaconIEs, NL80211_BSS_BEACON_IES.rawValue),
    (.channelWidth, NL80211_BSS_CHAN_WIDTH.rawValue),
    (.beaconTSF, NL80211_BSS_BEACON_TSF.rawValue),
    (.probeResponseData, NL80211_BSS_PRESP_DATA.rawValue),
    (.lastSeenBoottime, NL80211_BSS_LAST_SEEN_BOOTTIME.rawValue),
    (.pad, NL80211_BSS_PAD.rawValue),
    (.parentTSF, NL80211_BSS_PARENT_TSF.rawValue),
    (.parentBSSID, NL80211_BSS_PARENT_BSSID.rawValue),
    (.chainSignal, NL80211_BSS_CHAIN_SIGNAL.rawValue),
    (.frequencyOffset, NL80211_BSS_FREQUENCY_OFFSET.rawValue),
  ]

  static let stationAttributes: [(NL80211.StationInfoAttribute, UInt32)] = [
    (.inactiveTime, NL80211_STA_INFO_INACTIVE_TIME.rawValue),
    (.rxBytes, NL80211_STA_INFO_RX_BYTES.rawValue),
    (.txBytes, NL80211_STA_INFO_TX_BYTES.rawValue),
    (.signal, NL80211_STA_INFO_SIGNAL.rawValue),
    (.txBitrate, NL80211_STA_INFO_TX_BITRATE.rawValue),
    (.rxPackets, NL80211_STA_INFO_RX_PACKETS.rawValue),
    (.txPackets, NL80211_STA_INFO_TX_PACKETS.rawValue),
    (.txRetries, NL80211_STA_INFO_TX_RETRIES.rawValue),
    (.txFailed, NL80211_STA_INFO_TX_FAILED.rawValue),
    (.signalAverage, NL80211_STA_INFO_SIGNAL_AVG.rawValue),
    (.rxBitrate, NL80211_STA_INFO_RX_BITRATE.rawValue),
    (.connectedTime, NL80211_STA_INFO_CONNECTED_TIME.rawValue),
    (.rxBytes64, NL80211_STA_INFO_RX_BYTES64.rawValue),
    (.txBytes64, NL80211_STA_INFO_TX_BYTES64.rawValue),
    (.beaconSignalAverage, NL80211_STA_INFO_BEACON_SIGNAL_AVG.rawValue),
  ]

  static let rateAttributes: [(NL80211.RateInfoAttribute, UInt32)] = [
    (.bitrate, NL80211_RATE_INFO_BITRATE.rawValue),
    (.mcs, NL80211_RATE_INFO_MCS.rawValue),
    (.width40MHz, NL80211_RATE_INFO_40_MHZ_WIDTH.rawValue),
    (.shortGI, NL80211_RATE_INFO_SHORT_GI.rawValue),
    (.bitrate32, NL80211_RATE_INFO_BITRATE32.rawValue),
  ]

  static let interfaceTypes: [(WirelessInterfaceType, UInt32)] = [
    (.unspecified, NL80211_IFTYPE_UNSPECIFIED.rawValue),
    (.adhoc, NL80211_IFTYPE_ADHOC.rawValue),
    (.station, NL80211_IFTYPE_STATION.rawValue),
    (.accessPoint, NL80211_IFTYPE_AP.rawValue),
    (.accessPointVLAN, NL80211_IFTYPE_AP_VLAN.rawValue),
    (.wds, NL80211_IFTYPE_WDS.rawValue),
    (.monitor, NL80211_IFTYPE_MONITOR.rawValue),
    (.meshPoint, NL80211_IFTYPE_MESH_POINT.rawValue),
    (.p2pClient, NL80211_IFTYPE_P2P_CLIENT.rawValue),
    (.p2pGroupOwner, NL80211_IFTYPE_P2P_GO.rawValue),
    (.p2pDevice, NL80211_IFTYPE_P2P_DEVICE.rawValue),
    (.ocb, NL80211_IFTYPE_OCB.rawValue),
    (.nan, NL80211_IFTYPE_NAN.rawValue),
  ]

  @Test func attributesMatchTheHeader() {
    for (swift, c) in Self.attributes { #expect(UInt32(swift.rawValue) == c, "\(swift)") }
    #expect(Self.attributes.count == NL80211.Attribute.allCases.count)
  }

  @Test func bssAttributesMatchTheHeader() {
    for (swift, c) in Self.bssAttributes { #expect(UInt32(swift.rawValue) == c, "\(swift)") }
    #expect(Self.bssAttributes.count == NL80211.BSSAttribute.allCases.count)
  }

  @Test func stationAttributesMatchTheHeader() {
    for (swift, c) in Self.stationAttributes { #expect(UInt32(swift.rawValue) == c, "\(swift)") }
    #expect(Self.stationAttributes.count == NL80211.StationInfoAttribute.allCases.count)
  }

  @Test func rateAttributesMatchTheHeader() {
    for (swift, c) in Self.rateAttributes { #expect(UInt32(swift.rawValue) == c, "\(swift)") }
    #expect(Self.rateAttributes.count == NL80211.RateInfoAttribute.allCases.count)
  }

  @Test func interfaceTypesMatchTheHeader() {
    for (swift, c) in Self.interfaceTypes { #expect(swift.rawValue == c, "\(swift)") }
    #expect(Self.interfaceTypes.count == WirelessInterfaceType.known.count)
  }

  @Test func bssStatusMatchesTheHeader() {
    #expect(BSSStatus(nl80211: NL80211_BSS_STATUS_AUTHENTICATED.rawValue) == .authenticated)
    #expect(BSSStatus(nl80211: NL80211_BSS_STATUS_ASSOCIATED.rawValue) == .associated)
    #expect(BSSStatus(nl80211: NL80211_BSS_STATUS_IBSS_JOINED.rawValue) == .ibssJoined)
  }

  @Test func netlinkAttributeLayoutMatchesTheHeader() {
    #expect(NetlinkAttribute.nestedFlag == UInt16(NLA_F_NESTED))
    #expect(NetlinkAttribute.networkByteOrderFlag == UInt16(NLA_F_NET_BYTEORDER))
    #expect(NetlinkAttribute.alignment == Int(NLA_ALIGNTO))
    #expect(NetlinkAttribute.headerSize == MemoryLayout<nlattr>.size)
  }

  @Test func familyAndGroupNamesMatchTheHeader() {
    #expect(NL80211.familyName == NL80211_GENL_NAME)
    #expect(NL80211.scanMulticastGroup == NL80211_MULTICAST_GROUP_SCAN)
    #expect(NL80211.mlmeMulticastGroup == NL80211_MULTICAST_GROUP_MLME)
  }
}
