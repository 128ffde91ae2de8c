/// A router's factory network name, from the data file beside the profiles
/// (`profiles/factory-ssids.txt`): the name's pattern (a `NamePattern`), whose router or ISP
/// it is, and why a network still using it matters. wifirisk only recognises the name; it
/// never computes or prints a key.
public struct FactorySSID: Sendable, Equatable {
  /// Why a network still using its factory name matters.
  public enum Reason: String, Sendable, Equatable, CaseIterable {
    /// The factory key can be computed from the name or the access point's address.
    case derivableKey = "derivable-key"
    /// The factory key comes from so few possibilities that one captured sign-in lets it
    /// be guessed offline.
    case smallKeyspace = "small-keyspace"
    /// The factory WPS PIN can be computed from the access point's address.
    case defaultWPSPIN = "default-wps-pin"
    /// The router ships without a password.
    case factoryOpen = "factory-open"
    /// The key on the label is random, but the name shows the factory settings (and the
    /// model) are unchanged.
    case factorySettings = "factory-settings"

    /// The reason in plain words, for the finding's evidence.
    public var words: String {
      switch self {
      case .derivableKey:
        "its factory key can be computed from the name or the access point's address"
      case .smallKeyspace:
        "its factory key comes from so few possibilities that one captured sign-in lets it be guessed"
      case .defaultWPSPIN:
        "its factory WPS PIN can be computed from the access point's address"
      case .factoryOpen: "the router ships without a password"
      case .factorySettings: "the name shows the router still runs its factory settings"
      }
    }
  }

  public var pattern: String { name.text }
  public let name: NamePattern
  /// The router maker or ISP whose factory name it is.
  public let who: String
  public let reasons: [Reason]

  public typealias LineError = NamePattern.LineError

  public init(pattern: String, who: String, reasons: [Reason]) throws(LineError) {
    self.name = try NamePattern(pattern)
    self.who = who
    self.reasons = reasons
  }

  /// True when the whole name matches the pattern.
  public func matches(_ name: String) -> Bool { self.name.matches(name) }

  /// The first pattern of the list that the name matches.
  public static func first(in list: [FactorySSID], matching name: String) -> FactorySSID? {
    guard !list.isEmpty else { return nil }
    let scalars = Array(name.unicodeScalars)
    return list.first { $0.name.matches(scalars: scalars) }
  }

  /// Reads the data file: one `pattern | who | reason, reason` a line; blank lines and
  /// lines starting with `#` are skipped. Lines that do not read are returned as errors, the
  /// others are kept.
  public static func parseList(_ text: String) -> (patterns: [FactorySSID], errors: [LineError]) {
    var patterns: [FactorySSID] = []
    var errors: [LineError] = []
    for (index, fields) in NamePattern.lines(text) {
      guard fields.count == 3, !fields[0].isEmpty, !fields[1].isEmpty else {
        errors.append(
          LineError(line: index, message: "expected: pattern | router or ISP | reasons"))
        continue
      }
      var reasons: [Reason] = []
      var bad: String?
      for word in fields[2].utf8.split(separator: UInt8(ascii: ",")).map({
        String(decoding: NamePattern.trimmed($0), as: UTF8.self)
      }) {
        guard let reason = Reason(rawValue: word) else {
          bad = word
          break
        }
        reasons.append(reason)
      }
      if let bad {
        errors.append(
          LineError(
            line: index,
            message: "\"\(bad)\" is none of "
              + Reason.allCases.map(\.rawValue).joined(separator: ", ")))
        continue
      }
      guard !reasons.isEmpty else {
        errors.append(LineError(line: index, message: "no reason given"))
        continue
      }
      do {
        patterns.append(try FactorySSID(pattern: fields[0], who: fields[1], reasons: reasons))
      } catch {
        errors.append(LineError(line: index, message: error.message))
      }
    }
    return (patterns, errors)
  }
}

/// A pattern over a whole network name, as the data files beside the profiles write them
/// (`factory-ssids.txt`, `device-ssids.txt`). Letters match either case; other characters match
/// themselves, except:
///
/// | pattern | matches |
/// |---|---|
/// | `#` | one decimal digit |
/// | `%` | one hexadecimal digit, either case |
/// | `@` | one ASCII letter or digit |
/// | `&` | one capital ASCII letter or digit (matched as written: `&` does not match `a`) |
/// | `?` | any one character |
/// | `*` | any run of characters, none included |
/// | `[...]` | what is inside, or nothing (not nested; at most three in a pattern) |
/// | `\x` | the character x itself (`\#`, `\[`, `\\`) |
public struct NamePattern: Sendable, Equatable {
  public let text: String
  /// The pattern with its optional parts expanded, each a list of tokens.
  let variants: [[Token]]

  enum Token: Equatable {
    case literal(Unicode.Scalar)
    case digit, hex, alphanumeric, capitalOrDigit, any, run
  }

  /// A line that could not be read: its number and what is wrong.
  public struct LineError: Error, Sendable, Equatable {
    public var line: Int
    public var message: String
  }

  /// For each variant, the number of literal tokens it starts with: a name that does not
  /// start with them is passed over before the full match (most patterns start with a
  /// maker's or ISP's word, so most names are refused at their first characters).
  let literalPrefixes: [Int]

  public init(_ text: String) throws(LineError) {
    self.text = text
    self.variants = try Self.compile(text)
    self.literalPrefixes = variants.map { tokens in
      tokens.prefix { if case .literal = $0 { true } else { false } }.count
    }
  }

  /// True when the whole name matches the pattern.
  public func matches(_ name: String) -> Bool { matches(scalars: Array(name.unicodeScalars)) }

