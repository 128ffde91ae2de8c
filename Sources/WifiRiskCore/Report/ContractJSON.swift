/// The one place the output contracts (`Contracts.swift`) become JSON. Key names here are the
/// contract: `schemas/` spells the same names, and changing one needs a new schema version.
public protocol JSONContract {
  var json: JSONValue { get }
}

extension ReportDocument: JSONContract {
  public var json: JSONValue {
    var members: [String: JSONValue] = [
      "schema": .string(Self.schema),
      "tool": .object(["name": .string("wifirisk"), "version": .string(toolVersion)]),
      "networks": .array(networks.map(\.json)),
      "sources": .array(sources.map(\.json)),
      "errors": .array(errors.map(\.json)),
    ]
    switch connection {
    case .absent: break
    case .notConnected: members["connection"] = .null
    case .connected(let entry): members["connection"] = entry.json
    }
    return .object(members)
  }
}

extension NetworkEntry: JSONContract {
  public var json: JSONValue {
    var members: [String: JSONValue] = [
      "bssid": .string(bssid),
      "ssid": JSONValue(ssid),
      "ssid_hex": JSONValue(ssidHex),
      "hidden": .bool(hidden),
      "frequency": JSONValue(frequency),
      "channel": JSONValue(channel),
      "band": JSONValue(band),
      "signal_dbm": signalDBm.map(JSONValue.number) ?? .null,
      "seen_ms_ago": JSONValue(seenMsAgo),
      "status": JSONValue(status),
      "rsn_override": .bool(rsnOverride),
      "rsn_defaulted_fields": JSONValue(rsnDefaultedFields),
      "channel_source": JSONValue(channelSource),
      "heard_frequency": JSONValue(heardFrequency),
      "security_paths": .object([
        "legacy": securityPaths.legacy?.json ?? .null,
        "override": securityPaths.override?.json ?? .null,
      ]),
      "client_path": .string(clientPath),
      "wps": wps.json,
      "interworking": interworking?.json ?? .null,
      "rsnx": rsnx?.json ?? .null,
      "phy": .object([
        "ht": .bool(phy.ht), "vht": .bool(phy.vht), "he": .bool(phy.he), "eht": .bool(phy.eht),
      ]),
      "beacon_protection": .bool(beaconProtection),
      "sae_ext_key": .bool(saeExtKey),
      "gcmp_256": .bool(gcmp256),
      "positives": .array(
        positives.map { .object(["id": .string($0.id), "summary": .string($0.summary)]) }),
      "mld": mld?.json ?? .null,
      "risk": .string(risk),
      "verdict": .string(verdict),
      "findings": .array(findings.map(\.json)),
      "anomalies": .array(
        anomalies.map {
          .object([
            "offset": .integer($0.offset), "element": .string($0.element),
            "kind": .string($0.kind), "detail": .string($0.detail),
          ])
        }),
      "source": JSONValue(source),
    ]
    // The network's own offer stands at the top level, beside the offers of its ways in.
    members.merge(offer.members) { mine, _ in mine }
    return .object(members)
  }
}

extension NetworkEntry.WPSEntry: JSONContract {
  public var json: JSONValue {
    .object([
      "enabled": .bool(enabled),
      "state": JSONValue(state),
      "version": JSONValue(version),
      "ap_setup_locked": JSONValue(apSetupLocked),
      "config_methods": JSONValue(configMethods),
      "device_name": JSONValue(deviceName),
      "manufacturer": JSONValue(manufacturer),
      "model_name": JSONValue(modelName),
      "model_number": JSONValue(modelNumber),
    ])
  }
}

extension NetworkEntry.OfferEntry: JSONContract {
  /// A `security_paths` way in; the same keys stand at a network's top level.
  public var json: JSONValue { .object(members) }

  var members: [String: JSONValue] {
    [
      "security": .string(security), "pmf": .string(pmf), "akms": JSONValue(akms),
      "pairwise_ciphers": JSONValue(pairwiseCiphers), "group_cipher": JSONValue(groupCipher),
      "group_mgmt_cipher": JSONValue(groupManagementCipher),
    ]
  }
}

extension NetworkEntry.InterworkingEntry: JSONContract {
  public var json: JSONValue {
    .object([
      "access_network_type": .string(accessNetworkType),
      "internet": .bool(internet),
      "asra": .bool(asra),
      "esr": .bool(esr),
      "uesa": .bool(uesa),
      "venue_group": JSONValue(venueGroup),
      "venue_type": JSONValue(venueType),
      "hessid": JSONValue(hessid),
      "passpoint_release": JSONValue(passpointRelease),
      "roaming_consortium": JSONValue(roamingConsortium),
    ])
  }
}

extension NetworkEntry.MLDEntry: JSONContract {
  public var json: JSONValue {
    .object([
      "address": .string(address), "link_id": JSONValue(linkID), "links": JSONValue(links),
    ])
  }
}

extension NetworkEntry.RSNXEntry: JSONContract {
  public var json: JSONValue {
    .object(["sae_hash_to_element": .bool(saeHashToElement), "sae_pk": .bool(saePK)])
  }
}

extension FindingEntry: JSONContract {
  public var json: JSONValue {
    .object([
      "id": .string(id), "severity": .string(severity), "summary": .string(summary),
      "advice": .string(advice), "evidence": JSONValue(evidence),
    ])
  }
}

