/// One finding raised for one network.
public struct Finding: Sendable, Equatable {
  public var id: String
  public var severity: Severity
  public var summary: String
  public var advice: String
  public var evidence: String?
}

/// Something a network does well, for the report (`positives`): its stable id and a phrase.
public struct Positive: Sendable, Equatable {
  public var id: String
  public var summary: String
}

/// Settings that come from data files rather than code.
public struct AssessmentOptions: Sendable {
  /// Name patterns that commonly mark public hotspots (`profiles/public-ssids.txt`); an open
  /// network matching one, with no Interworking element, gets a heuristic `public-network`.
  public var publicSSIDPatterns: [SSIDPattern]
  /// Whether the client that would join reads the RSN Override elements (WPA3
  /// compatibility mode). wpa_supplicant 2.10 and 2.11 do not by default
  /// (`rsn_overriding=0`), nor do NetworkManager and iwd on most Linux systems, so the
  /// default is no: `pmf`, the verdict and the TKIP rule follow the RSN element.
  public var clientUsesRSNOverriding: Bool
  /// Routers' factory network names (`profiles/factory-ssids.txt`), for `factory-ssid`.
  public var factoryNames: FactoryNames
  /// Smart-home devices' setup network names (`profiles/device-ssids.txt`), for
  /// `device-network`.
  public var deviceSSIDs: [DeviceSSID]

  public init(
    publicSSIDPatterns: [SSIDPattern] = [], clientUsesRSNOverriding: Bool = false,
    factoryNames: FactoryNames = FactoryNames(), deviceSSIDs: [DeviceSSID] = []
  ) {
    self.publicSSIDPatterns = publicSSIDPatterns
    self.clientUsesRSNOverriding = clientUsesRSNOverriding
    self.factoryNames = factoryNames
    self.deviceSSIDs = deviceSSIDs
  }
}

/// A case-insensitive glob over a network name: `*` matches any run of characters. Names
/// and patterns are lowercased, then compared scalar by scalar (as their UTF-8 bytes).
public struct SSIDPattern: Sendable, Equatable {
  public let text: String
  /// The lowercased pattern's pieces between the `*`s, as UTF-8.
  private let parts: [[UInt8]]

  public init(_ text: String) {
    self.text = text
    self.parts = Array(text.lowercased().utf8).split(
      separator: UInt8(ascii: "*"), omittingEmptySubsequences: false
    ).map(Array.init)
  }

  public func matches(_ name: String) -> Bool {
    matches(lowercased: Array(name.lowercased().utf8))
  }

  /// `matches` for a name already lowercased (its UTF-8), so a list of patterns lowercases
  /// it once.
  public func matches(lowercased name: [UInt8]) -> Bool {
    guard let first = parts.first, name.starts(with: first) else { return false }
    if parts.count == 1 { return name.count == first.count }
    var start = first.count
    for part in parts.dropFirst().dropLast() {
      guard let found = Self.firstIndex(of: part, in: name, from: start) else { return false }
      start = found + part.count
    }
    let last = parts[parts.count - 1]
    return name.count - start >= last.count
      && name[(name.count - last.count)...].elementsEqual(last)
  }

  /// Where `part` first stands in `name` at or after `start`.
  private static func firstIndex(of part: [UInt8], in name: [UInt8], from start: Int) -> Int? {
    guard !part.isEmpty else { return start }
    guard name.count - start >= part.count else { return nil }
    for index in start...(name.count - part.count)
    where name[index] == part[0] && name[index..<(index + part.count)].elementsEqual(part) {
      return index
    }
    return nil
  }

