#!/usr/bin/env python3
"""Builds a large classic-pcap capture by repeating the packets of a seed capture.

Usage: make_capture.py SEED OUT SIZE_BYTES

The seed's file header is written once; its packet records are then appended again and
again until OUT reaches at least SIZE_BYTES. Every repetition shifts the timestamps by the
seed's span plus one second, so time keeps moving forward across the file and every record
keeps valid pcap framing (16-byte record header, caplen bytes of data).
Only classic pcap seeds (either byte order, micro- or nanosecond) are accepted.
"""
import struct
import sys


def main() -> int:
    seed_path, out_path, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    data = open(seed_path, "rb").read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        order = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        order = ">"
    else:
        print("make_capture: seed is not a classic pcap file", file=sys.stderr)
        return 1
    nano = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
    unit = 1_000_000_000 if nano else 1_000_000
    header, body = data[:24], bytearray(data[24:])

    # Record offsets (within body) and timestamps, as integer sub-second units.
    rec = struct.Struct(order + "IIII")
    offsets, stamps = [], []
    pos = 0
    while pos + 16 <= len(body):
        sec, frac, incl, _orig = rec.unpack_from(body, pos)
        if pos + 16 + incl > len(body):
            break  # a truncated last record in the seed is dropped
        offsets.append(pos)
        stamps.append(sec * unit + frac)
        pos += 16 + incl
    if not offsets:
        print("make_capture: seed holds no packets", file=sys.stderr)
        return 1
    body = body[:pos]
    shift = max(stamps) - min(stamps) + unit  # span of the seed plus one second

    stamp = struct.Struct(order + "II")
    written = 0
    with open(out_path, "wb", buffering=8 << 20) as out:
        out.write(header)
        written += len(header)
        rep = 0
        while written < size:
            if rep:
                delta = rep * shift
                for off, ts in zip(offsets, stamps):
                    t = ts + delta
                    stamp.pack_into(body, off, t // unit, t % unit)
            out.write(body)
            written += len(body)
            rep += 1
    print(f"{out_path}: {written} bytes, {rep} repetitions of {len(offsets)} packets "
          f"({rep * len(offsets)} packets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
