import ArgumentParser
import Foundation
import WifiRiskCore
import WifiRiskProbe

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `--probe-url` and `--no-probe`, for the commands that look at the current connection.
struct PortalOptions: ParsableArguments {
  @Option(
    name: .customLong("probe-url"),
    help: ArgumentHelp(
      "Probe this http:// URL for a captive portal instead of the profile's (this run only).",
      valueName: "URL"))
  var probeURL: String?

  @Flag(
    name: .customLong("no-probe"),
    help: "Send nothing to the network: no connectivity probe, no captive portal API request.")
  var noProbe = false

  func validate() throws {
    if noProbe && probeURL != nil {
      throw ValidationError("--probe-url and --no-probe exclude each other.")
    }
    if let probeURL {
      guard let url = ProbeURL.parse(probeURL) else {
        throw ValidationError("--probe-url \(probeURL): not an absolute http:// URL.")
      }
      guard url.scheme == .http else {
        throw ValidationError(
          "--probe-url must be http://: a captive portal can only intercept unencrypted requests.")
      }
    }
  }

  /// The profile's settings with this run's overrides.
  func settings(_ profile: ProbeSettings) -> ProbeSettings {
    var settings = profile
    if noProbe { settings.enabled = false }
    if let probeURL, let url = ProbeURL.parse(probeURL) { settings.urls = [url] }
    return settings
  }
}

/// The captive portal check of the current connection: the DHCP lease's API URI (a local
/// file), the connectivity probe (HTTP from the Wi-Fi interface) and the RFC 8908 API.
enum PortalCheck {
  static var userAgent: String { "wifirisk/\(WifiRiskVersion.current)" }

  /// Runs the whole check; every network step is bounded: the probes together by
  /// `settings.timeoutSeconds`, the API request by at most 3 seconds more.
  static func run(
    interface: String, ifindex: Int?, settings: ProbeSettings, leaseRoot: String = "",
    resolver: ProbeResolver = .system
  ) -> PortalReport {
    let addresses = InterfaceAddresses.of(interface).filter { !$0.address.contains(":") }
      .map(\.address)
    let lease = PortalLeases.find(
      interface: interface, ifindex: ifindex, addresses: addresses, root: leaseRoot)
    var notes = lease.notes
    guard settings.enabled, !settings.urls.isEmpty else {
      notes.append("probes are off (--no-probe or the profile's [probe] enabled = false)")
      return PortalReport.combine(
        probe: nil, probeURL: nil, api: nil, leaseAPIURI: lease.uri, notes: notes)
    }

    // The probe URLs share one budget: a silent network costs timeout_seconds in all.
    let clock = ContinuousClock()
    let deadline = clock.now + .milliseconds(Int(settings.timeoutSeconds * 1000))
    var verdicts: [(PortalVerdict, ProbeURL)] = []
    for url in settings.urls {
      let left = deadline - clock.now
      guard left > .milliseconds(100) || verdicts.isEmpty else { break }
      let result = HTTPProbe.run(
        HTTPProbeRequest(
          url: url, interface: interface, timeout: max(left, .zero), userAgent: userAgent,
          resolver: resolver))
      for note in result.notes where !notes.contains(note) { notes.append(note) }
      let verdict = PortalClassifier.classify(
        result.outcome, expecting: settings.expectation, probeURL: url)
      verdicts.append((verdict, url))
      if verdict.state == .online || verdict.state == .captive { break }
    }
    let decided = PortalClassifier.combine(verdicts.map(\.0))
    let decidingURL = verdicts.first { $0.0 == decided }?.1 ?? settings.urls[0]

    var api: CaptivePortalAPIStatus?
    if let uri = lease.uri, uri.lowercased() != CaptivePortalURI.unrestricted {
      switch PortalAPIClient.fetch(uri, timeout: min(3, settings.timeoutSeconds)) {
      case .success(let status): api = status
      case .failure(let problem):
        notes.append(
          "captive portal API \(DisplayText.escape(Array(uri.utf8))): \(problem.message)")
      }
    }
    return PortalReport.combine(
      probe: decided, probeURL: decidingURL.description, api: api, leaseAPIURI: lease.uri,
      notes: notes)
  }
}

/// Asks a Captive Portal API (RFC 8908) for this client's state: one GET with
/// `Accept: application/captive+json`, no cookies, no cache, redirects refused.
enum PortalAPIClient {
  struct Problem: Error {
    var message: String
  }

