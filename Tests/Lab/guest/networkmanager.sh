#!/bin/bash
# The NetworkManager hook on a real NetworkManager: the pre-up dispatcher script that
# `wifirisk hook install networkmanager` writes, run by NetworkManager's own nm-dispatcher.
#
#   - under strict, joining lab-wpa3 (SAE) is allowed and stays connected, and `wifirisk now`
#     reports what NetworkManager's wpa_supplicant negotiated (rating_basis "negotiated");
#   - under strict, joining lab-open ends disconnected, with the block in the journal and a
#     desktop notification;
#   - under default (the hook installed again), joining lab-open stays connected, with a
#     warning in the journal and a notification.
#
# Runs in the lab's guest as root, beside the other stages, on a client radio of its own:
#
#   networkmanager.sh OUTDIR WIFIRISK CLIENT_IF
#
# Needs what guest/services.sh starts: the system D-Bus (NetworkManager asks it to start
# wpa_supplicant and nm-dispatcher, as on a machine without systemd), systemd-journald (the
# hook's log) and the desktop user's notification server ($NOTIFICATIONS). Starts udevd
# itself: NetworkManager manages only devices udev has initialized, so udev is asked to add
# CLIENT_IF and its radio (and nothing else). NetworkManager's configuration goes into the
# guest's overlay /etc: only CLIENT_IF is managed, keyfile profiles, no DNS or hostname
# changes, no connectivity check, no polkit. The profiles have IPv4 and IPv6 off: what the
# hook sees does not depend on DHCP, and the lab has no DHCP server on these networks.
#
# Environment: NM_OPEN_SSID (lab-open), NM_WPA3_SSID (lab-wpa3), NM_WPA3_PASSWORD
# (lab-passphrase-123), NM_OPEN_CHANNEL (1), NM_WPA3_CHANNEL (11), NM_WORK (/run/wifirisk-nm), NM_WAIT (seconds for each activation, 90),
# NOTIFICATIONS (from guest/services.sh).
#
# Prints PASS/FAIL/SKIP lines like the rest of the lab; exits with the number of failures.
set -uo pipefail
. "$(dirname "$(readlink -f "$0")")/hooklib.sh"

OUTDIR=${1:?usage: networkmanager.sh OUTDIR WIFIRISK CLIENT_IF}
WIFIRISK=${2:?usage: networkmanager.sh OUTDIR WIFIRISK CLIENT_IF}
IFACE=${3:?usage: networkmanager.sh OUTDIR WIFIRISK CLIENT_IF}
OPEN_SSID=${NM_OPEN_SSID:-lab-open}
WPA3_SSID=${NM_WPA3_SSID:-lab-wpa3}
WPA3_PASSWORD=${NM_WPA3_PASSWORD:-lab-passphrase-123}
OPEN_CHANNEL=${NM_OPEN_CHANNEL:-1}
WPA3_CHANNEL=${NM_WPA3_CHANNEL:-11}
WORK=${NM_WORK:-/run/wifirisk-nm}
WAIT=${NM_WAIT:-90}
RESULTS=$OUTDIR/networkmanager
PROCESSES=$RESULTS/processes.jsonl
NM_CONF=/etc/NetworkManager
HOOK=$NM_CONF/dispatcher.d/pre-up.d/90-wifirisk
T0=$(cut -d' ' -f1 /proc/uptime)

mkdir -p "$WORK" "$RESULTS"
at() { awk -v now="$(cut -d' ' -f1 /proc/uptime)" -v t0="$T0" 'BEGIN { printf "%.1f", now - t0 }'; }
note() { echo "[$(at)s] $*" >&2; }

for tool in NetworkManager nmcli /usr/lib/NetworkManager/nm-dispatcher /lib/systemd/systemd-udevd \
  udevadm; do
  if ! command -v "$tool" > /dev/null; then
    skip networkmanager "$tool is not installed (run Tests/Lab/setup)"
    exit 0
  fi
done
if [ ! -S /run/dbus/system_bus_socket ]; then
  fail networkmanager "no system D-Bus (guest/services.sh did not start it)"
  exit "$failures"
fi

