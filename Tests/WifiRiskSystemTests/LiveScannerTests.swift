import Testing
import WifiRiskCore

@testable import WifiRiskSystem

/// A scan source that plays back what it is told: a cache, and what a triggered scan gives or
/// how it fails. It counts the scans it was asked for.
final class ScriptedSource: ScanSource {
  var kind: String { "scripted" }
  var interfaceName: String { "wlan9" }
  var standingNotes: [String] = []
  var cache: ScanReading
  var trigger: Result<FreshReading, ScanTriggerFailure>
  private(set) var scans = 0

  init(cache: ScanReading, trigger: Result<FreshReading, ScanTriggerFailure>) {
    self.cache = cache
    self.trigger = trigger
  }

  func cached() throws(Failure) -> ScanReading { cache }

  func scan(
    frequencies: [Int], ssids: [[UInt8]], timeout: Duration,
    progress: (@Sendable (Duration) -> Void)?
  ) throws(ScanTriggerFailure) -> FreshReading {
    scans += 1
    return try trigger.get()
  }

  func connection(in records: inout [BSSRecord], wanted: Bool) -> (LiveScan.Connection?, [String]) {
    guard wanted, let record = records.first(where: { $0.status == .associated }) else {
      return (nil, [])
    }
    return (LiveScan.Connection(record: record, station: nil, supplicant: nil), [])
  }

  func describe() -> WirelessInterface {
    WirelessInterface(name: interfaceName, ifindex: 9, wiphy: 0, type: .station)
  }

  static func record(_ last: UInt8, ageMs: Int?, status: BSSStatus? = nil) -> BSSRecord {
    guard let address = MACAddress(bytes: [2, 0, 0, 0, 0, last]) else {
      preconditionFailure("six bytes make an address")
    }
    return BSSRecord(
      bssid: address, frequency: 2412, capability: 0x0001,
      seenMsAgo: ageMs, status: status, ies: [0, 1, UInt8(ascii: "a")])
  }
}

/// The one cached-or-fresh decision, and the scan flow every source goes through.
@Suite struct LiveScannerTests {
  static let fresh = FreshReading(
    reading: ScanReading(records: [ScriptedSource.record(7, ageMs: 0)], problems: []),
    finished: true, notes: [])

  func run(
    _ source: ScriptedSource, _ freshness: LiveScanRequest.Freshness, mayScan: Bool,
    wantConnection: Bool = false
  ) throws -> LiveScan {
    try LiveScanner.run(
      LiveScanRequest(freshness: freshness, wantConnection: wantConnection), source: source,
      notes: [], mayScan: mayScan, progress: nil)
  }

  @Test func aRecentCacheIsUsedWithoutScanning() throws {
    let source = ScriptedSource(
      cache: ScanReading(records: [ScriptedSource.record(1, ageMs: 4000)], problems: []),
      trigger: .success(Self.fresh))
    let scan = try run(source, .auto(maxAgeSeconds: 30), mayScan: true)
    #expect(source.scans == 0)
    #expect(!scan.fresh)
    #expect(scan.cacheAgeMs == 4000)
    #expect(scan.notes == ["using the kernel's cached scan (4 s old)"])
    #expect(scan.snapshot.bss.map(\.bssid.description) == ["02:00:00:00:00:01"])
    #expect(scan.snapshot.source == "scripted")
  }

  @Test func aStaleCacheIsScannedAgainWhenAllowed() throws {
    let source = ScriptedSource(
      cache: ScanReading(records: [ScriptedSource.record(1, ageMs: 45_000)], problems: []),
      trigger: .success(Self.fresh))
    let scan = try run(source, .auto(maxAgeSeconds: 30), mayScan: true)
    #expect(source.scans == 1)
    #expect(scan.fresh)
    #expect(scan.snapshot.bss.map(\.bssid.description) == ["02:00:00:00:00:07"])
    #expect(scan.notes.isEmpty)
  }

