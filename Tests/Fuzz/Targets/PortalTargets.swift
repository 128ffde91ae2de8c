// What the network says after joining: the probe's HTTP reply, the RFC 8908 API's JSON,
// and the DHCP lease files that name the API.
import WifiRiskCore

enum PortalTargets {
  static let probeURL = ProbeURL(
    scheme: .http, host: "connectivitycheck.gstatic.com", target: "/generate_204")

  /// Properties: a reply parsed as complete or as cut short agrees on its status line and
  /// headers; bytes after a body of known length are not part of it; the verdict is
  /// deterministic and its portal URL, when there is one, is an http(s) URL or a path.
  static func httpResponse(_ data: [UInt8]) {
    let whole = HTTPResponseParser.parse(data, truncated: false)
    let cut = HTTPResponseParser.parse(data, truncated: true)
    switch (whole, cut) {
    case (.success(let a), .success(let b)):
      require(a.status == b.status && a.headers == b.headers, "truncation changes the head")
      require(a.headers.count <= HTTPResponseParser.maximumHeaders, "too many headers kept")
      require(a.body.count <= data.count, "a body longer than the reply")
      if a.bodyComplete, a.header("Content-Length") != nil, a.header("Transfer-Encoding") == nil,
        case .success(let more) = HTTPResponseParser.parse(data + Array("junk".utf8))
      {
        require(more.body == a.body, "bytes after Content-Length became part of the body")
      }
    case (.failure(let a), .failure(let b)):
      require(a.offset >= 0 && a.offset <= data.count, "an error offset outside the reply")
      _ = b
    default:
      break
    }
    let outcome: ProbeOutcome
    switch whole {
    case .success(let response): outcome = .response(response)
    case .failure(let error): outcome = .malformed(error)
    }
    for expectation in [ProbeExpectation(status: 204), ProbeExpectation(status: 200, body: [])] {
      let verdict = PortalClassifier.classify(outcome, expecting: expectation, probeURL: probeURL)
      let again = PortalClassifier.classify(outcome, expecting: expectation, probeURL: probeURL)
      require(verdict == again, "the portal verdict is not deterministic")
      _ = PortalClassifier.combine([verdict, again])
    }
  }

  /// RFC 8908 JSON. Property: the status written back as JSON reads to the same status.
  static func portalAPI(_ data: [UInt8]) {
    guard let status = try? CaptivePortalAPIStatus.parse(data) else { return }
    var members: [String: JSONValue] = ["captive": .bool(status.captive)]
    if let url = status.userPortalURL { members["user-portal-url"] = .string(url) }
    if let url = status.venueInfoURL { members["venue-info-url"] = .string(url) }
    if let value = status.secondsRemaining { members["seconds-remaining"] = .number(value) }
    if let value = status.bytesRemaining { members["bytes-remaining"] = .number(value) }
    if let flag = status.canExtendSession { members["can-extend-session"] = .bool(flag) }
    let written = JSONValue.object(members).serialized()
    guard let again = try? CaptivePortalAPIStatus.parse(Array(written.utf8)) else {
      require(false, "a portal API status does not read back: \(written)")
      return
    }
    var expected = status
    expected.ignored = []
    require(again == expected, "a portal API status changes in a round trip: \(written)")
  }

  /// Lease files of the three DHCP clients. Properties: reading is deterministic; an option
  /// 114 that is a URL reads back from its own text.
  static func leases(_ data: [UInt8]) {
    let lease = text(data)
    var entries = LeaseFiles.dhclient(lease)
    entries += LeaseFiles.dhclient(lease, client: .networkManager)
    entries.append(LeaseFiles.networkd(lease))
    entries.append(LeaseFiles.networkManagerInternal(lease))
    require(LeaseFiles.dhclient(lease) == LeaseFiles.dhclient(lease), "dhclient reading varies")
    require(LeaseFiles.networkd(lease) == LeaseFiles.networkd(lease), "networkd reading varies")
    for entry in entries {
      if let uri = entry.captivePortal {
        require(!uri.isEmpty, "an empty option 114 was kept")
        _ = entry.saysUnrestricted
        if let url = ProbeURL.parse(uri) {
          require(ProbeURL.parse(url.description) == url, "a portal URL changes when written")
        }
      }
    }
  }
}
