#!/bin/bash
# The connection hook on a real kernel: wpa_supplicant with `wpa_cli -a` running the action
# script that `wifirisk hook install wpa_supplicant --profile strict` writes.
#
#   - joining the open AP must end disconnected, with a logged block;
#   - joining the WPA3 AP must stay connected, with a logged allow.
#
# Runs in the lab's guest as root, once the access points are up (Tests/Lab/ap: lab-open on
# channel 1, lab-wpa3 on channel 11), on a client interface that nothing else uses:
#
#   hooks.sh OUTDIR WIFIRISK CLIENT_IF
#
# Environment (defaults are the lab's): HOOK_OPEN_SSID (lab-open), HOOK_WPA3_SSID
# (lab-wpa3), HOOK_WPA3_PASSWORD (lab-passphrase-123), HOOK_FREQS ("2412 2462", the APs'
# channels, for wpa_supplicant's freq_list), HOOK_PROFILE (strict), HOOK_WORK
# (/run/wifirisk-hooks), HOOK_WAIT (seconds to wait for each decision, 30; a debug build
# under TCG takes 30-40 s for one `wifirisk check`).
#
# The guest has no syslog daemon: a small receiver on /dev/log (python3) stands in for
# one, so the hook's real `logger -t wifirisk` calls land in OUTDIR/hooks/syslog.txt.
# NetworkManager's hook is not run here: the image has no NetworkManager, and the guest
# has neither the system D-Bus that starts its dispatcher nor the udev it needs to manage a
# device. Its script is tested against stand-ins in Tests/WifiRiskCLITests/CheckHookTests.
#
# Prints PASS/FAIL/SKIP lines like the rest of the lab; exits with the number of failures.
set -uo pipefail

OUTDIR=${1:?usage: hooks.sh OUTDIR WIFIRISK CLIENT_IF}
WIFIRISK=${2:?usage: hooks.sh OUTDIR WIFIRISK CLIENT_IF}
IFACE=${3:?usage: hooks.sh OUTDIR WIFIRISK CLIENT_IF}
OPEN_SSID=${HOOK_OPEN_SSID:-lab-open}
WPA3_SSID=${HOOK_WPA3_SSID:-lab-wpa3}
WPA3_PASSWORD=${HOOK_WPA3_PASSWORD:-lab-passphrase-123}
FREQS=${HOOK_FREQS:-2412 2462}
PROFILE=${HOOK_PROFILE:-strict}
WORK=${HOOK_WORK:-/run/wifirisk-hooks}
WAIT=${HOOK_WAIT:-30}
RESULTS=$OUTDIR/hooks
CTRL=$WORK/wpa_supplicant
SYSLOG=$RESULTS/syslog.txt

failures=0
pass() { echo "PASS $1: $2"; }
fail() {
  echo "FAIL $1: $2"
  failures=$((failures + 1))
}

mkdir -p "$WORK" "$RESULTS" "$CTRL"
: >"$SYSLOG"

