import Foundation
import TestSupport
import Testing
import WifiRiskCore
import WifiRiskHTTP
import WifiRiskSystem

/// The whole check `wifirisk now` runs for the current connection, on loopback: a lease
/// file naming the portal API, the probe, and the API request.
@Suite struct PortalCheckTests {
  /// A throwaway root holding `var/lib/dhcp/dhclient.leases` for `lo`.
  static func leaseRoot(apiURI: String?) throws -> String {
    let root = NSTemporaryDirectory() + "wifirisk-portal-\(UUID().uuidString)"
    let directory = root + "/var/lib/dhcp"
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true)
    let option = apiURI.map { "  option default-url \"\($0)\";\n" } ?? ""
    let lease =
      "lease {\n  interface \"lo\";\n  fixed-address 127.0.0.1;\n\(option)"
      + "  expire 3 2036/11/25 12:49:47;\n}\n"
    try Data(lease.utf8).write(to: URL(fileURLWithPath: directory + "/dhclient.lo.leases"))
    return root
  }

  static func settings(_ url: ProbeURL, timeout: Double = 3) -> ProbeSettings {
    ProbeSettings(urls: [url], timeoutSeconds: timeout)
  }

  @Test func captiveWithThePortalAndTheAPIsAnswer() throws {
    let server = try PortalServer.shared.get()
    let root = try Self.leaseRoot(apiURI: "http://127.0.0.1:\(server.port)/api/captive")
    defer { try? FileManager.default.removeItem(atPath: root) }
    let report = PortalCheck.run(
      interface: "lo", ifindex: InterfaceAddresses.index(of: "lo"),
      settings: Self.settings(server.url("/redirect")), leaseRoot: root)
    #expect(report.state == .captive)
    #expect(report.portalURL == "http://127.0.0.1:\(server.port)/login?from=probe")
    #expect(report.httpStatus == 302)
    #expect(report.probeURL == "http://127.0.0.1:\(server.port)/redirect")
    #expect(report.leaseAPIURI == "http://127.0.0.1:\(server.port)/api/captive")
    #expect(report.api?.captive == true)
    #expect(report.api?.secondsRemaining == 600)
    #expect(report.notes.contains { $0.contains("from dhclient's lease /var/lib/dhcp/") })

    let json = report.json
    #expect(json["state"] == .string("captive"))
    #expect(json["api"]?["user_portal_url"] == .string("http://127.0.0.1:\(server.port)/login"))
    #expect(json["http_status"] == .integer(302))
  }

  @Test func anAPIThatSaysCaptiveWinsOverAnOnlineProbe() throws {
    let server = try PortalServer.shared.get()
    let root = try Self.leaseRoot(apiURI: "http://127.0.0.1:\(server.port)/api/captive")
    defer { try? FileManager.default.removeItem(atPath: root) }
    let report = PortalCheck.run(
      interface: "lo", ifindex: nil, settings: Self.settings(server.url("/generate_204")),
      leaseRoot: root)
    #expect(report.state == .captive)
    #expect(report.portalURL == "http://127.0.0.1:\(server.port)/login")
  }

  @Test func onlineWithAnAPIThatSaysOpen() throws {
    let server = try PortalServer.shared.get()
    let root = try Self.leaseRoot(apiURI: "http://127.0.0.1:\(server.port)/api/open")
    defer { try? FileManager.default.removeItem(atPath: root) }
    let report = PortalCheck.run(
      interface: "lo", ifindex: nil, settings: Self.settings(server.url("/generate_204")),
      leaseRoot: root)
    #expect(report.state == .online)
    #expect(report.api?.captive == false)
  }

  @Test func theAPIsRedirectIsNotFollowed() throws {
    let server = try PortalServer.shared.get()
    let root = try Self.leaseRoot(apiURI: "http://127.0.0.1:\(server.port)/api/redirect")
    defer { try? FileManager.default.removeItem(atPath: root) }
    let report = PortalCheck.run(
      interface: "lo", ifindex: nil, settings: Self.settings(server.url("/generate_204")),
      leaseRoot: root)
    #expect(report.state == .online)
    #expect(report.api == nil)
    #expect(report.notes.contains { $0.contains("answered HTTP 302") })
  }

  @Test func anAPIOverPlainHTTPOffThisMachineIsNotAsked() {
    let result = CaptivePortalAPIRequest.fetch(
      uri: "http://192.0.2.1/api", timeout: 1, userAgent: "wifirisk/test")
    guard case .failure(let problem) = result else {
      Issue.record("fetched")
      return
    }
    #expect(problem.message.contains("requires https"))
  }

  @Test func noProbeSendsNothingButStillReadsTheLease() throws {
    let root = try Self.leaseRoot(apiURI: "https://portal.example.net/api")
    defer { try? FileManager.default.removeItem(atPath: root) }
    var settings = ProbeSettings.defaults
    settings.enabled = false
    let report = PortalCheck.run(
      interface: "lo", ifindex: nil, settings: settings, leaseRoot: root)
    #expect(report.state == .notProbed)
    #expect(report.probeURL == nil)
    #expect(report.api == nil)
    #expect(report.leaseAPIURI == "https://portal.example.net/api")
  }

  @Test func aStaleLeaseForAnotherAddressIsSkipped() throws {
    let root = NSTemporaryDirectory() + "wifirisk-portal-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(
      atPath: root + "/var/lib/dhcp", withIntermediateDirectories: true)
    let lease =
      "lease { interface \"lo\"; fixed-address 198.51.100.9; option default-url \"https://old.example/\"; }\n"
    try Data(lease.utf8).write(
      to: URL(fileURLWithPath: root + "/var/lib/dhcp/dhclient.leases"))
    let found = PortalLeases.find(
      interface: "lo", ifindex: nil, addresses: ["127.0.0.1"], root: root)
    #expect(found.uri == nil)
    #expect(found.notes.contains { $0.contains("no longer has") })
  }

  @Test func theRecordedLeasesAreFoundWhereTheClientsPutThem() throws {
    let fixtures = Repository.fixture("leases")
    let root = NSTemporaryDirectory() + "wifirisk-portal-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: root) }
    let manager = FileManager.default
    for directory in ["/run/systemd/netif/links", "/var/lib/dhcp"] {
      try manager.createDirectory(atPath: root + directory, withIntermediateDirectories: true)
    }
    try manager.copyItem(
      atPath: fixtures.appendingPathComponent("dhclient/renewed.leases").path,
      toPath: root + "/var/lib/dhcp/dhclient.cp-cli0.leases")
    var found = PortalLeases.find(
      interface: "cp-cli0", ifindex: 5, addresses: ["192.0.2.69"], root: root)
    #expect(found.uri == "https://portal.example.net/captive-api")
    #expect(found.file == "/var/lib/dhcp/dhclient.cp-cli0.leases")

    try manager.copyItem(
      atPath: fixtures.appendingPathComponent("systemd-networkd/synthetic-link-254-captive").path,
      toPath: root + "/run/systemd/netif/links/5")
    found = PortalLeases.find(
      interface: "cp-cli0", ifindex: 5, addresses: ["192.0.2.69"], root: root)
    #expect(found.file == "/run/systemd/netif/links/5")
  }
}
