import Foundation
import TestSupport
import Testing
import WifiRiskCore

/// What only a fresh process can show, through `http-check` (Tests/HTTPCheck): libcurl is
/// not mapped until a request is made, a missing libcurl is named, and proxies from the
/// environment are ignored.
@Suite struct SeparateProcessTests {
  /// `http-check`, built beside the test bundle.
  static var tool: URL {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
      .appendingPathComponent("http-check")
  }

  static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (
    status: Int32, lines: [String]
  ) {
    let process = Process()
    process.executableURL = tool
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    return (process.terminationStatus, text.split(separator: "\n").map(String.init))
  }

  @Test func libcurlIsMappedOnlyOnceARequestIsMade() throws {
    let servers = try HTTPSServers.get()
    let (status, lines) = try Self.run([servers.http("/json").description])
    #expect(status == 0)
    #expect(lines.count == 3)
    #expect(lines.first?.hasPrefix("before: libcurl mapped=no,") == true)
    #expect(lines.dropFirst().first == "reply: 200 31")
    #expect(lines.last?.hasPrefix("after: libcurl mapped=yes,") == true)
  }

  @Test func aMissingLibcurlIsNamedWithWhatToInstall() throws {
    let servers = try HTTPSServers.get()
    let url = servers.http("/json")
    let (status, lines) = try Self.run(["--library", "libcurl-none.so.9", url.description])
    #expect(status == 1)
    #expect(
      lines.dropFirst().first
        == "failure: GET \(url): libcurl is not installed (libcurl-none.so.9: cannot open "
        + "shared object file: No such file or directory); install Debian's libcurl4 (or "
        + "libcurl3-gnutls) to make HTTP requests")
    #expect(lines.last?.hasPrefix("after: libcurl mapped=no,") == true)
  }

  @Test func proxiesNamedInTheEnvironmentAreNotUsed() throws {
    let servers = try HTTPSServers.get()
    let proxy = "http://127.0.0.1:\(servers.closedPort)"
    let environment = [
      "http_proxy": proxy, "https_proxy": proxy, "HTTPS_PROXY": proxy, "ALL_PROXY": proxy,
      "all_proxy": proxy,
    ]
    for url in [servers.http("/json"), servers.https("/json")] {
      let (status, lines) = try Self.run(
        ["--ca", servers.caFile, url.description], environment: environment)
      #expect(status == 0)
      #expect(lines.dropFirst().first == "reply: 200 31")
    }
  }
}
