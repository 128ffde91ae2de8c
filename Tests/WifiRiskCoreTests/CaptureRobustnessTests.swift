import TestSupport
import Testing
import WifiRiskCore

/// The packets of a little-endian pcap file, split in plain Swift so the pure decoders can be
/// tested on recorded bytes without libpcap (the fixtures are written that way by
/// `fixtures/captures/make.py`).
enum CapturePackets {
  struct File {
    var linkType: LinkType
    var packets: [[UInt8]]
  }

  static func read(_ relative: String) throws -> File {
    let bytes = try Fixtures.bytes(relative)
    var cursor = ByteCursor(bytes)
    let magic = cursor.readU32LE()
    try #require(magic == 0xA1B2_C3D4, "\(relative): expected a little-endian pcap")
    _ = cursor.take(16)
    let rawLinkType = cursor.readU32LE()
    let linkType = LinkType(rawValue: Int(try #require(rawLinkType)))
    var packets: [[UInt8]] = []
    while let header = cursor.take(16) {
      var fields = ByteCursor(header)
      _ = fields.take(8)
      let length = Int(fields.readU32LE() ?? 0)
      guard let packet = cursor.take(length) else { break }
      packets.append(Array(packet))
    }
    return File(linkType: linkType, packets: packets)
  }

  /// The recorded and derived captures, one per link-layer shape.
  static let files = [
    "lab/captures/lab.pcap", "captures/lab-radiotap-fcs.pcap", "captures/lab-80211.pcap",
    "captures/lab-80211-fcs.pcap", "captures/lab-prism.pcap", "captures/lab-avs.pcap",
    "captures/lab-ppi.pcap", "captures/bad-packets.pcap",
  ]
}

@Suite struct CaptureRobustnessTests {
  /// Decodes one packet and checks the promises that hold whatever the bytes: a decoded
  /// frame's elements lie inside the packet, and nothing traps.
  static func decodeChecked(_ packet: ArraySlice<UInt8>, _ linkType: LinkType) {
    let outcome = try? CapturedFrame.decode(
      packet, originalLength: packet.count, linkType: linkType)
    if case .management(let frame, _)? = outcome {
      #expect(frame.elements.startIndex >= packet.startIndex)
      #expect(frame.elements.endIndex <= packet.endIndex)
      #expect(frame.bssid.bytes.count == 6)
    }
  }

  @Test(arguments: CapturePackets.files)
  func everyPrefixOfEveryPacketIsSafe(_ file: String) throws {
    let capture = try CapturePackets.read(file)
    try #require(!capture.packets.isEmpty)
    // Each distinct packet shape once: the lab's many beacons differ only in their timers.
    var seen = Set<Int>()
    for packet in capture.packets where seen.insert(packet.count).inserted {
      for cut in 0...packet.count {
        Self.decodeChecked(packet.prefix(cut), capture.linkType)
        // The same prefix as a snapped packet: the length on the air is larger.
        _ = try? CapturedFrame.decode(
          packet.prefix(cut), originalLength: packet.count, linkType: capture.linkType)
      }
    }
  }

  @Test(arguments: CapturePackets.files)
  func seededMutationsOfHeadersAndFramesAreSafe(_ file: String) throws {
    let capture = try CapturePackets.read(file)
    var random = MutationRNG(state: 0xCA97_0000 &+ UInt64(file.utf8.count))
    var assembler = CaptureAssembler(linkType: capture.linkType)
    for round in 0..<2000 {
      var packet = capture.packets[round % capture.packets.count]
      guard !packet.isEmpty else { continue }
      // Mostly the first 64 bytes (radio header and 802.11 header), sometimes anywhere.
      for _ in 0..<Int.random(in: 1...4, using: &random) {
        let span = round % 4 == 0 ? packet.count : min(packet.count, 64)
        let at = Int.random(in: 0..<span, using: &random)
        switch Int.random(in: 0..<4, using: &random) {
        case 0: packet[at] = UInt8.random(in: 0...255, using: &random)
        case 1: packet[at] ^= 1 << UInt8.random(in: 0...7, using: &random)
        case 2: packet[at] = [0x00, 0xFF, 0x80, 0x7F][Int.random(in: 0..<4, using: &random)]
        default: packet.removeSubrange(at..<min(packet.count, at + 8))
        }
        if packet.isEmpty { break }
      }
      Self.decodeChecked(packet[...], capture.linkType)
      assembler.add(packet, originalLength: packet.count)
    }
    let result = assembler.result()
    let stats = result.stats
    #expect(
      stats.packets
        == stats.used + stats.ignored + stats.badFCS + stats.malformed + stats.snapped
        + stats.otherLinkType)
    #expect(result.capture.bss.count <= stats.used)
  }

  @Test(arguments: [LinkType.radiotap, .ppi, .prism, .avs, .ieee80211])
  func randomBytesAreSafe(_ linkType: LinkType) {
    var random = MutationRNG(state: UInt64(linkType.rawValue))
    for _ in 0..<2000 {
      let count = Int.random(in: 0..<300, using: &random)
      var packet = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
      // Give some of them a plausible start, so the decoders get past their first check.
      if packet.count > 8, Bool.random(using: &random) {
        switch linkType {
        case .radiotap, .ppi: packet[0] = 0
        case .avs, .prism: packet.replaceSubrange(0..<4, with: [0x80, 0x21, 0x10, 0x01])
        default: packet[0] = 0x80
        }
      }
      Self.decodeChecked(packet[...], linkType)
    }
  }

  @Test func theDerivedCapturesDecodeCleanly() throws {
    for file in CapturePackets.files where file.hasPrefix("captures/lab-") {
      let capture = try CapturePackets.read(file)
      var assembler = CaptureAssembler(linkType: capture.linkType)
      for packet in capture.packets { assembler.add(packet, originalLength: packet.count) }
      let stats = assembler.result().stats
      #expect(stats.malformed == 0, "\(file)")
      #expect(stats.used + stats.badFCS == stats.packets, "\(file)")
      #expect(assembler.result().capture.bss.count == 17, "\(file)")
    }
  }
}
