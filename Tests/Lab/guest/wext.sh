#!/bin/bash
# wifirisk lab: the Wireless Extensions backend against nl80211, in the guest.
#
#   wext.sh [--record DIR] WIFIRISK IFACE OUTDIR [MHZ...]
#
# Runs as root in the lab guest, after the access points are up and IFACE (a client radio)
# is up; MHZ limits every fresh scan to the APs' channels. Checks that
# `wifirisk scan --backend wext` finds the same access points with the same security as
# `wifirisk scan --backend nl80211` read from the same kernel scan table:
#
#   wext-cached   nl80211 fresh scan, then wext --cached: same BSSIDs; per BSSID the same
#                 security, pmf, wps.enabled, SSID and frequency
#   wext-fresh    wext --fresh (SIOCSIWSCAN, then SIOCGIWSCAN until the scan is done), then
#                 nl80211 --cached: the same comparison
#   wext-source   the report and the --save fixture say source "wext", and the notes say
#                 what Wireless Extensions cannot show
#   wext-unprivileged  as nobody: wext reads the cached results (exit 0), and --fresh says a
#                 fresh scan needs CAP_NET_ADMIN
#   wext-errors   --backend wext on a non-wireless interface and on a missing one: exit 1
#                 with one line naming the interface
#
# Findings that differ are printed as INFO lines (nl80211 also has the beacon's elements,
# Wireless Extensions only the latest frame's). Output: "PASS name: context",
# "FAIL name: field: expected X, got Y (context)", then "wext: N passed, M failed".
# Exit status: the number of failed checks (0: all passed).
#
# --record DIR also saves, right after the cached comparison, the raw SIOCGIWSCAN event
# stream of IFACE as hex (DIR/lab-scan.hex, read with a plain ioctl from python3, not by
# wifirisk), the nl80211 scan it is compared with as a fixture (DIR/lab-scan.nl80211.json)
# and, when wireless-tools is installed, `iwlist IFACE scanning last`
# (DIR/lab-scan.iwlist.txt): libiw's own reading of the same stream.
set -uo pipefail
RECORD=""
if [ "${1:-}" = "--record" ]; then RECORD=$2; shift 2; fi
if [ $# -lt 3 ]; then
  echo "usage: wext.sh [--record DIR] WIFIRISK IFACE OUTDIR [MHZ...]" >&2
  exit 2
fi
WIFIRISK=$1
IFACE=$2
OUT=$3
shift 3
FREQ_ARGS=()
for f in "$@"; do FREQ_ARGS+=(--freq "$f"); done
mkdir -p "$OUT/wext"
D=$OUT/wext
PASSED=0
FAILED=0
result() { # PASS|FAIL line...
  echo "$*"
  case $1 in PASS) PASSED=$((PASSED + 1)) ;; FAIL) FAILED=$((FAILED + 1)) ;; esac
}

# run NAME ARGS...: wifirisk with a time limit; stdout in $D/NAME.json, stderr in NAME.err
run() {
  local name=$1
  shift
  timeout 60 "$WIFIRISK" "$@" > "$D/$name.json" 2> "$D/$name.err"
  echo $? > "$D/$name.rc"
  return "$(cat "$D/$name.rc")"
}

# compare NAME WEXT_JSON NL80211_JSON: prints PASS/FAIL/INFO lines, exits with the failures
compare() {
  python3 - "$@" << 'EOF'
import json, sys
name, wext_path, nl_path = sys.argv[1:4]
fails = []
infos = []
def load(path):
    with open(path) as f:
        return json.load(f)
try:
    wext, nl = load(wext_path), load(nl_path)
except Exception as error:  # a command that failed leaves no JSON
    print(f"FAIL {name}: report: expected JSON, got {error}")
    sys.exit(1)
w = {n["bssid"]: n for n in wext.get("networks", [])}
n = {n["bssid"]: n for n in nl.get("networks", [])}
if not n:
    fails.append("networks: expected some from nl80211, got none")
for bssid in sorted(set(n) - set(w)):
    fails.append(f"bssid {bssid}: expected in the wext report (nl80211 has it), got nothing")
for bssid in sorted(set(w) - set(n)):
    fails.append(f"bssid {bssid}: expected nothing (nl80211 lacks it), got it in the wext report")
def field(net, path):
    for key in path.split("."):
        net = net.get(key) if isinstance(net, dict) else None
    return net
for bssid in sorted(set(w) & set(n)):
    for path in ["security", "pmf", "wps.enabled", "ssid", "hidden", "frequency"]:
        a, b = field(w[bssid], path), field(n[bssid], path)
        if a != b:
            fails.append(f"{bssid} {path}: expected {b!r} (nl80211), got {a!r}")
    fw = {f["id"] for f in w[bssid].get("findings", [])}
    fn = {f["id"] for f in n[bssid].get("findings", [])}
    if fw != fn:
        infos.append(f"{bssid} findings: nl80211 only {sorted(fn - fw)}, wext only {sorted(fw - fn)}")
for line in infos:
    print(f"INFO {name}: {line}")
context = f"{len(w)} networks via wext, {len(n)} via nl80211"
if fails:
    for line in fails:
        print(f"FAIL {name}: {line} ({context})")
    sys.exit(1)
securities = sorted({n[b]["security"] for b in n})
print(f"PASS {name}: {context}, same security for each ({', '.join(securities)})")
EOF
}

