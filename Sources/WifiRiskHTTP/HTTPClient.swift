import CCurl
import Glibc
import WifiRiskCore

/// One bounded HTTP GET. Everything about it is limited or off unless asked for: one
/// request over HTTP/1.1, http and https only, no redirects followed, no cookies, no proxy
/// (not even one named in the environment), no cache, no content decoding; certificates
/// checked for https.
public struct HTTPRequest: Sendable {
  public var url: ProbeURL
  /// Where the request leaves from; nil: wherever the routing table says.
  public var source: HTTPSource?
  /// Resolving, connecting and, for https, the TLS handshake.
  public var connectTimeout: Duration
  /// The whole exchange, from resolving to the last byte of the body.
  public var timeout: Duration
  /// A longer body is refused: the transfer stops after this many bytes.
  public var maximumBodyBytes: Int
  /// The status line and headers together; more is refused.
  public var maximumHeaderBytes: Int
  /// Sent in this order after `Host` (which comes from the URL), then `Connection: close`.
  /// Nothing else is sent: no `Accept` unless given here, no `User-Agent` unless given.
  public var headers: [HTTPHeader]
  /// Certificate authorities to trust instead of the system's (a PEM file), for tests.
  public var caFile: String?
  /// Addresses to connect to instead of resolving the host (tried in order).
  public var addresses: [String]?

  public init(
    url: ProbeURL, source: HTTPSource? = nil, connectTimeout: Duration = .seconds(5),
    timeout: Duration = .seconds(5), maximumBodyBytes: Int = 65536,
    maximumHeaderBytes: Int = 16384, headers: [HTTPHeader] = [], caFile: String? = nil,
    addresses: [String]? = nil
  ) {
    self.url = url
    self.source = source
    self.connectTimeout = connectTimeout
    self.timeout = timeout
    self.maximumBodyBytes = maximumBodyBytes
    self.maximumHeaderBytes = maximumHeaderBytes
    self.headers = headers
    self.caFile = caFile
    self.addresses = addresses
  }
}

/// Where a request leaves from.
public enum HTTPSource: Sendable, Equatable {
  /// This network interface: bound to it (`SO_BINDTODEVICE`), or, when the kernel refuses
  /// that, sent from its address of the right family (libcurl's `if!NAME`).
  case interface(String)
  /// This local address as the source (libcurl's `host!ADDRESS`); only the address's family
  /// is used.
  case address(String)
}

/// How the connection was made, as far as it got.
public struct HTTPConnectionInfo: Sendable, Equatable {
  /// The server's address and port, once a connection was attempted.
  public var peerAddress: String?
  public var peerPort: Int?
  /// This end's address.
  public var localAddress: String?
  /// For an `.interface` source: 0 when `SO_BINDTODEVICE` took, else its errno (the address
  /// was then used, if there was one); nil when not tried.
  public var deviceBinding: Int32?
  /// The address family of the last socket opened (`AF_INET`, `AF_INET6`).
  public var family: Int32?

  public init(
    peerAddress: String? = nil, peerPort: Int? = nil, localAddress: String? = nil,
    deviceBinding: Int32? = nil, family: Int32? = nil
  ) {
    self.peerAddress = peerAddress
    self.peerPort = peerPort
    self.localAddress = localAddress
    self.deviceBinding = deviceBinding
    self.family = family
  }
}

/// A reply: the status, headers and body. A redirect is a reply like any other (its
/// `location` says where it points; it is not followed).
public struct HTTPReply: Sendable, Equatable {
  public var url: ProbeURL
  /// The final reply's status line, headers (as received, read by Core's parser) and body
  /// (without chunked framing). `bodyComplete` is false in a failure's `partial`.
  public var response: HTTPResponse
  public var connection: HTTPConnectionInfo

  public var status: Int { response.status }
  public var headers: [HTTPHeader] { response.headers }
  public var body: [UInt8] { response.body }
  /// The `Location` header, not followed.
  public var location: String? { response.location }
}

