/// A 48-bit IEEE MAC address (a BSSID, an interface address).
///
/// Stored as one integer, first byte most significant, so that hashing and comparing an
/// address (once per captured frame, when a capture is reviewed) costs no allocation and
/// orders addresses the way their text sorts.
public struct MACAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The six bytes, big-endian, in the low 48 bits.
  private let value: UInt64

  /// Takes exactly six bytes; anything else is not an address.
  public init?<C: Collection>(bytes: C) where C.Element == UInt8 {
    guard bytes.count == 6 else { return nil }
    var value: UInt64 = 0
    for byte in bytes { value = value << 8 | UInt64(byte) }
    self.value = value
  }

  /// The six bytes of `bytes` from index `start`, which the caller has checked are there
  /// (a frame's address field, read once per captured frame).
  @inline(__always)
  init(_ bytes: ArraySlice<UInt8>, at start: Int) {
    var value: UInt64 = 0
    for index in start..<start + 6 { value = value << 8 | UInt64(bytes[index]) }
    self.value = value
  }

  /// Parses `aa:bb:cc:dd:ee:ff` (or with `-`), case-insensitive.
  public init?(_ text: String) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    let pieces =
      parts.count == 6 ? parts : text.split(separator: "-", omittingEmptySubsequences: false)
    guard pieces.count == 6 else { return nil }
    var value: UInt64 = 0
    for piece in pieces {
      guard piece.count == 2, piece.allSatisfy(\.isHexDigit),
        let byte = UInt8(piece, radix: 16)
      else { return nil }
      value = value << 8 | UInt64(byte)
    }
    self.value = value
  }

  /// The address as one integer: the six bytes big-endian in the low 48 bits.
  var packed: UInt64 { value }
  /// A value no address packs to (it has bits above the 48th).
  static let none = UInt64.max

  /// The six bytes, in the order they are sent.
  public var bytes: [UInt8] { (0..<6).map { byte($0) } }

  /// Byte `index` (0 to 5) in the order it is sent.
  public func byte(_ index: Int) -> UInt8 {
    precondition((0..<6).contains(index), "a MAC address has six bytes")
    return UInt8(truncatingIfNeeded: value >> UInt64(8 * (5 - index)))
  }

  /// Lower-case, colon-separated: `02:00:00:00:02:00`.
  public var description: String {
    bytes.map { Hex.byte($0) }.joined(separator: ":")
  }

  /// The first three bytes: the vendor's OUI, unless the address is locally administered.
  public var oui: [UInt8] { [byte(0), byte(1), byte(2)] }
  /// The locally-administered bit: set on randomised and virtual addresses.
  public var isLocallyAdministered: Bool { byte(0) & 0x02 != 0 }
  /// The group bit: set on multicast and broadcast addresses, never on a BSSID.
  public var isGroup: Bool { byte(0) & 0x01 != 0 }

  public static func < (lhs: MACAddress, rhs: MACAddress) -> Bool { lhs.value < rhs.value }
}

/// How two BSSIDs can tell that one device serves both. A router or mesh node that serves
/// several networks (a band each, a guest network, a smart-home network) gives each BSS an
/// address of its own, made from the same base address.
public enum SiblingAddress: Sendable, Equatable {
  /// The same vendor prefix and a small distance between the last three bytes: addresses
  /// handed out one after another to the radios and networks of one device.
  case neighbour(distance: Int)
  /// One or both are locally administered and the four middle bytes are the same, the last
  /// close: the base address with the local bit (and perhaps an index) set in the first
  /// byte, as routers make the addresses of their guest and extra networks.
  case localVariant

  /// How far apart (in the last three bytes) neighbouring addresses of one device are at
  /// most. Addresses of different devices of one vendor are almost never this close.
  public static let neighbourhood = 32

  /// The relation between `a` and `b`, or nil when their addresses tell nothing.
  public static func between(_ a: MACAddress, _ b: MACAddress) -> SiblingAddress? {
    guard a != b else { return nil }
    let low = { (address: MACAddress) in Int(address.packed & 0xFF_FFFF) }
    if a.oui == b.oui {
      let distance = abs(low(a) - low(b))
      if distance <= neighbourhood { return .neighbour(distance: distance) }
    }
    if a.isLocallyAdministered || b.isLocallyAdministered,
      (1...4).allSatisfy({ a.byte($0) == b.byte($0) }),
      abs(Int(a.byte(5)) - Int(b.byte(5))) <= neighbourhood
    {
      return .localVariant
    }
    return nil
  }
}
