#!/bin/bash
# The connection hook on a real kernel: wpa_supplicant with `wpa_cli -a` running the action
# script that `wifirisk hook install wpa_supplicant --profile strict` writes.
#
#   - joining the open AP ends disconnected, with the block in the journal (its fields:
#     WIFIRISK_ACTION, WIFIRISK_SSID_HEX, WIFIRISK_BSSID, WIFIRISK_SECURITY, ...) and a
#     critical desktop notification;
#   - joining the WPA3 AP stays connected, with an allow in the journal;
#   - an open AP whose name is made to attack logs and notifications (markup, an escape
#     sequence, a newline) is blocked; the journal's message holds wifirisk's escaped text
#     and no control character, WIFIRISK_SSID_HEX the name's bytes, and the notification's
#     body the markup escaped;
#   - every `wifirisk check` the hook started ran as nobody, with no capabilities and
#     no_new_privs (read from /proc by guest/procwatch.py the moment each one started);
#   - installed again with a 3 s time limit, the check of a WPA3 join is stopped
#     (SIGSTOP) the moment it starts, as a hung check would be: after 3 s the hook gives
#     up, and strict's on_error (block) disconnects a network that would have been allowed.
#
# Runs in the lab's guest as root, once the access points are up (Tests/Lab/ap: lab-open on
# channel 1, lab-wpa3 on channel 11), on a client interface that nothing else uses; it
# starts the hostile AP itself, on a radio of its own:
#
#   hooks.sh OUTDIR WIFIRISK CLIENT_IF
#
# Environment (defaults are the lab's): HOOK_OPEN_SSID (lab-open), HOOK_WPA3_SSID
# (lab-wpa3), HOOK_WPA3_PASSWORD (lab-passphrase-123), HOOK_FREQS ("2412 2447 2462", the APs'
# channels, for wpa_supplicant's freq_list), HOOK_HOSTILE_IF (the hostile AP's radio; without
# it that case is skipped), HOOK_HOSTILE_CHANNEL (8), HOOK_PROFILE (strict), HOOK_WORK
# (/run/wifirisk-hooks), HOOK_WAIT (seconds to wait for each decision, 30),
# HOOK_TIME_LIMIT (the hook's --time-limit for the ordinary joins, 60: far more than a
# check takes, even under a loaded emulator), NOTIFICATIONS (from guest/services.sh).
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
FREQS=${HOOK_FREQS:-2412 2447 2462}
HOSTILE_IF=${HOOK_HOSTILE_IF:-}
HOSTILE_CHANNEL=${HOOK_HOSTILE_CHANNEL:-8}
PROFILE=${HOOK_PROFILE:-strict}
WORK=${HOOK_WORK:-/run/wifirisk-hooks}
WAIT=${HOOK_WAIT:-30}
TIME_LIMIT=${HOOK_TIME_LIMIT:-60}
RESULTS=$OUTDIR/hooks
CTRL=$WORK/wpa_supplicant
PROCESSES=$RESULTS/processes.jsonl
FREEZE=$WORK/freeze-next-check

mkdir -p "$WORK" "$RESULTS" "$CTRL"
if [ ! -S /run/systemd/journal/socket ]; then
  fail hooks-journal "systemd-journald is not running (guest/services.sh did not start it)"
  exit "$failures"
fi

