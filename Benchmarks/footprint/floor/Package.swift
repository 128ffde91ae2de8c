// swift-tools-version:6.0
// The smallest command line built like wifirisk: argument-parser, a root command with a
// version and one subcommand taking a file and an option, nothing else. Benchmarks/footprint
// measures it beside wifirisk: what any argument-parser tool built this way costs.
import PackageDescription

let package = Package(
  name: "floor",
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .executableTarget(
      name: "floor",
      dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")])
  ]
)
