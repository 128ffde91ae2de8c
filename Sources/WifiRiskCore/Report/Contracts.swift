/// The JSON output contracts as Swift values: what `--format json` prints, field by field.
///
/// - `wifirisk.report/1` (`ReportDocument`): `review`, `scan` and `now`.
/// - `wifirisk.check/1` (`CheckDocument`): `check`.
/// - `wifirisk.home/1` (`HomeDocument`): `home`.
///
/// The values are built here from the ratings and encoded in one place
/// (`ContractJSON.swift`): keys sorted, every documented key always present (null when not
/// known). New keys may be added; none is renamed or removed without a new schema version.
/// The schemas in `schemas/` describe the same shapes, and the tests hold every golden
/// output against them.
public struct ReportDocument: Sendable, Equatable {
  public static let schema = "wifirisk.report/1"

  public var toolVersion: String
  public var networks: [NetworkEntry]
  public var sources: [SourceEntry]
  public var errors: [ErrorEntry]
  /// `now` only: the `connection` member is printed, null when not connected.
  public var connection: ConnectionSlot

  public enum ConnectionSlot: Sendable, Equatable {
    /// No `connection` member (`scan`, `review`).
    case absent
    case notConnected
    case connected(ConnectionEntry)
  }

  public init(
    toolVersion: String, networks: [NetworkEntry], sources: [SourceEntry],
    errors: [ErrorEntry] = [], connection: ConnectionSlot = .absent
  ) {
    self.toolVersion = toolVersion
    self.networks = networks
    self.sources = sources
    self.errors = errors
    self.connection = connection
  }
}

/// One access point and its rating.
public struct NetworkEntry: Sendable, Equatable {
  public var bssid: String
  /// The name, escaped for display (`DisplayText`); `ssidHex` has the raw bytes.
  public var ssid: String?
  public var ssidHex: String?
  public var hidden: Bool
  /// The access point's operating channel, from its own announcement (DS Parameter Set,
  /// HT/VHT/HE/EHT operation), else from the frequency it was heard on.
  public var frequency: Int?
  public var channel: Int?
  public var band: String?
  /// Where `channel` came from (`dsss`, `ht`, ... or null when only heard).
  public var channelSource: String?
  /// The frequency the frame was heard on (a capturing radio may be tuned next door).
  public var heardFrequency: Int?
  public var signalDBm: Double?
  public var seenMsAgo: Int?
  public var status: String?
  /// `security`, `pmf` and the suites of the network as a whole (printed at the top level).
  public var offer: OfferEntry
  public var rsnOverride: Bool
  public var rsnDefaultedFields: [String]
  /// The two ways into a WPA3 compatibility-mode network: the plain RSN element, and the
  /// RSN Override elements a capable client uses.
  public var securityPaths: SecurityPaths
  /// Which way this machine's client goes in (`legacy` or `override`).
  public var clientPath: String
  public var wps: WPSEntry
  public var interworking: InterworkingEntry?
  public var rsnx: RSNXEntry?
  public var phy: PhyEntry
  /// Beacon Protection (Extended Capabilities bit 84): the access point signs its beacons.
  public var beaconProtection: Bool
  /// SAE-EXT-KEY (AKM 24 or 25) is offered.
  public var saeExtKey: Bool
  /// GCMP-256 is offered as a pairwise cipher.
  public var gcmp256: Bool
  /// What the network does well beyond its class (`sae-ext-key`, `gcmp-256`,
  /// `beacon-protection`).
  public var positives: [PositiveEntry]
  /// For a link of a Wi-Fi 7 AP MLD (Basic Multi-Link element): its MLD address, its link
  /// ID, and the links of that MLD seen in the same scan; nil for other access points.
  public var mld: MLDEntry?
  public var risk: String
  public var verdict: String
  public var findings: [FindingEntry]
  public var anomalies: [AnomalyEntry]
  /// The file or interface the access point was read from.
  public var source: String?

  public struct WPSEntry: Sendable, Equatable {
    public var enabled: Bool
    public var state: String?
    public var version: String?
    public var apSetupLocked: Bool?
    public var configMethods: [String]
    public var deviceName: String?
    public var manufacturer: String?
    public var modelName: String?
    public var modelNumber: String?
  }

