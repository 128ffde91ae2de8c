import WifiRiskCore

/// A failure that ends a command: one line for stderr (`wifirisk: MESSAGE`), saying what went
/// wrong, where (a file, an interface) and, where it helps, what to do; and the exit status.
public struct Failure: Error, CustomStringConvertible, Sendable {
  public var message: String
  public var status: ExitStatus

  public init(message: String, status: ExitStatus = .failure) {
    self.message = message
    self.status = status
  }

  public var description: String { message }
}