extension SourceEntry: JSONContract {
  public var json: JSONValue {
    var members: [String: JSONValue] = [
      "file": JSONValue(file),
      "captured_at": JSONValue(capturedAt),
      "source": JSONValue(source),
      "interface": JSONValue(interface),
      "bss_count": .integer(bssCount),
      "problems": JSONValue(problems),
      "statistics": statistics?.json ?? .null,
    ]
    if let live {
      members["fresh"] = .bool(live.fresh)
      members["cache_age_ms"] = JSONValue(live.cacheAgeMs)
      members["notes"] = JSONValue(live.notes)
    }
    return .object(members)
  }
}

extension CaptureStats: JSONContract {
  /// The `statistics` object of a capture's `sources` entry.
  public var json: JSONValue {
    .object([
      "packets": .integer(packets),
      "beacons": .integer(beacons),
      "probe_responses": .integer(probeResponses),
      "ignored": .integer(ignored),
      "bad_fcs": .integer(badFCS),
      "malformed": .integer(malformed),
      "snapped": .integer(snapped),
      "other_link_type": .integer(otherLinkType),
      "truncated_end": .bool(truncatedEnd),
    ])
  }
}

extension ErrorEntry: JSONContract {
  public var json: JSONValue {
    .object(["file": .string(file), "message": .string(message)])
  }
}

extension ConnectionEntry: JSONContract {
  public var json: JSONValue {
    .object([
      "interface": .string(interface),
      "bssid": .string(bssid),
      "ssid": JSONValue(ssid),
      "ssid_hex": JSONValue(ssidHex),
      "frequency": JSONValue(frequency),
      "signal_dbm": JSONValue(signalDBm),
      "tx_bitrate_mbps": txBitrate.map { .number(Double($0) / 10) } ?? .null,
      "rx_bitrate_mbps": rxBitrate.map { .number(Double($0) / 10) } ?? .null,
      "connected_seconds": JSONValue(connectedSeconds),
      "rating_basis": .string(ratingBasis),
      "negotiated": negotiated?.json ?? .null,
      "network": network.json,
      "portal": portal.json,
    ])
  }
}

extension NegotiatedLink: JSONContract {
  /// The `connection.negotiated` object, in wpa_supplicant's names whoever said them (the
  /// access point's address is not printed: `connection.bssid` is that one).
  public var json: JSONValue {
    .object([
      "source": .string(source.rawValue),
      "key_mgmt": JSONValue(keyManagement),
      "pairwise_cipher": JSONValue(pairwiseCipher),
      "group_cipher": JSONValue(groupCipher),
      "mgmt_group_cipher": JSONValue(managementGroupCipher),
      "pmf": JSONValue(pmfInUse),
      "security": JSONValue(security?.rawValue),
      "wpa_state": JSONValue(state),
    ])
  }
}

extension PortalReport: JSONContract {
  /// The `connection.portal` object of `wifirisk now --format json`.
  public var json: JSONValue {
    .object([
      "state": .string(state.rawValue),
      "portal_url": JSONValue(portalURL),
      "probe_url": JSONValue(probeURL),
      "http_status": JSONValue(httpStatus),
      "api": api?.json ?? .null,
      "lease_api_uri": JSONValue(leaseAPIURI),
      "notes": JSONValue(notes),
    ])
  }
}

extension CaptivePortalAPIStatus: JSONContract {
  /// The `api` object of the `connection.portal` report.
  public var json: JSONValue {
    func number(_ value: Double?) -> JSONValue {
      guard let value else { return .null }
      if value == value.rounded(), abs(value) < 9e15 { return .integer(Int(value)) }
      return .number(value)
    }
    return .object([
      "captive": .bool(captive),
      "user_portal_url": JSONValue(userPortalURL),
      "venue_info_url": JSONValue(venueInfoURL),
      "seconds_remaining": number(secondsRemaining),
      "bytes_remaining": number(bytesRemaining),
      "can_extend_session": JSONValue(canExtendSession),
    ])
  }
}

extension CheckDocument: JSONContract {
  public var json: JSONValue {
    .object([
      "schema": .string(Self.schema),
      "action": JSONValue(action),
      "exit_status": .integer(exitStatus),
      "profile": .string(profile),
      "ssid": JSONValue(ssid),
      "ssid_hex": JSONValue(ssidHex),
      "bssid": JSONValue(bssid),
      "judged_bssid": JSONValue(judgedBSSID),
      "security": JSONValue(security),
      "reasons": .array(
        reasons.map {
          .object([
            "id": .string($0.id), "action": .string($0.action), "bssid": JSONValue($0.bssid),
            "message": .string($0.message),
          ])
        }),
      "networks": .array(networks.map(\.json)),
      "error": JSONValue(error),
      "summary": .string(summary),
    ])
  }
}

extension HomeDocument: JSONContract {
  public var json: JSONValue {
    .object([
      "schema": .string(Self.schema),
      "tool": .object(["name": .string("wifirisk"), "version": .string(toolVersion)]),
      "network": .object(["ssid": .string(ssid), "ssid_hex": .string(ssidHex)]),
      "access_points": .array(accessPoints.map(\.json)),
      "siblings": .array(
        siblings.map {
          .object([
            "ssid": .string($0.ssid), "ssid_hex": .string($0.ssidHex), "kind": .string($0.kind),
            "bssids": JSONValue($0.bssids), "security": .string($0.security),
            "why": JSONValue($0.why),
          ])
        }),
      "items": .array(
        items.map {
          .object([
            "id": .string($0.id), "status": .string($0.status), "summary": .string($0.summary),
            "advice": .string($0.advice), "evidence": JSONValue($0.evidence),
          ])
        }),
      "source": source.json,
      "exit_status": .integer(exitStatus),
    ])
  }
}
