import CSystemd
import Glibc
import WifiRiskCore

/// Why talking to the bus failed. Failures on this side (`errno`) stay apart from the error
/// replies of the other side (a D-Bus error name and its text).
public enum BusError: Error, Equatable, Sendable, CustomStringConvertible {
  /// libsystemd.so.0 could not be opened (dlerror's text).
  case libraryMissing(String)
  case symbolMissing(String)
  /// The bus could not be reached (a negative errno from sd-bus, made positive).
  case connect(errno: Int32)
  /// The call failed on this side: timed out, the connection closed.
  case call(operation: String, errno: Int32)
  /// The other side answered with an error.
  case remote(operation: String, name: String, message: String)
  /// The reply could not be read.
  case malformed(operation: String, String)

  public var description: String {
    switch self {
    case .libraryMissing(let text):
      return "libsystemd could not be loaded (\(text)); is systemd's library installed?"
    case .symbolMissing(let name):
      return "libsystemd has no \(name); it is too old for wifirisk"
    case .connect(let errno):
      return "cannot reach the system D-Bus: \(BusError.text(errno))"
    case .call(let operation, let errno):
      return "\(operation): \(BusError.text(errno))"
    case .remote(let operation, let name, let message):
      return "\(operation): \(name)" + (message.isEmpty ? "" : ": \(message)")
    case .malformed(let operation, let what):
      return "\(operation): unreadable reply: \(what)"
    }
  }

  /// True when nothing answers to the name: the service is not running.
  public var isServiceMissing: Bool {
    guard case .remote(_, let name, _) = self else { return false }
    return name == "org.freedesktop.DBus.Error.ServiceUnknown"
      || name == "org.freedesktop.DBus.Error.NameHasNoOwner"
  }

  static func text(_ errno: Int32) -> String {
    unsafe strerror(errno).map { unsafe String(cString: $0) } ?? "errno \(errno)"
  }
}

/// A connection to a D-Bus bus (`sd_bus`), closed when it goes away.
@safe
public struct BusConnection: ~Copyable {
  let raw: OpaquePointer
  let library: SDBusLibrary

  /// The system bus (`DBUS_SYSTEM_BUS_ADDRESS`, else /run/dbus/system_bus_socket).
  public init() throws(BusError) {
    let library = try SDBusLibrary.shared.get()
    var bus: OpaquePointer?
    let code = unsafe library.openSystem(&bus)
    guard code >= 0, let bus = unsafe bus else { throw .connect(errno: -code) }
    unsafe self.raw = bus
    self.library = library
  }

  /// The bus at `address` (`unix:path=...`), as a client.
  public init(address: String) throws(BusError) {
    let library = try SDBusLibrary.shared.get()
    var bus: OpaquePointer?
    var code = unsafe library.new(&bus)
    guard code >= 0, let bus = unsafe bus else { throw .connect(errno: -code) }
    code = unsafe library.setAddress(bus, address)
    if code >= 0 { code = unsafe library.setBusClient(bus, 1) }
    if code >= 0 { code = unsafe library.start(bus) }
    guard code >= 0 else {
      _ = unsafe library.flushCloseUnref(bus)
      throw .connect(errno: -code)
    }
    unsafe self.raw = bus
    self.library = library
  }

  deinit { _ = unsafe library.flushCloseUnref(raw) }

  /// Calls a method with string arguments and returns the reply's values. Never starts a
  /// service that is not running (no D-Bus activation): asking iwd must not start it.
  public func call(
    _ destination: String, _ path: String, _ interface: String, _ member: String,
    arguments: [String] = [], timeout: Duration = .seconds(2)
  ) throws(BusError) -> [BusValue] {
    let operation = "\(interface).\(member) on \(path)"
    var created: OpaquePointer?
    var code = unsafe library.newMethodCall(
      raw, &created, destination, path, interface, member)
    guard code >= 0, let created = unsafe created else {
      throw .call(operation: operation, errno: -code)
    }
    let request = unsafe BusMessage(raw: created, library: library)
    _ = unsafe library.setAutoStart(request.raw, 0)
    for argument in arguments {
      code = unsafe argument.withCString { text in
        unsafe library.appendBasic(request.raw, BusReader.code("s"), text)
      }
      guard code >= 0 else { throw .call(operation: operation, errno: -code) }
    }
    var error = unsafe sd_bus_error()
    defer { unsafe library.errorFree(&error) }
    var received: OpaquePointer?
    let parts = timeout.components
    let microseconds =
      UInt64(max(0, parts.seconds)) * 1_000_000
      + UInt64(max(0, parts.attoseconds) / 1_000_000_000_000)
    code = unsafe library.call(raw, request.raw, microseconds, &error, &received)
    if code < 0 {
      if let name = unsafe error.name {
        throw .remote(
          operation: operation, name: unsafe String(cString: name),
          message: unsafe error.message.map { unsafe String(cString: $0) } ?? "")
      }
      throw .call(operation: operation, errno: -code)
    }
    guard let received = unsafe received else {
      throw .malformed(operation: operation, "no reply message")
    }
    let reply = unsafe BusMessage(raw: received, library: library)
    do {
      return try unsafe BusReader(message: reply.raw, library: library).readAll(depth: 0)
    } catch {
      throw .malformed(operation: operation, error.what)
    }
  }
}

