import ArgumentParser
import WifiRiskCore

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

  @OptionGroup var live: LiveScanOptions
  @OptionGroup var output: OutputOptions

  @Option(
    help: ArgumentHelp("Save the raw scan as a fixture (format 1) to FILE.", valueName: "FILE"))
  var save: String?

  @Flag(name: .shortAndLong, help: "Also show informational findings.")
  var verbose = false

  func run() throws {
    let scan = try LiveScanner.run(live, wantConnection: false)
    if let save { try AtomicFile.write(Fixture.encode(scan.capture), to: save) }
    let networks = scan.capture.mergingDuplicateBSSIDs().map { DataFiles.assess($0) }.sorted(
      by: NetworkAssessment.riskiestFirst)
    for note in scan.notes { Output.diagnostic(note) }
    switch output.format {
    case .json:
      let document = Report.document(
        networks: networks.map { Report.network($0, source: scan.interfaceName) },
        sources: [NetworkListing.liveSourceJSON(scan)], errors: [],
        version: WifiRiskVersion.current)
      Output.write(document.serialized() + "\n")
    case .text:
      let text = TextReport(output: .forStdout())
      Output.write(text.table(networks) + text.details(networks, verbose: verbose))
    }
    if let save { Output.diagnostic("saved \(scan.capture.bss.count) networks to \(save)") }
  }
}

extension NetworkListing {
  static func liveSourceJSON(_ scan: LiveScan) -> JSONValue {
    .object([
      "file": .null,
      "captured_at": JSONValue(scan.capture.capturedAt),
      "source": .string(scan.capture.source ?? "nl80211"),
      "interface": .string(scan.interfaceName),
      "bss_count": .integer(scan.capture.bss.count),
      "fresh": .bool(scan.fresh),
      "cache_age_ms": JSONValue(scan.cacheAgeMs),
      "notes": JSONValue(scan.notes),
    ])
  }
}
