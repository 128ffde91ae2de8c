import Foundation
import TestSupport
import Testing
import WifiRiskCore

@testable import WifiRiskSystem

/// The data files beside the profiles: read into the rating options, with a note for every
/// file that is missing or has lines that do not read, never silence. (Part of the file
/// layer's suite, whose scratch folder it uses.)
extension FilesTests {
  @Test func theRepositoryDataFilesLoadWithoutNotes() {
    let loaded = DataFiles.load(environment: [
      "WIFIRISK_PROFILES_DIR": Repository.url("profiles").path
    ])
    #expect(loaded.notes.isEmpty, "\(loaded.notes)")
    // The same list the compiled-in copy holds, and the one other code asks (FactoryNames).
    #expect(loaded.options.factoryNames == FactoryNames.shipped)
    #expect(loaded.options.factoryNames.entries.count > 150)
    #expect(!loaded.options.deviceSSIDs.isEmpty)
    #expect(!loaded.options.publicSSIDPatterns.isEmpty)
  }

  @Test func aFolderWithoutTheListsNamesEachAndUsesTheBuiltInOnes() {
    defer { cleanUp() }
    let loaded = DataFiles.load(environment: ["WIFIRISK_PROFILES_DIR": folder])
    for file in ["public-ssids.txt", "factory-ssids.txt", "device-ssids.txt"] {
      #expect(
        loaded.notes.contains { $0.hasPrefix("\(folder)/\(file) is missing") }, "\(loaded.notes)")
    }
    #expect(loaded.options.factoryNames == FactoryNames.shipped)
    #expect(loaded.options.factoryNames.isFactoryName(Array("SKY12345".utf8)))
  }

  @Test func aLineThatDoesNotReadIsNamedAndLeftOut() throws {
    defer { cleanUp() }
    try "# test\nMyRouter-#### | Test | derivable-key\nBroken | Test\n".write(
      toFile: folder + "/factory-ssids.txt", atomically: true, encoding: .utf8)
    let loaded = DataFiles.load(environment: ["WIFIRISK_PROFILES_DIR": folder])
    #expect(
      loaded.notes.contains {
        $0.hasPrefix("\(folder)/factory-ssids.txt:3: ") && $0.hasSuffix("the line is left out")
      }, "\(loaded.notes)")
    #expect(loaded.options.factoryNames.entries.map(\.pattern) == ["MyRouter-####"])
    #expect(loaded.options.factoryNames.match(Array("MyRouter-1234".utf8))?.who == "Test")
    #expect(!loaded.options.factoryNames.isFactoryName(Array("SKY12345".utf8)))
  }
}
