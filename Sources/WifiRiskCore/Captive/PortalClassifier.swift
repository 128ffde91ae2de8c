/// What the connectivity probe found about the current connection.
public enum PortalState: String, Sendable, Equatable, CaseIterable {
  /// The probe URL gave exactly the expected answer: the Internet is reachable.
  case online
  /// Something between this machine and the Internet answered instead (a redirect, HTTP 511,
  /// or a page in place of the expected answer): a captive portal.
  case captive
  /// Nothing answered: the name did not resolve, the connection was refused or timed out.
  case noInternet = "no-internet"
  /// An answer that fits none of the above.
  case unknown
  /// No probe was made (`--no-probe`, or the profile disables probes).
  case notProbed = "not-probed"
}

/// Why no HTTP reply came back.
public enum ProbeFailure: Error, Sendable, Equatable, CustomStringConvertible {
  case dnsFailure(String)
  case connectionRefused
  /// The deadline passed while `stage` (resolving, connecting, sending, waiting for the
  /// reply).
  case timedOut(stage: String)
  case unreachable(String)
  /// The probe could not be made from this machine (no address on the interface, no
  /// socket): says nothing about the network.
  case local(String)

  public var description: String {
    switch self {
    case .dnsFailure(let detail): "the probe host's name did not resolve (\(detail))"
    case .connectionRefused: "the connection was refused"
    case .timedOut(let stage): "no answer in time (\(stage))"
    case .unreachable(let detail): "the network is unreachable (\(detail))"
    case .local(let detail): detail
    }
  }
}

/// One probe's result, before it is judged.
public enum ProbeOutcome: Sendable, Equatable {
  case response(HTTPResponse)
  /// Bytes came back but they are not HTTP.
  case malformed(HTTPParseError)
  case failure(ProbeFailure)
}

/// The answer a probe URL gives when nothing is in the way.
public struct ProbeExpectation: Sendable, Equatable {
  public var status: Int
  /// The exact body expected (surrounding ASCII whitespace ignored); nil when the body is
  /// not checked, as for a 204 endpoint.
  public var body: [UInt8]?

  public init(status: Int, body: [UInt8]? = nil) {
    self.status = status
    self.body = body
  }
}

/// The judgement on one probe.
public struct PortalVerdict: Sendable, Equatable {
  public var state: PortalState
  /// Where the portal wants the user to go, resolved against the probe URL; text from the
  /// network, to be shown escaped.
  public var portalURL: String?
  public var httpStatus: Int?
  /// One line saying what was seen, for the notes.
  public var reason: String

  public init(state: PortalState, portalURL: String? = nil, httpStatus: Int? = nil, reason: String)
  {
    self.state = state
    self.portalURL = portalURL
    self.httpStatus = httpStatus
    self.reason = reason
  }
}

public enum PortalClassifier {
  /// Judges one probe's outcome against the expected answer.
  public static func classify(
    _ outcome: ProbeOutcome, expecting expectation: ProbeExpectation, probeURL: ProbeURL
  ) -> PortalVerdict {
    let response: HTTPResponse
    switch outcome {
    case .failure(let failure):
      switch failure {
      case .local(let detail):
        return PortalVerdict(state: .unknown, reason: "the probe could not be made: \(detail)")
      default:
        return PortalVerdict(state: .noInternet, reason: failure.description)
      }
    case .malformed(let error):
      return PortalVerdict(
        state: .unknown, reason: "the reply to \(probeURL) is not HTTP (\(error))")
    case .response(let reply):
      response = reply
    }

    let status = response.status
    let said = "\(probeURL) answered \(status)"
    // Each verdict below is about this reply: "<probe> answered <status>" and how.
    func answered(_ state: PortalState, _ how: String, portalURL: String? = nil) -> PortalVerdict {
      PortalVerdict(state: state, portalURL: portalURL, httpStatus: status, reason: said + how)
    }
    // A page where the expected answer belongs: a portal, linked when the page says where.
    func page(_ how: String) -> PortalVerdict {
      answered(.captive, how, portalURL: pageLink(response, probeURL))
    }
    if status == expectation.status {
      guard let expected = expectation.body else { return answered(.online, " as expected") }
      if trimmed(response.body) == trimmed(expected) {
        return answered(.online, " with the expected body")
      }
      if !response.bodyComplete {
        return answered(.unknown, " but the body was cut short before it could be compared")
      }
      return page(" with a different body than expected: a page put in its place")
    }
    if response.isRedirect {
      let target = response.location.map { probeURL.resolve($0) }
      return answered(
        .captive, target == nil ? ", a redirect without a Location" : ", a redirect to the portal",
        portalURL: target)
    }
    if status == 511 { return page(": Network Authentication Required (RFC 6585)") }
    if status == 200 {
      if response.body.allSatisfy(isASCIISpace) && response.bodyComplete {
        // Some proxies turn an empty 204 into an empty 200: no page, no redirect.
        return answered(.unknown, " with an empty body instead of \(expectation.status)")
      }
      return page(" with a page instead of \(expectation.status)")
    }
    return answered(.unknown, ", which is neither the expected answer nor a portal's")
  }

