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
      iwd              an action script for `wifirisk watch` \
      (\(HookScripts.Kind.iwd.installPath)), and the service that runs it, \
      \(HookScripts.watchUnitName) (the package's unit for /usr/bin/wifirisk, else one \
      written to \(HookScripts.watchUnitPath)), enabled and started: watch hears of every new \
      connection from the kernel, whichever program made it, and on block disconnects \
      through the program that manages the interface (iwd, NetworkManager, wpa_supplicant).
      networkmanager   a NetworkManager pre-up dispatcher script \
      (\(HookScripts.Kind.networkmanager.installPath)): NetworkManager waits for it before \
      announcing the connection; on block it disconnects the device.
      wpa_supplicant   an action script for `wpa_cli -a` \
      (\(HookScripts.Kind.wpaSupplicant.installPath)): on CONNECTED it runs check and, on \
      block, `wpa_cli disconnect`.

      Each runs `wifirisk check --current` when the machine joins a Wi-Fi network, as the \
      user nobody (no privilege, a clean environment), for at most --time-limit seconds. \
      It logs every decision with journal fields (WIFIRISK_ACTION, WIFIRISK_SSID_HEX, \
      WIFIRISK_BSSID, WIFIRISK_SECURITY, ...; `logger --journald`, or plain syslog without \
      systemd-journald), disconnects on block, and notifies logged-in users on warn and \
      block (notify-send, where installed). A network that cannot be evaluated stays \
      connected unless the profile's on_error is "block"; when check gives no answer \
      within the time limit, the profile's on_error (as it was at install time) decides.

      A hook undoes a join; it cannot prevent one: the interface is on the network for \
      the seconds the check takes.

      The check, running as nobody, reads only the installed profiles (or \
      $WIFIRISK_PROFILES_DIR as it is when the hook is installed), not a user's own.

      EXAMPLES:
        wifirisk hook print wpa_supplicant --profile strict
        sudo wifirisk hook install networkmanager --profile travel

      \(ExitStatus.helpSection(for: .general))
      """,
    subcommands: [Print.self, Install.self]
  )

  struct Options: ParsableArguments {
    @Argument(help: "networkmanager, wpa_supplicant or iwd")
    var kind: HookScripts.Kind

    @Option(help: "The policy profile the hook checks with.")
    var profile = "default"

    @Option(
      help: ArgumentHelp(
        "Seconds the check may take before the profile's on_error decides.",
        valueName: "SECONDS"))
    var timeLimit = HookScripts.defaultTimeLimit

    func validate() throws {
      guard (1...300).contains(timeLimit) else {
        throw ValidationError("--time-limit must be between 1 and 300 seconds.")
      }
    }

    /// The script, after checking that the profile loads the way the hook's check will load
    /// it: from the installed profiles only (the check runs as nobody, with a clean
    /// environment).
    func script() throws(Failure) -> String {
      let environment = Machine.environment
      if ProfileStore.isPath(profile) {
        throw Failure(
          message: "--profile: a hook takes a profile name, not a file; put the file in "
            + "/usr/local/share/wifirisk/profiles")
      }
      var directories = try ProfileStore.directories(environment: environment)
      directories.user = nil
      let policy: PolicyProfile
      do {
        policy = try ProfileStore.load(profile, in: directories)
      } catch {
        let all = try ProfileStore.directories(environment: environment)
        if ProfileStore.find(profile, in: all, includeUser: true) != nil {
          throw Failure(
            message: "--profile \(profile): the hook's check runs as nobody and reads only the "
              + "installed profiles (\(directories.shipped ?? ProfileStore.installedDirectories[0])); "
              + "\(profile) is not among them: copy it there")
        }
        throw error
      }
      let configured = environment["WIFIRISK_PROFILES_DIR"].flatMap { $0.isEmpty ? nil : $0 }
      return HookScripts.render(
        kind,
        HookScripts.Settings(
          wifirisk: Self.executable(), profile: profile, onError: policy.onError,
          timeLimit: timeLimit, profilesDirectory: configured))
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
        guard kind.installedPaths.contains(where: FileReader.exists) else {
          throw Failure(
            message: "\(kind.installedPaths[0]) does not exist: is \(kind.rawValue) installed?")
        }
      }
      let path = prefix + kind.installPath
      try AtomicFile.makeFolder(Paths.folder(of: path))
      // NetworkManager runs only scripts that are executable and writable by root alone.
      try AtomicFile.write(script, to: path, mode: 0o755)
      Output.write(path + "\n")
      if kind == .iwd { try installWatchUnit(prefix: prefix) }
      Output.diagnostic(kind.nextSteps)
    }

    /// The service that runs `wifirisk watch`. The package ships its unit, for
    /// /usr/bin/wifirisk; any other wifirisk gets a unit of its own in /etc/systemd/system.
    /// On a machine running systemd (and without --root), the unit is then enabled and
    /// (re)started, so that it reads the new action script.
    func installWatchUnit(prefix: String) throws(Failure) {
      let wifirisk = Options.executable()
      let packaged = HookScripts.packagedWatchUnitPaths.first { FileReader.exists(prefix + $0) }
      if wifirisk == HookScripts.packagedExecutable, let packaged {
        Output.write(prefix + packaged + "\n")
      } else {
        let path = prefix + HookScripts.watchUnitPath
        try AtomicFile.makeFolder(Paths.folder(of: path))
        try AtomicFile.write(HookScripts.watchUnit(wifirisk: wifirisk), to: path, mode: 0o644)
        Output.write(path + "\n")
      }
      guard prefix.isEmpty, FileReader.exists("/run/systemd/system") else { return }
      let systemctl = ["/usr/bin/systemctl", "/bin/systemctl"].first(where: FileReader.exists)
      guard let systemctl else {
        throw Failure(message: "systemd runs, but systemctl was not found in /usr/bin or /bin")
      }
      for arguments in [
        ["daemon-reload"], ["enable", HookScripts.watchUnitName],
        ["restart", HookScripts.watchUnitName],
      ] {
        let status = try Machine.run(systemctl, arguments)
        guard status == 0 else {
          throw Failure(
            message: "systemctl \(arguments.joined(separator: " ")) failed with status \(status)")
        }
      }
    }
  }
}

extension HookScripts.Kind: ExpressibleByArgument {}
