/// wpa_supplicant's answer to the control interface command `STATUS`: `key=value` lines.
/// The fields wifirisk uses are typed; every line (known or not) stays in `fields`.
public struct SupplicantStatus: Sendable, Equatable {
  /// `wpa_state`: `COMPLETED` when connected, else `SCANNING`, `ASSOCIATING`, `DISCONNECTED`...
  public var wpaState: String?
  public var bssid: MACAddress?
  /// The SSID bytes, decoded from wpa_supplicant's escaped text (`\xNN`, `\\`, `\"`, ...).
  public var ssid: [UInt8]?
  /// `key_mgmt`: `WPA2-PSK`, `SAE`, `NONE`, `OWE`, `WPA2/IEEE 802.1X/EAP`...
  public var keyManagement: String?
  public var pairwiseCipher: String?
  public var groupCipher: String?
  /// Management frame protection: 0 off, 1 optional (capable), 2 required; from `pmf=`, or
  /// `ieee80211w=` when that is what the reply carries.
  public var pmf: Int?
  /// `mgmt_group_cipher`, e.g. `BIP`, when PMF is in use.
  public var managementGroupCipher: String?
  /// `freq`, in MHz.
  public var frequency: Int?
  /// Every `key=value` line; a repeated key keeps its last value.
  public var fields: [String: String]

  public init(
    wpaState: String? = nil, bssid: MACAddress? = nil, ssid: [UInt8]? = nil,
    keyManagement: String? = nil, pairwiseCipher: String? = nil, groupCipher: String? = nil,
    pmf: Int? = nil, managementGroupCipher: String? = nil, frequency: Int? = nil,
    fields: [String: String] = [:]
  ) {
    self.wpaState = wpaState
    self.bssid = bssid
    self.ssid = ssid
    self.keyManagement = keyManagement
    self.pairwiseCipher = pairwiseCipher
    self.groupCipher = groupCipher
    self.pmf = pmf
    self.managementGroupCipher = managementGroupCipher
    self.frequency = frequency
    self.fields = fields
  }

  /// Parses the reply text. Never fails: lines without `=` are skipped, values that do not
  /// parse (a bad BSSID, a non-numeric frequency) leave their typed field nil.
  public init(parsing text: String) {
    var fields: [String: String] = [:]
    for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
      guard let equals = line.firstIndex(of: "=") else { continue }
      let key = String(line[..<equals])
      guard !key.isEmpty else { continue }
      fields[key] = String(line[line.index(after: equals)...])
    }
    self.init(
      wpaState: fields["wpa_state"],
      bssid: fields["bssid"].flatMap { MACAddress($0) },
      ssid: fields["ssid"].map { SupplicantStatus.unescape($0) },
      keyManagement: fields["key_mgmt"],
      pairwiseCipher: fields["pairwise_cipher"],
      groupCipher: fields["group_cipher"],
      pmf: (fields["pmf"] ?? fields["ieee80211w"]).flatMap { Int($0) },
      managementGroupCipher: fields["mgmt_group_cipher"],
      frequency: fields["freq"].flatMap { Int($0) },
      fields: fields
    )
  }

  public var isConnected: Bool { wpaState == "COMPLETED" }

  /// Undoes wpa_supplicant's `printf_encode`: `\\`, `\"`, `\n`, `\r`, `\t`, `\e`, `\xHH`
  /// (one or two hex digits) and `\NNN` (octal, up to three digits). An unknown escape keeps
  /// the character after the backslash; a trailing backslash is kept.
  public static func unescape(_ text: String) -> [UInt8] {
    let input = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(input.count)
    var index = 0
    while index < input.count {
      let byte = input[index]
      index += 1
      guard byte == UInt8(ascii: "\\"), index < input.count else {
        out.append(byte)
        continue
      }
      let escape = input[index]
      index += 1
      switch escape {
      case UInt8(ascii: "n"): out.append(0x0a)
      case UInt8(ascii: "r"): out.append(0x0d)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "e"): out.append(0x1b)
      case UInt8(ascii: "x"):
        var value: UInt8 = 0
        var digits = 0
        while digits < 2, index < input.count, let nibble = hexValue(input[index]) {
          value = value << 4 | nibble
          index += 1
          digits += 1
        }
        out.append(digits == 0 ? UInt8(ascii: "x") : value)
      case UInt8(ascii: "0")...UInt8(ascii: "7"):
        var value = UInt16(escape - UInt8(ascii: "0"))
        var digits = 1
        while digits < 3, index < input.count,
          (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(input[index])
        {
          value = value << 3 | UInt16(input[index] - UInt8(ascii: "0"))
          index += 1
          digits += 1
        }
        out.append(UInt8(truncatingIfNeeded: value))
      default:
        out.append(escape)
      }
    }
    return out
  }

  private static func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
