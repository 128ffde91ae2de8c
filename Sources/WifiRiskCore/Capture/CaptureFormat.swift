/// Recognises packet capture files by their first bytes, before anything tries to open them.
public enum CaptureFormat {
  /// The magic numbers a capture file starts with, as the bytes appear in the file.
  static let magics: [[UInt8]] = [
    [0xD4, 0xC3, 0xB2, 0xA1],  // pcap, microseconds, little-endian
    [0xA1, 0xB2, 0xC3, 0xD4],  // pcap, microseconds, big-endian
    [0x4D, 0x3C, 0xB2, 0xA1],  // pcap, nanoseconds, little-endian
    [0xA1, 0xB2, 0x3C, 0x4D],  // pcap, nanoseconds, big-endian
    [0x34, 0xCD, 0xB2, 0xA1],  // Kuznetzov's modified pcap (libpcap reads it), little-endian
    [0xA1, 0xB2, 0xCD, 0x34],  // the same, big-endian
    [0x0A, 0x0D, 0x0D, 0x0A],  // pcapng: Section Header Block type (the same in both orders)
  ]

  /// True when `firstBytes` start with a pcap or pcapng file header's magic number. Needs
  /// only the first four bytes; fewer is never a capture.
  public static func looksLikeCapture(_ firstBytes: [UInt8]) -> Bool {
    guard firstBytes.count >= 4 else { return false }
    let head = Array(firstBytes.prefix(4))
    return magics.contains(head)
  }
}
