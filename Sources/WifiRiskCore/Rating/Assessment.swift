/// One finding raised for one network.
public struct Finding: Sendable, Equatable {
  public var id: String
  public var severity: Severity
  public var summary: String
  public var advice: String
  public var evidence: String?
}

/// Settings that come from data files rather than code.
public struct AssessmentOptions: Sendable {
  /// Name patterns that commonly mark public hotspots (`profiles/public-ssids.txt`); an open
  /// network matching one, with no Interworking element, gets a heuristic `public-network`.
  public var publicSSIDPatterns: [SSIDPattern]

  public init(publicSSIDPatterns: [SSIDPattern] = []) {
    self.publicSSIDPatterns = publicSSIDPatterns
  }
}

/// A case-insensitive glob over a network name: `*` matches any run of characters.
public struct SSIDPattern: Sendable, Equatable {
  public let text: String
  private let parts: [String]

  public init(_ text: String) {
    self.text = text
    self.parts = text.lowercased().split(separator: "*", omittingEmptySubsequences: false).map(
      String.init)
  }

  public func matches(_ name: String) -> Bool {
    var rest = Substring(name.lowercased())
    guard let first = parts.first, rest.hasPrefix(first) else { return false }
    rest = rest.dropFirst(first.count)
    if parts.count == 1 { return rest.isEmpty }
    for (index, part) in parts.enumerated().dropFirst() {
      if index == parts.count - 1 { return part.isEmpty || rest.hasSuffix(part) }
      guard let range = rest.firstRange(of: part) else { return false }
      rest = rest[range.upperBound...]
    }
    return true
  }

  /// Reads a pattern file: one pattern a line; blank lines and `#` comments are skipped.
  public static func parseList(_ text: String) -> [SSIDPattern] {
    text.split(whereSeparator: \.isNewline).compactMap { line in
      let trimmed = String(
        line.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
      return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : SSIDPattern(trimmed)
    }
  }
}

/// Everything wifirisk concludes about one BSS.
public struct NetworkAssessment: Sendable {
  public var record: BSSRecord
  public var elements: ElementSet
  public var beaconElements: ElementSet?
  /// The network name, when the AP told it (in the probe response, the beacon, or both).
  public var ssid: [UInt8]?
  public var hidden: Bool
  public var advertised: AdvertisedSecurity
  public var findings: [Finding]
  public var risk: Risk
  /// Anomalies of the latest elements, then those of the beacon that differ.
  public var anomalies: [Anomaly]

  public var security: Security { advertised.security }
  public var pmf: PMF { advertised.pmf }
  public var wps: WPSElement? { elements.wps ?? beaconElements?.wps }
  public var channel: Int? {
    record.frequency.flatMap(Channel.number(frequency:)) ?? elements.dsChannel.map(Int.init)
  }

  /// Rates one BSS from its elements.
  public static func assess(
    _ record: BSSRecord, options: AssessmentOptions = AssessmentOptions()
  ) -> NetworkAssessment {
    let latest = ElementWalker.parse(record.ies.isEmpty ? record.beaconIes ?? [] : record.ies)
    let beacon = record.beaconIes.map(ElementWalker.parse)
    // An empty `ies` means only the beacon was kept; compare only distinct lists.
    let comparedBeacon = record.ies.isEmpty || record.beaconIes == record.ies ? nil : beacon

    let hidden = latest.ssidHidden || (beacon?.ssidHidden ?? false)
    let named = [latest.ssid, beacon?.ssid].compactMap { $0 }.first {
      !$0.isEmpty && !$0.allSatisfy { $0 == 0 }
    }
    var anomalies = latest.anomalies
    if let comparedBeacon {
      anomalies += comparedBeacon.anomalies.filter { !latest.anomalies.contains($0) }
    }
    let advertised = AdvertisedSecurity.classify(latest, privacy: record.privacy)
    let context = RatingContext(
      record: record, elements: latest, beaconElements: comparedBeacon, advertised: advertised,
      hidden: hidden, anomalies: anomalies, ssid: named, options: options)
    var findings: [Finding] = []
    for rule in FindingRules.all {
      guard let severity = rule.applies(context) else { continue }
      findings.append(
        Finding(
          id: rule.id, severity: severity, summary: rule.summary, advice: rule.advice,
          evidence: rule.evidence?(context)))
    }
    findings.sort { $0.severity > $1.severity }
    return NetworkAssessment(
      record: record, elements: latest, beaconElements: comparedBeacon, ssid: named,
      hidden: hidden, advertised: advertised, findings: findings,
      risk: Risk(worst: findings.map(\.severity).max()), anomalies: anomalies)
  }

  /// Riskiest first; then weakest security, strongest signal, name and BSSID.
  public static func riskiestFirst(_ a: NetworkAssessment, _ b: NetworkAssessment) -> Bool {
    if a.risk != b.risk { return a.risk > b.risk }
    if a.security.strength != b.security.strength {
      return a.security.strength < b.security.strength
    }
    let sa = a.record.signalMBm ?? Int.min
    let sb = b.record.signalMBm ?? Int.min
    if sa != sb { return sa > sb }
    let na = a.ssid ?? []
    let nb = b.ssid ?? []
    if na != nb { return na.lexicographicallyPrecedes(nb) }
    return a.record.bssid < b.record.bssid
  }

  /// One line for a person deciding whether to join.
  public var verdict: String {
    switch security {
    case .open:
      "Unencrypted: anyone nearby can read your traffic. Join only if you must, and use a VPN."
    case .wep: "Broken encryption: treat it as open and avoid it."
    case .unknown: "Unknown security: treat it as unsafe."
    case .wpaPersonal, .wpaEnterprise:
      "Outdated WPA security: avoid it, or use a VPN."
    case .owe:
      "Encrypted without a password (Enhanced Open): safer than open, but anyone can join."
    case .wpaWpa2Personal, .wpaWpa2Enterprise:
      "WPA2 with outdated WPA still allowed: acceptable, not ideal."
    case .wpa2Personal:
      "Sound if the password is strong and you trust everyone who has it."
    case .wpa2Wpa3Personal:
      "Good: WPA3 for devices that support it, WPA2 for the rest."
    case .wpa3Personal: "Strong protection (WPA3)."
    case .wpa2Enterprise, .wpa3Enterprise, .wpa3Enterprise192:
      "Strong per-user sign-in; accept only the certificate your organisation expects."
    }
  }
}

/// Channel numbers from centre frequencies (IEEE 802.11 Annex E).
public enum Channel {
  public static func number(frequency: Int) -> Int? {
    switch frequency {
    case 2412...2472: (frequency - 2407) / 5
    case 2484: 14
    case 5955...7115: (frequency - 5950) / 5
    case 4910...4980: (frequency - 4000) / 5
    case 5000...5925: (frequency - 5000) / 5
    case 58320...70200: (frequency - 56160) / 2160
    default: nil
    }
  }

  /// 2.4, 5, 6 or 60 (GHz).
  public static func band(frequency: Int) -> String? {
    switch frequency {
    case 2400..<2500: "2.4"
    case 4900..<5950: "5"
    case 5950...7125: "6"
    case 58000...71000: "60"
    default: nil
    }
  }
}
