/// Where the parts of an event sit in a Wireless Extensions event stream (the bytes
/// `SIOCGIWSCAN` returns).
///
/// Each event starts with a packed 4-byte header, `len` (u16, the whole event) and `cmd`
/// (u16). The kernel then writes the fixed payload at the offset it has in `struct iw_event`,
/// after the padding that `union iwreq_data`'s alignment puts behind the header
/// (`IW_EV_LCP_LEN`): 8 bytes on a 64-bit kernel, 4 for a 32-bit reader (a 32-bit kernel, or
/// a 32-bit process on a 64-bit kernel, which gets the compat layout). A "point" event
/// (`struct iw_point`: ESSID, encoding, generic IEs, custom text) carries no pointer in the
/// stream since WE-19: its `length` and `flags` stand at the payload offset, and its data
/// follows at `IW_EV_POINT_LEN` (16 bytes on 64-bit, 8 on 32-bit). Values are in the host's
/// byte order. Streams of kernels before WE-19 (2.6.18 and older) are not supported.
public struct WextStreamLayout: Sendable, Equatable, CustomStringConvertible {
  /// Bytes from the start of an event to its fixed payload (`IW_EV_LCP_LEN`).
  public var payloadOffset: Int
  /// Bytes from the start of a point event to its data (`IW_EV_POINT_LEN`).
  public var pointDataOffset: Int
  public var bigEndian: Bool

  public init(payloadOffset: Int, pointDataOffset: Int, bigEndian: Bool = false) {
    self.payloadOffset = payloadOffset
    self.pointDataOffset = pointDataOffset
    self.bigEndian = bigEndian
  }

  /// A 64-bit little-endian reader, x86_64 and arm64: header 4 + padding 4, point data at 16.
  public static let lp64 = WextStreamLayout(payloadOffset: 8, pointDataOffset: 16)
  /// A 32-bit little-endian reader (or the compat layout): payload at 4, point data at 8.
  public static let ilp32 = WextStreamLayout(payloadOffset: 4, pointDataOffset: 8)

  /// The layout the kernel uses for a reader with this process's word size and byte order.
  public static var native: WextStreamLayout {
    var layout = MemoryLayout<Int>.size == 8 ? lp64 : ilp32
    layout.bigEndian = 1.bigEndian == 1
    return layout
  }

  public var description: String {
    "payload at \(payloadOffset), point data at \(pointDataOffset), "
      + (bigEndian ? "big-endian" : "little-endian")
  }
}

/// One event of a Wireless Extensions stream.
public struct WextEvent: Sendable, Equatable {
  /// Byte offset of the event's header in the stream.
  public var offset: Int
  public var command: WextCommand
  public var value: WextValue
}

/// The payload of an event, decoded by the shape its command has.
public enum WextValue: Sendable, Equatable {
  /// `struct sockaddr`: the family and the 14 address bytes (a BSSID is the first six).
  case address(family: UInt16, data: [UInt8])
  case frequency(WextFrequency)
  case integer(UInt32)
  case quality(WextQuality)
  /// One or more `struct iw_param` (bit rates come several to an event).
  case parameters([WextParameter])
  /// `struct iw_point`: the length the event declares, its flags and the data present.
  case point(length: UInt16, flags: UInt16, data: [UInt8])
  /// `char[16]` (`SIOCGIWNAME`).
  case text([UInt8])
  /// An unknown command, or a payload too short for its shape: the bytes after the header.
  case raw([UInt8])
}

/// `struct iw_freq`: a frequency `m`·10^`e` Hz, or a channel number when `e` is 0.
public struct WextFrequency: Sendable, Equatable {
  public var mantissa: Int32
  public var exponent: Int16
  /// `i`: the index in the interface's frequency list, when it is one.
  public var index: UInt8
  public var flags: UInt8

  public init(mantissa: Int32, exponent: Int16, index: UInt8 = 0, flags: UInt8 = 0) {
    self.mantissa = mantissa
    self.exponent = exponent
    self.index = index
    self.flags = flags
  }

  /// The channel number, when the value is one (`e` == 0 and `m` < 1000, libiw's rule).
  public var channel: Int? {
    exponent == 0 && (0..<1000).contains(mantissa) ? Int(mantissa) : nil
  }

