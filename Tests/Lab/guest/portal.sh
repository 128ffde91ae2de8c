#!/usr/bin/env bash
# The captive portal check end to end, inside the kernel lab's guest (real mac80211_hwsim
# radios, no network card). Stand-alone: run it as root in a guest with two or more hwsim
# radios.
#
#   portal.sh OUTDIR WIFIRISK_BINARY
#
# The first radio is an open hotspot ("Lab Cafe Free WiFi", hostapd) that also runs, on its
# own address 192.0.2.1: dnsmasq as DHCP server (offering option 114, the captive portal
# API URI of RFC 8910) and as a DNS server that answers every name with 192.0.2.1, and an
# HTTP portal that redirects every request to its sign-in page. The second radio is moved
# into its own network namespace ("client") with `iw phy PHY set netns name client`, so
# every packet between the client and the hotspot crosses the simulated radio. The client
# joins with wpa_supplicant and gets a lease with dhclient; then `wifirisk now` must say:
#
#   1. captive, with the portal's sign-in URL and the lease's API URI (the portal answers
#      the probe with a redirect; the probe URL is wifirisk's default, resolved through
#      the hotspot's DNS);
#   2. online, after the portal lets the client through (it answers 204);
#   3. no-internet, when the portal's web server is gone (connection refused);
#   4. not-probed with --no-probe, and the lease's API URI still read.
#
# The radios are the first two wiphys unless PORTAL_AP_PHY and PORTAL_CLIENT_PHY name
# others (to run beside other access points in the same guest); the hotspot's interface
# gets 192.0.2.1/24. With PORTAL_AP_IF the hotspot is an open BSS that is already up on
# channel 1 (the kernel lab's lab-hotspot-free, PORTAL_SSID names it): no hostapd is
# started and only the client radio is needed. Every check prints PASS or FAIL; the exit
# status is the number of failures (0: all passed).
# Needs: hostapd, wpa_supplicant, iw, ip, dnsmasq (dnsmasq-base), dhclient
# (isc-dhcp-client), python3.
set -uo pipefail

OUT=${1:?usage: portal.sh OUTDIR WIFIRISK_BINARY}
WIFIRISK=${2:?usage: portal.sh OUTDIR WIFIRISK_BINARY}
SSID=${PORTAL_SSID:-Lab Cafe Free WiFi}
AP_ADDR=192.0.2.1
API_URI="https://portal.lab.example/captive-api"
WORK=${PORTAL_WORK:-/tmp/portal-lab}
CTRL=$WORK/wpa_supplicant
mkdir -p "$OUT" "$WORK"
failures=0

log() { printf '[portal] %s\n' "$*" >&2; }
pass() { printf 'PASS %s\n' "$*" | tee -a "$OUT/results.txt"; }
fail() {
  printf 'FAIL %s\n' "$*" | tee -a "$OUT/results.txt"
  failures=$((failures + 1))
}
in_client() { ip netns exec client "$@"; }

cleanup() {
  for pidfile in "$WORK"/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  ip netns del client 2>/dev/null
  [ -n "${PORTAL_AP_IF:-}" ] && ip addr del "$AP_ADDR/24" dev "$PORTAL_AP_IF" 2>/dev/null
}
trap cleanup EXIT

for tool in hostapd wpa_supplicant wpa_cli iw ip dnsmasq dhclient python3; do
  command -v "$tool" > /dev/null || { fail "tools: $tool is missing"; exit 1; }
done
[ -x "$WIFIRISK" ] || { fail "tools: no wifirisk binary at $WIFIRISK"; exit 1; }

# --- radios: the first is the hotspot, the second goes into the client's namespace
mapfile -t radios < <(ls /sys/class/ieee80211/ | sort -V)
[ "${#radios[@]}" -ge 2 ] || { fail "radios: need two hwsim radios, found ${#radios[@]}"; exit 1; }
client_phy=${PORTAL_CLIENT_PHY:-${radios[1]}}
client_if=$(ls "/sys/class/ieee80211/$client_phy/device/net/" | head -1)
if [ -n "${PORTAL_AP_IF:-}" ]; then
  ap_if=$PORTAL_AP_IF
  ap_phy=$(cat "/sys/class/net/$ap_if/phy80211/name" 2> /dev/null)
else
  ap_phy=${PORTAL_AP_PHY:-${radios[0]}}
  ap_if=$(ls "/sys/class/ieee80211/$ap_phy/device/net/" | head -1)
