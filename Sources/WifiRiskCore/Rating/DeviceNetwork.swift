/// Networks that belong to a device rather than lead to the Internet: Wi-Fi Direct groups
/// (printers, TVs, phones; the name starts `DIRECT-` and two characters, as the Wi-Fi
/// Direct specification makes it, or the beacon carries a P2P element), and the open setup
/// networks that smart-home devices raise until they are configured, whose name patterns
/// come from the data file beside the profiles (`profiles/device-ssids.txt`).
public struct DeviceSSID: Sendable, Equatable {
  public let name: NamePattern
  /// What kind of device raises it, e.g. "Shelly relay".
  public let device: String

  public init(pattern: String, device: String) throws(NamePattern.LineError) {
    self.name = try NamePattern(pattern)
    self.device = device
  }

  /// Reads the data file: one `pattern | device` a line; blank lines and `#` lines are
  /// skipped; lines that do not read are returned as errors.
  public static func parseList(_ text: String) -> (
    patterns: [DeviceSSID], errors: [NamePattern.LineError]
  ) {
    var patterns: [DeviceSSID] = []
    var errors: [NamePattern.LineError] = []
    for (line, fields) in NamePattern.lines(text) {
      guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else {
        errors.append(.init(line: line, message: "expected: pattern | device"))
        continue
      }
      do {
        patterns.append(try DeviceSSID(pattern: fields[0], device: fields[1]))
      } catch {
        errors.append(.init(line: line, message: error.message))
      }
    }
    return (patterns, errors)
  }

  /// `DIRECT-` and two letters or digits: the name a Wi-Fi Direct group owner gives its group.
  static func isWiFiDirect(_ ssid: [UInt8]) -> Bool {
    let prefix = Array("DIRECT-".utf8)
    guard ssid.count >= prefix.count + 2, Array(ssid.prefix(prefix.count)) == prefix else {
      return false
    }
    return ssid[prefix.count..<(prefix.count + 2)].allSatisfy { byte in
      (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
  }
}

extension RatingContext {
  /// What kind of device's own network this is, if it is one.
  var deviceNetwork: String? {
    if elements.p2p || beaconElements?.p2p == true { return "a Wi-Fi Direct group" }
    guard let ssid else { return nil }
    if DeviceSSID.isWiFiDirect(ssid) { return "a Wi-Fi Direct group" }
    // Setup networks are open until the device is configured.
    guard advertised.security == .open, let name = String(validating: ssid, as: UTF8.self),
      let match = options.deviceSSIDs.first(where: { $0.name.matches(name) })
    else { return nil }
    return "the setup network of a device: \(match.device)"
  }
}
