import Testing

/// What the dynamic loader maps for a command, from its own trace (`LD_DEBUG=files`): libpcap
/// only once a capture is read, and never libcurl unless a request is made.
@Suite struct LoadedLibrariesTests {
  /// The names of the libraries the loader mapped: at start, and by dlopen.
  static func loaded(_ arguments: [String]) throws -> (start: [String], opened: [String]) {
    let result = try Runner.run(arguments, environment: ["NO_COLOR": "1", "LD_DEBUG": "files"])
    #expect(result.status == 0, "\(arguments): \(result.err.suffix(500))")
    var start: [String] = []
    var opened: [String] = []
    var dlopened = false
    for line in result.err.split(separator: "\n") {
      guard let file = line.firstRange(of: "file="), line.contains(" [0];") else { continue }
      let name = line[file.upperBound...].prefix { $0 != " " }
      if line.contains("dynamically loaded by") { dlopened = true }
      guard line.contains("needed by") || line.contains("dynamically loaded by") else { continue }
      if dlopened { opened.append(String(name)) } else { start.append(String(name)) }
    }
    return (start, opened)
  }

  @Test(arguments: [
    ["--version"], ["review", "fixtures/synthetic/security-matrix.json", "--format", "json"],
  ])
  func noCaptureNoLibpcap(_ arguments: [String]) throws {
    let (start, opened) = try Self.loaded(arguments)
    #expect(!start.isEmpty, "the trace names what the executable needs")
    for name in start + opened {
      #expect(!name.hasPrefix("libpcap"), "\(name) mapped by \(arguments)")
      #expect(!name.hasPrefix("libcurl"), "\(name) mapped by \(arguments)")
    }
  }

  @Test func aCaptureLoadsLibpcapWhenItIsRead() throws {
    let (start, opened) = try Self.loaded([
      "review", "fixtures/lab/captures/lab.pcap", "--format", "json",
    ])
    #expect(!start.contains { $0.hasPrefix("libpcap") })
    #expect(opened.first?.hasPrefix("libpcap.so") == true, "\(opened)")
  }
}
