// http-check: one GET through WifiRiskHTTP in a process of its own, for the tests that need
// a fresh process (is libcurl mapped before the first request? what does a process without
// libcurl say?) and for measuring what a binary with WifiRiskHTTP maps at start.
//
//   http-check [--library SONAME] [--ca FILE] [--timeout MS] URL
//
// --library loads libcurl from that name instead of the usual ones. Prints, one per line:
// "before: libcurl mapped=no, N shared objects", then "reply: STATUS BYTES" or "failure: ...",
// then "after: libcurl mapped=yes, N shared objects". Exits 0 on a reply, 1 on a failure, 64
// on bad usage.
import Glibc
import WifiRiskCore
import WifiRiskHTTP

/// The shared objects this process has mapped, from /proc/self/maps.
func sharedObjects() -> [String] {
  guard let file = unsafe fopen("/proc/self/maps", "r") else { return [] }
  defer { unsafe fclose(file) }
  var found: Set<String> = []
  var line = [CChar](repeating: 0, count: 4096)
  while unsafe fgets(&line, Int32(line.count), file) != nil {
    let text = String(
      decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard let path = text.split(separator: " ", omittingEmptySubsequences: true).last,
      path.hasPrefix("/"), path.contains(".so")
    else { continue }
    found.insert(String(path.trimmingCharacters(in: "\n")))
  }
  return found.sorted()
}

func report(_ label: String) {
  let objects = sharedObjects()
  let curl = objects.contains { $0.contains("libcurl") }
  print("\(label): libcurl mapped=\(curl ? "yes" : "no"), \(objects.count) shared objects")
}

extension Substring {
  func trimmingCharacters(in characters: String) -> Substring {
    var text = self
    while let last = text.last, characters.contains(last) { text = text.dropLast() }
    return text
  }
}

var arguments = Array(CommandLine.arguments.dropFirst())
var library: String?
var caFile: String?
var timeout = Duration.seconds(5)
var url: ProbeURL?
while !arguments.isEmpty {
  let argument = arguments.removeFirst()
  switch argument {
  case "--library": library = arguments.isEmpty ? nil : arguments.removeFirst()
  case "--ca": caFile = arguments.isEmpty ? nil : arguments.removeFirst()
  case "--timeout":
    timeout = .milliseconds(Int(arguments.isEmpty ? "" : arguments.removeFirst()) ?? 5000)
  default: url = ProbeURL.parse(argument)
  }
}
guard let url else {
  print("usage: http-check [--library SONAME] [--ca FILE] [--timeout MS] URL")
  exit(64)
}

report("before")
let result = HTTPClient.get(
  HTTPRequest(url: url, connectTimeout: timeout, timeout: timeout, caFile: caFile),
  libraries: library.map { [$0] } ?? CurlLibrary.sonames)
switch result {
case .success(let reply): print("reply: \(reply.status) \(reply.body.count)")
case .failure(let failure): print("failure: \(failure)")
}
report("after")
if case .failure = result { exit(1) }
