import Foundation
import Glibc
import Testing
import WifiRiskCore
import WifiRiskSupplicant

@Suite(.serialized) struct SupplicantControlTests {
  @Test func unreachableSocketIsNil() {
    let status = SupplicantControl.status(
      interface: "wlan0", directories: ["/nonexistent-wifirisk-dir"], timeout: .milliseconds(200))
    #expect(status == nil)
  }

  @Test(arguments: ["", ".", "..", "../etc", "a/b"])
  func interfaceNamesThatAreNotOnePathComponentAreRefused(_ name: String) {
    #expect(
      SupplicantControl.request(
        "STATUS", interface: name, directories: ["/tmp"], timeout: .milliseconds(100)) == nil)
  }

  /// A stand-in wpa_supplicant on a unix datagram socket: it answers the first command with an
  /// unsolicited event and then the STATUS text, as a real one may.
  @Test func talksToASupplicantSocketAndCleansUp() throws {
    let directory = "/tmp/wifirisk-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let server = try FakeSupplicant(path: directory + "/wlan9")
    let reply =
      "bssid=02:00:00:00:02:02\nfreq=2412\nssid=caf\\xc3\\xa9\nkey_mgmt=SAE\npmf=2\n"
      + "wpa_state=COMPLETED\n"
    let thread = Thread { server.answerOnce(["<3>CTRL-EVENT-SCAN-STARTED", reply]) }
    thread.start()

    let status = try #require(
      SupplicantControl.status(
        interface: "wlan9", directories: ["/nonexistent-wifirisk-dir", directory],
        timeout: .seconds(5)))
    #expect(status.isConnected)
    #expect(status.ssid == Array("café".utf8))
    #expect(status.keyManagement == "SAE")
    #expect(status.pmf == 2)
    #expect(server.received() == "STATUS")

    let leftovers = try FileManager.default.contentsOfDirectory(atPath: "/tmp")
      .filter { $0.hasPrefix("wifirisk-ctrl-\(getpid())-") }
    #expect(leftovers.isEmpty)
  }

  @Test func silentSupplicantTimesOut() throws {
    let directory = "/tmp/wifirisk-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let server = try FakeSupplicant(path: directory + "/wlan9")
    let clock = ContinuousClock()
    let start = clock.now
    let status = SupplicantControl.status(
      interface: "wlan9", directories: [directory], timeout: .milliseconds(300))
    #expect(status == nil)
    #expect(clock.now - start < .seconds(3))
    _ = server
  }
}

/// A bound unix datagram socket standing in for wpa_supplicant's control socket.
final class FakeSupplicant: @unchecked Sendable {
  private let descriptor: Int32
  private let lock = NSLock()
  private var command: String?

  struct SetupError: Error {}

  init(path: String) throws {
    descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
    guard descriptor >= 0 else { throw SetupError() }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    unsafe withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (index, byte) in bytes.enumerated() { unsafe raw[index] = byte }
    }
    let result = unsafe withUnsafePointer(to: &address) { pointer in
      unsafe pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        unsafe bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard result == 0 else {
      close(descriptor)
      throw SetupError()
    }
  }

  deinit { close(descriptor) }

  func received() -> String? {
    lock.lock()
    defer { lock.unlock() }
    return command
  }

  /// Waits (at most 5 s) for one command and sends `replies` back to its sender.
  func answerOnce(_ replies: [String]) {
    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    guard unsafe poll(&poller, 1, 5000) == 1 else { return }
    var buffer = [UInt8](repeating: 0, count: 4096)
    var from = sockaddr_un()
    var fromLength = socklen_t(MemoryLayout<sockaddr_un>.size)
    let count = unsafe buffer.withUnsafeMutableBytes { raw in
      unsafe withUnsafeMutablePointer(to: &from) { pointer in
        unsafe pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          unsafe recvfrom(descriptor, raw.baseAddress, raw.count, 0, $0, &fromLength)
        }
      }
    }
    guard count >= 0 else { return }
    lock.lock()
    command = String(decoding: buffer.prefix(count), as: UTF8.self)
    lock.unlock()
    for reply in replies {
      let bytes = Array(reply.utf8)
      _ = unsafe bytes.withUnsafeBytes { raw in
        unsafe withUnsafePointer(to: &from) { pointer in
          unsafe pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            unsafe sendto(descriptor, raw.baseAddress, raw.count, 0, $0, fromLength)
          }
        }
      }
    }
  }
}
