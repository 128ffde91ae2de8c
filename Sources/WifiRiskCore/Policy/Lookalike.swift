/// Network names that look the same on screen but are not: the trick of an impostor who
/// names their access point `hоme-network` (Cyrillic о) next to `home-network`.
///
/// Two names are look-alikes when they differ as bytes but agree after:
/// - removing invisible characters (zero-width, other format characters, Hangul fillers) and
///   trailing white space and separators;
/// - mapping every separator (hyphen-minus, the Unicode hyphens and dashes, minus, underscore,
///   space, no-break space, dot, middle dot) to one;
/// - mapping each name to its Unicode TR39 confusable skeleton, when a skeleton function is
///   given (ICU's spoof checker, through WifiRiskICU), or to wifirisk's own table of Latin
///   homoglyphs (Cyrillic, Greek, fullwidth; 0 for O, 1 and I for l), which also catches a
///   few that TR39 leaves apart (Greek κ for k) and stands alone when ICU cannot be loaded;
/// - with case kept, or with both names lowercased first.
///
/// A name that adds anything visible, a word or a digit (`home-network-5g`,
/// `home-network2`), is a different network, never a look-alike.
public enum Lookalike {
  /// A TR39 skeleton function: the skeleton of a string, or nil when it cannot be had.
  public typealias Skeleton = @Sendable (String) -> String?

  public static func confusable(_ a: [UInt8], _ b: [UInt8], skeleton: Skeleton? = nil) -> Bool {
    guard a != b else { return false }
    let left = String(decoding: a, as: UTF8.self)
    let right = String(decoding: b, as: UTF8.self)
    let own = (forms(left), forms(right))
    if own.0.keptCase == own.1.keptCase || own.0.foldedCase == own.1.foldedCase { return true }
    guard let skeleton, let l = skeletonForms(left, skeleton),
      let r = skeletonForms(right, skeleton)
    else { return false }
    return l.keptCase == r.keptCase || l.foldedCase == r.foldedCase
  }

  /// The two comparison forms of a name by wifirisk's own table: case kept, and lowercased.
  static func forms(_ name: String) -> (keptCase: String, foldedCase: String) {
    let shown = normalized(String(String.UnicodeScalarView(visible(name))))
    return (normalized(keptCase(shown)), normalized(foldedCase(shown)))
  }

  /// The same by TR39 skeletons; nil when the skeleton function gives none.
  static func skeletonForms(_ name: String, _ skeleton: Skeleton) -> (
    keptCase: String, foldedCase: String
  )? {
    // Separators first, so the skeleton never turns a dash into something else.
    let shown = normalized(String(String.UnicodeScalarView(visible(name))))
    guard let kept = skeleton(shown), let folded = skeleton(shown.lowercased()) else { return nil }
    // The skeleton may map to capitals (0 to O): lowercased again for the folded form.
    return (normalized(kept), normalized(folded).lowercased())
  }

  /// Separators mapped to one, then trailing separators and white space removed.
  static func normalized(_ text: String) -> String {
    var scalars: [Unicode.Scalar] = text.unicodeScalars.map {
      separators.contains($0.value) ? "-" : $0
    }
    while let last = scalars.last, last == "-" || last.properties.isWhitespace {
      scalars.removeLast()
    }
    return String(String.UnicodeScalarView(scalars))
  }

  /// Characters that separate words in a name and look much alike: hyphen-minus, U+2010
  /// hyphen to U+2015 horizontal bar, U+2043 hyphen bullet, U+2212 minus, U+FE58/U+FE63/
  /// U+FF0D small and fullwidth hyphens, U+02D7 modifier minus, underscore and its
  /// fullwidth form, space, no-break space and the other spaces, dot, one-dot leader,
  /// middle dot, fullwidth full stop.
  static let separators: Set<UInt32> = [
    0x002D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0xFE58, 0xFE63,
    0xFF0D, 0x02D7, 0x005F, 0xFF3F, 0x0020, 0x00A0, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
    0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000, 0x002E, 0x2024,
    0x00B7, 0xFF0E, 0x30FB,
  ]

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

  /// wifirisk's own fold when no skeleton function is given: case folded, 0 read as o and
  /// 1 as l.
  static func foldedCase(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
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

  /// wifirisk's own fold with case kept: 0 read as O, and 1, l, I and | merged.
  static func keptCase(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
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
