import Foundation
import TestSupport
import Testing
import WifiRiskCore

/// Finds the repository's fixtures from this file's path, the one place these tests resolve
/// fixture paths.
enum CaptureFixtures {
  /// `<repo>`, from `<repo>/Tests/WifiRiskPcapTests/CaptureFixtures.swift`.
  static let repository: URL = Repository.root

  /// The path of a file under `fixtures/`.
  static func path(_ relative: String) -> String {
    repository.appendingPathComponent("fixtures").appendingPathComponent(relative).path
  }

  static func bytes(_ relative: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(relative))))
  }

  /// The lab's recording from hwsim0.
  static let lab = "lab/captures/lab.pcap"

  /// The centre frequency of every lab AP, as tcpdump decodes it from the recording's
  /// radiotap Channel fields (and as the AP configurations set it).
  static let labFrequencies: [String: Int] = [
    "02:00:00:00:00:00": 2412, "02:00:00:00:00:01": 2412, "02:00:00:00:00:02": 2412,
    "02:00:00:00:00:03": 2412, "02:00:00:00:01:00": 2437, "02:00:00:00:01:01": 2437,
    "02:00:00:00:02:00": 2462, "02:00:00:00:02:01": 2462, "02:00:00:00:02:02": 2462,
    "02:00:00:00:02:03": 2462, "02:00:00:00:03:00": 2422, "02:00:00:00:03:01": 2422,
    "02:00:00:00:03:02": 2422, "02:00:00:00:04:00": 2452, "02:00:00:00:04:01": 2452,
    "02:00:00:00:05:00": 2427, "02:00:00:00:05:01": 2427,
  ]
}
