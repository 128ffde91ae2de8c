import ArgumentParser
import WifiRiskCore
import WifiRiskSystem

/// `wifirisk watch`: judges every new Wi-Fi connection as the kernel reports it, whichever
/// program made it, by running the action script `hook install iwd` writes.
struct WatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Judge each new Wi-Fi connection as it is made (any manager).",
    discussion: """
      Listens for the kernel's connection events (nl80211's "mlme" multicast group: every \
      connect and roam of every interface, whether iwd, wpa_supplicant or NetworkManager \
      made it) and, for each new connection, runs the action script as \
      `SCRIPT INTERFACE CONNECTED`, one at a time. The script `wifirisk hook install iwd` \
      writes (\(HookScripts.Kind.iwd.installPath)) judges the connection like \
      `wifirisk check --current` (as nobody, with a time limit), logs it, notifies, and on \
      block runs `wifirisk watch --disconnect INTERFACE`. It runs as the service \
      \(HookScripts.watchUnitName).

      --disconnect INTERFACE ends the interface's connection through the program that \
      manages it, so that it stays ended: iwd (Station.Disconnect over D-Bus), \
      NetworkManager (Device.Disconnect over D-Bus, as `nmcli device disconnect`), or \
      wpa_supplicant (DISCONNECT on its control socket, as `wpa_cli disconnect`).

      Like every connection hook, watch undoes a join; it cannot prevent one: the \
      interface is on the network for the seconds the check takes.

      EXAMPLES:
        sudo wifirisk hook install iwd --profile strict
        sudo wifirisk watch --action /etc/wifirisk/watch-action.sh --interface wlan0
        sudo wifirisk watch --disconnect wlan0

      \(ExitStatus.helpSection(for: .general))
      """
  )

  @Option(
    help: ArgumentHelp(
      "The script to run for each new connection (root-owned, writable by root alone).",
      valueName: "SCRIPT"))
  var action = HookScripts.Kind.iwd.installPath

  @Option(
    name: .customLong("interface"),
    help: ArgumentHelp("Only this interface (repeatable; default: every one).", valueName: "IF"))
  var interfaces: [String] = []

  @Option(
    help: ArgumentHelp(
      "Disconnect this interface through the program that manages it, then exit.",
      valueName: "IF"))
  var disconnect: String?

  @Option(
    help: ArgumentHelp(
      "Also save each event the kernel sends as a hex dump in this folder (for fixtures).",
      valueName: "DIR", visibility: .hidden))
  var record: String?

  func run() throws {
    if let disconnect {
      let manager = try ConnectionManager.disconnect(interface: disconnect)
      Output.write(
        "\(DisplayText.escapeText(disconnect)): disconnected through \(manager.rawValue)\n")
      return
    }
    try ConnectionWatch.checkAction(action)
    let watch = try ConnectionWatch()
    let scope =
      interfaces.isEmpty
      ? "every interface" : interfaces.map { DisplayText.escapeText($0) }.joined(separator: ", ")
    Output.diagnostic("watching \(scope) for new connections; action \(action)")
    var recorded = 0
    while true {
      for heard in try watch.next(timeout: .seconds(3600)) {
        if let record {
          recorded += 1
          let number = String(recorded)
          let name = String(repeating: "0", count: max(0, 3 - number.count)) + number
          try AtomicFile.write(heard.hexDump, to: "\(record)/\(name)-cmd\(heard.command).hex")
        }
        guard let event = heard.event, event.isNewConnection,
          let name = ConnectionWatch.interfaceName(ifindex: event.ifindex),
          interfaces.isEmpty || interfaces.contains(name)
        else { continue }
        let shown = DisplayText.escapeText(name)
        Output.diagnostic(
          "\(shown): \(event.kind.rawValue) to \(event.bssid?.description ?? "?"); running "
            + action)
        do {
          let status = try ConnectionWatch.runAction(action, interface: name)
          if status != 0 { Output.diagnostic("\(shown): \(action) exited with status \(status)") }
        } catch {
          Output.diagnostic(error.message)
        }
      }
    }
  }
}
