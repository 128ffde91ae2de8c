/// The connection hooks `wifirisk hook print|install` writes. `@WIFIRISK@` and `@PROFILE@`
/// are replaced with the wifirisk executable and the profile, each single-quoted for sh.
enum HookScripts {
  enum Kind: String, CaseIterable {
    case networkmanager
    case wpaSupplicant = "wpa_supplicant"

    /// Where `hook install` puts the script.
    var installPath: String {
      switch self {
      case .networkmanager: "/etc/NetworkManager/dispatcher.d/pre-up.d/90-wifirisk"
      case .wpaSupplicant: "/etc/wpa_supplicant/wifirisk-action.sh"
      }
    }

    /// A folder that shows the program is installed.
    var configurationFolder: String {
      switch self {
      case .networkmanager: "/etc/NetworkManager"
      case .wpaSupplicant: "/etc/wpa_supplicant"
      }
    }

    var template: String {
      switch self {
      case .networkmanager: HookScripts.networkManager
      case .wpaSupplicant: HookScripts.wpaSupplicant
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
      }
    }
  }

  static func render(_ kind: Kind, wifirisk: String, profile: String) -> String {
    kind.template
      .replacing("@WIFIRISK@", with: shellQuoted(wifirisk))
      .replacing("@PROFILE@", with: shellQuoted(profile))
  }

  /// Single quotes for sh: nothing inside is special except the quote itself.
  static func shellQuoted(_ text: String) -> String {
    "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''")
      + "'"
  }

  /// Functions both hooks share: logging, notifying, reading the JSON summary.
  static let common = #"""
    # Every decision goes to the system log (journalctl -t wifirisk, or /var/log/syslog).
    log() {
      logger -t wifirisk -- "$*" 2>/dev/null || true
    }

    # A desktop notification for each logged-in user with a session bus, when notify-send
    # is installed. The hook runs as root, so it finds the users' buses under /run/user.
    notify() { # urgency title text
      command -v notify-send >/dev/null 2>&1 || return 0
      for bus in /run/user/*/bus; do
        [ -S "$bus" ] || continue
        uid=${bus#/run/user/}
        uid=${uid%/bus}
        user=$(id -nu "$uid" 2>/dev/null) || continue
        runuser -u "$user" -- env DBUS_SESSION_BUS_ADDRESS="unix:path=$bus" \
          notify-send -u "$1" -a wifirisk "$2" "$3" >/dev/null 2>&1 || true
      done
    }
    """#

  static let networkManager = #"""
    #!/bin/sh
    # wifirisk pre-up hook for NetworkManager, written by `wifirisk hook install networkmanager`.
    #
    # NetworkManager runs the scripts in dispatcher.d/pre-up.d once a device has associated
    # and waits for them before it announces the connection. This one asks wifirisk whether
    # the Wi-Fi network may be used under the profile below:
    #   allow (0)   logs the decision
    #   warn (2)    logs it and notifies
    #   block (3)   logs it, disconnects the device (nmcli device disconnect, which also stops
    #               NetworkManager from reconnecting it on its own) and notifies
    #   other       logs that the network could not be evaluated and leaves it connected;
    #               install with a profile whose on_error is "block" to fail closed
    WIFIRISK=@WIFIRISK@
    PROFILE=@PROFILE@

    iface=${DEVICE_IFACE:-$1}
    action=${NM_DISPATCHER_ACTION:-$2}
    [ "$action" = pre-up ] || exit 0
    [ -n "$iface" ] && [ -d "/sys/class/net/$iface/wireless" ] || exit 0

    @COMMON@

    json=$("$WIFIRISK" check --current --cached --interface "$iface" --profile "$PROFILE" \
      --format json 2>/dev/null)
    status=$?
    # "summary" is the last key of the one-line JSON (keys are sorted).
    summary=$(printf '%s\n' "$json" | sed -n 's/.*"summary":"\(.*\)"}$/\1/p')
    [ -n "$summary" ] || summary="wifirisk check exited with status $status"
    connection=${CONNECTION_ID:-$iface}

    case $status in
      0) log "$iface: $summary" ;;
      2)
        log "$iface: $summary"
        notify normal "Wi-Fi warning: $connection" "$summary"
        ;;
      3)
        log "$iface: $summary; disconnecting"
        timeout 20 nmcli device disconnect "$iface" >/dev/null 2>&1 ||
          log "$iface: nmcli device disconnect failed"
        notify critical "Wi-Fi blocked: $connection" "$summary"
        ;;
      *) log "$iface: could not evaluate (status $status): $summary" ;;
    esac
    exit 0
    """#.replacing("@COMMON@", with: common)

  static let wpaSupplicant = #"""
    #!/bin/sh
    # wifirisk action script for wpa_supplicant, written by
    # `wifirisk hook install wpa_supplicant`. Run it with wpa_cli's event listener:
    #   wpa_cli -i wlan0 -a /etc/wpa_supplicant/wifirisk-action.sh -B
    #
    # wpa_cli calls it as `SCRIPT IFNAME CONNECTED|DISCONNECTED`. On CONNECTED it asks
    # wifirisk whether the network may be used under the profile below:
    #   allow (0)   logs the decision
    #   warn (2)    logs it and notifies
    #   block (3)   logs it, tells wpa_supplicant to disconnect (it stays disconnected until
    #               `wpa_cli reconnect`) and notifies
    #   other       logs that the network could not be evaluated and leaves it connected;
    #               install with a profile whose on_error is "block" to fail closed
    WIFIRISK=@WIFIRISK@
    PROFILE=@PROFILE@

    iface=$1
    event=$2
    [ "$event" = CONNECTED ] || exit 0

    @COMMON@

    json=$("$WIFIRISK" check --current --cached --interface "$iface" --profile "$PROFILE" \
      --format json 2>/dev/null)
    status=$?
    # "summary" is the last key of the one-line JSON (keys are sorted).
    summary=$(printf '%s\n' "$json" | sed -n 's/.*"summary":"\(.*\)"}$/\1/p')
    [ -n "$summary" ] || summary="wifirisk check exited with status $status"

    case $status in
      0) log "$iface: $summary" ;;
      2)
        log "$iface: $summary"
        notify normal "Wi-Fi warning" "$summary"
        ;;
      3)
        log "$iface: $summary; disconnecting"
        # wpa_cli passes its control folder to action scripts in WPA_CTRL_DIR.
        wpa_cli ${WPA_CTRL_DIR:+-p "$WPA_CTRL_DIR"} -i "$iface" disconnect >/dev/null 2>&1 ||
          log "$iface: wpa_cli disconnect failed"
        notify critical "Wi-Fi blocked" "$summary"
        ;;
      *) log "$iface: could not evaluate (status $status): $summary" ;;
    esac
    exit 0
    """#.replacing("@COMMON@", with: common)
}
