/// What a Captive Portal API (RFC 8908) says about this client's session: the JSON object
/// served as `application/captive+json` at the URI the network announced (DHCP option
/// 114, RFC 8910).
public struct CaptivePortalAPIStatus: Sendable, Equatable {
  /// `captive` (required): true while the client must still pass the portal.
  public var captive: Bool
  /// `user-portal-url`: the page where a person signs in or accepts the terms.
  public var userPortalURL: String?
  /// `venue-info-url`: information about the venue.
  public var venueInfoURL: String?
  /// `seconds-remaining`: how long the session has left.
  public var secondsRemaining: Double?
  /// `bytes-remaining`: how much traffic the session has left.
  public var bytesRemaining: Double?
  /// `can-extend-session`: whether the portal lets the session be extended.
  public var canExtendSession: Bool?
  /// Members present with the wrong type, named; they are otherwise ignored.
  public var ignored: [String]

  public init(
    captive: Bool, userPortalURL: String? = nil, venueInfoURL: String? = nil,
    secondsRemaining: Double? = nil, bytesRemaining: Double? = nil,
    canExtendSession: Bool? = nil, ignored: [String] = []
  ) {
    self.captive = captive
    self.userPortalURL = userPortalURL
    self.venueInfoURL = venueInfoURL
    self.secondsRemaining = secondsRemaining
    self.bytesRemaining = bytesRemaining
    self.canExtendSession = canExtendSession
    self.ignored = ignored
  }

  /// The media type RFC 8908 gives the API's answer.
  public static let mediaType = "application/captive+json"

  /// Reads the API's JSON. Only `captive` is required; an optional member of the wrong type
  /// is left out and named in `ignored`; unknown members are skipped (RFC 8908 section 5
  /// lets servers add their own).
  public static func parse(_ bytes: [UInt8]) throws(CaptivePortalAPIError) -> CaptivePortalAPIStatus
  {
    let value: JSONValue
    do {
      value = try JSONParser.parse(bytes)
    } catch {
      throw CaptivePortalAPIError(message: "not JSON: \(error)")
    }
    guard case .object(let members) = value else {
      throw CaptivePortalAPIError(message: "the answer is \(value.typeName), not an object")
    }
    guard case .bool(let captive)? = members["captive"] else {
      throw CaptivePortalAPIError(
        message: members["captive"] == nil
          ? "the required member \"captive\" is missing"
          : "\"captive\" is \(members["captive"]?.typeName ?? "?"), not a boolean")
    }
    var status = CaptivePortalAPIStatus(captive: captive)
    func string(_ key: String) -> String? {
      switch members[key] {
      case .string(let text)?: return text
      case nil, .null?: return nil
      default:
        status.ignored.append(key)
        return nil
      }
    }
    func number(_ key: String) -> Double? {
      switch members[key] {
      case .integer(let value)?: return Double(value)
      case .number(let value)? where value.isFinite: return value
      case nil, .null?: return nil
      default:
        status.ignored.append(key)
        return nil
      }
    }
    status.userPortalURL = string("user-portal-url")
    status.venueInfoURL = string("venue-info-url")
    status.secondsRemaining = number("seconds-remaining")
    status.bytesRemaining = number("bytes-remaining")
    switch members["can-extend-session"] {
    case .bool(let flag)?: status.canExtendSession = flag
    case nil, .null?: break
    default: status.ignored.append("can-extend-session")
    }
    return status
  }
}

public struct CaptivePortalAPIError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(message: String) { self.message = message }
  public var description: String { message }
}
