import Foundation
import TestSupport
import Testing
import WifiRiskCore

/// The recorded nl80211 replies under `fixtures/netlink/`, found from this file's path.
enum NetlinkFixtures {
  static let root: URL = Repository.url("fixtures/netlink")

  /// What a hex file holds, from its name: `NNN-interface-M.hex`, `NNN-scan-IF-M.hex`,
  /// `NNN-station-IF-M.hex` (as `wifirisk debug nl80211 --dump-hex` writes them).
  enum Kind: String, Sendable, CaseIterable {
    case interface
    case scan
    case station
  }

  struct File: Sendable, CustomTestStringConvertible {
    var path: String  // relative to fixtures/netlink
    var kind: Kind
    var testDescription: String { path }
  }

  /// Every recorded (not `bad-*`) hex file.
  static let recorded: [File] = {
    var out: [File] = []
    let names =
      (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String]) ?? []
    for name in names.sorted() where name.hasSuffix(".hex") {
      let file = (name as NSString).lastPathComponent
      guard !file.hasPrefix("bad-"), !file.hasPrefix("regress-") else { continue }
      let parts = file.split(separator: "-")
      guard parts.count >= 3, let kind = Kind(rawValue: String(parts[1])) else { continue }
      out.append(File(path: name, kind: kind))
    }
    return out
  }()

  static func text(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  static func message(_ path: String) throws -> NL80211Message {
    try NL80211Message.parseHexDump(text(path))
  }

  /// Every message of one kind in a recorded directory, in file order.
  static func messages(_ directory: String, _ kind: Kind) throws -> [NL80211Message] {
    try recorded.filter { $0.path.hasPrefix(directory + "/") && $0.kind == kind }
      .map { try message($0.path) }
  }

  /// Decodes a message as its kind says; the value is discarded (for never-trap tests).
  static func decode(_ message: NL80211Message, as kind: Kind) throws(NetlinkDecodeError) {
    switch kind {
    case .interface: _ = try WirelessInterface(message: message)
    case .scan: _ = try NL80211ScanEntry(message: message)
    case .station: _ = try StationInfo(message: message)
    }
  }
}
