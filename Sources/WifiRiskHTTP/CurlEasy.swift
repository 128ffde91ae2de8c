import CCurl
import Glibc

// The only code of wifirisk that calls libcurl. libcurl is not linked: it is loaded on the
// first request (CurlLibrary.load), so commands that send nothing never map it.

/// Loading libcurl.
public enum CurlLibrary {
  /// Debian's libcurl4 (OpenSSL), then libcurl3-gnutls (GnuTLS): either will do.
  public static let sonames = ["libcurl.so.4", "libcurl-gnutls.so.4"]

  /// Loads libcurl from the first of `names` that opens, once per process; later calls
  /// return at once. The failure says what is missing and what to install.
  public static func load(_ names: [String] = sonames) -> Result<Void, CurlUnavailable> {
    guard !names.isEmpty else {
      return .failure(CurlUnavailable(reason: "libcurl is not installed (no library named)"))
    }
    var reason = [CChar](repeating: 0, count: 1024)
    let status = unsafe names.withCStrings { pointers, count in
      unsafe reason.withUnsafeMutableBufferPointer { buffer in
        unsafe ccurl_load(pointers, count, buffer.baseAddress, buffer.count)
      }
    }
    if status == 0 { return .success(()) }
    let text = String(
      decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return .failure(CurlUnavailable(reason: text))
  }

  /// The soname loaded, once libcurl is loaded.
  public static var loadedName: String? {
    guard let name = unsafe ccurl_library_name() else { return nil }
    return unsafe String(cString: name)
  }

  /// libcurl's version line (`libcurl/7.88.1 OpenSSL/3.0.11 ...`), once it is loaded.
  public static var version: String? {
    guard let text = unsafe ccurl_version() else { return nil }
    return unsafe String(cString: text)
  }
}

/// libcurl could not be loaded.
public struct CurlUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
  /// What the loader saw, e.g. `libcurl is not installed (libcurl.so.4: cannot open ...)`.
  public var reason: String

  public var description: String {
    "\(reason); install Debian's libcurl4 (or libcurl3-gnutls) to make HTTP requests"
  }
}

extension Array where Element == String {
  /// Calls `body` with the strings as a C array of C strings, valid for the call only.
  fileprivate func withCStrings<R>(_ body: (UnsafePointer<UnsafePointer<CChar>?>?, Int) -> R)
    -> R
  {
    let copies = unsafe map { unsafe strdup($0) }
    defer { unsafe copies.forEach { unsafe free($0) } }
    let pointers = unsafe copies.map { unsafe UnsafePointer($0) }
    return unsafe pointers.withUnsafeBufferPointer { unsafe body($0.baseAddress, $0.count) }
  }
}

/// A libcurl option that could not be set, or a handle that could not be made.
struct CurlSetupError: Error {
  var what: String
  var code: CURLcode

  var message: String {
    let text = unsafe ccurl_easy_strerror(code).map { unsafe String(cString: $0) } ?? "?"
    return "cannot set up the request (\(what): \(text))"
  }
}

/// One libcurl easy handle (`CURL *`) with what it points to: its error buffer and the
/// string lists it was given. All are freed on deinit, after the handle is.
@safe
struct CurlEasy: ~Copyable {
  private let handle: UnsafeMutableRawPointer
  /// CURLOPT_ERRORBUFFER: libcurl writes its detailed message for a failure here.
  private let errorBuffer: UnsafeMutablePointer<CChar>
  /// CURLOPT_HTTPHEADER and CURLOPT_RESOLVE lists, which libcurl does not copy.
  private var lists: [UnsafeMutablePointer<curl_slist>] = unsafe []
  /// What the callbacks are handed (unretained): kept alive until the handle is gone, since
  /// libcurl may still close a socket, and call back, in curl_easy_cleanup.
  private var contexts: [AnyObject] = []

