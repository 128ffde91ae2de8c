/// A beacon or probe response: the two 802.11 management frames in which an access point
/// describes itself. Header: frame control 2, duration 2, addresses 1-3 (6 each), sequence
/// control 2, and an HT Control field of 4 when the frame control's +HTC bit is set; body:
/// timestamp 8, beacon interval 2, capability 2, then the element list.
public struct ManagementFrame: Sendable, Equatable {
  public enum Subtype: String, Sendable, Equatable {
    case beacon
    case probeResponse = "probe response"
  }

  public var subtype: Subtype
  /// Address 3: the BSSID.
  public var bssid: MACAddress
  /// The TSF timer value the AP put in the frame, in microseconds.
  public var timestamp: UInt64
  /// In time units (1024 µs).
  public var beaconInterval: UInt16
  public var capability: UInt16
  /// The element list, as sent.
  public var elements: ArraySlice<UInt8>

  static let headerLength = 24
  static let htControlLength = 4
  static let fixedFieldsLength = 12

  /// What the frame control field says the frame is, when it is a beacon or a probe response
  /// (protocol version 0, type 0, subtype 8 or 5); nil for every other frame.
  @inline(__always)
  public static func subtype(of frame: ArraySlice<UInt8>) -> Subtype? {
    guard let control = frame.first else { return nil }
    guard control & 0x03 == 0, (control >> 2) & 0x03 == 0 else { return nil }
    switch control >> 4 {
    case 8: return .beacon
    case 5: return .probeResponse
    default: return nil
    }
  }

  /// Decodes a beacon or probe response whose FCS, if it had one, is already removed.
  @inline(__always)
  public static func decode(_ frame: ArraySlice<UInt8>) throws(FrameProblem) -> ManagementFrame {
    guard let subtype = subtype(of: frame) else {
      throw .malformed("not a beacon or probe response")
    }
    guard frame.count >= 2 else {
      throw .malformed("\(subtype.rawValue) cut short in its frame control field")
    }
    let first = frame.startIndex
    let header = headerLength + (frame[first + 1] & 0x80 != 0 ? htControlLength : 0)
    guard frame.count >= header + fixedFieldsLength else {
      throw .malformed(
        "\(subtype.rawValue) of \(frame.count) bytes is shorter than its header and fixed "
          + "fields (\(header + fixedFieldsLength) bytes)")
    }
    // Frame control 2, duration 2, address 1 (destination) 6, address 2 (source) 6, then
    // address 3: the BSSID. The length check above covers every read below.
    let bssid = MACAddress(frame, at: first + 16)
    guard !bssid.isGroup else {
      throw .malformed("\(subtype.rawValue) with a group address (\(bssid)) as its BSSID")
    }
    let fixed = first + header  // after sequence control and HT control
    return ManagementFrame(
      subtype: subtype, bssid: bssid, timestamp: frame.u64LE(at: fixed),
      beaconInterval: frame.u16LE(at: fixed + 8), capability: frame.u16LE(at: fixed + 10),
      elements: frame[(fixed + fixedFieldsLength)...])
  }
}

/// The frame check sequence: CRC-32 with the Ethernet (IEEE 802.3) polynomial, reflected,
/// sent least significant byte first at the end of the frame.
public enum FrameCheck {
  /// Eight 256-entry tables, one after the other: table 0 is the byte-at-a-time table, and
  /// table k gives the CRC of a byte followed by k zero bytes. With them the CRC advances
  /// eight bytes per step ("slicing by 8"), which matters when every beacon of a large
  /// capture without radio flags is checked.
  static let tables: [UInt32] = {
    var tables = [UInt32](repeating: 0, count: 8 * 256)
    for index in 0..<256 {
      var value = UInt32(index)
      for _ in 0..<8 { value = value & 1 != 0 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
      tables[index] = value
    }
    for index in 0..<256 {
      for table in 1..<8 {
        let previous = tables[(table - 1) * 256 + index]
        tables[table * 256 + index] = tables[Int(previous & 0xFF)] ^ (previous >> 8)
      }
    }
    return tables
  }()

  public static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    let table = tables
    var crc: UInt32 = 0xFFFF_FFFF
    var index = bytes.startIndex
    while bytes.endIndex - index >= 8 {
      let low = crc ^ bytes.u32LE(at: index)
      let high = bytes.u32LE(at: index + 4)
      crc =
        table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int(low >> 8 & 0xFF)]
        ^ table[5 * 256 + Int(low >> 16 & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
        ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int(high >> 8 & 0xFF)]
        ^ table[256 + Int(high >> 16 & 0xFF)] ^ table[Int(high >> 24)]
      index += 8
    }
    while index < bytes.endIndex {
      crc = table[Int((crc ^ UInt32(bytes[index])) & 0xFF)] ^ (crc >> 8)
      index += 1
    }
    return crc ^ 0xFFFF_FFFF
  }

  /// True when the last 4 bytes of `frame` are the CRC-32 of the bytes before them.
  public static func hasValidFCS(_ frame: ArraySlice<UInt8>) -> Bool {
    guard frame.count >= 4 else { return false }
    var tail = ByteCursor(frame.suffix(4))
    return tail.readU32LE() == crc32(frame.dropLast(4))
  }
}

/// One packet of a capture, taken apart as far as wifirisk needs: link-layer header, FCS,
/// then the beacon or probe response inside.
public enum CapturedFrame {
  public enum Outcome: Sendable, Equatable {
    /// A beacon or probe response, with what the radio header said about its reception.
    case management(ManagementFrame, RadioInfo)
    /// A well-formed frame of another kind (data, control, other management frames).
    case ignored
  }

  /// `originalLength` is the packet's length on the air; a smaller `packet` was cut by the
  /// capture's snapshot length.
  ///
  /// The CRC is computed only for beacons and probe responses (the frames that are used);
  /// other frames count as bad only when the capture device flagged them.
  @inline(__always)
  public static func decode(
    _ packet: ArraySlice<UInt8>, originalLength: Int, linkType: LinkType
  ) throws(FrameProblem) -> Outcome {
    let link = try LinkLayer.decode(packet, linkType: linkType)
    if link.radio.fcsFailed {
      throw FrameProblem(.badFCS, "the capture device reported a failed FCS check")
    }
    let frame = link.frame
    guard frame.count >= 2 else {
      throw .malformed("802.11 frame of \(frame.count) bytes, too short for its frame control")
    }
    guard let subtype = ManagementFrame.subtype(of: frame) else { return .ignored }
    guard packet.count >= originalLength else {
      throw FrameProblem(
        .snapped,
        "\(subtype.rawValue) cut to \(packet.count) of \(originalLength) bytes by the "
          + "snapshot length")
    }

    var body = frame
    switch link.radio.fcsIncluded {
    case true?:
      guard frame.count >= 4 else {
        throw .malformed("\(subtype.rawValue) of \(frame.count) bytes, too short for its FCS")
      }
      guard FrameCheck.hasValidFCS(frame) else {
        throw FrameProblem(.badFCS, "\(subtype.rawValue) fails its FCS check")
      }
      body = frame.dropLast(4)
    case nil:
      // The header does not say whether an FCS is there: a valid one is removed (a random
      // match is a 1 in 2^32 chance), anything else is left as part of the elements.
      if frame.count >= ManagementFrame.headerLength + ManagementFrame.fixedFieldsLength + 4,
        FrameCheck.hasValidFCS(frame)
      {
        body = frame.dropLast(4)
      }
    case false?:
      break
    }
    return .management(try ManagementFrame.decode(body), link.radio)
  }
}
