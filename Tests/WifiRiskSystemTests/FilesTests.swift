import Foundation
import Testing
import WifiRiskSyscalls

@testable import WifiRiskSystem

/// The file layer every read and write goes through: whole or unchanged writes, refusals
/// that name the file, and the small readers of /proc and /sys.
@Suite struct FilesTests {
  let folder: String

  init() throws {
    folder = NSTemporaryDirectory() + "wifirisk-files-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  }

  func cleanUp() { try? FileManager.default.removeItem(atPath: folder) }

  @Test func anAtomicWriteLeavesOnlyTheFileWithItsMode() throws {
    defer { cleanUp() }
    let path = folder + "/hook"
    try AtomicFile.write("#!/bin/sh\n", to: path, mode: 0o755)
    try AtomicFile.write("#!/bin/sh\nexit 0\n", to: path, mode: 0o755)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "#!/bin/sh\nexit 0\n")
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o755)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["hook"])
  }

  @Test func aWriteThatCannotFinishLeavesTheOldFile() throws {
    defer { cleanUp() }
    let path = folder + "/state.json"
    try AtomicFile.write("old", to: path)
    // The temporary file's name is taken by a folder: the write fails before the rename.
    try FileManager.default.createDirectory(
      atPath: "\(path).tmp-\(getpid())", withIntermediateDirectories: false)
    #expect(throws: Failure.self) { try AtomicFile.write("new", to: path) }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
  }

  @Test func aMissingFolderIsNamed() {
    defer { cleanUp() }
    #expect {
      try AtomicFile.write("x", to: folder + "/no/such/file")
    } throws: { error in
      (error as? Failure)?.message.contains("the folder \(folder)/no/such does not exist") == true
    }
  }

  @Test func makeFolderCreatesTheParents() throws {
    defer { cleanUp() }
    try AtomicFile.makeFolder(folder + "/a/b/c", mode: 0o700)
    #expect(FileReader.isFolder(folder + "/a/b/c"))
  }

  @Test func readsAreRefusedWithTheReasonAndTheFile() throws {
    defer { cleanUp() }
    let big = folder + "/big"
    try Data(count: 2048).write(to: URL(fileURLWithPath: big))
    let fifo = folder + "/fifo"
    #expect(unsafe mkfifo(fifo, 0o600) == 0)
    let cases: [(String, Int, String)] = [
      (folder + "/missing", 1 << 20, "\(folder)/missing: no such file"),
      (folder, 1 << 20, "\(folder): is a directory"),
      (fifo, 1 << 20, "\(fifo): not a regular file"),
      (big, 1024, "\(big): larger than 1 KiB; refusing to read it"),
    ]
    for (path, limit, message) in cases {
      #expect {
        _ = try FileReader.bytes(path, limit: limit)
      } throws: { error in
        (error as? Failure)?.message == message
      }
    }
    #expect(try FileReader.bytes(big, limit: 1024, prefix: 16).count == 16)
    #expect(try FileReader.bytes(big, limit: 4096).count == 2048)
  }

  @Test func textMustBeUTF8() throws {
    defer { cleanUp() }
    let path = folder + "/latin1.toml"
    try Data([0x6E, 0x61, 0x6D, 0x65, 0xE9]).write(to: URL(fileURLWithPath: path))
    #expect {
      _ = try FileReader.text(path, limit: 100)
    } throws: { error in
      (error as? Failure)?.message == "\(path): not UTF-8 text"
    }
  }

  @Test func theSmallReadersOfProcAndSys() {
    #expect(Syscalls.readSmallText("/proc/self/status")?.contains("Name:") == true)
    #expect(Syscalls.readSmallText("/no/such/file") == nil)
    #expect(Syscalls.directoryEntries("/proc/self").contains("status"))
    #expect(Syscalls.directoryEntries("/no/such/dir").isEmpty)
  }

  @Test func pathsAreSplitWithoutTouchingTheDisk() {
    #expect(Paths.folder(of: "/a/b/c") == "/a/b")
    #expect(Paths.folder(of: "/c") == "/")
    #expect(Paths.folder(of: "c") == ".")
    #expect(Paths.lastComponent(of: "/a/b/c.toml") == "c.toml")
  }
}
