import WifiRiskCore

/// Finds the captive portal API URI (DHCP option 114, RFC 8910) of an interface's current
/// lease in the files the DHCP clients leave behind. Reads files only; sends nothing.
public enum PortalLeases {
  /// A lease with the file it came from.
  public struct Found: Equatable, Sendable {
    public var entry: LeaseEntry
    public var file: String
  }

  /// What the search found: the URI to use, if any, and notes on how it was chosen.
  public struct Result: Equatable, Sendable {
    public var uri: String?
    public var file: String?
    public var notes: [String]
  }

  /// Lease files are small; larger ones are not read.
  static let maximumSize = 1 << 20

  /// Looks in every known place for leases of `interface`. `addresses` are the interface's
  /// current IPv4 addresses: a lease for another address is stale (a previous network, or
  /// a client that is no longer running) and is skipped. `root` prefixes every path (for
  /// tests).
  public static func find(
    interface: String, ifindex: Int?, addresses: [String], root: String = ""
  ) -> Result {
    let leases = candidates(interface: interface, ifindex: ifindex, root: root)
    let current = leases.filter { found in
      guard let address = found.entry.address, !addresses.isEmpty else { return true }
      return addresses.contains(address)
    }
    var notes: [String] = []
    let stale = leases.count - current.count
    if stale > 0 {
      notes.append(
        "skipped \(stale) lease\(stale == 1 ? "" : "s") for an address \(interface) no longer has")
    }
    let withURI = current.filter { $0.entry.captivePortal != nil }
    guard let chosen = withURI.first, let uri = chosen.entry.captivePortal else {
      if !current.isEmpty {
        let files = Set(current.map(\.file)).sorted().joined(separator: ", ")
        notes.append("the DHCP lease (\(files)) has no captive portal API URI (option 114)")
      }
      return Result(uri: nil, file: nil, notes: notes)
    }
    notes.append(
      "captive portal API URI from \(chosen.entry.client.rawValue)'s lease \(chosen.file)")
    for other in withURI.dropFirst() where other.entry.captivePortal != uri {
      notes.append(
        "another lease (\(other.file)) names a different API URI: "
          + DisplayText.escape(Array((other.entry.captivePortal ?? "").utf8)))
    }
    return Result(uri: uri, file: chosen.file, notes: notes)
  }

  /// Every lease for the interface, in order of preference: systemd-networkd's link state
  /// and lease files, NetworkManager's files, then dhclient's (the newest lease for the
  /// interface in each file).
  static func candidates(interface: String, ifindex: Int?, root: String) -> [Found] {
    var found: [Found] = []
    if let ifindex {
      for path in ["/run/systemd/netif/links/\(ifindex)", "/run/systemd/netif/leases/\(ifindex)"] {
        if let text = read(root + path) {
          found.append(Found(entry: LeaseFiles.networkd(text), file: path))
        }
      }
    }
    // The interface name is one path component (checked by the caller's interface list).
    guard !interface.contains("/"), interface != ".", interface != ".." else { return found }
    for directory in ["/var/lib/NetworkManager"] {
      for name in files(in: root + directory) {
        let path = directory + "/" + name
        if name.hasPrefix("internal-") && name.hasSuffix("-\(interface).lease") {
          if let text = read(root + path) {
            found.append(Found(entry: LeaseFiles.networkManagerInternal(text), file: path))
          }
        } else if name.hasPrefix("dhclient-") && name.hasSuffix("-\(interface).lease") {
          if let text = read(root + path),
            let latest = LeaseFiles.dhclient(text, client: .networkManager).last
          {
            found.append(Found(entry: latest, file: path))
          }
        }
      }
    }
    for directory in ["/var/lib/dhcp", "/var/lib/dhclient"] {
      // dhclient6's files hold `lease6` blocks, which the reader skips.
      for name in files(in: root + directory)
      where name.hasPrefix("dhclient") && name.hasSuffix(".leases") {
        let path = directory + "/" + name
        guard let text = read(root + path) else { continue }
        let forInterface = LeaseFiles.dhclient(text).filter {
          $0.interface == nil || $0.interface == interface
        }
        if let latest = forInterface.last { found.append(Found(entry: latest, file: path)) }
      }
    }
    return found
  }

  private static func files(in directory: String) -> [String] {
    FileReader.names(in: directory)
  }

  /// The text of a regular file, or nil when it is missing, unreadable, too large or not
  /// UTF-8 (a lease file is never worth failing the command for).
  private static func read(_ path: String) -> String? {
    try? FileReader.text(path, limit: maximumSize)
  }
}
