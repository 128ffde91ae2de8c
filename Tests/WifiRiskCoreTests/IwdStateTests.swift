import Foundation
import TestSupport
import Testing
import WifiRiskCore

/// Reading iwd's D-Bus replies: the station of an interface in `GetManagedObjects`, and
/// what `StationDiagnostic.GetDiagnostics` says was negotiated. The replies in
/// `fixtures/iwd/` are iwd 2.3's own, recorded in the kernel lab with busctl.
@Suite struct IwdStateTests {
  @Test func findsTheStationOfAnInterface() throws {
    let objects = try BusctlJSON.reply("iwd/managed-objects-connected.json")
    let station = try #require(IwdStation.find(interface: "wlan11", in: objects))
    #expect(station.path == "/net/connman/iwd/11/13")
    #expect(station.state == "connected")
    #expect(station.isConnected)
    #expect(station.connectedNetwork == "/net/connman/iwd/11/13/6c61622d77706133_psk")
    #expect(IwdStation.find(interface: "wlan6", in: objects) == nil)
    #expect(IwdStation.find(interface: "wlan11", in: .array([])) == nil)
    #expect(IwdStation.find(interface: "wlan11", in: .string("x")) == nil)
  }

  @Test func readsWhatWasNegotiatedWithWPA3() throws {
    let diagnostics = try #require(
      IwdDiagnostics(try BusctlJSON.reply("iwd/diagnostics-wpa3.json")))
    #expect(diagnostics.connectedBSS == MACAddress("02:00:00:00:02:02"))
    #expect(diagnostics.frequency == 2462)
    #expect(diagnostics.security == "WPA3-Personal")
    #expect(diagnostics.negotiatedSecurity == .wpa3Personal)
    #expect(diagnostics.keyManagement == "SAE")
    #expect(diagnostics.pairwiseCipherName == "CCMP")
    #expect(diagnostics.pmfInUse == true)
    #expect(diagnostics.rssi == -30)
    let link = NegotiatedLink(diagnostics)
    #expect(link.source == .iwd)
    #expect(link.security == .wpa3Personal)
    #expect(link.state == nil)
  }

  /// `now`'s connection, as iwd told it: `rating_basis` negotiated, `negotiated.source`
  /// iwd, null where iwd does not say; the document holds to the report schema. A link whose
  /// access point is another one says nothing of this connection.
  @Test func reportsWhatIwdNegotiated() throws {
    let diagnostics = try #require(
      IwdDiagnostics(try BusctlJSON.reply("iwd/diagnostics-wpa3.json")))
    var record = Net.record(Net.cleanWPA3)
    record.bssid = try #require(diagnostics.connectedBSS)
    record.status = .associated
    let assessment = NetworkAssessment.assess(record)
    let entry = ConnectionEntry(
      interface: "wlan11", assessment: assessment, station: nil,
      negotiated: NegotiatedLink(diagnostics), portal: nil)
    #expect(entry.ratingBasis == "negotiated")
    let negotiated = try #require(entry.negotiated)
    #expect(negotiated.source == .iwd)
    #expect(negotiated.keyManagement == "SAE")
    #expect(negotiated.security == .wpa3Personal)
    #expect(negotiated.pmfInUse == true)
    #expect(negotiated.groupCipher == nil && negotiated.state == nil)
    let document = ReportDocument(
      toolVersion: WifiRiskVersion.current, networks: [NetworkEntry(assessment, source: "wlan11")],
      sources: [
        SourceEntry(ScanSnapshot(source: "nl80211", interface: "wlan11", bss: [record]), file: nil)
      ],
      connection: .connected(entry))
    let text = document.json.serialized()
    #expect(text.contains(#""source": "iwd""#))
    try SchemaCheck.validate([Array(text.utf8)], against: .report)

    var elsewhere = diagnostics
    elsewhere.connectedBSS = MACAddress("02:00:00:00:09:09")
    let other = ConnectionEntry(
      interface: "wlan11", assessment: assessment, station: nil,
      negotiated: NegotiatedLink(elsewhere), portal: nil)
    #expect(other.negotiated == nil)
    #expect(other.ratingBasis == "advertised")
  }

  @Test func readsAnOpenConnection() throws {
    let diagnostics = try #require(
      IwdDiagnostics(try BusctlJSON.reply("iwd/diagnostics-open.json")))
    #expect(diagnostics.security == "Open")
    #expect(diagnostics.negotiatedSecurity == .open)
    #expect(diagnostics.keyManagement == "NONE")
    #expect(diagnostics.pairwiseCipher == nil)
    #expect(diagnostics.pmfInUse == false)
  }

  /// Every name iwd gives an AKM, and what wifirisk makes of it; names it does not know stay
  /// unknown rather than being taken for something.
  @Test(arguments: [
    ("Open", Security.open, "NONE"), ("OWE", .owe, "OWE"),
    ("WPA1-Personal", .wpaPersonal, "WPA-PSK"),
    ("WPA2-Personal", .wpa2Personal, "WPA2-PSK"), ("WPA2-Personal + FT", .wpa2Personal, "FT-PSK"),
    ("WPA3-Personal", .wpa3Personal, "SAE"), ("WPA3-Personal + FT", .wpa3Personal, "FT-SAE"),
    ("WPA2-Enterprise", .wpa2Enterprise, "WPA2/IEEE 802.1X/EAP"),
    ("WPA2-Enterprise + FT", .wpa2Enterprise, "FT-EAP"),
  ]) func mapsIwdsNames(_ name: String, _ security: Security, _ keyManagement: String) {
    let diagnostics = IwdDiagnostics(security: name)
    #expect(diagnostics.negotiatedSecurity == security)
    #expect(diagnostics.keyManagement == keyManagement)
  }

  @Test(arguments: ["FILS", "OSEN", "WEP", "", "wpa3-personal"]) func unknownNamesStayUnknown(
    _ name: String
  ) {
    let diagnostics = IwdDiagnostics(security: name)
    #expect(diagnostics.negotiatedSecurity == nil)
    #expect(diagnostics.keyManagement == nil)
    #expect(diagnostics.pmfInUse == nil)
  }

  /// Values of the wrong type are left out, never trusted.
  @Test func wrongTypesAreLeftOut() {
    let reply = BusValue.array([
      .entry(key: .string("ConnectedBss"), value: .variant(.uint32(7))),
      .entry(key: .string("Security"), value: .variant(.int32(3))),
      .entry(key: .string("Frequency"), value: .variant(.string("2412"))),
    ])
    let diagnostics = IwdDiagnostics(reply)
    #expect(diagnostics == IwdDiagnostics())
    #expect(IwdDiagnostics(.array([.string("not an entry")])) == nil)
  }
}