  /// A new handle; libcurl must be loaded first.
  init() throws(CurlSetupError) {
    guard let handle = unsafe ccurl_easy_init() else {
      throw CurlSetupError(what: "curl_easy_init", code: CURLE_FAILED_INIT)
    }
    let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    unsafe buffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    let code = unsafe ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer)
    guard code == CURLE_OK else {
      unsafe ccurl_easy_cleanup(handle)
      unsafe buffer.deallocate()
      throw CurlSetupError(what: "CURLOPT_ERRORBUFFER", code: code)
    }
    unsafe self.handle = handle
    unsafe self.errorBuffer = buffer
  }

  deinit {
    unsafe ccurl_easy_cleanup(handle)
    unsafe lists.forEach { unsafe ccurl_slist_free_all($0) }
    unsafe errorBuffer.deallocate()
    withExtendedLifetime(contexts) {}
  }

  func set(_ option: CURLoption, _ value: Int, _ name: String) throws(CurlSetupError) {
    try check(unsafe ccurl_setopt_long(handle, option, value), name)
  }

  /// libcurl copies the string.
  func set(_ option: CURLoption, _ value: String, _ name: String) throws(CurlSetupError) {
    try check(unsafe ccurl_setopt_string(handle, option, value), name)
  }

  /// Sets a string option to NULL (libcurl's "none").
  func clear(_ option: CURLoption, _ name: String) throws(CurlSetupError) {
    try check(unsafe ccurl_setopt_string(handle, option, nil), name)
  }

  /// A list option (CURLOPT_HTTPHEADER, CURLOPT_RESOLVE); the list lives as long as the
  /// handle.
  mutating func set(_ option: CURLoption, list: [String], _ name: String)
    throws(CurlSetupError)
  {
    var head: UnsafeMutablePointer<curl_slist>?
    for item in list {
      guard let longer = unsafe ccurl_slist_append(head, item) else {
        unsafe ccurl_slist_free_all(head)
        throw CurlSetupError(what: name, code: CURLE_OUT_OF_MEMORY)
      }
      unsafe head = longer
    }
    guard let head = unsafe head else { return }
    unsafe lists.append(head)
    try check(unsafe ccurl_setopt_pointer(handle, option, head), name)
  }

  /// A write or header callback and the pointer it is handed back.
  mutating func set(
    function option: CURLoption, data: CURLoption,
    _ callback:
      @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?)
      -> Int,
    context: AnyObject, _ name: String
  ) throws(CurlSetupError) {
    try check(unsafe ccurl_setopt_write_function(handle, option, callback), name)
    try check(unsafe ccurl_setopt_pointer(handle, data, keep(context)), name)
  }

  /// The callbacks libcurl calls on each socket it opens (before binding and connecting it)
  /// and in place of closing one (the callback must close it).
  mutating func setSocketCallbacks(
    opened: @convention(c) (UnsafeMutableRawPointer?, curl_socket_t, curlsocktype) -> Int32,
    closing: @convention(c) (UnsafeMutableRawPointer?, curl_socket_t) -> Int32,
    context: AnyObject
  ) throws(CurlSetupError) {
    let pointer = unsafe keep(context)
    try check(unsafe ccurl_setopt_sockopt_function(handle, opened), "CURLOPT_SOCKOPTFUNCTION")
    try check(
      unsafe ccurl_setopt_pointer(handle, CURLOPT_SOCKOPTDATA, pointer), "CURLOPT_SOCKOPTDATA")
    try check(
      unsafe ccurl_setopt_closesocket_function(handle, closing), "CURLOPT_CLOSESOCKETFUNCTION")
    try check(
      unsafe ccurl_setopt_pointer(handle, CURLOPT_CLOSESOCKETDATA, pointer),
      "CURLOPT_CLOSESOCKETDATA")
  }

  /// The unretained pointer to `context` that callbacks get; `context` lives as long as the
  /// handle.
  private mutating func keep(_ context: AnyObject) -> UnsafeMutableRawPointer {
    if !contexts.contains(where: { $0 === context }) { contexts.append(context) }
    return unsafe Unmanaged.passUnretained(context).toOpaque()
  }

  /// http and https only, also for redirects (which are not followed anyway).
  func allowHTTPOnly() throws(CurlSetupError) {
    try check(unsafe ccurl_allow_http_only(handle), "CURLOPT_PROTOCOLS_STR")
  }

  /// Runs the transfer; blocks until it ends, fails or times out.
  func perform() -> CURLcode { unsafe ccurl_easy_perform(handle) }

  /// libcurl's message for the last failure: the error buffer, else the code's text.
  func message(_ code: CURLcode) -> String {
    let detailed = unsafe String(cString: errorBuffer)
    if !detailed.isEmpty { return detailed }
    return unsafe ccurl_easy_strerror(code).map { unsafe String(cString: $0) } ?? "error \(code)"
  }

  func info(long: CURLINFO) -> Int? {
    var value = 0
    return unsafe ccurl_getinfo_long(handle, long, &value) == CURLE_OK ? value : nil
  }

  func info(string: CURLINFO) -> String? {
    var value: UnsafePointer<CChar>?
    guard unsafe ccurl_getinfo_string(handle, string, &value) == CURLE_OK,
      let text = unsafe value
    else { return nil }
    return unsafe String(cString: text)
  }

  func info(offset: CURLINFO) -> Int64? {
    var value: curl_off_t = 0
    return unsafe ccurl_getinfo_off_t(handle, offset, &value) == CURLE_OK ? Int64(value) : nil
  }

  private func check(_ code: CURLcode, _ name: String) throws(CurlSetupError) {
    guard code == CURLE_OK else { throw CurlSetupError(what: name, code: code) }
  }
}
