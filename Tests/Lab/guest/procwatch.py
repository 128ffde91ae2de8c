#!/usr/bin/python3
"""Records every start of a program, from the kernel's process events (the proc connector,
NETLINK_CONNECTOR): no polling, so even a check that lasts a fraction of a second is seen.

    procwatch.py EXE OUTFILE [FREEZE_FLAG]

For each exec of EXE (compared with /proc/PID/exe), one JSON line goes to OUTFILE:
{"pid", "uid", "euid", "gid", "cap_eff", "no_new_privs", "args", "time", "frozen"}, read
from /proc/PID at once. When the file FREEZE_FLAG exists, the next such process whose
arguments include the flag's first line (e.g. an interface name) is stopped with SIGSTOP
right away, as a hang would stop it, and the flag is removed: one process per flag. Writes "ready" on stdout once it listens. Runs as root (the proc connector needs
CAP_NET_ADMIN)."""

import sys

sys.dont_write_bytecode = True

import json
import os
import signal
import socket
import struct
import time

NETLINK_CONNECTOR = 11
CN_IDX_PROC = 1
CN_VAL_PROC = 1
PROC_CN_MCAST_LISTEN = 1
PROC_EVENT_EXEC = 0x00000002
NLMSG_DONE = 3
NLMSG_HEADER = struct.Struct("=IHHII")  # len, type, flags, seq, pid
CN_HEADER = struct.Struct("=IIIIHH")  # idx, val, seq, ack, len, flags
EVENT_HEADER = struct.Struct("=IIQ")  # what, cpu, timestamp
EXEC_EVENT = struct.Struct("=II")  # pid, tgid


def status_fields(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.split()
    return fields


def main():
    exe, out = os.path.realpath(sys.argv[1]), sys.argv[2]
    flag = sys.argv[3] if len(sys.argv) > 3 else None
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, NETLINK_CONNECTOR)
    sock.bind((0, CN_IDX_PROC))
    op = struct.pack("=I", PROC_CN_MCAST_LISTEN)
    cn = CN_HEADER.pack(CN_IDX_PROC, CN_VAL_PROC, 0, 0, len(op), 0) + op
    sock.send(NLMSG_HEADER.pack(NLMSG_HEADER.size + len(cn), NLMSG_DONE, 0, 0, os.getpid()) + cn)
    print("ready", flush=True)
    seen = set()  # (pid, args): setpriv's exec event can be read after it became wifirisk
    while True:
        data = sock.recv(65536)
        offset = 0
        while offset + NLMSG_HEADER.size <= len(data):
            length = NLMSG_HEADER.unpack_from(data, offset)[0]
            if length < NLMSG_HEADER.size:
                break
            body = data[offset + NLMSG_HEADER.size:offset + length]
            offset += (length + 3) & ~3
            if len(body) < CN_HEADER.size + EVENT_HEADER.size + EXEC_EVENT.size:
                continue
            what = EVENT_HEADER.unpack_from(body, CN_HEADER.size)[0]
            if what != PROC_EVENT_EXEC:
                continue
            pid = EXEC_EVENT.unpack_from(body, CN_HEADER.size + EVENT_HEADER.size)[0]
            try:
                if os.readlink(f"/proc/{pid}/exe") != exe:
                    continue
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    args = [a.decode(errors="replace") for a in f.read().split(b"\0")[:-1]]
                if (pid, tuple(args)) in seen:
                    continue
                seen.add((pid, tuple(args)))
                frozen = False
                if flag and os.path.exists(flag):
                    with open(flag) as f:
                        wanted = f.readline().strip()
                    if wanted in args:
                        os.kill(pid, signal.SIGSTOP)
                        os.unlink(flag)
                        frozen = True
                st = status_fields(pid)
            except OSError:
                continue  # it ended before it could be read
            record = {"pid": pid, "uid": int(st["Uid"][0]), "euid": int(st["Uid"][1]),
                      "gid": int(st["Gid"][0]), "cap_eff": st["CapEff"][0],
                      "no_new_privs": st.get("NoNewPrivs", ["?"])[0], "args": args,
                      "time": time.time(), "frozen": frozen}
            with open(out, "a", encoding="utf-8") as f:
                f.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
