"""Reads `iw dev IF scan dump` text: the lab's ground truth, independent of wifirisk.

iw prints one block per BSS ("BSS 02:00:00:00:00:00(on wlan6)"), then one line per element,
with one tab for an element and two for its details. When the kernel holds both a probe
response and a beacon for a BSS, `scan dump -b` prints both element sets, each after its own
heading. This module turns that text into small dicts and derives, from what iw decoded, the
same vocabulary wifirisk reports (security, pmf, wps) and the element-level evidence behind
each finding id. It is deliberately simple: it only has to be right for the lab's own APs.
"""

import re

BSS_LINE = re.compile(r"^BSS ([0-9a-f]{2}(?::[0-9a-f]{2}){5})\(on (\S+)\)")
PRESP_HEADING = "\tInformation elements from Probe Response frame:"
BEACON_HEADING = "\tInformation elements from Beacon frame:"
AKM_TOKEN = re.compile(r"(?:FT/)?IEEE 802\.1X(?:/[A-Za-z0-9-]+)*|\S+")


def parse(text):
    """Returns a list of BSS dicts: bssid, frequency, capability, and the element sets
    `elements` (the one iw prints first: probe response if any, else beacon) and `beacon`
    (only with `scan dump -b`, when the kernel kept a beacon)."""
    result = []
    bss = None
    target = None
    for line in text.splitlines():
        m = BSS_LINE.match(line)
        if m:
            bss = {"bssid": m.group(1), "frequency": None, "capability": "",
                   "elements": [], "beacon": None, "presp_heading": False}
            result.append(bss)
            target = bss["elements"]
            continue
        if bss is None:
            continue
        if line == PRESP_HEADING:
            bss["presp_heading"] = True
            continue
        if line == BEACON_HEADING:
            bss["beacon"] = []
            target = bss["beacon"]
            continue
        if line.startswith("\tfreq: "):
            bss["frequency"] = int(float(line.split(":", 1)[1]))
        elif line.startswith("\tcapability: "):
            bss["capability"] = line.split(":", 1)[1].strip()
        target.append(line)
    return result


def sections(lines):
    """Groups element lines into {name: text}: a top-level line has one tab, its details
    follow with two or more."""
    out = {}
    name = None
    for line in lines:
        if line.startswith("\t\t") and name is not None:
            out[name] += "\n" + line
        elif line.startswith("\t"):
            name = line[1:].split(":", 1)[0]
            n = 2
            base = name
            while name in out:  # a repeated element: "WPS", "WPS#2", ...
                name = f"{base}#{n}"
                n += 1
            out[name] = line
        else:
            name = None
    return out


def _field(text, label):
    m = re.search(r"\* " + re.escape(label) + r": ([^\n]*)", text or "")
    return m.group(1).strip() if m else None


def ssid_of(lines):
    for line in lines:
        if line.startswith("\tSSID:"):
            return line[len("\tSSID:"):].strip()
    return None


def is_hidden_ssid(ssid):
    """A hidden BSS beacons an empty SSID or one made of zero bytes (iw prints \\x00)."""
    return ssid is not None and (ssid == "" or set(ssid.replace("\\x00", "")) == set())


class View:
    """One element set of one BSS, with the derived fields."""

    def __init__(self, bss, lines):
        self.bssid = bss["bssid"]
        self.frequency = bss["frequency"]
        self.privacy = "Privacy" in bss["capability"].split()
        self.ssid = ssid_of(lines)
        self.sec = sections(lines)
        rsn, wpa = self.sec.get("RSN"), self.sec.get("WPA")
        self.rsn_akms = AKM_TOKEN.findall(_field(rsn, "Authentication suites") or "")
        self.wpa_akms = AKM_TOKEN.findall(_field(wpa, "Authentication suites") or "")
        self.ciphers = []
        for text in (rsn, wpa):
            self.ciphers += (_field(text, "Pairwise ciphers") or "").split()
            self.ciphers += (_field(text, "Group cipher") or "").split()
        self.rsn_caps = (_field(rsn, "Capabilities") or "").split()

    @property
    def hidden(self):
        return is_hidden_ssid(self.ssid)

    @property
    def security(self):
        rsn, wpa = "RSN" in self.sec, "WPA" in self.sec
        if not rsn and not wpa:
            return "wep" if self.privacy else "open"
        akms = self.rsn_akms + self.wpa_akms
        if "OWE" in self.rsn_akms:
            return "owe"
        if any("802.1X" in a for a in akms):
            if wpa and rsn:
                return "wpa-wpa2-enterprise"
            if wpa:
                return "wpa-enterprise"
            if any(a.endswith("SUITE-B-192") for a in self.rsn_akms):
                return "wpa3-enterprise-192"
            if "IEEE 802.1X" not in self.rsn_akms and self.pmf == "required":
                return "wpa3-enterprise"
            return "wpa2-enterprise"
        if wpa and rsn:
            return "wpa-wpa2-personal"
        if wpa:
            return "wpa-personal"
        sae = any(a in ("SAE", "FT/SAE") for a in self.rsn_akms)
        psk = any(a in ("PSK", "FT/PSK", "PSK/SHA-256") for a in self.rsn_akms)
        if sae and psk:
            return "wpa2-wpa3-personal"
        if sae:
            return "wpa3-personal"
        return "wpa2-personal" if psk else "unknown"

    @property
    def pmf(self):
        if "MFP-required" in self.rsn_caps:
            return "required"
        if "MFP-capable" in self.rsn_caps:
            return "capable"
        return "none"

    @property
    def wps(self):
        """"off", or "on:configured" / "on:unconfigured" / "on" (state not shown)."""
        text = self.sec.get("WPS")
        if text is None:
            return "off"
        state = _field(text, "Wi-Fi Protected Setup State") or ""
        if state.startswith("1"):
            return "on:unconfigured"
        if state.startswith("2"):
            return "on:configured"
        return "on"

    def security_sections(self):
        """The elements a rating depends on, as iw decoded them."""
        names = ("RSN", "WPA", "WPS", "OWE Transition Mode", "802.11u Interworking")
        return {n: self.sec[n] for n in names if n in self.sec}


def evidence(view, bss, finding):
    """What iw shows for a finding id: True (the elements support it), False (they rule it
    out) or None (iw cannot tell; the finding is not cross-checked)."""
    interworking = view.sec.get("802.11u Interworking", "")
    if finding == "open-network":
        return view.security == "open"
    if finding == "wep":
        return view.security == "wep"
    if finding == "wpa1":
        return "WPA" in view.sec
    if finding == "tkip":
        return "TKIP" in view.ciphers
    if finding == "pmf-missing":
        return "RSN" in view.sec and view.pmf == "none"
    if finding == "wps-enabled":
        return "WPS" in view.sec
    if finding == "transition-mode":
        return "SAE" in view.rsn_akms and any(a.startswith("PSK") for a in view.rsn_akms)
    if finding == "owe-transition":
        return "OWE Transition Mode" in view.sec
    if finding == "hidden-ssid":
        return view.hidden
    if finding == "public-network":
        m = re.search(r"Network Type: (\d+)", interworking)
        return bool(m) and m.group(1) in ("2", "3")
    if finding == "portal-signalled":
        return "ASRA" in interworking
    if finding == "beacon-probe-mismatch":
        if bss.get("beacon") is None:
            return None  # no beacon kept (or dump without -b): iw cannot compare
        beacon = View(bss, bss["beacon"])
        return beacon.security_sections() != view.security_sections()
    return None
