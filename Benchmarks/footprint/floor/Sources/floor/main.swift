import ArgumentParser

struct Floor: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "floor", abstract: "Parses its arguments and does nothing else.",
    version: "1.0", subcommands: [Review.self])
}

struct Review: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Names a file and a format.")
  @Argument(help: "A file.") var file: String
  @Option(help: "An output format.") var format: String = "text"

  func run() { print(file, format) }
}

Floor.main()