NM_PID=
PROCWATCH_PID=
cleanup() {
  [ -n "$PROCWATCH_PID" ] && kill "$PROCWATCH_PID" 2> /dev/null
  nmcli -f GENERAL,WIFI-PROPERTIES,AP device show "$IFACE" > "$RESULTS/device-show.txt" 2>&1
  [ -n "$NM_PID" ] && kill "$NM_PID" 2> /dev/null
  # wpa_supplicant was started by D-Bus activation for NetworkManager: it is the one whose
  # control folder is /run/wpa_supplicant and that owns the D-Bus name (-u)
  local pid
  for pid in $(pgrep -x wpa_supplicant); do
    tr '\0' ' ' < "/proc/$pid/cmdline" 2> /dev/null | grep -- ' -u ' > /dev/null && kill "$pid"
  done
  udevadm control --exit 2> /dev/null
  cp -f "$WORK"/*.log "$RESULTS"/ 2> /dev/null
  cp -f "$HOOK" "$RESULTS/90-wifirisk" 2> /dev/null
  cp -rf "$NM_CONF/system-connections" "$RESULTS"/ 2> /dev/null
}
trap cleanup EXIT

# --- NetworkManager's configuration, in the guest's overlay ---------------------------------
rm -rf "$NM_CONF"/conf.d/* "$NM_CONF"/system-connections/* /var/lib/NetworkManager/*
rm -f "$NM_CONF"/dispatcher.d/01-ifupdown # Debian's ifupdown bridge
cat > "$NM_CONF/NetworkManager.conf" << EOF
[main]
plugins=keyfile
auth-polkit=false
dns=none
rc-manager=unmanaged
hostname-mode=none

[logging]
level=INFO

[device]
wifi.scan-rand-mac-address=no

[keyfile]
unmanaged-devices=except:interface-name:$IFACE

[connectivity]
enabled=false

[connection]
# How long NetworkManager gives wpa_supplicant to associate (its default is 25 s). Each join
# here scans its channel first, and under the emulator a join has taken 17 to 20 s while
# the other stages ran: close enough to 25 s that a busier machine can fail one
# ("association took too long") before the hook runs.
802-1x.auth-timeout=90
EOF

# --- the hook, as `hook install` writes it --------------------------------------------------
# (with a time limit far above what a check takes, even in a loaded emulator)
install_hook() { # profile
  local out
  out=$("$WIFIRISK" hook install networkmanager --profile "$1" --time-limit 60 \
    2> "$WORK/install-$1.log")
  if [ "$out" = "$HOOK" ] && [ -x "$HOOK" ] && [ "$(stat -c %U:%a "$HOOK")" = root:755 ]; then
    pass "networkmanager-install-$1" "$HOOK (root, 0755)"
  else
    fail "networkmanager-install-$1" "expected $HOOK, root-owned 0755, got '$out' $(stat -c %U:%a "$HOOK" 2>&1) ($(cat "$WORK/install-$1.log"))"
    return 1
  fi
}
install_hook strict || exit "$failures"
start_procwatch "$PROCESSES"

# --- udev, for CLIENT_IF only ----------------------------------------------------------------
phy=$(cat "/sys/class/net/$IFACE/phy80211/name" 2> /dev/null)
/lib/systemd/systemd-udevd --daemon < /dev/null > "$WORK/udevd.log" 2>&1
udevadm trigger --settle --action=add "/sys/class/net/$IFACE" "/sys/class/ieee80211/$phy" \
  /sys/class/ieee80211/"$phy"/rfkill* > "$WORK/udev-trigger.log" 2>&1
note "udev has added $IFACE"

# --- NetworkManager ---------------------------------------------------------------------------
# --debug: foreground, log to stderr (the level still comes from [logging])
NetworkManager --debug < /dev/null > "$WORK/NetworkManager.log" 2>&1 &
NM_PID=$!
nm_running() { [ "$(nmcli -t -f RUNNING general 2> /dev/null)" = running ]; }
device_state() { nmcli -t -f DEVICE,STATE device 2> /dev/null | sed -n "s/^$IFACE://p"; }
# the device becomes "disconnected" (available) once wpa_supplicant has added it
if ! wait_until 120 nm_running || ! wait_until 120 sh -c "[ \"\$(nmcli -t -f DEVICE,STATE device 2>/dev/null | sed -n 's/^$IFACE://p')\" = disconnected ]"; then
  fail networkmanager "NetworkManager did not bring $IFACE to 'disconnected' within 120 s (state '$(device_state)'; see networkmanager/NetworkManager.log)"
  exit "$failures"
fi
note "NetworkManager manages $IFACE"
# Each profile names its access point's channel, so that wpa_supplicant scans that channel
# alone before it joins (a full scan takes ~10 s under TCG).
nmcli connection add type wifi ifname "$IFACE" con-name "$OPEN_SSID" ssid "$OPEN_SSID" \
  autoconnect no 802-11-wireless.band bg 802-11-wireless.channel "$OPEN_CHANNEL" \
  ipv4.method disabled ipv6.method disabled > "$WORK/add-open.log" 2>&1 ||
  fail networkmanager "nmcli connection add $OPEN_SSID: $(cat "$WORK/add-open.log")"
nmcli connection add type wifi ifname "$IFACE" con-name "$WPA3_SSID" ssid "$WPA3_SSID" \
  autoconnect no 802-11-wireless.band bg 802-11-wireless.channel "$WPA3_CHANNEL" \
  wifi-sec.key-mgmt sae wifi-sec.psk "$WPA3_PASSWORD" \
  ipv4.method disabled ipv6.method disabled > "$WORK/add-wpa3.log" 2>&1 ||
  fail networkmanager "nmcli connection add $WPA3_SSID: $(cat "$WORK/add-wpa3.log")"

# activate NAME LABEL: `nmcli connection up`, its status in $up_rc and output in $up_out;
# where NetworkManager's log stood before it in $nm_log_from, for nm_story.
activate() {
  local t
  t=$(at)
  nm_log_from=$(($(wc -l < "$WORK/NetworkManager.log") + 1))
  up_out=$(nmcli --wait "$WAIT" connection up id "$1" ifname "$IFACE" 2>&1)
  up_rc=$?
  echo "$up_out" > "$RESULTS/up-$2.txt"
  note "nmcli connection up $1 ($2): rc=$up_rc in $(awk -v a="$(at)" -v b="$t" 'BEGIN { printf "%.1f", a - b }')s"
}
link_of() { iw dev "$IFACE" link 2> /dev/null | head -n 1; }
# nm_story: what the last activation did, for a failure's line: nmcli's answer, then
# CLIENT_IF's state changes in NetworkManager's log with their reasons, and any timeout.
nm_story() {
  local changes
  changes=$(tail -n +"$nm_log_from" "$WORK/NetworkManager.log" |
    grep -e "device ($IFACE): state change" -e "took too long" |
    sed -n -e "s/.*state change: \([a-z-]*\) -> \([a-z-]*\) (reason '\([^']*\)'.*/\1 -> \2 (\3)/p" \
      -e 's/.*Activation: (wifi) \(.*took too long.*\)/\1/p' | paste -sd '|' | sed 's/|/, /g')
  echo "nmcli: $(head -n 1 <<< "$up_out"); NetworkManager: ${changes:-no state change logged}"
}

