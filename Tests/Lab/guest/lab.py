#!/usr/bin/python3
"""wifirisk lab, guest side: access points, a client, and the checks.

Runs as root inside the lab guest (Tests/Lab/boot starts it through guest/stage2):

    lab.py --out OUTDIR [--bin WIFIRISK] [--record] [--require-wifirisk]

Stages, in order (each prints PASS/FAIL/SKIP lines, also written to OUTDIR/results.txt):

  ap        mac80211_hwsim with 19 radios; one hostapd per radio 0-5 (Tests/Lab/ap/*.conf),
            every BSS of expectations.tsv up (hostapd state=ENABLED, right BSSID and SSID).
  iw        race-free scans (passive for beacons, active for probe responses) limited to the
            APs' channels; every BSSID in `iw dev wlan6 scan dump`, and security, pmf, wps,
            hidden and the evidence of each listed finding as iw decodes them.
  wifirisk  when the binary has the commands: `scan --fresh --save`, `now`, `review` of the
            saved file, `now` as an unprivileged user, and wifirisk's BSSIDs against iw's.
  hidden    a directed scan reveals the SSID of each hidden BSS.
  join      wpa_supplicant joins the APs with a "join" value in turn (join.tsv profiles); the
            key_mgmt it reports, iw's link, and `wifirisk now` while connected.
  extra     started in the background after the wifirisk stage, beside hidden and join, each
            on a client radio of its own (wlan7-wlan11); their PASS/FAIL/SKIP lines are taken
            over, and a script that fails or times out without saying why is a FAIL:
              hooks   guest/hooks.sh: the wpa_supplicant action hook (`hook install`,
                      `wpa_cli -a`, profile strict) blocks lab-open and allows lab-wpa3,
                      logs journal fields, keeps a hostile name inert (its own AP on
                      wlan12), runs each check unprivileged, and gives up on a hung check
                      at its time limit;
              portal  guest/portal.sh: lab-hotspot-free becomes a captive portal (DHCP
                      option 114, DNS, HTTP on 192.0.2.1), the client joins from its own
                      network namespace, and `wifirisk now` reports captive/online/...;
              wext    guest/wext.sh: `scan --backend wext` finds the same BSSIDs with the
                      same security as `--backend nl80211`;
              networkmanager  guest/networkmanager.sh: a real NetworkManager runs the hook
                      `hook install networkmanager` writes (strict blocks lab-open, allows
                      lab-wpa3; default warns), and `now` reads what it negotiated.
              iwd     guest/iwd.sh: iwd joins lab-wpa3 and lab-open, and `now` reads what it
                      negotiated from iwd's station diagnostics over D-Bus; `wifirisk watch`
                      leaves lab-wpa3 up and ends lab-open under strict.
              home    guest/home.sh: routers of its own (Tests/Lab/home/, wlan13-wlan17):
                      `home` finds a neglected one's four items to fix and its one
                      sibling (not the neighbour's networks), passes a well-kept one, live,
                      from a saved scan, connected, and without privilege.
            They share the services guest/services.sh starts first: systemd-journald, the
            system D-Bus, and a desktop user's session bus with a notification server.
  now-vs-iw once the joins and the extra stages are done: `now --cached --format json`
            timed beside `iw dev wlan6 scan dump` on the same cached scan, in turn (medians
            and their ratio reported in results.txt and now-vs-iw.json, never asserted).
  record    with --record: a radiotap capture of beacons and probe responses (hwsim0), next
            to the iw dump and the saved scan, for Tests/Lab/run to copy into fixtures/lab/.

With --hostapd PATH (Tests/Lab/run with WIFIRISK_LAB_HOSTAPD), the lab runs instead the
current-hostapd set: access points that a current upstream hostapd at PATH makes and Debian's
cannot (Tests/Lab/current/*.conf: RSN overriding, SAE-EXT-KEY with GCMP-256, beacon
protection, OWE with GCMP-256, WPA3 on 6 GHz under regulatory domain DE), checked against
Tests/Lab/current/expectations.tsv by the ap, iw (scans only: Debian's iw cannot decode these
elements) and wifirisk stages, and recorded with --record.

Exit status: 0 when nothing failed, 1 otherwise.
"""

import sys

sys.dont_write_bytecode = True  # the repository is read-only here; keep it clean on the host

import argparse
import itertools
import json
import os
import re
import select
import shutil
import signal
import statistics
import socket
import subprocess
import threading
import time
from pathlib import Path

import expect
import iwdump

LAB_DIR = Path(__file__).resolve().parent.parent
RADIOS = 19
AP_RADIOS = range(6)
CLIENT = "wlan6"
HOOKS_CLIENT, WEXT_CLIENT, PORTAL_CLIENT = "wlan7", "wlan8", "wlan9"
NM_CLIENT, IWD_CLIENT = "wlan10", "wlan11"
HOSTILE_AP = "wlan12"  # hooks.sh's AP with a name made to attack logs, on channel 8
# home.sh's routers are wlan13-wlan17 (Tests/Lab/home/*.conf); its client:
HOME_CLIENT = "wlan18"
# The extra stages (guest/*.sh, see "extra" above). A stage listed here is not run: one
# SKIP line with the reason instead.
EXTRA_SKIPS: dict[str, str] = {}
FREQS = [2412, 2422, 2427, 2437, 2452, 2462]  # channels 1 3 4 6 9 11: the APs' only
MISMATCH_BSS = "wlan5_1"
# A WPA (version 1) element: OUI 00:50:f2 type 1, version 1, group TKIP, one pairwise TKIP,
# one AKM PSK. lab-mismatch's probe responses carry it; its beacons do not.
MISMATCH_ELEMENT = "dd160050f20101000050f20201000050f20201000050f202"
WORK = Path("/run/wifirisk-lab")  # the guest's own tmpfs: configs, sockets, logs
# Which set of access points runs: the lab's own (Debian's hostapd), or the current-hostapd
# set (--hostapd). main() switches these for the latter.
AP_DIR = LAB_DIR / "ap"
EXPECTATIONS = LAB_DIR / "expectations.tsv"
HOSTAPD = "hostapd"
REGDOM = None  # a regulatory domain to set before the APs start
CURRENT_SET = False
# The names --record gives the saved scan, the capture and the iw dump in OUTDIR/record/.
RECORD_NAMES = {"scan": "security-matrix.json", "pcap": "lab.pcap", "iw": "scan-dump.txt"}


