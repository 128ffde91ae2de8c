import WifiRiskCore
import WifiRiskSystem

/// Where results and diagnostics go: results to stdout, diagnostics and progress to stderr.
/// Colour only when stdout is a terminal and `NO_COLOR` is not set.
struct Output {
  var colour: Bool

  static func forStdout() -> Output {
    let environment = Machine.environment
    return Output(
      colour: Machine.Stream.standardOutput.isTerminal && environment["NO_COLOR"] == nil
        && environment["TERM"] != "dumb")
  }

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
    Machine.Stream.standardOutput.write(text)
  }

  /// A JSON contract, one document a line when `pretty` is false.
  static func write(_ contract: some JSONContract, pretty: Bool = true) {
    write(contract.json.serialized(pretty: pretty) + "\n")
  }

  /// One line on stderr, prefixed with `wifirisk: `.
  static func diagnostic(_ text: String) {
    Machine.Stream.standardError.write("wifirisk: " + text + "\n")
  }
}
