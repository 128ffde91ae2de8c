import WifiRiskCore
import WifiRiskSystem

/// The connection hooks `wifirisk hook print|install` writes: one shell body that judges the
/// connection and acts on the verdict, after a part of its own for each network stack (when
/// it runs, which interface, how to disconnect).
///
/// The placeholders `@NAME@` are replaced when a hook is rendered: the settings (each
/// single-quoted for sh) and the exit statuses of `wifirisk check`, from `ExitStatus`, the
/// one table of them.
enum HookScripts {
  enum Kind: String, CaseIterable {
    case networkmanager
    case wpaSupplicant = "wpa_supplicant"
    /// iwd has no hook scripts of its own: `wifirisk watch` (a service) runs this one for
    /// every new connection, under any connection manager.
    case iwd

    /// Where `hook install` puts the script.
    var installPath: String {
      switch self {
      case .networkmanager: "/etc/NetworkManager/dispatcher.d/pre-up.d/90-wifirisk"
      case .wpaSupplicant: "/etc/wpa_supplicant/wifirisk-action.sh"
      case .iwd: "/etc/wifirisk/watch-action.sh"
      }
    }

    /// Paths of which one shows the program is installed.
    var installedPaths: [String] {
      switch self {
      case .networkmanager: ["/etc/NetworkManager"]
      case .wpaSupplicant: ["/etc/wpa_supplicant"]
      case .iwd: ["/usr/libexec/iwd", "/usr/lib/iwd/iwd"]
      }
    }

    /// What to do after installing.
    var nextSteps: String {
      switch self {
      case .networkmanager:
        "NetworkManager runs it for every Wi-Fi connection from now on (its dispatcher "
          + "service must be enabled: systemctl enable --now NetworkManager-dispatcher)."
      case .wpaSupplicant:
        "Start it with wpa_supplicant's event listener, for each interface:\n"
          + "  wpa_cli -i wlan0 -a \(installPath) -B"
      case .iwd:
        "`wifirisk watch` runs it for every new Wi-Fi connection, as the service "
          + "\(HookScripts.watchUnitName) (enabled and started where systemd runs; see "
          + "systemctl status \(HookScripts.watchUnitName))"
      }
    }

    /// The part of the script before the shared body: what the hook is, and the lines that
    /// set `iface` (or exit when the event is not a new Wi-Fi connection) and define
    /// `disconnect`.
    var stackPart: String {
      switch self {
      case .networkmanager: HookScripts.networkManagerPart
      case .wpaSupplicant: HookScripts.wpaSupplicantPart
      case .iwd: HookScripts.watchPart
      }
    }
  }

  /// What a hook is made with.
  struct Settings {
    /// The wifirisk executable the hook runs.
    var wifirisk: String
    var profile: String
    /// The profile's `on_error`, for when wifirisk gives no verdict at all.
    var onError: OnError
    /// Seconds `check` may take before the hook stops waiting for it.
    var timeLimit: Int
    /// `WIFIRISK_PROFILES_DIR` for the check, when profiles came from there at install time.
    var profilesDirectory: String?
    /// The unprivileged user the check runs as.
    var checkUser = "nobody"
  }

  static let defaultTimeLimit = 15

  static func render(_ kind: Kind, _ settings: Settings) -> String {
    let values: [(String, String)] = [
      ("@KIND@", kind.rawValue),
      ("@WIFIRISK@", shellQuoted(settings.wifirisk)),
      ("@PROFILE@", shellQuoted(settings.profile)),
      ("@ON_ERROR@", settings.onError.rawValue),
      ("@TIME_LIMIT@", String(settings.timeLimit)),
      ("@PROFILES_DIR@", shellQuoted(settings.profilesDirectory ?? "")),
      ("@CHECK_USER@", shellQuoted(settings.checkUser)),
      ("@STATUS_ALLOW@", String(ExitStatus.of(.allow).rawValue)),
      ("@STATUS_WARN@", String(ExitStatus.of(.warn).rawValue)),
      ("@STATUS_BLOCK@", String(ExitStatus.of(.block).rawValue)),
    ]
    var text = kind.stackPart + settingsPart + body
    for (placeholder, value) in values {
      text = text.replacing(placeholder, with: value)
    }
    return text
  }