  @Test func aStaleCacheIsShownWithAHintWhenScanningIsNotAllowed() throws {
    let source = ScriptedSource(
      cache: ScanReading(records: [ScriptedSource.record(1, ageMs: 45_000)], problems: []),
      trigger: .success(Self.fresh))
    let scan = try run(source, .auto(maxAgeSeconds: 30), mayScan: false)
    #expect(source.scans == 0)
    #expect(
      scan.notes == [
        "showing the kernel's cached scan (45 s old); a fresh scan needs root or CAP_NET_ADMIN "
          + "(sudo wifirisk … --fresh)"
      ])
  }

  @Test func anEmptyCacheIsStaleWhateverTheMaximumAge() {
    #expect(
      ScanFreshness.decide(
        .auto(maxAgeSeconds: 3600), cacheAgeMs: nil, cacheIsEmpty: true, mayScan: true) == .scan)
  }

  @Test func cachedNeverScansAndFreshAlwaysTries() throws {
    let cached = ScriptedSource(
      cache: ScanReading(records: [], problems: []), trigger: .success(Self.fresh))
    let scan = try run(cached, .cached, mayScan: true)
    #expect(cached.scans == 0)
    #expect(scan.snapshot.bss.isEmpty)
    #expect(scan.notes == ["using the kernel's cached scan"])

    // --fresh tries even without privilege: the kernel's refusal is the answer.
    let fresh = ScriptedSource(
      cache: ScanReading(records: [ScriptedSource.record(1, ageMs: 10)], problems: []),
      trigger: .failure(.permissionDenied))
    let denied = try run(fresh, .fresh, mayScan: false)
    #expect(fresh.scans == 1)
    #expect(!denied.fresh)
    #expect(denied.snapshot.bss.count == 1)
    #expect(
      denied.notes == [
        "a fresh scan needs root or CAP_NET_ADMIN; showing the kernel's cached scan "
          + "(under a second old)"
      ])
  }

  @Test func aBusyRadioFallsBackToTheCache() throws {
    let source = ScriptedSource(
      cache: ScanReading(records: [ScriptedSource.record(1, ageMs: 60_000)], problems: []),
      trigger: .failure(.busy))
    let scan = try run(source, .fresh, mayScan: true)
    #expect(scan.snapshot.bss.map(\.bssid.description) == ["02:00:00:00:00:01"])
    #expect(
      scan.notes == [
        "another scan is running on wlan9; showing the kernel's cached scan (60 s old)"
      ]
    )
  }

  @Test func anAbortedScanShowsWhatItFoundAndIsNotFresh() throws {
    var partial = Self.fresh
    partial.finished = false
    let source = ScriptedSource(
      cache: ScanReading(records: [], problems: []), trigger: .success(partial))
    let scan = try run(source, .fresh, mayScan: true)
    #expect(!scan.fresh)
    #expect(scan.snapshot.bss.count == 1)
    #expect(scan.notes == ["the scan was aborted by the kernel; showing what it had found"])
  }

  @Test func aFailedScanFailsTheCommand() {
    let source = ScriptedSource(
      cache: ScanReading(records: [], problems: []),
      trigger: .failure(.failed(Failure(message: "wlan9: the interface is down"))))
    #expect(throws: Failure.self) { try run(source, .fresh, mayScan: true) }
  }

  @Test func problemsOfTheReplyAreKeptAndSaid() throws {
    let source = ScriptedSource(
      cache: ScanReading(
        records: [ScriptedSource.record(1, ageMs: 100)],
        problems: ["skipped a malformed entry: bad length", "skipped another"]),
      trigger: .success(Self.fresh))
    let scan = try run(source, .cached, mayScan: true)
    #expect(scan.problems.count == 2)
    #expect(scan.sourceEntry.problems == scan.problems)
    #expect(
      scan.notes.last
        == "2 entries of the scripted scan could not be read; the first: skipped a malformed "
        + "entry: bad length")
  }

  @Test func standingNotesComeFirstAndTheConnectionIsFound() throws {
    let source = ScriptedSource(
      cache: ScanReading(
        records: [
          ScriptedSource.record(1, ageMs: 100),
          ScriptedSource.record(2, ageMs: 100, status: .associated),
        ], problems: []),
      trigger: .success(Self.fresh))
    source.standingNotes = ["what this source cannot see"]
    let scan = try run(source, .cached, mayScan: true, wantConnection: true)
    #expect(scan.notes.first == "what this source cannot see")
    #expect(scan.connection?.record.bssid.description == "02:00:00:00:00:02")
    #expect(scan.sourceEntry.live?.notes == scan.notes)
  }

  @Test func interfaceNamesInNotesAreEscaped() {
    let note = ScanFreshness.note(after: .busy, interface: "wl\u{1B}[2Jan", cacheAgeMs: nil)
    #expect(!note.contains("\u{1B}"))
  }
}
