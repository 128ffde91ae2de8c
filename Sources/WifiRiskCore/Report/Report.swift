/// The JSON report contract, `wifirisk.report/1`: what `review`, `scan` and `now` print with
/// `--format json`. Keys are sorted; every documented key is always present (null when not
/// known), so scripts can rely on it. New keys may be added; none is renamed or removed
/// without a new schema version.
public enum Report {
  public static let schema = "wifirisk.report/1"

  /// One network entry.
  public static func network(_ assessment: NetworkAssessment, source: String?) -> JSONValue {
    let record = assessment.record
    let advertised = assessment.advertised
    var members: [String: JSONValue] = [
      "bssid": .string(record.bssid.description),
      "ssid": JSONValue(assessment.ssid.map { DisplayText.escape($0) }),
      "ssid_hex": JSONValue(assessment.ssid.map { Hex.encode($0) }),
      "hidden": .bool(assessment.hidden),
      "frequency": JSONValue(assessment.frequency),
      "channel": JSONValue(assessment.channel),
      "band": JSONValue(assessment.band),
      "signal_dbm": record.signalDBm.map(JSONValue.number) ?? .null,
      "seen_ms_ago": JSONValue(record.seenMsAgo),
      "status": JSONValue(record.status?.rawValue),
      "security": .string(advertised.security.rawValue),
      "pmf": .string(advertised.pmf.rawValue),
      "akms": JSONValue(advertised.akms.map(\.name)),
      "pairwise_ciphers": JSONValue(advertised.pairwiseCiphers.map(\.name)),
      "group_cipher": JSONValue(advertised.groupCipher?.name),
      "group_mgmt_cipher": JSONValue(advertised.groupManagementCipher?.name),
      "rsn_override": .bool(advertised.rsnOverride),
      "wps": wps(assessment.wps),
      "interworking": interworking(assessment.elements),
      "rsnx": rsnx(assessment.elements.rsnxForCapableClient),
      "phy": .object([
        "ht": .bool(assessment.elements.ht), "vht": .bool(assessment.elements.vht),
        "he": .bool(assessment.elements.he), "eht": .bool(assessment.elements.eht),
      ]),
      "risk": .string(assessment.risk.rawValue),
      "verdict": .string(assessment.verdict),
      "findings": .array(assessment.findings.map(finding)),
      "anomalies": .array(
        assessment.anomalies.map { anomaly in
          .object([
            "offset": .integer(anomaly.offset), "element": .string(anomaly.element),
            "kind": .string(anomaly.kind.rawValue), "detail": .string(anomaly.detail),
          ])
        }),
      "source": JSONValue(source),
    ]
    members["rsn_defaulted_fields"] = JSONValue(assessment.elements.rsn?.defaultedFields ?? [])

    // MARK: Fields added with the channel announcement, RSN overriding and Wi-Fi 6E/7
    // (one block, to be carried over to the typed report values as they are).
    members["heard_frequency"] = JSONValue(assessment.heardFrequency)
    members["channel_source"] = JSONValue(assessment.announcedChannel?.source.rawValue)
    members["security_paths"] = .object([
      "legacy": securityPath(advertised.legacy), "override": securityPath(advertised.override),
    ])
    members["client_path"] = .string(advertised.clientPath.rawValue)
    return .object(members)
  }

  /// One way into a network (`security_paths.legacy`, `security_paths.override`).
  static func securityPath(_ path: SecurityPath?) -> JSONValue {
    guard let path else { return .null }
    return .object([
      "security": .string(path.security.rawValue), "pmf": .string(path.pmf.rawValue),
      "akms": JSONValue(path.akms.map(\.name)),
      "pairwise_ciphers": JSONValue(path.pairwiseCiphers.map(\.name)),
      "group_cipher": JSONValue(path.groupCipher?.name),
      "group_mgmt_cipher": JSONValue(path.groupManagementCipher?.name),
    ])
  }

  public static func finding(_ finding: Finding) -> JSONValue {
    .object([
      "id": .string(finding.id), "severity": .string(finding.severity.rawValue),
      "summary": .string(finding.summary), "advice": .string(finding.advice),
      "evidence": JSONValue(finding.evidence),
    ])
  }

  static func wps(_ wps: WPSElement?) -> JSONValue {
    guard let wps else {
      return .object([
        "enabled": .bool(false), "state": .null, "version": .null, "ap_setup_locked": .null,
        "config_methods": .array([]), "device_name": .null, "manufacturer": .null,
        "model_name": .null, "model_number": .null,
      ])
    }
    return .object([
      "enabled": .bool(true),
      "state": JSONValue(wps.state?.rawValue),
      "version": JSONValue(wps.versionText),
      "ap_setup_locked": JSONValue(wps.apSetupLocked),
      "config_methods": JSONValue(wps.configMethodNames),
      "device_name": JSONValue(wps.deviceName.map { DisplayText.escape($0) }),
      "manufacturer": JSONValue(wps.manufacturer.map { DisplayText.escape($0) }),
      "model_name": JSONValue(wps.modelName.map { DisplayText.escape($0) }),
      "model_number": JSONValue(wps.modelNumber.map { DisplayText.escape($0) }),
    ])
  }

  static func interworking(_ elements: ElementSet) -> JSONValue {
    guard let element = elements.interworking else { return .null }
    return .object([
      "access_network_type": .string(element.accessNetworkTypeName),
      "internet": .bool(element.internet),
      "asra": .bool(element.asra),
      "esr": .bool(element.esr),
      "uesa": .bool(element.uesa),
      "venue_group": JSONValue(element.venueGroup.map(Int.init)),
      "venue_type": JSONValue(element.venueType.map(Int.init)),
      "hessid": JSONValue(element.hessid?.description),
      "passpoint_release": JSONValue(elements.hs20?.release),
      "roaming_consortium": JSONValue(
        elements.roamingConsortium?.ois.map { Hex.encode($0) } ?? []),
    ])
  }

  static func rsnx(_ element: RSNXElement?) -> JSONValue {
    guard let element else { return .null }
    return .object([
      "sae_hash_to_element": .bool(element.saeHashToElement), "sae_pk": .bool(element.saePK),
    ])
  }

  /// The whole report. `extra` adds top-level members (e.g. `connection`).
  public static func document(
    networks: [JSONValue], sources: [JSONValue], errors: [JSONValue],
    extra: [String: JSONValue] = [:], version: String
  ) -> JSONValue {
    var members: [String: JSONValue] = [
      "schema": .string(schema),
      "tool": .object(["name": .string("wifirisk"), "version": .string(version)]),
      "networks": .array(networks),
      "sources": .array(sources),
      "errors": .array(errors),
    ]
    for (key, value) in extra { members[key] = value }
    return .object(members)
  }
}
