import ArgumentParser
import WifiRiskCore
import WifiRiskSystem

/// `wifirisk home`: a check-up of one's own network, as its owner can fix it.
struct HomeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "home",
    abstract: "Check your own network, item by item, as its owner can fix it.",
    discussion: """
      Judges a home network as a whole: every access point that serves its name, on every \
      band, and the other networks the same router or mesh serves (guest, smart-home and \
      per-band names), recognised from neighbouring or locally administered BSSIDs and a \
      shared WPS identity. Each item of the checklist is pass, improve, fix or unknown, \
      with what was seen and what to change in the router's settings:

        encryption       WPA3 (or WPA2/WPA3) on every access point and band
        no-legacy        no WEP, original WPA or TKIP anywhere on the router
        same-everywhere  every band and access point has the same security
        pmf              management frames protected everywhere
        wps-off          WPS switched off everywhere
        own-name         not the name the router came with
        guest-network    a separate, encrypted network for guests and devices
        visible-name     the name is not hidden

      The network is the connected one unless --ssid names another. A saved scan \
      (--fixture) works as well as a live one, so a scan can be sent to someone who helps.

      EXAMPLES:
        wifirisk home
        wifirisk home --ssid "My Home"
        sudo wifirisk home --fresh
        wifirisk home --fixture scan.json --ssid "My Home" --format json

      \(ExitStatus.helpSection(for: .home))
      """
  )

  @Option(help: "The network to check, by name (default: the connected one).")
  var ssid: String?

  @OptionGroup var scanSource: ScanSourceOptions

  @Option(
    name: .long,
    help: "Output format: text (a checklist for people) or json (the wifirisk.home/1 contract).")
  var format: OutputOptions.Format = .text

  func validate() throws {
    if let ssid, ssid.utf8.isEmpty || ssid.utf8.count > 32 {
      throw ValidationError("--ssid: a network name has 1 to 32 bytes.")
    }
  }

  func run() throws {
    let input = try scanSource.read(wantConnection: ssid == nil)
    let networks = Ratings.pipeline().rate(input.snapshot)
    let name = try networkName(input, networks)
    let ouis = Set(networks.filter { $0.ssid == name }.map(\.record.bssid.oui))
    guard
      let network = HomeNetwork.find(name, in: networks, vendors: VendorNames.names(for: ouis))
    else {
      throw Failure(
        message:
          "no access point named \"\(DisplayText.escape(name))\" in the scan of "
          + "\(DisplayText.escapeText(input.label))"
          + (input.isLive ? "; scan again closer to the router (as root: --fresh)" : ""))
    }
    let checklist = HomeChecklist(network)
    switch format {
    case .json:
      Output.write(
        HomeDocument(
          checklist, toolVersion: WifiRiskVersion.current, source: input.source,
          label: input.label))
    case .text:
      Output.write(HomeText(output: .forStdout()).render(checklist))
    }
    let status = checklist.exitStatus
    if status != .ok { throw status.code }
  }

  /// The name asked for, or the connected network's.
  func networkName(_ input: ScanInput, _ networks: [NetworkAssessment]) throws(Failure) -> [UInt8] {
    if let ssid { return Array(ssid.utf8) }
    guard let connection = input.connection else {
      throw Failure(
        message:
          "not connected on \(DisplayText.escapeText(input.interfaceName)); "
          + "name the network to check with --ssid NAME")
    }
    let merged = networks.first { $0.record.bssid == connection.record.bssid }
    guard let name = merged?.ssid ?? connection.supplicant?.ssid, !name.isEmpty else {
      throw Failure(
        message:
          "the connected network's name is hidden and could not be read; "
          + "name it with --ssid NAME")
    }
    return name
  }
}
