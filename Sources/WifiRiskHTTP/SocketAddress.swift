import Glibc

/// A socket address copied out of the C structures at once, so no pointer outlives the call
/// that produced it: the family, the raw `sockaddr_in`/`sockaddr_in6` bytes and the
/// address as text.
public struct SocketAddress: Sendable, Equatable, CustomStringConvertible {
  public var family: Int32
  var storage: [UInt8]
  /// `192.0.2.1` or `2001:db8::1`.
  public var address: String
  public var port: Int

  public var description: String {
    family == AF_INET6 ? "[\(address)]:\(port)" : "\(address):\(port)"
  }

  /// Copies `length` bytes of a C socket address; nil for families other than IPv4/IPv6.
  init?(copying pointer: UnsafePointer<sockaddr>, length: Int) {
    let family = Int32(unsafe pointer.pointee.sa_family)
    let expected =
      family == AF_INET
      ? MemoryLayout<sockaddr_in>.size
      : family == AF_INET6 ? MemoryLayout<sockaddr_in6>.size : 0
    guard expected > 0, length >= expected else { return nil }
    let bytes = unsafe [UInt8](
      UnsafeRawBufferPointer(start: UnsafeRawPointer(pointer), count: expected))
    self.init(family: family, storage: bytes)
  }

  /// An address of the given family from its raw structure bytes.
  init(family: Int32, storage: [UInt8]) {
    self.family = family
    self.storage = storage
    var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
    var port = 0
    if family == AF_INET, storage.count >= MemoryLayout<sockaddr_in>.size {
      var value = sockaddr_in()
      unsafe withUnsafeMutableBytes(of: &value) { raw in
        for index in 0..<raw.count { unsafe raw[index] = storage[index] }
      }
      port = Int(UInt16(bigEndian: value.sin_port))
      _ = unsafe inet_ntop(AF_INET, &value.sin_addr, &text, socklen_t(text.count))
    } else if family == AF_INET6, storage.count >= MemoryLayout<sockaddr_in6>.size {
      var value = sockaddr_in6()
      unsafe withUnsafeMutableBytes(of: &value) { raw in
        for index in 0..<raw.count { unsafe raw[index] = storage[index] }
      }
      port = Int(UInt16(bigEndian: value.sin6_port))
      _ = unsafe inet_ntop(AF_INET6, &value.sin6_addr, &text, socklen_t(text.count))
    }
    let end = text.firstIndex(of: 0) ?? text.count
    self.address = String(decoding: text[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    self.port = port
  }

  /// The same address with another port (0 for "any", when binding a source address).
  func with(port: Int) -> SocketAddress {
    var bytes = storage
    let network = UInt16(truncatingIfNeeded: port).bigEndian
    // sin_port and sin6_port both sit right after the 16-bit family.
    bytes[2] = UInt8(truncatingIfNeeded: network)
    bytes[3] = UInt8(truncatingIfNeeded: network >> 8)
    return SocketAddress(family: family, storage: bytes)
  }

  /// Calls `body` with this address as a C `sockaddr` and its length.
  func withSockaddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
    unsafe storage.withUnsafeBytes { raw in
      let pointer = unsafe raw.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: sockaddr.self)
      return unsafe body(pointer, socklen_t(raw.count))
    }
  }

  /// An IPv4 or IPv6 address literal with a port; nil when `text` is not one.
  public static func literal(_ text: String, port: Int) -> SocketAddress? {
    var v4 = sockaddr_in()
    if unsafe inet_pton(AF_INET, text, &v4.sin_addr) == 1 {
      v4.sin_family = sa_family_t(AF_INET)
      v4.sin_port = UInt16(truncatingIfNeeded: port).bigEndian
      let bytes = unsafe withUnsafeBytes(of: &v4) { unsafe [UInt8]($0) }
      return SocketAddress(family: AF_INET, storage: bytes)
    }
    var v6 = sockaddr_in6()
    if unsafe inet_pton(AF_INET6, text, &v6.sin6_addr) == 1 {
      v6.sin6_family = sa_family_t(AF_INET6)
      v6.sin6_port = UInt16(truncatingIfNeeded: port).bigEndian
      let bytes = unsafe withUnsafeBytes(of: &v6) { unsafe [UInt8]($0) }
      return SocketAddress(family: AF_INET6, storage: bytes)
    }
    return nil
  }
}

/// The addresses assigned to network interfaces, from `getifaddrs`.
public enum InterfaceAddresses {
  /// Every IPv4 and IPv6 address on `interface`, IPv4 first.
  public static func of(_ interface: String) -> [SocketAddress] {
    var list: UnsafeMutablePointer<ifaddrs>?
    guard unsafe getifaddrs(&list) == 0 else { return [] }
    defer { unsafe freeifaddrs(list) }
    var found: [SocketAddress] = []
    var node = unsafe list
    while let current = unsafe node {
      defer { unsafe node = unsafe current.pointee.ifa_next }
      guard let name = unsafe current.pointee.ifa_name,
        unsafe String(cString: name) == interface,
        let address = unsafe current.pointee.ifa_addr
      else { continue }
      let family = Int32(unsafe address.pointee.sa_family)
      let length =
        family == AF_INET
        ? MemoryLayout<sockaddr_in>.size
        : family == AF_INET6 ? MemoryLayout<sockaddr_in6>.size : 0
      if length > 0, let copied = unsafe SocketAddress(copying: address, length: length) {
        found.append(copied)
      }
    }
    return found.filter { $0.family == AF_INET } + found.filter { $0.family == AF_INET6 }
  }

  /// The interface's index, or nil when there is no such interface.
  public static func index(of interface: String) -> Int? {
    let index = unsafe if_nametoindex(interface)
    return index == 0 ? nil : Int(index)
  }
}