cleanup() {
  for pidfile in "$WORK"/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  [ -n "${PROCWATCH_PID:-}" ] && kill "$PROCWATCH_PID" 2>/dev/null
  cp -f "$WORK"/*.log "$WORK"/*.conf "$RESULTS"/ 2>/dev/null
  cp -f "$WORK"/wifirisk-action.sh "$RESULTS"/ 2>/dev/null
}
trap cleanup EXIT

start_procwatch "$PROCESSES" "$FREEZE"

# --- the hook, as `hook install` writes it -------------------------------------------------
install_root=$WORK/root
action=$install_root/etc/wpa_supplicant/wifirisk-action.sh
install_hook() { # name time-limit
  local installed
  installed=$("$WIFIRISK" hook install wpa_supplicant --profile "$PROFILE" --root "$install_root" \
    --time-limit "$2" 2>"$WORK/install.log")
  if [ "$installed" = "$action" ] && [ -x "$action" ] && grep -q "^TIME_LIMIT=$2\$" "$action"; then
    cp "$action" "$WORK/wifirisk-action.sh"
    pass "$1" "$action (time limit $2 s)"
  else
    fail "$1" "expected $action with TIME_LIMIT=$2, got '$installed' ($(cat "$WORK/install.log"))"
    return 1
  fi
}
install_hook hooks-install "$TIME_LIMIT" || exit "$failures"

# --- wpa_supplicant and wpa_cli's event listener -------------------------------------------
cat >"$WORK/wpa.conf" <<CONF
ctrl_interface=$CTRL
update_config=0
freq_list=$FREQS
CONF
wpa_supplicant -B -i "$IFACE" -c "$WORK/wpa.conf" -P "$WORK/wpa_supplicant.pid" \
  -f "$WORK/wpa_supplicant.log" -dd -t || {
  fail hooks-wpa_supplicant "did not start on $IFACE"
  exit "$failures"
}
for _ in $(seq 50); do [ -S "$CTRL/$IFACE" ] && break; sleep 0.1; done
cli() { wpa_cli -p "$CTRL" -i "$IFACE" "$@"; }
# wpa_cli runs the installed hook from a copy in $WORK, which install_hook refreshes
cli -a "$WORK/wifirisk-action.sh" -B -P "$WORK/wpa_cli.pid" >/dev/null ||
  fail hooks-wpa_cli "wpa_cli -a did not start"

state() { cli status 2>/dev/null | sed -n 's/^wpa_state=//p'; }

# Joins one network and waits for the hook's journal entry whose MESSAGE contains the
# expected text; sets $logged (the messages) and $entry (that entry, JSON).
join() { # name network-settings... -- expected-text
  local name=$1
  shift
  cli disconnect >/dev/null
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
  join_line=$(($(wc -l <"$WORK/wpa_supplicant.log") + 1))
  join_started=$(date +%s)
  join_checks=$(checks_started)
  cli select_network "$id" >/dev/null
  # every 0.5 s: polling faster only loads the machine the decision runs on
  if logged=$(wait_logged $((WAIT * 2)) "$cursor" "$expected"); then
    entry=$(entry_with "$cursor" "$expected")
    echo "$logged" >"$RESULTS/log-$name.txt"
    echo "$entry" >"$RESULTS/entry-$name.json"
    return 0
  fi
  entry=
  echo "$logged" >"$RESULTS/log-$name.txt"
  echo "timed out waiting for the hook to log '$expected' ($name)" >&2
  return 1
}

# How many wifirisk checks of IFACE have started (procwatch sees every wifirisk process).
checks_started() {
  grep -F "\"--interface\", \"$IFACE\"" "$PROCESSES" 2>/dev/null | grep -c '"check"'
}

# What happened since the last join began, for a FAIL line: how long it has been, the
# client's state, what wpa_supplicant did, how many checks the hook started and what the
# hook logged (the wifirisk messages, escaped by the hook itself).
join_story() {
  local log=$WORK/wpa_supplicant.log since
  since=$(tail -n +"$join_line" "$log")
  printf '%s s, wpa_state %s; wpa_supplicant: %s scans, %s association attempts, %s connected, %s disconnected; %s checks started; logged: %s' \
    $(($(date +%s) - join_started)) "$(state)" \
    "$(grep -c 'Scan completed' <<<"$since")" \
    "$(grep -c 'Trying to associate' <<<"$since")" \
    "$(grep -c 'CTRL-EVENT-CONNECTED' <<<"$since")" \
    "$(grep -c 'CTRL-EVENT-DISCONNECTED' <<<"$since")" \
    $(($(checks_started) - join_checks)) \
    "$(tr '\n' '|' <<<"${logged:-nothing}")"
}

# what every decision's entry must carry
common_fields() { # action ssid bssid security
  echo "WIFIRISK_ACTION=$1" "WIFIRISK_HOOK=wpa_supplicant" "WIFIRISK_INTERFACE=$IFACE" \
    "WIFIRISK_PROFILE=$PROFILE" "WIFIRISK_SSID=$2" "WIFIRISK_BSSID=$3" "WIFIRISK_SECURITY=$4" \
    "SYSLOG_IDENTIFIER=wifirisk"
}
hex_of() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; }

# --- the open AP: blocked, disconnected, in the journal, notified --------------------------
count=$(notification_count)
if join open "ssid=\"$OPEN_SSID\"" "key_mgmt=NONE" -- "$IFACE: block: $OPEN_SSID"; then
  sleep 3 # long enough for a reconnect to show, if wpa_supplicant tried one
  now=$(state)
  if [ "$now" = DISCONNECTED ]; then
    pass hooks-open-blocked "$(grep -F "block: $OPEN_SSID" <<<"$logged" | tail -n 1)"
  else
    fail hooks-open-blocked "wpa_state: expected DISCONNECTED, got $now"
  fi
  # shellcheck disable=SC2046
  problems=$(fields_problems "$entry" $(common_fields block "$OPEN_SSID" 02:00:00:00:00:00 open) \
    "WIFIRISK_SSID_HEX=$(hex_of "$OPEN_SSID")" "WIFIRISK_DISCONNECTED=yes" "PRIORITY=4" \
    "WIFIRISK_EXIT_STATUS=3")
  if [ -z "$problems" ]; then
    pass hooks-open-fields "journal fields: $(python3 -c 'import json, sys; e = json.loads(sys.argv[1]); print(" ".join(f"{k}={v}" for k, v in sorted(e.items()) if k.startswith("WIFIRISK_")))' "$entry")"
  else
    fail hooks-open-fields "$(tr '\n' ';' <<<"$problems")"
  fi
  notified=$(wait_notification "$count" "$IFACE: block: $OPEN_SSID")
  if [ -n "$notified" ] && [ "$(json_field "$notified" urgency)" = 2 ]; then
    pass hooks-open-notified "$notified"
  else
    fail hooks-open-notified "no critical notification naming $OPEN_SSID: '${notified:-none}'"
  fi
else
  fail hooks-open-blocked "no block logged for $OPEN_SSID: $(join_story)"
fi
iw dev "$IFACE" link >"$RESULTS/link-open.txt" 2>&1
grep -q "Not connected" "$RESULTS/link-open.txt" ||
  fail hooks-open-link "iw dev $IFACE link still shows a connection"

# --- the WPA3 AP: allowed, stays connected -------------------------------------------------
if join wpa3 "ssid=\"$WPA3_SSID\"" "key_mgmt=SAE" "ieee80211w=2" \
  "sae_password=\"$WPA3_PASSWORD\"" -- "$IFACE: allow: $WPA3_SSID"; then
  sleep 3
  now=$(state)
  if [ "$now" = COMPLETED ] && iw dev "$IFACE" link | grep "SSID: $WPA3_SSID" > /dev/null; then
    pass hooks-wpa3-allowed "$(grep -F "allow: $WPA3_SSID" <<<"$logged" | tail -n 1)"
  else
    fail hooks-wpa3-allowed "wpa_state: expected COMPLETED, got $now"
  fi
  # shellcheck disable=SC2046
  problems=$(fields_problems "$entry" \
    $(common_fields allow "$WPA3_SSID" 02:00:00:00:02:02 wpa3-personal) "PRIORITY=6")
  [ -z "$problems" ] && pass hooks-wpa3-fields "WIFIRISK_ACTION=allow, PRIORITY=6" ||
    fail hooks-wpa3-fields "$(tr '\n' ';' <<<"$problems")"
else
  fail hooks-wpa3-allowed "no allow logged for $WPA3_SSID: $(join_story)"
fi
iw dev "$IFACE" link >"$RESULTS/link-wpa3.txt" 2>&1

# --- a name made to attack logs and notifications ------------------------------------------
if [ -z "$HOSTILE_IF" ]; then
  skip hooks-hostile "no radio for the hostile AP (HOOK_HOSTILE_IF)"
else
  # <b>lab</b>&amp; ESC[31mred LF x: markup, an entity, an escape sequence, a newline
  cat >"$WORK/hostile.conf" <<CONF
interface=$HOSTILE_IF
driver=nl80211
ctrl_interface=$WORK/hostapd
hw_mode=g
channel=$HOSTILE_CHANNEL
ssid2=P"<b>lab</b>&amp;\\e[31mred\\nx"
CONF
  hostapd -B -P "$WORK/hostapd.pid" -f "$WORK/hostapd.log" "$WORK/hostile.conf" >/dev/null ||
    fail hooks-hostile "hostapd did not start on $HOSTILE_IF"
  hostile_bssid=$(cat "/sys/class/net/$HOSTILE_IF/address")
  ssid_hex=3c623e6c61623c2f623e26616d703b1b5b33316d7265640a78
  escaped='<b>lab</b>&amp;\x1b[31mred\x0ax'
  wait_until 40 sh -c "hostapd_cli -p '$WORK/hostapd' -i '$HOSTILE_IF' status 2>/dev/null | grep -q state=ENABLED" ||
    fail hooks-hostile "the hostile AP is not ENABLED"
  count=$(notification_count)
  if join hostile "ssid=$ssid_hex" "key_mgmt=NONE" -- "$IFACE: block: $escaped"; then
    problems=$(fields_problems "$entry" "WIFIRISK_SSID=$escaped" "WIFIRISK_SSID_HEX=$ssid_hex" \
      "WIFIRISK_BSSID=$hostile_bssid" "WIFIRISK_ACTION=block")
    # no control character in what the hook logged
    problems+=$(python3 -c '
import json, sys
for key, value in json.loads(sys.argv[1]).items():
    if not (key == "MESSAGE" or key.startswith("WIFIRISK_")):
        continue
    if isinstance(value, str) and any(ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f for c in value):
        print(f"{key} holds a control character: {value!r}")' "$entry")
    [ -z "$problems" ] && pass hooks-hostile-log "inert in the journal: MESSAGE $(json_field "$entry" MESSAGE)" ||
      fail hooks-hostile-log "$(tr '\n' ';' <<<"$problems")"
    notified=$(wait_notification "$count" "red")
    body=$([ -n "$notified" ] && json_field "$notified" body)
    want="$IFACE: block: "'&lt;b&gt;lab&lt;/b&gt;&amp;amp;\x1b[31mred\x0ax'
    if [ -n "$notified" ] && grep -qF -- "$want" <<<"$body" && ! grep -q '<' <<<"$body"; then
      pass hooks-hostile-notified "body: $body"
    else
      fail hooks-hostile-notified "expected a body with $want and no markup, got '${notified:-none}'"
    fi
  else
    fail hooks-hostile-log "no block logged for the hostile name: $(join_story)"
  fi
fi

# --- every check ran without privilege ------------------------------------------------------
if problems=$(check_processes "$PROCESSES" "$IFACE"); then
  n=$(sed -n "s/^checks: //p" <<< "$problems")
  problems=$(grep -v "^checks: " <<< "$problems")
  [ -z "$problems" ] && pass hooks-unprivileged "$n checks, each as nobody (uid $(id -u nobody)), CapEff 0, NoNewPrivs 1" ||
    fail hooks-unprivileged "$(tr '\n' ';' <<<"$problems")"
else
  fail hooks-unprivileged "no wifirisk check process seen for $IFACE (see hooks/processes.jsonl)"
fi

# --- a check that hangs: the time limit, then strict's on_error -----------------------------
if install_hook hooks-install-short 3; then
  cli disconnect >/dev/null
  echo "$IFACE" >"$FREEZE" # the next check of this interface only
  if join hung "ssid=\"$WPA3_SSID\"" "key_mgmt=SAE" "ieee80211w=2" \
    "sae_password=\"$WPA3_PASSWORD\"" -- "did not answer within 3 s"; then
    sleep 2
    now=$(state)
    frozen=$(grep -c '"frozen": true' "$PROCESSES")
    problems=$(fields_problems "$entry" "WIFIRISK_ACTION=block" "WIFIRISK_DISCONNECTED=yes" \
      "WIFIRISK_ERROR=wifirisk check did not answer within 3 s")
    if [ "$now" = DISCONNECTED ] && [ "$frozen" = 1 ] && [ -z "$problems" ]; then
      pass hooks-time-limit "$(grep -F "did not answer" <<<"$logged" | tail -n 1)"
    else
      fail hooks-time-limit "expected DISCONNECTED after the fail-closed block, got $now; frozen checks $frozen; $(tr '\n' ';' <<<"$problems")"
    fi
  else
    fail hooks-time-limit "no fail-closed block logged: $(join_story)"
  fi
fi
cli disconnect >/dev/null

echo "hooks: $failures failed" >"$RESULTS/summary.txt"
exit "$failures"
