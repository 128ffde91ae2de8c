#!/bin/bash
# iwd, the other client daemon, on a real kernel: iwd (Debian's package, with the guest's
# system D-Bus from guest/services.sh) manages CLIENT_IF alone and joins the lab's APs.
#
#   - joined to lab-wpa3, `wifirisk now` reports rating_basis "negotiated" from iwd's station
#     diagnostics (source iwd, key_mgmt SAE, wpa3-personal, CCMP, PMF in use); joined to
#     lab-open, key_mgmt NONE and open;
#   - as nobody (iwd answers root and the netdev group only), `now` says so on stderr and
#     rates from the advertisement;
#   - `wifirisk hook install iwd --profile strict` writes the watch's action script and its
#     systemd unit; the unit's command (the guest has no systemd: run here, limited to
#     CLIENT_IF so that it leaves the other stages' connections alone) hears of each join
#     from the kernel: lab-wpa3 stays connected with an allow in the journal, lab-open ends
#     disconnected through iwd's Station.Disconnect, with the block in the journal; every
#     check it started ran as nobody.
#
# Runs in the lab's guest as root, beside the other stages, on a client radio of its own:
#
#   iwd.sh OUTDIR WIFIRISK CLIENT_IF
#
# iwd's configuration goes into the guest's overlay: /etc/iwd/main.conf (no IP
# configuration of its own; the existing interface is kept, not replaced by one iwd makes)
# and one profile per network in /var/lib/iwd, none joined on its own. iwd is started with
# -i CLIENT_IF -p PHY, so it leaves every other radio of the lab alone. The D-Bus replies it
# gave are kept in OUTDIR/iwd/ (busctl --json=pretty) and can refresh fixtures/iwd/.
#
# Environment: IWD_OPEN_SSID (lab-open), IWD_WPA3_SSID (lab-wpa3), IWD_WPA3_PASSWORD
# (lab-passphrase-123), IWD_WORK (/run/wifirisk-iwd), IWD_WAIT (seconds for each join, 60).
#
# Prints PASS/FAIL/SKIP lines like the rest of the lab; exits with the number of failures.
set -uo pipefail
. "$(dirname "$(readlink -f "$0")")/hooklib.sh"

OUTDIR=${1:?usage: iwd.sh OUTDIR WIFIRISK CLIENT_IF}
WIFIRISK=${2:?usage: iwd.sh OUTDIR WIFIRISK CLIENT_IF}
IFACE=${3:?usage: iwd.sh OUTDIR WIFIRISK CLIENT_IF}
OPEN_SSID=${IWD_OPEN_SSID:-lab-open}
WPA3_SSID=${IWD_WPA3_SSID:-lab-wpa3}
WPA3_PASSWORD=${IWD_WPA3_PASSWORD:-lab-passphrase-123}
WORK=${IWD_WORK:-/run/wifirisk-iwd}
WAIT=${IWD_WAIT:-60}
RESULTS=$OUTDIR/iwd
IWD=/usr/libexec/iwd
T0=$(cut -d' ' -f1 /proc/uptime)

mkdir -p "$WORK" "$RESULTS"
at() { awk -v now="$(cut -d' ' -f1 /proc/uptime)" -v t0="$T0" 'BEGIN { printf "%.1f", now - t0 }'; }
note() { echo "[$(at)s] $*" >&2; }

if [ ! -x "$IWD" ] || ! command -v iwctl > /dev/null; then
  skip iwd "iwd is not installed (run Tests/Lab/setup)"
  exit 0
fi
if [ ! -S /run/dbus/system_bus_socket ]; then
  fail iwd "no system D-Bus (guest/services.sh did not start it)"
  exit "$failures"
fi

