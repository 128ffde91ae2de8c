import WifiRiskCore

/// The data files shipped in `profiles/` that the rules read, such as the name patterns of
/// public hotspots. They are found where the profiles are (`ProfileStore.shippedDirectory`:
/// `$WIFIRISK_PROFILES_DIR`, `/usr/local/share/wifirisk/profiles`,
/// `/usr/share/wifirisk/profiles`, then the nearest `profiles/` above the executable).
public enum DataFiles {
  public static let publicSSIDsFile = "public-ssids.txt"
  public static let factorySSIDsFile = "factory-ssids.txt"
  public static let deviceSSIDsFile = "device-ssids.txt"
  /// Pattern files are a few kilobytes; anything larger is not read.
  public static let maximumSize = 1 << 20

  /// The rating options every command passes to its `RatingPipeline`, and what a person
  /// should know about them (a data file that is missing, cannot be read or has bad lines; a
  /// missing folder).
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
        notes: [
          error.message
            + "; public-hotspot name patterns, factory names and device networks are not applied"
        ])
    }
    var notes: [String] = []
    let patterns = publicSSIDPatterns(in: directory, notes: &notes)
    let factory = factoryNames(in: directory, notes: &notes)
    let devices = deviceSSIDs(in: directory, notes: &notes)
    return Loaded(
      options: AssessmentOptions(
        publicSSIDPatterns: patterns, factoryNames: factory, deviceSSIDs: devices),
      notes: notes)
  }

  /// The patterns of `DIRECTORY/public-ssids.txt`.
  static func publicSSIDPatterns(in directory: String?, notes: inout [String]) -> [SSIDPattern] {
    let list = text(
      of: publicSSIDsFile, in: directory, what: "public-hotspot name patterns", notes: &notes)
    return list.map { SSIDPattern.parseList($0.text) } ?? []
  }

  /// The factory names of `DIRECTORY/factory-ssids.txt`.
  static func factoryNames(in directory: String?, notes: inout [String]) -> FactoryNames {
    FactoryNames(
      patternList(
        factorySSIDsFile, in: directory, what: "factory names", notes: &notes,
        parse: FactorySSID.parseList))
  }

  /// The setup network names of `DIRECTORY/device-ssids.txt`.
  static func deviceSSIDs(in directory: String?, notes: inout [String]) -> [DeviceSSID] {
    patternList(
      deviceSSIDsFile, in: directory, what: "device setup network names", notes: &notes,
      parse: DeviceSSID.parseList)
  }

  /// The entries of a name list in wifirisk's pattern language; a line that does not read is
  /// named in a note (`FILE:LINE: why`) and left out.
  static func patternList<Entry>(
    _ name: String, in directory: String?, what: String, notes: inout [String],
    parse: (String) -> (patterns: [Entry], errors: [NamePattern.LineError])
  ) -> [Entry] {
    guard let list = text(of: name, in: directory, what: what, notes: &notes) else { return [] }
    let (patterns, errors) = parse(list.text)
    for error in errors {
      notes.append("\(list.origin):\(error.line): \(error.message); the line is left out")
    }
    return patterns
  }

  /// The text of the data file `name` and where it came from: `DIRECTORY/name`; the copy
  /// compiled in when no shipped folder was found, or (with a note) when the folder lacks the
  /// file; nil, with a note, when the file cannot be read.
  static func text(
    of name: String, in directory: String?, what: String, notes: inout [String]
  ) -> (text: String, origin: String)? {
    let builtIn = ProfileStore.Embedded.text(name).map { ($0, "built-in " + name) }
    guard let directory else { return builtIn }
    let path = directory + "/" + name
    guard FileReader.exists(path) else {
      notes.append("\(path) is missing; the built-in \(what) are used")
      return builtIn
    }
    do {
      return (try FileReader.text(path, limit: maximumSize), path)
    } catch {
      notes.append("\(error.message); \(what) are not applied")
      return nil
    }
  }
}

/// Vendor names for the messages of new access points, from Debian's ieee-data package.
public enum VendorNames {
  public static let ouiFile = "/usr/share/ieee-data/oui.txt"
  static let maximumSize = 64 << 20

  /// Reads the registry only when a judged name is remembered or trusted, or is offered by
  /// more than one access point of the scan (mesh nodes and repeaters are told from
  /// strangers by vendor).
  public static func lookup(
    judged: [NetworkAssessment], known: KnownNetworks, trusted: [TrustedNetwork],
    scan: [NetworkAssessment] = []
  ) -> [[UInt8]: String] {
    var wanted: Set<[UInt8]> = []
    for bss in judged {
      guard let name = bss.ssid else { continue }
      let twins = scan.filter { $0.ssid == name && $0.record.bssid != bss.record.bssid }
      if !twins.isEmpty {
        wanted.insert(bss.record.bssid.oui)
        for twin in twins { wanted.insert(twin.record.bssid.oui) }
      }
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
