// JSON files: scan fixtures, the remembered-networks state file, and the JSON reader itself.
import WifiRiskCore

enum JSONTargets {
  /// Properties: a value written out reads back equal, and writing it again gives the same
  /// bytes (the output contract).
  static func json(_ data: [UInt8]) {
    guard let value = try? JSONParser.parse(data) else { return }
    for pretty in [true, false] {
      let written = value.serialized(pretty: pretty)
      guard let back = try? JSONParser.parse(Array(written.utf8)) else {
        require(false, "written JSON does not read back: \(written.prefix(200))")
        return
      }
      require(back == value, "JSON changes in a round trip: \(written.prefix(200))")
      require(back.serialized(pretty: pretty) == written, "JSON is not written the same twice")
    }
  }

  /// A scan fixture. Property: re-encoding the parsed fixture and parsing it again gives
  /// the same networks; they rate deterministically.
  static func fixture(_ data: [UInt8]) {
    let capture: ScanSnapshot
    do {
      capture = try Fixture.decode(data)
    } catch {
      requireTerminalSafe(error.description, "a fixture error")
      return
    }
    let encoded = Fixture.encode(capture)
    guard let again = try? Fixture.decode(Array(encoded.utf8)) else {
      require(false, "a re-encoded fixture does not read back")
      return
    }
    require(again == capture, "a fixture changes in a round trip")
    require(Fixture.encode(again) == encoded, "a fixture is not written the same twice")
    Rating.check(capture)
  }

  /// The remembered-networks file. Property: what is read is written back and reads again
  /// to the same networks.
  static func knownNetworks(_ data: [UInt8]) {
    let known: KnownNetworks
    do {
      known = try KnownNetworks.decode(data)
    } catch {
      requireTerminalSafe(error.description, "a known-networks error")
      return
    }
    let written = known.encoded()
    guard let again = try? KnownNetworks.decode(Array(written.utf8)) else {
      require(false, "a written known-networks file does not read back")
      return
    }
    require(again == known, "known networks change in a round trip")
    require(again.encoded() == written, "known networks are not written the same twice")
  }
}
