import TestSupport
import Testing
import WifiRiskCore

@Suite struct CaptiveHTTPResponseTests {
  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test func parsesAStatusLineHeadersAndALengthDelimitedBody() throws {
    let reply = Self.bytes(
      "HTTP/1.1 302 Found\r\nLocation: http://192.0.2.1/login?x=1\r\nContent-Length: 5\r\n"
        + "X-Folded: a\r\n  b\r\n\r\nhello, and more")
    let response = try HTTPResponseParser.parse(reply).get()
    #expect(response.version == "HTTP/1.1")
    #expect(response.status == 302)
    #expect(response.reason == "Found")
    #expect(response.location == "http://192.0.2.1/login?x=1")
    #expect(response.header("content-length") == "5")
    #expect(response.header("X-Folded") == "a b")
    #expect(response.body == Self.bytes("hello"))
    #expect(response.bodyComplete)
    #expect(response.isRedirect)
  }

  @Test func bareLineFeedsAndAMissingReasonAreAccepted() throws {
    let response = try HTTPResponseParser.parse(Self.bytes("HTTP/1.0 204\n\n")).get()
    #expect(response.status == 204)
    #expect(response.reason == "")
    #expect(response.body.isEmpty)
  }

  @Test func a204HasNoBodyWhateverFollows() throws {
    let response = try HTTPResponseParser.parse(
      Self.bytes("HTTP/1.1 204 No Content\r\nContent-Length: 4\r\n\r\njunk")
    ).get()
    #expect(response.body.isEmpty)
  }

  @Test func chunkedBodiesAreDecoded() throws {
    let reply = Self.bytes(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nsign\r\n3\r\n in\r\n0\r\n\r\n"
    )
    let response = try HTTPResponseParser.parse(reply).get()
    #expect(response.body == Self.bytes("sign in"))
    #expect(response.bodyComplete)
  }

  @Test func aChunkedBodyCutShortIsIncomplete() throws {
    let reply = Self.bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\nsign")
    let response = try HTTPResponseParser.parse(reply).get()
    #expect(response.body == Self.bytes("sign"))
    #expect(!response.bodyComplete)
  }

  @Test func aBodyWithoutALengthIsCompleteOnlyWhenThePeerClosed() throws {
    let reply = Self.bytes("HTTP/1.1 200 OK\r\n\r\n<html>")
    #expect(try HTTPResponseParser.parse(reply).get().bodyComplete)
    #expect(try !HTTPResponseParser.parse(reply, truncated: true).get().bodyComplete)
  }

