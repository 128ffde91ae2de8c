/// The routers' factory network names of `profiles/factory-ssids.txt`, as one value: what the
/// `factory-ssid` finding uses (through `AssessmentOptions.factoryNames`), and what any other
/// code asks when it wants to know whether a name is a factory name.
///
/// Pure: it holds the parsed list. Where the list comes from is the caller's choice: the
/// installed data file (WifiRiskSystem's `DataFiles.load().options.factoryNames`, the same
/// value the ratings of that run use), or the copy compiled in (`shipped`).
public struct FactoryNames: Sendable, Equatable {
  /// The list's entries, in the file's order (the first that matches wins).
  public let entries: [FactorySSID]

  public init(_ entries: [FactorySSID] = []) {
    self.entries = entries
  }

  /// Reads the data file's text: one `pattern | router or ISP | reasons` a line. Lines that
  /// do not read are returned as errors (with their line numbers); the others are kept.
  public static func parse(_ text: String) -> (names: FactoryNames, errors: [NamePattern.LineError])
  {
    let (entries, errors) = FactorySSID.parseList(text)
    return (FactoryNames(entries), errors)
  }

  /// The list shipped with wifirisk, compiled in (`ShippedFiles`); a line that does not read
  /// is left out (the tests hold the shipped file to having none).
  public static let shipped: FactoryNames = parse(
    ShippedFiles.files.first { $0.name == "factory-ssids.txt" }?.text ?? ""
  ).names

  public var isEmpty: Bool { entries.isEmpty }

  /// The entry whose pattern the whole name matches (its `pattern`, router or ISP, and
  /// reasons), or nil. A name that is not UTF-8 matches none.
  public func match(_ ssid: [UInt8]) -> FactorySSID? {
    guard !entries.isEmpty, let name = String(validating: ssid, as: UTF8.self) else {
      return nil
    }
    return FactorySSID.first(in: entries, matching: name)
  }

  /// Whether the name is a router's factory name; `match` says which one.
  public func isFactoryName(_ ssid: [UInt8]) -> Bool { match(ssid) != nil }
}
