"""The lab's expectations (expectations.tsv, join.tsv) and how reports are compared to them.

Every comparison returns a list of problems, each "field: expected X, got Y"; the caller turns
them into "FAIL <label>: <problem> (<context>)" lines.
"""

import re

COLUMNS = ["label", "find", "ssid", "bssid", "hidden", "security", "pmf", "wps",
           "present", "absent", "join"]
SCHEMA = "wifirisk.report/1"


def _rows(path):
    header = None
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        fields = re.split(r"\t+", line)
        if header is None:
            header = fields
            continue
        if len(fields) != len(header):
            raise ValueError(f"{path}:{number}: {len(fields)} fields, the header has {len(header)}")
        yield number, dict(zip(header, fields))


def _list(value):
    return [] if value == "-" else [v for v in value.split(",") if v]


def load_expectations(path):
    rows = []
    for number, row in _rows(path):
        if list(row) != COLUMNS:
            raise ValueError(f"{path}: columns must be {' '.join(COLUMNS)}")
        if row["find"] not in ("ssid", "bssid"):
            raise ValueError(f"{path}:{number}: find must be ssid or bssid")
        row["hidden"] = row["hidden"] == "yes"
        row["present"] = _list(row["present"])
        row["absent"] = _list(row["absent"])
        row["bssid"] = row["bssid"].lower()
        rows.append(row)
    return rows


def load_joins(path, workdir):
    joins = {}
    for _, row in _rows(path):
        pairs = []
        for item in row["network"].split(";"):
            name, _, value = item.partition("=")
            pairs.append((name, value.replace("@LAB@", workdir)))
        joins[row["label"]] = pairs
    return joins


def alternatives(value):
    return value.split("|")


def pick(networks, row):
    """The report entry for an expected AP: by SSID or BSSID as the row says. When several
    match (a hidden BSS can appear twice: its beacon, and a probe response that named it),
    prefer the one with the row's BSSID, then the one whose "hidden" agrees with the row."""
    if row["find"] == "ssid":
        found = [n for n in networks if n.get("ssid") == row["ssid"]]
    else:
        found = [n for n in networks if str(n.get("bssid", "")).lower() == row["bssid"]]
    found.sort(key=lambda n: (str(n.get("bssid", "")).lower() != row["bssid"],
                              bool(n.get("hidden")) != row["hidden"]))
    return found[0] if found else None


def _wps_text(wps):
    if not isinstance(wps, dict) or not wps.get("enabled"):
        return "off"
    state = wps.get("state")
    return f"on:{state}" if state else "on"


def _wps_matches(expected, got):
    if expected == "on":
        return got.startswith("on")
    return expected == got


def compare_network(row, net):
    """Problems with one report entry (a "networks" element or "connection.network")."""
    problems = []

    def check(field, expected, got, ok=None):
        if ok is None:
            ok = got in alternatives(expected)
        if not ok:
            problems.append(f"{field}: expected {expected}, got {got}")

    check("bssid", row["bssid"], str(net.get("bssid", "")).lower())
    check("hidden", str(row["hidden"]).lower(), str(bool(net.get("hidden"))).lower())
    if not row["hidden"]:
        check("ssid", row["ssid"], net.get("ssid"))
    check("security", row["security"], net.get("security"))
    check("pmf", row["pmf"], net.get("pmf"))
    wps = _wps_text(net.get("wps"))
    check("wps", row["wps"], wps, _wps_matches(row["wps"], wps))
    ids = [f.get("id") for f in net.get("findings") or [] if isinstance(f, dict)]
    for fid in row["present"]:
        if fid not in ids:
            problems.append(f"findings: expected {fid}, got {','.join(ids) or 'none'}")
    for fid in row["absent"]:
        if fid in ids:
            problems.append(f"findings: {fid} must be absent, got {','.join(ids)}")
    for field in ("risk", "frequency", "channel"):
        if field not in net:
            problems.append(f"{field}: missing from the report entry")
    return problems


def report_problems(doc):
    """Problems with the report document as a whole."""
    if not isinstance(doc, dict):
        return ["report: not a JSON object"]
    problems = []
    if doc.get("schema") != SCHEMA:
        problems.append(f"schema: expected {SCHEMA}, got {doc.get('schema')}")
    if not isinstance(doc.get("networks"), list):
        problems.append("networks: expected a list")
    return problems


def rating(net):
    """What a review of a saved scan must reproduce for one entry."""
    return {
        "security": net.get("security"),
        "pmf": net.get("pmf"),
        "wps": _wps_text(net.get("wps")),
        "risk": net.get("risk"),
        "findings": sorted(f.get("id") for f in net.get("findings") or [] if isinstance(f, dict)),
    }


def ratings_by_key(doc):
    out = {}
    for net in doc.get("networks") or []:
        key = (str(net.get("bssid", "")).lower(), net.get("ssid"))
        out[key] = rating(net)
    return out