  /// Single quotes for sh: nothing inside is special except the quote itself.
  static func shellQuoted(_ text: String) -> String {
    "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''")
      + "'"
  }

  static let networkManagerPart = #"""
    #!/bin/sh
    # wifirisk pre-up hook for NetworkManager, written by `wifirisk hook install networkmanager`.
    #
    # NetworkManager runs the scripts in dispatcher.d/pre-up.d once a device has associated
    # (and got its addresses) and waits for them before it announces the connection; it
    # ignores their exit status. On block this hook disconnects the device with
    # `nmcli device disconnect`, which also keeps NetworkManager from joining again on its
    # own until someone connects by hand. It cannot stop the association itself: for the
    # seconds the check takes, the device is on the network.

    # pre-up also runs for lo and wired devices: only Wi-Fi interfaces are judged.
    iface=${DEVICE_IFACE:-$1}
    [ "${NM_DISPATCHER_ACTION:-$2}" = pre-up ] || exit 0
    SYSFS_NET=/sys/class/net
    [ -n "$iface" ] && [ -d "$SYSFS_NET/$iface/wireless" ] || exit 0

    disconnect() {
      timeout 20 nmcli device disconnect "$iface"
    }

    """#

  static let wpaSupplicantPart = #"""
    #!/bin/sh
    # wifirisk action script for wpa_supplicant, written by
    # `wifirisk hook install wpa_supplicant`. Run it with wpa_supplicant's event listener:
    #   wpa_cli -i wlan0 -a /etc/wpa_supplicant/wifirisk-action.sh -B
    #
    # wpa_cli calls it as `SCRIPT IFNAME CONNECTED|DISCONNECTED` once the connection is up
    # (after the key handshake). On block it tells wpa_supplicant to disconnect, and
    # wpa_supplicant stays disconnected until `wpa_cli reconnect`. It cannot stop the
    # association itself: for the seconds the check takes, the interface is on the network.

    iface=$1
    [ "$2" = CONNECTED ] || exit 0

    disconnect() {
      # wpa_cli passes its control folder to action scripts in WPA_CTRL_DIR.
      timeout 20 wpa_cli ${WPA_CTRL_DIR:+-p "$WPA_CTRL_DIR"} -i "$iface" disconnect
    }

    """#

  static let watchPart = #"""
    #!/bin/sh
    # wifirisk action script for `wifirisk watch`, written by `wifirisk hook install iwd`.
    # The service wifirisk-watch runs `wifirisk watch`, which hears from the kernel about
    # every new connection (nl80211's connect and roam events), whichever program made it
    # (iwd, wpa_supplicant, NetworkManager), and runs this script as
    # `SCRIPT IFNAME CONNECTED`, at association time. On block the script has
    # `wifirisk watch --disconnect` end the connection through the program that manages the
    # interface (iwd's Station.Disconnect, NetworkManager's Device.Disconnect, or
    # wpa_supplicant's DISCONNECT), which then does not join it again on its own. It cannot
    # stop the association itself: for the seconds the check takes, the interface is on the
    # network.

    iface=$1
    [ "$2" = CONNECTED ] || exit 0

    disconnect() {
      timeout 20 "$WIFIRISK" watch --disconnect "$iface"
    }

    """#

  /// The systemd unit of `wifirisk watch`; `systemd/wifirisk-watch.service` in the source
  /// tree is this unit for the packaged wifirisk (/usr/bin/wifirisk), which the package
  /// installs in /lib/systemd/system.
  static let watchUnitName = "wifirisk-watch.service"
  static let watchUnitPath = "/etc/systemd/system/wifirisk-watch.service"
  static let packagedExecutable = "/usr/bin/wifirisk"
  static let packagedWatchUnitPaths = [
    "/lib/systemd/system/wifirisk-watch.service", "/usr/lib/systemd/system/wifirisk-watch.service",
  ]

  static func watchUnit(wifirisk: String) -> String {
    #"""
    # wifirisk-watch: judges every new Wi-Fi connection, whichever program makes it, and
    # disconnects the ones the profile blocks. `wifirisk hook install iwd` writes the action
    # script it runs (and, for a wifirisk not installed as a package, this unit to
    # /etc/systemd/system).
    [Unit]
    Description=wifirisk: judge every new Wi-Fi connection
    Documentation=man:wifirisk.watch(1)
    ConditionPathExists=/etc/wifirisk/watch-action.sh
    After=dbus.service
    Before=network.target

    [Service]
    Type=simple
    ExecStart=\#(wifirisk) watch --action /etc/wifirisk/watch-action.sh
    Restart=on-failure
    RestartSec=2
    # The action judges as nobody (setpriv); the service keeps root for the disconnect
    # (D-Bus calls to iwd or NetworkManager, wpa_supplicant's control socket) and to reach
    # the logged-in users' notification buses. No PrivateTmp: wpa_supplicant answers on a
    # socket wifirisk binds under /tmp.
    ProtectSystem=full
    ProtectHome=read-only
    ProtectKernelTunables=yes
    ProtectControlGroups=yes
    RestrictAddressFamilies=AF_UNIX AF_NETLINK AF_INET AF_INET6
    LockPersonality=yes
    MemoryDenyWriteExecute=yes

    [Install]
    WantedBy=multi-user.target

    """#
  }

  static let settingsPart = #"""
    # `wifirisk check --current` judges the network $iface just joined, under PROFILE, as the
    # unprivileged CHECK_USER (it reads the kernel's cached scan, which needs no privilege;
    # only the disconnect runs as root), for at most TIME_LIMIT seconds. Then:
    #   allow    logs the decision
    #   warn     logs it and notifies the logged-in users (notify-send, where installed)
    #   block    logs it, disconnects and notifies
    #   not evaluated (no scan, not connected...): the profile's on_error has decided; with
    #            "report" the hook logs it and leaves the connection up
    # When check gives no verdict at all (it did not answer within TIME_LIMIT seconds, or
    # could not run), ON_ERROR decides in its place: block, allow, or report (log only).
    #
    # Every decision is logged with fields log pipelines can index (WIFIRISK_ACTION,
    # WIFIRISK_SSID_HEX, WIFIRISK_BSSID, WIFIRISK_SECURITY, ...: journalctl -t wifirisk
    # -o verbose) through `logger --journald` where systemd-journald runs, else as a plain
    # syslog line tagged wifirisk. Network names are escaped by wifirisk; notification
    # bodies are escaped again for markup.
    WIFIRISK=@WIFIRISK@
    PROFILE=@PROFILE@
    TIME_LIMIT=@TIME_LIMIT@
    # The profile's on_error when the hook was installed: install it again after changing it.
    ON_ERROR=@ON_ERROR@
    CHECK_USER=@CHECK_USER@
    # WIFIRISK_PROFILES_DIR for the check; empty: the installed profiles.
    PROFILES_DIR=@PROFILES_DIR@
    HOOK=@KIND@
    # wifirisk check's exit statuses.
    STATUS_ALLOW=@STATUS_ALLOW@
    STATUS_WARN=@STATUS_WARN@
    STATUS_BLOCK=@STATUS_BLOCK@

    """#

  static let body = #"""
    # nm-dispatcher runs scripts with no PATH at all; the programs the hook starts (timeout
    # starting runuser, from /usr/sbin) look them up too, so it is exported.
    PATH=${PATH:+$PATH:}/usr/sbin:/usr/bin:/sbin:/bin
    export PATH
    # timeout(1)'s statuses: the time limit passed; it had to kill.
    TIMED_OUT=124
    KILLED=137
    JOURNAL_SOCKET=/run/systemd/journal/socket
    USER_RUNTIME=/run/user
    NOTIFY_TIME_LIMIT=30

    # log LEVEL MESSAGE FIELDS: LEVEL is info, warning or err; FIELDS are KEY=value lines.
    log() {
      case $1 in
        info) priority=6 ;;
        warning) priority=4 ;;
        *) priority=3 ;;
      esac
      if [ -S "$JOURNAL_SOCKET" ] && {
        printf 'MESSAGE=%s\nPRIORITY=%s\nSYSLOG_IDENTIFIER=wifirisk\n' "$2" "$priority"
        printf '%s' "$3"
      } | logger --journald 2>/dev/null; then
        return 0
      fi
      logger -t wifirisk -p "user.$1" -- "$2" 2>/dev/null || true
    }

    # Text for a notification's body: notify-send reads backslash escapes in it (\n, \t,
    # octal), so backslashes are doubled; and bodies are markup, so &, < and > are escaped.
    notification_text() {
      printf '%s' "$1" | sed 's/\\/\\\\/g; s/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g'
    }

    # notify URGENCY TITLE TEXT: a desktop notification for each logged-in user with a
    # session bus. The hook runs as root, so it finds the users' buses under /run/user.
    # It comes after the decision is logged (and the device disconnected), and each one
    # gets NOTIFY_TIME_LIMIT seconds: notify-send answers at once on a desktop that is
    # not overloaded, but a machine swapping or starting up can take several seconds.
    notify() {
      command -v notify-send >/dev/null 2>&1 || return 0
      text=$(notification_text "$3")
      for bus in "$USER_RUNTIME"/*/bus; do
        [ -S "$bus" ] || continue
        uid=${bus#"$USER_RUNTIME"/}
        uid=${uid%/bus}
        user=$(id -nu "$uid" 2>/dev/null) || continue
        timeout "$NOTIFY_TIME_LIMIT" runuser -u "$user" -- \
          env DBUS_SESSION_BUS_ADDRESS="unix:path=$bus" \
          notify-send -u "$1" -a wifirisk -- "$2" "$text" >/dev/null 2>&1 || true
      done
    }

    # The check, as CHECK_USER with no capabilities and a clean environment.
    check_group=$(id -g "$CHECK_USER" 2>/dev/null) || check_group=65534
    set -- "$WIFIRISK" check --current --cached --interface "$iface" --profile "$PROFILE" \
      --format fields
    [ -z "$PROFILES_DIR" ] || set -- env WIFIRISK_PROFILES_DIR="$PROFILES_DIR" "$@"
    output=$(timeout -k 2 "$TIME_LIMIT" setpriv --reuid="$CHECK_USER" --regid="$check_group" \
      --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs --reset-env -- "$@" \
      2>/dev/null)
    status=$?

    # Its fields (KEY=value lines): read, never evaluated. They are logged as they are,
    # except the action and summary, which the hook states itself.
    fields=
    answered=
    summary=
    while IFS= read -r line; do
      key=${line%%=*}
      value=${line#*=}
      case $key in
        WIFIRISK_SUMMARY) summary=$value ;;
        WIFIRISK_EXIT_STATUS) [ "$value" = "$status" ] && answered=yes ;;
      esac
      case $key in
        WIFIRISK_ACTION | WIFIRISK_SUMMARY | "$line" | *[!A-Z0-9_]*) ;;
        *) fields="$fields$line
    " ;;
      esac
    done <<EOF
    $output
    EOF

    # The verdict: check's, when it answered; else ON_ERROR's.
    if [ -n "$answered" ]; then
      case $status in
        "$STATUS_ALLOW") verdict=allow ;;
        "$STATUS_WARN") verdict=warn ;;
        "$STATUS_BLOCK") verdict=block ;;
        *) verdict=error ;;
      esac
    else
      case $status in
        "$TIMED_OUT" | "$KILLED") why="wifirisk check did not answer within $TIME_LIMIT s" ;;
        *) why="wifirisk check gave no verdict (exit status $status)" ;;
      esac
      case $ON_ERROR in
        block) verdict=block summary="block: could not evaluate (fail-closed): $why" ;;
        allow) verdict=allow summary="allow: could not evaluate (fail-open): $why" ;;
        *) verdict=error summary="error: could not evaluate: $why" ;;
      esac
      fields="WIFIRISK_EXIT_STATUS=$status
    WIFIRISK_PROFILE=$PROFILE
    WIFIRISK_ERROR=$why
    "
    fi
    fields="WIFIRISK_ACTION=$verdict
    WIFIRISK_HOOK=$HOOK
    WIFIRISK_INTERFACE=$iface
    $fields"

    case $verdict in
      allow) log info "$iface: $summary" "$fields" ;;
      warn)
        log warning "$iface: $summary" "$fields"
        notify normal "Wi-Fi warning" "$iface: $summary"
        ;;
      block)
        if disconnect >/dev/null 2>&1; then
          log warning "$iface: $summary; disconnected" "${fields}WIFIRISK_DISCONNECTED=yes
    "
        else
          log err "$iface: $summary; disconnecting failed" "${fields}WIFIRISK_DISCONNECTED=no
    "
        fi
        notify critical "Wi-Fi blocked" "$iface: $summary"
        ;;
      *) log err "$iface: $summary" "$fields" ;;
    esac
    exit 0

    """#
}
