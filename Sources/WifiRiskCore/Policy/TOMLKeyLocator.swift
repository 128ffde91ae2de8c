/// Finds the line of a key in a TOML text, for error messages: TOML libraries report where
/// a syntax error is, but not where a well-formed key with a bad value was written.
///
/// It reads table headers (`[security]`, `[[trusted]]`, counting each array entry) and
/// `key = value` lines, dotted and quoted keys included. A path it cannot find is looked up
/// without its last component, so a bad array element is reported at its array's line.
public enum TOMLKeyLocator {
  /// The 1-based line where `path` is defined, or nil.
  public static func line(of path: ProfileKeyPath, in text: String) -> Int? {
    lines(of: [path], in: text)[0]
  }

  /// The lines of several paths, reading the text once (a profile with many bad keys is
  /// not read once per key).
  public static func lines(of paths: [ProfileKeyPath], in text: String) -> [Int?] {
    let definitions = scan(text)
    var firstLine: [[ProfileKey]: Int] = [:]
    for definition in definitions where firstLine[definition.path] == nil {
      firstLine[definition.path] = definition.line
    }
    return paths.map { path in
      var target = path.components
      while !target.isEmpty {
        if let line = firstLine[target] { return line }
        target.removeLast()
      }
      return nil
    }
  }

  /// The key defined on a line, for naming the key of a syntax error: each part bare when
  /// it can be, quoted and escaped otherwise (`TOMLText.key`), so the name is safe to print.
  public static func keyText(onLine number: Int, in text: String) -> String? {
    guard number >= 1 else { return nil }
    var current = 1
    var start = text.utf8.startIndex
    while current < number {
      guard let newline = text.utf8[start...].firstIndex(of: 0x0A) else { return nil }
      start = text.utf8.index(after: newline)
      current += 1
    }
    let end = text.utf8[start...].firstIndex(of: 0x0A) ?? text.utf8.endIndex
    let line = Substring(text.utf8[start..<end])
    guard let keys = header(line)?.keys ?? keyValueKeys(line) else { return nil }
    return keys.map(TOMLText.key).joined(separator: ".")
  }

  /// The text's lines as TOML counts them: split at each line feed (a CR before it stays
  /// on its line; in Swift's characters `\r\n` is one character, which a split on `"\n"`
  /// would not cut).
  static func lineSlices(_ text: String) -> [Substring] {
    text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
  }

  struct Definition {
    var path: [ProfileKey]
    var line: Int
  }

  static func scan(_ text: String) -> [Definition] {
    var out: [Definition] = []
    var table: [ProfileKey] = []
    var arrayCounts: [[ProfileKey]: Int] = [:]
    for (offset, line) in lineSlices(text).enumerated() {
      if let header = header(line) {
        var path: [ProfileKey] = []
        for (position, key) in header.keys.enumerated() {
          path.append(.key(key))
          // A key inside an array-of-tables header refers to its latest entry.
          if let count = arrayCounts[path], position < header.keys.count - 1 {
            path.append(.index(count - 1))
          }
        }
        if header.isArray {
          let count = (arrayCounts[path] ?? 0) + 1
          arrayCounts[path] = count
          out.append(Definition(path: path, line: offset + 1))
          path.append(.index(count - 1))
        }
        out.append(Definition(path: path, line: offset + 1))
        table = path
      } else if let keys = keyValueKeys(line) {
        out.append(Definition(path: table + keys.map(ProfileKey.key), line: offset + 1))
      }
    }
    return out
  }

  /// `[a.b]` or `[[a.b]]`, with optional spaces and a trailing comment.
  static func header(_ line: Substring) -> (keys: [String], isArray: Bool)? {
    var rest = line.drop { $0 == " " || $0 == "\t" }
    guard rest.first == "[" else { return nil }
    let isArray = rest.hasPrefix("[[")
    rest = rest.dropFirst(isArray ? 2 : 1)
    guard let (keys, after) = dottedKey(rest) else { return nil }
    var tail = after.drop { $0 == " " || $0 == "\t" }
    let close = isArray ? "]]" : "]"
    guard tail.hasPrefix(close) else { return nil }
    tail = tail.dropFirst(close.count).drop { $0 == " " || $0 == "\t" }
    guard tail.isEmpty || tail.first == "#" || tail.first == "\r" else { return nil }
    return (keys, isArray)
  }

  /// The keys of a `key = value` line, or nil.
  static func keyValueKeys(_ line: Substring) -> [String]? {
    let rest = line.drop { $0 == " " || $0 == "\t" }
    guard let first = rest.first, first != "#", first != "[" else { return nil }
    guard let (keys, after) = dottedKey(rest) else { return nil }
    guard after.drop(while: { $0 == " " || $0 == "\t" }).first == "=" else { return nil }
    return keys
  }

  /// Reads `a.b."c d".'e'` and returns the keys and the text after them.
  static func dottedKey(_ text: Substring) -> ([String], Substring)? {
    var keys: [String] = []
    var rest = text
    while true {
      rest = rest.drop { $0 == " " || $0 == "\t" }
      guard let first = rest.first else { return nil }
      if first == "\"" || first == "'" {
        var key = ""
        var index = rest.index(after: rest.startIndex)
        var closed = false
        while index < rest.endIndex {
          let character = rest[index]
          if character == first {
            closed = true
            break
          }
          if first == "\"" && character == "\\" {
            let next = rest.index(after: index)
            guard next < rest.endIndex else { return nil }
            key.append(unescape(rest[next]))
            index = rest.index(after: next)
            continue
          }
          key.append(character)
          index = rest.index(after: index)
        }
        guard closed else { return nil }
        keys.append(key)
        rest = rest[rest.index(after: index)...]
      } else {
        let bare = rest.prefix { character in
          character.unicodeScalars.allSatisfy(TOMLText.isBareKeyScalar)
        }
        guard !bare.isEmpty else { return nil }
        keys.append(String(bare))
        rest = rest.dropFirst(bare.count)
      }
      let afterSpace = rest.drop { $0 == " " || $0 == "\t" }
      guard afterSpace.first == "." else { return (keys, rest) }
      rest = afterSpace.dropFirst()
    }
  }

  private static func unescape(_ character: Character) -> Character {
    switch character {
    case "n": "\n"
    case "t": "\t"
    case "r": "\r"
    default: character
    }
  }
}
