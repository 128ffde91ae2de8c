import ArgumentParser
import WifiRiskCore
import WifiRiskSystem

/// `wifirisk profiles list|show`: the policy profiles `check` can use.
struct ProfilesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "profiles",
    abstract: "List the policy profiles, or show what one decides.",
    discussion: """
      Shipped profiles come from the first of $WIFIRISK_PROFILES_DIR, \
      /usr/local/share/wifirisk/profiles, /usr/share/wifirisk/profiles and the profiles/ \
      folder beside the wifirisk build. Your own, in $XDG_CONFIG_HOME/wifirisk/profiles \
      (~/.config/wifirisk/profiles), add new names or replace shipped ones; one may build \
      on the shipped profile of its own name with `extends`.

      EXAMPLES:
        wifirisk profiles list
        wifirisk profiles show strict

      \(ExitStatus.helpSection(for: .general))
      """,
    subcommands: [List.self, Show.self],
    defaultSubcommand: List.self
  )

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the profiles, with where each comes from.")

    func run() throws {
      let directories = try ProfileStore.directories()
      let entries = ProfileStore.list(in: directories)
      var out = ""
      if entries.isEmpty {
        out += "No profiles found.\n"
      }
      let width = entries.map(\.source.name.count).max() ?? 0
      for entry in entries {
        let name = entry.source.name
        out += name + String(repeating: " ", count: width - name.count) + "  "
        if entry.problem != nil {
          out += "(cannot be used: see below)\n"
        } else {
          out += (entry.description.map { DisplayText.escape(Array($0.utf8)) } ?? "") + "\n"
        }
        out +=
          String(repeating: " ", count: width) + "  \(entry.source.kind.rawValue): "
          + "\(entry.source.path)\n"
      }
      out += "\nshipped: \(directories.shipped ?? "none found (set WIFIRISK_PROFILES_DIR)")\n"
      out += "yours:   \(directories.user ?? "none (HOME is not set)")\n"
      Output.write(out)
      let problems = entries.compactMap(\.problem)
      for problem in problems { Output.diagnostic(problem) }
      if !problems.isEmpty { throw ExitStatus.failure.code }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Print a profile's effective settings (after extends), with their origins.")

    @Argument(help: "The profile: a name, or a path to a .toml file.")
    var name: String

    func run() throws {
      let profile = try ProfileStore.load(name, in: try ProfileStore.directories())
      Output.write(profile.renderedTOML())
    }
  }
}