/// Why a request gave no (whole) reply; one line, with what was asked.
public struct HTTPFailure: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// libcurl is not installed.
    case unavailable
    /// Refused before anything was sent (a header with a line break, a bad limit).
    case invalidRequest
    /// libcurl refused an option.
    case setup
    case nameNotResolved
    case connectionRefused
    /// Connecting failed with this errno (network or host unreachable, ...).
    case unreachable(errno: Int32)
    /// The source could not be used: no such interface, or no address of the family.
    case source
    case timedOut(stage: String)
    /// The server's certificate did not verify (unknown authority, wrong name, expired).
    case certificate
    /// Another TLS failure (handshake, protocol).
    case tls
    /// The body is longer than `maximumBodyBytes`; `partial` holds the first bytes.
    case bodyTooLarge
    case headersTooLarge
    /// The bytes that came back are not an HTTP/1.x reply.
    case notHTTP
    /// The connection ended early; `partial` holds what came if the headers did.
    case closed
    case other
  }

  public var kind: Kind
  /// What went wrong, in libcurl's words where it was libcurl that failed; one line.
  public var detail: String
  /// What was asked: the URL.
  public var url: String
  /// libcurl's result code, when libcurl ran.
  public var curlCode: Int?
  /// The reply so far when the headers had arrived (body cut short).
  public var partial: HTTPReply?
  public var connection: HTTPConnectionInfo

  public init(
    kind: Kind, detail: String, url: String, curlCode: Int? = nil, partial: HTTPReply? = nil,
    connection: HTTPConnectionInfo = HTTPConnectionInfo()
  ) {
    self.kind = kind
    self.detail = detail
    self.url = url
    self.curlCode = curlCode
    self.partial = partial
    self.connection = connection
  }

  public var description: String { "GET \(url): \(detail)" }
}

