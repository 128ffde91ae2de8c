import Foundation
import TestSupport
import Testing

/// Runs the built `wifirisk` executable as a subprocess from the repository root, so tests
/// see the real argument parsing, output streams and exit statuses.
enum Runner {
  /// `<repo>`, from `<repo>/Tests/WifiRiskCLITests/Support/Runner.swift`.
  static let root: URL = Repository.root

  struct Result {
    var status: Int32
    var stdout: [UInt8]
    var stderr: [UInt8]
    var out: String { String(decoding: stdout, as: UTF8.self) }
    var err: String { String(decoding: stderr, as: UTF8.self) }
    var errLines: [Substring] { err.split(separator: "\n", omittingEmptySubsequences: false) }
  }

  struct NotBuilt: Error, CustomStringConvertible {
    var searched: [String]
    var description: String {
      "the wifirisk executable was not found next to the tests (looked in \(searched)); "
        + "build it first: swift build"
    }
  }

  /// The executable sits in the build folder beside the test bundle (`.build/debug/`).
  static func executable() throws -> URL {
    var folders: [URL] = []
    var bundle = Bundle.main.bundleURL
    for _ in 0..<4 {
      folders.append(bundle)
      bundle = bundle.deletingLastPathComponent()
    }
    if let path = Bundle.main.executableURL { folders.append(path.deletingLastPathComponent()) }
    for folder in folders {
      let candidate = folder.appendingPathComponent("wifirisk")
      let type = (try? FileManager.default.attributesOfItem(atPath: candidate.path))?[.type]
      if type as? FileAttributeType == .typeRegular,
        FileManager.default.isExecutableFile(atPath: candidate.path)
      {
        return candidate
      }
    }
    throw NotBuilt(searched: folders.map(\.path))
  }

  /// Runs `wifirisk ARGS` with colour off; `environment` adds or (with nil) removes variables.
  static func run(_ arguments: [String], environment: [String: String?] = ["NO_COLOR": "1"])
    throws -> Result
  {
    let process = Process()
    process.executableURL = try executable()
    process.arguments = arguments
    process.currentDirectoryURL = root
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env

    // Files rather than pipes: a full pipe would block the child before we read it.
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("wifirisk-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    process.standardOutput = outHandle
    process.standardError = errHandle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return Result(
      status: process.terminationStatus,
      stdout: [UInt8](try Data(contentsOf: outURL)),
      stderr: [UInt8](try Data(contentsOf: errURL)))
  }
}

/// Golden output files in `Tests/WifiRiskCLITests/Golden/`. With `WIFIRISK_RECORD_GOLDEN=1`
/// the current output is written and the test fails, so a recording is never silent.
enum Golden {
  static let folder = Repository.url("Tests/WifiRiskCLITests/Golden")

  static var recording: Bool {
    ProcessInfo.processInfo.environment["WIFIRISK_RECORD_GOLDEN"] == "1"
  }

  static func check(
    _ actual: [UInt8], _ name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let url = folder.appendingPathComponent(name)
    if recording {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(actual).write(to: url)
      let message =
        "recorded Golden/\(name); check it with git diff, then run again without "
        + "WIFIRISK_RECORD_GOLDEN=1"
      Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
      return
    }
    guard let expected = FileManager.default.contents(atPath: url.path) else {
      Issue.record(
        "Golden/\(name) is missing: record it with WIFIRISK_RECORD_GOLDEN=1 swift test",
        sourceLocation: sourceLocation)
      return
    }
    guard [UInt8](expected) != actual else { return }
    let want = String(decoding: expected, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    let got = String(decoding: actual, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    let line = Array(zip(want, got)).firstIndex { $0 != $1 } ?? min(want.count, got.count)
    let wanted = line < want.count ? String(want[line]) : "(end of file)"
    let found = line < got.count ? String(got[line]) : "(end of output)"
    let message =
      "output differs from Golden/\(name) at line \(line + 1):\n  expected: \(wanted)\n  "
      + "actual:   \(found)\n(if the change is intended, re-record with "
      + "WIFIRISK_RECORD_GOLDEN=1)"
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
  }
}
