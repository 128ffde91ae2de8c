#!/usr/bin/python3
"""A desktop notification server for the lab's logged-in user: it owns
org.freedesktop.Notifications on the user's session bus (the Desktop Notifications
Specification, version 1.2) and, instead of drawing bubbles, appends each notification to a
file as one JSON line: {"app", "summary", "body", "urgency", "uid", "time"}.

    notifyd.py OUTFILE

Runs as the lab's desktop user with DBUS_SESSION_BUS_ADDRESS set. Writes "ready" on stdout
once it owns the name. It says it understands body markup, so the bodies the hooks send are
what a markup-rendering server would get."""

import sys

sys.dont_write_bytecode = True

import json
import os
import time

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


class Server(dbus.service.Object):
    def __init__(self, bus, out):
        super().__init__(bus, PATH)
        self.out = out
        self.next_id = 1

    @dbus.service.method(NAME, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return ["body", "body-markup"]

    @dbus.service.method(NAME, in_signature="", out_signature="ssss")
    def GetServerInformation(self):
        return ("wifirisk-lab-notifyd", "wifirisk", "1", "1.2")

    @dbus.service.method(NAME, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout):
        nid = self.next_id
        self.next_id += 1
        urgency = hints.get("urgency")
        record = {"app": str(app), "summary": str(summary), "body": str(body),
                  "urgency": int(urgency) if urgency is not None else None,
                  "uid": os.getuid(), "time": time.time()}
        with open(self.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")
        return dbus.UInt32(nid)

    @dbus.service.method(NAME, in_signature="u", out_signature="")
    def CloseNotification(self, nid):
        pass


def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    name = dbus.service.BusName(NAME, bus, do_not_queue=True)
    server = Server(bus, sys.argv[1])
    print("ready", flush=True)
    GLib.MainLoop().run()
    del name, server


if __name__ == "__main__":
    main()
