/// One header line of an HTTP reply, as received (the name keeps its case).
public struct HTTPHeader: Sendable, Equatable {
  public var name: String
  public var value: String

  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// An HTTP/1.x reply to the connectivity probe. Whoever answers may be a portal, a proxy or
/// something pretending to be either, so the bytes are strangers' bytes: the parser never
/// traps, bounds what it keeps, and says where it gave up.
public struct HTTPResponse: Sendable, Equatable {
  /// `HTTP/1.1`, `HTTP/1.0`, ...
  public var version: String
  public var status: Int
  public var reason: String
  public var headers: [HTTPHeader]
  /// The body, with chunked transfer coding removed and cut at `Content-Length`.
  public var body: [UInt8]
  /// False when the body ended early: the connection closed or the reader stopped (size
  /// cap, deadline) before `Content-Length` bytes or the last chunk arrived.
  public var bodyComplete: Bool

  public init(
    version: String = "HTTP/1.1", status: Int, reason: String = "", headers: [HTTPHeader] = [],
    body: [UInt8] = [], bodyComplete: Bool = true
  ) {
    self.version = version
    self.status = status
    self.reason = reason
    self.headers = headers
    self.body = body
    self.bodyComplete = bodyComplete
  }

  /// The first header with this name (names compare case-insensitively).
  public func header(_ name: String) -> String? {
    let wanted = name.lowercased()
    return headers.first { $0.name.lowercased() == wanted }?.value
  }

  /// The `Location` header, when present and not empty.
  public var location: String? {
    guard let value = header("Location")?.trimmingASCIISpaces, !value.isEmpty else { return nil }
    return value
  }

  public var isRedirect: Bool { (300...399).contains(status) && status != 304 }
}

/// Where and why a reply could not be read as HTTP.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Byte offset into the reply.
  public var offset: Int
  public var message: String

  public init(offset: Int, message: String) {
    self.offset = offset
    self.message = message
  }

  public var description: String { "byte \(offset): \(message)" }
}

public enum HTTPResponseParser {
  /// Header lines beyond this many are refused.
  public static let maximumHeaders = 128

  /// Parses a reply. `truncated` says that the reader stopped before the peer closed the
  /// connection (size cap or deadline), so a body without a length is incomplete.
  /// Informational (1xx) replies before the final one are skipped.
  public static func parse(_ bytes: [UInt8], truncated: Bool = false) -> Result<
    HTTPResponse, HTTPParseError
  > {
    var start = 0
    // A server may send any number of 1xx replies first; each is at least one line.
    while true {
      switch parseOne(bytes, from: start, truncated: truncated) {
      case .failure(let error): return .failure(error)
      case .success(let (response, headerEnd)):
        if (100...199).contains(response.status) && response.status != 101
          && headerEnd < bytes.count
        {
          start = headerEnd
          continue
        }
        return .success(response)
      }
    }
  }

