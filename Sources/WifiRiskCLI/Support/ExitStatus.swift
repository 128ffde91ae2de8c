import ArgumentParser
import WifiRiskCore

extension ExitStatus {
  /// The status as argument-parser's exit code, to throw from `run()`.
  var code: ExitCode { ExitCode(rawValue) }
}

/// A failure that ends a command with a one-line message on stderr and a status.
struct CommandFailure: Error, CustomStringConvertible {
  var message: String
  var status: ExitStatus = .failure
  var description: String { message }
}