record() {
  [ -n "$RECORD" ] || return 0
  mkdir -p "$RECORD"
  python3 - "$IFACE" "$RECORD/lab-scan.hex" << 'EOF'
# SIOCGIWSCAN with a plain ioctl: struct iwreq = char[16] name + struct iw_point
# (pointer, u16 length, u16 flags), native layout. Grows the buffer on E2BIG, waits on EAGAIN.
import ctypes, errno, fcntl, socket, struct, sys, time
iface, path = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
size, deadline = 4096, time.time() + 20
while True:
    buf = ctypes.create_string_buffer(size)
    req = bytearray(struct.pack("16sPHH", iface.encode(), ctypes.addressof(buf), size, 0))
    req += bytes(32 - len(req))
    try:
        fcntl.ioctl(s, 0x8B19, req)
    except OSError as e:
        if e.errno == errno.E2BIG and size < 65535:
            size = min(65535, size * 2)
            continue
        if e.errno == errno.EAGAIN and time.time() < deadline:
            time.sleep(0.1)
            continue
        raise
    length = struct.unpack_from("H", req, struct.calcsize("16sP"))[0]
    data = buf.raw[:length]
    break
with open(path, "w") as f:
    for i in range(0, len(data), 32):
        f.write(data[i:i + 32].hex() + "\n")
print(f"recorded {len(data)} bytes of SIOCGIWSCAN events from {iface} into {path}")
EOF
  cp "$D/nl80211-fixture.json" "$RECORD/lab-scan.nl80211.json"
  if command -v iwlist > /dev/null; then
    iwlist "$IFACE" scanning last > "$RECORD/lab-scan.iwlist.txt" 2>&1
  fi
}

# Each comparison reads the kernel's table twice, once through each interface. Under the
# emulator a scan can miss a channel's beacons, and the kernel drops an entry 30 s after it
# was last seen, so an entry can leave the table between the two readings. A pair that does
# not agree is read again, at most three times; the last comparison counts, and a wrong
# reading fails every time.
#
# pair NAME FIRST SECOND WEXT_JSON NL80211_JSON: a fresh scan through backend FIRST (saved
# as FIRST-fixture.json), then the cached table read through SECOND, then compare, until
# they agree. Sets $attempt (readings tried) and $compared (the reading $D/NAME.compare is
# of; 0 when no reading succeeded).
pair() {
  local name=$1 first=$2 second=$3
  compared=0
  for attempt in 1 2 3; do
    if run "$first-fresh" scan --backend "$first" --fresh --interface "$IFACE" "${FREQ_ARGS[@]}" \
      --save "$D/$first-fixture.json" --format json &&
      run "$second-cached" scan --backend "$second" --cached --interface "$IFACE" --format json; then
      compared=$attempt
      compare "$name" "$4" "$5" > "$D/$name.compare" && return 0
    fi
    sleep 1
  done
}
# pair_result NAME: the comparison's lines, counted as one check.
pair_result() {
  cat "$D/$1.compare"
  grep "^FAIL" "$D/$1.compare" > /dev/null && FAILED=$((FAILED + 1)) || PASSED=$((PASSED + 1))
  [ "$attempt" = 1 ] || echo "INFO $1: the pair was read $attempt times; the comparison above is of reading $compared"
}

# 1. nl80211 fills the kernel's scan table; wext reads it back.
pair wext-cached nl80211 wext "$D/wext-cached.json" "$D/nl80211-fresh.json"
if [ "$compared" != 0 ]; then
  record
  pair_result wext-cached
else
  result FAIL "wext-cached: exit status: expected 0, got nl80211 $(cat "$D/nl80211-fresh.rc")," \
    "wext $(cat "$D/wext-cached.rc" 2> /dev/null) ($(head -c 300 "$D"/*.err | tr '\n' ' '))"
fi

# 2. wext triggers the scan; nl80211 reads the table right after.
pair wext-fresh wext nl80211 "$D/wext-fresh.json" "$D/nl80211-cached.json"
if [ "$compared" != 0 ]; then
  pair_result wext-fresh
  fresh=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sources"][0]["fresh"])' \
    "$D/wext-fresh.json" 2> /dev/null)
  if [ "$fresh" = True ]; then
    result PASS "wext-fresh-scan: the report says fresh (SIOCSIWSCAN finished)"
  else
    result FAIL "wext-fresh-scan: sources[0].fresh: expected true, got ${fresh:-nothing}" \
      "($(head -c 300 "$D/wext-fresh.err" | tr '\n' ' '))"
  fi
