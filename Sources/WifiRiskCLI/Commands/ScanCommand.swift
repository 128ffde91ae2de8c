import ArgumentParser
import WifiRiskCore
import WifiRiskSystem

/// `wifirisk scan`: the nearby networks, rated, from nl80211.
struct ScanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "List and rate nearby networks, one line per access point.",
    discussion: """
      Reads the kernel's scan results through nl80211. Without privilege the kernel's cached \
      results are used; as root (or with CAP_NET_ADMIN) a fresh scan is triggered when the \
      cache is older than --max-age, or always with --fresh.

      EXAMPLES:
        wifirisk scan
        sudo wifirisk scan --fresh --freq 2412 --freq 2437
        wifirisk scan --save cafe.json        # keep it; later: wifirisk review cafe.json
        wifirisk scan --format json | jq '.networks[] | select(.risk == "high") | .ssid'

      \(ExitStatus.helpSection(for: .general))
      """
  )

  @OptionGroup var scanSource: ScanSourceOptions
  @OptionGroup var output: OutputOptions

  @Option(
    help: ArgumentHelp("Save the raw scan as a fixture (format 1) to FILE.", valueName: "FILE"))
  var save: String?

  @Flag(name: .shortAndLong, help: "Also show informational findings.")
  var verbose = false

  func run() throws {
    let input = try scanSource.read(wantConnection: false)
    if let save { try AtomicFile.write(Fixture.encode(input.snapshot), to: save) }
    let networks = Ratings.pipeline().rate(input.snapshot)
    switch output.format {
    case .json:
      Output.write(
        ReportDocument(
          toolVersion: WifiRiskVersion.current,
          networks: networks.map { NetworkEntry($0, source: input.label) },
          sources: [input.source]))
    case .text:
      let text = TextReport(output: .forStdout())
      Output.write(text.table(networks) + text.details(networks, verbose: verbose))
    }
    if let save { Output.diagnostic("saved \(input.snapshot.bss.count) networks to \(save)") }
  }
}
