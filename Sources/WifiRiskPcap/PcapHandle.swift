import CPcap
import Glibc
import WifiRiskCore

// The owner of a libpcap savefile handle. Every libpcap call of WifiRiskPcap is in this file.
// libpcap is not linked: it is loaded when the first capture is opened (PcapLibrary.load), so
// commands that read no capture never map it.

/// Loading libpcap.
public enum PcapLibrary {
  /// Debian's libpcap0.8 (the soname of every libpcap 1.x), then an unversioned development
  /// link.
  public static let sonames = ["libpcap.so.0.8", "libpcap.so.1", "libpcap.so"]

  /// Loads libpcap from the first of `names` that opens, once per process; later calls
  /// return at once. The failure says what is missing and what to install.
  public static func load(_ names: [String] = sonames) -> Result<Void, CaptureError> {
    var reason = [CChar](repeating: 0, count: 1024)
    let copies = unsafe names.map { unsafe strdup($0) }
    defer { unsafe copies.forEach { unsafe free($0) } }
    let pointers = unsafe copies.map { unsafe UnsafePointer($0) }
    let status = unsafe pointers.withUnsafeBufferPointer { names in
      unsafe reason.withUnsafeMutableBufferPointer { buffer in
        unsafe cpcap_load(names.baseAddress, names.count, buffer.baseAddress, buffer.count)
      }
    }
    if status == 0 { return .success(()) }
    return .failure(
      .cannotOpen(PcapHandle.text(reason) + "; install Debian's libpcap0.8 to read captures"))
  }

  /// The soname loaded, once libpcap is loaded.
  public static var loadedName: String? {
    guard let name = unsafe cpcap_library_name() else { return nil }
    return unsafe String(cString: name)
  }
}

/// What libpcap says about one packet besides its bytes.
struct PcapPacket {
  /// How many bytes were read: the packet is the last `length` bytes of the buffer.
  var length: Int
  /// The packet's length on the air; more than the bytes read when the snapshot length cut it.
  var originalLength: Int
  var time: CaptureTime
}

/// What `PcapHandle.next(appendingTo:)` found.
enum PcapRead {
  case packet(PcapPacket)
  case end
  /// libpcap could not read the next packet (a truncated last packet, a damaged block);
  /// its message.
  case failed(String)
}

/// An open savefile (`pcap_t`), closed on deinit.
///
/// A class so that the thread that reads the packets can own it once the opening thread hands
/// it over; it is used by one thread at a time, never by two.
@safe
final class PcapHandle: @unchecked Sendable {
  let raw: OpaquePointer
  /// stdio's buffer for the file; it must outlive the FILE, so it is freed after pcap_close.
  let buffer: UnsafeMutableRawPointer?

  /// Bytes of stdio buffer behind the savefile. libpcap reads each packet with two `fread`
  /// calls; with stdio's default buffer (one page) a 100 MB capture costs some 25,000 `read`
  /// system calls, with 64 KiB about 1,500. Larger buffers measured slower: they no longer
  /// stay in the CPU's cache between the kernel's copy and libpcap's.
  static let bufferSize = 1 << 16

  /// Opens a pcap or pcapng file for reading; fails with the system's or libpcap's message.
  init(path: String) throws(CaptureError) {
    try PcapLibrary.load().get()
    guard let file = unsafe fopen(path, "rb") else {
      let reason = unsafe strerror(errno).map { unsafe String(cString: $0) } ?? "cannot open"
      throw .cannotOpen(reason)
    }
    // glibc ignores the size when it is not given the buffer. Without memory, or when
    // setvbuf fails, stdio keeps its own buffer, which only costs speed.
    var buffer = unsafe malloc(Self.bufferSize)
    if let given = unsafe buffer,
      unsafe setvbuf(file, given.assumingMemoryBound(to: CChar.self), _IOFBF, Self.bufferSize)
        != 0
    {
      unsafe free(given)
      unsafe buffer = nil
    }
    var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
    let handle = unsafe errorBuffer.withUnsafeMutableBufferPointer { buffer in
      unsafe cpcap_fopen_offline(file, buffer.baseAddress)
    }
    guard let handle = unsafe handle else {
      // libpcap closes nothing it did not open.
      _ = unsafe fclose(file)
      unsafe free(buffer)
      let message = Self.text(errorBuffer)
      throw .cannotOpen(
        Self.withoutPath(message.isEmpty ? "libpcap could not open it" : message, path))
    }
    // From here pcap_close closes the file.
    unsafe self.raw = handle
    unsafe self.buffer = buffer
  }

  deinit {
    unsafe cpcap_close(raw)
    unsafe free(buffer)
  }

  /// The capture's link-layer header type (DLT_* value).
  var linkType: Int { Int(unsafe cpcap_datalink(raw)) }

  /// libpcap's name and description of the link type: `EN10MB (Ethernet)`.
  var linkTypeName: String? {
    let value = unsafe cpcap_datalink(raw)
    guard let name = unsafe cpcap_datalink_val_to_name(value) else { return nil }
    let short = unsafe String(cString: name)
    guard let description = unsafe cpcap_datalink_val_to_description(value) else { return short }
    return "\(short) (\(unsafe String(cString: description)))"
  }

  /// Reads the next packet and appends its bytes to `bytes` at once (libpcap reuses its
  /// buffer on the next call).
  func next(appendingTo bytes: inout [UInt8]) -> PcapRead {
    var header: UnsafeMutablePointer<pcap_pkthdr>? = nil
    var data: UnsafePointer<UInt8>? = nil
    let status = unsafe cpcap_next_ex(raw, &header, &data)
    switch status {
    case 1:
      guard let header = unsafe header, let data = unsafe data else {
        return .failed("libpcap returned a packet without data")
      }
      let info = unsafe header.pointee
      let length = Int(info.caplen)
      unsafe bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: length))
      return .packet(
        PcapPacket(
          length: length, originalLength: Int(info.len),
          time: CaptureTime(
            seconds: Int64(info.ts.tv_sec), microseconds: Int64(info.ts.tv_usec))))
    case PCAP_ERROR_BREAK:
      return .end
    default:
      let message = unsafe cpcap_geterr(raw).map { unsafe String(cString: $0) } ?? ""
      return .failed(message.isEmpty ? "libpcap error \(status)" : message)
    }
  }

  static func text(_ buffer: [CChar]) -> String {
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