# --- strict, WPA3: allowed; `now` reads what was negotiated ---------------------------------
cursor=$(journal_cursor)
count=$(notification_count)
activate "$WPA3_SSID" strict-wpa3
logged=$(wait_logged 20 "$cursor" "$IFACE: allow: $WPA3_SSID")
echo "$logged" > "$RESULTS/log-strict-wpa3.txt"
state=$(device_state)
if [ "$up_rc" = 0 ] && [ "$state" = connected ] && grep -q "$IFACE: allow: $WPA3_SSID" <<< "$logged" &&
  link_of | grep "^Connected to" > /dev/null; then
  pass networkmanager-strict-wpa3-allowed "$(grep "$IFACE: allow: $WPA3_SSID" <<< "$logged" | head -n 1); $(link_of)"
else
  fail networkmanager-strict-wpa3-allowed "expected connected with an allow logged, got nmcli rc=$up_rc, state $state, log '$logged', iw '$(link_of)'; $(nm_story)"
fi
now_json=$("$WIFIRISK" now --interface "$IFACE" --cached --no-probe --format json 2> "$WORK/now.err")
now_rc=$?
echo "$now_json" > "$RESULTS/now.json"
problems=$(python3 - "$now_json" "$WPA3_SSID" << 'PY'
import json, sys
try:
    doc = json.loads(sys.argv[1])
except ValueError as e:
    print(f"not JSON: {e}")
    sys.exit()
conn = doc.get("connection") or {}
neg = conn.get("negotiated") or {}
want = {"connection.ssid": (conn.get("ssid"), sys.argv[2]),
        "connection.rating_basis": (conn.get("rating_basis"), "negotiated"),
        "negotiated.key_mgmt": (neg.get("key_mgmt"), "SAE"),
        "negotiated.security": (neg.get("security"), "wpa3-personal"),
        "negotiated.pmf": (neg.get("pmf"), True),
        "negotiated.wpa_state": (neg.get("wpa_state"), "COMPLETED")}
print("; ".join(f"{k}: expected {w}, got {g}" for k, (g, w) in want.items() if g != w))
PY
)
if [ "$now_rc" = 0 ] && [ -z "$problems" ]; then
  pass networkmanager-now-negotiated "rating_basis negotiated: key_mgmt SAE, wpa3-personal, PMF in use (NetworkManager's wpa_supplicant)"
