import Foundation
import Glibc

/// A Python server script of this folder run for the whole test run: it prints one line of
/// fields once it listens, and stops when this process ends (its standard input closes).
struct LoopbackScript {
  let fields: [String]
  let process: Process
  /// The write end of the script's standard input, kept open for as long as this process
  /// lives.
  let input: Pipe

  /// Starts `Tests/TestSupport/NAME` and reads its first line, waiting at most `seconds` and
  /// reading at most `limit` bytes. Throws with the line it got when `valid` refuses it.
  init(
    _ name: String, seconds: Int32, limit: Int, valid: ([String]) -> Bool,
    failure: (String) -> any Error
  ) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Repository.url("Tests/TestSupport/\(name)").path]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    let line = Self.readLine(
      output.fileHandleForReading.fileDescriptor, seconds: seconds, limit: limit)
    let fields = line.split(separator: " ").map(String.init)
    guard valid(fields) else {
      process.terminate()
      throw failure("\(name) did not start (got \"\(line)\")")
    }
    self.fields = fields
    self.process = process
    self.input = input
  }

  private static func readLine(_ descriptor: Int32, seconds: Int32, limit: Int) -> String {
    var bytes: [UInt8] = []
    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    while !bytes.contains(0x0A), bytes.count < limit {
      guard unsafe poll(&poller, 1, seconds * 1000) > 0 else { break }
      var byte: UInt8 = 0
      guard unsafe read(descriptor, &byte, 1) == 1 else { break }
      bytes.append(byte)
    }
    return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
