/// A finding that compares what is seen now with what was remembered or trusted, or with
/// the other access points of the same name in the scan. Its id goes in a profile's
/// `[findings]` table like the rating's finding ids (except `trusted-mismatch`, which is
/// always a block).
public struct MemoryFinding: Sendable, Equatable {
  public var id: String
  /// The access point it is about; nil when it is about the name as a whole.
  public var bssid: MACAddress?
  public var message: String

  public init(id: String, bssid: MACAddress?, message: String) {
    self.id = id
    self.bssid = bssid
    self.message = message
  }
}

/// The rules behind memory findings.
///
/// | id | when |
/// |---|---|
/// | `downgrade` | a remembered name now has weaker security (or lost required PMF, or the RSN Override elements of WPA3 compatibility mode) |
/// | `new-bssid` | a remembered or trusted name from an access point it was never seen on, whose vendor prefix (OUI) differs from all the known ones |
/// | `evil-twin-suspect` | the scan shows the name with different security at the same time, or with the same security from an access point of unknown vendor beside ones of known vendors (mesh nodes and repeaters of one vendor never raise it) |
/// | `lookalike-ssid` | the name differs from a remembered or trusted one only by confusable characters (TR39 skeletons), separators, case, or invisible and trailing characters |
/// | `trusted-mismatch` | a trusted name with a security other than the profile expects (always blocked) |
public enum MemoryRules {
  /// The ids a profile's `[findings]` table may set.
  public static let ids = ["downgrade", "new-bssid", "evil-twin-suspect", "lookalike-ssid"]
  /// Not settable: a trusted network that looks different is always blocked.
  public static let trustedMismatch = "trusted-mismatch"

  /// - Parameters:
  ///   - judged: the access points being judged (one name's, or one BSSID).
  ///   - scan: everything the scan saw, for twins and look-alikes.
  ///   - known: the remembered networks.
  ///   - trusted: the profile's trusted networks.
  ///   - vendors: vendor names by OUI, for messages (may be empty).
  ///   - skeleton: a TR39 confusable skeleton function for `lookalike-ssid` (ICU's spoof
  ///     checker); without one, wifirisk's own homoglyph table is used. It is called only
  ///     when a judged name is compared with a remembered or trusted one.
  public static func findings(
    judged: [NetworkAssessment], scan: [NetworkAssessment], known: KnownNetworks,
    trusted: [TrustedNetwork], vendors: [[UInt8]: String] = [:],
    skeleton: Lookalike.Skeleton? = nil
  ) -> [MemoryFinding] {
    var out: [MemoryFinding] = []
    let names = Array(Set(judged.compactMap(\.ssid))).sorted { $0.lexicographicallyPrecedes($1) }
    for name in names {
      let members = judged.filter { $0.ssid == name }
      let display = DisplayText.escape(name)
      let remembered = known.network(ssid: name)
      let trust = trusted.first { $0.ssid == name }

      if let remembered {
        for bss in members {
          if bss.security.strength < remembered.security.strength {
            out.append(
              MemoryFinding(
                id: "downgrade", bssid: bss.record.bssid,
                message:
                  "\"\(display)\" was remembered with \(remembered.security.rawValue) "
                  + "(since \(remembered.firstSeen)) and now offers \(bss.security.rawValue)"))
          } else if remembered.rsnOverride && !bss.advertised.rsnOverride {
            out.append(
              MemoryFinding(
                id: "downgrade", bssid: bss.record.bssid,
                message:
                  "\"\(display)\" was remembered in WPA3 compatibility mode (RSN Override "
                  + "elements) and now sends none: devices that used its WPA3 setting would "
                  + "fall back to \(bss.advertised.legacy?.security.title ?? bss.security.title)"))
          } else if remembered.pmf == .required && bss.pmf != .required {
            out.append(
              MemoryFinding(
                id: "downgrade", bssid: bss.record.bssid,
                message:
                  "\"\(display)\" was remembered with management frame protection required "
                  + "and now has it \(bss.pmf.rawValue)"))
          }
        }
      }

      if let trust {
        for bss in members {
          if let expected = trust.security, bss.security != expected {
            out.append(
              MemoryFinding(
                id: trustedMismatch, bssid: bss.record.bssid,
                message:
                  "the trusted network \"\(display)\" should have \(expected.rawValue), "
                  + "this access point offers \(bss.security.rawValue)"))
          }
        }
      }

      for bss in members {
        let address = bss.record.bssid
        var unknownTo: [String] = []
        if let remembered, !remembered.knows(address),
          !remembered.bssids.contains(where: { $0.bssid.oui == address.oui })
        {
          unknownTo.append("the remembered access points")
        }
        if let trust, trust.restrictsAccessPoints, !trust.bssids.contains(address),
          !trust.ouis.contains(address.oui)
        {
          unknownTo.append("the profile's trusted BSSIDs and OUIs")
        }
        guard !unknownTo.isEmpty else { continue }
        var vendor = ""
        if let name = vendors[address.oui] {
          vendor = " (\(name))"
        } else if address.isLocallyAdministered {
          vendor = " (a locally administered address)"
        }
        let knownVendors = Set(remembered?.bssids.map(\.bssid.oui) ?? [])
          .union(trust?.ouis ?? []).union(trust?.bssids.map(\.oui) ?? [])
          .sorted { $0.lexicographicallyPrecedes($1) }
          .map { oui in VendorPrefix.format(oui) + (vendors[oui].map { " \($0)" } ?? "") }
        out.append(
          MemoryFinding(
            id: "new-bssid", bssid: address,
            message:
              "\"\(display)\" from a new access point \(address)\(vendor), whose vendor "
              + "prefix matches none of " + unknownTo.joined(separator: " or ")
              + (knownVendors.isEmpty ? "" : " (" + knownVendors.joined(separator: ", ") + ")")))
      }

      let twins = scan.filter { $0.ssid == name }
      let kinds = Set(twins.map(\.security))
      if kinds.count > 1 && !isOWETransitionPair(twins) {
        let listed = twins.sorted { $0.security.strength < $1.security.strength }
          .map { "\($0.security.rawValue) (\($0.record.bssid))" }
        out.append(
          MemoryFinding(
            id: "evil-twin-suspect", bssid: nil,
            message:
              "\"\(display)\" is offered with different security at the same time: "
              + listed.joined(separator: ", ")))
      } else if let stranger = unknownVendorTwin(twins, vendors: vendors) {
        out.append(
          MemoryFinding(
            id: "evil-twin-suspect", bssid: stranger.unknown,
            message:
              "\"\(display)\" is offered with the same security by access points of "
              + "\(stranger.known) and by \(stranger.unknown), whose vendor is unknown"))
      }

      var references: [[UInt8]: String] = [:]
      for network in known.networks { references[network.ssid] = "remembered" }
      for network in trusted {
        references[network.ssid] =
          references[network.ssid] == nil ? "trusted" : "remembered and trusted"
      }
      let sortedReferences = references.sorted { $0.key.lexicographicallyPrecedes($1.key) }
      for (reference, kind) in sortedReferences
      where Lookalike.confusable(name, reference, skeleton: skeleton) {
        let detail = Lookalike.differences(name, from: reference).map { ": \($0)" } ?? ""
        out.append(
          MemoryFinding(
            id: "lookalike-ssid", bssid: nil,
            message:
              "\"\(display)\" only looks like the \(kind) network "
              + "\"\(DisplayText.escape(reference))\"\(detail)"))
      }
    }
    return out
  }