public enum HTTPClient {
  /// Makes the request; blocks until the reply is in, or it failed, or `timeout` passed.
  /// Loads libcurl on first use, from the first of `libraries` that opens.
  public static func get(
    _ request: HTTPRequest, libraries: [String] = CurlLibrary.sonames
  ) -> Result<HTTPReply, HTTPFailure> {
    let url = request.url.description
    func refuse(_ detail: String) -> Result<HTTPReply, HTTPFailure> {
      .failure(HTTPFailure(kind: .invalidRequest, detail: detail, url: url))
    }
    for header in request.headers {
      guard !header.name.isEmpty, header.name.utf8.allSatisfy(isTokenByte) else {
        return refuse("a request header name that is not a token: \(escaped(header.name))")
      }
      guard header.value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F || $0 == 0x09 }) else {
        return refuse("the \(header.name) header's value has control characters")
      }
    }
    guard request.maximumBodyBytes >= 0, request.maximumHeaderBytes > 0 else {
      return refuse("a negative size limit")
    }
    if case .failure(let missing) = CurlLibrary.load(libraries) {
      return .failure(HTTPFailure(kind: .unavailable, detail: missing.description, url: url))
    }
    guard request.timeout > .zero, request.connectTimeout > .zero else {
      return .failure(
        HTTPFailure(
          kind: .timedOut(stage: "before connecting to \(request.url.authority)"),
          detail: "no time left for the request", url: url))
    }

    let transfer = Transfer(request)
    var easy: CurlEasy
    do {
      easy = try CurlEasy()
    } catch {
      return .failure(HTTPFailure(kind: .setup, detail: error.message, url: url))
    }
    do {
      try configure(&easy, request, transfer)
    } catch {
      return .failure(HTTPFailure(kind: .setup, detail: error.message, url: url))
    }
    let code = easy.perform()
    return outcome(code, easy, request, transfer)
  }

  private static func configure(
    _ easy: inout CurlEasy, _ request: HTTPRequest, _ transfer: Transfer
  ) throws(CurlSetupError) {
    try easy.set(CURLOPT_URL, request.url.description, "CURLOPT_URL")
    try easy.allowHTTPOnly()
    try easy.set(CURLOPT_FOLLOWLOCATION, 0, "CURLOPT_FOLLOWLOCATION")
    try easy.set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1, "CURLOPT_HTTP_VERSION")
    // The target goes out as written ("/a/../b" is not squashed).
    try easy.set(CURLOPT_PATH_AS_IS, 1, "CURLOPT_PATH_AS_IS")
    // An empty proxy disables proxies, including http_proxy and friends in the environment.
    try easy.set(CURLOPT_PROXY, "", "CURLOPT_PROXY")
    // No signals (SIGALRM) from libcurl: other threads of the process are unaffected.
    try easy.set(CURLOPT_NOSIGNAL, 1, "CURLOPT_NOSIGNAL")
    // The connection is closed when the transfer ends, not kept for another request.
    try easy.set(CURLOPT_FORBID_REUSE, 1, "CURLOPT_FORBID_REUSE")
    // At a timeout, leave a resolver thread that is still waiting for DNS to finish on its
    // own instead of waiting for it. libcurl before 7.87 lacks the option: it then waits.
    do {
      try easy.set(ccurl_option_quick_exit, 1, "CURLOPT_QUICK_EXIT")
    } catch  where error.code == CURLE_UNKNOWN_OPTION {}
    try easy.set(
      CURLOPT_CONNECTTIMEOUT_MS, milliseconds(request.connectTimeout), "CURLOPT_CONNECTTIMEOUT_MS")
    try easy.set(CURLOPT_TIMEOUT_MS, milliseconds(request.timeout), "CURLOPT_TIMEOUT_MS")
    try easy.set(CURLOPT_SSL_VERIFYPEER, 1, "CURLOPT_SSL_VERIFYPEER")
    try easy.set(CURLOPT_SSL_VERIFYHOST, 2, "CURLOPT_SSL_VERIFYHOST")
    if let caFile = request.caFile {
      // Only this file: no certificate folder (libcurl may have one built in) either.
      try easy.set(CURLOPT_CAINFO, caFile, "CURLOPT_CAINFO")
      try easy.clear(CURLOPT_CAPATH, "CURLOPT_CAPATH")
    }

    // Header lines: the caller's, in order; "Accept:" with no value removes libcurl's
    // default "Accept: */*"; then Connection: close (one request per connection).
    var lines = request.headers.map { "\($0.name): \($0.value)" }
    if !request.headers.contains(where: { $0.name.lowercased() == "accept" }) {
      lines.append("Accept:")
    }
    lines.append("Connection: close")
    try easy.set(CURLOPT_HTTPHEADER, list: lines, "CURLOPT_HTTPHEADER")

    switch request.source {
    case .interface(let name)?:
      transfer.device = name
      try easy.set(CURLOPT_INTERFACE, "if!" + name, "CURLOPT_INTERFACE")
    case .address(let address)?:
      try easy.set(CURLOPT_INTERFACE, "host!" + address, "CURLOPT_INTERFACE")
      let family = address.contains(":") ? CURL_IPRESOLVE_V6 : CURL_IPRESOLVE_V4
      try easy.set(CURLOPT_IPRESOLVE, Int(family), "CURLOPT_IPRESOLVE")
    case nil: break
    }
    if let addresses = request.addresses, !addresses.isEmpty {
      let host = request.url.host.contains(":") ? "[\(request.url.host)]" : request.url.host
      let list = addresses.map { $0.contains(":") ? "[\($0)]" : $0 }.joined(separator: ",")
      try easy.set(
        CURLOPT_RESOLVE, list: ["\(host):\(request.url.port):\(list)"], "CURLOPT_RESOLVE")
    }

    try unsafe easy.set(
      function: CURLOPT_HEADERFUNCTION, data: CURLOPT_HEADERDATA, Transfer.headerCallback,
      context: transfer, "CURLOPT_HEADERFUNCTION")
    try unsafe easy.set(
      function: CURLOPT_WRITEFUNCTION, data: CURLOPT_WRITEDATA, Transfer.bodyCallback,
      context: transfer, "CURLOPT_WRITEFUNCTION")
    try unsafe easy.setSocketCallbacks(
      opened: Transfer.socketCallback, closing: Transfer.closeCallback, context: transfer)
  }

  /// The reply, or what went wrong, from libcurl's result and what the callbacks saw.
  private static func outcome(
    _ code: CURLcode, _ easy: borrowing CurlEasy, _ request: HTTPRequest, _ transfer: Transfer
  ) -> Result<HTTPReply, HTTPFailure> {
    let url = request.url.description
    transfer.observeOpenSockets()
    var connection = HTTPConnectionInfo(
      deviceBinding: transfer.deviceBinding, family: transfer.family)
    if let peer = easy.info(string: CURLINFO_PRIMARY_IP), !peer.isEmpty {
      connection.peerAddress = peer
      connection.peerPort = easy.info(long: CURLINFO_PRIMARY_PORT)
    } else if let peer = transfer.connectedPeer {
      connection.peerAddress = peer.address
      connection.peerPort = peer.port
    }
    if let local = easy.info(string: CURLINFO_LOCAL_IP), !local.isEmpty {
      connection.localAddress = local
    }
    let curlText = escaped(easy.message(code))
    func fail(_ kind: HTTPFailure.Kind, _ detail: String? = nil, partial: HTTPReply? = nil)
      -> Result<HTTPReply, HTTPFailure>
    {
      .failure(
        HTTPFailure(
          kind: kind, detail: detail ?? curlText, url: url, curlCode: Int(code.rawValue),
          partial: partial, connection: connection))
    }

    // The headers, read by Core's parser: it is stricter than libcurl, and what it keeps is
    // what the rest of wifirisk works with.
    var reply: HTTPReply?
    if transfer.headerComplete {
      switch HTTPResponseParser.parse(transfer.headerBlock) {
      case .failure(let error):
        return fail(.notHTTP, "the reply's headers are not HTTP (\(error))")
      case .success(var response):
        response.body = transfer.body
        response.bodyComplete = code == CURLE_OK
        reply = HTTPReply(url: request.url, response: response, connection: connection)
      }
    }

    if code == CURLE_OK, let reply { return .success(reply) }
    if transfer.stop == .body {
      return fail(
        .bodyTooLarge, "the body is longer than \(request.maximumBodyBytes) bytes; refused",
        partial: reply)
    }
    if transfer.stop == .headers {
      return fail(
        .headersTooLarge, "the headers are longer than \(request.maximumHeaderBytes) bytes")
    }
    switch code {
    case CURLE_OK:
      return fail(.notHTTP, "no HTTP reply")
    case CURLE_COULDNT_RESOLVE_HOST:
      return fail(.nameNotResolved)
    case CURLE_COULDNT_CONNECT:
      let error = Int32(easy.info(long: CURLINFO_OS_ERRNO) ?? 0)
      switch error {
      case ECONNREFUSED: return fail(.connectionRefused)
      case ETIMEDOUT:
        return fail(.timedOut(stage: "connecting to \(peerText(connection, request.url))"))
      default: return fail(.unreachable(errno: error))
      }
    case CURLE_INTERFACE_FAILED:
      return fail(.source)
    case CURLE_OPERATION_TIMEDOUT:
      return fail(.timedOut(stage: stage(easy, request, transfer, connection)), partial: reply)
    case CURLE_PEER_FAILED_VERIFICATION:
      return fail(.certificate)
    case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
      CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
      CURLE_USE_SSL_FAILED, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CRL_BADFILE:
      return fail(.tls)
    case CURLE_UNSUPPORTED_PROTOCOL where transfer.connectedPeer != nil,
      CURLE_WEIRD_SERVER_REPLY:
      // HTTP/0.9 (a reply without a status line), which libcurl refuses, and other bytes
      // that are not HTTP.
      return fail(.notHTTP)
    case CURLE_UNSUPPORTED_PROTOCOL where request.source != nil:
      // libcurl's "if!"/"host!": the source has no address of the family it needs.
      return fail(.source)
    case CURLE_PARTIAL_FILE, CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR:
      return fail(.closed, partial: reply)
    default:
      return fail(.other, partial: reply)
    }
  }

  /// Where a request that ran out of time was.
  private static func stage(
    _ easy: borrowing CurlEasy, _ request: HTTPRequest, _ transfer: Transfer,
    _ connection: HTTPConnectionInfo
  ) -> String {
    let resolved = easy.info(offset: CURLINFO_NAMELOOKUP_TIME_T) ?? 0
    let secured = easy.info(offset: CURLINFO_APPCONNECT_TIME_T) ?? 0
    if transfer.connectedPeer == nil {
      let literal = SocketAddress.literal(request.url.host, port: request.url.port) != nil
      if resolved == 0 && !literal && request.addresses == nil {
        return "resolving \(request.url.host)"
      }
      return "connecting to \(peerText(connection, request.url))"
    }
    if request.url.scheme == .https && secured == 0 {
      return "the TLS handshake with \(peerText(connection, request.url))"
    }
    return transfer.headerComplete ? "reading the body" : "waiting for the reply"
  }

  private static func peerText(_ connection: HTTPConnectionInfo, _ url: ProbeURL) -> String {
    guard let address = connection.peerAddress else { return url.authority }
    let host = address.contains(":") ? "[\(address)]" : address
    return "\(host):\(connection.peerPort ?? url.port)"
  }

  /// libcurl takes whole milliseconds, and 0 means "no limit": at least 1.
  static func milliseconds(_ duration: Duration) -> Int {
    let parts = duration.components
    let total =
      parts.seconds * 1000 + (parts.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    return Int(clamping: max(1, total))
  }

  /// Text that may come from the network or a lease, as one printable line.
  static func escaped(_ text: String) -> String {
    DisplayText.escape(Array(text.utf8))
  }

  private static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
    default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }
  }
}

