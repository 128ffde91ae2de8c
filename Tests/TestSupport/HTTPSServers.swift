import Foundation
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
  /// The servers: they run while this value lives.
  private let script: LoopbackScript

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
    // "HTTP HTTPS ROGUE SILENT CLOSED CA_FILE"; making the certificates takes a moment.
    let script = try LoopbackScript(
      "https_servers.py", seconds: 30, limit: 4096,
      valid: { $0.count == 6 && $0.prefix(5).allSatisfy { Int($0) != nil } },
      failure: { Unavailable(description: $0) })
    let ports = script.fields.prefix(5).compactMap { Int($0) }
    (httpPort, httpsPort, roguePort, silentPort, closedPort) =
      (ports[0], ports[1], ports[2], ports[3], ports[4])
    caFile = script.fields[5]
    self.script = script
  }

  public func http(_ path: String) -> ProbeURL {
    ProbeURL(scheme: .http, host: "127.0.0.1", port: httpPort, target: path)
  }

  public func https(_ path: String, port: Int? = nil) -> ProbeURL {
    ProbeURL(scheme: .https, host: "127.0.0.1", port: port ?? httpsPort, target: path)
  }
}
