import Glibc
import WifiRiskCore

/// One connectivity probe: a single HTTP/1.1 GET, sent from the Wi-Fi interface.
public struct HTTPProbeRequest: Sendable {
  /// Must be `http://`: the point is to see whether something intercepts it.
  public var url: ProbeURL
  /// The interface to send from; nil sends wherever the routing table says.
  public var interface: String?
  /// The whole budget: resolving, connecting, sending and reading.
  public var timeout: Duration
  /// The `User-Agent` header's value.
  public var userAgent: String
  /// At most this many bytes of body are kept (and as many of headers); reading stops there.
  public var maximumReplyBytes: Int
  public var resolver: ProbeResolver
  /// How the request is tied to `interface`.
  public var tie: Tie

  public enum Tie: Sendable {
    /// `SO_BINDTODEVICE`, falling back to the interface's address when that is refused.
    case deviceOrAddress
    /// The interface's address as the source, without trying `SO_BINDTODEVICE`.
    case addressOnly
  }

  public init(
    url: ProbeURL, interface: String?, timeout: Duration = .seconds(5),
    userAgent: String, maximumReplyBytes: Int = 65536, resolver: ProbeResolver = .system,
    tie: Tie = .deviceOrAddress
  ) {
    self.url = url
    self.interface = interface
    self.timeout = timeout
    self.userAgent = userAgent
    self.maximumReplyBytes = maximumReplyBytes
    self.resolver = resolver
    self.tie = tie
  }

  /// The exact bytes sent: a request line and three headers, nothing else (no cookies, no
  /// identifiers beyond the version in the User-Agent).
  public var requestBytes: [UInt8] {
    let text =
      "GET \(url.target) HTTP/1.1\r\n"
      + "Host: \(url.authority)\r\n"
      + "User-Agent: \(userAgent)\r\n"
      + "Connection: close\r\n"
      + "\r\n"
    return Array(text.utf8)
  }
}

/// What came of a probe: the outcome for the classifier, and notes on how it was made.
public struct HTTPProbeResult: Sendable {
  public var outcome: ProbeOutcome
  /// The address connected to, when a connection was made.
  public var peer: SocketAddress?
  /// How the request was tied to the interface.
  public var binding: Binding
  public var notes: [String]

  public enum Binding: Sendable, Equatable {
    case none
    /// `SO_BINDTODEVICE` to the interface.
    case device(String)
    /// The interface's own address as the source, because `SO_BINDTODEVICE` was refused.
    case sourceAddress(String)
  }
}