fi
[ -n "$ap_if" ] && [ -n "$client_if" ] || { fail "radios: no interface on $ap_phy or $client_phy"; exit 1; }
log "hotspot $ap_if ($ap_phy), client $client_if ($client_phy)"
ip netns add client
iw phy "$client_phy" set netns name client || { fail "netns: cannot move $client_phy"; exit 1; }
in_client ip link set lo up

# --- the hotspot: open, named like a public one
if [ -z "${PORTAL_AP_IF:-}" ]; then
  cat > "$WORK/hostapd.conf" << EOF
interface=$ap_if
driver=nl80211
ssid=$SSID
hw_mode=g
channel=1
ctrl_interface=$WORK/hostapd
EOF
  hostapd -B -P "$WORK/hostapd.pid" -f "$OUT/hostapd.log" "$WORK/hostapd.conf"
  for _ in $(seq 50); do
    hostapd_cli -p "$WORK/hostapd" -i "$ap_if" status 2> /dev/null | grep state=ENABLED > /dev/null && break
    sleep 0.2
  done
fi
ip addr add "$AP_ADDR/24" dev "$ap_if"

# DHCP with option 114, and DNS that sends every name to the portal.
dnsmasq --conf-file=/dev/null --user=root --pid-file="$WORK/dnsmasq.pid" \
  --log-facility="$OUT/dnsmasq.log" --log-dhcp --interface="$ap_if" --bind-interfaces \
  --no-resolv --no-hosts --address="/#/$AP_ADDR" \
  --dhcp-range=192.0.2.50,192.0.2.99,255.255.255.0,1h \
  --dhcp-option=option:router,$AP_ADDR --dhcp-option=option:dns-server,$AP_ADDR \
  --dhcp-option=114,"$API_URI" --dhcp-leasefile="$WORK/dnsmasq.leases"

# The portal: every request is redirected to /login until $WORK/open exists; then the
# connectivity check gets its 204.
cat > "$WORK/portal.py" << 'EOF'
import http.server, os, sys
OPEN = sys.argv[1]
class Portal(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, fmt, *args):
        sys.stderr.write("portal: %s %s\n" % (self.headers.get("Host"), fmt % args))
    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
    def do_GET(self):
        if self.path.startswith("/login"):
            self.answer(200, b"<html><form>Accept the terms <button>Sign in</button></form></html>",
                        [("Content-Type", "text/html")])
        elif os.path.exists(OPEN) and self.path.endswith("generate_204"):
            self.send_response(204)
            self.send_header("Connection", "close")
            self.end_headers()
        else:
            self.answer(302, b"", [("Location", "http://192.0.2.1/login")])
http.server.ThreadingHTTPServer(("192.0.2.1", 80), Portal).serve_forever()
EOF
python3 "$WORK/portal.py" "$WORK/open" 2> "$OUT/portal.log" &
echo $! > "$WORK/portal.pid"

# --- the client joins and gets a lease
cat > "$WORK/wpa_supplicant.conf" << EOF
ctrl_interface=$CTRL
network={
  ssid="$SSID"
  key_mgmt=NONE
  scan_freq=2412
  freq_list=2412
}
EOF
mkdir -p "$CTRL"
in_client wpa_supplicant -B -i "$client_if" -c "$WORK/wpa_supplicant.conf" \
  -P "$WORK/wpa_supplicant.pid" -f "$OUT/wpa_supplicant.log"
joined=false
for _ in $(seq 100); do
  if in_client wpa_cli -p "$CTRL" -i "$client_if" status 2> /dev/null |
    grep -q wpa_state=COMPLETED; then
    joined=true
    break
  fi
  sleep 0.2
done
if $joined; then pass "join: $client_if associated with \"$SSID\""; else
  fail "join: $client_if did not associate"
  exit 1
fi

# A client that asks for option 114 (ISC's name for it is default-url).
{ cat /etc/dhcp/dhclient.conf 2> /dev/null; echo 'also request default-url;'; } > "$WORK/dhclient.conf"
mkdir -p /var/lib/dhcp
lease_file=/var/lib/dhcp/dhclient.$client_if.leases
if in_client timeout 30 dhclient -1 -v -cf "$WORK/dhclient.conf" -lf "$lease_file" \
  -pf "$WORK/dhclient.pid" "$client_if" 2> "$OUT/dhclient.log"; then
  pass "lease: $(in_client ip -4 -o addr show "$client_if" | awk '{print $4}')"
else
  fail "lease: dhclient got no lease (see dhclient.log)"
  exit 1
