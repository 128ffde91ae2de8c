#!/usr/bin/env python3
"""Writes a pcap of about SIZE megabytes by repeating the packets of a recorded capture,
each round a second later, for long capture reviews (under valgrind, for instance).

usage: big-capture.py SOURCE.pcap OUT.pcap [SIZE_MB]
"""
import struct
import sys

source, out = sys.argv[1], sys.argv[2]
size = int(float(sys.argv[3] if len(sys.argv) > 3 else 4) * 1_000_000)
data = open(source, "rb").read()
endian = {b"\xd4\xc3\xb2\xa1": "<", b"\xa1\xb2\xc3\xd4": ">"}.get(data[:4])
if endian is None:
    sys.exit(f"{source}: not a microsecond pcap file")
header = data[:24]
packets = []
at = 24
while at + 16 <= len(data):
    seconds, micros, captured, original = struct.unpack(endian + "IIII", data[at:at + 16])
    packets.append((seconds, micros, data[at + 16:at + 16 + captured], original))
    at += 16 + captured
if not packets:
    sys.exit(f"{source}: no packets")
start = packets[0][0]
span = packets[-1][0] - start + 1
with open(out, "wb") as f:
    f.write(header)
    written, round_ = len(header), 0
    while written < size:
        for seconds, micros, packet, original in packets:
            stamp = seconds + round_ * span
            f.write(struct.pack(endian + "IIII", stamp, micros, len(packet), original) + packet)
            written += 16 + len(packet)
        round_ += 1
print(f"{out}: {written} bytes, {round_} rounds of {len(packets)} packets")
