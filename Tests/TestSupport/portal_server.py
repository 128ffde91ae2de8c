#!/usr/bin/env python3
"""A stand-in captive portal and connectivity-check server for wifirisk's probe tests.

Listens on 127.0.0.1 only, on a free port chosen by the kernel, and prints one line,
"PORT CLOSED_PORT", where CLOSED_PORT was free a moment ago and has nothing listening (for
the connection-refused case). Each path plays one case:

  /generate_204    204, what a connectivity check expects when nothing is in the way
  /success.txt     200 "success\\n", an exact-body endpoint
  /redirect        302 to /login, as most portals answer
  /login           200, the portal's sign-in page
  /login-page      200 with a sign-in page instead of the expected 204
  /chunked-page    the same page, chunked
  /511             511 Network Authentication Required, with a meta refresh to /login
  /slow            waits 10 s before answering (the probe must give up first)
  /slow-body       sends the headers and part of the body, then waits
  /huge            a 200 KiB page (the probe stops reading at its cap)
  /garbage         bytes that are not HTTP
  /echo            200 with the request line and headers as received, in order
  /api/captive     RFC 8908 API: captive
  /api/open        RFC 8908 API: not captive
  /api/redirect    302 to /api/captive (API clients must not follow it)

The server stops when its standard input closes (the test process ended) or after
120 seconds, whichever comes first.
"""
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the Swift sources

import loopback_http  # noqa: E402


class Handler(loopback_http.ProbeHandler):
    def routes(self):
        return {
            **super().routes(),
            "/redirect": lambda: self.redirect("/login?from=probe"),
            "/huge": lambda: self.reply(200, b"x" * (200 * 1024), [("Content-Type", "text/html")]),
        }


def main():
    server = loopback_http.LoopbackServer(Handler)
    print("%d %d" % (server.server_address[1], loopback_http.closed_port()), flush=True)
    loopback_http.serve_until_stdin_closes([server])


if __name__ == "__main__":
    main()