  private static func parseOne(_ bytes: [UInt8], from start: Int, truncated: Bool) -> Result<
    (HTTPResponse, Int), HTTPParseError
  > {
    var lines = LineReader(bytes: bytes, index: start)
    guard let statusLine = lines.next() else {
      return .failure(
        HTTPParseError(
          offset: start,
          message: bytes.count == start ? "empty reply" : "the status line never ended"))
    }
    let status: (version: String, code: Int, reason: String)
    switch parseStatusLine(bytes[statusLine]) {
    case .some(let parsed): status = parsed
    case .none:
      return .failure(
        HTTPParseError(offset: statusLine.lowerBound, message: "not an HTTP status line"))
    }

    var headers: [HTTPHeader] = []
    while true {
      guard let line = lines.next() else {
        return .failure(
          HTTPParseError(offset: lines.index, message: "the headers never ended"))
      }
      if line.isEmpty { break }
      // obs-fold: a continuation line belongs to the previous header (RFC 9112 5.2).
      if let first = bytes[line].first, first == 0x20 || first == 0x09, !headers.isEmpty {
        headers[headers.count - 1].value += " " + text(bytes[line]).trimmingASCIISpaces
        continue
      }
      guard headers.count < maximumHeaders else {
        return .failure(
          HTTPParseError(offset: line.lowerBound, message: "more than \(maximumHeaders) headers"))
      }
      guard let colon = bytes[line].firstIndex(of: UInt8(ascii: ":")), colon > line.lowerBound
      else {
        return .failure(
          HTTPParseError(offset: line.lowerBound, message: "a header line without a name"))
      }
      let name = text(bytes[line.lowerBound..<colon])
      guard name.utf8.allSatisfy(isTokenByte) else {
        return .failure(
          HTTPParseError(offset: line.lowerBound, message: "a header name with bad characters"))
      }
      headers.append(
        HTTPHeader(
          name: name, value: text(bytes[(colon + 1)..<line.upperBound]).trimmingASCIISpaces))
    }
    let headerEnd = lines.index
    var response = HTTPResponse(
      version: status.version, status: status.code, reason: status.reason, headers: headers)
    let rest = bytes[headerEnd...]

    // No body for 1xx, 204 and 304 replies, whatever the headers say (RFC 9112 6.3).
    if (100...199).contains(status.code) || status.code == 204 || status.code == 304 {
      return .success((response, headerEnd))
    }
    let encoding = response.header("Transfer-Encoding")?.lowercased() ?? ""
    if encoding.split(separator: ",").last?.trimmingASCIISpaces == "chunked" {
      let (body, complete) = dechunk(rest)
      response.body = body
      response.bodyComplete = complete
    } else if let lengthText = response.header("Content-Length") {
      guard let length = Int(lengthText.trimmingASCIISpaces), length >= 0 else {
        return .failure(HTTPParseError(offset: headerEnd, message: "a bad Content-Length"))
      }
      response.body = Array(rest.prefix(length))
      response.bodyComplete = rest.count >= length
    } else {
      response.body = Array(rest)
      response.bodyComplete = !truncated
    }
    return .success((response, bytes.count))
  }

  /// `HTTP/1.1 302 Found`: the version, a three-digit code and an optional reason.
  private static func parseStatusLine(_ line: ArraySlice<UInt8>) -> (String, Int, String)? {
    let parts = line.split(separator: 0x20, maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count >= 2 else { return nil }
    let version = text(parts[0])
    guard version.hasPrefix("HTTP/1."), version.count == 8 else { return nil }
    let code = parts[1]
    guard code.count == 3, code.allSatisfy({ (0x30...0x39).contains($0) }),
      let number = Int(text(code)), (100...599).contains(number)
    else { return nil }
    return (version, number, parts.count > 2 ? text(parts[2]) : "")
  }

  /// Removes chunked transfer coding; stops quietly at the first thing that is not a chunk.
  static func dechunk(_ bytes: ArraySlice<UInt8>) -> ([UInt8], complete: Bool) {
    var lines = LineReader(bytes: Array(bytes), index: 0)
    var body: [UInt8] = []
    let data = lines.bytes
    while let sizeLine = lines.next() {
      let sizeText = text(data[sizeLine]).split(separator: ";").first.map(String.init) ?? ""
      guard let size = Int(sizeText.trimmingASCIISpaces, radix: 16), size >= 0 else {
        return (body, false)
      }
      if size == 0 { return (body, true) }
      let available = data.count - lines.index
      guard size <= available else {
        body += data[lines.index...]
        return (body, false)
      }
      body += data[lines.index..<(lines.index + size)]
      lines.index += size
      // The CRLF after the chunk's data.
      guard let end = lines.next(), end.isEmpty else { return (body, false) }
    }
    return (body, false)
  }

  private static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
    default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }
  }

  private static func text<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    DisplayText.escape(bytes)
  }
}

/// Lines ending in CRLF or a bare LF, as ranges into the bytes (without the line ending).
struct LineReader {
  let bytes: [UInt8]
  var index: Int

  /// The next complete line; nil when no line ending follows.
  mutating func next() -> Range<Int>? {
    guard index <= bytes.count,
      let newline = bytes[index...].firstIndex(of: 0x0A)
    else { return nil }
    var end = newline
    if end > index && bytes[end - 1] == 0x0D { end -= 1 }
    defer { index = newline + 1 }
    return index..<end
  }
}
