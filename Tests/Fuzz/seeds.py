#!/usr/bin/env python3
"""Writes each fuzz target's seed inputs, made from the project's fixtures, into DIR/TARGET/.

Seeds are derived at every run rather than committed: when a fixture changes, the seeds
follow. Tests/Fuzz/corpus/TARGET/ holds what fuzzing added to them (minimised).

usage: seeds.py DIR
"""
import glob
import hashlib
import json
import os
import struct
import sys
import tomllib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = sys.argv[1]


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def files(*patterns):
    out = []
    for pattern in patterns:
        out += glob.glob(os.path.join(ROOT, pattern), recursive=True)
    return sorted(set(out))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def pcap_packets(data):
    """(link type, [(packet bytes, original length)]) of a classic pcap file."""
    if len(data) < 24:
        return None, []
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        return None, []
    link = struct.unpack(e + "I", data[20:24])[0]
    at, packets = 24, []
    while at + 16 <= len(data):
        _, _, captured, original = struct.unpack(e + "IIII", data[at:at + 16])
        at += 16
        if at + captured > len(data):
            break
        packets.append((data[at:at + captured], original))
        at += captured
    return link, packets


def pcap_file(link, packets):
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, link)
    for i, (packet, original) in enumerate(packets):
        out += struct.pack("<IIII", 1_700_000_000 + i, 1000 * i, len(packet), original) + packet
    return out


# Scan fixtures: element lists, whole fixtures, JSON.
fixtures = files("fixtures/**/*.json")
for path in fixtures:
    data = read(path)
    put("json", data)
    put("fixture", data)
    try:
        doc = json.loads(data)
    except ValueError:
        continue
    for bss in doc.get("bss", []) if isinstance(doc, dict) else []:
        try:
            ies = bytes.fromhex(bss.get("ies", ""))
            beacon = bytes.fromhex(bss["beacon_ies"]) if "beacon_ies" in bss else None
            capability = int(bss.get("capability", 0)) & 0xFFFF
        except (ValueError, TypeError, AttributeError):
            continue
        put("elements", struct.pack("<HB", capability, 0) + ies)
        if beacon is not None and beacon != ies:
            put("elements", struct.pack("<HB", capability, 3) + bytes([len(ies) & 0xFF]) + ies + beacon)
        if len(ies) >= 2 and ies[0] == 0:
            put("display-text", ies[2:2 + ies[1]])

