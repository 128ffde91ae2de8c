import Foundation
import Testing
import WifiRiskCore

@testable import WifiRiskWext

/// The client's behaviour that needs no Wi-Fi hardware: name checks, errno mapping, and the
/// answers of a kernel for interfaces that are not wireless (loopback) or do not exist. The
/// live paths (scan, results, association) are proven in the lab (Tests/Lab/guest/wext.sh).
@Suite struct WextClientTests {
  @Test(arguments: ["", "a-name-longer-than-15", "a/b", "nul\u{0}byte"])
  func refusesNamesThatAreNotInterfaceNames(name: String) {
    #expect(throws: WextError.badInterfaceName(name)) { try WextClient.check(name) }
  }

  @Test(arguments: ["wlan0", "wlp0s20f3", "x"])
  func acceptsInterfaceNames(name: String) throws {
    try WextClient.check(name)
  }

  @Test func mapsErrnos() {
    let op = "op"
    #expect(
      WextClient.map(EPERM, operation: op, interface: "w") == .permissionDenied(operation: op))
    #expect(
      WextClient.map(EACCES, operation: op, interface: "w") == .permissionDenied(operation: op))
    #expect(WextClient.map(EBUSY, operation: op, interface: "w") == .busy(operation: op))
    #expect(WextClient.map(ENETDOWN, operation: op, interface: "w") == .interfaceDown("w"))
    #expect(WextClient.map(ENODEV, operation: op, interface: "w") == .noSuchInterface("w"))
    #expect(WextClient.map(EOPNOTSUPP, operation: op, interface: "w") == .notWireless("w"))
    #expect(
      WextClient.map(EIO, operation: op, interface: "w") == .system(operation: op, errno: EIO))
  }

  @Test func errorsSayWhatToDo() {
    #expect(WextError.interfaceDown("wlan0").description.contains("ip link set wlan0 up"))
    #expect(WextError.permissionDenied(operation: "scan").description.contains("CAP_NET_ADMIN"))
    #expect(
      WextError.resultsTooLarge(interface: "wlan0", bytes: 65535).description.contains("--freq"))
    #expect(WextError.system(operation: "read", errno: 22).description == "read: EINVAL")
    #expect(WextError.timeout(operation: "read", after: .seconds(15)).description.contains("15 s"))
  }

  @Test func loopbackIsNotWireless() throws {
    let client = try WextClient()
    #expect(throws: WextError.notWireless("lo")) { try client.protocolName("lo") }
    #expect(throws: WextError.noSuchInterface("no-such-if0")) {
      try client.protocolName("no-such-if0")
    }
    #expect(client.interfaces().allSatisfy { $0.name != "lo" })
  }

  @Test func scanRequestsOnLoopbackFailWithoutHanging() throws {
    let client = try WextClient()
    #expect(throws: WextError.self) {
      try client.scanResultBytes("lo", timeout: .seconds(1))
    }
    #expect(throws: WextError.self) { try client.triggerScan("lo", frequencies: [2412]) }
    // A link request on a non-wireless interface answers nothing, not an error.
    let link = try client.link("lo")
    #expect(link.bssid == nil)
  }

  @Test func theClientUsesTheNativeLayout() throws {
    #expect(try WextClient().layout == .native)
  }

  @Test func trimming() {
    #expect("  wlan0 \n".trimmingSpaces == "wlan0")
    #expect(" \t ".trimmingSpaces == "")
  }
}
