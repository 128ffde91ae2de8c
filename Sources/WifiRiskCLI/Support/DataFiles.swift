import Foundation
import WifiRiskCore

/// The data files shipped in `profiles/` that the rules read, such as the name patterns of
/// public hotspots. They are found where the profiles are (`ProfileStore.shippedDirectory`:
/// `$WIFIRISK_PROFILES_DIR`, `/usr/local/share/wifirisk/profiles`,
/// `/usr/share/wifirisk/profiles`, then the nearest `profiles/` above the executable).
enum DataFiles {
  static let publicSSIDsFile = "public-ssids.txt"
  /// Pattern files are a few kilobytes; anything larger is not read.
  static let maximumSize = 1 << 20

  /// Rates one BSS with the shipped data files applied.
  static func assess(_ record: BSSRecord) -> NetworkAssessment {
    NetworkAssessment.assess(record, options: options)
  }

  /// Read once per run, on first use.
  static let options = assessmentOptions()

  /// The options every rating uses: the public-hotspot name patterns when the file is
  /// found. A missing file only turns the name heuristic off; a file that is there but
  /// cannot be read is said once on stderr.
  static func assessmentOptions(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> AssessmentOptions {
    let directory: String?
    do {
      directory = try ProfileStore.shippedDirectory(environment: environment)
    } catch {
      Output.diagnostic(error.message + "; public-hotspot name patterns are not applied")
      return AssessmentOptions()
    }
    guard let directory else { return AssessmentOptions() }
    return AssessmentOptions(publicSSIDPatterns: publicSSIDPatterns(in: directory))
  }

  /// The patterns of `DIRECTORY/public-ssids.txt`; empty when there is no such file.
  static func publicSSIDPatterns(in directory: String) -> [SSIDPattern] {
    let path = directory + "/" + publicSSIDsFile
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    do {
      let bytes = try ScanFiles.readBytes(path, limit: maximumSize)
      guard let text = String(validating: bytes, as: UTF8.self) else {
        Output.diagnostic("\(path): not UTF-8 text; public-hotspot name patterns are not applied")
        return []
      }
      return SSIDPattern.parseList(text)
    } catch {
      Output.diagnostic("\(error.message); public-hotspot name patterns are not applied")
      return []
    }
  }
}