else
  result FAIL "wext-fresh: exit status: expected 0, got wext $(cat "$D/wext-fresh.rc")," \
    "nl80211 $(cat "$D/nl80211-cached.rc" 2> /dev/null) ($(head -c 300 "$D/wext-fresh.err" | tr '\n' ' '))"
fi

# 3. The reports say where the data came from and what it cannot show.
python3 - "$D/wext-cached.json" "$D/wext-fixture.json" << 'EOF'
import json, sys
report_path, fixture_path = sys.argv[1:3]
fails = []
try:
    report = json.load(open(report_path))
    source = report["sources"][0]
    if source.get("source") != "wext":
        fails.append(f"sources[0].source: expected 'wext', got {source.get('source')!r}")
    notes = " ".join(source.get("notes") or [])
    for words in ["Wireless Extensions", "beacon", "capability"]:
        if words not in notes:
            fails.append(f"sources[0].notes: expected to mention {words!r}, got {notes!r}")
except Exception as error:
    fails.append(f"report: expected JSON, got {error}")
try:
    fixture = json.load(open(fixture_path))
    if fixture.get("source") != "wext":
        fails.append(f"--save fixture source: expected 'wext', got {fixture.get('source')!r}")
    if any("beacon_ies" in b for b in fixture.get("bss", [])):
        fails.append("--save fixture: expected no beacon_ies (wext cannot show them), got some")
except Exception as error:
    fails.append(f"--save fixture: expected JSON, got {error}")
for line in fails:
    print(f"FAIL wext-source: {line}")
if not fails:
    print("PASS wext-source: source wext in the report and the fixture; the notes name the limits")
sys.exit(1 if fails else 0)
EOF
[ $? = 0 ] && PASSED=$((PASSED + 1)) || FAILED=$((FAILED + 1))

# 4. Without privilege: cached results, and a note instead of a failed fresh scan. The
# kernel drops results 30 s after the last sighting, and on a loaded machine the guest can be
# slow enough for that between a refill and the read: a read that finds nothing is tried
# again after another refill (three times at most). Every other outcome counts at once.
if command -v setpriv > /dev/null; then
  as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
  count=0
  for attempt in 1 2 3; do
    run refill scan --backend wext --fresh --interface "$IFACE" "${FREQ_ARGS[@]}" --format json
    as_nobody timeout 60 "$WIFIRISK" scan --backend wext --interface "$IFACE" --format json \
      > "$D/unprivileged.json" 2> "$D/unprivileged.err"
    rc1=$?
    count=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["networks"]))' \
      "$D/unprivileged.json" 2> /dev/null)
    [ $rc1 = 0 ] && [ "${count:-0}" = 0 ] || break
    echo "INFO wext-unprivileged: attempt $attempt read no networks; refilling the scan table"
  done
  as_nobody timeout 60 "$WIFIRISK" scan --backend wext --fresh --interface "$IFACE" \
    --format json > "$D/unprivileged-fresh.json" 2> "$D/unprivileged-fresh.err"
  rc2=$?
  if [ $rc1 = 0 ] && [ $rc2 = 0 ] && grep -q "CAP_NET_ADMIN" "$D/unprivileged-fresh.err" \
    && [ "${count:-0}" -gt 0 ]; then
    result PASS "wext-unprivileged: cached results ($count networks, attempt $attempt);" \
      "--fresh notes CAP_NET_ADMIN"
  else
    result FAIL "wext-unprivileged: expected exit 0, 0, cached networks and a CAP_NET_ADMIN" \
      "note, got $rc1, $rc2, ${count:-no} networks" \
      "($(head -c 300 "$D/unprivileged-fresh.err" | tr '\n' ' '))"
  fi
else
  echo "SKIP wext-unprivileged: setpriv is not installed"
fi

# 5. Errors: one line naming the interface, exit status 1.
bad=""
for name in lo no-such-if0; do
  timeout 30 "$WIFIRISK" scan --backend wext --interface "$name" > /dev/null 2> "$D/error-$name.err"
  rc=$?
  lines=$(wc -l < "$D/error-$name.err")
  if [ $rc != 1 ] || [ "$lines" != 1 ] || ! grep -q -- "$name" "$D/error-$name.err"; then
    bad+=" $name: exit $rc, $lines lines: $(head -c 200 "$D/error-$name.err" | tr '\n' ' ');"
  fi
done
if [ -z "$bad" ]; then
  result PASS "wext-errors: one-line errors naming lo and a missing interface, exit 1"
else
  result FAIL "wext-errors: expected exit 1 and one line naming the interface, got$bad"
fi

echo "wext: $PASSED passed, $FAILED failed"
exit "$FAILED"