/// Runs connectivity probes through libcurl (`HTTPClient`): one GET, bound to the interface,
/// no redirects followed, the reply's size capped, every step within the request's budget,
/// so a silent network costs at most `timeout`. The reply's headers are read by Core's
/// parser, as the rest of wifirisk expects.
public enum HTTPProbe {
  public static func run(_ request: HTTPProbeRequest) -> HTTPProbeResult {
    let clock = ContinuousClock()
    let deadline = clock.now + request.timeout
    let url = request.url
    var notes: [String] = []
    var binding = HTTPProbeResult.Binding.none
    func finish(_ outcome: ProbeOutcome, peer: SocketAddress? = nil) -> HTTPProbeResult {
      HTTPProbeResult(outcome: outcome, peer: peer, binding: binding, notes: notes)
    }

    guard url.scheme == .http else {
      return finish(.failure(.local("the probe sends plain http only, not \(url)")))
    }
    // A resolver of the caller's: its answer goes to libcurl as the addresses to use.
    var addresses: [SocketAddress]?
    if request.resolver.lookup != nil {
      switch request.resolver.resolve(url.host, port: url.port, within: deadline - clock.now) {
      case .failure(let failure): return finish(.failure(failure))
      case .success(let found): addresses = found
      }
    }

    var source: HTTPSource?
    if let interface = request.interface {
      switch request.tie {
      case .deviceOrAddress:
        source = .interface(interface)
      case .addressOnly:
        let family =
          addresses?.first?.family ?? SocketAddress.literal(url.host, port: url.port)?.family
          ?? AF_INET
        guard
          let own = InterfaceAddresses.of(interface).first(where: { $0.family == family })
        else {
          return finish(.failure(.unreachable("\(interface) has no \(name(family)) address")))
        }
        source = .address(own.address)
        binding = .sourceAddress(own.address)
        notes.append(fallbackNote(interface, own.address, refusal: "not tried"))
      }
    }

    let left = deadline - clock.now
    let result = HTTPClient.get(
      HTTPRequest(
        url: url, source: source, connectTimeout: left, timeout: left,
        maximumBodyBytes: request.maximumReplyBytes,
        maximumHeaderBytes: request.maximumReplyBytes,
        headers: [HTTPHeader(name: "User-Agent", value: request.userAgent)],
        addresses: addresses?.map(\.address)))

    let connection: HTTPConnectionInfo
    switch result {
    case .success(let reply): connection = reply.connection
    case .failure(let failure): connection = failure.connection
    }
    let peer = connection.peerAddress.flatMap {
      SocketAddress.literal($0, port: connection.peerPort ?? url.port)
    }
    if case .interface(let interface)? = source {
      switch connection.deviceBinding {
      case 0?:
        binding = .device(interface)
      case let refused? where refused == EPERM || refused == EACCES:
        if let local = connection.localAddress {
          binding = .sourceAddress(local)
          notes.append(
            fallbackNote(
              interface, local, refusal: "refused: it needs CAP_NET_RAW on this kernel"))
        }
      case ENODEV?:
        return finish(.failure(.local("there is no interface named \(interface)")))
      case let other?:
        if case .failure(let failure) = result, failure.kind == .source {
          return finish(.failure(.local("cannot bind to \(interface): \(errorText(other))")))
        }
      case nil:
        break
      }
    }

    switch result {
    case .success(let reply):
      return finish(.response(reply.response), peer: peer)
    case .failure(let failure):
      return finish(outcome(failure, request, connection), peer: peer)
    }
  }

  /// What a failed GET means for the classifier. A reply whose body was cut short (the
  /// size cap, the deadline, an early close) is still a reply, marked incomplete.
  private static func outcome(
    _ failure: HTTPFailure, _ request: HTTPProbeRequest, _ connection: HTTPConnectionInfo
  ) -> ProbeOutcome {
    if let partial = failure.partial { return .response(partial.response) }
    switch failure.kind {
    case .nameNotResolved:
      return .failure(.dnsFailure(failure.detail))
    case .connectionRefused:
      return .failure(.connectionRefused)
    case .unreachable(let error):
      let peer = connection.peerAddress ?? request.url.authority
      return .failure(.unreachable("connecting to \(peer): \(errorText(error))"))
    case .timedOut(let stage):
      return .failure(.timedOut(stage: stage))
    case .source:
      let interface = request.interface ?? "?"
      let family =
        connection.family ?? SocketAddress.literal(request.url.host, port: 0)?.family ?? AF_INET
      return .failure(.unreachable("\(interface) has no \(name(family)) address"))
    case .notHTTP:
      return .malformed(HTTPParseError(offset: 0, message: failure.detail))
    case .headersTooLarge:
      return .malformed(
        HTTPParseError(
          offset: request.maximumReplyBytes,
          message: "the headers never ended within \(request.maximumReplyBytes) bytes"))
    case .closed:
      return .failure(.unreachable("the connection closed without a reply"))
    case .unavailable, .invalidRequest, .setup, .certificate, .tls, .bodyTooLarge, .other:
      return .failure(.local(failure.detail))
    }
  }

  private static func fallbackNote(_ interface: String, _ address: String, refusal: String)
    -> String
  {
    "binding the probe to \(interface) (SO_BINDTODEVICE) was \(refusal); it was sent "
      + "from \(interface)'s address \(address) instead, which the kernel may route through "
      + "another interface"
  }

  private static func name(_ family: Int32) -> String {
    family == AF_INET6 ? "IPv6" : "IPv4"
  }

  private static func errorText(_ code: Int32) -> String {
    guard let message = unsafe strerror(code) else { return "errno \(code)" }
    return unsafe String(cString: message)
  }
}
