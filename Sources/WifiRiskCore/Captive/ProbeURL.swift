/// An `http` or `https` URL as the connectivity probe uses it: scheme, host, port and the
/// request target (path and query). Parsed strictly: anything that could smuggle bytes into
/// a request line or a Host header (spaces, control characters, user information, a bad
/// port) is refused, so a URL from a profile, the command line or a DHCP lease can be
/// put on the wire as it is.
public struct ProbeURL: Sendable, Equatable, CustomStringConvertible {
  public enum Scheme: String, Sendable {
    case http
    case https
    var defaultPort: Int { self == .http ? 80 : 443 }
  }

  public var scheme: Scheme
  /// The host name or address literal, without the brackets of an IPv6 literal.
  public var host: String
  public var port: Int
  /// The request target: the path and the query, always starting with `/`.
  public var target: String

  public init(scheme: Scheme, host: String, port: Int? = nil, target: String = "/") {
    self.scheme = scheme
    self.host = host
    self.port = port ?? scheme.defaultPort
    self.target = target
  }

  /// `host` or `host:port` as the Host header carries it (the port only when not the
  /// scheme's default; an IPv6 literal in brackets).
  public var authority: String {
    let name = host.contains(":") ? "[\(host)]" : host
    return port == scheme.defaultPort ? name : "\(name):\(port)"
  }

  public var description: String { "\(scheme.rawValue)://\(authority)\(target)" }

  /// Whether the host is this machine: `localhost`, 127.0.0.0/8 or `::1`.
  public var isLoopback: Bool {
    let name = host.lowercased()
    if name == "localhost" || name.hasSuffix(".localhost") || name == "::1" { return true }
    guard let octets = IPv4Literal.parse(name) else { return false }
    return octets[0] == 127
  }

  /// Parses an absolute `http://` or `https://` URL; nil for anything else.
  public static func parse(_ text: String) -> ProbeURL? {
    let scalars = text.unicodeScalars
    // Only printable ASCII: no spaces, no control characters, nothing that could end a line.
    guard !scalars.isEmpty, scalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
      return nil
    }
    guard let schemeEnd = text.firstRange(of: "://") else { return nil }
    guard let scheme = Scheme(rawValue: text[..<schemeEnd.lowerBound].lowercased()) else {
      return nil
    }
    var rest = text[schemeEnd.upperBound...]
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
    let authority = rest[..<authorityEnd]
    var target = String(rest[authorityEnd...])
    if target.isEmpty {
      target = "/"
    } else if target.hasPrefix("?") {
      target = "/" + target
    }
    guard !authority.contains("@"), !authority.contains("%") else { return nil }

    var host: Substring
    var portText: Substring?
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else { return nil }
      host = authority[authority.index(after: authority.startIndex)..<close]
      let after = authority[authority.index(after: close)...]
      if !after.isEmpty {
        guard after.hasPrefix(":") else { return nil }
        portText = after.dropFirst()
      }
      guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
        return nil
      }
    } else {
      if let colon = authority.firstIndex(of: ":") {
        host = authority[..<colon]
        portText = authority[authority.index(after: colon)...]
      } else {
        host = authority
      }
      let allowed = { (c: Character) in
        c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "." || c == "_")
      }
      guard !host.isEmpty, host.allSatisfy(allowed) else { return nil }
    }
    var port: Int?
    if let portText {
      guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCII),
        let number = Int(portText), (1...65535).contains(number)
      else { return nil }
      port = number
    }
    return ProbeURL(scheme: scheme, host: host.lowercased(), port: port, target: target)
  }

  /// Resolves a reference found in a reply (a `Location` header, a refresh link) against
  /// this URL, as RFC 3986 section 5.2 does for the forms portals use: absolute,
  /// scheme-relative (`//host/path`), absolute-path and relative-path references. The
  /// result is text for display and for the report, never fetched.
  public func resolve(_ reference: String) -> String {
    let trimmed = reference.trimmingASCIISpaces
    if trimmed.isEmpty { return description }
    let lower = trimmed.lowercased()
    if let colon = lower.firstIndex(of: ":"),
      lower[..<colon].allSatisfy({
        $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0))
      }),
      lower.first?.isLetter == true
    {
      return trimmed
    }
    let base = "\(scheme.rawValue)://\(authority)"
    if trimmed.hasPrefix("//") { return "\(scheme.rawValue):\(trimmed)" }
    if trimmed.hasPrefix("/") { return base + trimmed }
    if trimmed.hasPrefix("?") {
      let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
      return base + path + trimmed
    }
    let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
    let directory = path.lastIndex(of: "/").map { path[...$0] } ?? "/"
    return base + directory + trimmed
  }
}

/// Dotted-quad IPv4 literals.
enum IPv4Literal {
  static func parse<S: StringProtocol>(_ text: S) -> [UInt8]? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return nil }
    var octets: [UInt8] = []
    for part in parts {
      guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
        let value = UInt8(part)
      else { return nil }
      octets.append(value)
    }
    return octets
  }
}

extension StringProtocol {
  /// The text without leading and trailing ASCII spaces, tabs, CR and LF.
  var trimmingASCIISpaces: String {
    let isSpace = { (c: Character) in c == " " || c == "\t" || c == "\r" || c == "\n" || c == "\r\n"
    }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[first...last])
  }
}