fi
cp "$lease_file" "$OUT/dhclient.leases"
grep -q "default-url \"$API_URI\"" "$lease_file" && pass "lease: option 114 stored" ||
  fail "lease: no option 114 in $lease_file"

# --- wifirisk now
run=0
now() { # LABEL ARGS...
  run=$((run + 1))
  local label=$1
  shift
  in_client env WIFIRISK_PROFILES_DIR="${WIFIRISK_PROFILES_DIR:-}" "$WIFIRISK" now \
    --interface "$client_if" --cached "$@" > "$OUT/now-$run-$label.out" 2> "$OUT/now-$run-$label.err"
  echo $? > "$OUT/now-$run-$label.rc"
  cat "$OUT/now-$run-$label.out"
}
field() { # FILE EXPRESSION
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps(eval(sys.argv[2])))' "$@" 2> /dev/null
}
expect() { # LABEL FILE EXPRESSION EXPECTED_JSON
  local got
  got=$(field "$2" "$3")
  if [ "$got" = "$4" ]; then pass "$1: $3 = $4"; else fail "$1: $3: expected $4, got ${got:-nothing}"; fi
}

now captive-json --format json > /dev/null
json=$OUT/now-$run-captive-json.out
expect captive "$json" 'd["connection"]["portal"]["state"]' '"captive"'
expect captive "$json" 'd["connection"]["portal"]["portal_url"]' '"http://192.0.2.1/login"'
expect captive "$json" 'd["connection"]["portal"]["http_status"]' '302'
expect captive "$json" 'd["connection"]["portal"]["probe_url"]' '"http://connectivitycheck.gstatic.com/generate_204"'
expect captive "$json" 'd["connection"]["portal"]["lease_api_uri"]' "\"$API_URI\""
expect captive "$json" 'd["connection"]["network"]["security"]' '"open"'
if [ -n "${WIFIRISK_PROFILES_DIR:-}" ]; then
  expect captive "$json" '[f["evidence"][:10] for f in d["connection"]["network"]["findings"] if f["id"] == "public-network"]' '["heuristic:"]'
fi

now captive-text > /dev/null
text=$OUT/now-$run-captive-text.out
grep -q "Portal:     captive portal: sign in at http://192.0.2.1/login" "$text" &&
  pass "captive-text: the portal line" || fail "captive-text: no portal line in $text"
grep -q "What to do: Sign in through the portal.*then use a VPN" "$text" &&
  pass "captive-text: the advice" || fail "captive-text: no advice in $text"

# check --current applies the profile's captive_portal action to the probe's result:
# travel warns (exit 2), strict blocks (exit 3); both name the captive portal.
check_current() { # PROFILE EXPECTED_STATUS
  run=$((run + 1))
  local out=$OUT/check-$run-$1
  in_client env WIFIRISK_PROFILES_DIR="${WIFIRISK_PROFILES_DIR:-}" "$WIFIRISK" check \
    --current --interface "$client_if" --cached --profile "$1" --format json \
    > "$out.out" 2> "$out.err"
  local rc=$?
  if [ "$rc" = "$2" ] && grep -q '"captive-portal"' "$out.out"; then
    pass "check-$1: exit $rc, with a captive-portal reason"
  else
    fail "check-$1: expected exit $2 with a captive-portal reason, got $rc: $(head -c 300 "$out.out")"
  fi
}
check_current travel 2
check_current strict 3

touch "$WORK/open"
now online --format json > /dev/null
expect online "$OUT/now-$run-online.out" 'd["connection"]["portal"]["state"]' '"online"'
expect online "$OUT/now-$run-online.out" 'd["connection"]["portal"]["http_status"]' '204'

kill "$(cat "$WORK/portal.pid")" 2> /dev/null
rm -f "$WORK/portal.pid"
sleep 0.5
now no-internet --format json > /dev/null
expect no-internet "$OUT/now-$run-no-internet.out" 'd["connection"]["portal"]["state"]' '"no-internet"'

now no-probe --no-probe --format json > /dev/null
expect no-probe "$OUT/now-$run-no-probe.out" 'd["connection"]["portal"]["state"]' '"not-probed"'
expect no-probe "$OUT/now-$run-no-probe.out" 'd["connection"]["portal"]["lease_api_uri"]' "\"$API_URI\""

total=$(grep -c '' "$OUT/results.txt")
echo "portal: $((total - failures)) passed, $failures failed"
exit "$failures"
