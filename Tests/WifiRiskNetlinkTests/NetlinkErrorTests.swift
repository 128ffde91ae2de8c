import Glibc
import Testing
import WifiRiskCore

@testable import WifiRiskNetlink

@Suite struct NetlinkErrorTests {
  @Test(arguments: [
    (EPERM, NetlinkError.permissionDenied(operation: "trigger scan")),
    (EACCES, .permissionDenied(operation: "trigger scan")),
    (EBUSY, .busy(operation: "trigger scan")),
    (ENODEV, .noSuchInterface(99)),
    (EOPNOTSUPP, .kernel(operation: "trigger scan", errno: EOPNOTSUPP)),
    (EINVAL, .kernel(operation: "trigger scan", errno: EINVAL)),
  ])
  func kernelErrnosMapToTheirCases(_ errno: Int32, _ expected: NetlinkError) {
    #expect(NL80211Client.map(errno: errno, operation: "trigger scan", ifindex: 99) == expected)
  }

  @Test func netDownNamesTheInterfaceWhenItExists() {
    // Index 1 is the loopback interface on Linux.
    #expect(
      NL80211Client.map(errno: ENETDOWN, operation: "x", ifindex: 1) == .interfaceDown("lo"))
    #expect(
      NL80211Client.map(errno: ENETDOWN, operation: "x", ifindex: 999_999) == .interfaceDown(nil))
  }

  @Test func descriptionsAreOneLine() {
    let errors: [NetlinkError] = [
      .nl80211Unavailable, .permissionDenied(operation: "trigger scan"),
      .busy(operation: "trigger scan"), .interfaceDown("wlan0"), .interfaceDown(nil),
      .noSuchInterface(7), .timeout(operation: "trigger scan", after: .milliseconds(2500)),
      .kernel(operation: "read scan results", errno: 95),
      .libnl(operation: "connect", code: 5, message: "Out of memory"),
      .malformedReply(operation: "list stations", .truncatedMessage(length: 18)),
    ]
    for error in errors {
      #expect(!error.description.isEmpty)
      #expect(!error.description.contains("\n"))
    }
    #expect(
      NetlinkError.timeout(operation: "trigger scan", after: .milliseconds(2500)).description
        == "trigger scan: timed out after 2.5 s")
    #expect(
      NetlinkError.kernel(operation: "get", errno: 95).description
        == "get: kernel error 95 (EOPNOTSUPP)")
  }

  @Test func libnlErrorsKeepLibnlsOwnText() {
    let error = Libnl.error("connect", -5)
    guard case .libnl(let operation, let code, let message) = error else {
      Issue.record("expected a libnl error, got \(error)")
      return
    }
    #expect(operation == "connect")
    #expect(code == 5)
    #expect(!message.isEmpty)
  }

  /// Opens a real generic netlink socket. On a kernel without cfg80211 (like CI's) the
  /// family is missing and that must be the error; with cfg80211 the dump must succeed.
  @Test func connectsOrReportsNL80211Unavailable() {
    do {
      let client = try NL80211Client(replyTimeout: .seconds(2))
      _ = try client.interfaces()
    } catch {
      #expect(error == .nl80211Unavailable)
    }
  }
}
