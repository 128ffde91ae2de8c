/// Something wrong with the bytes an access point sent: recorded, never fatal, never dropped.
public struct Anomaly: Sendable, Equatable, Hashable {
  public enum Kind: String, Sendable, Equatable, Hashable {
    /// An element's length runs past the end of the element list.
    case truncated
    /// An element is shorter than its layout's minimum, or stops inside a field.
    case tooShort = "too-short"
    /// An element is longer than its layout allows.
    case tooLong = "too-long"
    /// A count field promises more entries than the bytes left can hold, or zero.
    case badCount = "bad-count"
    /// An element that may appear once appears again (the first one is used).
    case duplicate
    /// Bytes left over after the last field of an element.
    case trailingBytes = "trailing-bytes"
    /// A field holds a value its layout does not allow.
    case badValue = "bad-value"
    /// Elements or fields that contradict each other or what the frame says, e.g. the
    /// Privacy bit clear beside an RSN element, or ciphers that are none.
    case contradiction
  }

  /// Byte offset within the element list (`ies` or `beacon_ies`).
  public var offset: Int
  /// The element's name, e.g. `RSN`, `WPS`.
  public var element: String
  public var kind: Kind
  /// One short phrase, e.g. "pairwise count 300 exceeds the 12 bytes left".
  public var detail: String

  public var description: String { "\(element) at byte \(offset): \(kind.rawValue): \(detail)" }
}

extension Anomaly {
  /// What a decoder's `cursor` still holds after the element's last field, as a
  /// `trailing-bytes` anomaly; nil when the element ended there.
  static func trailingBytes(_ cursor: ByteCursor, in element: String) -> Anomaly? {
    guard !cursor.isEmpty else { return nil }
    return Anomaly(
      offset: cursor.offset, element: element, kind: .trailingBytes,
      detail: "\(cursor.remaining) bytes after the last field")
  }
}
