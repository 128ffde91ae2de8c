import CSystemd
import Glibc

/// sd-bus, from libsystemd.so.0, opened with dlopen the first time something talks to the
/// bus. wifirisk does not link libsystemd: a run that never asks iwd never maps it, and a
/// machine without it still runs everything else.
@safe
struct SDBusLibrary: @unchecked Sendable {
  let openSystem: wifirisk_sd_bus_open_system
  let new: wifirisk_sd_bus_new
  let setAddress: wifirisk_sd_bus_set_address
  let setBusClient: wifirisk_sd_bus_set_bus_client
  let start: wifirisk_sd_bus_start
  let flushCloseUnref: wifirisk_sd_bus_flush_close_unref
  let newMethodCall: wifirisk_sd_bus_message_new_method_call
  let setAutoStart: wifirisk_sd_bus_message_set_auto_start
  let appendBasic: wifirisk_sd_bus_message_append_basic
  let call: wifirisk_sd_bus_call
  let messageUnref: wifirisk_sd_bus_message_unref
  let peekType: wifirisk_sd_bus_message_peek_type
  let readBasic: wifirisk_sd_bus_message_read_basic
  let enterContainer: wifirisk_sd_bus_message_enter_container
  let exitContainer: wifirisk_sd_bus_message_exit_container
  let skip: wifirisk_sd_bus_message_skip
  let errorFree: wifirisk_sd_bus_error_free

  static let soname = "libsystemd.so.0"

  /// Opened once, on first use (a static is initialised lazily and only once).
  static let shared: Result<SDBusLibrary, BusError> = load()

  static func load() -> Result<SDBusLibrary, BusError> {
    guard let handle = unsafe dlopen(soname, RTLD_NOW | RTLD_LOCAL) else {
      return .failure(
        .libraryMissing(unsafe dlerror().map { unsafe String(cString: $0) } ?? soname))
    }
    // The handle stays open for the life of the process: the functions point into it.
    func symbol<T>(_ name: String, _ type: T.Type) throws(BusError) -> T {
      guard let address = unsafe dlsym(handle, name) else { throw .symbolMissing(name) }
      return unsafe unsafeBitCast(address, to: type)
    }
    do {
      return unsafe .success(
        SDBusLibrary(
          openSystem: try symbol("sd_bus_open_system", wifirisk_sd_bus_open_system.self),
          new: try symbol("sd_bus_new", wifirisk_sd_bus_new.self),
          setAddress: try symbol("sd_bus_set_address", wifirisk_sd_bus_set_address.self),
          setBusClient: try symbol("sd_bus_set_bus_client", wifirisk_sd_bus_set_bus_client.self),
          start: try symbol("sd_bus_start", wifirisk_sd_bus_start.self),
          flushCloseUnref: try symbol(
            "sd_bus_flush_close_unref", wifirisk_sd_bus_flush_close_unref.self),
          newMethodCall: try symbol(
            "sd_bus_message_new_method_call", wifirisk_sd_bus_message_new_method_call.self),
          setAutoStart: try symbol(
            "sd_bus_message_set_auto_start", wifirisk_sd_bus_message_set_auto_start.self),
          appendBasic: try symbol(
            "sd_bus_message_append_basic", wifirisk_sd_bus_message_append_basic.self),
          call: try symbol("sd_bus_call", wifirisk_sd_bus_call.self),
          messageUnref: try symbol("sd_bus_message_unref", wifirisk_sd_bus_message_unref.self),
          peekType: try symbol("sd_bus_message_peek_type", wifirisk_sd_bus_message_peek_type.self),
          readBasic: try symbol(
            "sd_bus_message_read_basic", wifirisk_sd_bus_message_read_basic.self),
          enterContainer: try symbol(
            "sd_bus_message_enter_container", wifirisk_sd_bus_message_enter_container.self),
          exitContainer: try symbol(
            "sd_bus_message_exit_container", wifirisk_sd_bus_message_exit_container.self),
          skip: try symbol("sd_bus_message_skip", wifirisk_sd_bus_message_skip.self),
          errorFree: try symbol("sd_bus_error_free", wifirisk_sd_bus_error_free.self)))
    } catch {
      return .failure(error)
    }
  }
}
