import ArgumentParser

/// The `wifirisk` command: its subcommands live in `Commands/`, one file each.
public struct WifiRiskCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "wifirisk",
    abstract: "Tells whether a Wi-Fi network is safe to join, before your device joins it.",
    version: WifiRiskVersion.current,
    subcommands: [ReviewCommand.self, DebugCommand.self]
  )

  public init() {}
}

public enum WifiRiskVersion {
  public static let current = "0.1.0"
}
