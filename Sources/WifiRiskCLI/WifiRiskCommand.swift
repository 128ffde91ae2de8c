import ArgumentParser
import WifiRiskCore
import WifiRiskSystem

/// The `wifirisk` command: its subcommands live in `Commands/`, one file each.
public struct WifiRiskCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "wifirisk",
    abstract: "Tells whether a Wi-Fi network is safe to join, before your device joins it.",
    discussion: """
      EXAMPLES:
        wifirisk now                      # the current connection and the networks nearby
        wifirisk scan --save cafe.json    # rate nearby networks and keep the scan
        wifirisk review cafe.json         # rate a saved scan, offline
        wifirisk home                     # check your own network, item by item

      \(ExitStatus.helpSection(for: .general))
      """,
    version: WifiRiskVersion.current,
    subcommands: [
      NowCommand.self, HomeCommand.self, ScanCommand.self, ReviewCommand.self, DebugCommand.self,
      CheckCommand.self, ProfilesCommand.self, RememberCommand.self, ForgetCommand.self,
      HookCommand.self, WatchCommand.self,
    ]
  )

  public init() {}

  /// Runs the command line: a `Failure` ends with its one-line message on stderr
  /// (`wifirisk: ...`) and its exit status; everything else is argument-parser's.
  public static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let failure as Failure {
      Output.diagnostic(failure.message)
      exit(withError: failure.status.code)
    } catch {
      exit(withError: error)
    }
  }
}
