/// A D-Bus value as read from a message: every basic type, and the containers (array, dict
/// entry, struct, variant) nested. The bus layer (WifiRiskIwd) fills it; everything that
/// interprets a reply works on it, so it can be tested from recorded replies without a bus.
public indirect enum BusValue: Sendable, Equatable {
  case byte(UInt8)
  case boolean(Bool)
  case int16(Int16)
  case uint16(UInt16)
  case int32(Int32)
  case uint32(UInt32)
  case int64(Int64)
  case uint64(UInt64)
  case double(Double)
  case string(String)
  case objectPath(String)
  case signature(String)
  /// A file descriptor (`h`): never kept.
  case unixFD
  case array([BusValue])
  /// One entry of a dictionary (`a{..}`), which is an array of them.
  case entry(key: BusValue, value: BusValue)
  case structure([BusValue])
  case variant(BusValue)

  /// A string, object path or signature (through any variant).
  public var text: String? {
    switch self {
    case .string(let text), .objectPath(let text), .signature(let text): text
    case .variant(let inner): inner.text
    default: nil
    }
  }

  /// Any integer type (through any variant).
  public var integer: Int? {
    switch self {
    case .byte(let value): Int(value)
    case .int16(let value): Int(value)
    case .uint16(let value): Int(value)
    case .int32(let value): Int(value)
    case .uint32(let value): Int(value)
    case .int64(let value): Int(value)
    case .uint64(let value): Int(exactly: value)
    case .variant(let inner): inner.integer
    default: nil
    }
  }

  public var boolean: Bool? {
    switch self {
    case .boolean(let value): value
    case .variant(let inner): inner.boolean
    default: nil
    }
  }

  /// A dictionary with string or object-path keys (`a{sv}`, `a{oa{sa{sv}}}`), through any
  /// variant; nil when this is not one. A repeated key keeps its first value.
  public var dictionary: [String: BusValue]? {
    switch self {
    case .variant(let inner): return inner.dictionary
    case .array(let items):
      var out: [String: BusValue] = [:]
      for item in items {
        guard case .entry(let key, let value) = item, let name = key.text else { return nil }
        if out[name] == nil { out[name] = value }
      }
      return out
    default: return nil
    }
  }
}