/// A message (`sd_bus_message`), released when it goes away.
@safe
struct BusMessage: ~Copyable {
  let raw: OpaquePointer
  let library: SDBusLibrary

  deinit { _ = unsafe library.messageUnref(raw) }
}

/// Reads a message's values into `BusValue`s, one at a time with `peek_type`, entering and
/// leaving containers. Strings are copied out at once. Nesting and size are bounded.
@safe
struct BusReader {
  struct Failure: Error {
    var what: String
  }

  let message: OpaquePointer
  let library: SDBusLibrary
  static let maximumDepth = 32
  static let maximumValues = 1 << 16

  static func code(_ character: Unicode.Scalar) -> CChar {
    CChar(bitPattern: UInt8(character.value))
  }

  /// The values left at this level.
  func readAll(depth: Int) throws(Failure) -> [BusValue] {
    var values: [BusValue] = []
    while let value = try readOne(depth: depth) {
      values.append(value)
      guard values.count <= Self.maximumValues else {
        throw Failure(what: "more than \(Self.maximumValues) values in one container")
      }
    }
    return values
  }

  /// The next value, or nil at the end of the current container.
  func readOne(depth: Int) throws(Failure) -> BusValue? {
    guard depth <= Self.maximumDepth else {
      throw Failure(what: "nested deeper than \(Self.maximumDepth)")
    }
    var type: CChar = 0
    var contentsPointer: UnsafePointer<CChar>?
    let code = unsafe library.peekType(message, &type, &contentsPointer)
    guard code >= 0 else { throw Failure(what: "peek: \(BusError.text(-code))") }
    if code == 0 { return nil }
    let contents = unsafe contentsPointer.map { unsafe String(cString: $0) }
    let kind = UInt8(bitPattern: type)
    switch kind {
    case UInt8(ascii: "a"), UInt8(ascii: "v"), UInt8(ascii: "r"), UInt8(ascii: "e"):
      try enter(type, contents)
      let inner = try readAll(depth: depth + 1)
      try leave()
      switch kind {
      case UInt8(ascii: "a"): return .array(inner)
      case UInt8(ascii: "v"):
        guard inner.count == 1 else { throw Failure(what: "a variant holds \(inner.count) values") }
        return .variant(inner[0])
      case UInt8(ascii: "e"):
        guard inner.count == 2 else {
          throw Failure(what: "a dict entry holds \(inner.count) values")
        }
        return .entry(key: inner[0], value: inner[1])
      default: return .structure(inner)
      }
    default:
      return try basic(kind, type)
    }
  }

  private func enter(_ type: CChar, _ contents: String?) throws(Failure) {
    let code: Int32
    if let contents {
      code = unsafe contents.withCString { unsafe library.enterContainer(message, type, $0) }
    } else {
      code = unsafe library.enterContainer(message, type, nil)
    }
    guard code > 0 else { throw Failure(what: "enter container: \(BusError.text(-code))") }
  }

  private func leave() throws(Failure) {
    let code = unsafe library.exitContainer(message)
    guard code >= 0 else { throw Failure(what: "exit container: \(BusError.text(-code))") }
  }

  private func read<T: BitwiseCopyable>(_ type: CChar, _ initial: T) throws(Failure) -> T {
    var value = initial
    let code = unsafe library.readBasic(message, type, &value)
    guard code > 0 else { throw Failure(what: "read: \(BusError.text(-code))") }
    return value
  }

  private func basic(_ kind: UInt8, _ type: CChar) throws(Failure) -> BusValue {
    switch kind {
    case UInt8(ascii: "y"): return .byte(try read(type, UInt8(0)))
    case UInt8(ascii: "b"): return .boolean(try read(type, Int32(0)) != 0)
    case UInt8(ascii: "n"): return .int16(try read(type, Int16(0)))
    case UInt8(ascii: "q"): return .uint16(try read(type, UInt16(0)))
    case UInt8(ascii: "i"): return .int32(try read(type, Int32(0)))
    case UInt8(ascii: "u"): return .uint32(try read(type, UInt32(0)))
    case UInt8(ascii: "x"): return .int64(try read(type, Int64(0)))
    case UInt8(ascii: "t"): return .uint64(try read(type, UInt64(0)))
    case UInt8(ascii: "d"): return .double(try read(type, Double(0)))
    case UInt8(ascii: "h"):
      _ = try read(type, Int32(0))  // the descriptor stays the message's; never kept
      return .unixFD
    case UInt8(ascii: "s"), UInt8(ascii: "o"), UInt8(ascii: "g"):
      let pointer: UnsafePointer<CChar>? = try unsafe read(type, nil)
      guard let pointer = unsafe pointer else { throw Failure(what: "a null string") }
      let text = unsafe String(cString: pointer)
      switch kind {
      case UInt8(ascii: "s"): return .string(text)
      case UInt8(ascii: "o"): return .objectPath(text)
      default: return .signature(text)
      }
    default:
      throw Failure(what: "unknown type code \(kind)")
    }
  }
}