def use_current_set(hostapd):
    """Switches the lab to the current-hostapd set (see the module's description)."""
    global AP_DIR, EXPECTATIONS, HOSTAPD, REGDOM, CURRENT_SET, RADIOS, AP_RADIOS, CLIENT, FREQS
    AP_DIR = LAB_DIR / "current"
    EXPECTATIONS = AP_DIR / "expectations.tsv"
    HOSTAPD = hostapd
    REGDOM = "DE"  # opens 6 GHz; the US rule in Debian's regulatory database does not
    CURRENT_SET = True
    RADIOS, AP_RADIOS, CLIENT = 3, range(2), "wlan2"
    FREQS = [2412, 5975]  # channel 1, and 6 GHz channel 5
    RECORD_NAMES.update(
        scan="current-hostapd.json", pcap="current-hostapd.pcap",
        iw="current-hostapd-scan-dump.txt")
T0 = time.monotonic()


def uptime():
    return f"{time.monotonic() - T0:6.1f}s"


def log(message):
    print(f"lab-guest[{uptime()}]: {message}", flush=True)


class Results:
    def __init__(self, path):
        self.file = open(path, "w", encoding="utf-8")
        self.passed = self.failed = self.skipped = 0

    def _emit(self, line):
        print(line, flush=True)
        self.file.write(line + "\n")
        self.file.flush()

    def ok(self, name, detail=""):
        self.passed += 1
        self._emit(f"PASS {name}" + (f": {detail}" if detail else ""))

    def fail(self, name, detail):
        self.failed += 1
        self._emit(f"FAIL {name}: {detail}")

    def skip(self, name, reason):
        self.skipped += 1
        self._emit(f"SKIP {name}: {reason}")

    def check(self, name, problems, context, detail=""):
        """One PASS for no problems, else one FAIL per problem."""
        if problems:
            for p in problems:
                self.fail(name, f"{p} ({context})")
        else:
            self.ok(name, f"{context}" + (f"; {detail}" if detail else ""))