cleanup() {
  for pidfile in "$WORK"/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  cp -f "$WORK"/*.log "$RESULTS"/ 2>/dev/null
  cp -f "$WORK"/wifirisk-action.sh "$RESULTS"/ 2>/dev/null
}
trap cleanup EXIT

# --- a syslog stand-in on /dev/log ---------------------------------------------------------
if [ -S /dev/log ]; then
  echo "SKIP hooks-syslog: /dev/log already exists; the hook logs to the guest's syslog"
else
  python3 - "$SYSLOG" <<'PY' &
import os, socket, sys
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind("/dev/log")
os.chmod("/dev/log", 0o666)
with open(sys.argv[1], "ab", buffering=0) as out:
    while True:
        data = sock.recv(65536)
        out.write(data.rstrip(b"\0\n") + b"\n")
PY
  echo $! >"$WORK/syslog.pid"
  for _ in $(seq 50); do [ -S /dev/log ] && break; sleep 0.1; done
  [ -S /dev/log ] || fail hooks-syslog "/dev/log did not appear"
fi

# --- the hook, as `hook install` writes it -------------------------------------------------
install_root=$WORK/root
installed=$("$WIFIRISK" hook install wpa_supplicant --profile "$PROFILE" --root "$install_root" \
  2>"$WORK/install.log")
action=$install_root/etc/wpa_supplicant/wifirisk-action.sh
if [ "$installed" = "$action" ] && [ -x "$action" ]; then
  cp "$action" "$WORK/wifirisk-action.sh"
  pass hooks-install "$action"
else
  fail hooks-install "expected $action, got '$installed' ($(cat "$WORK/install.log"))"
  exit "$failures"
fi

# --- wpa_supplicant and wpa_cli's event listener -------------------------------------------
cat >"$WORK/wpa.conf" <<CONF
ctrl_interface=$CTRL
update_config=0
freq_list=$FREQS
CONF
wpa_supplicant -B -i "$IFACE" -c "$WORK/wpa.conf" -P "$WORK/wpa_supplicant.pid" \
  -f "$WORK/wpa_supplicant.log" -dd || {
  fail hooks-wpa_supplicant "did not start on $IFACE"
  exit "$failures"
}
for _ in $(seq 50); do [ -S "$CTRL/$IFACE" ] && break; sleep 0.1; done
cli() { wpa_cli -p "$CTRL" -i "$IFACE" "$@"; }
cli -a "$WORK/wifirisk-action.sh" -B -P "$WORK/wpa_cli.pid" >/dev/null ||
  fail hooks-wpa_cli "wpa_cli -a did not start"

state() { cli status 2>/dev/null | sed -n 's/^wpa_state=//p'; }

# Joins one network and waits for the hook's log line; $3 is the log text expected.
join() { # name network-settings... -- expected-log-text
  local name=$1
  shift
  cli remove_network all >/dev/null
  local id
  id=$(cli add_network | tail -n 1)
  while [ "$1" != -- ]; do
    cli set_network "$id" "${1%%=*}" "${1#*=}" >/dev/null
    shift
  done
  shift
  local expected=$1
  local before
  before=$(wc -l <"$SYSLOG")
  cli select_network "$id" >/dev/null
  # every 0.5 s: polling faster only loads the machine the decision runs on
  for _ in $(seq $((WAIT * 2))); do
    tail -n +"$((before + 1))" "$SYSLOG" | grep -qF -- "$expected" && return 0
    sleep 0.5
  done
  echo "timed out waiting for the hook to log '$expected' ($name)" >&2
  return 1
}

# --- the open AP: blocked, disconnected ----------------------------------------------------
if join "$OPEN_SSID" "ssid=\"$OPEN_SSID\"" "key_mgmt=NONE" -- \
  "$IFACE: block: $OPEN_SSID"; then
  sleep 3 # long enough for a reconnect to show, if wpa_supplicant tried one
  now=$(state)
  if [ "$now" = DISCONNECTED ]; then
    pass hooks-open-blocked "$(grep -F "block: $OPEN_SSID" "$SYSLOG" | tail -n 1)"
  else
    fail hooks-open-blocked "wpa_state: expected DISCONNECTED, got $now"
  fi
else
  fail hooks-open-blocked "no block logged for $OPEN_SSID (wpa_state $(state))"
fi
iw dev "$IFACE" link >"$RESULTS/link-open.txt" 2>&1
grep -q "Not connected" "$RESULTS/link-open.txt" ||
  fail hooks-open-link "iw dev $IFACE link still shows a connection"

# --- the WPA3 AP: allowed, stays connected -------------------------------------------------
if join "$WPA3_SSID" "ssid=\"$WPA3_SSID\"" "key_mgmt=SAE" "ieee80211w=2" \
  "sae_password=\"$WPA3_PASSWORD\"" -- "$IFACE: allow: $WPA3_SSID"; then
  sleep 3
  now=$(state)
  if [ "$now" = COMPLETED ] && iw dev "$IFACE" link | grep -q "SSID: $WPA3_SSID"; then
    pass hooks-wpa3-allowed "$(grep -F "allow: $WPA3_SSID" "$SYSLOG" | tail -n 1)"
  else
    fail hooks-wpa3-allowed "wpa_state: expected COMPLETED, got $now"
  fi
else
  fail hooks-wpa3-allowed "no allow logged for $WPA3_SSID (wpa_state $(state))"
fi
iw dev "$IFACE" link >"$RESULTS/link-wpa3.txt" 2>&1
cli disconnect >/dev/null

# --- NetworkManager ------------------------------------------------------------------------
if ! command -v NetworkManager >/dev/null; then
  echo "SKIP hooks-networkmanager: NetworkManager is not installed in this image"
fi

echo "hooks: $failures failed" >"$RESULTS/summary.txt"
exit "$failures"