  /// Several probes in order: the first `online` or `captive` verdict decides; when none
  /// does, `no-internet` if every probe found nothing, else the first `unknown`.
  public static func combine(_ verdicts: [PortalVerdict]) -> PortalVerdict? {
    if let decisive = verdicts.first(where: { $0.state == .online || $0.state == .captive }) {
      return decisive
    }
    if let unknown = verdicts.first(where: { $0.state == .unknown }) { return unknown }
    return verdicts.first
  }

  /// A portal's address named in a page: its `Location` header, else the URL of an HTML
  /// `<meta http-equiv="refresh" content="0; url=...">`.
  static func pageLink(_ response: HTTPResponse, _ probeURL: ProbeURL) -> String? {
    if let location = response.location { return probeURL.resolve(location) }
    return metaRefreshURL(response.body).map { probeURL.resolve($0) }
  }

  /// The URL of the first meta refresh in an HTML page, if any; looks only at the first
  /// 16 KiB.
  static func metaRefreshURL(_ body: [UInt8]) -> String? {
    let page = DisplayText.escape(body.prefix(16384))
    // Lowercase ASCII only, so both strings have the same characters at the same offsets.
    let lower = String(page.map { $0.isASCII ? Character($0.lowercased()) : $0 })
    guard
      let refresh = lower.firstRange(of: "http-equiv=\"refresh\"")
        ?? lower.firstRange(of: "http-equiv=refresh")
        ?? lower.firstRange(of: "http-equiv='refresh'")
    else { return nil }
    // The tag around the attribute.
    let tagStart = lower[..<refresh.lowerBound].lastIndex(of: "<") ?? lower.startIndex
    guard let tagEnd = lower[refresh.upperBound...].firstIndex(of: ">") else { return nil }
    let tag = lower[tagStart..<tagEnd]
    guard let url = tag.firstRange(of: "url=") else { return nil }
    // Cut from the original (not lowercased) text at the same offsets.
    let offset = lower.distance(from: lower.startIndex, to: url.upperBound)
    let end = lower.distance(from: lower.startIndex, to: tagEnd)
    let start = page.index(page.startIndex, offsetBy: offset)
    var value = page[start..<page.index(page.startIndex, offsetBy: end)]
    value = value.drop { $0 == "'" || $0 == "\"" || $0 == " " }
    if let close = value.firstIndex(where: { $0 == "'" || $0 == "\"" }) {
      value = value[..<close]
    }
    let result = value.trimmingASCIISpaces
    return result.isEmpty ? nil : result
  }

  private static func isASCIISpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  private static func trimmed(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
    guard let first = bytes.firstIndex(where: { !isASCIISpace($0) }),
      let last = bytes.lastIndex(where: { !isASCIISpace($0) })
    else { return [] }
    return bytes[first...last]
  }
}
