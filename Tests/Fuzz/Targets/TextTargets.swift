// Text formats: iw scan output, wpa_supplicant STATUS replies, name-pattern files, and the
// terminal escaping every stranger-chosen name goes through.
import WifiRiskCore

enum TextTargets {
  /// `iw dev IF scan dump` text. Properties: the records survive a round trip through a
  /// fixture; parsing and rating are deterministic (on the sampled inputs); notes are
  /// terminal-safe.
  static func iwScan(_ data: [UInt8]) {
    _ = IwScanText.looksLikeIwScan(data)
    guard let result = try? IwScanText.parse(data) else { return }
    if Sample.thisInput {
      let again = try? IwScanText.parse(data)
      require(again == result, "iw text parses differently twice")
    }
    for note in result.notes { requireTerminalSafe(note, "an iw note") }
    let encoded = Fixture.encode(result.capture)
    let decoded = try? Fixture.decode(Array(encoded.utf8))
    require(
      decoded == result.capture,
      "iw records change in a round trip through a fixture: \(encoded.prefix(600)) / "
        + "\(decoded.map { Fixture.encode($0).prefix(600) } ?? "unreadable")")
    Rating.check(result.capture)
  }

  /// wpa_supplicant's `STATUS` reply. Properties: an SSID written the way wpa_supplicant
  /// escapes it (`printf_encode`) reads back to the same bytes; the fields read are the
  /// reply's.
  static func supplicantStatus(_ data: [UInt8]) {
    let reply = text(data)
    let status = SupplicantStatus(parsing: reply)
    _ = status.negotiatedSecurity
    _ = status.pmfInUse
    if let ssid = status.ssid { escapeChecked(ssid, "a supplicant SSID") }
    if let state = status.wpaState {
      require(status.fields["wpa_state"] == state, "wpa_state lost")
    }

    let ssid = Array(data.prefix(32))
    let line = "ssid=" + printfEncode(ssid)
    let parsed = SupplicantStatus(parsing: "wpa_state=COMPLETED\n" + line + "\n")
    require(parsed.ssid == ssid, "an escaped SSID does not read back: \(line)")
    require(
      SupplicantStatus.unescape(printfEncode(ssid)) == ssid, "unescape does not undo printf_encode")
  }

  /// wpa_supplicant's `printf_encode` (src/utils/common.c), as it writes an SSID.
  static func printfEncode(_ bytes: [UInt8]) -> String {
    var out = ""
    for byte in bytes {
      switch byte {
      case 0x22: out += "\\\""
      case 0x5C: out += "\\\\"
      case 0x1B: out += "\\e"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x09: out += "\\t"
      case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16)
        out += "\\x" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return out
  }

  /// `profiles/public-ssids.txt`-style pattern files. Properties: a pattern matches its own
  /// text when it has no `*`; `*` alone matches everything; matching never traps.
  static func ssidPatterns(_ data: [UInt8]) {
    let cut = data.firstIndex(of: 0) ?? data.count
    let patterns = SSIDPattern.parseList(text(Array(data[..<cut])))
    let name = text(Array(data[min(cut + 1, data.count)...]))
    for pattern in patterns {
      require(!pattern.text.isEmpty && !pattern.text.hasPrefix("#"), "a comment became a pattern")
      _ = pattern.matches(name)
      if !pattern.text.contains("*") {
        require(pattern.matches(pattern.text), "\"\(pattern.text)\" does not match itself")
      }
    }
    require(SSIDPattern("*").matches(name), "* does not match everything")
    let options = AssessmentOptions(publicSSIDPatterns: patterns)
    let open = BSSRecord(
      bssid: localAddress(9), capability: 1,
      ies: [0, UInt8(min(name.utf8.count, 32))] + Array(name.utf8.prefix(32)))
    _ = NetworkAssessment.assess(open, options: options)
  }

  /// Terminal escaping: nothing unsafe gets through, and the escape reads back.
  static func displayText(_ data: [UInt8]) {
    escapeChecked(data, "fuzzer bytes")
    escapeChecked(data.prefix(32), "an SSID-sized prefix")
  }
}
