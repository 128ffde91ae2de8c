import Foundation
import WifiRiskCore

/// Reads saved scans from files. The format is told from the content, never the name.
enum ScanFiles {
  /// A file larger than this is refused before it is read (fixtures are a few hundred KiB).
  static let maximumFixtureSize = 64 << 20

  static func read(_ path: String) throws(CommandFailure) -> ScanCapture {
    let bytes = try readBytes(path, limit: maximumFixtureSize)
    let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    guard first == UInt8(ascii: "{") else {
      let what = bytes.isEmpty ? "the file is empty" : "unrecognised content"
      throw CommandFailure(message: "\(path): \(what): not a wifirisk scan fixture (JSON)")
    }
    do {
      return try Fixture.decode(bytes)
    } catch {
      throw CommandFailure(message: "\(path): \(error)")
    }
  }

  static func readBytes(_ path: String, limit: Int) throws(CommandFailure) -> [UInt8] {
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
      let data = try handle.read(upToCount: limit + 1) ?? Data()
      guard data.count <= limit else {
        throw CommandFailure(message: "\(path): larger than \(limit >> 20) MiB; not a scan fixture")
      }
      return [UInt8](data)
    } catch let failure as CommandFailure {
      throw failure
    } catch {
      throw CommandFailure(message: "\(path): read error: \(error.localizedDescription)")
    }
  }
}
