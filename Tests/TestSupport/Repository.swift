import Foundation

/// The repository the tests run from, found from this file's path: the one place every test
/// target resolves fixture and source paths.
public enum Repository {
  /// `<repo>`, from `<repo>/Tests/TestSupport/Repository.swift`.
  public static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // TestSupport
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  /// A path relative to the repository.
  public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

  public static func path(_ relative: String) -> String { url(relative).path }

  /// The bytes of a file relative to the repository.
  public static func bytes(_ relative: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url(relative)))
  }

  /// A file under `fixtures/`.
  public static func fixture(_ relative: String) -> URL { url("fixtures/" + relative) }
}
