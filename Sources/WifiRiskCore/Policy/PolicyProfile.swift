/// Where one profile layer came from: a shipped profile, a user's, or a file named on the
/// command line.
public struct ProfileSource: Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable, Equatable {
    /// `embedded`: the shipped profile compiled into the binary, used when no shipped
    /// profile folder is found.
    case shipped, user, file, embedded
  }

  public var name: String
  public var path: String
  public var kind: Kind

  public init(name: String, path: String, kind: Kind) {
    self.name = name
    self.path = path
    self.kind = kind
  }

  /// `strict (shipped)`, `home (user)`, `./mine.toml (file)`.
  public var description: String { "\(name) (\(kind.rawValue))" }
}

/// A profile with every `extends` applied: what `check` judges by.
///
/// Settings a profile chain never names keep the built-in values: every `[security]` and
/// `[findings]` entry `allow`, no minimum security, `below_minimum = "block"`,
/// `public_networks` and `captive_portal` `allow`, `on_error = "report"`, no VPN reminder.
public struct PolicyProfile: Sendable, Equatable {
  public var name: String
  public var description: String
  public var minimumSecurity: Security?
  public var belowMinimum: PolicyAction
  public var publicNetworks: PolicyAction
  public var captivePortal: PolicyAction
  public var onError: OnError
  public var vpnReminder: Bool
  public var security: [Security: PolicyAction]
  public var findings: [String: PolicyAction]
  public var trusted: [TrustedNetwork]
  /// The connectivity probe's settings (`[probe]`).
  public var probe: ProbeSettings = .defaults
  /// The layers it was built from, the base first.
  public var chain: [ProfileSource]
  /// Which layer set each setting, by key path text (`on_error`, `security.open`,
  /// `findings.wep`, `trusted.<ssid hex>`); settings no layer names are absent.
  public var origins: [String: ProfileSource]

  /// The built-in starting point of every chain.
  public static func builtIn(name: String) -> PolicyProfile {
    PolicyProfile(
      name: name, description: "", minimumSecurity: nil, belowMinimum: .block,
      publicNetworks: .allow, captivePortal: .allow, onError: .report, vpnReminder: false,
      security: [:], findings: [:], trusted: [], chain: [], origins: [:])
  }

  public func action(for security: Security) -> PolicyAction { self.security[security] ?? .allow }
  public func action(forFinding id: String) -> PolicyAction { findings[id] ?? .allow }

  public func trustedNetwork(ssid: [UInt8]) -> TrustedNetwork? {
    trusted.first { $0.ssid == ssid }
  }

  /// Builds the effective profile from its layers, the base first: scalars and table
  /// entries override, `[[trusted]]` entries are added (one for the same ssid replaces).
  public static func resolve(name: String, layers: [(ProfileSource, ProfileLayer)])
    -> PolicyProfile
  {
    var profile = PolicyProfile.builtIn(name: name)
    for (source, layer) in layers {
      profile.chain.append(source)
      var origins = profile.origins
      func set<T>(_ key: String, _ value: T?, _ target: inout T) {
        guard let value else { return }
        target = value
        origins[key] = source
      }
      set("description", layer.description, &profile.description)
      if let minimum = layer.minimumSecurity {
        profile.minimumSecurity = minimum
        origins["minimum_security"] = source
      }
      set("below_minimum", layer.belowMinimum, &profile.belowMinimum)
      set("public_networks", layer.publicNetworks, &profile.publicNetworks)
      set("captive_portal", layer.captivePortal, &profile.captivePortal)
      set("on_error", layer.onError, &profile.onError)
      set("vpn_reminder", layer.vpnReminder, &profile.vpnReminder)
      profile.origins = origins
      for (security, action) in layer.security {
        profile.security[security] = action
        profile.origins["security.\(security.rawValue)"] = source
      }
      for (id, action) in layer.findings {
        profile.findings[id] = action
        profile.origins["findings.\(id)"] = source
      }
      if let probe = layer.probe {
        profile.probe = probe.applied(to: profile.probe)
        profile.origins["probe"] = source
      }
      for network in layer.trusted {
        profile.trusted.removeAll { $0.ssid == network.ssid }
        profile.trusted.append(network)
        profile.origins["trusted.\(Hex.encode(network.ssid))"] = source
      }
    }
    return profile
  }

