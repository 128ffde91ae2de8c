import CICU

// The only code of wifirisk that calls ICU. ICU is not linked: CICU loads it with dlopen the
// first time a skeleton is asked for, so commands that compare no names never map it.

/// Unicode TR39 confusable skeletons from ICU's spoof checker (`uspoof_getSkeletonUTF8`):
/// two strings that look alike on screen have the same skeleton (`hоme` with a Cyrillic о
/// and `home`, `rn` and `m`, `0` and `O`).
public enum ConfusableSkeleton {
  /// The skeleton of a string, or nil when ICU could not be loaded or refused the string.
  /// This is what Core's look-alike rules take (`Lookalike.Skeleton`).
  public static let function: @Sendable (String) -> String? = { text in skeleton(text) }

  /// Loads ICU once per process (later calls return at once); the failure names the library
  /// and what went wrong.
  public static func load() -> Result<Void, LoadError> {
    var reason = [CChar](repeating: 0, count: 256)
    let status = unsafe reason.withUnsafeMutableBufferPointer { buffer in
      unsafe cicu_load(buffer.baseAddress, buffer.count)
    }
    if status == 0 { return .success(()) }
    return .failure(LoadError(reason: text(reason)))
  }

  /// The ICU library wifirisk loads (`libicui18n.so.72`): the one its headers belong to.
  public static var libraryName: String { unsafe String(cString: cicu_library_name()) }

  /// Why ICU could not be loaded: the library or a symbol is missing, or the checker could
  /// not be opened.
  public struct LoadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var description: String { "\(reason); install Debian's libicu72 (or later)" }
  }

  /// The skeleton of `text`, or nil when ICU is missing or refused it.
  public static func skeleton(_ text: String) -> String? {
    guard case .success = load() else { return nil }
    var input = Array(text.utf8)
    guard input.count < Int(Int32.max) / 4 else { return nil }
    let length = Int32(input.count)
    var capacity = max(64, input.count * 4)
    // A second try with the length ICU asked for; a third would mean ICU contradicts itself.
    for _ in 0..<2 {
      var output = [UInt8](repeating: 0, count: capacity)
      var overflow: Int32 = 0
      let written = unsafe input.withUnsafeMutableBytes { source in
        unsafe output.withUnsafeMutableBytes { target in
          unsafe cicu_skeleton(
            source.baseAddress?.assumingMemoryBound(to: CChar.self), length,
            target.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(capacity),
            &overflow)
        }
      }
      if overflow != 0, written > 0 {
        capacity = Int(written) + 1
        continue
      }
      guard written >= 0, Int(written) <= capacity else { return nil }
      return String(decoding: output.prefix(Int(written)), as: UTF8.self)
    }
    return nil
  }

  private static func text(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
