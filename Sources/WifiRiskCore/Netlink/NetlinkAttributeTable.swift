/// The attributes of one list, looked up by number, with typed readers that check the payload
/// size. Like the kernel's and libnl's `nla_parse`, a repeated attribute's last copy wins;
/// `attributes` keeps all of them in order. Unknown numbers are kept, never an error.
///
/// Readers return `nil` when the attribute is absent and throw `.badPayloadSize` (with the
/// attribute's offset) when it is present with a payload of the wrong size.
public struct NetlinkAttributeTable<Key: NetlinkAttributeKey>: Sendable {
  public let attributes: [NetlinkAttribute]
  private let lastIndex: [UInt16: Int]

  public init(_ attributes: [NetlinkAttribute]) {
    self.attributes = attributes
    var lastIndex: [UInt16: Int] = [:]
    for (index, attribute) in attributes.enumerated() { lastIndex[attribute.type] = index }
    self.lastIndex = lastIndex
  }

  /// Walks `bytes` as a list of attributes.
  public init(parsing bytes: ArraySlice<UInt8>) throws(NetlinkDecodeError) {
    self.init(try NetlinkAttribute.parseAll(bytes))
  }

  public subscript(key: Key) -> NetlinkAttribute? {
    lastIndex[key.rawValue].map { attributes[$0] }
  }

  public func contains(_ key: Key) -> Bool { lastIndex[key.rawValue] != nil }

  public func u8(_ key: Key) throws(NetlinkDecodeError) -> UInt8? {
    try integer(key, size: 1).map { UInt8(truncatingIfNeeded: $0) }
  }

  public func u16(_ key: Key) throws(NetlinkDecodeError) -> UInt16? {
    try integer(key, size: 2).map { UInt16(truncatingIfNeeded: $0) }
  }

  public func u32(_ key: Key) throws(NetlinkDecodeError) -> UInt32? {
    try integer(key, size: 4).map { UInt32(truncatingIfNeeded: $0) }
  }

  public func u64(_ key: Key) throws(NetlinkDecodeError) -> UInt64? {
    try integer(key, size: 8)
  }

  /// A one-byte attribute read as two's complement (nl80211 sends dBm values this way).
  public func s8(_ key: Key) throws(NetlinkDecodeError) -> Int8? {
    try u8(key).map { Int8(bitPattern: $0) }
  }

  public func s32(_ key: Key) throws(NetlinkDecodeError) -> Int32? {
    try u32(key).map { Int32(bitPattern: $0) }
  }

  /// A flag attribute: present (with an empty payload) or absent.
  public func flag(_ key: Key) throws(NetlinkDecodeError) -> Bool {
    guard let attribute = self[key] else { return false }
    guard attribute.payload.isEmpty else {
      throw .badPayloadSize(
        attribute: key.attributeName, offset: attribute.offset, size: attribute.payload.count,
        expected: "0 (flag)")
    }
    return true
  }

  public func bytes(_ key: Key) -> [UInt8]? {
    self[key].map { Array($0.payload) }
  }

  public func mac(_ key: Key) throws(NetlinkDecodeError) -> MACAddress? {
    guard let attribute = self[key] else { return nil }
    guard let mac = MACAddress(bytes: attribute.payload) else {
      throw .badPayloadSize(
        attribute: key.attributeName, offset: attribute.offset, size: attribute.payload.count,
        expected: "6")
    }
    return mac
  }

  /// A string attribute (`NLA_NUL_STRING`): everything up to the first NUL, as UTF-8 with
  /// invalid sequences replaced.
  public func string(_ key: Key) -> String? {
    guard let attribute = self[key] else { return nil }
    let text = attribute.payload.prefix { $0 != 0 }
    return String(decoding: text, as: UTF8.self)
  }

  /// The attributes nested in `key`.
  public func nested<Inner: NetlinkAttributeKey>(_ key: Key, as _: Inner.Type)
    throws(NetlinkDecodeError) -> NetlinkAttributeTable<Inner>?
  {
    guard let attribute = self[key] else { return nil }
    return try NetlinkAttributeTable<Inner>(parsing: attribute.payload)
  }

  /// Fails with `.missingAttribute` when `value` is nil.
  public func required<T>(_ value: T?, _ key: Key) throws(NetlinkDecodeError) -> T {
    guard let value else {
      throw .missingAttribute(key.attributeName, container: Key.containerName)
    }
    return value
  }

  private func integer(_ key: Key, size: Int) throws(NetlinkDecodeError) -> UInt64? {
    guard let attribute = self[key] else { return nil }
    guard attribute.payload.count == size else {
      throw .badPayloadSize(
        attribute: key.attributeName, offset: attribute.offset, size: attribute.payload.count,
        expected: "\(size)")
    }
    return HostOrder.unsigned(attribute.payload, bigEndian: attribute.isNetworkByteOrder)
  }
}
