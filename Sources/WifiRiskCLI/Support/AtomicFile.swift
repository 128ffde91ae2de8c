import Foundation

/// Writes a file so that it is either wholly there or not changed at all: Foundation's
/// atomic write puts the content in a temporary file beside the target and renames it over
/// the target only once it is complete.
enum AtomicFile {
  static func write(_ text: String, to path: String) throws(CommandFailure) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let type = (try? FileManager.default.attributesOfItem(atPath: directory))?[.type]
    guard type as? FileAttributeType == .typeDirectory else {
      throw CommandFailure(message: "\(path): the folder \(directory) does not exist")
    }
    do {
      try Data(text.utf8).write(to: url, options: .atomic)
    } catch {
      throw CommandFailure(message: "\(path): could not write: \(error.localizedDescription)")
    }
  }
}
