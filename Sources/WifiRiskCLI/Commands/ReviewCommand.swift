import ArgumentParser
import WifiRiskCore

/// `wifirisk review FILE...`: rates the networks in saved scans, offline.
struct ReviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Rate the networks in saved scan fixtures, offline.",
    discussion: """
      Reads scan fixtures (format 1, as written by `wifirisk scan --save`) and rates every \
      network in them, riskiest first. Several files may be given; a file that cannot be \
      read is reported on stderr and the others are still reviewed.

      EXAMPLES:
        wifirisk review fixtures/lab/security-matrix.json
        wifirisk review --format json saved/*.json | jq '.networks[] | {ssid, security, risk}'

      \(ExitStatus.table)
      """
  )

  @Argument(help: "Scan fixture files to review.")
  var files: [String]

  @OptionGroup var output: OutputOptions

  @Flag(name: .shortAndLong, help: "Also show informational findings.")
  var verbose = false

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("Give at least one scan fixture file.") }
  }

  func run() throws {
    var assessments: [(NetworkAssessment, String)] = []
    var sources: [JSONValue] = []
    var errors: [JSONValue] = []
    for file in files {
      do {
        let capture = try ScanFiles.read(file)
        sources.append(NetworkListing.sourceJSON(capture, file: file))
        assessments += capture.bss.map { (DataFiles.assess($0), file) }
      } catch {
        Output.diagnostic(error.message)
        errors.append(.object(["file": .string(file), "message": .string(error.message)]))
      }
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
    if !errors.isEmpty { throw ExitStatus.failure }
  }
}

/// Pieces shared by the commands that list networks.
enum NetworkListing {
  static func sourceJSON(_ capture: ScanCapture, file: String?) -> JSONValue {
    .object([
      "file": JSONValue(file),
      "captured_at": JSONValue(capture.capturedAt),
      "source": JSONValue(capture.source),
      "interface": JSONValue(capture.interface),
      "bss_count": .integer(capture.bss.count),
    ])
  }
}