  /// The frequency in MHz (`m`·10^`e` / 10^6, rounded down), when the value is a frequency
  /// that makes sense (positive, below 1 THz).
  public var megahertz: Int? {
    guard channel == nil, mantissa > 0 else { return nil }
    let m = Int(mantissa)
    let shift = Int(exponent) - 6
    let value: Int
    if shift >= 0 {
      guard shift <= 9 else { return nil }  // m < 2^31, so m·10^9 still fits in Int64
      value = m * WextFrequency.powerOfTen(shift)
    } else {
      guard -shift <= 18 else { return nil }
      value = m / WextFrequency.powerOfTen(-shift)
    }
    return (1..<1_000_000).contains(value) ? value : nil
  }

  private static func powerOfTen(_ n: Int) -> Int {
    var out = 1
    for _ in 0..<n { out *= 10 }
    return out
  }
}

/// `struct iw_quality`.
public struct WextQuality: Sendable, Equatable {
  public var quality: UInt8
  public var level: UInt8
  public var noise: UInt8
  /// `IW_QUAL_*` flags: which values are valid and in which unit.
  public var updated: UInt8

  /// The signal level in mBm, when the driver reports it in dBm (`IW_QUAL_DBM`: the byte is
  /// a signed dBm value, read as libiw does: 64 and above wrap to negative) or as RCPI
  /// (`IW_QUAL_RCPI`: dBm = RCPI/2 − 110). Nil for a relative level or an invalid one.
  public var levelMBm: Int? {
    guard updated & WextFlags.qualityLevelInvalid == 0 else { return nil }
    if updated & WextFlags.qualityRCPI != 0 { return Int(level) * 50 - 11_000 }
    if updated & WextFlags.qualityDBm != 0 {
      let dBm = level >= 64 ? Int(level) - 256 : Int(level)
      return dBm * 100
    }
    return nil
  }
}

/// `struct iw_param`.
public struct WextParameter: Sendable, Equatable {
  public var value: Int32
  public var fixed: UInt8 = 0
  public var disabled: UInt8 = 0
  public var flags: UInt16 = 0
}

/// Something wrong in a Wireless Extensions stream: recorded with its byte offset, never
/// fatal.
public struct WextStreamIssue: Sendable, Equatable, CustomStringConvertible {
  public var offset: Int
  /// The event's command name, or "stream".
  public var event: String
  public var detail: String

  public var description: String { "\(event) at byte \(offset): \(detail)" }
}

/// Splits a Wireless Extensions event stream into events.
///
/// Never traps and never loops: an event must be at least as long as its header, and one
/// whose length runs past the end stops the walk (both recorded). A payload shorter than
/// its shape, or a point event whose declared length disagrees with the bytes it carries,
/// is recorded and kept as far as it goes.
public enum WextEventWalker {
  /// The 4-byte `len` + `cmd` header (`IW_EV_LCP_PK_LEN`).
  public static let headerLength = 4

  public static func walk(_ bytes: [UInt8], layout: WextStreamLayout = .lp64) -> (
    events: [WextEvent], issues: [WextStreamIssue]
  ) {
    var events: [WextEvent] = []
    var issues: [WextStreamIssue] = []
    var offset = 0
    while offset < bytes.count {
      let left = bytes.count - offset
      guard left >= headerLength else {
        issues.append(
          WextStreamIssue(
            offset: offset, event: "stream",
            detail: "\(left) trailing byte\(left == 1 ? "" : "s"), too few for an event header"))
        break
      }
      let reader = WextReader(bytes: bytes[offset..<bytes.count], bigEndian: layout.bigEndian)
      let length = Int(reader.u16(at: 0))
      let command = WextCommand(rawValue: reader.u16(at: 2))
      guard length >= headerLength else {
        issues.append(
          WextStreamIssue(
            offset: offset, event: command.description,
            detail: "length \(length) is shorter than the 4-byte event header; "
              + "the rest of the stream (\(left) bytes) cannot be read"))
        break
      }
      guard length <= left else {
        issues.append(
          WextStreamIssue(
            offset: offset, event: command.description,
            detail: "length \(length) runs past the end (\(left) bytes left)"))
        break
      }
      let event = bytes[offset..<offset + length]
      let (value, eventIssues) = decode(command, event, layout: layout)
      events.append(WextEvent(offset: offset, command: command, value: value))
      issues += eventIssues
      offset += length
    }
    return (events, issues)
  }