  /// The effective profile as TOML, every setting with the layer it came from: what
  /// `wifirisk profiles show` prints. The output is itself a valid profile.
  public func renderedTOML() -> String {
    var lines: [String] = []
    lines.append("# Effective profile \"\(name)\", built from (base first):")
    for source in chain {
      lines.append("#   \(source.description): \(source.path)")
    }
    lines.append("# Settings no layer names keep the built-in value (marked \"built-in\").")
    lines.append("")
    func origin(_ key: String) -> String { origins[key]?.description ?? "built-in" }
    var rows: [(String, String)] = []
    rows.append(("description = " + TOMLText.quoted(description), origin("description")))
    if let minimumSecurity {
      rows.append(
        (
          "minimum_security = " + TOMLText.quoted(minimumSecurity.rawValue),
          origin("minimum_security")
        ))
    } else {
      rows.append(("# minimum_security: none", "built-in"))
    }
    rows.append(("below_minimum = \"\(belowMinimum.rawValue)\"", origin("below_minimum")))
    rows.append(("public_networks = \"\(publicNetworks.rawValue)\"", origin("public_networks")))
    rows.append(("captive_portal = \"\(captivePortal.rawValue)\"", origin("captive_portal")))
    rows.append(("on_error = \"\(onError.rawValue)\"", origin("on_error")))
    rows.append(("vpn_reminder = \(vpnReminder)", origin("vpn_reminder")))
    lines += Self.aligned(rows)

    lines.append("")
    lines.append("[security]")
    lines += Self.aligned(
      Security.allCases.map { security in
        (
          "\(TOMLText.key(security.rawValue)) = \"\(action(for: security).rawValue)\"",
          origin("security.\(security.rawValue)")
        )
      })

    lines.append("")
    lines.append("[findings]")
    lines += Self.aligned(
      PolicyFindings.ids.map { id in
        ("\(TOMLText.key(id)) = \"\(action(forFinding: id).rawValue)\"", origin("findings.\(id)"))
      })

    lines.append("")
    lines.append("[probe]  # " + origin("probe"))
    lines.append("enabled = \(probe.enabled)")
    lines.append(
      "urls = [" + probe.urls.map { TOMLText.quoted($0.description) }.joined(separator: ", ") + "]")
    lines.append("expect_status = \(probe.expectStatus)")
    lines.append("expect_body = " + TOMLText.quoted(probe.expectBody))
    lines.append("timeout_seconds = \(probe.timeoutSeconds)")

    for network in trusted {
      lines.append("")
      lines.append("[[trusted]]  # " + origin("trusted.\(Hex.encode(network.ssid))"))
      lines.append("ssid = " + TOMLText.quoted(String(decoding: network.ssid, as: UTF8.self)))
      if let security = network.security {
        lines.append("security = \"\(security.rawValue)\"")
      }
      if !network.bssids.isEmpty {
        lines.append(
          "bssids = [" + network.bssids.map { "\"\($0)\"" }.joined(separator: ", ") + "]")
      }
      if !network.ouis.isEmpty {
        lines.append(
          "ouis = [" + network.ouis.map { "\"\(VendorPrefix.format($0))\"" }.joined(separator: ", ")
            + "]")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func aligned(_ rows: [(String, String)]) -> [String] {
    let width = rows.map(\.0.count).max() ?? 0
    return rows.map { text, origin in
      text + String(repeating: " ", count: width - text.count) + "  # " + origin
    }
  }
}
