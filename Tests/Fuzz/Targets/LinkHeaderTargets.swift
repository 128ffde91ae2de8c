// Radio headers (radiotap, Prism, AVS, PPI) and the 802.11 beacons and probe responses
// behind them.
import WifiRiskCore

enum LinkHeaderTargets {
  static func radiotap(_ data: [UInt8]) { header(data, .radiotap, Radiotap.decode) }
  static func prism(_ data: [UInt8]) { header(data, .prism, PrismHeader.decode) }
  static func avs(_ data: [UInt8]) { header(data, .avs, AVSHeader.decode) }
  static func ppi(_ data: [UInt8]) { header(data, .ppi, PPIHeader.decode) }

  /// One packet of a capture with this link type. Properties: the header decodes the same
  /// wherever the packet sits in memory (the capture reader hands out slices of a batch),
  /// its frame lies inside the packet, and the whole packet path agrees with it.
  static func header(
    _ packet: [UInt8], _ linkType: LinkType,
    _ decode: (ArraySlice<UInt8>) throws(FrameProblem) -> LinkFrame
  ) {
    let alone = Result { () throws(FrameProblem) in try decode(packet[...]) }
    let batch = [UInt8](repeating: 0xEE, count: 13) + packet + [0xEE, 0xEE, 0xEE]
    let slice = batch[13..<13 + packet.count]
    let inBatch = Result { () throws(FrameProblem) in try decode(slice) }
    switch (alone, inBatch) {
    case (.success(let a), .success(let b)):
      require(a.radio == b.radio, "\(linkType) radio info depends on where the packet sits")
      require(
        Array(a.frame) == Array(b.frame), "\(linkType) frame depends on where the packet sits")
      require(
        b.frame.startIndex >= slice.startIndex && b.frame.endIndex <= slice.endIndex,
        "\(linkType) frame reaches outside its packet")
    case (.failure(let a), .failure(let b)):
      require(a == b, "\(linkType) problem depends on where the packet sits: \(a) / \(b)")
    default:
      require(false, "\(linkType) decodes only on one side of a move")
    }
    packetPath(slice, linkType)
  }

  /// A bare 802.11 frame (link type 105). Properties: the same frame with its FCS appended
  /// decodes to the same beacon, and the table-driven CRC matches the bitwise definition.
  static func frame(_ data: [UInt8]) {
    let crc = FrameCheck.crc32(data[...])
    require(crc == bitwiseCRC32(data), "CRC-32 differs from its bitwise definition")
    let withFCS =
      data + [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24)]
    require(FrameCheck.hasValidFCS(withFCS[...]), "a frame with its own CRC fails the FCS check")

    packetPath(data[...], .ieee80211)
    let plain = try? CapturedFrame.decode(
      data[...], originalLength: data.count, linkType: .ieee80211)
    if data.count >= 36, !FrameCheck.hasValidFCS(data[...]) {
      let checked = try? CapturedFrame.decode(
        withFCS[...], originalLength: withFCS.count, linkType: .ieee80211)
      require(plain == checked, "a frame decodes differently with its FCS appended")
    }
    if let plain = try? ManagementFrame.decode(data[...]) {
      require(
        plain.elements.startIndex >= 24 + 12 && plain.elements.endIndex == data.count,
        "a frame's elements are not its tail")
    }
  }

  /// The whole per-packet path the capture reader runs, then the rating of what it gives.
  static func packetPath(_ packet: ArraySlice<UInt8>, _ linkType: LinkType) {
    let outcome = try? CapturedFrame.decode(
      packet, originalLength: packet.count, linkType: linkType)
    let cut = try? CapturedFrame.decode(
      packet, originalLength: packet.count + 1, linkType: linkType)
    if case .management? = cut {
      require(false, "a beacon cut by the snapshot length was used")
    }
    guard case .management(let frame, let radio)? = outcome else { return }
    let record = BSSRecord(
      bssid: frame.bssid, frequency: radio.frequency, signalMBm: radio.signalDBm.map { $0 * 100 },
      capability: frame.capability, beaconInterval: Int(frame.beaconInterval),
      ies: Array(frame.elements))
    Rating.check([record])
  }

  static func bitwiseCRC32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }
}