  /// Decodes one event (its bytes from the header on).
  static func decode(
    _ command: WextCommand, _ event: ArraySlice<UInt8>, layout: WextStreamLayout
  ) -> (WextValue, [WextStreamIssue]) {
    let start = event.startIndex
    guard let kind = command.payloadKind else {
      return (.raw(Array(event.dropFirst(headerLength))), [])
    }

    func issue(_ detail: String, at offset: Int = start) -> WextStreamIssue {
      WextStreamIssue(offset: offset, event: command.description, detail: detail)
    }
    let payloadStart = start + layout.payloadOffset
    guard event.count >= layout.payloadOffset + kind.size else {
      return (
        .raw(Array(event.dropFirst(headerLength))),
        [
          issue(
            "length \(event.count) is too short for its payload "
              + "(\(layout.payloadOffset + kind.size) bytes)")
        ]
      )
    }
    let reader = WextReader(bytes: event, bigEndian: layout.bigEndian)
    let at = layout.payloadOffset

    switch kind {
    case .point:
      let declared = reader.u16(at: at)
      let flags = reader.u16(at: at + 2)
      let dataStart = min(start + layout.pointDataOffset, event.endIndex)
      let present = event[dataStart..<event.endIndex]
      var issues: [WextStreamIssue] = []
      if start + layout.pointDataOffset > event.endIndex {
        issues.append(
          issue("length \(event.count) ends before the data offset \(layout.pointDataOffset)"))
      }
      if Int(declared) > present.count {
        issues.append(
          issue("declares \(declared) data bytes, \(present.count) present", at: dataStart))
        return (.point(length: declared, flags: flags, data: Array(present)), issues)
      }
      if Int(declared) < present.count {
        issues.append(
          issue(
            "\(present.count - Int(declared)) bytes after the \(declared) declared data bytes",
            at: dataStart + Int(declared)))
      }
      return (
        .point(length: declared, flags: flags, data: Array(present.prefix(Int(declared)))), issues
      )

    case .parameter:
      let area = event.count - at
      let count = area / kind.size
      var values: [WextParameter] = []
      for index in 0..<count {
        let base = at + index * kind.size
        values.append(
          WextParameter(
            value: Int32(bitPattern: reader.u32(at: base)), fixed: reader.u8(at: base + 4),
            disabled: reader.u8(at: base + 5), flags: reader.u16(at: base + 6)))
      }
      let rest = area - count * kind.size
      let issues =
        rest == 0
        ? [] : [issue("\(rest) trailing bytes after \(count) values", at: event.endIndex - rest)]
      return (.parameters(values), issues)

    case .text, .integer, .frequency, .address, .quality:
      let extra = event.count - at - kind.size
      let issues =
        extra == 0 ? [] : [issue("\(extra) bytes after the payload", at: payloadStart + kind.size)]
      let value: WextValue
      switch kind {
      case .text:
        value = .text(Array(event[payloadStart..<payloadStart + kind.size]))
      case .integer:
        value = .integer(reader.u32(at: at))
      case .frequency:
        value = .frequency(
          WextFrequency(
            mantissa: Int32(bitPattern: reader.u32(at: at)),
            exponent: Int16(bitPattern: reader.u16(at: at + 4)), index: reader.u8(at: at + 6),
            flags: reader.u8(at: at + 7)))
      case .address:
        value = .address(
          family: reader.u16(at: at), data: Array(event[payloadStart + 2..<payloadStart + 16]))
      default:
        value = .quality(
          WextQuality(
            quality: reader.u8(at: at), level: reader.u8(at: at + 1),
            noise: reader.u8(at: at + 2), updated: reader.u8(at: at + 3)))
      }
      return (value, issues)
    }
  }
}

/// Reads fixed-size integers at offsets relative to the start of a slice whose length the
/// caller has checked.
struct WextReader {
  let bytes: ArraySlice<UInt8>
  let bigEndian: Bool

  func u8(at offset: Int) -> UInt8 { bytes[bytes.startIndex + offset] }

  func u16(at offset: Int) -> UInt16 {
    let a = UInt16(u8(at: offset))
    let b = UInt16(u8(at: offset + 1))
    return bigEndian ? a << 8 | b : b << 8 | a
  }

  func u32(at offset: Int) -> UInt32 {
    let a = UInt32(u16(at: offset))
    let b = UInt32(u16(at: offset + 2))
    return bigEndian ? a << 16 | b : b << 16 | a
  }
}
