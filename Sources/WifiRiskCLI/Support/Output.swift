import Foundation

/// Where results and diagnostics go: results to stdout, diagnostics and progress to stderr.
/// Colour only when the stream is a terminal and `NO_COLOR` is not set.
struct Output {
  var colour: Bool

  static func forStdout() -> Output {
    Output(
      colour: isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        && ProcessInfo.processInfo.environment["TERM"] != "dumb")
  }

  static let plain = Output(colour: false)

  func paint(_ text: String, _ style: Style) -> String {
    colour ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
  }

  enum Style: String {
    case red = "31"
    case yellow = "33"
    case green = "32"
    case bold = "1"
    case dim = "2"
  }

  static func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// One line on stderr, prefixed with `wifirisk: `.
  static func diagnostic(_ text: String) {
    FileHandle.standardError.write(Data(("wifirisk: " + text + "\n").utf8))
  }
}
