import ArgumentParser
import WifiRiskCore

extension ExitStatus {
  /// The status as argument-parser's exit code, to throw from `run()`.
  var code: ExitCode { ExitCode(rawValue) }
}
