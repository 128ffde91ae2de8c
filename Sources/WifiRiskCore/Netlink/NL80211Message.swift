/// One nl80211 reply or event as the kernel sent it: the generic netlink command byte and the
/// attribute bytes that follow the generic netlink header (headers themselves stripped).
/// WifiRiskNetlink copies these out of libnl; the decoders and the recorded fixtures use them.
public struct NL80211Message: Sendable, Equatable {
  /// The `cmd` byte of `struct genlmsghdr`.
  public var command: UInt8
  /// The attribute list, exactly as received.
  public var attributes: [UInt8]

  public init(command: UInt8, attributes: [UInt8]) {
    self.command = command
    self.attributes = attributes
  }

  public var knownCommand: NL80211.Command? { NL80211.Command(rawValue: command) }

  /// The top-level attributes.
  public func table() throws(NetlinkDecodeError) -> NetlinkAttributeTable<NL80211.Attribute> {
    try NetlinkAttributeTable(parsing: attributes[...])
  }

  // MARK: hex dump files

  /// The text of a hex dump file: `#` comment lines (the first names the command), then the
  /// attribute bytes as lower-case hex, 32 bytes a line. `note` becomes one more comment line.
  public func hexDump(note: String? = nil) -> String {
    let name = knownCommand.map { " (\($0))" } ?? ""
    var text = "# nl80211 cmd=\(command)\(name) attribute-bytes=\(attributes.count)\n"
    if let note {
      for line in note.split(separator: "\n") { text += "# \(line)\n" }
    }
    var index = 0
    while index < attributes.count {
      let end = min(index + 32, attributes.count)
      text += Hex.encode(attributes[index..<end]) + "\n"
      index = end
    }
    return text
  }

  /// Reads a hex dump file back. The command comes from the first `# nl80211 cmd=N` comment
  /// (0 when there is none); blank lines and other comments are skipped. Lines are read as
  /// bytes, split at each line feed, so CRLF line ends read like LF ones (in Swift's
  /// characters `\r\n` is one character, which a split on `"\n"` does not cut).
  public static func parseHexDump(_ text: String) throws(NetlinkDecodeError) -> NL80211Message {
    var command: UInt8 = 0
    var bytes: [UInt8] = []
    var sawCommand = false
    for (number, rawLine) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
      .enumerated()
    {
      let line = rawLine.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
      guard let first = line.first else { continue }
      if first == UInt8(ascii: "#") {
        if !sawCommand, let value = commandNumber(line) {
          command = value
          sawCommand = true
        }
        continue
      }
      do {
        bytes += try Hex.decode(utf8: line)
      } catch {
        throw .badHex(line: number + 1)
      }
    }
    return NL80211Message(command: command, attributes: bytes)
  }

  /// The number after the first `cmd=` of a comment line (spaces already removed).
  private static func commandNumber(_ line: [UInt8]) -> UInt8? {
    let key = Array("cmd=".utf8)
    guard line.count >= key.count,
      let start = (0...line.count - key.count).first(where: {
        line[$0..<$0 + key.count].elementsEqual(key)
      })
    else { return nil }
    let digits = line[(start + key.count)...].prefix { $0 >= 0x30 && $0 <= 0x39 }
    return UInt8(String(decoding: digits, as: UTF8.self))
  }
}
