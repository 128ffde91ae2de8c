import Foundation
import TestSupport
import WifiRiskCore

/// Finds the repository's `fixtures/` folder from this file's path, the one place tests
/// resolve fixture paths.
enum Fixtures {
  /// `<repo>/fixtures`, from `<repo>/Tests/WifiRiskCoreTests/Support/Fixtures.swift`.
  static let root: URL = Repository.url("fixtures")

  static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

  /// An input fuzzing found, kept as a regression: `<repo>/Tests/Fuzz/regressions/NAME`.
  static func regression(_ name: String) throws -> [UInt8] {
    let folder = root.deletingLastPathComponent().appendingPathComponent("Tests/Fuzz/regressions")
    return [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
  }

  static func bytes(_ relative: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url(relative)))
  }

  /// Every `*.json` fixture in a subfolder (`synthetic`, `lab`, `bad`), sorted; empty when
  /// the folder does not exist yet.
  static func jsonFiles(in folder: String) -> [String] {
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: url(folder).path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted().map { "\(folder)/\($0)" }
  }

  /// The readable scan fixtures: synthetic ones and lab recordings, whatever exists.
  static var scans: [String] { jsonFiles(in: "synthetic") + jsonFiles(in: "lab") }

  /// Every element list (`ies` and `beacon_ies`) of every readable fixture, with a label.
  static func elementLists() throws -> [(label: String, bytes: [UInt8])] {
    var out: [(String, [UInt8])] = []
    for file in scans {
      let capture = try Fixture.decode(try bytes(file))
      for (index, record) in capture.bss.enumerated() {
        out.append(("\(file) bss[\(index)].ies", record.ies))
        if let beacon = record.beaconIes {
          out.append(("\(file) bss[\(index)].beacon_ies", beacon))
        }
      }
    }
    return out
  }
}

/// The data files shipped beside the profiles, read as the command-line tool reads them.
enum ShippedData {
  static let profiles = Fixtures.root.deletingLastPathComponent().appendingPathComponent(
    "profiles")

  static func text(_ name: String) -> String {
    (try? String(contentsOf: profiles.appendingPathComponent(name), encoding: .utf8)) ?? ""
  }

  static let factorySSIDs = FactorySSID.parseList(text("factory-ssids.txt"))
  static let deviceSSIDs = DeviceSSID.parseList(text("device-ssids.txt"))

  /// The options every rating of the tool uses.
  static let options = AssessmentOptions(
    publicSSIDPatterns: SSIDPattern.parseList(text("public-ssids.txt")),
    factoryNames: FactoryNames(factorySSIDs.patterns), deviceSSIDs: deviceSSIDs.patterns)
}