  public struct InterworkingEntry: Sendable, Equatable {
    public var accessNetworkType: String
    public var internet: Bool
    public var asra: Bool
    public var esr: Bool
    public var uesa: Bool
    public var venueGroup: Int?
    public var venueType: Int?
    public var hessid: String?
    public var passpointRelease: Int?
    public var roamingConsortium: [String]
  }

  public struct RSNXEntry: Sendable, Equatable {
    public var saeHashToElement: Bool
    public var saePK: Bool
  }

  public struct PhyEntry: Sendable, Equatable {
    public var ht: Bool
    public var vht: Bool
    public var he: Bool
    public var eht: Bool
  }

  public struct MLDEntry: Sendable, Equatable {
    public var address: String
    public var linkID: Int?
    /// The BSSIDs of every link seen, this one included, sorted.
    public var links: [String]
  }

  public struct PositiveEntry: Sendable, Equatable {
    public var id: String
    public var summary: String
  }

  public struct SecurityPaths: Sendable, Equatable {
    public var legacy: OfferEntry?
    public var override: OfferEntry?
  }

  /// A `SecurityOffer`: of the whole network, or of one way in.
  public struct OfferEntry: Sendable, Equatable {
    public var security: String
    public var pmf: String
    public var akms: [String]
    public var pairwiseCiphers: [String]
    public var groupCipher: String?
    public var groupManagementCipher: String?

    init(_ offer: SecurityOffer) {
      security = offer.security.rawValue
      pmf = offer.pmf.rawValue
      akms = offer.akms.map(\.name)
      pairwiseCiphers = offer.pairwiseCiphers.map(\.name)
      groupCipher = offer.groupCipher?.name
      groupManagementCipher = offer.groupManagementCipher?.name
    }
  }

  public struct AnomalyEntry: Sendable, Equatable {
    public var offset: Int
    public var element: String
    public var kind: String
    public var detail: String
  }

  public init(_ assessment: NetworkAssessment, source: String?) {
    let record = assessment.record
    let advertised = assessment.advertised
    let elements = assessment.elements
    bssid = record.bssid.description
    ssid = assessment.ssid.map { DisplayText.escape($0) }
    ssidHex = assessment.ssid.map { Hex.encode($0) }
    hidden = assessment.hidden
    frequency = assessment.frequency
    channel = assessment.channel
    band = assessment.band
    channelSource = assessment.announcedChannel?.source.rawValue
    heardFrequency = assessment.heardFrequency
    signalDBm = record.signalDBm
    seenMsAgo = record.seenMsAgo
    status = record.status?.rawValue
    offer = OfferEntry(advertised.offer)
    rsnOverride = advertised.rsnOverride
    rsnDefaultedFields = elements.rsn?.defaultedFields ?? []
    securityPaths = SecurityPaths(
      legacy: advertised.legacy.map { OfferEntry($0.offer) },
      override: advertised.override.map { OfferEntry($0.offer) })
    clientPath = advertised.clientPath.rawValue
    wps = WPSEntry(assessment.wps)
    interworking = elements.interworking.map { InterworkingEntry($0, elements) }
    rsnx = elements.rsnxForCapableClient.map {
      RSNXEntry(saeHashToElement: $0.saeHashToElement, saePK: $0.saePK)
    }
    phy = PhyEntry(ht: elements.ht, vht: elements.vht, he: elements.he, eht: elements.eht)
    beaconProtection = assessment.beaconProtection
    saeExtKey = assessment.saeExtKey
    gcmp256 = assessment.gcmp256
    positives = assessment.positives.map { PositiveEntry(id: $0.id, summary: $0.summary) }
    mld = assessment.multiLink.map { link in
      MLDEntry(
        address: link.mldAddress.description, linkID: link.linkID.map(Int.init),
        links: assessment.mldLinks.map(\.description))
    }
    risk = assessment.risk.rawValue
    verdict = assessment.verdict
    findings = assessment.findings.map(FindingEntry.init)
    anomalies = assessment.anomalies.map {
      AnomalyEntry(
        offset: $0.offset, element: $0.element, kind: $0.kind.rawValue, detail: $0.detail)
    }
    self.source = source
  }
}

