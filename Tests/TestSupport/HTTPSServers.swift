import Foundation
import Glibc
import WifiRiskCore

/// `https_servers.py`, started once for the whole test run on 127.0.0.1: plain HTTP, HTTPS
/// with a certificate authority made for this run, HTTPS with a rogue authority's certificate,
/// a port that never answers and a port with nothing listening. It stops when this process
/// ends (its standard input closes) or after two minutes.
public final class HTTPSServers: @unchecked Sendable {
  public let httpPort: Int
  public let httpsPort: Int
  public let roguePort: Int
  public let silentPort: Int
  public let closedPort: Int
  /// The test authority's certificate (PEM), to hand to libcurl.
  public let caFile: String
  private let process: Process
  /// The write end of the servers' standard input, open for as long as this process lives.
  private let input: Pipe

  public struct Unavailable: Error, CustomStringConvertible {
    public var description: String
  }

  /// The shared servers, or the reason they could not start.
  public static let shared: Result<HTTPSServers, Unavailable> = {
    do {
      return .success(try HTTPSServers())
    } catch let error as Unavailable {
      return .failure(error)
    } catch {
      return .failure(Unavailable(description: "\(error)"))
    }
  }()

  public static func get() throws -> HTTPSServers { try shared.get() }

  private init() throws {
    let script = Repository.url("Tests/TestSupport/https_servers.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    // "HTTP HTTPS ROGUE SILENT CLOSED CA_FILE"; making the certificates takes a moment.
    let line = HTTPSServers.readLine(output.fileHandleForReading.fileDescriptor, seconds: 30)
    let fields = line.split(separator: " ").map(String.init)
    let ports = fields.prefix(5).compactMap { Int($0) }
    guard fields.count == 6, ports.count == 5 else {
      process.terminate()
      throw Unavailable(description: "https_servers.py did not start (got \"\(line)\")")
    }
    (httpPort, httpsPort, roguePort, silentPort, closedPort) =
      (ports[0], ports[1], ports[2], ports[3], ports[4])
    caFile = fields[5]
    self.process = process
    self.input = input
  }

  public func http(_ path: String) -> ProbeURL {
    ProbeURL(scheme: .http, host: "127.0.0.1", port: httpPort, target: path)
  }

  public func https(_ path: String, port: Int? = nil) -> ProbeURL {
    ProbeURL(scheme: .https, host: "127.0.0.1", port: port ?? httpsPort, target: path)
  }

  private static func readLine(_ descriptor: Int32, seconds: Int32) -> String {
    var bytes: [UInt8] = []
    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    while !bytes.contains(0x0A), bytes.count < 4096 {
      guard unsafe poll(&poller, 1, seconds * 1000) > 0 else { break }
      var byte: UInt8 = 0
      guard unsafe read(descriptor, &byte, 1) == 1 else { break }
      bytes.append(byte)
    }
    return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