/// What libcurl's callbacks collect during one transfer. Lives on the Swift side; libcurl
/// only holds an unretained pointer to it while `curl_easy_perform` runs.
final class Transfer {
  enum Stop { case headers, body }

  let maximumHeaderBytes: Int
  let maximumBodyBytes: Int
  /// The status line and headers of the latest reply (interim 1xx replies are replaced).
  var headerBlock: [UInt8] = []
  var headerComplete = false
  var headerBytes = 0
  var body: [UInt8] = []
  /// Set when a limit stopped the transfer.
  var stop: Stop?
  /// The interface to try `SO_BINDTODEVICE` on, for `.interface` sources.
  var device: String?
  var deviceBinding: Int32?
  var family: Int32?
  /// Sockets libcurl opened and has not closed yet.
  var sockets: [Int32] = []
  /// The peer of the first socket found connected: the TCP connection was made.
  var connectedPeer: SocketAddress?

  init(_ request: HTTPRequest) {
    maximumHeaderBytes = request.maximumHeaderBytes
    maximumBodyBytes = request.maximumBodyBytes
  }

  static func from(_ context: UnsafeMutableRawPointer?) -> Transfer? {
    guard let context = unsafe context else { return nil }
    return unsafe Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
  }

  /// One header line (libcurl hands them over one at a time, with their line ending).
  func header(_ line: UnsafeRawBufferPointer) -> Bool {
    headerBytes += line.count
    guard headerBytes <= maximumHeaderBytes else {
      stop = .headers
      return false
    }
    if unsafe line.starts(with: "HTTP/".utf8) {
      headerBlock = []
      headerComplete = false
    } else if headerComplete {
      return true  // trailers after a chunked body: not kept
    }
    unsafe headerBlock.append(contentsOf: line)
    if unsafe line.elementsEqual("\r\n".utf8) || line.elementsEqual("\n".utf8) {
      headerComplete = true
    }
    return true
  }

