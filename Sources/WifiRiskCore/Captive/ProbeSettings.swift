/// How the connectivity probe runs: the `[probe]` table of a profile.
///
/// ```toml
/// [probe]
/// enabled = true
/// urls = ["http://connectivitycheck.gstatic.com/generate_204"]
/// expect_status = 204
/// expect_body = ""
/// timeout_seconds = 5
/// ```
///
/// Every key is optional; a missing one keeps its default. `expect_body` is compared only
/// when `expect_status` is not 204 (a 204 reply has no body).
public struct ProbeSettings: Sendable, Equatable {
  public var enabled: Bool
  /// Tried in order until one gives a clear answer.
  public var urls: [ProbeURL]
  public var expectStatus: Int
  public var expectBody: String
  /// The whole budget of one probe: resolving, connecting, sending and reading.
  public var timeoutSeconds: Double

  public init(
    enabled: Bool = true, urls: [ProbeURL] = ProbeSettings.defaultURLs,
    expectStatus: Int = 204, expectBody: String = "", timeoutSeconds: Double = 5
  ) {
    self.enabled = enabled
    self.urls = urls
    self.expectStatus = expectStatus
    self.expectBody = expectBody
    self.timeoutSeconds = timeoutSeconds
  }

  public static let defaultURLs: [ProbeURL] = [
    ProbeURL(scheme: .http, host: "connectivitycheck.gstatic.com", target: "/generate_204")
  ]

  public static let defaults = ProbeSettings()

  /// The answer that means "online".
  public var expectation: ProbeExpectation {
    ProbeExpectation(
      status: expectStatus, body: expectStatus == 204 ? nil : Array(expectBody.utf8))
  }

  /// The keys a `[probe]` table may have.
  public static let keys = ["enabled", "urls", "expect_status", "expect_body", "timeout_seconds"]
}

/// What one profile file's `[probe]` table says: every key optional, so a profile that
/// `extends` another overrides only what it names. Fold the layers, base first, with
/// `applied(to:)` onto `ProbeSettings.defaults`.
public struct ProbeLayer: Sendable, Equatable {
  public var enabled: Bool?
  public var urls: [ProbeURL]?
  public var expectStatus: Int?
  public var expectBody: String?
  public var timeoutSeconds: Double?

  public init() {}

  /// Reads a profile's `probe` value (normally at the key path `probe`). Every problem is
  /// returned at its key path, like `ProfileLayer.parse`: unknown keys and wrong types are
  /// errors, so a typo in a profile is never silently ignored.
  public static func parse(_ value: ProfileValue, at path: ProfileKeyPath = ProfileKeyPath("probe"))
    -> (ProbeLayer, [ProfileError])
  {
    var layer = ProbeLayer()
    var errors: [ProfileError] = []
    guard case .table(let table) = value else {
      return (layer, [ProfileError(path: path, message: "must be a table ([probe])")])
    }
    for key in table.keys.sorted() {
      guard let value = table[key] else { continue }
      let at = path.appending(key)
      func fail(_ message: String) { errors.append(ProfileError(path: at, message: message)) }
      switch key {
      case "enabled":
        guard case .bool(let flag) = value else {
          fail("must be true or false, not \(value.typeName)")
          continue
        }
        layer.enabled = flag
      case "urls":
        guard case .array(let items) = value else {
          fail("must be an array of http:// URLs, not \(value.typeName)")
          continue
        }
        var urls: [ProbeURL] = []
        for (index, item) in items.enumerated() {
          let itemPath = at.appending(index: index)
          guard case .string(let text) = item, let url = ProbeURL.parse(text) else {
            errors.append(
              ProfileError(path: itemPath, message: "must be an absolute http:// URL"))
            continue
          }
          guard url.scheme == .http else {
            errors.append(
              ProfileError(
                path: itemPath,
                message: "must be http://: a portal can only intercept unencrypted requests"))
            continue
          }
          urls.append(url)
        }
        if items.isEmpty { fail("is empty; set enabled = false to turn probes off") }
        layer.urls = urls
      case "expect_status":
        guard case .integer(let status) = value, (100...599).contains(status) else {
          fail("must be an HTTP status code, 100 to 599")
          continue
        }
        layer.expectStatus = status
      case "expect_body":
        guard case .string(let body) = value else {
          fail("must be a string, not \(value.typeName)")
          continue
        }
        layer.expectBody = body
      case "timeout_seconds":
        let seconds: Double
        switch value {
        case .integer(let number): seconds = Double(number)
        case .float(let number): seconds = number
        default:
          fail("must be a number of seconds, not \(value.typeName)")
          continue
        }
        guard seconds.isFinite, seconds > 0, seconds <= 60 else {
          fail("must be more than 0 and at most 60 seconds")
          continue
        }
        layer.timeoutSeconds = seconds
      default:
        fail("unknown key (known: \(ProbeSettings.keys.joined(separator: ", ")))")
      }
    }
    return (layer, errors)
  }

  /// `settings` with this layer's keys replacing theirs.
  public func applied(to settings: ProbeSettings) -> ProbeSettings {
    var result = settings
    if let enabled { result.enabled = enabled }
    if let urls { result.urls = urls }
    if let expectStatus { result.expectStatus = expectStatus }
    if let expectBody { result.expectBody = expectBody }
    if let timeoutSeconds { result.timeoutSeconds = timeoutSeconds }
    return result
  }

  /// Folds layers, base first, onto the defaults.
  public static func resolve(_ layers: [ProbeLayer]) -> ProbeSettings {
    layers.reduce(ProbeSettings.defaults) { $1.applied(to: $0) }
  }
}
