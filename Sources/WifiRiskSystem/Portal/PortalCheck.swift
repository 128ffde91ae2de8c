import Foundation
import WifiRiskCore
import WifiRiskProbe

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The captive portal check of the current connection: the DHCP lease's API URI (a local
/// file), the connectivity probe (HTTP from the Wi-Fi interface) and the RFC 8908 API.
public enum PortalCheck {
  public static var userAgent: String { "wifirisk/\(WifiRiskVersion.current)" }

  /// Runs the whole check; every network step is bounded: the probes together by
  /// `settings.timeoutSeconds`, the API request by at most 3 seconds more.
  public static func run(
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
public enum PortalAPIClient {
  public struct Problem: Error, Sendable {
    public var message: String
  }

  /// Replies larger than this are refused.
  static let maximumSize = 65536

  public static func fetch(_ uri: String, timeout: Double) -> Result<
    CaptivePortalAPIStatus, Problem
  > {
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
