/// Network names that look the same on screen but are not: the trick of an impostor who
/// names their access point `hоme-network` (Cyrillic о) next to `home-network`.
///
/// Two names are look-alikes when they differ as bytes but agree after removing invisible
/// characters and trailing spaces and mapping homoglyphs to the Latin letters they imitate,
/// with either case folded, or with the digits and capitals that imitate each other (0/O,
/// 1/l/I) merged.
public enum Lookalike {
  public static func confusable(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a != b else { return false }
    let left = String(decoding: a, as: UTF8.self)
    let right = String(decoding: b, as: UTF8.self)
    return foldedCase(left) == foldedCase(right) || keptCase(left) == keptCase(right)
  }

  /// The characters where two names of the same length differ, for the message.
  public static func differences(_ name: [UInt8], from reference: [UInt8]) -> String? {
    let left = Array(String(decoding: name, as: UTF8.self).unicodeScalars)
    let right = Array(String(decoding: reference, as: UTF8.self).unicodeScalars)
    guard left.count == right.count else { return nil }
    let parts = zip(left, right).filter { $0 != $1 }.prefix(4).map { mine, theirs in
      "\(describe(mine)) for \(describe(theirs))"
    }
    return parts.isEmpty ? nil : parts.joined(separator: ", ")
  }

  static func describe(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    let name = scalar.properties.name.map { " " + $0 } ?? ""
    return code + name
  }

  /// Case folded, 0 read as o and 1 as l.
  static func foldedCase(_ text: String) -> String {
    var out = ""
    for scalar in visible(text) {
      let latin = homoglyphs[scalar] ?? scalar
      for lower in String(latin).lowercased().unicodeScalars {
        switch lower {
        case "0": out += "o"
        case "1", "|": out += "l"
        default: out.unicodeScalars.append(lower)
        }
      }
    }
    return out
  }

  /// Case kept, 0 read as O, and 1, l, I and | merged.
  static func keptCase(_ text: String) -> String {
    var out = ""
    for scalar in visible(text) {
      let latin = homoglyphs[scalar] ?? scalar
      switch latin {
      case "0": out += "O"
      case "1", "l", "I", "|": out += "l"
      default: out.unicodeScalars.append(latin)
      }
    }
    return out
  }

  /// Without zero-width and other invisible format characters, and without trailing
  /// white space.
  static func visible(_ text: String) -> [Unicode.Scalar] {
    var scalars: [Unicode.Scalar] = text.unicodeScalars.filter { scalar in
      scalar.properties.generalCategory != .format && !invisible.contains(scalar.value)
    }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return scalars
  }

  /// Invisible characters that are not in the Unicode "format" category.
  static let invisible: Set<UInt32> = [0x115F, 0x1160, 0x3164, 0xFFA0, 0x034F]

  /// Letters that imitate Latin ones: Cyrillic and Greek, both cases, and fullwidth forms
  /// are handled by `homoglyph(_:)`.
  static let homoglyphs: [Unicode.Scalar: Unicode.Scalar] = {
    var table: [Unicode.Scalar: Unicode.Scalar] = [:]
    let pairs: [(UInt32, Character)] = [
      // Cyrillic small letters
      (0x0430, "a"), (0x0435, "e"), (0x043E, "o"), (0x0440, "p"), (0x0441, "c"),
      (0x0443, "y"), (0x0445, "x"), (0x0455, "s"), (0x0456, "i"), (0x0458, "j"),
      (0x04BB, "h"), (0x0501, "d"), (0x051B, "q"), (0x051D, "w"), (0x0457, "i"),
      // Cyrillic capital letters
      (0x0410, "A"), (0x0412, "B"), (0x0415, "E"), (0x041A, "K"), (0x041C, "M"),
      (0x041D, "H"), (0x041E, "O"), (0x0420, "P"), (0x0421, "C"), (0x0422, "T"),
      (0x0425, "X"), (0x0405, "S"), (0x0406, "I"), (0x0408, "J"), (0x04AE, "Y"),
      // Greek small letters
      (0x03BF, "o"), (0x03B1, "a"), (0x03BD, "v"), (0x03B9, "i"), (0x03BA, "k"),
      (0x03C1, "p"), (0x03C4, "t"), (0x03C5, "u"), (0x03C7, "x"),
      // Greek capital letters
      (0x0391, "A"), (0x0392, "B"), (0x0395, "E"), (0x0396, "Z"), (0x0397, "H"),
      (0x0399, "I"), (0x039A, "K"), (0x039C, "M"), (0x039D, "N"), (0x039F, "O"),
      (0x03A1, "P"), (0x03A4, "T"), (0x03A5, "Y"), (0x03A7, "X"),
      // Latin look-alikes
      (0x0131, "i"), (0x0269, "i"), (0x01C0, "l"), (0x2113, "l"),
    ]
    for (code, latin) in pairs {
      guard let scalar = Unicode.Scalar(code), let target = latin.unicodeScalars.first else {
        continue
      }
      table[scalar] = target
    }
    // Fullwidth ASCII (U+FF01...U+FF5E) imitates ASCII (U+0021...U+007E).
    for code in UInt32(0xFF01)...0xFF5E {
      if let scalar = Unicode.Scalar(code), let target = Unicode.Scalar(code - 0xFEE0) {
        table[scalar] = target
      }
    }
    return table
  }()
}