  /// Body bytes, up to the limit; past it the transfer stops.
  func bodyBytes(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let room = maximumBodyBytes - body.count
    guard bytes.count <= room else {
      unsafe body.append(contentsOf: bytes.prefix(room))
      stop = .body
      return false
    }
    unsafe body.append(contentsOf: bytes)
    return true
  }

  /// Notes each new socket's family and, for an interface source, whether the kernel lets
  /// it be bound to the interface; libcurl then binds it the same way (`if!NAME`).
  func opened(_ socket: Int32) {
    sockets.append(socket)
    var domain: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    if unsafe getsockopt(socket, SOL_SOCKET, SO_DOMAIN, &domain, &length) == 0 {
      family = domain
    }
    guard let device else { return }
    var name = Array(device.utf8)
    name.append(0)
    let result = unsafe name.withUnsafeBytes { raw in
      unsafe setsockopt(socket, SOL_SOCKET, SO_BINDTODEVICE, raw.baseAddress, socklen_t(raw.count))
    }
    deviceBinding = result == 0 ? 0 : errno
  }

  /// Notes whether `socket` got connected (it has a peer).
  func observe(_ socket: Int32) {
    guard connectedPeer == nil else { return }
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let found = unsafe withUnsafeMutablePointer(to: &storage) { pointer in
      unsafe pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
        guard unsafe getpeername(socket, address, &length) == 0 else {
          return nil as SocketAddress?
        }
        return unsafe SocketAddress(copying: address, length: Int(length))
      }
    }
    connectedPeer = found
  }

  /// Notes what each socket libcurl still holds got to (after the transfer).
  func observeOpenSockets() {
    for socket in sockets { observe(socket) }
  }

  /// Called by libcurl instead of close(2).
  func closing(_ socket: Int32) -> Int32 {
    observe(socket)
    sockets.removeAll { $0 == socket }
    return close(socket)
  }

  static let headerCallback:
    @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
      data, size, count, context in
      guard let transfer = unsafe Transfer.from(context), let data = unsafe data else { return 0 }
      let length = size * count
      let line = unsafe UnsafeRawBufferPointer(start: data, count: length)
      return unsafe transfer.header(line) ? length : 0
    }

  static let bodyCallback:
    @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
      data, size, count, context in
      guard let transfer = unsafe Transfer.from(context), let data = unsafe data else { return 0 }
      let length = size * count
      let bytes = unsafe UnsafeRawBufferPointer(start: data, count: length)
      return unsafe transfer.bodyBytes(bytes) ? length : 0
    }

  static let socketCallback:
    @convention(c) (UnsafeMutableRawPointer?, curl_socket_t, curlsocktype) -> Int32 = {
      context, socket, purpose in
      if purpose == CURLSOCKTYPE_IPCXN, let transfer = unsafe Transfer.from(context) {
        transfer.opened(socket)
      }
      return CURL_SOCKOPT_OK
    }

  static let closeCallback: @convention(c) (UnsafeMutableRawPointer?, curl_socket_t) -> Int32 = {
    context, socket in
    guard let transfer = unsafe Transfer.from(context) else { return close(socket) }
    return transfer.closing(socket)
  }
}
