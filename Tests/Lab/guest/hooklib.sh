# Shared by the lab's hook stages (guest/hooks.sh, guest/networkmanager.sh, guest/iwd.sh):
# result lines, waits, and what the hooks leave behind: journal entries (systemd-journald,
# started by guest/services.sh), desktop notifications (guest/notifyd.py) and the wifirisk
# processes they start (guest/procwatch.py). Sourced, not run.

failures=0
pass() { echo "PASS $1: $2"; }
fail() {
  echo "FAIL $1: $2"
  failures=$((failures + 1))
}
skip() { echo "SKIP $1: $2"; }

# wait_until TRIES COMMAND...: runs COMMAND every 0.5 s (polling faster only loads the
# machine the hooks run on) until it succeeds; false after TRIES tries.
wait_until() {
  local n=$1 i
  shift
  for ((i = 0; i < n; i++)); do
    "$@" && return 0
    sleep 0.5
  done
  return 1
}

# The journal's position now, to look only at what follows; empty while the journal is
# empty (the readers below then read all of it).
journal_cursor() {
  journalctl --no-pager -n 1 -o export 2> /dev/null | sed -n 's/^__CURSOR=//p'
}

# The wifirisk entries after CURSOR, one JSON object a line. (The filter is applied here:
# journalctl 252 with both --after-cursor and a match shows nothing when the cursor's own
# entry does not match.)
journal_since() {
  journalctl --no-pager -o json ${1:+--after-cursor="$1"} 2> /dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    try:
        e = json.loads(line)
    except ValueError:
        continue
    if e.get("SYSLOG_IDENTIFIER") == "wifirisk":
        print(json.dumps(e, sort_keys=True))
'
}

# journal_messages CURSOR: the MESSAGE of each wifirisk entry after CURSOR.
journal_messages() {
  journal_since "$1" | python3 -c '
import json, sys
for line in sys.stdin:
    print(json.loads(line).get("MESSAGE", ""))
'
}

# journal_entry CURSOR FIELD=VALUE...: the first wifirisk journal entry after CURSOR whose
# fields have these values, as one line of JSON; empty when there is none (yet).
journal_entry() {
  local cursor=$1
  shift
  journal_since "$cursor" | python3 -c '
import json, sys
want = dict(a.split("=", 1) for a in sys.argv[1:])
for line in sys.stdin:
    e = json.loads(line)
    if all(e.get(k) == v for k, v in want.items()):
        print(line.strip())
        break
' "$@"
}

# wait_journal TRIES CURSOR FIELD=VALUE...: waits for such an entry and prints it.
wait_journal() {
  local n=$1 cursor=$2 i entry
  shift 2
  for ((i = 0; i < n; i++)); do
    entry=$(journal_entry "$cursor" "$@")
    [ -n "$entry" ] && { echo "$entry"; return 0; }
    sleep 0.5
  done
  return 1
}

# journal_text CURSOR: every message after CURSOR, one a line: one process, cheap enough to
# poll (the JSON readers above start python, which a loaded emulator feels).
journal_text() {
  journalctl --no-pager -o cat ${1:+--after-cursor="$1"} 2> /dev/null
}

# wait_logged TRIES CURSOR TEXT: waits until a message after CURSOR contains TEXT; then
# prints the wifirisk messages after CURSOR. (grep reads to the end: `grep -q` would stop at
# the first match, and once the journal outgrows a pipe's buffer journalctl then dies of
# SIGPIPE, which pipefail turns into "not found". The lab's scripts that set pipefail never
# end a pipe in `grep -q` for that reason.)
wait_logged() {
  local n=$1 cursor=$2 text=$3 i found=1
  for ((i = 0; i < n; i++)); do
    journal_text "$cursor" | grep -F -- "$text" > /dev/null && { found=0; break; }
    sleep 0.5
  done
  journal_messages "$cursor"
  return $found
}

# json_field JSON KEY: one value of a JSON object (strings as they are, others as JSON).
json_field() {
  python3 -c '
import json, sys
v = json.loads(sys.argv[1]).get(sys.argv[2])
print(v if isinstance(v, str) else json.dumps(v))' "$1" "$2"
}

