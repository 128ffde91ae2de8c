/// A 48-bit IEEE MAC address (a BSSID, an interface address).
public struct MACAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let bytes: [UInt8]

  /// Takes exactly six bytes; anything else is not an address.
  public init?<C: Collection>(bytes: C) where C.Element == UInt8 {
    guard bytes.count == 6 else { return nil }
    self.bytes = Array(bytes)
  }

  /// Parses `aa:bb:cc:dd:ee:ff` (or with `-`), case-insensitive.
  public init?(_ text: String) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    let pieces =
      parts.count == 6 ? parts : text.split(separator: "-", omittingEmptySubsequences: false)
    guard pieces.count == 6 else { return nil }
    var out: [UInt8] = []
    for piece in pieces {
      guard piece.count == 2, piece.allSatisfy(\.isHexDigit),
        let byte = UInt8(piece, radix: 16)
      else { return nil }
      out.append(byte)
    }
    self.bytes = out
  }

  /// Lower-case, colon-separated: `02:00:00:00:02:00`.
  public var description: String {
    bytes.map { Hex.byte($0) }.joined(separator: ":")
  }

  /// The first three bytes: the vendor's OUI, unless the address is locally administered.
  public var oui: [UInt8] { Array(bytes.prefix(3)) }
  /// The locally-administered bit: set on randomised and virtual addresses.
  public var isLocallyAdministered: Bool { bytes[0] & 0x02 != 0 }

  public static func < (lhs: MACAddress, rhs: MACAddress) -> Bool {
    lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
  }
}
