import ArgumentParser
import WifiRiskCore
import WifiRiskSystem

/// `wifirisk hook print|install`: connection hooks that run `wifirisk check` when the
/// machine joins a Wi-Fi network.
struct HookCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hook",
    abstract: "Print or install a connection hook that runs check on every Wi-Fi connection.",
    discussion: """
      networkmanager   a NetworkManager pre-up dispatcher script \
      (\(HookScripts.Kind.networkmanager.installPath)): NetworkManager waits for it before \
      announcing the connection; on block it disconnects the device.
      wpa_supplicant   an action script for `wpa_cli -a` \
      (\(HookScripts.Kind.wpaSupplicant.installPath)): on CONNECTED it runs check and, on \
      block, `wpa_cli disconnect`.

      Both log every decision with `logger -t wifirisk` and notify logged-in users with \
      notify-send where it is installed. A network that cannot be evaluated stays \
      connected unless the profile's on_error is "block".

      EXAMPLES:
        wifirisk hook print wpa_supplicant --profile strict
        sudo wifirisk hook install networkmanager --profile travel

      \(ExitStatus.helpSection(for: .general))
      """,
    subcommands: [Print.self, Install.self]
  )

  struct Options: ParsableArguments {
    @Argument(help: "networkmanager or wpa_supplicant")
    var kind: HookScripts.Kind

    @Option(help: "The policy profile the hook checks with.")
    var profile = "default"

    /// The script, after checking that the profile loads.
    func script() throws(Failure) -> String {
      if ProfileStore.isPath(profile) {
        throw Failure(
          message: "--profile: a hook takes a profile name, not a file; put the file in "
            + "\(ProfileStore.userDirectory(environment: Machine.environment) ?? "~/.config/wifirisk/profiles") "
            + "or /usr/local/share/wifirisk/profiles")
      }
      _ = try ProfileStore.load(profile, in: try ProfileStore.directories())
      return HookScripts.render(kind, wifirisk: Self.executable(), profile: profile)
    }

    /// The real path of the running wifirisk, so the hook runs this very program.
    static func executable() -> String {
      Machine.executablePath ?? "/usr/local/bin/wifirisk"
    }
  }

  struct Print: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "print", abstract: "Print the hook script.")

    @OptionGroup var options: Options

    func run() throws {
      Output.write(try options.script())
    }
  }

  struct Install: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "install",
      abstract: "Install the hook script (needs root) and print where it went.")

    @OptionGroup var options: Options

    @Option(
      help: ArgumentHelp(
        "Install under this folder instead of / (for packaging and tests).", valueName: "DIR"))
    var root: String?

    func run() throws {
      let script = try options.script()
      let kind = options.kind
      let prefix = root ?? ""
      if root == nil {
        guard Machine.isRoot else {
          throw Failure(
            message: "installing a hook needs root: sudo wifirisk hook install \(kind.rawValue)"
              + " --profile \(options.profile)")
        }
        guard ProfileStore.isDirectory(kind.configurationFolder) else {
          throw Failure(
            message: "\(kind.configurationFolder) does not exist: is \(kind.rawValue) installed?")
        }
      }
      let path = prefix + kind.installPath
      try AtomicFile.makeFolder(Paths.folder(of: path))
      // NetworkManager runs only scripts that are executable and writable by root alone.
      try AtomicFile.write(script, to: path, mode: 0o755)
      Output.write(path + "\n")
      Output.diagnostic(kind.nextSteps)
    }
  }
}

extension HookScripts.Kind: ExpressibleByArgument {}