# notification_count: how many notifications the desktop user has received so far.
notification_count() {
  [ -n "${NOTIFICATIONS:-}" ] && [ -f "$NOTIFICATIONS" ] || { echo 0; return; }
  wc -l < "$NOTIFICATIONS"
}

# notification_after COUNT TEXT: the first notification after the first COUNT whose summary
# or body contains TEXT, as one line of JSON; empty when there is none.
notification_after() {
  [ -n "${NOTIFICATIONS:-}" ] && [ -f "$NOTIFICATIONS" ] || return 0
  tail -n +"$(($1 + 1))" "$NOTIFICATIONS" | python3 -c '
import json, sys
for line in sys.stdin:
    try:
        n = json.loads(line)
    except ValueError:
        continue
    if sys.argv[1] in n.get("summary", "") + "\n" + n.get("body", ""):
        print(json.dumps(n, sort_keys=True))
        break
' "$2"
}

# wait_notification COUNT TEXT: notification_after, polled twice a second for up to 35 s: a
# hook gives notify-send 30 s, and under the emulator one has taken 13 s from the hook's log
# entry to the notification.
wait_notification() {
  local i
  for ((i = 0; i < 70; i++)); do
    # cheap first: anything new that mentions TEXT at all
    if tail -n +"$(($1 + 1))" "${NOTIFICATIONS:-/dev/null}" 2> /dev/null | grep -F -- "$2" > /dev/null; then
      notification_after "$1" "$2"
      return 0
    fi
    sleep 0.5
  done
  return 1
}

# fields_problems ENTRY FIELD=VALUE...: what differs between a journal entry (JSON) and the
# expected field values, one "FIELD: expected X, got Y" per line; nothing when all match.
fields_problems() {
  python3 -c '
import json, sys
entry = json.loads(sys.argv[1]) if sys.argv[1] else {}
for arg in sys.argv[2:]:
    key, _, want = arg.partition("=")
    got = entry.get(key)
    if got != want:
        print(f"{key}: expected {want!r}, got {got!r}")
' "$@"
}

# start_procwatch OUTFILE [FREEZE_FLAG]: records every start of $WIFIRISK (guest/procwatch.py);
# sets PROCWATCH_PID.
start_procwatch() {
  local out=$1 flag=${2:-} log
  log=$(mktemp)
  python3 "$(dirname "${BASH_SOURCE[0]}")/procwatch.py" "$WIFIRISK" "$out" ${flag:+"$flag"} \
    < /dev/null > "$log" 2>&1 &
  PROCWATCH_PID=$!
  wait_until 40 grep -q '^ready' "$log" || echo "procwatch did not start: $(cat "$log")" >&2
  rm -f "$log"
}

# check_processes OUTFILE IFACE: each `wifirisk check ... --interface IFACE` recorded must
# have run as nobody, with no capabilities and no_new_privs. Prints problems, then
# "checks: N" on the last line; false when no such process was recorded.
check_processes() {
  python3 -c '
import json, sys
nobody = int(sys.argv[3])
seen = 0
for line in open(sys.argv[1]):
    p = json.loads(line)
    args = p["args"]
    if "check" not in args or sys.argv[2] not in args:
        continue
    seen += 1
    pid, uid, euid, caps, nnp = p["pid"], p["uid"], p["euid"], p["cap_eff"], p["no_new_privs"]
    if (uid, euid) != (nobody, nobody):
        print(f"pid {pid}: uid {uid}/{euid}, expected nobody ({nobody})")
    if int(caps, 16) != 0:
        print(f"pid {pid}: effective capabilities {caps}, expected none")
    if nnp != "1":
        print(f"pid {pid}: no_new_privs {nnp}, expected 1")
print(f"checks: {seen}")
sys.exit(0 if seen else 1)
' "$1" "$2" "$(id -u nobody)"
}

# entry_with CURSOR TEXT: the first wifirisk journal entry after CURSOR whose MESSAGE
# contains TEXT, as one line of JSON; empty when there is none.
entry_with() {
  journal_since "$1" | python3 -c '
import json, sys
for line in sys.stdin:
    if sys.argv[1] in json.loads(line).get("MESSAGE", ""):
        print(line.strip())
        break
' "$2"
}
