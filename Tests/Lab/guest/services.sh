#!/bin/bash
# The system services the guest's client daemons and hooks expect of a desktop machine, for
# the extra stages (guest/hooks.sh, guest/networkmanager.sh, guest/iwd.sh):
#
#   - systemd-journald, alone (no systemd as PID 1): it binds its own sockets, and /dev/log
#     points at its syslog socket, so `logger --journald` and plain syslog both land there;
#   - the system D-Bus (NetworkManager, iwd, the D-Bus-activated wpa_supplicant and
#     nm-dispatcher), with activation through the setuid launch helper as on a Debian
#     machine without systemd;
#   - a logged-in desktop user (LAB_DESKTOP_USER, made in the guest's overlay /etc) with a
#     session bus at /run/user/UID/bus and guest/notifyd.py serving desktop notifications on
#     it; each notification becomes one JSON line in $WORK/desktop/notifications.jsonl.
#
#   services.sh start OUTDIR    start them; prints KEY=value lines (NOTIFICATIONS=...)
#   services.sh stop OUTDIR     stop them (by pid) and copy their logs to OUTDIR/services/
#
# Every daemon is started with `< /dev/null > file 2>&1`: the guest's stage 2 pipes the
# payload through tee, and a daemon that inherits that pipe keeps the guest from powering off.
set -uo pipefail

CMD=${1:?usage: services.sh start|stop OUTDIR}
OUTDIR=${2:?usage: services.sh start|stop OUTDIR}
WORK=/run/wifirisk-lab/services
DESKTOP=/run/wifirisk-lab/desktop
USER_NAME=${LAB_DESKTOP_USER:-labdesk}
HERE=$(dirname "$(readlink -f "$0")")
mkdir -p "$WORK" "$OUTDIR/services"

wait_for() { # tries(0.1 s each) command...
  local n=$1 i
  shift
  for ((i = 0; i < n; i++)); do "$@" && return 0; sleep 0.1; done
  return 1
}

start() {
  # journald: volatile storage in the guest's /run. It places itself in the cgroup tree,
  # which stage 2 does not mount.
  mountpoint -q /sys/fs/cgroup || mount -t cgroup2 cgroup2 /sys/fs/cgroup
  mkdir -p /run/systemd/journal /run/log/journal
  /lib/systemd/systemd-journald < /dev/null > "$WORK/journald.log" 2>&1 &
  echo $! > "$WORK/journald.pid"
  if wait_for 100 test -S /run/systemd/journal/dev-log && sleep 0.2 &&
    kill -0 "$(cat "$WORK/journald.pid")" 2> /dev/null; then
    ln -sf /run/systemd/journal/dev-log /dev/log
    echo "JOURNAL=yes"
  else
    echo "JOURNAL=no"
    echo "services: systemd-journald did not come up: $(tail -n 3 "$WORK/journald.log")" >&2
  fi

  # No D-Bus activation of iwd: guest/iwd.sh starts it for its one radio. Activated (by an
  # iwctl that comes too early), it would take every radio of the lab, the APs' too.
  rm -f /usr/share/dbus-1/system-services/net.connman.iwd.service
  mkdir -p /run/dbus
  dbus-daemon --system --nofork --nosyslog < /dev/null > "$WORK/dbus-system.log" 2>&1 &
  echo $! > "$WORK/dbus-system.pid"
  if wait_for 150 test -S /run/dbus/system_bus_socket; then
    echo "SYSTEM_BUS=yes"
  else
    echo "SYSTEM_BUS=no"
    echo "services: the system D-Bus did not come up: $(tail -n 3 "$WORK/dbus-system.log")" >&2
  fi

  id -u "$USER_NAME" > /dev/null 2>&1 ||
    useradd --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$USER_NAME" ||
    echo "services: useradd $USER_NAME failed" >&2
  local uid gid
  uid=$(id -u "$USER_NAME") && gid=$(id -g "$USER_NAME") || return 0
  local rundir=/run/user/$uid
  mkdir -p "$rundir" "$DESKTOP"
  chown "$uid:$gid" "$rundir" "$DESKTOP"
  chmod 700 "$rundir"
  as_user() { setpriv --reuid="$uid" --regid="$gid" --init-groups -- "$@"; }
  as_user dbus-daemon --session --address="unix:path=$rundir/bus" --nofork --nopidfile \
    --nosyslog < /dev/null > "$WORK/dbus-session.log" 2>&1 &
  echo $! > "$WORK/dbus-session.pid"
  wait_for 150 test -S "$rundir/bus" ||
    echo "services: the session bus of $USER_NAME did not come up" >&2
  : > "$DESKTOP/notifications.jsonl"
  chown "$uid:$gid" "$DESKTOP/notifications.jsonl"
  DBUS_SESSION_BUS_ADDRESS="unix:path=$rundir/bus" as_user /usr/bin/python3 \
    "$HERE/notifyd.py" "$DESKTOP/notifications.jsonl" < /dev/null > "$WORK/notifyd.log" 2>&1 &
  echo $! > "$WORK/notifyd.pid"
  if wait_for 150 grep -q '^ready' "$WORK/notifyd.log"; then
    echo "NOTIFICATIONS=$DESKTOP/notifications.jsonl"
    echo "DESKTOP_UID=$uid"
  else
    echo "NOTIFICATIONS="
    echo "services: notifyd did not start: $(tail -n 3 "$WORK/notifyd.log")" >&2
  fi
}

stop() {
  local name
  for name in notifyd dbus-session dbus-system journald; do
    [ -f "$WORK/$name.pid" ] || continue
    if [ $name = journald ]; then
      journalctl --no-pager -o short-precise > "$OUTDIR/services/journal.txt" 2>&1
      journalctl --no-pager -o json SYSLOG_IDENTIFIER=wifirisk \
        > "$OUTDIR/services/journal-wifirisk.json" 2>&1
    fi
    kill "$(cat "$WORK/$name.pid")" 2> /dev/null
  done
  cp -f "$WORK"/*.log "$OUTDIR/services/" 2> /dev/null
  cp -f "$DESKTOP/notifications.jsonl" "$OUTDIR/services/" 2> /dev/null
  return 0
}

case $CMD in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: services.sh start|stop OUTDIR" >&2
    exit 64
    ;;
esac
