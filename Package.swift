// swift-tools-version: 6.2
//
// wifirisk: rates the security of nearby Wi-Fi networks before a device joins them.
//
// Layers, each depending only on the ones below it:
//   CNetlink, CIw                    C headers only (libnl-genl-3.0, libiw)
//   CLibraryLoader                   dlopen and dlsym, for CPcap, CCurl and CICU
//   CPcap, CCurl, CToml              C functions over libpcap, libcurl (both through dlopen)
//                                    and toml++ (compiled in)
//   CSystemd                         sd-bus's header only (libsystemd.so.0 through dlopen)
//   WifiRiskCore                     pure Swift: bytes in, judgements out; no I/O, no C
//   WifiRiskNetlink, WifiRiskPcap,   one thin target per C library or kernel interface:
//   WifiRiskWext,                    the only code that touches C pointers
//   WifiRiskSupplicant, WifiRiskSyscalls (the POSIX calls on files, the clock, the process),
//   WifiRiskHTTP (over CCurl: libcurl through dlopen, never linked), WifiRiskTOML (over
//   CToml: toml++ compiled in), WifiRiskICU (over CICU: ICU's spoof checker through dlopen)
//   WifiRiskIwd (over CSystemd: iwd on the system D-Bus)
//   WifiRiskSystem                   owns the machine: scan sources, files, state, profiles,
//                                    the portal check, connection managers; system calls
//                                    through one funnel
//   WifiRiskCLI                      argument-parser commands, options and rendering
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
    // sd-bus's header only: WifiRiskIwd opens libsystemd.so.0 with dlopen when it first
    // talks to iwd, so the binary neither links nor maps libsystemd otherwise. (No pkgConfig:
    // it would add -lsystemd.)
    .systemLibrary(
      name: "CSystemd",
      providers: [.apt(["libsystemd-dev"])]
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
    // The POSIX calls on files, the clock and the process, made in one place.
    .target(
      name: "WifiRiskSyscalls",
      swiftSettings: swiftSettings
    ),
    .target(
      name: "WifiRiskWext",
      dependencies: ["CIw", "WifiRiskCore", "WifiRiskSyscalls"],
      swiftSettings: swiftSettings
    ),
    // dlopen of the first soname that opens and dlsym of its functions: what CPcap and CCurl
    // share.
    .target(name: "CLibraryLoader"),
    // libpcap's offline reader, loaded with dlopen when the first capture is opened (never
    // linked): C functions over libpcap's own header (libpcap-dev at build time).
    .target(name: "CPcap", dependencies: ["CLibraryLoader"]),
    // libcurl's easy interface, loaded with dlopen on the first request (never linked):
    // C functions over libcurl's own header (libcurl4-openssl-dev at build time).
    .target(name: "CCurl", dependencies: ["CLibraryLoader"]),
    // One bounded HTTP GET over libcurl: the only code that touches CCurl's pointers.
    .target(
      name: "WifiRiskHTTP",
      dependencies: ["CCurl", "WifiRiskCore"],
      swiftSettings: swiftSettings
    ),
    // ICU's spoof checker, loaded with dlopen on the first look-alike comparison (never
    // linked): C functions over ICU's own header (libicu-dev at build time).
    .target(name: "CICU", dependencies: ["CLibraryLoader"]),
    // TR39 confusable skeletons: the only code that calls CICU.
    .target(
      name: "WifiRiskICU",
      dependencies: ["CICU"],
      swiftSettings: swiftSettings
    ),
    // iwd over the system D-Bus (sd-bus): the negotiated security, a disconnect.
    .target(
      name: "WifiRiskIwd",
      dependencies: ["CSystemd", "WifiRiskCore"],
      swiftSettings: swiftSettings
    ),
    // toml++ (libtomlplusplus-dev, header only) behind a few C functions: the profile parser,
    // compiled in. C++ stays inside this target; Swift sees a plain C header.
    .target(name: "CToml"),
    // The TOML parser's one Swift owner: copies a parsed document into Core's ProfileValue.
    .target(
      name: "WifiRiskTOML",
      dependencies: ["CToml", "WifiRiskCore"],
      swiftSettings: swiftSettings
    ),
    // wpa_supplicant's control socket (a unix datagram socket per interface).
    .target(
      name: "WifiRiskSupplicant",
      dependencies: ["WifiRiskCore"],
      swiftSettings: swiftSettings
    ),
    .target(
      name: "WifiRiskSystem",
      dependencies: [
        "WifiRiskCore",
        "WifiRiskIwd",
        "WifiRiskNetlink",
        "WifiRiskHTTP",
        "WifiRiskPcap",
        "WifiRiskSupplicant",
        "WifiRiskSyscalls",
        "WifiRiskWext",
        "WifiRiskTOML",
      ],
      swiftSettings: swiftSettings
    ),
    .target(
      name: "WifiRiskCLI",
      dependencies: [
        "WifiRiskCore",
        "WifiRiskICU",
        "WifiRiskNetlink",
        "WifiRiskSystem",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "wifirisk",
      dependencies: ["WifiRiskCLI"],
      swiftSettings: swiftSettings
    ),
    // What the test targets share: the repository's paths, the seeded generator of the
    // mutation tests, and the kernel lab's table of expected results.
    .target(
      name: "TestSupport",
      dependencies: ["WifiRiskCore"],
      path: "Tests/TestSupport",
      exclude: [
        "portal_server.py", "validate_json.py", "https_servers.py", "loopback_http.py",
      ],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskCoreTests",
      dependencies: ["WifiRiskCore", "WifiRiskICU", "TestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskNetlinkTests",
      dependencies: ["WifiRiskNetlink", "WifiRiskCore", "CNetlink", "TestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskSupplicantTests",
      dependencies: ["WifiRiskSupplicant", "WifiRiskCore", "TestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskSystemTests",
      dependencies: [
        "WifiRiskSystem", "WifiRiskCore", "WifiRiskHTTP", "WifiRiskSyscalls", "WifiRiskTOML",
        "TestSupport",
      ],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskPcapTests",
      dependencies: ["WifiRiskPcap", "WifiRiskCore", "TestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskIwdTests",
      dependencies: ["WifiRiskIwd", "WifiRiskCore"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskWextTests",
      dependencies: ["WifiRiskWext", "WifiRiskCore", "TestSupport"],
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
      dependencies: ["WifiRiskHTTP", "WifiRiskCore", "TestSupport", "http-check"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "WifiRiskCLITests",
      dependencies: ["WifiRiskCLI", "WifiRiskCore", "WifiRiskSystem", "TestSupport"],
      exclude: ["Golden"],
      swiftSettings: swiftSettings
    ),
  ],
  cxxLanguageStandard: .cxx17
)
