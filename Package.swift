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
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CNetlink",
      pkgConfig: "libnl-genl-3.0",
      providers: [.apt(["libnl-3-dev", "libnl-genl-3-dev"])]
    ),
    .systemLibrary(
      name: "CPcap",
      pkgConfig: "libpcap",
      providers: [.apt(["libpcap-dev"])]
    ),
    // Debian's libiw ships no pkg-config file: the module map links `iw` itself.
    .systemLibrary(
      name: "CIw",
      providers: [.apt(["libiw-dev"])]
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
      name: "WifiRiskPcap",
      dependencies: ["CPcap", "WifiRiskCore"],
      swiftSettings: swiftSettings
    ),
    .target(
      name: "WifiRiskWext",
      dependencies: ["CIw", "WifiRiskCore"],
      swiftSettings: swiftSettings
    ),
    // The connectivity probe: TCP sockets bound to the Wi-Fi interface, one HTTP request.
    .target(
      name: "WifiRiskProbe",
      dependencies: ["WifiRiskCore"],
      swiftSettings: swiftSettings
    ),
    // libcurl's easy interface, loaded with dlopen on the first request (never linked):
    // C functions over libcurl's own header (libcurl4-openssl-dev at build time).
    .target(name: "CCurl"),
    // One bounded HTTP GET over libcurl: the only code that touches CCurl's pointers.
    .target(
      name: "WifiRiskHTTP",
      dependencies: ["CCurl", "WifiRiskCore"],
      swiftSettings: swiftSettings
    ),
    .target(
      name: "WifiRiskCLI",
      dependencies: [
        "WifiRiskCore",
        "WifiRiskNetlink",
        "WifiRiskPcap",
        "WifiRiskProbe",
        "WifiRiskWext",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "TOMLKit", package: "TOMLKit"),
      ],
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "wifirisk",
      dependencies: ["WifiRiskCLI"],
      swiftSettings: swiftSettings
    ),
    // The kernel lab's table of expected results, read for the test targets that check the
    // lab's recordings against it.
    .target(
      name: "LabExpectations",
      path: "Tests/LabExpectations",
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskCoreTests",
      dependencies: ["WifiRiskCore", "LabExpectations"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskNetlinkTests",
      dependencies: ["WifiRiskNetlink", "WifiRiskCore", "CNetlink"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskPcapTests",
      dependencies: ["WifiRiskPcap", "WifiRiskCore", "LabExpectations"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskWextTests",
      dependencies: ["WifiRiskWext", "WifiRiskCore"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskProbeTests",
      dependencies: ["WifiRiskProbe", "WifiRiskCore", "WifiRiskCLI"],
      exclude: ["portal_server.py"],
      swiftSettings: swiftSettings
    ),
    // One GET in a process of its own: what a binary with WifiRiskHTTP maps before and
    // after its first request.
    .executableTarget(
      name: "http-check",
      dependencies: ["WifiRiskHTTP", "WifiRiskCore"],
      path: "Tests/HTTPCheck",
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskHTTPTests",
      dependencies: ["WifiRiskHTTP", "WifiRiskCore", "http-check"],
      exclude: ["test_servers.py"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskCLITests",
      dependencies: ["WifiRiskCLI", "WifiRiskCore"],
      exclude: ["Golden"],
      swiftSettings: swiftSettings
    ),
  ]
)
