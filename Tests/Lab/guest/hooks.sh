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
# The hook logs to the guest's systemd-journald (guest/services.sh starts it); what it
# logged is read back with journalctl and kept in OUTDIR/hooks/log-*.txt. NetworkManager's
# hook has a stage of its own (guest/networkmanager.sh).
#
# Prints PASS/FAIL/SKIP lines like the rest of the lab; exits with the number of failures.
set -uo pipefail
. "$(dirname "$(readlink -f "$0")")/hooklib.sh"

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

mkdir -p "$WORK" "$RESULTS" "$CTRL"
if [ ! -S /run/systemd/journal/socket ]; then
  fail hooks-journal "systemd-journald is not running (guest/services.sh did not start it)"
  exit "$failures"
fi

cleanup() {
  for pidfile in "$WORK"/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  cp -f "$WORK"/*.log "$RESULTS"/ 2>/dev/null
  cp -f "$WORK"/wifirisk-action.sh "$RESULTS"/ 2>/dev/null
}
trap cleanup EXIT

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
  local cursor
  cursor=$(journal_cursor)
  cli select_network "$id" >/dev/null
  # every 0.5 s: polling faster only loads the machine the decision runs on
  for _ in $(seq $((WAIT * 2))); do
    logged=$(journal_messages "$cursor")
    grep -qF -- "$expected" <<<"$logged" && { echo "$logged" >"$RESULTS/log-$name.txt"; return 0; }
    sleep 0.5
  done
  echo "$logged" >"$RESULTS/log-$name.txt"
  echo "timed out waiting for the hook to log '$expected' ($name)" >&2
  return 1
}

# --- the open AP: blocked, disconnected ----------------------------------------------------
if join "$OPEN_SSID" "ssid=\"$OPEN_SSID\"" "key_mgmt=NONE" -- \
  "$IFACE: block: $OPEN_SSID"; then
  sleep 3 # long enough for a reconnect to show, if wpa_supplicant tried one
  now=$(state)
  if [ "$now" = DISCONNECTED ]; then
    pass hooks-open-blocked "$(grep -F "block: $OPEN_SSID" <<<"$logged" | tail -n 1)"
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
    pass hooks-wpa3-allowed "$(grep -F "allow: $WPA3_SSID" <<<"$logged" | tail -n 1)"
  else
    fail hooks-wpa3-allowed "wpa_state: expected COMPLETED, got $now"
  fi
else
  fail hooks-wpa3-allowed "no allow logged for $WPA3_SSID (wpa_state $(state))"
fi
iw dev "$IFACE" link >"$RESULTS/link-wpa3.txt" 2>&1
cli disconnect >/dev/null

echo "hooks: $failures failed" >"$RESULTS/summary.txt"
exit "$failures"
