/// Every finding wifirisk can raise, in one table: its stable id, when it applies and how
/// severe it is then, what is wrong, and what to do about it, in plain words.
///
/// A rule reads the `RatingContext` of one network and returns a severity when it applies,
/// or nil. Ids are part of the JSON contract and of policy profiles: never rename one.
public struct FindingRule: Sendable {
  public var id: String
  public var summary: String
  public var advice: String
  var applies: @Sendable (RatingContext) -> Severity?
  /// Optional detail naming the evidence, e.g. which element differed.
  var evidence: (@Sendable (RatingContext) -> String?)?
}

/// What the rules see of one network.
public struct RatingContext: Sendable {
  public var record: BSSRecord
  public var elements: ElementSet
  public var beaconElements: ElementSet?
  public var advertised: AdvertisedSecurity
  public var hidden: Bool
  public var anomalies: [Anomaly]
  /// The network name, when known.
  public var ssid: [UInt8]?
  public var options: AssessmentOptions
  /// 2.4, 5, 6 or 60 (GHz): the announced channel's band, else the band it was heard in.
  public var band: String?

  /// The public-hotspot name pattern this open network's name matches, if any.
  var publicNamePattern: SSIDPattern? {
    guard advertised.security == .open, elements.interworking == nil, let ssid,
      let name = String(validating: ssid, as: UTF8.self)
    else { return nil }
    let lowered = Array(name.lowercased().utf8)
    return options.publicSSIDPatterns.first { $0.matches(lowercased: lowered) }
  }

  /// The factory name pattern this network's name matches, if any (found once, when the
  /// context is made).
  public internal(set) var factoryName: FactorySSID?

  static func factoryName(_ ssid: [UInt8]?, options: AssessmentOptions) -> FactorySSID? {
    ssid.flatMap(options.factoryNames.match)
  }
}

