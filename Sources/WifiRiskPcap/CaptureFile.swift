import WifiRiskCore

#if canImport(Glibc)
  import Glibc
#endif

/// Reading pcap and pcapng capture files (recorded on a monitor-mode interface) into the
/// scan model, through libpcap. The frames themselves are taken apart by WifiRiskCore's
/// `CaptureAssembler`; this type only moves bytes out of libpcap.
public enum CaptureFile {
  /// True when the first bytes are a pcap header (either byte order, micro- or nanosecond
  /// timestamps, or Kuznetzov's variant) or a pcapng Section Header Block.
  public static func looksLikeCapture(_ firstBytes: [UInt8]) -> Bool {
    CaptureFormat.looksLikeCapture(firstBytes)
  }

  /// Reads a whole capture file into a `ScanSnapshot` (source `pcap`), with counts and notes.
  ///
  /// A file libpcap cannot open is an error carrying libpcap's message, without the path
  /// (the caller names the file). A packet libpcap cannot read (a truncated last packet)
  /// ends the file early: what came before stands, `stats.truncatedEnd` is set and the notes
  /// say why.
  ///
  /// Two threads share the work: one reads packets out of libpcap into batches, the calling
  /// one takes them apart, so that reading the file and judging its frames overlap. At most
  /// `BatchQueue.capacity` batches wait between them, so memory stays flat whatever the
  /// file's size.
  public static func read(path: String) throws(CaptureError) -> CaptureResult {
    try read(path: path, onAThreadOfItsOwn: true)
  }

  /// `read(path:)`, reading on the calling thread when `onAThreadOfItsOwn` is false (as it
  /// does when no thread can be had).
  static func read(path: String, onAThreadOfItsOwn: Bool) throws(CaptureError) -> CaptureResult {
    let handle = try PcapHandle(path: path)
    var assembler = CaptureAssembler(
      linkType: LinkType(rawValue: handle.linkType), linkTypeName: handle.linkTypeName)
    func take(_ batch: PacketBatch) {
      for packet in batch.packets {
        assembler.add(
          batch.bytes[packet.start..<packet.start + packet.length],
          originalLength: packet.originalLength, time: packet.time)
      }
      if case .failed(let message) = batch.end {
        assembler.endEarly(PcapHandle.withoutPath(message, path))
      }
    }
    let queue = BatchQueue()
    if onAThreadOfItsOwn, ReadingThread.start({ readBatches(from: handle, handingTo: queue.put) }) {
      while true {
        let batch = queue.take()
        take(batch)
        if batch.end != nil { break }
      }
    } else {
      // No thread to be had (the process is at its limit): the same work on this one.
      readBatches(from: handle, handingTo: { take($0) })
    }
    return assembler.result()
  }

  /// Reads packets into batches until libpcap has no more, handing each full batch on; the
  /// last batch says why reading stopped.
  private static func readBatches(
    from handle: PcapHandle, handingTo deliver: (PacketBatch) -> Void
  ) {
    var batch = PacketBatch()
    while true {
      let start = batch.bytes.count
      switch handle.next(appendingTo: &batch.bytes) {
      case .packet(let packet):
        batch.packets.append(
          PacketBatch.Packet(
            start: start, length: packet.length, originalLength: packet.originalLength,
            time: packet.time))
        if batch.isFull {
          deliver(batch)
          batch = PacketBatch()
        }
      case .end:
        batch.end = .end
        deliver(batch)
        return
      case .failed(let message):
        batch.end = .failed(message)
        deliver(batch)
        return
      }
    }
  }
}

/// Packets read out of libpcap, their bytes one after another in one array.
struct PacketBatch: Sendable {
  struct Packet: Sendable {
    var start: Int
    var length: Int
    var originalLength: Int
    var time: CaptureTime
  }

  enum End: Sendable {
    case end
    case failed(String)
  }

  /// A batch is handed over once it holds this many packets or bytes.
  static let packetLimit = 1024
  static let byteLimit = 1 << 18

  var bytes: [UInt8] = []
  var packets: [Packet] = []
  /// Set on the last batch: the file's end, or why libpcap could not read on.
  var end: End?

  init() {
    bytes.reserveCapacity(Self.byteLimit + (1 << 16))
    packets.reserveCapacity(Self.packetLimit)
  }

  var isFull: Bool { packets.count >= Self.packetLimit || bytes.count >= Self.byteLimit }
}

/// Batches on their way from the reading thread to the assembling one, first in first out.
/// `put` waits while the queue is full, `take` while it is empty.
final class BatchQueue: @unchecked Sendable {
  /// Batches that may wait at once.
  static let capacity = 4

  // Every stored property is used under `condition`'s lock only.
  private let condition = Condition()
  private var batches: [PacketBatch] = []

  func put(_ batch: PacketBatch) {
    condition.lock()
    defer { condition.unlock() }
    while batches.count >= Self.capacity { condition.wait() }
    batches.append(batch)
    condition.broadcast()
  }

  func take() -> PacketBatch {
    condition.lock()
    defer { condition.unlock() }
    while batches.isEmpty { condition.wait() }
    let batch = batches.removeFirst()
    condition.broadcast()
    return batch
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

/// A mutex and its condition variable (POSIX threads), for `BatchQueue`. The two live in
/// memory of their own, which never moves while a thread waits on it.
@safe final class Condition: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let variable = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

  init() {
    unsafe pthread_mutex_init(mutex, nil)
    unsafe pthread_cond_init(variable, nil)
  }

  deinit {
    unsafe pthread_cond_destroy(variable)
    unsafe pthread_mutex_destroy(mutex)
    unsafe variable.deallocate()
    unsafe mutex.deallocate()
  }

  func lock() { unsafe pthread_mutex_lock(mutex) }
  func unlock() { unsafe pthread_mutex_unlock(mutex) }
  /// Waits for `broadcast`, with the lock held on entry and on return.
  func wait() { unsafe pthread_cond_wait(variable, mutex) }
  func broadcast() { unsafe pthread_cond_broadcast(variable) }
}