  @Test func informationalRepliesAreSkipped() throws {
    let reply = Self.bytes(
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 511 Network Authentication Required\r\n\r\n")
    #expect(try HTTPResponseParser.parse(reply).get().status == 511)
  }

  @Test(arguments: [
    ("", "empty reply"),
    ("SSH-2.0-OpenSSH_9.2\r\n", "not an HTTP status line"),
    ("HTTP/1.1 2000 OK\r\n\r\n", "not an HTTP status line"),
    ("HTTP/2 200\r\n\r\n", "not an HTTP status line"),
    ("HTTP/1.1 200 OK\r\nLocation", "the headers never ended"),
    ("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "a header line without a name"),
    ("HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "a header name with bad characters"),
    ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "a bad Content-Length"),
    ("HTTP/1.1 200 OK", "the status line never ended"),
  ])
  func garbageIsAnErrorWithAPlace(_ text: String, _ message: String) {
    guard case .failure(let error) = HTTPResponseParser.parse(Self.bytes(text)) else {
      Issue.record("parsed \(text.debugDescription)")
      return
    }
    #expect(error.message == message)
  }

  @Test func tooManyHeadersAreRefused() {
    let reply = "HTTP/1.1 200 OK\r\n" + String(repeating: "A: b\r\n", count: 200) + "\r\n"
    guard case .failure(let error) = HTTPResponseParser.parse(Self.bytes(reply)) else {
      Issue.record("parsed")
      return
    }
    #expect(error.message.contains("more than"))
  }

  @Test func headerValuesFromTheNetworkAreDisplaySafe() throws {
    let reply: [UInt8] =
      Self.bytes("HTTP/1.1 302 Found\r\nLocation: http://x/\u{1B}[31m") + [0xFF]
      + Self.bytes("\r\n\r\n")
    let location = try #require(try HTTPResponseParser.parse(reply).get().location)
    #expect(location == "http://x/\\x1b[31m\\xff")
  }

  /// Every prefix of every sample reply, and seeded mutations of them: never a trap.
  @Test func everyPrefixAndMutationIsHandled() {
    let samples = [
      "HTTP/1.1 302 Found\r\nLocation: /login\r\nContent-Length: 3\r\n\r\nabc",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
      "HTTP/1.0 511 Network Authentication Required\n"
        + "Content-Type: text/html\n\n<meta http-equiv=\"refresh\" content=\"0; url=/p\">",
    ].map(Self.bytes)
    var generator = MutationRNG(seed: 0x5EED)
    for sample in samples {
      for end in 0...sample.count { _ = HTTPResponseParser.parse(Array(sample[..<end])) }
      for _ in 0..<300 {
        var mutated = sample
        for _ in 0..<3 {
          let index = Int(generator.next() % UInt64(mutated.count))
          mutated[index] = UInt8(truncatingIfNeeded: generator.next())
        }
        if case .success(let response) = HTTPResponseParser.parse(mutated) {
          #expect((100...599).contains(response.status))
        }
      }
    }
  }
}

@Suite struct CaptiveProbeURLTests {
  @Test func parsesTheDefaultProbeURL() throws {
    let url = try #require(ProbeURL.parse("http://connectivitycheck.gstatic.com/generate_204"))
    #expect(url.scheme == .http)
    #expect(url.host == "connectivitycheck.gstatic.com")
    #expect(url.port == 80)
    #expect(url.target == "/generate_204")
    #expect(url.authority == "connectivitycheck.gstatic.com")
    #expect(url == ProbeSettings.defaultURLs[0])
  }

  @Test func portsIPv6LiteralsQueriesAndFragments() throws {
    let v6 = try #require(ProbeURL.parse("HTTP://[::1]:8080?q=1#frag"))
    #expect(v6.host == "::1")
    #expect(v6.port == 8080)
    #expect(v6.target == "/?q=1")
    #expect(v6.authority == "[::1]:8080")
    #expect(v6.isLoopback)
    let https = try #require(ProbeURL.parse("https://Portal.Example.net/api"))
    #expect(https.port == 443)
    #expect(https.host == "portal.example.net")
    #expect(!https.isLoopback)
    #expect(try #require(ProbeURL.parse("http://127.0.0.9:1/")).isLoopback)
  }

  @Test(arguments: [
    "", "connectivitycheck.gstatic.com/generate_204", "ftp://example.net/", "http://",
    "http://user:pw@example.net/", "http://exa mple.net/", "http://example.net/a b",
    "http://example.net/\r\nHost: evil", "http://example.net:0/", "http://example.net:65536/",
    "http://example.net:80a/", "http://[::1/", "http://[zz]/", "http://exam%70le.net/",
    "http://café.example/",
  ])
  func refusesWhatCouldNotGoOnTheWireSafely(_ text: String) {
    #expect(ProbeURL.parse(text) == nil)
  }

  @Test(arguments: [
    ("http://192.0.2.1/login", "http://192.0.2.1/login"),
    ("https://portal.example.net/x", "https://portal.example.net/x"),
    ("//portal.example.net/x", "http://portal.example.net/x"),
    ("/login?from=probe", "http://probe.example:8080/login?from=probe"),
    ("?retry=1", "http://probe.example:8080/dir/generate_204?retry=1"),
    ("login.html", "http://probe.example:8080/dir/login.html"),
    ("  /spaced  ", "http://probe.example:8080/spaced"),
  ])
  func resolvesLocations(_ reference: String, _ expected: String) throws {
    let base = try #require(ProbeURL.parse("http://probe.example:8080/dir/generate_204?a=b"))
    #expect(base.resolve(reference) == expected)
  }
}
