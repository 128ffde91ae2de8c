import Foundation
import WifiRiskCore

/// `portal_server.py`, started once for the whole test run on 127.0.0.1. It stops when this
/// process ends (its standard input closes) or after two minutes.
public final class PortalServer: @unchecked Sendable {
  public let port: Int
  /// A port with nothing listening.
  public let closedPort: Int

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
    // The first line is "PORT CLOSED_PORT"; wait for it at most 60 s (python's start-up on a
    // loaded machine can take many seconds).
    let script = try LoopbackScript(
      "portal_server.py", seconds: 60, limit: 100,
      valid: { $0.count == 2 && $0.allSatisfy { Int($0) != nil } },
      failure: { Unavailable(description: $0) })
    port = Int(script.fields[0]) ?? 0
    closedPort = Int(script.fields[1]) ?? 0
    self.script = script
  }

  /// The server: it runs while this value lives.
  private let script: LoopbackScript

  public func url(_ path: String) -> ProbeURL {
    ProbeURL(scheme: .http, host: "127.0.0.1", port: port, target: path)
  }
}