  /// Replies larger than this are refused.
  static let maximumSize = 65536

  static func fetch(_ uri: String, timeout: Double) -> Result<CaptivePortalAPIStatus, Problem> {
    guard let url = ProbeURL.parse(uri), let foundationURL = URL(string: url.description) else {
      return .failure(Problem(message: "not an absolute https:// URL; not fetched"))
    }
    guard url.scheme == .https || url.isLoopback else {
      return .failure(
        Problem(message: "RFC 8908 requires https; not fetched over plain http"))
    }
    var request = URLRequest(
      url: foundationURL, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
    request.setValue(CaptivePortalAPIStatus.mediaType, forHTTPHeaderField: "Accept")
    request.setValue(PortalCheck.userAgent, forHTTPHeaderField: "User-Agent")
    request.httpShouldHandleCookies = false

    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    configuration.timeoutIntervalForResource = timeout
    configuration.httpCookieStorage = nil
    configuration.urlCache = nil
    let session = URLSession(
      configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    defer { session.invalidateAndCancel() }

    let box = FetchBox()
    let done = DispatchSemaphore(value: 0)
    let task = session.dataTask(with: request) { data, response, error in
      box.set(data: data, response: response as? HTTPURLResponse, error: error)
      done.signal()
    }
    task.resume()
    guard done.wait(timeout: .now() + timeout + 0.5) == .success else {
      task.cancel()
      return .failure(Problem(message: "no answer within \(formatted(timeout)) s"))
    }
    let (data, response, error) = box.get()
    if let error {
      return .failure(Problem(message: error.localizedDescription))
    }
    guard let response else { return .failure(Problem(message: "no HTTP reply")) }
    guard response.statusCode == 200 else {
      return .failure(Problem(message: "answered HTTP \(response.statusCode)"))
    }
    let bytes = [UInt8](data ?? Data())
    guard bytes.count <= maximumSize else {
      return .failure(Problem(message: "the answer is larger than \(maximumSize) bytes"))
    }
    do {
      return .success(try CaptivePortalAPIStatus.parse(bytes))
    } catch {
      return .failure(Problem(message: error.message))
    }
  }

  private static func formatted(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
  }

  /// Refuses every redirect: the API's own answer is wanted, not another site's.
  private final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(
      _ session: URLSession, task: URLSessionTask,
      willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
      completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
      completionHandler(nil)
    }
  }

  private final class FetchBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    private var response: HTTPURLResponse?
    private var error: (any Error)?

    func set(data: Data?, response: HTTPURLResponse?, error: (any Error)?) {
      lock.lock()
      defer { lock.unlock() }
      self.data = data
      self.response = response
      self.error = error
    }

    func get() -> (Data?, HTTPURLResponse?, (any Error)?) {
      lock.lock()
      defer { lock.unlock() }
      return (data, response, error)
    }
  }
}

/// The portal lines of `wifirisk now`'s text output.
enum PortalText {
  static func lines(_ report: PortalReport, open: Bool, output: Output, verbose: Bool) -> [String] {
    var head: String
    let from = report.httpStatus.map { " (HTTP \($0)" } ?? ""
    let probe = report.probeURL.map { DisplayText.escape(Array($0.utf8)) }
    let suffix = from.isEmpty ? "" : from + (probe.map { " from \($0)" } ?? "") + ")"
    switch report.state {
    case .captive:
      head = output.paint("captive portal", .yellow)
      if let url = report.portalURL {
        head += ": sign in at " + DisplayText.escape(Array(url.utf8))
      }
      head += suffix
    case .online: head = "none, online" + suffix
    case .noInternet: head = output.paint("no Internet", .yellow)
    case .unknown: head = "unknown" + suffix
    case .notProbed: head = "not checked"
    }
    var lines = ["  Portal:     " + head]
    if let api = report.api {
      var parts = ["captive: \(api.captive)"]
      if let seconds = api.secondsRemaining { parts.append("\(Int(seconds)) s left") }
      if let bytes = api.bytesRemaining { parts.append("\(Int(bytes)) bytes left") }
      lines.append("    Portal API: " + parts.joined(separator: ", "))
    }
    lines.append("    What to do: " + report.advice(open: open))
    if verbose || report.state == .noInternet || report.state == .unknown {
      for note in report.notes { lines.append("    - " + note) }
    }
    return lines
  }
}
