import ArgumentParser
import WifiRiskCore
import WifiRiskSystem

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
    let pipeline = Ratings.pipeline()
    var assessments: [(NetworkAssessment, String)] = []
    var sources: [SourceEntry] = []
    var errors: [ErrorEntry] = []
    var saved = ScanSnapshot(bss: [])
    for file in files {
      do {
        let loaded = try SavedScans.read(file)
        let snapshot = loaded.snapshot
        for note in loaded.notes { Output.diagnostic("\(file): \(note)") }
        if saved.source == nil {
          saved = ScanSnapshot(
            capturedAt: snapshot.capturedAt, source: snapshot.source,
            interface: snapshot.interface, bss: [])
        }
        saved.bss += snapshot.bss
        sources.append(loaded.sourceEntry(file: file))
        assessments += pipeline.rate(snapshot).map { ($0, file) }
      } catch {
        Output.diagnostic(error.message)
        errors.append(ErrorEntry(file: file, message: error.message))
      }
    }
    if let save {
      try AtomicFile.write(Fixture.encode(saved), to: save)
      Output.diagnostic("saved \(saved.bss.count) access points to \(save)")
    }
    // Several files: one list, riskiest first across them.
    assessments.sort { NetworkAssessment.riskiestFirst($0.0, $1.0) }
    switch output.format {
    case .json:
      Output.write(
        ReportDocument(
          toolVersion: WifiRiskVersion.current,
          networks: assessments.map { NetworkEntry($0.0, source: $0.1) }, sources: sources,
          errors: errors))
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
