import Foundation
import Glibc
import WifiRiskCore

/// `portal_server.py`, started once for the whole test run on 127.0.0.1. It stops when this
/// process ends (its standard input closes) or after two minutes.
public final class PortalServer: @unchecked Sendable {
  public let port: Int
  /// A port with nothing listening.
  public let closedPort: Int
  private let process: Process

  public struct Unavailable: Error, CustomStringConvertible {
    public var description: String
  }

  /// The shared server, or the reason it could not start.
  public static let shared: Result<PortalServer, Unavailable> = {
    do {
      return .success(try PortalServer())
    } catch let error as Unavailable {
      return .failure(error)
    } catch {
      return .failure(Unavailable(description: "\(error)"))
    }
  }()

  private init() throws {
    let script = Repository.url("Tests/TestSupport/portal_server.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    // The first line is "PORT CLOSED_PORT"; wait for it at most 60 s (python's start-up on a
    // loaded machine can take many seconds).
    let line = PortalServer.readLine(output.fileHandleForReading.fileDescriptor, seconds: 60)
    let numbers = line.split(separator: " ").compactMap { Int($0) }
    guard numbers.count == 2 else {
      process.terminate()
      throw Unavailable(description: "portal_server.py did not start (got \"\(line)\")")
    }
    self.port = numbers[0]
    self.closedPort = numbers[1]
    self.process = process
    self.input = input
  }

  /// The write end of the server's standard input, open for as long as this process lives:
  /// the server stops when it closes.
  private let input: Pipe

  public func url(_ path: String) -> ProbeURL {
    ProbeURL(scheme: .http, host: "127.0.0.1", port: port, target: path)
  }

  private static func readLine(_ descriptor: Int32, seconds: Int32) -> String {
    var bytes: [UInt8] = []
    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    while !bytes.contains(0x0A), bytes.count < 100 {
      guard unsafe poll(&poller, 1, seconds * 1000) > 0 else { break }
      var byte: UInt8 = 0
      guard unsafe read(descriptor, &byte, 1) == 1 else { break }
      bytes.append(byte)
    }
    return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