IWD_PID=
WATCH_PID=
PROCWATCH_PID=
cleanup() {
  [ -n "$WATCH_PID" ] && kill "$WATCH_PID" 2> /dev/null
  [ -n "$PROCWATCH_PID" ] && kill "$PROCWATCH_PID" 2> /dev/null
  [ -n "$IWD_PID" ] && kill "$IWD_PID" 2> /dev/null
  cp -f /etc/wifirisk/watch-action.sh /etc/systemd/system/wifirisk-watch.service "$RESULTS"/ \
    2> /dev/null
  cp -f "$WORK"/*.log "$RESULTS"/ 2> /dev/null
}
trap cleanup EXIT

# --- iwd, for CLIENT_IF only -----------------------------------------------------------------
mkdir -p /etc/iwd /var/lib/iwd
rm -f /var/lib/iwd/*
cat > /etc/iwd/main.conf << EOF
[General]
EnableNetworkConfiguration=false

[DriverQuirks]
DefaultInterface=*
EOF
printf '[Security]\nPassphrase=%s\n\n[Settings]\nAutoConnect=false\n' "$WPA3_PASSWORD" \
  > "/var/lib/iwd/$WPA3_SSID.psk"
printf '[Settings]\nAutoConnect=false\n' > "/var/lib/iwd/$OPEN_SSID.open"
phy=$(cat "/sys/class/net/$IFACE/phy80211/name")
"$IWD" -i "$IFACE" -p "$phy" < /dev/null > "$WORK/iwd.log" 2>&1 &
IWD_PID=$!

station() { iwctl station "$IFACE" show 2> /dev/null | sed -n 's/^ *State *\([a-z]*\).*/\1/p'; }
# asked before iwd owns its name, iwctl would have the bus start another iwd (services.sh
# removes that possibility); NameHasOwner never starts anything
owned() {
  dbus-send --system --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:net.connman.iwd 2> /dev/null | grep 'boolean true' > /dev/null
}
if ! wait_until 60 owned || ! wait_until 60 sh -c "iwctl station '$IFACE' show 2>/dev/null | grep -q 'State'"; then
  fail iwd "iwd did not take $IFACE within 60 s (see iwd/iwd.log)"
  exit "$failures"
fi
note "iwd manages $IFACE"
# a scan, until both networks are known
for _ in 1 2 3 4 5; do
  iwctl station "$IFACE" scan > /dev/null 2>&1
  wait_until 30 sh -c "iwctl station '$IFACE' show 2>/dev/null | grep -q 'Scanning *no'"
  networks=$(iwctl station "$IFACE" get-networks 2> /dev/null)
  grep -q "$WPA3_SSID" <<< "$networks" && grep -q "$OPEN_SSID " <<< "$networks" && break
done
note "scanned"

# join NAME: iwctl station connect, then the state; sets $joined.
join() {
  iwctl station "$IFACE" disconnect > /dev/null 2>&1
  timeout "$WAIT" iwctl station "$IFACE" connect "$1" > "$WORK/connect-$1.log" 2>&1
  wait_until 20 sh -c "iwctl station '$IFACE' show 2>/dev/null | grep -q 'State *connected'"
  joined=$(station)
  iw dev "$IFACE" link > "$RESULTS/link-$1.txt" 2>&1
  note "joined $1: $joined"
}

# now_problems JSON KEY=VALUE...: what differs in `now`'s report (dotted keys).
now_problems() {
  python3 -c '
import json, sys
try:
    doc = json.loads(sys.argv[1])
except ValueError as e:
    print(f"not JSON: {e}")
    sys.exit()
for arg in sys.argv[2:]:
    key, _, want = arg.partition("=")
    value = doc
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    got = value if isinstance(value, str) else json.dumps(value)
    if got != want:
        print(f"{key}: expected {want}, got {got}")
' "$@"
}

record_replies() { # label
  busctl --system --json=pretty call net.connman.iwd / org.freedesktop.DBus.ObjectManager \
    GetManagedObjects > "$RESULTS/managed-objects-$1.json" 2>&1
  local path
  path=$(busctl --system tree net.connman.iwd 2> /dev/null |
    grep -o "/net/connman/iwd/[0-9]*/[0-9]*$" | head -n 1)
  busctl --system --json=pretty call net.connman.iwd "$path" net.connman.iwd.StationDiagnostic \
    GetDiagnostics > "$RESULTS/diagnostics-$1.json" 2>&1
}

# --- lab-wpa3: now reads what iwd negotiated ------------------------------------------------
join "$WPA3_SSID"
if [ "$joined" = connected ]; then
  pass iwd-join-wpa3 "iwd: connected; $(head -n 1 "$RESULTS/link-$WPA3_SSID.txt")"
  record_replies wpa3
  out=$("$WIFIRISK" now --interface "$IFACE" --cached --no-probe --format json 2> "$WORK/now-wpa3.err")
  echo "$out" > "$RESULTS/now-wpa3.json"
  problems=$(now_problems "$out" "connection.ssid=$WPA3_SSID" connection.rating_basis=negotiated \
    connection.negotiated.source=iwd connection.negotiated.key_mgmt=SAE \
    connection.negotiated.security=wpa3-personal connection.negotiated.pairwise_cipher=CCMP \
    connection.negotiated.pmf=true connection.network.security=wpa3-personal)
  [ -z "$problems" ] &&
    pass iwd-now-wpa3 "rating_basis negotiated from iwd: key_mgmt SAE, wpa3-personal, CCMP, PMF in use" ||
    fail iwd-now-wpa3 "$(tr '\n' ';' <<< "$problems") $(tail -n 2 "$WORK/now-wpa3.err")"
  # iwd answers root and netdev only: as nobody, a note and the advertised rating
  out=$(setpriv --reuid=nobody --regid=nogroup --clear-groups "$WIFIRISK" now --interface "$IFACE" \
    --cached --no-probe --format json 2> "$WORK/now-nobody.err")
  problems=$(now_problems "$out" connection.rating_basis=advertised connection.negotiated=null)
  if [ -z "$problems" ] && grep -q "answers only root and the netdev group" "$WORK/now-nobody.err"; then
    pass iwd-now-unprivileged "$(grep -o 'iwd manages.*' "$WORK/now-nobody.err")"
  else
    fail iwd-now-unprivileged "$(tr '\n' ';' <<< "$problems") stderr: $(cat "$WORK/now-nobody.err")"
  fi
else
  fail iwd-join-wpa3 "iwd state: expected connected, got '$joined' ($(cat "$WORK/connect-$WPA3_SSID.log"))"
fi

# --- lab-open -----------------------------------------------------------------------------------
join "$OPEN_SSID"
if [ "$joined" = connected ]; then
  record_replies open
  out=$("$WIFIRISK" now --interface "$IFACE" --cached --no-probe --format json 2> "$WORK/now-open.err")
  echo "$out" > "$RESULTS/now-open.json"
  problems=$(now_problems "$out" "connection.ssid=$OPEN_SSID" connection.rating_basis=negotiated \
    connection.negotiated.source=iwd connection.negotiated.key_mgmt=NONE \
    connection.negotiated.security=open connection.negotiated.pmf=false)
  [ -z "$problems" ] && pass iwd-now-open "rating_basis negotiated from iwd: key_mgmt NONE, open" ||
    fail iwd-now-open "$(tr '\n' ';' <<< "$problems") $(tail -n 2 "$WORK/now-open.err")"
else
  fail iwd-join-open "iwd state: expected connected, got '$joined' ($(cat "$WORK/connect-$OPEN_SSID.log"))"
fi
iwctl station "$IFACE" disconnect > /dev/null 2>&1

# --- wifirisk watch, as hook install iwd sets it up -----------------------------------------
unit=/etc/systemd/system/wifirisk-watch.service
action=/etc/wifirisk/watch-action.sh
installed=$("$WIFIRISK" hook install iwd --profile strict --time-limit 60 2> "$WORK/install.log")
exec_start=$(sed -n 's/^ExecStart=//p' "$unit" 2> /dev/null)
if [ "$installed" = "$action"$'\n'"$unit" ] && [ -x "$action" ] &&
  [ "$exec_start" = "$(readlink -f "$WIFIRISK") watch --action $action" ]; then
  pass iwd-hook-install "$action; $unit: ExecStart=$exec_start"
else
  fail iwd-hook-install "expected $action and $unit with ExecStart=$WIFIRISK watch --action $action, got '$installed' / '$exec_start' ($(cat "$WORK/install.log"))"
  exit "$failures"
fi
mkdir -p "$RESULTS/events"
start_procwatch "$RESULTS/processes.jsonl"
# shellcheck disable=SC2086
$exec_start --interface "$IFACE" --record "$RESULTS/events" < /dev/null > "$WORK/watch.log" 2>&1 &
WATCH_PID=$!
wait_until 20 grep -q "watching" "$WORK/watch.log" ||
  fail iwd-watch "wifirisk watch did not start: $(cat "$WORK/watch.log")"

# watch_join NAME TEXT: joins with iwctl and waits for the watch's journal entry whose
# message contains TEXT; sets $entry and $logged.
watch_join() {
  local cursor
  cursor=$(journal_cursor)
  iwctl station "$IFACE" disconnect > /dev/null 2>&1
  timeout "$WAIT" iwctl station "$IFACE" connect "$1" > "$WORK/watch-connect-$1.log" 2>&1
  logged=$(wait_logged 120 "$cursor" "$2")
  entry=$(entry_with "$cursor" "$2")
  echo "$logged" > "$RESULTS/watch-log-$1.txt"
}

watch_join "$WPA3_SSID" "$IFACE: allow: $WPA3_SSID"
sleep 3 # long enough for a disconnect to show, if one came
state=$(station)
problems=$(fields_problems "$entry" WIFIRISK_ACTION=allow WIFIRISK_HOOK=iwd \
  "WIFIRISK_INTERFACE=$IFACE" "WIFIRISK_SSID=$WPA3_SSID" WIFIRISK_SECURITY=wpa3-personal)
if [ "$state" = connected ] && [ -n "$entry" ] && [ -z "$problems" ]; then
  pass iwd-watch-wpa3-allowed "$(json_field "$entry" MESSAGE); iwd: $state"
else
  fail iwd-watch-wpa3-allowed "expected connected with an allow logged, got iwd state '$state'; $(tr '\n' ';' <<< "$problems") log: $(tr '\n' '|' <<< "$logged")"
fi

watch_join "$OPEN_SSID" "$IFACE: block: $OPEN_SSID"
wait_until 20 sh -c "iwctl station '$IFACE' show 2>/dev/null | grep -q 'State *disconnected'"
sleep 3 # long enough for a reconnect to show, if iwd tried one
state=$(station)
problems=$(fields_problems "$entry" WIFIRISK_ACTION=block WIFIRISK_HOOK=iwd \
  "WIFIRISK_INTERFACE=$IFACE" "WIFIRISK_SSID=$OPEN_SSID" WIFIRISK_SECURITY=open \
  WIFIRISK_DISCONNECTED=yes)
iw dev "$IFACE" link > "$RESULTS/link-watch-open.txt" 2>&1
if [ "$state" = disconnected ] && [ -z "$problems" ] && grep -q "Not connected" "$RESULTS/link-watch-open.txt"; then
  pass iwd-watch-open-blocked "$(json_field "$entry" MESSAGE); iwd: $state"
else
  fail iwd-watch-open-blocked "expected disconnected with a block logged, got iwd state '$state'; $(tr '\n' ';' <<< "$problems") log: $(tr '\n' '|' <<< "$logged")"
fi
# WIFIRISK_DISCONNECTED=yes: `watch --disconnect` succeeded, and iwd alone manages CLIENT_IF
if problems=$(check_processes "$RESULTS/processes.jsonl" "$IFACE"); then
  n=$(sed -n "s/^checks: //p" <<< "$problems")
  problems=$(grep -v "^checks: " <<< "$problems")
  [ -z "$problems" ] && pass iwd-watch-unprivileged "$n checks started by watch, each as nobody, CapEff 0, NoNewPrivs 1" ||
    fail iwd-watch-unprivileged "$(tr '\n' ';' <<< "$problems")"
else
  fail iwd-watch-unprivileged "no wifirisk check process seen for $IFACE"
fi
kill "$WATCH_PID" 2> /dev/null
WATCH_PID=

echo "iwd: $failures failed in $(at)s" > "$RESULTS/summary.txt"
exit "$failures"