/// Turns busctl's JSON (`busctl --json=pretty call ...`: `{"type": SIGNATURE, "data": [...]}`)
/// into the `BusValue`s the bus layer would have read, guided by the signature.
enum BusctlJSON {
  struct Problem: Error, CustomStringConvertible {
    var description: String
  }

  /// The first value of a recorded reply.
  static func reply(_ fixture: String) throws -> BusValue {
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.url(fixture)))
    guard let document = object as? [String: Any], let signature = document["type"] as? String,
      let data = document["data"] as? [Any], let first = data.first
    else { throw Problem(description: "\(fixture): not busctl's JSON") }
    var types = Substring(signature)
    let type = try next(&types)
    return try value(first, type)
  }

  /// One complete type from the front of a signature.
  static func next(_ signature: inout Substring) throws -> Substring {
    guard let first = signature.first else { throw Problem(description: "empty signature") }
    let start = signature.startIndex
    switch first {
    case "a":
      signature.removeFirst()
      _ = try next(&signature)
    case "(", "{":
      let close: Character = first == "(" ? ")" : "}"
      signature.removeFirst()
      while signature.first != close { _ = try next(&signature) }
      signature.removeFirst()
    default:
      signature.removeFirst()
    }
    return signature.base[start..<signature.startIndex]
  }

  static func value(_ json: Any, _ type: Substring) throws -> BusValue {
    switch type.first {
    case "s": return .string(try cast(json))
    case "o": return .objectPath(try cast(json))
    case "g": return .signature(try cast(json))
    case "b": return .boolean(try cast(json))
    case "y": return .byte(UInt8(try cast(json) as Int))
    case "n": return .int16(Int16(try cast(json) as Int))
    case "q": return .uint16(UInt16(try cast(json) as Int))
    case "i": return .int32(Int32(try cast(json) as Int))
    case "u": return .uint32(UInt32(try cast(json) as Int))
    case "x": return .int64(Int64(try cast(json) as Int))
    case "t": return .uint64(UInt64(try cast(json) as Int))
    case "d": return .double(try cast(json))
    case "v":
      let wrapped: [String: Any] = try cast(json)
      guard let inner = wrapped["type"] as? String, let data = wrapped["data"] else {
        throw Problem(description: "a variant without type and data")
      }
      return .variant(try value(data, Substring(inner)))
    case "a":
      let element = type.dropFirst()
      if element.first == "{" {
        var inside = element.dropFirst().dropLast()
        let keyType = try next(&inside)
        let valueType = try next(&inside)
        let entries: [String: Any] = try cast(json)
        return .array(
          try entries.sorted { $0.key < $1.key }.map { key, item in
            .entry(key: try value(key, keyType), value: try value(item, valueType))
          })
      }
      let items: [Any] = try cast(json)
      return .array(try items.map { try value($0, element) })
    default:
      throw Problem(description: "type \(type) is not handled")
    }
  }

  static func cast<T>(_ json: Any) throws -> T {
    guard let value = json as? T else {
      throw Problem(description: "expected \(T.self), got \(type(of: json))")
    }
    return value
  }
}