  /// Mesh nodes and repeaters: several access points of one name and one security are
  /// normal when their vendors are known. An access point whose vendor is unknown beside
  /// them is a suspect: an OUI the vendor registry does not list (when it was read), or a
  /// locally administered address (what phones, laptops and attack tools use) that is not
  /// derived from a known access point's (mesh systems set the local bit, and perhaps an
  /// index, in the first octet or change the last: the four middle octets stay).
  /// Returns the known vendors' names and the stranger's address.
  static func unknownVendorTwin(_ twins: [NetworkAssessment], vendors: [[UInt8]: String])
    -> (known: String, unknown: MACAddress)?
  {
    let addresses = Array(Set(twins.map(\.record.bssid))).sorted()
    guard addresses.count > 1 else { return nil }
    func registered(_ address: MACAddress) -> Bool {
      !address.isLocallyAdministered && (vendors.isEmpty || vendors[address.oui] != nil)
    }
    let known = addresses.filter(registered)
    guard !known.isEmpty else { return nil }
    for address in addresses where !registered(address) {
      let middle = Array(address.bytes[1...4])
      let derived =
        address.isLocallyAdministered
        && known.contains { Array($0.bytes[1...4]) == middle }
      guard !derived else { continue }
      let names = Array(Set(known.map { vendors[$0.oui] ?? VendorPrefix.format($0.oui) }))
        .sorted()
      return (names.joined(separator: " and "), address)
    }
    return nil
  }

  /// An open access point announcing its Enhanced Open twin, with that twin: one network
  /// offered two ways on purpose, not an impostor.
  static func isOWETransitionPair(_ members: [NetworkAssessment]) -> Bool {
    guard Set(members.map(\.security)) == [.open, .owe] else { return false }
    let open = members.filter { $0.security == .open }
    let owe = Set(members.filter { $0.security == .owe }.map(\.record.bssid))
    return open.allSatisfy { bss in
      guard let twin = bss.elements.oweTransition else { return false }
      return owe.contains(twin.bssid)
    }
  }
}

/// Vendor names from the IEEE registry as Debian's ieee-data package ships it
/// (`/usr/share/ieee-data/oui.txt`): lines like `00-22-72   (hex)\t\tVendor Name`.
public enum OUIRegistry {
  /// The vendor names of the wanted OUIs found in the text.
  public static func vendors(for wanted: Set<[UInt8]>, in text: [UInt8]) -> [[UInt8]: String] {
    guard !wanted.isEmpty else { return [:] }
    var out: [[UInt8]: String] = [:]
    var start = 0
    while start < text.count {
      var end = start
      while end < text.count && text[end] != 0x0A { end += 1 }
      if let (oui, name) = entry(text[start..<end]), wanted.contains(oui) {
        out[oui] = name
        if out.count == wanted.count { break }
      }
      start = end + 1
    }
    return out
  }

  /// `AA-BB-CC   (hex)\t\tName`, or nil for any other line.
  static func entry(_ line: ArraySlice<UInt8>) -> ([UInt8], String)? {
    guard line.count > 18 else { return nil }
    let bytes = Array(line)
    guard bytes[2] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "-") else { return nil }
    let marker = Array("(hex)".utf8)
    guard
      let markerAt = (8..<min(bytes.count - marker.count, 20)).first(where: {
        Array(bytes[$0..<($0 + marker.count)]) == marker
      })
    else { return nil }
    guard
      let oui = try? Hex.decode(
        String(decoding: bytes[0..<2] + bytes[3..<5] + bytes[6..<8], as: UTF8.self))
    else { return nil }
    let name = bytes[(markerAt + marker.count)...].drop {
      $0 == 0x09 || $0 == 0x20
    }
    var trimmed = Array(name)
    while let last = trimmed.last, last == 0x0D || last == 0x20 || last == 0x09 {
      trimmed.removeLast()
    }
    guard !trimmed.isEmpty else { return nil }
    return (oui, DisplayText.escape(trimmed))
  }
}
