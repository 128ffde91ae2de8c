import WifiRiskCore

/// The nearby list of `now`: one line per network name, riskiest first, with one line of
/// advice each. Access points sharing a name are one network to a person; the line shows
/// the weakest of them, since a device can be steered to any. `expand` lists every BSS.
struct NearbyList {
  var output: Output

  struct Group {
    var members: [NetworkAssessment]
    var worst: NetworkAssessment { members[0] }
  }

  /// Groups by SSID; hidden networks stay one per BSSID. Members keep riskiest-first order.
  static func group(_ networks: [NetworkAssessment]) -> [Group] {
    var groups: [Group] = []
    var index: [[UInt8]: Int] = [:]
    for network in networks.sorted(by: NetworkAssessment.riskiestFirst) {
      guard let ssid = network.ssid, !network.hidden else {
        groups.append(Group(members: [network]))
        continue
      }
      if let position = index[ssid] {
        groups[position].members.append(network)
      } else {
        index[ssid] = groups.count
        groups.append(Group(members: [network]))
      }
    }
    return groups
  }

  func render(_ networks: [NetworkAssessment], expand: Bool) -> String {
    guard !networks.isEmpty else { return "No other networks nearby.\n" }
    let report = TextReport(output: output)
    let groups = NearbyList.group(networks)
    var lines = [output.paint("Nearby networks (\(groups.count)), riskiest first:", .bold)]
    for group in groups {
      let network = group.worst
      var count = group.members.count > 1 ? " (\(group.members.count) access points)" : ""
      let mlds = Set(group.members.compactMap { $0.multiLink?.mldAddress })
      if group.members.count > 1, mlds.count == 1,
        group.members.allSatisfy({ $0.multiLink != nil })
      {
        count = " (one Wi-Fi 7 access point, \(group.members.count) links)"
      }
      lines.append(
        "  " + report.riskWord(network.risk) + "  "
          + TextReport.pad(network.security.rawValue, 19) + "  " + report.name(network) + count)
      let advice =
        network.findings.first(where: { $0.severity > .info })?.advice ?? network.verdict
      lines.append("          " + output.paint(advice, .dim))
      if expand {
        for member in group.members {
          let signal = member.record.signalDBm.map { "\(Int($0.rounded())) dBm" } ?? "-"
          let channel = member.channel.map { "ch \($0)" } ?? "ch -"
          var link = ""
          if let mld = member.multiLink {
            link = "  mld \(mld.mldAddress)" + (mld.linkID.map { " link \($0)" } ?? "")
          }
          lines.append(
            "          \(member.record.bssid)  \(member.security.rawValue)  pmf \(member.pmf.rawValue)  \(channel)  \(signal)\(link)"
          )
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