  /// Reads a pattern file: one pattern a line; blank lines and `#` comments are skipped.
  public static func parseList(_ text: String) -> [SSIDPattern] {
    NamePattern.contentLines(text).map { SSIDPattern(String(decoding: $0.1, as: UTF8.self)) }
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

  /// The channel the access point announces in its own elements, when it does.
  public var announcedChannel: AnnouncedChannel?
  /// For a Wi-Fi 7 link: the BSSIDs of every link of its AP MLD seen in the same scan, this
  /// one included, sorted (set by `ScanRules.apply`; empty until then).
  public var mldLinks: [MACAddress] = []

  /// The AP MLD this BSS is a link of (Basic Multi-Link element), if any.
  public var multiLink: MultiLinkElement? { elements.multiLink ?? beaconElements?.multiLink }

  public var security: Security { advertised.security }
  public var pmf: PMF { advertised.pmf }
  public var wps: WPSElement? { elements.wps ?? beaconElements?.wps }
  /// The primary channel: the one the access point announces, else the one it was heard on.
  public var channel: Int? {
    announcedChannel?.number ?? record.frequency.flatMap(Channel.number(frequency:))
  }
  /// Centre frequency of the primary channel in MHz: the announced channel's, else the
  /// frequency the frame was heard on.
  public var frequency: Int? { announcedChannel?.frequency ?? record.frequency }
  /// The frequency the frames were received on (a capturing radio may hear an access point
  /// from a neighbouring channel).
  public var heardFrequency: Int? { record.frequency }
  /// 2.4, 5, 6 or 60 (GHz).
  public var band: String? { frequency.flatMap(Channel.band(frequency:)) }

  /// Beacon Protection (Extended Capabilities bit 84): the access point signs its beacons.
  public var beaconProtection: Bool {
    (elements.extendedCapabilities ?? beaconElements?.extendedCapabilities)?.beaconProtection
      ?? false
  }
  /// SAE-EXT-KEY (AKM 24 or 25) is offered: WPA3's sign-in with keys sized to the group.
  public var saeExtKey: Bool {
    advertised.akms.contains(.saeExtKey) || advertised.akms.contains(.ftSaeExtKey)
  }
  /// GCMP-256 is offered as a pairwise cipher.
  public var gcmp256: Bool { advertised.pairwiseCiphers.contains(.gcmp256) }

  /// What the network does well, beyond its class, for people who want to know.
  public var positives: [Positive] {
    guard security != .open, security != .wep, security != .unknown else { return [] }
    var out: [Positive] = []
    if saeExtKey {
      out.append(
        Positive(
          id: "sae-ext-key",
          summary: "SAE-EXT-KEY: the WPA3 sign-in of Wi-Fi 7, with keys as long as its group."))
    }
    if gcmp256 {
      out.append(
        Positive(id: "gcmp-256", summary: "GCMP-256: encryption with 256-bit keys."))
    }
    if beaconProtection {
      out.append(
        Positive(
          id: "beacon-protection",
          summary:
            "Beacon protection: devices can tell this access point's beacons from forged ones."))
    }
    return out
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
    func classify(_ set: ElementSet) -> AdvertisedSecurity {
      AdvertisedSecurity.classify(
        set, privacy: record.privacy, privacyKnown: record.privacyKnown,
        clientUsesRSNOverriding: options.clientUsesRSNOverriding)
    }
    var advertised = classify(latest)
    // A client that scans passively sees the beacon: when it offers less than the probe
    // response, the beacon's rating stands.
    if let comparedBeacon {
      let fromBeacon = classify(comparedBeacon)
      if fromBeacon.security.strength < advertised.security.strength { advertised = fromBeacon }
    }
    anomalies += advertised.contradictions.filter { !anomalies.contains($0) }
    let heardBand = record.frequency.flatMap(Channel.band(frequency:))
    let announced =
      AnnouncedChannel.find(latest, heardBand: heardBand)
      ?? beacon.flatMap { AnnouncedChannel.find($0, heardBand: heardBand) }
    let context = RatingContext(
      record: record, elements: latest, beaconElements: comparedBeacon, advertised: advertised,
      hidden: hidden, anomalies: anomalies, ssid: named, options: options,
      band: announced?.band ?? heardBand,
      factoryName: RatingContext.factoryName(named, options: options))
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
      risk: Risk(worst: findings.map(\.severity).max()), anomalies: anomalies,
      announcedChannel: announced)
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
    if advertised.compatibilityMode, let used = advertised.clientPathSecurity {
      let way =
        advertised.clientPath == .legacy
        ? "this device joins with the router's older setting, \(used.security.title)"
        : "this device joins with \(used.security.title)"
      let pmf = used.pmf == .none ? ", without management frame protection" : ""
      return "WPA3 compatibility mode: \(way)\(pmf). "
        + Self.verdict(used.security)
    }
    return Self.verdict(security)
  }

  static func verdict(_ security: Security) -> String {
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

/// The primary channel an access point announces: the DS Parameter Set (2.4 GHz), the HT
/// Operation element (2.4 and 5 GHz), or the 6 GHz Operation Information of the HE
/// Operation element, in that order. An announcement that names no channel of the band the
/// frame was heard in is passed over.
public struct AnnouncedChannel: Sendable, Equatable {
  public enum Source: String, Sendable, Equatable {
    case dsParameterSet = "ds-parameter-set"
    case htOperation = "ht-operation"
    case heOperation = "he-operation"
  }

  public var number: Int
  /// 2.4, 5 or 6.
  public var band: String
  public var source: Source

  /// The channel's centre frequency in MHz.
  public var frequency: Int? { Channel.frequency(channel: number, band: band) }

  static func find(_ set: ElementSet, heardBand: String?) -> AnnouncedChannel? {
    var candidates: [(UInt8, Source)] = []
    if let ds = set.dsChannel { candidates.append((ds, .dsParameterSet)) }
    if let ht = set.htPrimaryChannel { candidates.append((ht, .htOperation)) }
    if let he = set.heOperation?.sixGHzPrimaryChannel { candidates.append((he, .heOperation)) }
    for (value, source) in candidates {
      let number = Int(value)
      let band: String?
      switch source {
      case .heOperation: band = Channel.isSixGHz(channel: number) ? "6" : nil
      case .dsParameterSet, .htOperation: band = Channel.band(legacyChannel: number)
      }
      guard let band, heardBand == nil || heardBand == band else { continue }
      return AnnouncedChannel(number: number, band: band, source: source)
    }
    return nil
  }
}

/// Channel numbers from centre frequencies (IEEE 802.11 Annex E).
public enum Channel {
  /// The band of a 2.4 or 5 GHz channel number (the numbers do not overlap there).
  static func band(legacyChannel channel: Int) -> String? {
    switch channel {
    case 1...14: "2.4"
    case 32...177, 182...196: "5"
    default: nil
    }
  }

  /// 6 GHz channels: 1, 5, 9 ... 233 (20 MHz), and 2.
  static func isSixGHz(channel: Int) -> Bool {
    channel == 2 || ((1...233).contains(channel) && (channel - 1) % 4 == 0)
  }

  /// Centre frequency in MHz of a channel number in a band.
  public static func frequency(channel: Int, band: String) -> Int? {
    switch band {
    case "2.4": channel == 14 ? 2484 : (1...13).contains(channel) ? 2407 + 5 * channel : nil
    case "5": channel >= 182 ? 4000 + 5 * channel : 5000 + 5 * channel
    case "6": channel == 2 ? 5935 : 5950 + 5 * channel
    default: nil
    }
  }

  public static func number(frequency: Int) -> Int? {
    switch frequency {
    case 2412...2472: (frequency - 2407) / 5
    case 2484: 14
    case 5935: 2
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
    case 4900..<5925: "5"
    case 5925...7125: "6"
    case 58000...71000: "60"
    default: nil
    }
  }
}