extension NetworkEntry.WPSEntry {
  init(_ wps: WPSElement?) {
    guard let wps else {
      self.init(
        enabled: false, state: nil, version: nil, apSetupLocked: nil, configMethods: [],
        deviceName: nil, manufacturer: nil, modelName: nil, modelNumber: nil)
      return
    }
    self.init(
      enabled: true, state: wps.state?.rawValue, version: wps.versionText,
      apSetupLocked: wps.apSetupLocked, configMethods: wps.configMethodNames,
      deviceName: wps.deviceName.map { DisplayText.escape($0) },
      manufacturer: wps.manufacturer.map { DisplayText.escape($0) },
      modelName: wps.modelName.map { DisplayText.escape($0) },
      modelNumber: wps.modelNumber.map { DisplayText.escape($0) })
  }
}

extension NetworkEntry.InterworkingEntry {
  init(_ element: InterworkingElement, _ elements: ElementSet) {
    self.init(
      accessNetworkType: element.accessNetworkTypeName, internet: element.internet,
      asra: element.asra, esr: element.esr, uesa: element.uesa,
      venueGroup: element.venueGroup.map(Int.init), venueType: element.venueType.map(Int.init),
      hessid: element.hessid?.description, passpointRelease: elements.hs20?.release,
      roamingConsortium: elements.roamingConsortium?.ois.map { Hex.encode($0) } ?? [])
  }
}

/// One finding of one access point.
public struct FindingEntry: Sendable, Equatable {
  public var id: String
  public var severity: String
  public var summary: String
  public var advice: String
  public var evidence: String?

  public init(_ finding: Finding) {
    id = finding.id
    severity = finding.severity.rawValue
    summary = finding.summary
    advice = finding.advice
    evidence = finding.evidence
  }
}

/// Where the networks of a report came from: a file, or an interface read live.
public struct SourceEntry: Sendable, Equatable {
  public var file: String?
  public var capturedAt: String?
  /// `nl80211`, `wext`, `pcap`, `iw` or what a fixture says.
  public var source: String?
  public var interface: String?
  public var bssCount: Int
  /// Entries the reader had to skip, each with where and why (a malformed nl80211 scan
  /// entry, a bad capture record).
  public var problems: [String]
  /// How a capture's frames were used; nil for anything but a capture.
  public var statistics: CaptureStats?
  /// Present for a live scan only.
  public var live: Live?

  public struct Live: Sendable, Equatable {
    public var fresh: Bool
    public var cacheAgeMs: Int?
    public var notes: [String]

    public init(fresh: Bool, cacheAgeMs: Int?, notes: [String]) {
      self.fresh = fresh
      self.cacheAgeMs = cacheAgeMs
      self.notes = notes
    }
  }

  public init(
    _ snapshot: ScanSnapshot, file: String?, problems: [String] = [],
    statistics: CaptureStats? = nil, live: Live? = nil
  ) {
    self.file = file
    capturedAt = snapshot.capturedAt
    source = snapshot.source
    interface = snapshot.interface
    bssCount = snapshot.bss.count
    self.problems = problems
    self.statistics = statistics
    self.live = live
  }
}

/// A file that could not be read.
public struct ErrorEntry: Sendable, Equatable {
  public var file: String
  public var message: String

  public init(file: String, message: String) {
    self.file = file
    self.message = message
  }
}

/// The current connection of `now`.
public struct ConnectionEntry: Sendable, Equatable {
  public var interface: String
  public var bssid: String
  public var ssid: String?
  public var ssidHex: String?
  public var frequency: Int?
  public var signalDBm: Int?
  /// Tenths of Mbit/s, as the kernel reports them.
  public var txBitrate: Int?
  public var rxBitrate: Int?
  public var connectedSeconds: Int?
  /// What the client daemon (wpa_supplicant or iwd) negotiated with this access point.
  public var negotiated: NegotiatedLink?
  public var network: NetworkEntry
  public var portal: PortalReport

  /// `negotiated` when the client daemon (wpa_supplicant or iwd) told what the connection
  /// uses, else `advertised`.
  public var ratingBasis: String { negotiated == nil ? "advertised" : "negotiated" }

