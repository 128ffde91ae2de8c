import Foundation
import Testing
import WifiRiskCore

@testable import WifiRiskIwd

/// The bus layer against a real dbus-daemon of the test's own (no system bus needed):
/// libsystemd opened with dlopen, method calls, and replies read into `BusValue`s.
@Suite(.enabled(if: PrivateBus.available, "needs dbus-daemon (Debian package dbus)"))
struct BusTests {
  @Test func readsAReplyWithVariantsAndDictionaries() throws {
    let daemon = try PrivateBus()
    let bus = try BusConnection(address: daemon.address)
    let names = try bus.call(
      "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "ListNames")
    guard case .array(let list) = try #require(names.first) else {
      Issue.record("ListNames: not an array: \(names)")
      return
    }
    // our own connection is the one unique name besides the bus
    let unique = try #require(list.compactMap(\.text).first { $0.hasPrefix(":") })
    let reply = try bus.call(
      "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
      "GetConnectionCredentials", arguments: [unique])
    let credentials = try #require(reply.first?.dictionary)
    #expect(credentials["ProcessID"]?.integer == Int(getpid()))
    #expect(credentials["UnixUserID"]?.integer == Int(getuid()))
    guard case .variant(.uint32) = try #require(credentials["ProcessID"]) else {
      Issue.record("ProcessID is not a variant holding a uint32")
      return
    }
  }

  /// A name nobody owns is an error reply saying so, and the service is not started for it.
  @Test func aMissingServiceIsARemoteError() throws {
    let daemon = try PrivateBus()
    let bus = try BusConnection(address: daemon.address)
    #expect {
      _ = try bus.call(Iwd.service, "/", "org.freedesktop.DBus.ObjectManager", "GetManagedObjects")
    } throws: { error in
      (error as? BusError)?.isServiceMissing == true
    }
  }

  @Test func aBusThatIsNotThereCannotBeReached() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("wifirisk-no-bus-\(UUID().uuidString)").path
    #expect(throws: BusError.connect(errno: ENOENT)) {
      _ = try BusConnection(address: "unix:path=" + path)
    }
  }

  /// With the system bus pointed at a bus where iwd is not running, `now` learns nothing and
  /// is told nothing went wrong.
  @Test func noIwdMeansNothingNegotiated() throws {
    let daemon = try PrivateBus()
    _ = unsafe setenv("DBUS_SYSTEM_BUS_ADDRESS", daemon.address, 1)
    defer { _ = unsafe unsetenv("DBUS_SYSTEM_BUS_ADDRESS") }
    #expect(try IwdClient.negotiated(interface: "wlan0") == nil)
  }
}

/// A dbus-daemon of the test's own on a socket in a temporary folder, stopped when the value
/// goes away.
struct PrivateBus: ~Copyable {
  static let daemon = "/usr/bin/dbus-daemon"
  static var available: Bool { FileManager.default.isExecutableFile(atPath: daemon) }

  let folder: URL
  let process: Process
  var address: String { "unix:path=" + folder.appendingPathComponent("bus").path }

  init() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("wifirisk-bus-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let config = folder.appendingPathComponent("bus.conf")
    // a session-like bus: anyone on this machine may talk, nothing is ever activated
    try Data(
      """
      <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
       "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
      <busconfig>
        <type>session</type>
        <listen>unix:path=\(folder.appendingPathComponent("bus").path)</listen>
        <auth>EXTERNAL</auth>
        <policy context="default">
          <allow send_destination="*" eavesdrop="true"/>
          <allow eavesdrop="true"/>
          <allow own="*"/>
        </policy>
      </busconfig>
      """.utf8
    ).write(to: config)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.daemon)
    process.arguments = ["--config-file=" + config.path, "--nofork", "--nopidfile"]
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let socket = folder.appendingPathComponent("bus").path
    for _ in 0..<100 where !FileManager.default.fileExists(atPath: socket) {
      usleep(20_000)
    }
    self.folder = folder
    self.process = process
  }

  deinit {
    // SIGKILL: the test runner's children may inherit SIGTERM blocked.
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    try? FileManager.default.removeItem(at: folder)
  }
}
