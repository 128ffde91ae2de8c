// The capture assembler over pcap and pcapng files.
//
// The tool reads capture files through libpcap, which hands each packet to Core's
// `CaptureAssembler`. Here a small reader of the two file formats stands in for libpcap, so
// that the assembler and every decoder behind it see whole files of a fuzzer's packets;
// libpcap itself is not under test.
import WifiRiskCore

enum CaptureTargets {
  static func pcap(_ data: [UInt8]) {
    guard let file = CaptureFileReader.pcap(data) else { return }
    check(file)
  }

  static func pcapng(_ data: [UInt8]) {
    guard let file = CaptureFileReader.pcapng(data) else { return }
    check(file)
  }

  /// Properties: every packet is counted exactly once; the packets fed as slices of one
  /// shared buffer (as the tool's reading thread hands them over) give the same result as
  /// packets fed one array each; the result survives a round trip through a fixture (on the
  /// sampled inputs).
  static func check(_ file: CaptureFileReader.File) {
    var assembler = CaptureAssembler(linkType: LinkType(rawValue: file.linkType))
    var separate = CaptureAssembler(linkType: LinkType(rawValue: file.linkType))
    var batch: [UInt8] = []
    var ranges: [Range<Int>] = []
    for packet in file.packets {
      ranges.append(batch.count..<batch.count + packet.bytes.count)
      batch += packet.bytes
    }
    for (packet, range) in zip(file.packets, ranges) {
      assembler.add(batch[range], originalLength: packet.originalLength, time: packet.time)
      separate.add(packet.bytes, originalLength: packet.originalLength, time: packet.time)
    }
    if let reason = file.endedEarly {
      assembler.endEarly(reason)
      separate.endEarly(reason)
    }
    let result = assembler.result()
    require(result == separate.result(), "the assembler's result depends on how packets are held")
    let stats = result.stats
    require(
      stats.packets == file.packets.count,
      "packets counted \(stats.packets) of \(file.packets.count)")
    require(
      stats.packets == stats.used + stats.ignored + stats.badFCS + stats.malformed + stats.snapped
        + stats.otherLinkType,
      "a packet was counted twice or not at all: \(stats)")
    require(
      result.capture.bss.count <= stats.used, "more access points than beacons and probe responses")
    require(
      Set(result.capture.bss.map(\.bssid)).count == result.capture.bss.count,
      "the assembler gave one BSSID two records")
    for note in result.notes { requireTerminalSafe(note, "a capture note") }

    // The fixture target takes the writer and reader through every shape of record; here
    // the round trip runs on the sampled inputs (it was half the time of an input).
    if Sample.thisInput { roundTrip(result.capture) }
    Rating.check(result.capture)
  }

  static func roundTrip(_ capture: ScanSnapshot) {
    let encoded = Fixture.encode(capture)
    let decoded: ScanSnapshot
    do {
      decoded = try Fixture.decode(Array(encoded.utf8))
    } catch {
      require(false, "a capture's fixture does not read back: \(error)")
      return
    }
    require(decoded == capture, "a capture changes in a round trip through a fixture")
  }
}

/// A reader of the pcap and pcapng formats, just enough to split a file into packets the way
/// libpcap does: link type, captured bytes, length on the air and time of each packet.
enum CaptureFileReader {
  struct Packet {
    var bytes: [UInt8]
    var originalLength: Int
    var time: CaptureTime
  }

  struct File {
    var linkType: Int
    var packets: [Packet] = []
    /// Why the file ended before its last byte, when it did.
    var endedEarly: String?
  }

  /// libpcap refuses packets larger than this (`MAXIMUM_SNAPLEN`).
  static let maximumPacket = 262_144

  static func pcap(_ data: [UInt8]) -> File? {
    guard data.count >= 24 else { return nil }
    let magic =
      UInt32(data[0]) | UInt32(data[1]) << 8 | UInt32(data[2]) << 16 | UInt32(data[3]) << 24
    let little: Bool
    let nanoseconds: Bool
    let kuznetzov: Bool
    switch magic {
    case 0xA1B2_C3D4: (little, nanoseconds, kuznetzov) = (true, false, false)
    case 0xD4C3_B2A1: (little, nanoseconds, kuznetzov) = (false, false, false)
    case 0xA1B2_3C4D: (little, nanoseconds, kuznetzov) = (true, true, false)
    case 0x4D3C_B2A1: (little, nanoseconds, kuznetzov) = (false, true, false)
    case 0xA1B2_CD34: (little, nanoseconds, kuznetzov) = (true, false, true)
    case 0x34CD_B2A1: (little, nanoseconds, kuznetzov) = (false, false, true)
    default: return nil
    }
    func u32(_ at: Int) -> UInt32 {
      let b = data[at..<at + 4].map(UInt32.init)
      return little
        ? b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24 : b[3] | b[2] << 8 | b[1] << 16 | b[0] << 24
    }
    var file = File(linkType: Int(u32(20) & 0x03FF_FFFF))
    var at = 24
    let headerLength = kuznetzov ? 24 : 16
    while at < data.count {
      guard data.count - at >= headerLength else {
        file.endedEarly = "truncated packet header"
        break
      }
      let seconds = Int64(u32(at))
      let fraction = Int64(u32(at + 4))
      let captured = Int(u32(at + 8))
      let original = Int(u32(at + 12))
      at += headerLength
      guard captured <= maximumPacket else {
        file.endedEarly = "packet larger than \(maximumPacket) bytes"
        break
      }
      guard data.count - at >= captured else {
        file.endedEarly = "truncated packet"
        break
      }
      file.packets.append(
        Packet(
          bytes: Array(data[at..<at + captured]), originalLength: original,
          time: CaptureTime(
            seconds: seconds, microseconds: nanoseconds ? fraction / 1000 : fraction)))
      at += captured
    }
    return file
  }

