/// The DHCP clients whose lease files wifirisk reads for the captive portal API URI
/// (DHCPv4 option 114, RFC 8910).
public enum DHCPClient: String, Sendable, Equatable, CaseIterable {
  case systemdNetworkd = "systemd-networkd"
  case networkManager = "NetworkManager"
  case dhclient
}

/// One lease as a DHCP client wrote it down, reduced to what the portal check uses.
public struct LeaseEntry: Sendable, Equatable {
  public var client: DHCPClient
  /// The interface the lease is for, when the file says (dhclient does; the other clients
  /// name their files after the interface).
  public var interface: String?
  /// The leased IPv4 address, to tell a current lease from a stale one.
  public var address: String?
  /// Option 114 as the client stored it, decoded to text (display-escaped where it is not
  /// valid UTF-8); nil when the lease has none.
  public var captivePortal: String?

  public init(
    client: DHCPClient, interface: String? = nil, address: String? = nil,
    captivePortal: String? = nil
  ) {
    self.client = client
    self.interface = interface
    self.address = address
    self.captivePortal = captivePortal
  }

  /// True when option 114 carries RFC 8910's "no captive portal here" value.
  public var saysUnrestricted: Bool {
    captivePortal?.lowercased() == CaptivePortalURI.unrestricted
  }
}

public enum CaptivePortalURI {
  /// RFC 8910 section 2: the value a network sends to say it has no captive portal.
  public static let unrestricted = "urn:ietf:params:capport:unrestricted"
}

/// Readers for the lease files of systemd-networkd, NetworkManager and ISC dhclient. They
/// take the file's text and never fail: a file they cannot make sense of yields no option.
///
/// What each client writes (checked against the clients themselves, see
/// `fixtures/leases/README.md`):
///
/// - systemd-networkd: `/run/systemd/netif/leases/IFINDEX`, `KEY=VALUE` lines. Version 254
///   and later request option 114 and write `CAPTIVE_PORTAL=` into the link state file
///   `/run/systemd/netif/links/IFINDEX`; 252 neither asks for nor stores it.
/// - NetworkManager's internal client (n-dhcp4, the default since 1.22) writes
///   `/var/lib/NetworkManager/internal-UUID-IFACE.lease` with only `ADDRESS=`; its device
///   state `/run/NetworkManager/devices/IFINDEX` holds no DHCP options. With the dhclient
///   plugin it writes `/var/lib/NetworkManager/dhclient-UUID-IFACE.lease` in dhclient's
///   format.
/// - dhclient: `lease { ... }` blocks appended to `/var/lib/dhcp/dhclient*.leases`; option
///   114 is `option default-url "..."` (ISC's name for code 114), `option unknown-114 ...`
///   in builds that have no name for it, or the name a `code 114` declaration gave it.
public enum LeaseFiles {
  /// `KEY=VALUE` lines (systemd's environment-file style): `#` comments and lines without
  /// `=` are skipped; a value in double quotes loses them. Later keys win.
  public static func keyValues(_ text: String) -> [String: String] {
    var values: [String: String] = [:]
    for line in text.split(whereSeparator: \.isNewline) {
      let trimmed = line.trimmingASCIISpaces
      guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
      let key = trimmed[..<equals].trimmingASCIISpaces
      var value = trimmed[trimmed.index(after: equals)...].trimmingASCIISpaces
      if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
        value = String(value.dropFirst().dropLast())
      }
      if !key.isEmpty { values[key] = value }
    }
    return values
  }

  /// A systemd-networkd lease or link state file (or an old NetworkManager internal lease,
  /// which used the same writer). Newer systemd writes leases as JSON; that form is read
  /// too, for its address and any captive-portal member.
  public static func networkd(_ text: String, client: DHCPClient = .systemdNetworkd) -> LeaseEntry {
    if text.trimmingASCIISpaces.hasPrefix("{") { return jsonLease(text, client: client) }
    let values = keyValues(text)
    let portal = values["CAPTIVE_PORTAL"].flatMap { $0.isEmpty ? nil : $0 }
    return LeaseEntry(client: client, address: values["ADDRESS"], captivePortal: portal)
  }

  /// NetworkManager's internal client lease (`internal-UUID-IFACE.lease`).
  public static func networkManagerInternal(_ text: String) -> LeaseEntry {
    networkd(text, client: .networkManager)
  }

  private static func jsonLease(_ text: String, client: DHCPClient) -> LeaseEntry {
    guard case .object(let members)? = try? JSONParser.parse(Array(text.utf8)) else {
      return LeaseEntry(client: client)
    }
    var entry = LeaseEntry(client: client)
    for (key, value) in members {
      let name = key.lowercased().filter { $0 != "_" }
      if name == "captiveportal", case .string(let uri) = value, !uri.isEmpty {
        entry.captivePortal = uri
      }
      if name == "address", case .array(let octets) = value, octets.count == 4 {
        let numbers = octets.compactMap { item -> Int? in
          if case .integer(let number) = item, (0...255).contains(number) { return number }
          return nil
        }
        if numbers.count == 4 { entry.address = numbers.map(String.init).joined(separator: ".") }
      }
    }
    return entry
  }

  /// Option names under which dhclient may have stored option 114.
  public static func isCaptivePortalOption(_ name: String) -> Bool {
    let lower = name.lowercased()
    return lower == "default-url" || lower == "unknown-114" || lower.contains("captive")
  }

  /// Every `lease { }` block of a dhclient lease file, in file order (dhclient appends, so
  /// the last one for an interface is the newest). `lease6` blocks and other statements
  /// are skipped.
  public static func dhclient(_ text: String, client: DHCPClient = .dhclient) -> [LeaseEntry] {
    var tokens = DhclientTokenizer(bytes: Array(text.utf8))
    var leases: [LeaseEntry] = []
    var depth = 0
    var statement: [DhclientToken] = []
    var current: LeaseEntry?
    while let token = tokens.next() {
      switch token {
      case .open:
        if depth == 0 {
          if statement.count == 1, case .word(let word) = statement[0], word == "lease" {
            current = LeaseEntry(client: client)
          }
        }
        depth += 1
        statement = []
      case .close:
        depth = max(0, depth - 1)
        if depth == 0, let lease = current {
          leases.append(lease)
          current = nil
        }
        statement = []
      case .semicolon:
        if depth == 1, current != nil { apply(statement, to: &current) }
        statement = []
      default:
        // A runaway statement (no `;` for a long time) is dropped, not kept growing.
        if statement.count < 64 { statement.append(token) }
      }
    }
    return leases
  }

  private static func apply(_ statement: [DhclientToken], to lease: inout LeaseEntry?) {
    guard case .word(let keyword)? = statement.first else { return }
    switch keyword {
    case "interface":
      if statement.count == 2, case .string(let name) = statement[1] {
        lease?.interface = text(name)
      }
    case "fixed-address":
      if statement.count == 2, case .word(let address) = statement[1] { lease?.address = address }
    case "option":
      guard statement.count >= 3, case .word(let name) = statement[1],
        isCaptivePortalOption(name)
      else { return }
      // An empty value (`""`, or a lone NUL byte) names no API, as in networkd's files.
      lease?.captivePortal = optionValue(Array(statement.dropFirst(2))).flatMap {
        $0.isEmpty ? nil : $0
      }
    default:
      break
    }
  }

  /// A quoted string, or colon-separated hex bytes (how dhclient prints an option it has no
  /// format for).
  private static func optionValue(_ tokens: [DhclientToken]) -> String? {
    guard tokens.count == 1 else { return nil }
    switch tokens[0] {
    case .string(let bytes):
      return text(bytes)
    case .word(let word):
      let parts = word.split(separator: ":", omittingEmptySubsequences: false)
      let bytes = parts.compactMap { UInt8($0, radix: 16) }
      guard bytes.count == parts.count, parts.allSatisfy({ (1...2).contains($0.count) }) else {
        return word
      }
      return text(bytes.last == 0 ? Array(bytes.dropLast()) : bytes)
    default:
      return nil
    }
  }

  private static func text(_ bytes: [UInt8]) -> String {
    String(validating: bytes, as: UTF8.self).flatMap {
      $0.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } ? $0 : nil
    } ?? DisplayText.escape(bytes)
  }
}

