/// Rules that look at several access points of one scan at once, applied after each has
/// been rated on its own.
///
/// | id | when |
/// |---|---|
/// | `mld-mixed-security` | the links of one Wi-Fi 7 AP MLD (the same MLD address in their Basic Multi-Link elements) advertise different security: a device can be steered to the weakest, which decides |
public enum ScanRules {
  /// The ids a profile's `[findings]` table may set.
  public static let ids = ["mld-mixed-security"]

  static let mixedSummary =
    "The links of this Wi-Fi 7 access point (one AP MLD on several bands) advertise different security, and a device can be steered to the weakest."
  static let mixedAdvice =
    "Rate it by its weakest link; if it is yours, give every band the same security (WPA3)."

  /// Groups the links of each AP MLD (`mldLinks`) and flags the links of groups whose
  /// security or management frame protection differs, with the weakest link named.
  public static func apply(_ networks: [NetworkAssessment]) -> [NetworkAssessment] {
    var groups: [MACAddress: [Int]] = [:]
    for (index, network) in networks.enumerated() {
      guard let mld = network.multiLink?.mldAddress else { continue }
      groups[mld, default: []].append(index)
    }
    var out = networks
    for (_, members) in groups {
      let links = Array(Set(members.map { networks[$0].record.bssid })).sorted()
      for index in members { out[index].mldLinks = links }
      guard Set(links).count > 1 else { continue }
      let kinds = Set(
        members.map { "\(networks[$0].security.rawValue)/\(networks[$0].pmf.rawValue)" })
      guard kinds.count > 1 else { continue }
      let sorted = members.sorted { a, b in
        let (x, y) = (networks[a], networks[b])
        if x.security.strength != y.security.strength {
          return x.security.strength < y.security.strength
        }
        return KnownNetworks.pmfRank(x.pmf) < KnownNetworks.pmfRank(y.pmf)
      }
      let described = sorted.map { index -> String in
        let link = networks[index]
        let id = link.multiLink?.linkID.map { "link \($0)" } ?? "link"
        let band = link.band.map { ", \($0) GHz" } ?? ""
        return
          "\(id) \(link.record.bssid)\(band): \(link.security.rawValue), pmf \(link.pmf.rawValue)"
      }
      let weakest = networks[sorted[0]]
      let evidence =
        described.joined(separator: "; ")
        + "; the weakest, \(weakest.security.rawValue) with pmf \(weakest.pmf.rawValue), decides"
      for index in members {
        out[index].findings.append(
          Finding(
            id: "mld-mixed-security", severity: .low, summary: mixedSummary, advice: mixedAdvice,
            evidence: evidence))
        out[index].findings.sort { $0.severity > $1.severity }
        out[index].risk = Risk(worst: out[index].findings.map(\.severity).max())
      }
    }
    return out
  }
}
