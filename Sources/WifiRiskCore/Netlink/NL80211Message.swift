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
  /// (0 when there is none); blank lines and other comments are skipped.
  public static func parseHexDump(_ text: String) throws(NetlinkDecodeError) -> NL80211Message {
    var command: UInt8 = 0
    var bytes: [UInt8] = []
    var sawCommand = false
    for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let line = rawLine.filter { $0 != " " && $0 != "\t" && $0 != "\r" }
      if line.isEmpty { continue }
      if line.hasPrefix("#") {
        if !sawCommand, let range = line.firstRange(of: "cmd=") {
          let digits = line[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
          if let value = UInt8(digits) {
            command = value
            sawCommand = true
          }
        }
        continue
      }
      do {
        bytes += try Hex.decode(String(line))
      } catch {
        throw .badHex(line: number + 1)
      }
    }
    return NL80211Message(command: command, attributes: bytes)
  }
}
