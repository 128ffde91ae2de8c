import WifiRiskCore

/// iwd, over the system D-Bus: which of its stations is an interface, what the station's
/// connection uses, and a disconnect.
///
/// Asking never starts iwd (no D-Bus activation). iwd answers root and the `netdev` group
/// only (its bus policy), so an ordinary user gets `AccessDenied`.
public struct IwdClient: ~Copyable {
  let bus: BusConnection
  public let timeout: Duration

  public init(timeout: Duration = .seconds(2)) throws(BusError) {
    bus = try BusConnection()
    self.timeout = timeout
  }

  /// iwd's station for `interface`; nil when iwd does not manage it in client mode.
  public func station(interface: String) throws(BusError) -> IwdStation? {
    let reply = try bus.call(
      Iwd.service, "/", "org.freedesktop.DBus.ObjectManager", "GetManagedObjects",
      timeout: timeout)
    guard let objects = reply.first else {
      throw .malformed(operation: "GetManagedObjects", "an empty reply")
    }
    return IwdStation.find(interface: interface, in: objects)
  }

  /// What the station's connection uses.
  public func diagnostics(_ station: IwdStation) throws(BusError) -> IwdDiagnostics {
    let reply = try bus.call(
      Iwd.service, station.path, Iwd.diagnosticInterface, "GetDiagnostics", timeout: timeout)
    guard let values = reply.first, let diagnostics = IwdDiagnostics(values) else {
      throw .malformed(operation: "GetDiagnostics", "not a dictionary")
    }
    return diagnostics
  }

  /// `Station.Disconnect`: iwd leaves the network and does not join it again on its own
  /// until asked to (or the network is selected again).
  public func disconnect(_ station: IwdStation) throws(BusError) {
    _ = try bus.call(
      Iwd.service, station.path, Iwd.stationInterface, "Disconnect", timeout: timeout)
  }

  /// What iwd negotiated on `interface`, or nil when iwd is not running, does not manage
  /// the interface or is not connected on it. Other failures are errors.
  public static func negotiated(interface: String, timeout: Duration = .seconds(2))
    throws(BusError) -> IwdDiagnostics?
  {
    do {
      let client = try IwdClient(timeout: timeout)
      guard let station = try client.station(interface: interface), station.isConnected else {
        return nil
      }
      return try client.diagnostics(station)
    } catch  where error.isServiceMissing {
      return nil
    }
  }
}
