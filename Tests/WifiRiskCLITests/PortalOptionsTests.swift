import Testing
import WifiRiskCore

@testable import WifiRiskCLI

/// `--probe-url` and the portal lines of `now`.
@Suite struct PortalOptionsTests {
  @Test func probeURLReplacesTheProfilesURLs() throws {
    let options = try PortalOptions.parse(["--probe-url", "http://127.0.0.1:9/x"])
    let settings = options.settings(.defaults)
    #expect(settings.urls.map(\.description) == ["http://127.0.0.1:9/x"])
    #expect(settings.enabled)
  }

  @Test func theTextSaysWhereToSignInAndWhatToDo() {
    let report = PortalReport(
      state: .captive, portalURL: "http://192.0.2.1/login\u{1B}[2J", probeURL: "http://p/",
      httpStatus: 302)
    let lines = PortalText.lines(report, open: true, output: Output(colour: false), verbose: false)
    #expect(
      lines[0]
        == "  Portal:     captive portal: sign in at http://192.0.2.1/login\\x1b[2J (HTTP 302 from http://p/)"
    )
    #expect(lines[1].hasPrefix("    What to do: Sign in through the portal"))
    #expect(lines[1].contains("use a VPN"))
  }

  @Test(arguments: [
    ["--probe-url", "https://example.net/"], ["--probe-url", "example.net"],
    ["--no-probe", "--probe-url", "http://example.net/"],
  ])
  func badProbeOptionsAreUsageErrors(_ arguments: [String]) {
    #expect(throws: (any Error).self) { try PortalOptions.parse(arguments) }
  }
}