public enum FindingRules {
  public static let all: [FindingRule] = [
    FindingRule(
      id: "open-network",
      summary: "The network is not encrypted, so anyone nearby can read what you send over it.",
      advice:
        "Use it only with a VPN or apps that encrypt (https), and don't sign in to accounts or pay over it.",
      applies: { $0.advertised.security == .open ? .high : nil }),
    FindingRule(
      id: "wep",
      summary: "WEP encryption can be broken in minutes with freely available tools.",
      advice:
        "Treat it as an open network; if it is yours, switch the router to WPA2 or WPA3 with a long password.",
      applies: { context in
        if context.advertised.security == .wep { return .high }
        if let group = context.advertised.groupCipher, group.isWEP { return .high }
        return context.advertised.pairwiseCiphers.contains(where: \.isWEP) ? .high : nil
      }),
    FindingRule(
      id: "wpa1",
      summary:
        "The network offers the original WPA, which was retired years ago and has known weaknesses.",
      advice:
        "If it is yours, set the router to WPA2 or WPA3 only; otherwise prefer another network or use a VPN.",
      applies: { context in
        guard context.advertised.wpa1 else { return nil }
        return [.wpaPersonal, .wpaEnterprise].contains(context.advertised.security)
          ? .high : .medium
      }),
    FindingRule(
      id: "tkip",
      summary: "The network still allows TKIP, an old cipher with known attacks.",
      advice:
        "If it is yours, allow only AES (CCMP) in the router's settings; TKIP also slows the network down.",
      applies: { context in
        // TKIP as the only cipher this client can use for its own traffic is the whole
        // protection: high. TKIP beside AES is a weakness: medium.
        if context.advertised.clientPathSecurity?.tkipOnly == true { return .high }
        let ciphers =
          context.advertised.pairwiseCiphers + [context.advertised.groupCipher].compactMap { $0 }
        return ciphers.contains(.tkip) ? .medium : nil
      },
      evidence: { context in
        context.advertised.clientPathSecurity?.tkipOnly == true
          ? "TKIP is the only pairwise cipher" : nil
      }),
    FindingRule(
      id: "pmf-missing",
      summary:
        "Management frames are not protected, so someone nearby can knock devices off the network or lure them to a fake one.",
      advice:
        "If it is yours, turn on Protected Management Frames (802.11w) in the router; WPA3 requires it.",
      applies: { context in
        let profile = context.advertised
        switch profile.security {
        case .wpa3Personal, .wpa3Enterprise192, .owe:
          return profile.pmf == .required ? nil : .medium
        case .wpa2Personal, .wpa2Enterprise, .wpa2Wpa3Personal, .wpaWpa2Personal,
          .wpaWpa2Enterprise:
          return profile.pmf == .none ? .low : nil
        default:
          return nil
        }
      }),
    FindingRule(
      id: "wps-enabled",
      summary:
        "Wi-Fi Protected Setup (WPS) is switched on; its PIN can be guessed, which gives away the network's password.",
      advice:
        "If it is yours, switch WPS off in the router's settings and use the password instead.",
      applies: { context in
        guard let wps = context.elements.wps ?? context.beaconElements?.wps else { return nil }
        if wps.state == .unconfigured { return .medium }
        return wps.apSetupLocked == true ? .low : .medium
      },
      evidence: { context in
        guard let wps = context.elements.wps ?? context.beaconElements?.wps else { return nil }
        var parts: [String] = []
        if let state = wps.state { parts.append("state \(state.rawValue)") }
        if wps.apSetupLocked == true { parts.append("AP setup locked") }
        if wps.offersPIN { parts.append("PIN offered") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
      }),
    FindingRule(
      id: "transition-mode",
      summary:
        "The network accepts both WPA3 and the older WPA2 with the same password, so an attacker can push devices down to WPA2.",
      advice:
        "Your device is safest when set to WPA3 for this network; if it is yours, switch to WPA3 only once all your devices support it.",
      applies: { $0.advertised.security == .wpa2Wpa3Personal ? .low : nil }),
    FindingRule(
      id: "compatibility-mode",
      summary:
        "The router runs WPA3 in compatibility mode: devices that support RSN overriding use its WPA3 setting, all others its older one.",
      advice:
        "On Linux, wpa_supplicant uses the WPA3 setting with rsn_overriding=1 where the driver supports it; if the router is yours, use a long password while older devices need the older setting.",
      applies: { context in
        let advertised = context.advertised
        guard advertised.compatibilityMode, let legacy = advertised.legacy,
          let override = advertised.override
        else { return nil }
        let weaker =
          legacy.security.strength < override.security.strength
          || KnownNetworks.pmfRank(legacy.pmf) < KnownNetworks.pmfRank(override.pmf)
        return weaker && advertised.clientPath == .legacy ? .low : .info
      },
      evidence: { context in
        guard let legacy = context.advertised.legacy, let override = context.advertised.override
        else { return nil }
        return compatibilityEvidence(
          legacy: legacy, override: override, client: context.advertised.clientPath)
      }),
    FindingRule(
      id: "owe-transition",
      summary:
        "This network is half of an Enhanced Open pair: an open network and an encrypted twin under the same name.",
      advice:
        "Devices that support Enhanced Open (OWE) use the encrypted twin automatically; on older devices, treat it as open and use a VPN.",
      applies: { $0.elements.oweTransition != nil ? .info : nil },
      evidence: { context in
        guard let owe = context.elements.oweTransition else { return nil }
        return "twin \(owe.bssid)"
      }),
    FindingRule(
      id: "factory-ssid",
      summary:
        "The network still has its router's factory name, so it probably still has the factory password, which can be found without knowing it.",
      advice:
        "If it is yours, rename the network and set a new long password (and switch WPS off); otherwise treat it as shared with strangers.",
      applies: { context in
        guard let factory = context.factoryName else { return nil }
        let advertised = context.advertised
        switch advertised.security {
        case .open, .owe, .wep, .unknown: return .info
        default: break
        }
        if advertised.security.isEnterprise { return .info }
        var severity = Severity.info
        for reason in factory.reasons {
          switch reason {
          case .derivableKey:
            severity = max(severity, .high)
          case .smallKeyspace:
            // Offline guessing needs a PSK handshake; SAE allows only online guesses.
            severity = max(severity, advertised.security == .wpa3Personal ? .low : .medium)
          case .defaultWPSPIN:
            let wps = context.elements.wps ?? context.beaconElements?.wps
            severity = max(severity, wps != nil && wps?.apSetupLocked != true ? .medium : .low)
          case .factoryOpen, .factorySettings:
            break
          }
        }
        return severity
      },
      evidence: { context in
        guard let factory = context.factoryName else { return nil }
        return "the name matches the factory name \"\(factory.pattern)\" (\(factory.who)): "
          + factory.reasons.map(\.words).joined(separator: "; ")
      }),
    FindingRule(
      id: "device-network",
      summary:
        "This is a device's own network (a printer, TV, phone or smart-home device), not a way to the Internet.",
      advice:
        "Join it only to set up or use that device, then go back to your usual network.",
      applies: { $0.deviceNetwork != nil ? .info : nil },
      evidence: { $0.deviceNetwork }),
    FindingRule(
      id: "6ghz-not-wpa3",
      summary:
        "This network is on 6 GHz, where only WPA3 and Enhanced Open are allowed, yet it offers something else: a misconfigured or impostor access point.",
      advice:
        "Don't join until you know why; if it is yours, use WPA3 or Enhanced Open with management frame protection required.",
      applies: { sixGHzProblems($0).isEmpty ? nil : .medium },
      evidence: { context in
        let problems = sixGHzProblems(context)
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
      }),
    FindingRule(
      id: "hidden-ssid",
      summary:
        "The network hides its name, which protects nothing: devices that know it call its name out wherever they go.",
      advice:
        "Don't count on hiding for safety; if it is yours, show the name and rely on WPA2 or WPA3 with a strong password.",
      applies: { $0.hidden ? .info : nil }),
    FindingRule(
      id: "public-network",
      summary: "The network announces itself as a public hotspot.",
      advice:
        "Assume others on it can see your traffic: keep to https and encrypting apps, use a VPN, and turn off file sharing.",
      applies: { context in
        guard let interworking = context.elements.interworking, interworking.isPublic else {
          // Lower confidence: an open network whose name looks like a public hotspot's.
          return context.publicNamePattern != nil ? .low : nil
        }
        // Passpoint networks authenticate every user and encrypt each link: the safest
        // public option, not something to punish.
        if context.elements.hs20 != nil && context.advertised.security.isEnterprise { return .info }
        return context.advertised.security == .open ? .medium : .low
      },
      evidence: { context in
        guard let interworking = context.elements.interworking else {
          return context.publicNamePattern.map {
            "heuristic: the name matches the public-hotspot pattern \"\($0.text)\""
          }
        }
        var text = "access network type \(interworking.accessNetworkTypeName)"
        if let group = interworking.venueGroup, let type = interworking.venueType {
          text += ", venue \(group)/\(type)"
        }
        if context.elements.hs20 != nil { text += ", Passpoint" }
        return text
      }),
    FindingRule(
      id: "portal-signalled",
      summary:
        "The network says an extra step is needed before it gives Internet access, usually a sign-in page (captive portal).",
      advice:
        "Sign in only on the portal's https page, never reuse a real password there, and use a VPN once connected.",
      applies: { context in
        guard context.elements.interworking?.asra == true else { return nil }
        return context.advertised.security == .open ? .medium : .low
      }),
    FindingRule(
      id: "beacon-probe-mismatch",
      summary:
        "The network's beacon and its answer to a probe advertise different security, a sign of a misconfigured or impostor access point.",
      advice:
        "Don't join until you know why; if it is yours, look for a second access point using the same name.",
      applies: { mismatchedElements($0).isEmpty ? nil : .medium },
      evidence: { context in
        let names = mismatchedElements(context)
        return names.isEmpty ? nil : "differs in " + names.joined(separator: ", ")
      }),
    FindingRule(
      id: "malformed-elements",
      summary: "The access point sent malformed information elements.",
      advice:
        "Be wary: faulty firmware or a crafted attack can cause this; if it is yours, update the router's firmware.",
      applies: { context in
        guard !context.anomalies.isEmpty else { return nil }
        let security: Set = ["RSN", "WPA", "RSN Override", "RSN Override 2", "RSNX", "WPS"]
        return context.anomalies.contains { security.contains($0.element) } ? .medium : .low
      },
      evidence: { context in
        let first = context.anomalies.prefix(3).map(\.description)
        let more = context.anomalies.count > 3 ? " (+\(context.anomalies.count - 3) more)" : ""
        return first.joined(separator: "; ") + more
      }),
    FindingRule(
      id: "unknown-security",
      summary:
        "wifirisk cannot tell how this network is secured: it advertises suites it does not know.",
      advice: "Treat it as unsafe until you know what it uses, and use a VPN if you must join.",
      applies: { $0.advertised.security == .unknown ? .medium : nil }),
  ]

  /// What a 6 GHz network offers that the band does not allow (IEEE 802.11ax-2021 12.12.2
  /// and the Wi-Fi Alliance's WPA3 specification): anything but WPA3 or Enhanced Open,
  /// transition modes, management frame protection not required, OWE transition, SAE
  /// without hash-to-element.
  static func sixGHzProblems(_ context: RatingContext) -> [String] {
    guard context.band == "6" else { return [] }
    let allowed: Set<Security> = [.wpa3Personal, .wpa3Enterprise, .wpa3Enterprise192, .owe]
    let advertised = context.advertised
    var problems: [String] = []
    let offered =
      [advertised.security]
      + [advertised.legacy, advertised.override]
      .compactMap { $0?.security }
    if let bad = offered.first(where: { !allowed.contains($0) }) {
      problems.append("offers \(bad.rawValue)")
    }
    let pmfs = [advertised.legacy?.pmf, advertised.override?.pmf].compactMap { $0 }
    if advertised.security != .open && pmfs.contains(where: { $0 != .required }) {
      problems.append("management frame protection not required")
    }
    if context.elements.oweTransition != nil { problems.append("OWE transition mode") }
    if advertised.security == .wpa3Personal,
      context.elements.rsnxForCapableClient?.saeHashToElement != true
    {
      problems.append("SAE without hash-to-element")
    }
    return problems
  }

  /// The two ways into a WPA3 compatibility-mode network, and the older one's weaknesses in
  /// plain words.
  static func compatibilityEvidence(
    legacy: SecurityPath, override: SecurityPath, client: RSNPath
  ) -> String {
    var weaknesses: [String] = []
    switch legacy.security {
    case .wpa2Personal, .wpaWpa2Personal, .wpaPersonal, .wpa2Wpa3Personal:
      weaknesses.append("one captured sign-in lets an attacker guess the password offline")
    default: break
    }
    if legacy.pmf == .none {
      weaknesses.append(
        "without management frame protection, anyone nearby can knock them off the network")
    }
    if legacy.tkipOnly { weaknesses.append("TKIP, an old cipher with known attacks") }
    let who = client == .legacy ? "this device and others" : "devices"
    var text = "\(who) without RSN overriding join with \(legacy.security.title)"
    if !weaknesses.isEmpty { text += ": " + weaknesses.joined(separator: "; ") }
    let suites = (override.akms.map(\.name) + override.dataCiphers.map(\.name))
    text += "; devices with it use \(override.security.title) (\(suites.joined(separator: ", ")))"
    return text
  }

  /// The security elements whose bytes differ between the beacon and the probe response.
  static func mismatchedElements(_ context: RatingContext) -> [String] {
    guard let beacon = context.beaconElements else { return [] }
    let latest = context.elements
    var names: [String] = []
    if latest.rsn?.raw != beacon.rsn?.raw { names.append("RSN") }
    if latest.wpa?.raw != beacon.wpa?.raw { names.append("WPA") }
    if latest.rsnx != beacon.rsnx { names.append("RSNX") }
    if latest.rsnOverride?.raw != beacon.rsnOverride?.raw { names.append("RSN Override") }
    if latest.rsnOverride2?.raw != beacon.rsnOverride2?.raw { names.append("RSN Override 2") }
    if latest.rsnxOverride != beacon.rsnxOverride { names.append("RSNX Override") }
    if latest.oweTransition != beacon.oweTransition { names.append("OWE Transition") }
    return names
  }

  public static func rule(id: String) -> FindingRule? { all.first { $0.id == id } }
}