  func matches(scalars: [Unicode.Scalar]) -> Bool {
    for (tokens, prefix) in zip(variants, literalPrefixes) {
      guard prefix <= scalars.count,
        (0..<prefix).allSatisfy({ Self.accepts(tokens[$0], scalars[$0]) })
      else { continue }
      if Self.match(tokens, scalars) { return true }
    }
    return false
  }

  /// The `|`-separated, trimmed fields of each line of a data file that is neither blank nor
  /// a `#` comment, with its line number.
  static func lines(_ text: String) -> [(Int, [String])] {
    contentLines(text).map { number, line in
      var fields: [String] = []
      var fieldStart = line.startIndex
      for index in line.indices where line[index] == UInt8(ascii: "|") {
        fields.append(String(decoding: trimmed(line[fieldStart..<index]), as: UTF8.self))
        fieldStart = index + 1
      }
      fields.append(String(decoding: trimmed(line[fieldStart...]), as: UTF8.self))
      return (number, fields)
    }
  }

  /// Each line of a data file that is neither blank nor a `#` comment, trimmed, with its
  /// line number. Read as bytes: a data file is read once per run, before anything is rated,
  /// and splitting a String on "\n" would miss "\r\n" (one Character in Swift).
  static func contentLines(_ text: String) -> [(Int, ArraySlice<UInt8>)] {
    let bytes = Array(text.utf8)
    var out: [(Int, ArraySlice<UInt8>)] = []
    var number = 0
    var start = 0
    while start <= bytes.count {
      number += 1
      var end = start
      while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
      let line = trimmed(bytes[start..<end])
      start = end + 1
      guard let first = line.first, first != UInt8(ascii: "#") else { continue }
      out.append((number, line))
    }
    return out
  }

  /// The text without ASCII white space (space, tab, CR, LF, VT, FF) at either end.
  static func trimmed<C: BidirectionalCollection>(_ bytes: C) -> C.SubSequence
  where C.Element == UInt8 {
    let space: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
    guard let first = bytes.firstIndex(where: { !space($0) }),
      let last = bytes.lastIndex(where: { !space($0) })
    else { return bytes[bytes.endIndex...] }
    return bytes[first...last]
  }

  /// Tokens of each variant: every optional part either kept or left out.
  static func compile(_ pattern: String) throws(LineError) -> [[Token]] {
    // Parts: (tokens, optional)
    var parts: [([Token], Bool)] = []
    let length = pattern.unicodeScalars.count
    var current: [Token] = []
    current.reserveCapacity(length)
    var inOptional = false
    var escaped = false
    var optionals = 0
    for scalar in pattern.unicodeScalars {
      if escaped {
        current.append(.literal(scalar))
        escaped = false
        continue
      }
      switch scalar {
      case "\\": escaped = true
      case "[":
        guard !inOptional else {
          throw LineError(line: 0, message: "optional parts cannot be nested")
        }
        optionals += 1
        guard optionals <= 3 else {
          throw LineError(line: 0, message: "more than three optional parts")
        }
        parts.append((current, false))
        current = []
        current.reserveCapacity(length)
        inOptional = true
      case "]":
        guard inOptional else {
          throw LineError(line: 0, message: "\"]\" without \"[\"")
        }
        parts.append((current, true))
        current = []
        current.reserveCapacity(length)
        inOptional = false
      case "#": current.append(.digit)
      case "%": current.append(.hex)
      case "@": current.append(.alphanumeric)
      case "&": current.append(.capitalOrDigit)
      case "?": current.append(.any)
      case "*": current.append(.run)
      default: current.append(.literal(scalar))
      }
    }
    if escaped { throw LineError(line: 0, message: "a lone \"\\\" at the end") }
    if inOptional { throw LineError(line: 0, message: "\"[\" without \"]\"") }
    parts.append((current, false))
    var variants: [[Token]] = [[]]
    for (tokens, optional) in parts {
      variants =
        optional
        ? variants.flatMap { [$0, $0 + tokens] } : variants.map { $0 + tokens }
    }
    guard variants.allSatisfy({ !$0.isEmpty }) else {
      throw LineError(line: 0, message: "a pattern that can match an empty name")
    }
    return variants
  }

  /// Whole-name match by dynamic programming over (token, character): no backtracking blow-up.
  static func match(_ tokens: [Token], _ name: [Unicode.Scalar]) -> Bool {
    // reachable[j]: the first i tokens can match the first j characters.
    var reachable = [Bool](repeating: false, count: name.count + 1)
    reachable[0] = true
    for token in tokens {
      var next = [Bool](repeating: false, count: name.count + 1)
      if token == .run {
        var seen = false
        for j in 0...name.count {
          seen = seen || reachable[j]
          next[j] = seen
        }
      } else {
        for j in 0..<name.count where reachable[j] && accepts(token, name[j]) {
          next[j + 1] = true
        }
      }
      reachable = next
    }
    return reachable[name.count]
  }

  static func accepts(_ token: Token, _ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    let digit = (0x30...0x39).contains(value)
    let upper = (0x41...0x5A).contains(value)
    let lower = (0x61...0x7A).contains(value)
    switch token {
    case .digit: return digit
    case .hex: return digit || (0x41...0x46).contains(value) || (0x61...0x66).contains(value)
    case .alphanumeric: return digit || upper || lower
    case .capitalOrDigit: return digit || upper
    case .any: return true
    case .run: return true
    case .literal(let expected):
      if expected == scalar { return true }
      let e = expected.value
      if (0x41...0x5A).contains(e) { return value == e + 0x20 }
      if (0x61...0x7A).contains(e) { return value == e - 0x20 }
      return false
    }
  }
}
