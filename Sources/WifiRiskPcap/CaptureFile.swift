import WifiRiskCore

/// Reading pcap and pcapng capture files (recorded on a monitor-mode interface) into the
/// scan model, through libpcap. The frames themselves are taken apart by WifiRiskCore's
/// `CaptureAssembler`; this type only moves bytes out of libpcap.
public enum CaptureFile {
  /// True when the first bytes are a pcap header (either byte order, micro- or nanosecond
  /// timestamps, or Kuznetzov's variant) or a pcapng Section Header Block.
  public static func looksLikeCapture(_ firstBytes: [UInt8]) -> Bool {
    CaptureFormat.looksLikeCapture(firstBytes)
  }

  /// Reads a whole capture file into a `ScanCapture` (source `pcap`), with counts and notes.
  ///
  /// A file libpcap cannot open is an error carrying libpcap's message, without the path
  /// (the caller names the file). A packet libpcap cannot read (a truncated last packet)
  /// ends the file early: what came before stands, `stats.truncatedEnd` is set and the notes
  /// say why.
  public static func read(path: String) throws(CaptureError) -> CaptureResult {
    let handle = try PcapHandle(path: path)
    var assembler = CaptureAssembler(
      linkType: LinkType(rawValue: handle.linkType), linkTypeName: handle.linkTypeName)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(4096)
    reading: while true {
      switch handle.next(into: &bytes) {
      case .packet(let packet):
        assembler.add(
          bytes[..<packet.length], originalLength: packet.originalLength, time: packet.time)
      case .end:
        break reading
      case .failed(let message):
        assembler.endEarly(PcapHandle.withoutPath(message, path))
        break reading
      }
    }
    return assembler.result()
  }
}

/// Why a capture file could not be read. `description` is one line without the file's path.
public enum CaptureError: Error, Equatable, Sendable, CustomStringConvertible {
  /// libpcap could not open the file: its message (`unknown file format`, `truncated dump
  /// file; tried to read 24 file header bytes, only got 10`, `No such file or directory`).
  case cannotOpen(String)

  public var description: String {
    switch self {
    case .cannotOpen(let message): "cannot read the capture: \(message)"
    }
  }
}
