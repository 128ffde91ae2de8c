import ArgumentParser
import WifiRiskCore
import WifiRiskSystem

/// `wifirisk remember`: trust a network on first use, like ssh's known_hosts.
struct RememberCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remember",
    abstract: "Remember a network, so that check notices when it changes.",
    discussion: """
      Records the network's name, its security and management frame protection, and the \
      access points (BSSIDs) it uses now, from a live scan or a saved one (--fixture). \
      Later, `wifirisk check` raises:
        downgrade          the name now offers weaker security than remembered
        new-bssid          it comes from an access point of a vendor never seen for it
        lookalike-ssid     a name that only looks like it (homoglyphs, case, invisible \
      characters)

      Remembering a name again updates it to what is seen now. --add-bssid vouches for \
      one more access point without scanning (e.g. a new mesh node).

      The list is kept in $XDG_STATE_HOME/wifirisk/known-networks.json \
      (~/.local/state/wifirisk/known-networks.json); `wifirisk forget` removes a name.

      EXAMPLES:
        wifirisk remember --ssid home-network
        wifirisk remember --ssid home-network --add-bssid 3c:84:6a:12:34:56
        wifirisk remember --list

      \(ExitStatus.helpSection(for: .general))
      """
  )

  @Option(help: "The network name to remember.")
  var ssid: String?

  @Option(
    name: .customLong("add-bssid"),
    help: ArgumentHelp("Vouch for one more access point of the remembered name.", valueName: "MAC"))
  var addBSSID: String?

  @Flag(help: "List the remembered networks.")
  var list = false

  @OptionGroup var scanSource: ScanSourceOptions

  func validate() throws {
    if list {
      guard ssid == nil && addBSSID == nil else {
        throw ValidationError("--list takes no other options.")
      }
      return
    }
    guard let ssid else { throw ValidationError("Say which network: --ssid NAME.") }
    if ssid.utf8.isEmpty || ssid.utf8.count > 32 {
      throw ValidationError("--ssid: a network name has 1 to 32 bytes.")
    }
    if let addBSSID, MACAddress(addBSSID) == nil {
      throw ValidationError("--add-bssid: \(addBSSID) is not a MAC address (aa:bb:cc:dd:ee:ff).")
    }
  }

  func run() throws {
    let store = try StateStore.standard()
    if list {
      Output.write(Self.listing(try store.read(), path: store.path))
      return
    }
    guard let ssid else { return }
    let name = Array(ssid.utf8)
    let display = DisplayText.escape(name)
    if let addBSSID, let address = MACAddress(addBSSID) {
      let added = try store.update { (known: inout KnownNetworks) throws(Failure) in
        guard let added = known.addBSSID(address, ssid: name) else {
          throw Failure(
            message: "\"\(display)\" is not remembered: run `wifirisk remember --ssid "
              + "\(ssid)` first")
        }
        return (added, true)
      }
      Output.write(
        added
          ? "added \(address) to \"\(display)\"\n"
          : "\(address) was already known for \"\(display)\"; now marked as vouched for\n")
      return
    }
    let input = try scanSource.read(wantConnection: false)
    let seen = Ratings.pipeline().rate(input.snapshot).filter { $0.ssid == name }
    guard !seen.isEmpty else {
      throw Failure(
        message: "no network named \"\(display)\" in the scan of \(input.label) "
          + "(\(input.snapshot.bss.count) access points); nothing remembered")
    }
    if Set(seen.map(\.security)).count > 1 {
      Output.diagnostic(
        "\"\(display)\" is offered with different security ("
          + Set(seen.map(\.security.rawValue)).sorted().joined(separator: ", ")
          + "): remembering the weakest")
    }
    let time = Machine.nowRFC3339()
    let change = try store.update { (known: inout KnownNetworks) throws(Failure) in
      (known.remember(ssid: name, seen: seen, at: time, mode: .explicit), true)
    }
    var line = change.added ? "remembered" : "updated"
    line += " \"\(display)\": \(change.security.rawValue), "
    line += seen.map(\.record.bssid.description).sorted().joined(separator: ", ")
    if let previous = change.previousSecurity, previous != change.security {
      line += " (was \(previous.rawValue))"
    }
    Output.write(line + "\n")
  }

  static func listing(_ known: KnownNetworks, path: String) -> String {
    guard !known.networks.isEmpty else { return "No remembered networks (\(path)).\n" }
    var out = ""
    for network in known.networks {
      out +=
        "\(DisplayText.escape(network.ssid))  \(network.security.rawValue), PMF "
        + "\(network.pmf.rawValue), since \(network.firstSeen), last \(network.lastSeen)\n"
      for bss in network.bssids {
        out +=
          "  \(bss.bssid)" + (bss.userAdded ? "  (added by hand)" : "")
          + (bss.lastSeen.map { "  last seen \($0)" } ?? "") + "\n"
      }
    }
    return out
  }
}
