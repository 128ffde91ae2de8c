import Foundation

/// Holds JSON output against the published schemas in `schemas/`, through
/// `validate_json.py` (Debian's python3-jsonschema, installed by `.ci/setup`).
public enum SchemaCheck {
  public enum Contract: String, Sendable {
    case report = "report-1"
    case check = "check-1"
    case home = "home-1"
  }

  public struct Problems: Error, CustomStringConvertible {
    public var description: String
  }

  /// Throws with the validator's lines when `documents` (each one JSON document, or JSON
  /// lines) do not all match the contract's schema.
  public static func validate(_ documents: [[UInt8]], against contract: Contract) throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("wifirisk-schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var files: [String] = []
    for (index, document) in documents.enumerated() {
      let url = folder.appendingPathComponent("document-\(index).json")
      try Data(document).write(to: url)
      files.append(url.path)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments =
      [
        Repository.path("Tests/TestSupport/validate_json.py"),
        Repository.path("schemas/\(contract.rawValue).schema.json"),
      ] + files
    let output = folder.appendingPathComponent("output")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    let handle = try FileHandle(forWritingTo: output)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    process.waitUntilExit()
    try handle.close()
    guard process.terminationStatus == 0 else {
      let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
      throw Problems(
        description: "schema \(contract.rawValue) (exit \(process.terminationStatus)):\n" + text)
    }
  }
}
