/// Netlink attributes (`struct nlattr`, a type-length-value record) read from bytes.
///
/// Layout, from `linux/netlink.h`: a 4-byte header, `nla_len` (UInt16: header plus payload,
/// without padding) then `nla_type` (UInt16), both in the host's byte order, then the payload,
/// then padding up to the next multiple of `NLA_ALIGNTO` (4). The two top bits of `nla_type`
/// are flags (`NLA_F_NESTED`, `NLA_F_NET_BYTEORDER`); the rest is the attribute type.
///
/// Offsets are absolute: an attribute's `offset` is the index of its header in the buffer
/// the walked slice was cut from, so a nested attribute reports where it sits in the message.
public struct NetlinkAttribute: Sendable, Equatable {
  /// `NLA_HDRLEN`.
  public static let headerSize = 4
  /// `NLA_ALIGNTO`.
  public static let alignment = 4
  /// `NLA_F_NESTED`: the payload is itself a list of attributes (optional in netlink; nl80211
  /// leaves it off, so decoders know which attributes are nested without it).
  public static let nestedFlag: UInt16 = 0x8000
  /// `NLA_F_NET_BYTEORDER`: the integer payload is big-endian.
  public static let networkByteOrderFlag: UInt16 = 0x4000
  /// `NLA_TYPE_MASK`.
  public static let typeMask: UInt16 = ~(nestedFlag | networkByteOrderFlag)

  /// The attribute type with the flag bits stripped.
  public var type: UInt16
  public var isNested: Bool
  public var isNetworkByteOrder: Bool
  /// Index of the attribute's header in the underlying buffer.
  public var offset: Int
  /// The payload, without header or padding.
  public var payload: ArraySlice<UInt8>

  public init(
    type: UInt16, isNested: Bool = false, isNetworkByteOrder: Bool = false, offset: Int,
    payload: ArraySlice<UInt8>
  ) {
    self.type = type
    self.isNested = isNested
    self.isNetworkByteOrder = isNetworkByteOrder
    self.offset = offset
    self.payload = payload
  }

  /// Index of the first payload byte in the underlying buffer.
  public var payloadOffset: Int { payload.startIndex }

  /// Walks every attribute of `bytes`; throws at the first structural problem.
  public static func parseAll(_ bytes: ArraySlice<UInt8>) throws(NetlinkDecodeError)
    -> [NetlinkAttribute]
  {
    var reader = NetlinkAttributeReader(bytes)
    var out: [NetlinkAttribute] = []
    while let attribute = try reader.next() { out.append(attribute) }
    return out
  }

  /// The payload read as the attributes nested inside this one.
  public func nested() throws(NetlinkDecodeError) -> [NetlinkAttribute] {
    try NetlinkAttribute.parseAll(payload)
  }
}

/// A cursor over a list of netlink attributes that only moves forward. Each call to `next()`
/// checks the header and the length against the bytes left before slicing the payload.
public struct NetlinkAttributeReader: Sendable {
  private var remaining: ArraySlice<UInt8>

  public init(_ bytes: ArraySlice<UInt8>) { self.remaining = bytes }
  public init(_ bytes: [UInt8]) { self.remaining = bytes[...] }

  /// Index of the next header in the underlying buffer.
  public var offset: Int { remaining.startIndex }

  /// The next attribute, `nil` at the end, or an error for a header that does not fit.
  ///
  /// The padding after an attribute may be missing at the very end of the list (it is clamped
  /// to the bytes left); 1-3 stray bytes after the last attribute are a truncated header.
  public mutating func next() throws(NetlinkDecodeError) -> NetlinkAttribute? {
    guard !remaining.isEmpty else { return nil }
    let start = remaining.startIndex
    guard remaining.count >= NetlinkAttribute.headerSize else {
      throw .truncatedHeader(offset: start, remaining: remaining.count)
    }
    let length = Int(HostOrder.u16(remaining[start], remaining[start + 1]))
    let rawType = HostOrder.u16(remaining[start + 2], remaining[start + 3])
    guard length >= NetlinkAttribute.headerSize, length <= remaining.count else {
      throw .badLength(offset: start, length: length, remaining: remaining.count)
    }
    let payload = remaining[(start + NetlinkAttribute.headerSize)..<(start + length)]
    let padded = (length + NetlinkAttribute.alignment - 1) & ~(NetlinkAttribute.alignment - 1)
    remaining = remaining.dropFirst(min(padded, remaining.count))
    return NetlinkAttribute(
      type: rawType & NetlinkAttribute.typeMask,
      isNested: rawType & NetlinkAttribute.nestedFlag != 0,
      isNetworkByteOrder: rawType & NetlinkAttribute.networkByteOrderFlag != 0,
      offset: start,
      payload: payload
    )
  }
}

/// Integers in the byte order of the machine that built the message. Netlink messages never
/// leave the host, so the kernel writes them in native order; the recorded fixtures were made
/// on x86-64 (little-endian).
enum HostOrder {
  static func u16(_ b0: UInt8, _ b1: UInt8) -> UInt16 {
    let little = UInt16(b0) | UInt16(b1) << 8
    return UInt16(littleEndian: little)
  }

  /// Reads an unsigned integer of `payload.count` bytes (1, 2, 4 or 8).
  static func unsigned(_ payload: ArraySlice<UInt8>, bigEndian: Bool) -> UInt64 {
    var little: UInt64 = 0
    var big: UInt64 = 0
    var shift: UInt64 = 0
    for byte in payload {
      little |= UInt64(byte) << shift
      big = big << 8 | UInt64(byte)
      shift += 8
    }
    if bigEndian { return big }
    #if _endian(big)
      return big
    #else
      return little
    #endif
  }
}

/// Why netlink bytes could not be decoded, with the byte offset of the problem.
public enum NetlinkDecodeError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Fewer than 4 bytes left where an attribute header should start.
  case truncatedHeader(offset: Int, remaining: Int)
  /// `nla_len` is smaller than the header or runs past the bytes left.
  case badLength(offset: Int, length: Int, remaining: Int)
  /// A known attribute's payload has the wrong size for its type.
  case badPayloadSize(attribute: String, offset: Int, size: Int, expected: String)
  /// An attribute the decoder cannot do without is absent.
  case missingAttribute(String, container: String)
  /// A hex dump line is not hexadecimal.
  case badHex(line: Int)
  /// A netlink message too short for its netlink and generic netlink headers.
  case truncatedMessage(length: Int)

  public var description: String {
    switch self {
    case .truncatedHeader(let offset, let remaining):
      return "truncated attribute header at byte \(offset) (\(remaining) bytes left, need 4)"
    case .badLength(let offset, let length, let remaining):
      return "attribute at byte \(offset) claims \(length) bytes, \(remaining) left (minimum 4)"
    case .badPayloadSize(let attribute, let offset, let size, let expected):
      return "\(attribute) at byte \(offset) has a \(size)-byte payload, expected \(expected)"
    case .missingAttribute(let name, let container):
      return "\(container) has no \(name) attribute"
    case .badHex(let line):
      return "hex dump line \(line) is not hexadecimal"
    case .truncatedMessage(let length):
      return "a \(length)-byte netlink message is too short for its headers"
    }
  }
}
