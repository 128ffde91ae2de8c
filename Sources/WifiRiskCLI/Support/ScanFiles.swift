import Foundation
import WifiRiskCore
import WifiRiskPcap

/// Reads saved scans from files. The format is told from the content, never the name.
enum ScanFiles {
  /// A file larger than this is refused before it is read (fixtures are a few hundred KiB).
  static let maximumFixtureSize = 64 << 20

  /// A saved scan and what the reader noticed about it (skipped frames, iw's gaps).
  struct Loaded {
    var capture: ScanSnapshot
    var notes: [String]
  }

  /// Reads a scan fixture (JSON), a pcap or pcapng capture, or the text `iw dev IF scan`
  /// prints, told apart by their first bytes.
  static func read(_ path: String) throws(CommandFailure) -> Loaded {
    let head = try readBytes(path, limit: nil, prefix: 64)
    if CaptureFile.looksLikeCapture(head) {
      // Captures are streamed by libpcap, whatever their size.
      do {
        let result = try CaptureFile.read(path: path)
        return Loaded(capture: result.capture, notes: result.notes)
      } catch {
        throw CommandFailure(message: "\(path): \(error)")
      }
    }
    let bytes = try readBytes(path, limit: maximumFixtureSize)
    let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    if first == UInt8(ascii: "{") {
      do {
        return Loaded(capture: try Fixture.decode(bytes), notes: [])
      } catch {
        throw CommandFailure(message: "\(path): \(error)")
      }
    }
    if IwScanText.looksLikeIwScan(bytes) {
      do {
        let result = try IwScanText.parse(bytes)
        return Loaded(capture: result.capture, notes: result.notes)
      } catch {
        throw CommandFailure(message: "\(path): \(error)")
      }
    }
    let what = bytes.isEmpty ? "the file is empty" : "unrecognised content"
    throw CommandFailure(
      message:
        "\(path): \(what): not a scan fixture (JSON), a pcap/pcapng capture or `iw scan` output")
  }

  /// Reads a regular file: all of it (refused when larger than `limit`), or only its first
  /// `prefix` bytes.
  static func readBytes(_ path: String, limit: Int?, prefix: Int? = nil) throws(CommandFailure)
    -> [UInt8]
  {
    guard FileManager.default.fileExists(atPath: path) else {
      throw CommandFailure(message: "\(path): no such file")
    }
    // Only regular files: a FIFO or a device could block or never end.
    let type =
      (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    if type == .typeDirectory { throw CommandFailure(message: "\(path): is a directory") }
    guard type == .typeRegular else {
      throw CommandFailure(message: "\(path): not a regular file")
    }
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw CommandFailure(message: "\(path): permission denied")
    }
    let handle: FileHandle
    do {
      handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    } catch {
      throw CommandFailure(message: "\(path): cannot open: \(error.localizedDescription)")
    }
    defer { try? handle.close() }
    do {
      if let prefix { return [UInt8](try handle.read(upToCount: prefix) ?? Data()) }
      let limit = limit ?? maximumFixtureSize
      let data = try handle.read(upToCount: limit + 1) ?? Data()
      guard data.count <= limit else {
        throw CommandFailure(
          message: "\(path): larger than \(limit >> 20) MiB; refusing to read it")
      }
      return [UInt8](data)
    } catch let failure as CommandFailure {
      throw failure
    } catch {
      throw CommandFailure(message: "\(path): read error: \(error.localizedDescription)")
    }
  }
}