enum DhclientToken: Equatable {
  case word(String)
  /// A quoted string with dhclient's escapes (`\ooo` octal, `\c` for c) undone.
  case string([UInt8])
  case open
  case close
  case semicolon
}

/// Splits dhclient's lease syntax into words, strings and punctuation; `#` comments run to
/// the end of the line.
struct DhclientTokenizer {
  let bytes: [UInt8]
  var index = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  mutating func next() -> DhclientToken? {
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case 0x20, 0x09, 0x0A, 0x0D:
        index += 1
      case UInt8(ascii: "#"):
        while index < bytes.count && bytes[index] != 0x0A { index += 1 }
      case UInt8(ascii: "{"):
        index += 1
        return .open
      case UInt8(ascii: "}"):
        index += 1
        return .close
      case UInt8(ascii: ";"):
        index += 1
        return .semicolon
      case UInt8(ascii: "\""):
        index += 1
        return .string(quoted())
      default:
        let start = index
        while index < bytes.count,
          ![
            0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ";"),
            UInt8(ascii: "\""),
          ].contains(bytes[index])
        {
          index += 1
        }
        return .word(String(decoding: bytes[start..<index], as: UTF8.self))
      }
    }
    return nil
  }

  /// The body of a quoted string; the opening quote is already consumed. An unterminated
  /// string ends at the end of the text.
  private mutating func quoted() -> [UInt8] {
    var out: [UInt8] = []
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if byte == UInt8(ascii: "\"") { return out }
      guard byte == UInt8(ascii: "\\"), index < bytes.count else {
        out.append(byte)
        continue
      }
      let isOctal = { (b: UInt8) in (0x30...0x37).contains(b) }
      if index + 2 < bytes.count, isOctal(bytes[index]), isOctal(bytes[index + 1]),
        isOctal(bytes[index + 2])
      {
        let value =
          Int(bytes[index] - 0x30) * 64 + Int(bytes[index + 1] - 0x30) * 8
          + Int(bytes[index + 2] - 0x30)
        out.append(UInt8(truncatingIfNeeded: value))
        index += 3
      } else {
        out.append(bytes[index])
        index += 1
      }
    }
    return out
  }
}