  public init(
    interface: String, assessment: NetworkAssessment, station: StationInfo?,
    negotiated link: NegotiatedLink?, portal: PortalReport?
  ) {
    let record = assessment.record
    self.interface = interface
    bssid = record.bssid.description
    ssid = assessment.ssid.map { DisplayText.escape($0) }
    ssidHex = assessment.ssid.map { Hex.encode($0) }
    frequency = record.frequency
    signalDBm = station?.signalDBm
    txBitrate = station?.txBitrate
    rxBitrate = station?.rxBitrate
    connectedSeconds = station?.connectedSeconds
    // What a daemon says about another access point says nothing of this one.
    negotiated = link.flatMap { $0.bssid == nil || $0.bssid == record.bssid ? $0 : nil }
    network = NetworkEntry(assessment, source: interface)
    self.portal = portal ?? PortalReport(state: .notProbed)
  }
}

/// The `wifirisk.check/1` contract: one line of JSON from `check`.
///
/// `action` is null only when the network could not be evaluated and the profile says to
/// report that (`exit_status` 1); with fail-open or fail-closed it is `allow` or `block`
/// and `error` still says what went wrong.
public struct CheckDocument: Sendable, Equatable {
  public static let schema = "wifirisk.check/1"

  public var action: String?
  public var exitStatus: Int
  public var profile: String
  public var ssid: String?
  public var ssidHex: String?
  public var bssid: String?
  public var judgedBSSID: String?
  public var security: String?
  public var reasons: [Reason]
  public var networks: [NetworkEntry]
  public var error: String?
  public var summary: String

  public struct Reason: Sendable, Equatable {
    public var id: String
    public var action: String
    public var bssid: String?
    public var message: String
  }

  public init(_ outcome: CheckOutcome) {
    action = outcome.action?.rawValue
    exitStatus = Int(outcome.exitStatus.rawValue)
    profile = outcome.profile
    ssid = outcome.name.map { DisplayText.escape($0) }
    ssidHex = outcome.name.map { Hex.encode($0) }
    bssid = outcome.bssid?.description
    judgedBSSID = outcome.decision?.judgedBSSID?.description
    security = outcome.judgedNetwork?.security.rawValue
    reasons = (outcome.decision?.reasons ?? []).map {
      Reason(
        id: $0.id, action: $0.action.rawValue, bssid: $0.bssid?.description, message: $0.message)
    }
    networks = outcome.judged.map { NetworkEntry($0, source: outcome.source) }
    error = outcome.error
    summary = CheckReport.text(outcome)
  }
}

/// What `home --format json` prints: the check-up of a home network.
public struct HomeDocument: Sendable, Equatable {
  public static let schema = "wifirisk.home/1"

  public var toolVersion: String
  public var ssid: String
  public var ssidHex: String
  public var accessPoints: [NetworkEntry]
  public var siblings: [SiblingEntry]
  public var items: [ItemEntry]
  public var source: SourceEntry
  public var exitStatus: Int

  public struct SiblingEntry: Sendable, Equatable {
    public var ssid: String
    public var ssidHex: String
    /// `band-split`, `separate` or `hidden`.
    public var kind: String
    public var bssids: [String]
    /// The weakest security among its access points.
    public var security: String
    public var why: [String]
  }

  public struct ItemEntry: Sendable, Equatable {
    public var id: String
    public var status: String
    public var summary: String
    public var advice: String
    public var evidence: [String]
  }

  public init(_ checklist: HomeChecklist, toolVersion: String, source: SourceEntry, label: String) {
    let network = checklist.network
    self.toolVersion = toolVersion
    ssid = DisplayText.escape(network.ssid)
    ssidHex = Hex.encode(network.ssid)
    accessPoints = network.accessPoints.map { NetworkEntry($0, source: label) }
    siblings = network.siblings.map { sibling in
      SiblingEntry(
        ssid: DisplayText.escape(sibling.ssid), ssidHex: Hex.encode(sibling.ssid),
        kind: sibling.kind.rawValue,
        bssids: sibling.accessPoints.map(\.record.bssid.description),
        security: sibling.weakest.security.rawValue, why: sibling.why)
    }
    items = checklist.items.map {
      ItemEntry(
        id: $0.id, status: $0.status.rawValue, summary: $0.summary, advice: $0.advice,
        evidence: $0.evidence)
    }
    self.source = source
    exitStatus = Int(checklist.exitStatus.rawValue)
  }
}
