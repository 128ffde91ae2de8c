/// The security classes a network can be rated as. The raw values are the JSON contract.
public enum Security: String, Sendable, CaseIterable, Equatable {
  case open
  case owe
  case wep
  case wpaPersonal = "wpa-personal"
  case wpaEnterprise = "wpa-enterprise"
  case wpaWpa2Personal = "wpa-wpa2-personal"
  case wpaWpa2Enterprise = "wpa-wpa2-enterprise"
  case wpa2Personal = "wpa2-personal"
  case wpa2Enterprise = "wpa2-enterprise"
  case wpa2Wpa3Personal = "wpa2-wpa3-personal"
  case wpa3Personal = "wpa3-personal"
  case wpa3Enterprise = "wpa3-enterprise"
  case wpa3Enterprise192 = "wpa3-enterprise-192"
  case unknown

  /// Weakest first: what a downgrade moves toward. `unknown` sorts with the weak ones,
  /// since nothing about it can be trusted.
  public var strength: Int {
    switch self {
    case .open: 0
    case .wep: 1
    case .unknown: 2
    case .wpaPersonal, .wpaEnterprise: 3
    case .owe: 4
    case .wpaWpa2Personal, .wpaWpa2Enterprise: 5
    case .wpa2Personal: 6
    case .wpa2Wpa3Personal: 7
    case .wpa2Enterprise: 8
    case .wpa3Personal: 9
    case .wpa3Enterprise: 10
    case .wpa3Enterprise192: 11
    }
  }

  /// How people usually name it.
  public var title: String {
    switch self {
    case .open: "Open"
    case .owe: "Enhanced Open (OWE)"
    case .wep: "WEP"
    case .wpaPersonal: "WPA-Personal"
    case .wpaEnterprise: "WPA-Enterprise"
    case .wpaWpa2Personal: "WPA/WPA2-Personal"
    case .wpaWpa2Enterprise: "WPA/WPA2-Enterprise"
    case .wpa2Personal: "WPA2-Personal"
    case .wpa2Enterprise: "WPA2-Enterprise"
    case .wpa2Wpa3Personal: "WPA2/WPA3-Personal"
    case .wpa3Personal: "WPA3-Personal"
    case .wpa3Enterprise: "WPA3-Enterprise"
    case .wpa3Enterprise192: "WPA3-Enterprise 192-bit"
    case .unknown: "Unknown"
    }
  }

  public var isEnterprise: Bool {
    [.wpaEnterprise, .wpaWpa2Enterprise, .wpa2Enterprise, .wpa3Enterprise, .wpa3Enterprise192]
      .contains(self)
  }
}

/// Management frame protection (802.11w), from the RSN capabilities.
public enum PMF: String, Sendable, CaseIterable, Equatable {
  case required, capable, none
}

/// How bad a finding is; the network's risk is its worst finding.
public enum Severity: String, Sendable, CaseIterable, Equatable, Comparable {
  case info, low, medium, high

  var rank: Int {
    switch self {
    case .info: 0
    case .low: 1
    case .medium: 2
    case .high: 3
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The overall rating of a network.
public enum Risk: String, Sendable, CaseIterable, Equatable, Comparable {
  case low, medium, high

  init(worst severity: Severity?) {
    switch severity {
    case .high: self = .high
    case .medium: self = .medium
    default: self = .low
    }
  }

  var rank: Int {
    switch self {
    case .low: 0
    case .medium: 1
    case .high: 2
    }
  }

  public static func < (lhs: Risk, rhs: Risk) -> Bool { lhs.rank < rhs.rank }
}
