import WifiRiskCore

/// The data files shipped in `profiles/` that the rules read, such as the name patterns of
/// public hotspots. They are found where the profiles are (`ProfileStore.shippedDirectory`:
/// `$WIFIRISK_PROFILES_DIR`, `/usr/local/share/wifirisk/profiles`,
/// `/usr/share/wifirisk/profiles`, then the nearest `profiles/` above the executable).
public enum DataFiles {
  public static let publicSSIDsFile = "public-ssids.txt"
  /// Pattern files are a few kilobytes; anything larger is not read.
  public static let maximumSize = 1 << 20

  /// The rating options every command passes to its `RatingPipeline`, and what a person
  /// should know about them (a data file that is there but cannot be read; a missing folder).
  public struct Loaded: Sendable {
    public var options: AssessmentOptions
    public var notes: [String]
  }

  /// Reads the data files once; the caller keeps the result for the whole run.
  public static func load(environment: [String: String] = Machine.environment) -> Loaded {
    let directory: String?
    do {
      directory = try ProfileStore.shippedDirectory(environment: environment)
    } catch {
      return Loaded(
        options: AssessmentOptions(),
        notes: [error.message + "; public-hotspot name patterns are not applied"])
    }
    var notes: [String] = []
    let patterns = publicSSIDPatterns(in: directory, notes: &notes)
    return Loaded(options: AssessmentOptions(publicSSIDPatterns: patterns), notes: notes)
  }

  /// The patterns of `DIRECTORY/public-ssids.txt`; the built-in list when no shipped folder
  /// was found, or (with a note) when the folder lacks the file.
  static func publicSSIDPatterns(in directory: String?, notes: inout [String]) -> [SSIDPattern] {
    let builtIn = ProfileStore.Embedded.text(publicSSIDsFile).map(SSIDPattern.parseList) ?? []
    guard let directory else { return builtIn }
    let path = directory + "/" + publicSSIDsFile
    guard FileReader.exists(path) else {
      notes.append("\(path) is missing; the built-in public-hotspot name patterns are used")
      return builtIn
    }
    do {
      return SSIDPattern.parseList(try FileReader.text(path, limit: maximumSize))
    } catch {
      notes.append("\(error.message); public-hotspot name patterns are not applied")
      return []
    }
  }
}

/// Vendor names for the messages of new access points, from Debian's ieee-data package.
public enum VendorNames {
  public static let ouiFile = "/usr/share/ieee-data/oui.txt"
  static let maximumSize = 64 << 20

  /// Reads the registry only when a judged name is remembered or trusted.
  public static func lookup(
    judged: [NetworkAssessment], known: KnownNetworks, trusted: [TrustedNetwork]
  ) -> [[UInt8]: String] {
    var wanted: Set<[UInt8]> = []
    for bss in judged {
      guard let name = bss.ssid else { continue }
      let remembered = known.network(ssid: name)
      let trust = trusted.first { $0.ssid == name }
      guard remembered != nil || trust != nil else { continue }
      wanted.insert(bss.record.bssid.oui)
      for entry in remembered?.bssids ?? [] { wanted.insert(entry.bssid.oui) }
      for oui in trust?.ouis ?? [] { wanted.insert(oui) }
      for address in trust?.bssids ?? [] { wanted.insert(address.oui) }
    }
    return names(for: wanted)
  }

  /// Vendor names for the OUIs, from the registry when it is installed; empty otherwise.
  public static func names(for ouis: Set<[UInt8]>) -> [[UInt8]: String] {
    guard !ouis.isEmpty, FileReader.exists(ouiFile),
      let bytes = try? FileReader.bytes(ouiFile, limit: maximumSize)
    else { return [:] }
    return OUIRegistry.vendors(for: ouis, in: bytes)
  }
}
