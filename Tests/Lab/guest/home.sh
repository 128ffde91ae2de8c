#!/bin/bash
# wifirisk lab: `wifirisk home` against real routers, in the guest.
#
#   home.sh OUTDIR WIFIRISK CLIENT
#
# Runs as root in the lab guest. As root, each `home` scans again when the kernel's cached
# results are older than 30 s (the default), on the routers' three channels only. Starts the access points of Tests/Lab/home/*.conf on radios
# of their own (wlan13-wlan17, their addresses set first, as a router's are): a neglected
# home router (lab-home: WPA2 with TKIP and WPS on one radio, WPA3 on the other, an open
# guest network), a well-kept one (lab-tidy: WPA3 on both radios, WPS off, a WPA2/WPA3
# guest network) and a neighbour of the neglected one's vendor (lab-neighbour, and an open
# lab-home-5G), then on CLIENT:
#
#   home-scan        `scan --fresh --save` sees all eight access points (the saved scan is
#                    the recording fixtures/lab/home.json is made from)
#   home-neglected   `home --ssid lab-home`: no-legacy, same-everywhere, wps-off and
#                    guest-network are fix, exit 2; its siblings are lab-home-guest alone
#                    (not the neighbour's networks)
#   home-fixture     the same check-up from the saved scan (--fixture)
#   home-text        the text checklist: worst first, every fix with "What to do"
#   home-tidy        `home --ssid lab-tidy`: every item passes, exit 0; lab-tidy-guest is
#                    its sibling
#   home-connected   joined to lab-tidy with wpa_supplicant, `home` without --ssid checks
#                    the connected network
#   home-unprivileged  as nobody, from the kernel's cached scan: the same verdict on lab-home
#   home-errors      an unknown name, and no --ssid while not connected: exit 1 with one line
#
# Output: "PASS name: context" or "FAIL name: what (context)". Exit status: the number of
# failed checks (0: all passed).
set -uo pipefail
if [ $# -lt 3 ]; then
  echo "usage: home.sh OUTDIR WIFIRISK CLIENT" >&2
  exit 2
fi
OUT=$1/home
WIFIRISK=$2
CLIENT=$3
LAB_DIR=$(cd "$(dirname "$0")/.." && pwd)
WORK=/run/wifirisk-lab/home
CTRL=/run/hostapd-home
FREQS=(--freq 2412 --freq 2437 --freq 2462)
mkdir -p "$OUT" "$WORK"
FAILED=0
pass() { echo "PASS $*"; }
fail() {
  echo "FAIL $*"
  FAILED=$((FAILED + 1))
}
log() { printf '[home] %s\n' "$*" >&2; }

cleanup() {
  for pidfile in "$WORK"/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2> /dev/null
  done
}
trap cleanup EXIT

# 1. The routers, each radio with the address its configuration names.
declare -A ADDRESS=(
  [wlan13]=3c:a6:2f:10:00:00 [wlan14]=3c:a6:2f:10:00:08 [wlan15]=00:1a:2b:20:00:00
  [wlan16]=00:1a:2b:20:00:04 [wlan17]=3c:a6:2f:77:12:40
)
started=1
for conf in home-a home-b tidy-a tidy-b neighbour; do
  iface=$(sed -n 's/^interface=//p' "$LAB_DIR/home/$conf.conf")
  ip link set dev "$iface" down
  ip link set dev "$iface" address "${ADDRESS[$iface]}"
  if ! hostapd -B -P "$WORK/$conf.pid" -f "$OUT/hostapd-$conf.log" "$LAB_DIR/home/$conf.conf"; then
    fail "home-aps: hostapd $conf did not start ($(tail -n 3 "$OUT/hostapd-$conf.log" | tr '\n' ' '))"
    started=0
  fi
done
BSSIDS=(3c:a6:2f:10:00:00 3c:a6:2f:10:00:01 3c:a6:2f:10:00:08 00:1a:2b:20:00:00
  00:1a:2b:20:00:01 00:1a:2b:20:00:04 3c:a6:2f:77:12:40 3c:a6:2f:77:12:41)
enabled() {
  for iface in wlan13 wlan14 wlan15 wlan16 wlan17; do
    hostapd_cli -p "$CTRL" -i "$iface" status 2> /dev/null | grep '^state=ENABLED' > /dev/null || return 1
  done
}
for _ in $(seq 100); do
  enabled && break
  sleep 0.2
done
if [ $started = 1 ] && enabled; then
  pass "home-aps: five radios, eight access points up"
else
  fail "home-aps: not every router radio is ENABLED"
fi
ip link set "$CLIENT" up

# run NAME [--as USER] ARGS...: wifirisk with a time limit; stdout in NAME.out, stderr in
# NAME.err, exit status in NAME.rc
run() {
  local name=$1
  shift
  local prefix=()
  if [ "${1:-}" = --as ]; then
    prefix=(setpriv --reuid "$2" --regid nogroup --clear-groups --inh-caps=-all --)
    shift 2
  fi
  timeout 60 "${prefix[@]}" "$WIFIRISK" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"
  echo $? > "$OUT/$name.rc"
}
rc() { cat "$OUT/$1.rc"; }
errors() { head -c 300 "$OUT/$1.err" | tr '\n' ' '; }

# fresh_scan NAME ARGS...: `scan --fresh` of the three channels (with ARGS) into NAME.out,
# again until all eight access points show, at most four times (under the emulator a scan
# can miss a beacon); the ones still missing in $missing.
fresh_scan() {
  local name=$1
  shift
  missing=""
  for _ in 1 2 3 4; do
    run "$name" scan --fresh --interface "$CLIENT" "${FREQS[@]}" "$@" --format json
    missing=$(python3 - "$OUT/$name.out" "${BSSIDS[@]}" << 'EOF'
import json, sys
try:
    got = {n["bssid"] for n in json.load(open(sys.argv[1]))["networks"]}
except Exception:
    got = set()
print(" ".join(b for b in sys.argv[2:] if b not in got))
EOF
    )
    [ "$(rc "$name")" = 0 ] && [ -z "$missing" ] && return 0
    sleep 1
  done
  return 1
}

# 2. One fresh scan, kept as a fixture.
if fresh_scan scan --save "$OUT/home-scan.json"; then
  pass "home-scan: every router's access points in a fresh scan, saved"
else
  fail "home-scan: exit $(rc scan), missing: ${missing:-none} ($(errors scan))"
fi

# judge NAME EXPECTED_RC SSID STATUS... : checks a wifirisk.home/1 document in NAME.out.
# STATUS is id=status; SIBLINGS=name,name (the expected sibling names, sorted)
judge() {
  python3 - "$OUT/$1.out" "$(rc "$1")" "$@" << 'EOF'
import json, os, sys
path, rc, name, want_rc, ssid = sys.argv[1:6]
wants = dict(arg.split("=", 1) for arg in sys.argv[6:])
siblings = wants.pop("SIBLINGS", None)
problems = []
try:
    doc = json.load(open(path))
except Exception as error:
    print(f"FAIL {name}: expected a wifirisk.home/1 document, got {error} (exit {rc})")
    sys.exit(1)
if rc != want_rc:
    problems.append(f"exit status: expected {want_rc}, got {rc}")
if doc.get("exit_status") != int(want_rc):
    problems.append(f"exit_status: expected {want_rc}, got {doc.get('exit_status')}")
if doc.get("schema") != "wifirisk.home/1":
    problems.append(f"schema: got {doc.get('schema')!r}")
if doc.get("network", {}).get("ssid") != ssid:
    problems.append(f"network.ssid: expected {ssid!r}, got {doc.get('network')!r}")
items = {item["id"]: item["status"] for item in doc.get("items", [])}
for item, status in wants.items():
    if status == "pass-all":
        bad = {k: v for k, v in items.items() if v != "pass"}
        if bad or len(items) != 8:
            problems.append(f"items: expected 8, all pass, got {items}")
    elif items.get(item) != status:
        problems.append(f"{item}: expected {status}, got {items.get(item)}")
got_siblings = ",".join(sorted(s["ssid"] for s in doc.get("siblings", [])))
if siblings is not None and got_siblings != siblings:
    problems.append(f"siblings: expected {siblings!r}, got {got_siblings!r}")
order = {"fix": 3, "improve": 2, "unknown": 1, "pass": 0}
ranks = [order[i["status"]] for i in doc.get("items", [])]
if ranks != sorted(ranks, reverse=True):
    problems.append(f"items are not worst first: {[i['id'] for i in doc.get('items', [])]}")
aps = len(doc.get("access_points", []))
context = f"{aps} access points, siblings {got_siblings or 'none'}, " + ", ".join(
    f"{k} {v}" for k, v in items.items() if v != "pass") + f", exit {rc}"
if problems:
    for problem in problems:
        print(f"FAIL {name}: {problem} ({context})")
    sys.exit(1)
print(f"PASS {name}: {context}")
EOF
  [ $? = 0 ] || FAILED=$((FAILED + 1))
}

NEGLECTED=(no-legacy=fix same-everywhere=fix wps-off=fix guest-network=fix
  encryption=improve own-name=pass visible-name=pass SIBLINGS=lab-home-guest)

# 3. The neglected home, live and from the saved scan.
run neglected home --ssid lab-home --interface "$CLIENT" "${FREQS[@]}" --format json
judge neglected 2 lab-home "${NEGLECTED[@]}"
run fixture home --fixture "$OUT/home-scan.json" --ssid lab-home --format json
judge fixture 2 lab-home "${NEGLECTED[@]}"

# 4. The text checklist: fix items first, each with what to do; no escape codes.
run text home --ssid lab-home --interface "$CLIENT" "${FREQS[@]}"
python3 - "$OUT/text.out" "$(rc text)" << 'EOF'
import sys
text, rc = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
lines = text.splitlines()
statuses = [l.split()[0] for l in lines
            if l.split()[:1] and l.split()[0] in ("FIX", "IMPROVE", "PASS", "UNKNOWN")]
problems = []
if rc != "2":
    problems.append(f"exit status: expected 2, got {rc}")
if statuses[:4] != ["FIX"] * 4:
    problems.append(f"expected four FIX items first, got {statuses}")
if text.count("What to do:") != sum(s != "PASS" for s in statuses):
    problems.append("every item that does not pass says what to do")
if "\x1b" in text:
    problems.append("colour or escape codes in output that is not a terminal")
if "Result: 4 to fix" not in text:
    problems.append("a last line with the counts")
if problems:
    print("FAIL home-text: " + "; ".join(problems))
    sys.exit(1)
print(f"PASS home-text: {len(statuses)} items, {statuses.count('FIX')} FIX first, advice for each")
EOF
[ $? = 0 ] || FAILED=$((FAILED + 1))

# 5. The well-kept home.
run tidy home --ssid lab-tidy --interface "$CLIENT" "${FREQS[@]}" --format json
judge tidy 0 lab-tidy all=pass-all SIBLINGS=lab-tidy-guest

# 6. Connected to lab-tidy: home judges the connected network.
cat > "$WORK/client.conf" << 'EOF'
ctrl_interface=/run/wifirisk-lab/home/client
network={
  ssid="lab-tidy"
  key_mgmt=SAE
  sae_password="lab-passphrase-123"
  ieee80211w=2
  scan_freq=2412 2462
}
EOF
wpa_supplicant -B -i "$CLIENT" -c "$WORK/client.conf" -P "$WORK/client.pid" \
  -f "$OUT/wpa_supplicant.log"
state=""
for _ in $(seq 150); do
  state=$(wpa_cli -p "$WORK/client" -i "$CLIENT" status 2> /dev/null | sed -n 's/^wpa_state=//p')
  [ "$state" = COMPLETED ] && break
  sleep 0.2
done
if [ "$state" = COMPLETED ]; then
  run connected home --interface "$CLIENT" "${FREQS[@]}" --format json
  judge connected 0 lab-tidy all=pass-all
else
  fail "home-connected: wpa_supplicant did not join lab-tidy (state ${state:-none})"
fi
wpa_cli -p "$WORK/client" -i "$CLIENT" terminate > /dev/null 2>&1

# 7. Without privilege, from the cached scan a fresh one has just filled.
fresh_scan rescan || echo "home: the scan before home-unprivileged misses ${missing:-none} (exit $(rc rescan))" >&2
run unprivileged --as nobody home --ssid lab-home --cached --interface "$CLIENT" --format json
judge unprivileged 2 lab-home "${NEGLECTED[@]}"

# 8. Errors: one line, exit 1.
run unknown home --ssid lab-nowhere --interface "$CLIENT" "${FREQS[@]}"
run disconnected home --interface "$CLIENT" "${FREQS[@]}"
# (a note on the scan may come first; the error is the last line, and the only one that is
# not a note)
bad=""
for name in unknown:"no access point named" disconnected:"not connected on"; do
  words=${name#*:}
  name=${name%%:*}
  last=$(tail -n 1 "$OUT/$name.err")
  errors=$(grep -vc 'using the kernel' "$OUT/$name.err")
  [ "$(rc $name)" = 1 ] && [ "$errors" = 1 ] && [[ $last == *"$words"* ]] \
    || bad+="$name: exit $(rc $name), $errors error lines, last: $last; "
done
if [ -z "$bad" ]; then
  pass "home-errors: $(tail -n 1 "$OUT/unknown.err") | $(tail -n 1 "$OUT/disconnected.err")"
else
  fail "home-errors: $bad($(errors unknown) $(errors disconnected))"
fi

exit $FAILED
