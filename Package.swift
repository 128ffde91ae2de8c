// swift-tools-version: 6.2
//
// wifirisk: rates the security of nearby Wi-Fi networks before a device joins them.
//
// Layers, each depending only on the ones below it:
//   CNetlink (libnl-genl-3.0)        C headers only, behind WifiRiskNetlink
//   WifiRiskNetlink                  the only code that touches C pointers
//   WifiRiskCore                     pure Swift: bytes in, judgements out
//   WifiRiskCLI                      argument-parser commands and rendering
//   wifirisk                         the executable: a few lines
import PackageDescription

let swiftSettings: [SwiftSetting] = [
  .strictMemorySafety()
]

let package = Package(
  name: "wifirisk",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "wifirisk", targets: ["wifirisk"]),
    .library(name: "WifiRiskCore", targets: ["WifiRiskCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .systemLibrary(
      name: "CNetlink",
      pkgConfig: "libnl-genl-3.0",
      providers: [.apt(["libnl-3-dev", "libnl-genl-3-dev"])]
    ),
    .target(
      name: "WifiRiskCore",
      swiftSettings: swiftSettings
    ),
    .target(
      name: "WifiRiskNetlink",
      dependencies: ["CNetlink", "WifiRiskCore"],
      swiftSettings: swiftSettings
    ),
    .target(
      name: "WifiRiskCLI",
      dependencies: [
        "WifiRiskCore",
        "WifiRiskNetlink",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "wifirisk",
      dependencies: ["WifiRiskCLI"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskCoreTests",
      dependencies: ["WifiRiskCore"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskNetlinkTests",
      dependencies: ["WifiRiskNetlink", "WifiRiskCore", "CNetlink"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskCLITests",
      dependencies: ["WifiRiskCLI", "WifiRiskCore"],
      swiftSettings: swiftSettings
    ),
  ]
)
