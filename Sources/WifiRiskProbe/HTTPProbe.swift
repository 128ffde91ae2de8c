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
  /// Reading stops after this many bytes of reply.
  public var maximumReplyBytes: Int
  public var resolver: ProbeResolver
  /// How the socket is tied to `interface`.
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
  /// How the socket was tied to the interface.
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

/// Runs connectivity probes. The only code in wifirisk that opens network sockets for the
/// probe; every step is bounded by the request's deadline, so a silent network costs at
/// most `timeout`.
public enum HTTPProbe {
  public static func run(_ request: HTTPProbeRequest) -> HTTPProbeResult {
    let clock = ContinuousClock()
    let deadline = clock.now + request.timeout
    var notes: [String] = []
    var binding = HTTPProbeResult.Binding.none
    func finish(_ outcome: ProbeOutcome, peer: SocketAddress? = nil) -> HTTPProbeResult {
      HTTPProbeResult(outcome: outcome, peer: peer, binding: binding, notes: notes)
    }

    guard request.url.scheme == .http else {
      return finish(.failure(.local("the probe sends plain http only, not \(request.url)")))
    }
    let addresses: [SocketAddress]
    switch request.resolver.resolve(
      request.url.host, port: request.url.port, within: deadline - clock.now)
    {
    case .failure(let failure): return finish(.failure(failure))
    case .success(let found): addresses = found
    }

    var lastFailure = ProbeFailure.unreachable("no address to connect to")
    for address in addresses {
      let socket: ProbeSocket
      do {
        socket = try ProbeSocket(family: address.family)
      } catch {
        lastFailure = .local("cannot open a socket: \(error)")
        continue
      }
      if let interface = request.interface {
        do {
          try tie(
            socket, to: interface, family: address.family,
            tryDevice: request.tie == .deviceOrAddress,
            binding: &binding, notes: &notes)
        } catch let failure {
          lastFailure = failure
          continue
        }
      }
      do {
        try socket.connect(to: address, deadline: deadline)
      } catch {
        lastFailure = failure(error, stage: "connecting to \(address)")
        if case .timedOut = lastFailure { break }
        continue
      }
      return finish(exchange(socket, request, deadline: deadline), peer: address)
    }
    return finish(.failure(lastFailure))
  }

  /// Ties the socket to the interface: `SO_BINDTODEVICE`, or, when that is refused for lack
  /// of privilege, the interface's own address of the right family as the source.
  private static func tie(
    _ socket: borrowing ProbeSocket, to interface: String, family: Int32, tryDevice: Bool,
    binding: inout HTTPProbeResult.Binding, notes: inout [String]
  ) throws(ProbeFailure) {
    var refusal = "not tried"
    if tryDevice {
      do {
        try socket.bind(toDevice: interface)
        binding = .device(interface)
        return
      } catch {
        switch error.code {
        case EPERM, EACCES: refusal = "refused: it needs CAP_NET_RAW on this kernel"
        case ENODEV: throw .local("there is no interface named \(interface)")
        default: throw .local("cannot bind to \(interface): \(error)")
        }
      }
    }
    guard let source = InterfaceAddresses.of(interface).first(where: { $0.family == family })
    else {
      throw .unreachable(
        "\(interface) has no \(family == AF_INET6 ? "IPv6" : "IPv4") address")
    }
    do {
      try socket.bind(to: source)
    } catch {
      throw .local("cannot use \(source.address) of \(interface) as the source: \(error)")
    }
    if binding != .sourceAddress(source.address) {
      notes.append(
        "binding the probe to \(interface) (SO_BINDTODEVICE) was \(refusal); it was sent "
          + "from \(interface)'s address \(source.address) instead, which the kernel may "
          + "route through another interface")
    }
    binding = .sourceAddress(source.address)
  }

  /// Sends the request and reads the reply until the peer closes, the reply is complete,
  /// the size cap is reached or the deadline passes.
  private static func exchange(
    _ socket: borrowing ProbeSocket, _ request: HTTPProbeRequest,
    deadline: ContinuousClock.Instant
  ) -> ProbeOutcome {
    do {
      try socket.send(request.requestBytes, deadline: deadline)
    } catch {
      return .failure(failure(error, stage: "sending the request"))
    }
    var reply: [UInt8] = []
    var ended = false
    var timedOut = false
    while reply.count < request.maximumReplyBytes {
      let count: Int?
      do {
        count = try socket.receive(
          into: &reply, limit: request.maximumReplyBytes - reply.count, deadline: deadline)
      } catch {
        if reply.isEmpty { return .failure(failure(error, stage: "waiting for the reply")) }
        ended = true
        break
      }
      guard let count else {
        timedOut = true
        break
      }
      if count == 0 {
        ended = true
        break
      }
      if isComplete(reply) { break }
    }
    if reply.isEmpty {
      return ended
        ? .failure(.unreachable("the connection closed without a reply"))
        : .failure(.timedOut(stage: "waiting for the reply"))
    }
    switch HTTPResponseParser.parse(reply, truncated: !ended) {
    case .success(let response): return .response(response)
    case .failure(let error):
      return timedOut ? .failure(.timedOut(stage: "waiting for the reply")) : .malformed(error)
    }
  }

  /// Whether a reply with a known length has all arrived, so reading can stop without
  /// waiting for the server to close.
  private static func isComplete(_ reply: [UInt8]) -> Bool {
    guard case .success(let response) = HTTPResponseParser.parse(reply, truncated: true) else {
      return false
    }
    let framed =
      response.header("Content-Length") != nil
      || response.header("Transfer-Encoding") != nil || response.status == 204
      || response.status == 304
    return framed && response.bodyComplete
  }

  private static func failure(_ error: SystemError, stage: String) -> ProbeFailure {
    switch error.code {
    case ECONNREFUSED: .connectionRefused
    case ETIMEDOUT: .timedOut(stage: stage)
    case ENETUNREACH, EHOSTUNREACH, EHOSTDOWN, ENETDOWN, EADDRNOTAVAIL, ECONNRESET, EPIPE,
      ECONNABORTED, EACCES, EPERM:
      .unreachable("\(stage): \(SystemError.text(error.code))")
    default: .local("\(stage): \(error)")
    }
  }
}
