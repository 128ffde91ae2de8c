import WifiRiskCore
import WifiRiskPcap

/// Reads saved scans: scan fixtures (JSON), pcap and pcapng captures, and the text
/// `iw dev IF scan` prints. The format is told from the content, never the name.
public enum SavedScans {
  /// A saved scan and what the reader noticed about it.
  public struct Loaded: Sendable {
    public var snapshot: ScanSnapshot
    /// Things a person should know (skipped frames, iw's gaps), one line each.
    public var notes: [String]
    /// How a capture's frames were used; nil for other files.
    public var statistics: CaptureStats?

    /// The `sources` entry of a report for this file.
    public func sourceEntry(file: String) -> SourceEntry {
      SourceEntry(snapshot, file: file, problems: notes, statistics: statistics)
    }
  }

  public static func read(_ path: String) throws(Failure) -> Loaded {
    let head = try FileReader.bytes(path, prefix: 64)
    if CaptureFile.looksLikeCapture(head) {
      // Captures are streamed by libpcap, whatever their size.
      do {
        let result = try CaptureFile.read(path: path)
        return Loaded(snapshot: result.capture, notes: result.notes, statistics: result.stats)
      } catch {
        throw Failure(message: "\(path): \(error)")
      }
    }
    let bytes = try FileReader.bytes(path)
    let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    if first == UInt8(ascii: "{") {
      do {
        return Loaded(snapshot: try Fixture.decode(bytes), notes: [], statistics: nil)
      } catch {
        throw Failure(message: "\(path): \(error)")
      }
    }
    if IwScanText.looksLikeIwScan(bytes) {
      do {
        let result = try IwScanText.parse(bytes)
        return Loaded(snapshot: result.capture, notes: result.notes, statistics: nil)
      } catch {
        throw Failure(message: "\(path): \(error)")
      }
    }
    let what = bytes.isEmpty ? "the file is empty" : "unrecognised content"
    throw Failure(
      message:
        "\(path): \(what): not a scan fixture (JSON), a pcap/pcapng capture or `iw scan` output")
  }
}
