import WifiRiskCore

/// Asks a Captive Portal API (RFC 8908) for this client's state: one GET with
/// `Accept: application/captive+json`, over https (plain http only to this machine), with
/// certificates checked, no cookies, no cache, no proxy, redirects refused, and at most
/// `maximumSize` bytes of answer.
public enum CaptivePortalAPIRequest {
  public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line, without the URI (the caller names it).
    public var message: String

    public init(message: String) { self.message = message }

    public var description: String { message }
  }

  /// Answers larger than this are refused.
  public static let maximumSize = 65536

  /// Fetches and reads the API's answer. `timeout` (seconds) bounds the whole request;
  /// `caFile` replaces the system's certificate authorities (for tests); `interface` sends
  /// the request from that interface.
  public static func fetch(
    uri: String, timeout: Double, userAgent: String, caFile: String? = nil,
    interface: String? = nil
  ) -> Result<CaptivePortalAPIStatus, Problem> {
    guard let url = ProbeURL.parse(uri) else {
      return .failure(Problem(message: "not an absolute https:// URL; not fetched"))
    }
    guard url.scheme == .https || url.isLoopback else {
      return .failure(Problem(message: "RFC 8908 requires https; not fetched over plain http"))
    }
    let limit: Duration = timeout.isFinite && timeout > 0 ? .seconds(timeout) : .zero
    let request = HTTPRequest(
      url: url, source: interface.map { .interface($0) }, connectTimeout: limit, timeout: limit,
      maximumBodyBytes: maximumSize,
      headers: [
        HTTPHeader(name: "Accept", value: CaptivePortalAPIStatus.mediaType),
        HTTPHeader(name: "User-Agent", value: userAgent),
      ], caFile: caFile)
    let reply: HTTPReply
    switch HTTPClient.get(request) {
    case .success(let got): reply = got
    case .failure(let failure):
      switch failure.kind {
      case .bodyTooLarge:
        return .failure(Problem(message: "the answer is larger than \(maximumSize) bytes"))
      case .timedOut(let stage):
        return .failure(
          Problem(message: "no answer within \(seconds(timeout)) s (\(stage)): \(failure.detail)"))
      default:
        return .failure(Problem(message: failure.detail))
      }
    }
    guard reply.status == 200 else {
      var message = "answered HTTP \(reply.status)"
      if reply.response.isRedirect, let location = reply.location {
        message += ", a redirect to \(HTTPClient.escaped(location)), not followed"
      }
      return .failure(Problem(message: message))
    }
    do {
      return .success(try CaptivePortalAPIStatus.parse(reply.body))
    } catch {
      return .failure(Problem(message: error.message))
    }
  }

  private static func seconds(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
  }
}