# Captures: whole files, and single packets for the header targets.
header_target = {127: "radiotap", 119: "prism", 163: "avs", 192: "ppi", 105: "frame"}
for path in files("fixtures/**/*.pcap"):
    data = read(path)
    link, packets = pcap_packets(data)
    if len(data) <= 16384:
        put("pcap", data)
    elif link is not None:
        put("pcap", pcap_file(link, packets[:12]))
    target = header_target.get(link)
    if target:
        seen = set()
        for packet, _ in packets:
            key = packet[:2] + bytes([len(packet) // 64])
            if key in seen:
                continue
            seen.add(key)
            put(target, packet)
            if len(seen) >= 24:
                break
for path in files("fixtures/**/*.pcapng"):
    put("pcapng", read(path))

# iw text: whole dumps and each BSS alone.
for path in files("fixtures/**/iw*/*.txt", "fixtures/**/iw-scan-dump.txt"):
    text = read(path).decode("utf-8", "replace")
    put("iw-scan", text)
    blocks = text.split("\nBSS ")
    for i, block in enumerate(blocks[:40]):
        put("iw-scan", block if i == 0 else "BSS " + block)

# nl80211 messages, recorded as hex dumps.
for path in files("fixtures/netlink/**/*.hex"):
    lines = [l.strip() for l in read(path).decode().splitlines()]
    data = bytes.fromhex("".join(l for l in lines if l and not l.startswith("#")))
    name = os.path.basename(path)
    if "scan" in name:
        put("nl80211-scan", data)
    elif "interface" in name:
        put("nl80211-interface", data)
    elif "station" in name:
        put("nl80211-station", data)

# Wireless Extensions event streams (64-bit little-endian, as recorded).
for path in files("fixtures/wext/*.hex"):
    lines = [l.strip() for l in read(path).decode().splitlines()]
    put("wext", b"\x00" + bytes.fromhex("".join(l for l in lines if l and not l.startswith("#"))))

for path in files("fixtures/netlink/**/supplicant-status-*.txt"):
    put("supplicant-status", read(path))
put("supplicant-status", 'wpa_state=COMPLETED\nssid=caf\\xc3\\xa9 \\"x\\"\\e[31m\nkey_mgmt=SAE\npmf=2\n')

# The remembered-networks file.
put("known-networks", json.dumps({
    "schema": "wifirisk.known-networks/1",
    "networks": [{
        "ssid_hex": "686f6d65", "ssid": "home", "security": "wpa3-personal", "pmf": "required",
        "first_seen": "2026-11-25T10:00:00Z", "last_seen": "2026-11-26T10:00:00Z",
        "bssids": [{"bssid": "02:00:00:00:02:02", "first_seen": "2026-11-25T10:00:00Z",
                    "last_seen": "2026-11-26T10:00:00Z", "user_added": False}]}]},
    sort_keys=True, indent=2))
put("known-networks", '{"schema": "wifirisk.known-networks/1", "networks": []}')

# Profiles: TOML text for toml++ and the locator, the same as JSON for the reader.
for path in files("profiles/*.toml", "fixtures/policy/*.toml"):
    data = read(path)
    put("toml", data)
    put("toml-locator", data)
    try:
        put("profile", json.dumps(tomllib.loads(data.decode()), default=str))
    except (ValueError, UnicodeDecodeError):
        pass

# TOML syntax the profiles do not use, for toml++: every value kind, escapes, dotted and
# quoted keys, inline tables, special floats, a CRLF profile.
put("toml", r'''a = 0x1F
b = 1.5e2
c = nan
d = -inf
e = 2026-11-25T10:00:00Z
f = 2026-11-25
g = 10:00:00
h = [1, "two", [3], { four = 4 }]
i = { a.b = "dotted" }
j.k."l m" = 1
k = \'\'\'
literal\'\'\'
l = """
basic \
  line"""
'''.replace("\\'", "'"))
put("toml", r'''description = "caf\u00e9 \U0001F600 \b\t"
[[trusted]]
ssid = "\u001b[31mx"
security = "wpa2-personal"
bssids = ["02:00:00:00:00:01"]
ouis = ["02:00:00"]
[[trusted]]
ssid = 'lit\eral'
[probe]
timeout_seconds = 2.5
expect_status = 200
''')
put("toml", read(os.path.join(ROOT, "profiles/strict.toml")).replace(b"\n", b"\r\n"))

put("ssid-patterns", read(os.path.join(ROOT, "profiles/public-ssids.txt")) + b"\x00Free WiFi Airport")
put("ssid-patterns", b"*free*\n# comment\n\nstarbucks*\x00STARBUCKS guest")

for reply in [
    "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n",
    "HTTP/1.1 302 Found\r\nLocation: http://192.0.2.1/login?x=1\r\nContent-Length: 5\r\n\r\nhello",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nsign\r\n3\r\n in\r\n0\r\n\r\n",
    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 511 Network Authentication Required\r\n\r\n",
    "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html><meta http-equiv=refresh content=\"0;url=/portal\">",
]:
    put("http-response", reply)

for answer in [
    '{"captive": true, "user-portal-url": "https://example.org/portal.html", '
    '"venue-info-url": "https://flight.example.com/entertainment", "seconds-remaining": 326, '
    '"bytes-remaining": 65536, "can-extend-session": true}',
    '{"captive": false}',
    '{"captive": true, "seconds-remaining": "soon", "extra": [1, 2.5e3, null]}',
]:
    put("portal-api", answer)
    put("json", answer)

for path in files("fixtures/leases/**/*"):
    if os.path.isfile(path) and not path.endswith(".md"):
        put("leases", read(path))

put("display-text", "caf\u00e9 \u202eevil\u202c \x1b[31mred \\ \u200b".encode())
