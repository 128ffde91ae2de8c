import ArgumentParser

/// `--format text|json`, shared by every command that reports networks.
struct OutputOptions: ParsableArguments {
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Option(
    name: .long, help: "Output format: text (for people) or json (the wifirisk.report/1 contract).")
  var format: Format = .text
}
