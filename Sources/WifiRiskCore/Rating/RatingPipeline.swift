/// The one way a scan becomes ratings: every command that rates networks (`now`, `scan`,
/// `review`, `check`, `remember`) goes through this value.
///
/// It merges the entries of one BSSID (a scan can list an access point twice, once from its
/// beacon and once from a probe response, and only one may carry the name of a hidden
/// network), rates each access point with the options passed in (data files are read by the
/// caller, never here), applies the rules that look at the whole scan (`ScanRules`: the
/// links of one Wi-Fi 7 AP MLD), and sorts riskiest first.
public struct RatingPipeline: Sendable {
  public var options: AssessmentOptions

  public init(options: AssessmentOptions = AssessmentOptions()) {
    self.options = options
  }

  /// Every access point of the snapshot, merged by BSSID, rated, judged together, riskiest
  /// first.
  public func rate(_ snapshot: ScanSnapshot) -> [NetworkAssessment] {
    rate(records: snapshot.bss)
  }

  /// The same for a list of records.
  public func rate(records: [BSSRecord]) -> [NetworkAssessment] {
    let rated = ScanSnapshot(bss: records).mergingDuplicateBSSIDs()
      .map { NetworkAssessment.assess($0, options: options) }
    return ScanRules.apply(rated).sorted(by: NetworkAssessment.riskiestFirst)
  }

  /// One access point, rated alone (no whole-scan rules: there is nothing to compare).
  public func rate(_ record: BSSRecord) -> NetworkAssessment {
    NetworkAssessment.assess(record, options: options)
  }
}
