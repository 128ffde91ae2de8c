import CPcap
import WifiRiskCore

// The owner of a libpcap savefile handle. Every libpcap call of WifiRiskPcap is in this file.

/// One packet as libpcap read it, copied out of libpcap's buffer.
struct PcapPacket {
  var bytes: [UInt8]
  /// The packet's length on the air; more than `bytes.count` when the snapshot length cut it.
  var originalLength: Int
  var time: CaptureTime
}

/// What `PcapHandle.next()` found.
enum PcapRead {
  case packet(PcapPacket)
  case end
  /// libpcap could not read the next packet (a truncated last packet, a damaged block);
  /// its message.
  case failed(String)
}

/// An open savefile (`pcap_t`), closed on deinit.
@safe
struct PcapHandle: ~Copyable {
  let raw: OpaquePointer

  /// Opens a pcap or pcapng file for reading; fails with libpcap's message.
  init(path: String) throws(CaptureError) {
    var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
    let handle = unsafe errorBuffer.withUnsafeMutableBufferPointer { buffer in
      unsafe pcap_open_offline(path, buffer.baseAddress)
    }
    guard let handle = unsafe handle else {
      let message = Self.text(errorBuffer)
      throw .cannotOpen(
        Self.withoutPath(message.isEmpty ? "libpcap could not open it" : message, path))
    }
    unsafe self.raw = handle
  }

  deinit { unsafe pcap_close(raw) }

  /// The capture's link-layer header type (DLT_* value).
  var linkType: Int { Int(unsafe pcap_datalink(raw)) }

  /// libpcap's name and description of the link type: `EN10MB (Ethernet)`.
  var linkTypeName: String? {
    let value = unsafe pcap_datalink(raw)
    guard let name = unsafe pcap_datalink_val_to_name(value) else { return nil }
    let short = unsafe String(cString: name)
    guard let description = unsafe pcap_datalink_val_to_description(value) else { return short }
    return "\(short) (\(unsafe String(cString: description)))"
  }

  /// The next packet, with its bytes copied out at once: libpcap reuses its buffer on the
  /// next call.
  func next() -> PcapRead {
    var header: UnsafeMutablePointer<pcap_pkthdr>? = nil
    var data: UnsafePointer<UInt8>? = nil
    let status = unsafe pcap_next_ex(raw, &header, &data)
    switch status {
    case 1:
      guard let header = unsafe header, let data = unsafe data else {
        return .failed("libpcap returned a packet without data")
      }
      let info = unsafe header.pointee
      let bytes = unsafe Array(UnsafeBufferPointer(start: data, count: Int(info.caplen)))
      return .packet(
        PcapPacket(
          bytes: bytes, originalLength: Int(info.len),
          time: CaptureTime(
            seconds: Int64(info.ts.tv_sec), microseconds: Int64(info.ts.tv_usec))))
    case PCAP_ERROR_BREAK:
      return .end
    default:
      let message = unsafe pcap_geterr(raw).map { unsafe String(cString: $0) } ?? ""
      return .failed(message.isEmpty ? "libpcap error \(status)" : message)
    }
  }

  private static func text(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// libpcap starts some messages with the file's path (`PATH: No such file or directory`);
  /// the caller names the file itself, so the prefix goes.
  static func withoutPath(_ message: String, _ path: String) -> String {
    let prefix = path + ": "
    return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
  }
}
