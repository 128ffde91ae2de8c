// The libFuzzer entry points of wifirisk's fuzz executable. One executable holds every
// target; `WIFIRISK_FUZZ_TARGET` names the one a run exercises (Tests/Fuzz/run sets it).
import WifiRiskCore

#if canImport(Glibc)
  import Glibc
#endif

/// Every target: its name (the corpus folder under Tests/Fuzz/corpus/) and the function
/// that takes one input. A function checks properties with `require`, which traps, so a
/// broken property is a crash libFuzzer reports like any other.
let targets: [(name: String, run: @Sendable ([UInt8]) -> Void)] = [
  ("elements", ElementsTarget.run),
  ("radiotap", LinkHeaderTargets.radiotap),
  ("prism", LinkHeaderTargets.prism),
  ("avs", LinkHeaderTargets.avs),
  ("ppi", LinkHeaderTargets.ppi),
  ("frame", LinkHeaderTargets.frame),
  ("pcap", CaptureTargets.pcap),
  ("pcapng", CaptureTargets.pcapng),
  ("iw-scan", TextTargets.iwScan),
  ("nl80211-scan", NetlinkTargets.scan),
  ("nl80211-interface", NetlinkTargets.interface),
  ("nl80211-station", NetlinkTargets.station),
  ("wext", WextTarget.run),
  ("supplicant-status", TextTargets.supplicantStatus),
  ("fixture", JSONTargets.fixture),
  ("known-networks", JSONTargets.knownNetworks),
  ("json", JSONTargets.json),
  ("profile", ProfileTarget.run),
  ("toml", TOMLTarget.run),
  ("toml-locator", ProfileTarget.locator),
  ("ssid-patterns", TextTargets.ssidPatterns),
  ("http-response", PortalTargets.httpResponse),
  ("portal-api", PortalTargets.portalAPI),
  ("leases", PortalTargets.leases),
  ("display-text", TextTargets.displayText),
]

nonisolated(unsafe) var selected: (@Sendable ([UInt8]) -> Void)?

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
) -> CInt {
  let name = getenv("WIFIRISK_FUZZ_TARGET").map { String(cString: $0) } ?? ""
  if name == "list" {
    for target in targets { print(target.name) }
    exit(0)
  }
  guard let target = targets.first(where: { $0.name == name }) else {
    let names = targets.map(\.name).joined(separator: " ")
    print("wifirisk-fuzz: set WIFIRISK_FUZZ_TARGET to one of: \(names) (or list)")
    exit(64)
  }
  selected = target.run
  Sample.configure()
  return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let buffer = UnsafeBufferPointer(start: size == 0 ? nil : data, count: size)
  Sample.choose(buffer)
  selected?(Array(buffer))
  return 0
}