  static func pcapng(_ data: [UInt8]) -> File? {
    guard data.count >= 28, data[0..<4] == [0x0A, 0x0D, 0x0D, 0x0A] else { return nil }
    let little: Bool
    switch Array(data[8..<12]) {
    case [0x4D, 0x3C, 0x2B, 0x1A]: little = true
    case [0x1A, 0x2B, 0x3C, 0x4D]: little = false
    default: return nil
    }
    func u32(_ at: Int) -> UInt32 {
      let b = data[at..<at + 4].map(UInt32.init)
      return little
        ? b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24 : b[3] | b[2] << 8 | b[1] << 16 | b[0] << 24
    }
    func u16(_ at: Int) -> UInt16 {
      little
        ? UInt16(data[at]) | UInt16(data[at + 1]) << 8
        : UInt16(data[at + 1]) | UInt16(data[at]) << 8
    }
    var file = File(linkType: -1)
    /// Each interface's link type and ticks per microsecond divisor.
    var interfaces: [(linkType: Int, divisor: Int64)] = []
    var at = 0
    while at < data.count {
      guard data.count - at >= 12 else {
        file.endedEarly = "truncated block header"
        break
      }
      let type = u32(at)
      let length = Int(u32(at + 4))
      guard length >= 12, length % 4 == 0, length <= data.count - at else {
        file.endedEarly = "bad block length \(length)"
        break
      }
      let body = at + 8
      let bodyEnd = at + length - 4
      switch type {
      case 0x0A0D_0D0A:
        interfaces = []
      case 1:
        guard bodyEnd - body >= 8 else { file.endedEarly = "short interface block"; break }
        let linkType = Int(u16(body))
        var divisor: Int64 = 1
        var option = body + 8
        while bodyEnd - option >= 4 {
          let code = u16(option)
          let size = Int(u16(option + 2))
          guard code != 0, bodyEnd - option - 4 >= size else { break }
          if code == 9, size >= 1 {
            let resolution = data[option + 4]
            if resolution & 0x80 == 0, resolution >= 6, resolution <= 9 {
              divisor = [1, 10, 100, 1000][Int(resolution) - 6]
            }
          }
          option += 4 + (size + 3) / 4 * 4
        }
        if file.linkType == -1 { file.linkType = linkType }
        guard linkType == file.linkType else {
          file.endedEarly = "an interface of another link type"
          break
        }
        interfaces.append((linkType, divisor))
      case 6, 3:
        let enhanced = type == 6
        let header = enhanced ? 20 : 4
        guard bodyEnd - body >= header else { file.endedEarly = "short packet block"; break }
        let interface = enhanced ? Int(u32(body)) : 0
        guard interface < interfaces.count else {
          file.endedEarly = "a packet of an unknown interface"
          break
        }
        let original = Int(u32(body + (enhanced ? 16 : 0)))
        let captured = enhanced ? Int(u32(body + 12)) : min(original, bodyEnd - body - 4)
        guard captured <= bodyEnd - body - header, captured <= maximumPacket else {
          file.endedEarly = "packet runs past its block"
          break
        }
        var time = CaptureTime(seconds: 0, microseconds: 0)
        if enhanced {
          let ticks = Int64(u32(body + 4)) << 32 | Int64(u32(body + 8))
          let perSecond = 1_000_000 * interfaces[interface].divisor
          time = CaptureTime(
            seconds: ticks / perSecond,
            microseconds: ticks % perSecond / interfaces[interface].divisor)
        }
        file.packets.append(
          Packet(
            bytes: Array(data[body + header..<body + header + captured]), originalLength: original,
            time: time))
      default:
        break
      }
      if file.endedEarly != nil { break }
      at += length
    }
    if file.linkType == -1 { return nil }
    return file
  }
}
