import ArgumentParser
import WifiRiskCore

/// `wifirisk review FILE...`: rates the networks in saved scans, offline.
struct ReviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Rate the networks in saved scans, captures or iw output, offline.",
    discussion: """
      Reads scan fixtures (format 1, as written by `wifirisk scan --save`), pcap and pcapng \
      captures (802.11, radiotap, Prism or PPI; beacons and probe responses, read with \
      libpcap) and the text `iw dev IF scan` prints, told apart by their content, and rates \
      every network in them, riskiest first. Several files may be given; a file that cannot \
      be read is reported on stderr and the others are still reviewed.

      EXAMPLES:
        wifirisk review fixtures/lab/security-matrix.json
        wifirisk review capture.pcapng --save capture.json   # turn a capture into a fixture
        iw dev wlan0 scan dump > scan.txt && wifirisk review scan.txt
        wifirisk review --format json saved/*.json | jq '.networks[] | {ssid, security, risk}'

      \(ExitStatus.helpSection(for: .general))
      """
  )

  @Argument(help: "Scan fixtures, captures or iw scan text to review.")
  var files: [String]

  @Option(
    help: ArgumentHelp(
      "Also save every reviewed access point as one fixture (format 1) to FILE.",
      valueName: "FILE"))
  var save: String?

  @OptionGroup var output: OutputOptions

  @Flag(name: .shortAndLong, help: "Also show informational findings.")
  var verbose = false

  func run() throws {
    var assessments: [(NetworkAssessment, String)] = []
    var sources: [JSONValue] = []
    var errors: [JSONValue] = []
    var saved = ScanSnapshot(bss: [])
    for file in files {
      do {
        let loaded = try ScanFiles.read(file)
        let capture = loaded.capture
        for note in loaded.notes { Output.diagnostic("\(file): \(note)") }
        if saved.source == nil {
          saved = ScanSnapshot(
            capturedAt: capture.capturedAt, source: capture.source, interface: capture.interface,
            bss: [])
        }
        saved.bss += capture.bss
        sources.append(NetworkListing.sourceJSON(capture, file: file))
        assessments += capture.mergingDuplicateBSSIDs().map { (DataFiles.assess($0), file) }
      } catch {
        Output.diagnostic(error.message)
        errors.append(.object(["file": .string(file), "message": .string(error.message)]))
      }
    }
    if let save {
      try AtomicFile.write(Fixture.encode(saved), to: save)
      Output.diagnostic("saved \(saved.bss.count) access points to \(save)")
    }
    assessments.sort { NetworkAssessment.riskiestFirst($0.0, $1.0) }
    switch output.format {
    case .json:
      let document = Report.document(
        networks: assessments.map { Report.network($0.0, source: $0.1) }, sources: sources,
        errors: errors, version: WifiRiskVersion.current)
      Output.write(document.serialized() + "\n")
    case .text:
      if !assessments.isEmpty || errors.isEmpty {
        let text = TextReport(output: .forStdout())
        let networks = assessments.map(\.0)
        Output.write(text.table(networks) + text.details(networks, verbose: verbose))
      }
    }
    if !errors.isEmpty { throw ExitStatus.failure.code }
  }
}

/// Pieces shared by the commands that list networks.
enum NetworkListing {
  static func sourceJSON(_ capture: ScanSnapshot, file: String?) -> JSONValue {
    .object([
      "file": JSONValue(file),
      "captured_at": JSONValue(capture.capturedAt),
      "source": JSONValue(capture.source),
      "interface": JSONValue(capture.interface),
      "bss_count": .integer(capture.bss.count),
    ])
  }
}
