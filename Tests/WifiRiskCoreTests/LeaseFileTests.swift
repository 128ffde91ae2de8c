import Foundation
import Testing
import WifiRiskCore

@Suite struct LeaseFileTests {
  static let uri = "https://portal.example.net/captive-api"

  static func text(_ name: String) throws -> String {
    try String(decoding: Fixtures.bytes("leases/" + name), as: UTF8.self)
  }

  @Test(
    arguments: [
      ("dhclient/default-url.leases", uri),
      ("dhclient/custom-name.leases", uri),
      ("dhclient/synthetic-unknown-114.leases", uri),
      ("dhclient/unrestricted.leases", CaptivePortalURI.unrestricted),
      ("dhclient/escaped.leases", "https://portal.example.net/api?venue=café&lang=en"),
      ("dhclient/absent.leases", nil),
    ] as [(String, String?)])
  func dhclientLeasesRecordedWithAndWithoutOption114(_ file: String, _ expected: String?) throws {
    let leases = LeaseFiles.dhclient(try Self.text(file))
    #expect(leases.count == 1)
    let lease = try #require(leases.first)
    #expect(lease.client == .dhclient)
    #expect(lease.interface == "cp-cli0")
    #expect(lease.address == "192.0.2.69")
    #expect(lease.captivePortal == expected)
    #expect(lease.saysUnrestricted == (expected == CaptivePortalURI.unrestricted))
  }

  @Test func theLastLeaseOfARenewedFileIsTheCurrentOne() throws {
    let leases = LeaseFiles.dhclient(try Self.text("dhclient/renewed.leases"))
    #expect(leases.map(\.captivePortal) == [nil, Self.uri])
  }

  @Test func aTruncatedFileKeepsNoHalfLease() throws {
    #expect(LeaseFiles.dhclient(try Self.text("dhclient/bad-truncated.leases")).isEmpty)
  }

  @Test func otherBlocksAndCommentsAreSkipped() {
    let text = """
      # written by hand
      default-duid "\\000\\001";
      lease6 { interface "wlan0"; ia-na 1 { iaaddr 2001:db8::1 { } } option default-url "x"; }
      lease { interface "wlan0"; fixed-address 198.51.100.7; option default-url "https://a.example/"; }
      """
    let leases = LeaseFiles.dhclient(text)
    #expect(
      leases == [
        LeaseEntry(
          client: .dhclient, interface: "wlan0", address: "198.51.100.7",
          captivePortal: "https://a.example/")
      ])
  }

  @Test func controlCharactersInTheOptionAreEscaped() {
    let text = #"lease { interface "w"; option default-url "https://a/\033[2J"; }"#
    #expect(LeaseFiles.dhclient(text).first?.captivePortal == "https://a/\\x1b[2J")
  }

  @Test func networkd252StoresNoCaptivePortal() throws {
    let lease = LeaseFiles.networkd(try Self.text("systemd-networkd/lease-252"))
    #expect(lease.client == .systemdNetworkd)
    #expect(lease.address == "192.0.2.69")
    #expect(lease.captivePortal == nil)
    #expect(LeaseFiles.networkd(try Self.text("systemd-networkd/link-252")).captivePortal == nil)
  }

  @Test func networkd254WritesItIntoTheLinkStateFile() throws {
    let link = LeaseFiles.networkd(try Self.text("systemd-networkd/synthetic-link-254-captive"))
    #expect(link.captivePortal == Self.uri)
    #expect(link.address == nil)
  }

  @Test func networkdJSONLeasesAreReadToo() {
    let json = #"{"Address": [192, 0, 2, 69], "CaptivePortal": "https://p.example/api"}"#
    let lease = LeaseFiles.networkd(json)
    #expect(lease.address == "192.0.2.69")
    #expect(lease.captivePortal == "https://p.example/api")
    #expect(LeaseFiles.networkd("{ not json").captivePortal == nil)
  }

  @Test func networkManagersInternalLeaseHasOnlyTheAddress() throws {
    let lease = LeaseFiles.networkManagerInternal(
      try Self.text("NetworkManager/synthetic-internal-nettools.lease"))
    #expect(lease.client == .networkManager)
    #expect(lease.address == "192.0.2.69")
    #expect(lease.captivePortal == nil)
  }

  @Test func keyValuesSkipCommentsAndUnquote() {
    let values = LeaseFiles.keyValues("# c\nA=1\nB=\"two words\"\nnonsense\n=x\nA=3\n")
    #expect(values == ["A": "3", "B": "two words"])
  }

  /// Every prefix of every lease fixture: never a trap.
  @Test func everyPrefixIsHandled() throws {
    let folder = Fixtures.url("leases")
    let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
      .filter { !$0.hasSuffix(".md") && $0.contains("/") }
    #expect(files.count >= 10)
    for file in files {
      let bytes = try Fixtures.bytes("leases/" + file)
      for end in stride(from: 0, through: bytes.count, by: 3) {
        let text = String(decoding: bytes[..<end], as: UTF8.self)
        _ = LeaseFiles.dhclient(text)
        _ = LeaseFiles.networkd(text)
      }
    }
  }

  /// An empty option 114 names no API (found by fuzzing:
  /// Tests/Fuzz/regressions/regress-leases-empty-option-114).
  @Test(arguments: ["option default-url \"\";", "option unknown-114 00;"])
  func anEmptyOption114IsNone(_ option: String) throws {
    let text = "lease {\n  interface \"wlan0\";\n  \(option)\n}\n"
    let lease = try #require(LeaseFiles.dhclient(text).first)
    #expect(lease.captivePortal == nil)
    let found = LeaseFiles.dhclient(
      String(decoding: try Fixtures.regression("regress-leases-empty-option-114"), as: UTF8.self))
    #expect(found.allSatisfy { $0.captivePortal.map { !$0.isEmpty } ?? true })
  }
}
