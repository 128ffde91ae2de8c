import ArgumentParser
import WifiRiskCore
import WifiRiskSystem

/// `wifirisk forget`: drop a remembered network.
struct ForgetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "forget",
    abstract: "Forget a remembered network.",
    discussion: """
      Removes the name from the remembered networks \
      ($XDG_STATE_HOME/wifirisk/known-networks.json). Forgetting a name that is not \
      remembered only says so (exit status 0), so scripts can run it twice.

      EXAMPLES:
        wifirisk forget --ssid old-router

      \(ExitStatus.helpSection(for: .general))
      """
  )

  @Option(help: "The network name to forget.")
  var ssid: String

  func run() throws {
    let name = Array(ssid.utf8)
    let store = try StateStore.standard()
    let removed = try store.update { (known: inout KnownNetworks) throws(Failure) in
      let removed = known.forget(ssid: name)
      return (removed, removed)
    }
    let display = DisplayText.escape(name)
    if removed {
      Output.write("forgot \"\(display)\"\n")
    } else {
      Output.diagnostic("\"\(display)\" was not remembered")
    }
  }
}
