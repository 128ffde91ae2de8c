// Properties checked on every input. A failure traps, so libFuzzer records the input.
import WifiRiskCore

#if canImport(Glibc)
  import Glibc
#endif

/// Traps with `message` when `condition` is false.
@inline(__always)
func require(
  _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
  file: StaticString = #fileID, line: UInt = #line
) {
  if !condition() { fatalError("property broken: \(message())", file: file, line: line) }
}

/// Whether the costly repeated checks run on the current input: a second rating or parse
/// (determinism) and, in the capture targets, the round trip through a fixture. Every input
/// gets them unless `WIFIRISK_FUZZ_SAMPLE=N` is set (Tests/Fuzz/run sets it for fuzzing, not
/// for regression inputs); then one input in N does, chosen from the input's own bytes, so
/// an input that fails fails again when rerun alone (without the variable, every check runs).
enum Sample {
  nonisolated(unsafe) static var every = 1
  nonisolated(unsafe) static var thisInput = true

  static func configure() {
    if let text = getenv("WIFIRISK_FUZZ_SAMPLE").map({ String(cString: $0) }),
      let value = Int(text), value > 1
    {
      every = value
    }
  }

  static func choose(_ data: UnsafeBufferPointer<UInt8>) {
    guard every > 1 else { return }
    // Bytes from the middle too: most mutations keep the length and both ends, and should
    // not keep an input family out of the sample.
    var mix = data.count
    if !data.isEmpty {
      for index in [0, data.count / 3, data.count / 2, data.count - 1] {
        mix = mix &* 31 &+ Int(data[index])
      }
    }
    thisInput = (mix & Int.max) % every == 0
  }
}

/// The input as text the way the tool reads a file: UTF-8, invalid bytes replaced.
func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// Bidirectional formatting characters: embeddings, overrides, isolates and marks.
func isBidiControl(_ value: UInt32) -> Bool {
  switch value {
  case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
  default: false
  }
}

/// Text the tool may put on a terminal: no C0 or C1 control, DEL, bidi control or other
/// invisible format character.
func requireTerminalSafe(
  _ text: String, _ what: String, file: StaticString = #fileID, line: UInt = #line
) {
  for scalar in text.unicodeScalars {
    let value = scalar.value
    let category = scalar.properties.generalCategory
    let safe =
      value >= 0x20 && value != 0x7F && !(0x80...0x9F).contains(value)
      && !isBidiControl(value) && category != .format && category != .control
      && category != .lineSeparator && category != .paragraphSeparator
    require(
      safe,
      "\(what) lets U+\(String(value, radix: 16)) through: \(DisplayText.escape(Array(text.utf8)))",
      file: file, line: line)
  }
}

/// `DisplayText.escape`, checked: terminal-safe, and read back to the very bytes it was given.
@discardableResult
func escapeChecked<C: Collection>(_ bytes: C, _ what: String) -> String where C.Element == UInt8 {
  let escaped = DisplayText.escape(bytes)
  requireTerminalSafe(escaped, "DisplayText.escape of \(what)")
  let back = unescapeDisplayText(escaped)
  require(back == Array(bytes), "DisplayText.escape of \(what) does not read back: \(escaped)")
  return escaped
}

/// Reads `DisplayText.escape`'s output back into bytes: `\\`, `\xNN` and `\uNNNN` (or
/// `\UNNNNNNNN`); nil when an escape is malformed.
func unescapeDisplayText(_ text: String) -> [UInt8]? {
  var out: [UInt8] = []
  let scalars = Array(text.unicodeScalars)
  var index = 0
  func hex(_ count: Int) -> UInt32? {
    guard index + count <= scalars.count else { return nil }
    let digits = String(String.UnicodeScalarView(scalars[index..<index + count]))
    index += count
    return UInt32(digits, radix: 16)
  }
  while index < scalars.count {
    let scalar = scalars[index]
    index += 1
    guard scalar == "\\" else {
      out += Array(String(scalar).utf8)
      continue
    }
    guard index < scalars.count else { return nil }
    let kind = scalars[index]
    index += 1
    switch kind {
    case "\\": out.append(0x5C)
    case "x":
      guard let value = hex(2) else { return nil }
      out.append(UInt8(value))
    case "u", "U":
      guard let value = hex(kind == "u" ? 4 : 8), let decoded = Unicode.Scalar(value) else {
        return nil
      }
      out += Array(String(decoded).utf8)
    default: return nil
    }
  }
  return out
}

/// A locally administered unicast address ending in `last`.
func localAddress(_ last: UInt8) -> MACAddress {
  guard let address = MACAddress(bytes: [0x02, 0, 0, 0, 0, last]) else {
    fatalError("02:00:00:00:00:xx is a MAC address")
  }
  return address
}

/// A small reader over the fuzzer's bytes, for targets that build structured input.
struct FuzzInput {
  var bytes: ArraySlice<UInt8>

  init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

  mutating func byte() -> UInt8 { bytes.popFirst() ?? 0 }

  mutating func u16() -> UInt16 { UInt16(byte()) | UInt16(byte()) << 8 }

  mutating func take(_ count: Int) -> [UInt8] {
    let part = bytes.prefix(count)
    bytes = bytes.dropFirst(count)
    return Array(part)
  }

  mutating func rest() -> [UInt8] {
    defer { bytes = [] }
    return Array(bytes)
  }
}