else
  fail networkmanager-now-negotiated "now rc=$now_rc: ${problems:-$(tail -n 2 "$WORK/now.err")}"
fi

# --- strict, open: blocked, disconnected, notified ------------------------------------------
cursor=$(journal_cursor)
count=$(notification_count)
activate "$OPEN_SSID" strict-open
logged=$(wait_logged 20 "$cursor" "$IFACE: block: $OPEN_SSID")
echo "$logged" > "$RESULTS/log-strict-open.txt"
notified=$(wait_notification "$count" "$IFACE: block: $OPEN_SSID")
sleep 3 # long enough for a reconnect to show, if NetworkManager tried one
state=$(device_state)
if [ "$up_rc" != 0 ] && [ "$state" = disconnected ] && grep -q "$IFACE: block: $OPEN_SSID" <<< "$logged" &&
  [ "$(link_of)" = "Not connected." ]; then
  pass networkmanager-strict-open-blocked "$(grep "$IFACE: block: $OPEN_SSID" <<< "$logged" | head -n 1); nmcli: $(head -n 1 <<< "$up_out"); state $state"
else
  fail networkmanager-strict-open-blocked "expected disconnected with a block logged, got nmcli rc=$up_rc, state $state, log '$logged', iw '$(link_of)'; $(nm_story)"
fi
if [ -n "$notified" ]; then
  pass networkmanager-strict-open-notified "$notified"
else
  fail networkmanager-strict-open-notified "no desktop notification naming $OPEN_SSID (notifications: ${NOTIFICATIONS:-none})"
fi
entry=$(entry_with "$cursor" "$IFACE: block: $OPEN_SSID")
echo "$entry" > "$RESULTS/entry-strict-open.json"
problems=$(fields_problems "$entry" WIFIRISK_ACTION=block WIFIRISK_HOOK=networkmanager \
  "WIFIRISK_INTERFACE=$IFACE" WIFIRISK_PROFILE=strict "WIFIRISK_SSID=$OPEN_SSID" \
  "WIFIRISK_SSID_HEX=$(printf '%s' "$OPEN_SSID" | od -An -v -tx1 | tr -d ' \n')" \
  WIFIRISK_BSSID=02:00:00:00:00:00 WIFIRISK_SECURITY=open WIFIRISK_DISCONNECTED=yes)
if [ -z "$problems" ]; then
  pass networkmanager-strict-open-fields "WIFIRISK_ACTION=block WIFIRISK_HOOK=networkmanager WIFIRISK_DISCONNECTED=yes ..."
else
  fail networkmanager-strict-open-fields "$(tr '\n' ';' <<< "$problems")"
fi

# --- default, open: warned, stays connected -------------------------------------------------
install_hook default
cursor=$(journal_cursor)
count=$(notification_count)
activate "$OPEN_SSID" default-open
logged=$(wait_logged 20 "$cursor" "$IFACE: warn: $OPEN_SSID")
echo "$logged" > "$RESULTS/log-default-open.txt"
notified=$(wait_notification "$count" "$IFACE: warn: $OPEN_SSID")
state=$(device_state)
if [ "$up_rc" = 0 ] && [ "$state" = connected ] && grep -q "$IFACE: warn: $OPEN_SSID" <<< "$logged" &&
  link_of | grep "^Connected to" > /dev/null; then
  pass networkmanager-default-open-warned "$(grep "$IFACE: warn: $OPEN_SSID" <<< "$logged" | head -n 1); $(link_of)"
else
  fail networkmanager-default-open-warned "expected connected with a warning logged, got nmcli rc=$up_rc, state $state, log '$logged', iw '$(link_of)'; $(nm_story)"
fi
if [ -n "$notified" ]; then
  pass networkmanager-default-open-notified "$notified"
else
  fail networkmanager-default-open-notified "no desktop notification naming $OPEN_SSID"
fi
nmcli device disconnect "$IFACE" > /dev/null 2>&1

if problems=$(check_processes "$PROCESSES" "$IFACE"); then
  n=$(sed -n "s/^checks: //p" <<< "$problems")
  problems=$(grep -v "^checks: " <<< "$problems")
  if [ -z "$problems" ]; then
    pass networkmanager-unprivileged "$n checks under nm-dispatcher, each as nobody, CapEff 0, NoNewPrivs 1"
  else
    fail networkmanager-unprivileged "$(tr '\n' ';' <<< "$problems")"
  fi
else
  fail networkmanager-unprivileged "no wifirisk check process seen for $IFACE"
fi

echo "networkmanager: $failures failed in $(at)s" > "$RESULTS/summary.txt"
exit "$failures"