def run(cmd, timeout=30, **kwargs):
    """Runs a command; never raises for its failure or its timeout (rc 124 then)."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kwargs)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        err = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
        return 124, out, err + f"\n(timed out after {timeout}s)"
    except OSError as e:
        return 127, "", str(e)


def wait_for(predicate, timeout, interval=0.2):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


# ---------------------------------------------------------------- control sockets

_ctrl_ids = itertools.count()


class Ctrl:
    """A client of hostapd's or wpa_supplicant's control interface (a Unix datagram socket)."""

    def __init__(self, path):
        self.local = WORK / f"ctrl-{os.getpid()}-{next(_ctrl_ids)}"
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(self.local))
        self.sock.connect(str(path))

    def request(self, command, timeout=10):
        self.sock.settimeout(timeout)
        self.sock.send(command.encode())
        while True:
            reply = self.sock.recv(65536).decode(errors="replace")
            if not reply.startswith("<"):  # "<N>..." are unsolicited event messages
                return reply

    def wait_event(self, pattern, timeout):
        """After ATTACH: the first unsolicited message matching pattern, or None. The other
        messages read meanwhile are returned too, for the log."""
        seen = []
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            self.sock.settimeout(left)
            try:
                message = self.sock.recv(65536).decode(errors="replace")
            except socket.timeout:
                break
            seen.append(message)
            if re.search(pattern, message):
                return message, seen
        return None, seen

    def drain(self):
        self.sock.setblocking(False)
        try:
            while True:
                self.sock.recv(65536)
        except OSError:
            pass
        finally:
            self.sock.setblocking(True)

    def close(self):
        self.sock.close()
        self.local.unlink(missing_ok=True)


def ctrl_request(path, command, timeout=5):
    """One request; None when the socket is not there or does not answer."""
    try:
        c = Ctrl(path)
    except OSError:
        return None
    try:
        return c.request(command, timeout)
    except OSError:
        return None
    finally:
        c.close()


def keyvals(text):
    out = {}
    for line in (text or "").splitlines():
        k, sep, v = line.partition("=")
        if sep:
            out[k] = v
    return out


# ---------------------------------------------------------------- scanning with iw

def _netlink_inodes_with_groups():
    """Inodes of generic-netlink sockets (protocol 16) that joined a multicast group."""
    inodes = set()
    with open("/proc/net/netlink") as f:
        next(f)
        for line in f:
            cols = line.split()
            if len(cols) >= 10 and cols[1] == "16" and int(cols[3], 16) != 0:
                inodes.add(cols[9])
    return inodes


def _socket_inodes(pid):
    inodes = set()
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            m = re.fullmatch(r"socket:\[(\d+)\]", target)
            if m:
                inodes.add(m.group(1))
    except OSError:
        pass
    return inodes


def iw_scan(extra, label, timeout=20):
    """Triggers a scan and waits for its end without iw's race.

    `iw dev X scan` sends the trigger and only then subscribes to nl80211's scan events; when
    the scan ends in between (about one scan in five under TCG) it waits forever. Here
    `iw event` subscribes first: the scan is triggered only once its socket shows up with
    multicast groups in /proc/net/netlink (matched by socket inode; libnl's netlink port id is
    not the pid). Returns None on success, else a description of what went wrong."""
    ev = subprocess.Popen(["iw", "event"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        joined = wait_for(lambda: _socket_inodes(ev.pid) & _netlink_inodes_with_groups(), 5, 0.05)
        if not joined:
            return "iw event did not subscribe to nl80211 events within 5s"
        cmd = ["iw", "dev", CLIENT, "scan", "trigger", "freq", *map(str, FREQS), *extra]
        for attempt in range(20):
            rc, _, err = run(cmd, timeout=10)
            if rc == 0:
                break
            if "(-16)" not in err:  # anything but EBUSY (a scan already running) is final
                return f"{' '.join(cmd)}: rc={rc} {err.strip()}"
            time.sleep(0.5)
        else:
            return "scan trigger: device stayed busy for 10s"
        # raw reads: a buffered reader could hold the line we wait for while select() sleeps
        finished = re.compile(rf"^{CLIENT} \(phy #\d+\): scan (finished|aborted)", re.M)
        seen = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([ev.stdout], [], [], deadline - time.monotonic())
            if not ready:
                break
            chunk = os.read(ev.stdout.fileno(), 65536)
            if not chunk:
                break
            seen += chunk
            m = finished.search(seen.decode(errors="replace"))
            if m:
                return None if m.group(1) == "finished" else f"scan aborted ({label})"
        return f"no scan-finished event within {timeout}s ({label})"
    finally:
        ev.kill()
        ev.wait()


def iw_dump(both=False):
    # The current-hostapd set's elements are mostly unknown to Debian's iw: -u prints them
    # as hex, so the recorded text keeps every element (RSN Override ones included).
    extra = (["-u"] if CURRENT_SET else []) + (["-b"] if both else [])
    rc, out, err = run(["iw", "dev", CLIENT, "scan", "dump", *extra], 20)
    return out if rc == 0 else ""


def phy_of(iface):
    try:
        return Path(f"/sys/class/net/{iface}/phy80211/name").read_text().strip()
    except OSError:
        return ""


class ExtraStage:
    """One of the guest/*.sh scripts, run in the background. Its "PASS|FAIL|SKIP name: ..."
    lines become the lab's (names get the stage's prefix when they lack it); its stdout and
    stderr are kept in OUTDIR/stages/."""

    LINE = re.compile(r"^(PASS|FAIL|SKIP) (.*)$")

    def __init__(self, name, cmd, env, logdir):
        self.name, self.cmd, self.env = name, cmd, env
        logdir.mkdir(parents=True, exist_ok=True)
        self.stdout, self.stderr = logdir / f"{name}.out", logdir / f"{name}.err"
        self.proc = None
        self.rc = None
        self.took = 0.0

    def start(self):
        self.t0 = time.monotonic()
        with open(self.stdout, "w") as out, open(self.stderr, "w") as err:
            # a session of its own: on a timeout the whole process group goes
            # niced: the join stage's checks keep their pace, these use the idle vCPU
            self.proc = subprocess.Popen(["nice", "-n", "10", *self.cmd], stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                         env={**os.environ, **self.env}, start_new_session=True)
        self.ended = None

        def reap():  # notes when the script ends, for the timings
            self.proc.wait()
            self.ended = time.monotonic()
        threading.Thread(target=reap, daemon=True).start()

    def finish(self, results, deadline):
        timed_out = False
        try:
            self.rc = self.proc.wait(timeout=max(1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            timed_out = True
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except OSError:
                    pass
                self.proc.wait()
            self.rc = 124
        self.took = round((self.ended or time.monotonic()) - self.t0, 1)
        failed = 0
        for line in self.stdout.read_text(errors="replace").splitlines():
            m = self.LINE.match(line)
            if not m:
                continue
            kind, rest = m.groups()
            name, _, detail = rest.partition(": ")
            name = name.strip().rstrip(":")
            if name != self.name and not name.startswith(self.name + "-"):
                name = f"{self.name}-{name}"
            if kind == "PASS":
                results.ok(name, detail)
            elif kind == "SKIP":
                results.skip(name, detail)
            else:
                failed += 1
                results.fail(name, detail)
        tail = " | ".join(self.stderr.read_text(errors="replace").strip().splitlines()[-3:])
        if timed_out:
            results.fail(self.name, f"did not finish within {self.took:.0f}s (stopped); "
                         f"last stderr: {tail[-300:] or 'none'}")
        elif self.rc != 0 and failed == 0:
            results.fail(self.name, f"exited {self.rc} without a FAIL line; "
                         f"stderr: {tail[-300:] or 'none'}")


# ---------------------------------------------------------------- the lab

class Lab:
    def __init__(self, args):
        self.args = args
        self.out = Path(args.out)
        self.results = Results(self.out / "results.txt")
        self.rows = expect.load_expectations(EXPECTATIONS)
        self.joins = expect.load_joins(LAB_DIR / "join.tsv", str(WORK))
        self.daemons = []  # pid files
        self.bin = args.bin
        self.commands = set()
        self.iw_text = ""
        self.timings = {}
        self.calls = itertools.count(1)
        self.deadline = T0 + args.budget

    # ------------------------------------------------ helpers
    def timed(self, name, start):
        self.timings[name] = round(time.monotonic() - start, 1)

    def save(self, relpath, text):
        path = self.out / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    def wifirisk(self, args, timeout=60, user=None):
        """Runs wifirisk with its output kept in OUTDIR/wifirisk/. Calls share a time budget
        so that a wifirisk that hangs still leaves the guest time to report."""
        left = self.deadline - time.monotonic()
        if left < 5:
            return 124, "", f"not run: the lab's time budget ({self.args.budget}s) is used up"
        timeout = min(timeout, left)
        cmd = [self.bin, *args]
        if user:
            cmd = ["setpriv", f"--reuid={user}", "--regid=nogroup", "--clear-groups", *cmd]
        start = time.monotonic()
        rc, out, err = run(cmd, timeout=timeout)
        took = time.monotonic() - start
        base = f"wifirisk/{next(self.calls):02d}-{args[0]}" + (f"-{user}" if user else "")
        self.save(f"{base}.stdout", out)
        self.save(f"{base}.stderr", f"$ {' '.join(cmd)}\n(rc={rc}, {took:.1f}s)\n{err}")
        log(f"wifirisk {' '.join(args)}{' as ' + user if user else ''}: rc={rc} in {took:.1f}s")
        return rc, out, err

    def parse_report(self, name, rc, out, err, context):
        """The JSON report, or None after a FAIL line saying why."""
        if rc != 0:
            self.results.fail(name, f"exit status {rc} ({context}): {err.strip()[-300:]}")
            return None
        try:
            doc = json.loads(out)
        except ValueError as e:
            self.results.fail(name, f"output is not JSON ({context}): {e}")
            return None
        problems = expect.report_problems(doc)
        if problems:
            self.results.check(name, problems, context)
            return None
        return doc

    # ------------------------------------------------ stage: access points
    def start_aps(self):
        t = time.monotonic()
        rc, _, err = run(["modprobe", "mac80211_hwsim", f"radios={RADIOS}"], 60)
        if rc != 0:
            self.results.fail("ap", f"modprobe mac80211_hwsim failed: {err.strip()}")
            return False
        ifaces = [f"wlan{i}" for i in range(RADIOS)]
        if not wait_for(lambda: all(os.path.exists(f"/sys/class/net/{i}") for i in ifaces), 15):
            self.results.fail("ap", f"radios missing: expected {' '.join(ifaces)}")
            return False
        if REGDOM:
            run(["iw", "reg", "set", REGDOM])
            if not wait_for(lambda: f"country {REGDOM}:" in run(["iw", "reg", "get"])[1], 15):
                self.results.fail("ap", f"iw reg set {REGDOM}: the kernel did not take it")
        self.save("iw/iw-dev.txt", run(["iw", "dev"])[1])
        self.save("iw/reg.txt", run(["iw", "reg", "get"])[1])
        if CURRENT_SET:
            rc, out, err = run([HOSTAPD, "-v"])
            version = (out + err).strip().splitlines()[:1]
            self.results.ok("ap-hostapd", f"{HOSTAPD}: {version[0] if version else '?'}")

        shutil.copy(LAB_DIR / "ap" / "eap_users", WORK / "eap_users")
        rc, _, err = (0, "", "") if CURRENT_SET else run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                          "ec_paramgen_curve:prime256v1", "-nodes", "-days", "30",
                          "-subj", "/CN=wifirisk-lab-eap", "-keyout", str(WORK / "eap-server.key"),
                          "-out", str(WORK / "eap-server.pem")], 60)
        if rc != 0:
            self.results.fail("ap", f"openssl could not make the EAP server certificate: {err}")

        procs = {}
        for r in AP_RADIOS:
            text = (AP_DIR / f"radio{r}.conf").read_text().replace("@LAB@", str(WORK))
            conf = WORK / f"radio{r}.conf"
            conf.write_text(text)
            self.save(f"hostapd/radio{r}.conf", text)
            pid = WORK / f"hostapd{r}.pid"
            self.daemons.append(pid)
            procs[r] = subprocess.Popen(
                [HOSTAPD, "-B", "-t", "-P", str(pid), "-f", str(WORK / f"hostapd{r}.log"),
                 str(conf)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for r, p in procs.items():
            try:
                out, _ = p.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
                out = "(hostapd did not daemonize within 60s)"
            if p.returncode != 0:
                self.results.fail(f"ap-radio{r}", f"hostapd exited {p.returncode}: {out.strip()[-400:]}")

        expected = {row["bssid"]: row for row in self.rows}
        seen = {}
        for r in AP_RADIOS:
            sock = Path(f"/run/hostapd/wlan{r}")
            status = wait_for(
                lambda: (lambda s: s if s and "state=ENABLED" in s else None)(
                    ctrl_request(sock, "STATUS")), 30)
            if not status:
                last = keyvals(ctrl_request(sock, "STATUS")).get("state", "no control socket")
                self.results.fail(f"ap-radio{r}", f"state: expected ENABLED, got {last}")
                continue
            kv = keyvals(status)
            names = []
            for i in itertools.count():
                if f"bssid[{i}]" not in kv:
                    break
                seen[kv[f"bssid[{i}]"].lower()] = kv.get(f"ssid[{i}]")
                names.append(kv.get(f"ssid[{i}]"))
            self.results.ok(f"ap-radio{r}", f"ENABLED on {kv.get('freq')} MHz: {' '.join(names)}")
        for bssid, row in expected.items():
            if bssid not in seen:
                self.results.fail(row["label"], f"hostapd: BSS {bssid} is not up")
            elif seen[bssid] != row["ssid"]:
                self.results.fail(row["label"], f"hostapd: ssid: expected {row['ssid']}, got {seen[bssid]}")

        # lab-mismatch: new vendor elements without UPDATE_BEACON reach probe responses only
        if not CURRENT_SET:
            reply = ctrl_request(Path("/run/hostapd") / MISMATCH_BSS,
                                 f"SET vendor_elements {MISMATCH_ELEMENT}")
            if reply is None or not reply.startswith("OK"):
                self.results.fail("lab-mismatch", f"hostapd SET vendor_elements: {reply}")
        run(["ip", "link", "set", CLIENT, "up"])
        self.timed("aps", t)
        return True

    # ------------------------------------------------ stage: iw scans
    def iw_stage(self):
        t = time.monotonic()
        visible = {r["bssid"] for r in self.rows}
        mismatch = next((r for r in self.rows if r["label"] == "lab-mismatch"), None)
        attempts = 0
        missing = set(visible)
        for attempts in range(1, 6):
            # passive: dwell long enough (~110 ms per channel) for every BSS's beacon, hidden ones
            # included; active: probe responses (what most clients see first)
            for extra, label in ((["passive"], "passive"), ([], "active")):
                problem = iw_scan(extra, label)
                if problem:
                    log(f"scan attempt {attempts}: {problem}")
            both = iwdump.parse(iw_dump(both=True))
            missing = visible - {b["bssid"] for b in both}
            no_beacon = [b["bssid"] for b in both if b["beacon"] is None and b["presp_heading"]]
            log(f"scan attempt {attempts}: {len(both)} BSS entries; missing: "
                f"{' '.join(sorted(missing)) or 'none'}; probe response without beacon: "
                f"{' '.join(no_beacon) or 'none'}")
            if not missing and (mismatch is None or mismatch["bssid"] not in no_beacon):
                break
        self.iw_text = iw_dump()
        both_text = iw_dump(both=True)
        self.save("iw/scan-dump.txt", self.iw_text)
        self.save("iw/scan-dump-b.txt", both_text)
        self.timed("iw-scan", t)
        self.timings["iw-scan-attempts"] = attempts

        plain = iwdump.parse(self.iw_text)
        both = {b["bssid"]: b for b in iwdump.parse(both_text)}
        if CURRENT_SET:
            # Debian's iw knows neither the RSN Override elements nor SAE-EXT-KEY: its view
            # only shows that every AP was seen.
            seen = {b["bssid"] for b in plain}
            for row in self.rows:
                if row["bssid"] in seen:
                    self.results.ok(row["label"], "iw: in the scan dump (decoding not checked)")
                else:
                    self.results.fail(row["label"], f"iw: BSS {row['bssid']} not in scan dump")
            return
        for row in self.rows:
            blocks = [b for b in plain if b["bssid"] == row["bssid"]]
            if not blocks:
                self.results.fail(row["label"], f"iw: BSS {row['bssid']} not in scan dump")
                continue
            views = [iwdump.View(b, b["elements"]) for b in blocks]
            # a hidden BSS: the entry made from its beacon (no SSID)
            view = next((v for v in views if v.hidden == row["hidden"]), views[0])
            problems = []

            def check(field, expected, got, ok=None):
                if not (got in expect.alternatives(expected) if ok is None else ok):
                    problems.append(f"{field}: expected {expected}, got {got}")

            check("hidden", str(row["hidden"]).lower(), str(view.hidden).lower())
            if not row["hidden"]:
                check("ssid", row["ssid"], view.ssid)
            check("security", row["security"], view.security)
            check("pmf", row["pmf"], view.pmf)
            check("wps", row["wps"], view.wps,
                  view.wps.startswith("on") if row["wps"] == "on" else None)
            for fid in row["present"] + row["absent"]:
                e = iwdump.evidence(view, both.get(row["bssid"], blocks[0]), fid)
                if e is None:
                    continue
                if fid in row["present"] and not e:
                    problems.append(f"evidence for {fid}: not in the elements iw shows")
                if fid in row["absent"] and e:
                    problems.append(f"evidence against {fid}: iw shows elements that imply it")
            self.results.check(row["label"], problems, "iw",
                               f"{view.security}, pmf {view.pmf}, wps {view.wps}")

    # ------------------------------------------------ stage: wifirisk
    def detect_commands(self):
        if not self.bin:
            return "no wifirisk binary given"
        if not os.access(self.bin, os.X_OK):
            return f"{self.bin} is not an executable file"
        rc, out, err = run([self.bin, "--help"], 60)
        self.save("wifirisk/help.txt", out + err)
        if rc != 0:
            return f"wifirisk --help exited {rc}: {err.strip()[-200:]}"
        in_subcommands = False
        for line in out.splitlines():
            if line.strip().upper().startswith("SUBCOMMANDS"):
                in_subcommands = True
                continue
            if in_subcommands:
                m = re.match(r"^\s+([a-z][a-z0-9-]*)", line)
                if m:
                    self.commands.add(m.group(1))
                elif line.strip() and not line.startswith(" "):
                    in_subcommands = False
        log(f"wifirisk subcommands: {' '.join(sorted(self.commands)) or 'none'}")
        return None

    def check_networks(self, doc, context):
        networks = doc.get("networks") or []
        for row in self.rows:
            net = expect.pick(networks, row)
            if net is None:
                how = row["ssid"] if row["find"] == "ssid" else row["bssid"]
                self.results.fail(row["label"], f"not found by {row['find']} {how} ({context})")
                continue
            self.results.check(row["label"], expect.compare_network(row, net), context)

    def wifirisk_stage(self):
        t = time.monotonic()
        reason = self.detect_commands()
        if reason:
            if self.args.require_wifirisk:
                self.results.fail("wifirisk", reason)
            else:
                self.results.skip("wifirisk", reason)
            return
        freq_args = [a for f in FREQS for a in ("--freq", str(f))]
        saved = WORK / RECORD_NAMES["scan"]

        # 1 and 5: a fresh scan finds every AP as expected, and exactly iw's BSSIDs
        if "scan" in self.commands:
            rc, out, err = self.wifirisk(["scan", "--fresh", "--interface", CLIENT, *freq_args,
                                          "--save", str(saved), "--format", "json"])
            iw_after = iwdump.parse(iw_dump())
            doc = self.parse_report("scan", rc, out, err, "scan --fresh")
            if doc is not None:
                self.check_networks(doc, "scan --fresh")
                ours = {str(n.get("bssid", "")).lower() for n in doc["networks"]}
                theirs = {b["bssid"] for b in iw_after}
                problems = []
                if ours - theirs:
                    problems.append(f"bssids: not in iw's dump: {' '.join(sorted(ours - theirs))}")
                if theirs - ours:
                    problems.append(f"bssids: in iw's dump only: {' '.join(sorted(theirs - ours))}")
                self.results.check("scan-vs-iw", problems, "scan --fresh vs iw scan dump",
                                   f"{len(ours)} BSSIDs")
            # 3: the saved scan reviewed offline rates every network the same way
            if doc is not None and "review" in self.commands:
                self.check_review(doc, saved)
            elif "review" not in self.commands:
                self.results.skip("review", "wifirisk has no 'review' command yet")
        else:
            self.results.skip("scan", "wifirisk has no 'scan' command yet")
            self.results.skip("scan-vs-iw", "wifirisk has no 'scan' command yet")

        if "now" in self.commands:
            rc, out, err = self.wifirisk(["now", "--interface", CLIENT, "--format", "json"])
            doc = self.parse_report("now", rc, out, err, "now")
            if doc is not None:
                self.check_networks(doc, "now")
                conn = doc.get("connection", "missing")
                self.results.check("now-connection", [] if conn is None else
                                   [f"connection: expected null (not connected), got {conn}"],
                                   "now, client not connected")
            self.unprivileged_now()
        else:
            self.results.skip("now", "wifirisk has no 'now' command yet")
        self.timed("wifirisk", t)

    def check_review(self, scan_doc, saved):
        if not saved.exists():
            self.results.fail("review", f"scan --save wrote no file at {saved}")
            return
        try:
            fixture = json.loads(saved.read_text())
        except ValueError as e:
            self.results.fail("review", f"the saved scan is not JSON: {e}")
            return
        if not isinstance(fixture, dict) or fixture.get("wifirisk_fixture") != 1:
            self.results.fail("review", "saved scan: expected \"wifirisk_fixture\": 1")
        shutil.copy(saved, self.out / "wifirisk" / RECORD_NAMES["scan"])
        rc, out, err = self.wifirisk(["review", str(saved), "--format", "json"])
        doc = self.parse_report("review", rc, out, err, "review of scan --save")
        if doc is None:
            return
        self.check_networks(doc, "review")
        live, offline = expect.ratings_by_key(scan_doc), expect.ratings_by_key(doc)
        problems = []
        for key in sorted(set(live) | set(offline), key=str):
            a, b = live.get(key), offline.get(key)
            if a != b:
                problems.append(f"{key[0]} {key[1]}: scan {a}, review {b}")
        self.results.check("review-vs-scan", problems, "review of scan --save",
                           f"{len(live)} networks rated alike")

    def unprivileged_now(self):
        user = "nobody"
        rc, _, _ = run(["setpriv", f"--reuid={user}", "--regid=nogroup", "--clear-groups",
                        "test", "-x", self.bin])
        if rc != 0:
            # the binary's directory is not open to others on this host: use a copy
            copy = WORK / "bin" / "wifirisk"
            copy.parent.mkdir(exist_ok=True)
            shutil.copy(self.bin, copy)
            os.chmod(copy.parent, 0o755)
            os.chmod(copy, 0o755)
            bin_, self.bin = self.bin, str(copy)
        else:
            bin_ = None
        try:
            rc, out, err = self.wifirisk(["now", "--interface", CLIENT, "--format", "json"],
                                         user=user)
        finally:
            if bin_:
                self.bin = bin_
        doc = self.parse_report("now-unprivileged", rc, out, err, f"now as {user}")
        if doc is None:
            return
        problems = []
        if not doc.get("networks"):
            problems.append("networks: expected the cached scan results, got none")
        if not re.search(r"privilege|root|CAP_NET_ADMIN|permission", err, re.I):
            problems.append(f"stderr: expected a note that a fresh scan needs privilege, got "
                            f"{err.strip()[:200]!r}")
        self.results.check("now-unprivileged", problems, f"now as {user}",
                           f"{len(doc.get('networks') or [])} networks from the cache")

    def now_vs_iw(self, rounds=9):
        """How long `now --cached --format json` takes next to `iw dev wlan6 scan dump` on the
        same cached scan: one fresh iw scan fills the kernel's table, then the two commands run
        in turn, `rounds` times each. The medians and their ratio go to results.txt and
        OUTDIR/now-vs-iw.json. Timing in an emulated guest is noisy, so this reports and
        never fails on the figures: only a command that fails, or a table with fewer than 16
        access points, is a FAIL."""
        name = "now-vs-iw"
        problem = iw_scan([], name)
        if problem:
            self.results.fail(name, f"iw scan: {problem}")
            return
        commands = {
            "wifirisk": [self.bin, "now", "--cached", "--interface", CLIENT, "--format", "json"],
            "iw": ["iw", "dev", CLIENT, "scan", "dump"],
        }
        times = {tool: [] for tool in commands}
        counts = {tool: [] for tool in commands}
        for _ in range(rounds):
            for tool, cmd in commands.items():
                start = time.perf_counter()
                rc, out, err = run(cmd, timeout=60)
                took = time.perf_counter() - start
                if rc != 0:
                    self.results.fail(name, f"{' '.join(cmd)}: exit status {rc}: "
                                            f"{err.strip()[-300:]}")
                    return
                times[tool].append(took)
                if tool == "iw":
                    counts[tool].append(len(iwdump.parse(out)))
                else:
                    try:
                        counts[tool].append(len(json.loads(out).get("networks") or []))
                    except ValueError as e:
                        self.results.fail(name, f"now --cached: output is not JSON: {e}")
                        return
        median = {tool: statistics.median(values) for tool, values in times.items()}
        ratio = median["wifirisk"] / median["iw"] if median["iw"] > 0 else float("inf")
        seen = min(counts["iw"])
        figures = {
            "rounds": rounds,
            "access_points_min": {tool: min(values) for tool, values in counts.items()},
            "seconds": {tool: [round(t, 4) for t in values] for tool, values in times.items()},
            "median_seconds": {tool: round(m, 4) for tool, m in median.items()},
            "ratio_wifirisk_to_iw": round(ratio, 2),
            "target_ratio_at_most": 2,
        }
        self.save("now-vs-iw.json", json.dumps(figures, indent=1) + "\n")
        self.timings["now-vs-iw-ratio"] = figures["ratio_wifirisk_to_iw"]
        problems = []
        if seen < 16:
            problems.append(f"iw scan dump: expected at least 16 access points, got {seen}")
        self.results.check(
            name, problems, "now --cached --format json vs iw dev wlan6 scan dump",
            f"medians {median['wifirisk'] * 1000:.1f} ms and {median['iw'] * 1000:.1f} ms, "
            f"ratio {ratio:.2f} (target at most 2; reported, not asserted), {rounds} runs "
            f"each, {seen} access points")

    # ------------------------------------------------ stage: hidden SSIDs
    def hidden_stage(self):
        hidden = [r for r in self.rows if r["hidden"]]
        extra = [a for r in hidden for a in ("ssid", r["ssid"])]
        problem = iw_scan(extra, "directed")
        dump = iw_dump()
        self.save("iw/scan-dump-directed.txt", dump)
        blocks = iwdump.parse(dump)
        for row in hidden:
            names = [iwdump.ssid_of(b["elements"]) for b in blocks if b["bssid"] == row["bssid"]]
            if row["ssid"] in names:
                self.results.ok(f"{row['label']}", "directed scan reveals its SSID (iw)")
            else:
                self.results.fail(row["label"], f"directed scan: ssid: expected {row['ssid']}, "
                                  f"got {names or 'no entry'}" + (f"; {problem}" if problem else ""))

    # ------------------------------------------------ stage: joins
    def join_stage(self):
        if self.args.stages and "join" not in self.args.stages:
            self.results.skip("join", "not among the selected stages (--stages)")
            return
        t = time.monotonic()
        conf = WORK / "wpa_supplicant.conf"
        conf.write_text(
            "ctrl_interface=/run/wpa_supplicant\n"
            "update_config=0\n"
            "sae_pwe=2\n"
            "# only the APs' channels: a full-band scan takes ~10 s under TCG\n"
            f"freq_list={' '.join(map(str, FREQS))}\n")
        pid = WORK / "wpa_supplicant.pid"
        self.daemons.append(pid)
        rc, out, err = run(["wpa_supplicant", "-B", "-t", "-i", CLIENT, "-D", "nl80211",
                            "-c", str(conf), "-P", str(pid), "-f", str(WORK / "wpa_supplicant.log")], 30)
        sock = Path("/run/wpa_supplicant") / CLIENT
        if rc != 0 or not wait_for(lambda: ctrl_request(sock, "PING") == "PONG\n", 15):
            self.results.fail("join", f"wpa_supplicant did not start: rc={rc} {err.strip()}")
            return
        ctrl, events = Ctrl(sock), Ctrl(sock)
        try:
            if events.request("ATTACH").strip() != "OK":
                self.results.fail("join", "wpa_supplicant refused ATTACH")
                return
            for row in self.rows:
                if row["join"] == "-":
                    continue
                if row["label"] not in self.joins:
                    self.results.fail(row["label"], "join: no profile in join.tsv")
                    continue
                try:
                    self.join_one(ctrl, events, row)
                except OSError as e:
                    self.results.fail(row["label"], f"join: wpa_supplicant control socket: {e}")
            ctrl.request("DISCONNECT")
        finally:
            ctrl.close()
            events.close()
        self.timed("join", t)

    def join_one(self, ctrl, events, row):
        label = row["label"]
        start = time.monotonic()
        ctrl.request("DISCONNECT")
        ctrl.request("REMOVE_NETWORK all")
        events.drain()
        nid = ctrl.request("ADD_NETWORK").strip()
        for name, value in self.joins[label]:
            reply = ctrl.request(f"SET_NETWORK {nid} {name} {value}").strip()
            if reply != "OK":
                self.results.fail(label, f"join: SET_NETWORK {name}: {reply}")
        # CTRL-EVENT-CONNECTED is the moment the keys are in. STATUS's wpa_state can lag
        # behind it and, rarely, stay at 4WAY_HANDSHAKE on a working link (README: "wpa_state
        # can lag"). So: wait for the event, give STATUS a moment to say COMPLETED, and if it
        # does not, join once more so that what `wifirisk now` reads is a settled state.
        log_lines = []
        for attempt in (1, 2):
            events.drain()
            ctrl.request(f"SELECT_NETWORK {nid}")
            connected, seen = events.wait_event(r"CTRL-EVENT-CONNECTED", 30)
            log_lines += [f"-- attempt {attempt}"] + seen
            status = wait_for(lambda: (lambda s: s if s.get("wpa_state") == "COMPLETED" else None)(
                keyvals(ctrl.request("STATUS"))), 3 if connected else 0.1)
            status = status or keyvals(ctrl.request("STATUS"))
            if not connected or status.get("wpa_state") == "COMPLETED":
                break
            log(f"{label}: connected but wpa_state={status.get('wpa_state')}; joining again")
            ctrl.request("DISCONNECT")
            events.wait_event(r"CTRL-EVENT-DISCONNECTED", 5)
        self.save(f"join/{label}.events", "\n".join(log_lines) + "\n")
        took = time.monotonic() - start
        self.save(f"join/{label}.status", "\n".join(f"{k}={v}" for k, v in status.items()) + "\n")
        link = run(["iw", "dev", CLIENT, "link"])[1]
        self.save(f"join/{label}.link", link)
        problems = []
        if not connected:
            problems.append(f"CTRL-EVENT-CONNECTED: not within 30s (wpa_state "
                            f"{status.get('wpa_state')})")
        if status.get("bssid", "").lower() != row["bssid"]:
            problems.append(f"bssid: expected {row['bssid']}, got {status.get('bssid')}")
        if status.get("key_mgmt") != row["join"]:
            problems.append(f"key_mgmt: expected {row['join']}, got {status.get('key_mgmt')}")
        if f"Connected to {row['bssid']}" not in link:
            problems.append(f"iw link: expected Connected to {row['bssid']}, got {link.strip()[:80]!r}")
        self.results.check(label, problems, "join (wpa_supplicant, iw link)",
                           f"key_mgmt {status.get('key_mgmt')}, pairwise "
                           f"{status.get('pairwise_cipher')}, wpa_state "
                           f"{status.get('wpa_state')}, {took:.1f}s")
        if problems or "now" not in self.commands:
            return
        rc, out, err = self.wifirisk(["now", "--interface", CLIENT, "--format", "json"])
        doc = self.parse_report(label, rc, out, err, "now while joined")
        if doc is None:
            return
        conn = doc.get("connection")
        if not isinstance(conn, dict):
            self.results.fail(label, f"connection: expected an object, got {conn} (now while joined)")
            return
        problems = []
        if str(conn.get("bssid", "")).lower() != row["bssid"]:
            problems.append(f"connection.bssid: expected {row['bssid']}, got {conn.get('bssid')}")
        if conn.get("ssid") != row["ssid"]:
            problems.append(f"connection.ssid: expected {row['ssid']}, got {conn.get('ssid')}")
        if conn.get("interface") != CLIENT:
            problems.append(f"connection.interface: expected {CLIENT}, got {conn.get('interface')}")
        net = conn.get("network")
        if isinstance(net, dict):
            problems += [f"connection.network.{p}" for p in expect.compare_network(row, net)]
        else:
            problems.append(f"connection.network: expected an object, got {net}")
        negotiated = conn.get("negotiated")
        got_km = negotiated.get("key_mgmt") if isinstance(negotiated, dict) else None
        if got_km != row["join"]:
            problems.append(f"negotiated.key_mgmt: expected {row['join']}, got {got_km}")
        self.results.check(label, problems, "now while joined")

    # ------------------------------------------------ extra stages (guest/*.sh)
    def extra_stages(self):
        """Starts hooks.sh, portal.sh and wext.sh in the background; returns them for
        finish_extra_stages. Each has its own client radio, so they run beside each other and
        beside the join stage; they start after the wifirisk and hidden stages so that those
        scans are not made while the stages load the machine."""
        guest = LAB_DIR / "guest"
        freqs = [str(f) for f in FREQS]
        services = self.start_services()
        stages = [
            ("hooks", "check", ["bash", str(guest / "hooks.sh"), str(self.out), self.bin,
                                HOOKS_CLIENT],
             {**services, "HOOK_WAIT": "100", "HOOK_FREQS": "2412 2447 2462",
              "HOOK_HOSTILE_IF": HOSTILE_AP,
              # the tree's profiles, wherever the binary under test lives
              "WIFIRISK_PROFILES_DIR": str(LAB_DIR.parent.parent / "profiles")}),
            ("portal", "now", ["bash", str(guest / "portal.sh"), str(self.out / "portal"),
                               self.bin],
             {"PORTAL_AP_IF": "wlan0_3", "PORTAL_SSID": "lab-hotspot-free",
              "PORTAL_CLIENT_PHY": phy_of(PORTAL_CLIENT), "PORTAL_WORK": str(WORK / "portal")}),
            ("wext", "scan", ["bash", str(guest / "wext.sh"), self.bin, WEXT_CLIENT,
                              str(self.out), *freqs], {}),
            ("networkmanager", "hook", ["bash", str(guest / "networkmanager.sh"), str(self.out),
                                        self.bin, NM_CLIENT], services),
            ("iwd", "now", ["bash", str(guest / "iwd.sh"), str(self.out), self.bin, IWD_CLIENT],
             services),
            ("home", "home", ["bash", str(guest / "home.sh"), str(self.out), self.bin,
                              HOME_CLIENT], {}),
        ]
        started = []
        for name, command, cmd, env in stages:
            if name in EXTRA_SKIPS:
                self.results.skip(name, EXTRA_SKIPS[name])
            elif self.args.stages and name not in self.args.stages:
                self.results.skip(name, "not among the selected stages (--stages)")
            elif not self.commands:
                self.results.skip(name, "no wifirisk binary with commands")
            elif command not in self.commands:
                self.results.skip(name, f"wifirisk has no '{command}' command")
            elif name == "portal" and not all(shutil.which(t) for t in ("dnsmasq", "dhclient")):
                self.results.skip(name, "dnsmasq or dhclient is not installed (run Tests/Lab/setup)")
            else:
                started.append(ExtraStage(name, cmd, env, self.out / "stages"))
        run(["ip", "link", "set", WEXT_CLIENT, "up"])
        for stage in started:
            stage.start()
            log(f"stage {stage.name} started")
        return started

    def start_services(self):
        """guest/services.sh start: journald, the system bus, the desktop user's session
        bus and notification server. Returns what it printed (KEY=value) as environment for
        the stages."""
        rc, out, err = run(["bash", str(LAB_DIR / "guest" / "services.sh"), "start",
                            str(self.out)], 60)
        self.save("services/start.txt", out + err)
        env = {k: v for k, _, v in (line.partition("=") for line in out.splitlines()) if k}
        log(f"services: {' '.join(f'{k}={v}' for k, v in env.items())}")
        return env

    def finish_extra_stages(self, stages):
        # the wifirisk budget (--budget) bounds them too, leaving time for record and teardown
        deadline = self.deadline + 5
        for stage in stages:
            stage.finish(self.results, deadline)
            self.timings[stage.name] = stage.took
            log(f"stage {stage.name}: rc={stage.rc} in {stage.took:.1f}s")

    # ------------------------------------------------ stage: record
    def record_stage(self):
        """A short radiotap capture of every AP's beacons and probe responses on hwsim0 (the
        monitor interface that sees every radio's frames), around a passive, an active and a
        directed scan. Written to the guest's /run first and copied afterwards: a capture
        written straight onto a 9p share is known to come out empty."""
        t = time.monotonic()
        for pidfile in self.daemons:
            if "wpa_supplicant" in pidfile.name:
                self.stop(pidfile)  # its own scans would add probe requests and noise
        record = self.out / "record"
        record.mkdir(exist_ok=True)
        shutil.copy(self.out / "iw" / "scan-dump.txt", record / RECORD_NAMES["iw"])
        saved = self.out / "wifirisk" / RECORD_NAMES["scan"]
        if saved.exists():
            shutil.copy(saved, record / RECORD_NAMES["scan"])
        home = self.out / "home" / "home-scan.json"
        if home.exists():
            shutil.copy(home, record / "home.json")
        run(["ip", "link", "set", "hwsim0", "up"])
        pcap, cap_log = WORK / "lab.pcap", WORK / "tcpdump.log"
        with open(cap_log, "w") as err_file:
            cap = subprocess.Popen(
                ["tcpdump", "-i", "hwsim0", "-Z", "root", "-U", "-c", "2000", "-w", str(pcap),
                 "type mgt subtype beacon or type mgt subtype probe-resp"],
                stdout=subprocess.DEVNULL, stderr=err_file)
        if not wait_for(lambda: "listening on" in cap_log.read_text(), 15, 0.1):
            log("record: tcpdump did not report listening within 15s")
        hidden = [a for r in self.rows if r["hidden"] for a in ("ssid", r["ssid"])]
        for extra, label in ((["passive"], "passive"), ([], "active"), (hidden, "directed")):
            problem = iw_scan(extra, label)
            if problem:
                log(f"record scan: {problem}")
        cap.send_signal(signal.SIGINT)
        try:
            cap.wait(timeout=10)
        except subprocess.TimeoutExpired:
            cap.kill()
            cap.wait()
        err = cap_log.read_text()
        size = pcap.stat().st_size if pcap.exists() else 0
        captured = re.search(r"(\d+) packets? captured", err or "")
        frames = captured.group(1) if captured else "?"
        if size <= 24:
            self.results.fail("record", f"hwsim0 capture is empty: {err.strip()[-300:]}")
            self.timed("record", t)
            return
        shutil.copy(pcap, record / RECORD_NAMES["pcap"])
        # every BSS must be in it: beacons from all, a probe response from each hidden one
        _, text, _ = run(["tcpdump", "-r", str(pcap), "-n", "-e"], 60)
        kinds = {}
        for line in text.splitlines():
            m = re.search(r"BSSID:([0-9a-f:]{17})", line)
            if m:
                kind = "presp" if "Probe Response" in line else "beacon"
                kinds.setdefault(m.group(1), set()).add(kind)
        problems = []
        for row in self.rows:
            want = {"beacon", "presp"} if row["hidden"] else {"beacon"}
            if not want <= kinds.get(row["bssid"], set()):
                problems.append(f"capture: {row['label']}: expected {' and '.join(sorted(want))} "
                                f"frames, got {' '.join(sorted(kinds.get(row['bssid'], []))) or 'none'}")
        self.results.check("record", problems, "hwsim0 capture",
                           f"{frames} frames, {size // 1024} KiB")
        self.timed("record", t)

    # ------------------------------------------------ teardown
    def stop(self, pidfile):
        try:
            os.kill(int(pidfile.read_text().strip()), signal.SIGTERM)
        except (OSError, ValueError):
            pass

    def collect_logs(self):
        run(["bash", str(LAB_DIR / "guest" / "services.sh"), "stop", str(self.out)], 60)
        for log_file in list(WORK.glob("*.log")):
            shutil.copy(log_file, self.out / "logs" / log_file.name)
        for pidfile in self.daemons:
            self.stop(pidfile)

    def main(self):
        (self.out / "logs").mkdir(exist_ok=True)
        try:
            if CURRENT_SET:
                if self.start_aps():
                    self.iw_stage()
                    self.wifirisk_stage()
                    if self.args.record:
                        self.record_stage()
            elif self.start_aps():
                self.iw_stage()
                self.wifirisk_stage()
                self.hidden_stage()  # one directed scan; its answers are sensitive to load
                extra = self.extra_stages()
                try:
                    self.join_stage()
                finally:
                    self.finish_extra_stages(extra)
                if "now" in self.commands:
                    self.now_vs_iw()  # last, on a quiet guest, outside the wifirisk budget
                if self.args.record:
                    self.record_stage()
        except Exception as e:  # report it as a failure; the traceback goes to payload.log
            import traceback
            traceback.print_exc()
            self.results.fail("lab", f"the guest driver stopped: {type(e).__name__}: {e}")
        finally:
            self.collect_logs()
            self.timings["guest-total"] = round(time.monotonic() - T0, 1)
            self.save("timings.json", json.dumps(self.timings, indent=1) + "\n")
            log(f"timings: {self.timings}")
        return 0 if self.results.failed == 0 else 1


def main():
    parser = argparse.ArgumentParser(description="wifirisk lab, guest side")
    parser.add_argument("--out", required=True)
    parser.add_argument("--bin", default="")
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--require-wifirisk", action="store_true",
                        help="a missing binary is a failure, not a skip")
    parser.add_argument("--budget", type=int, default=320,
                        help="seconds after which wifirisk is no longer started")
    parser.add_argument("--hostapd", default="",
                        help="run the current-hostapd set with this hostapd instead")
    parser.add_argument("--stages", type=lambda text: set(filter(None, text.split(","))),
                        default=set(),
                        help="run only these of the join and extra stages (comma-separated; "
                             "default: all)")
    args = parser.parse_args()
    if args.hostapd:
        use_current_set(args.hostapd)
    WORK.mkdir(parents=True, exist_ok=True)
    return Lab(args).main()


if __name__ == "__main__":
    sys.exit(main())
