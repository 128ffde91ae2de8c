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
import http.server
import socket
import sys
import threading
import time

LOGIN_PAGE = (
    b"<!doctype html><html><head><title>Welcome to the lab cafe</title></head>"
    b"<body><form action=\"/login\" method=\"post\">Accept the terms"
    b"<button>Sign in</button></form></body></html>"
)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def base(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if status not in (204, 304):
            self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if body and status not in (204, 304):
            self.wfile.write(body)

    def api(self, captive):
        body = (
            '{"captive": %s, "user-portal-url": "%s/login", '
            '"venue-info-url": "%s/venue", "seconds-remaining": 600, '
            '"can-extend-session": false}' % ("true" if captive else "false",
                                              self.base(), self.base())
        ).encode()
        self.reply(200, body, [("Content-Type", "application/captive+json"),
                               ("Cache-Control", "private")])

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/generate_204":
            self.reply(204)
        elif path == "/success.txt":
            self.reply(200, b"success\n", [("Content-Type", "text/plain")])
        elif path == "/redirect":
            self.reply(302, b"", [("Location", self.base() + "/login?from=probe")])
        elif path in ("/login", "/login-page"):
            self.reply(200, LOGIN_PAGE, [("Content-Type", "text/html")])
        elif path == "/chunked-page":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Connection", "close")
            self.end_headers()
            for start in range(0, len(LOGIN_PAGE), 50):
                piece = LOGIN_PAGE[start:start + 50]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        elif path == "/511":
            body = (b"<html><head><meta http-equiv=\"refresh\" content=\"0; url=/login\">"
                    b"</head><body>Sign in first</body></html>")
            self.reply(511, body, [("Content-Type", "text/html")])
        elif path == "/slow":
            time.sleep(10)
            self.reply(204)
        elif path == "/slow-body":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"<html>")
            self.wfile.flush()
            time.sleep(10)
        elif path == "/huge":
            self.reply(200, b"x" * (200 * 1024), [("Content-Type", "text/html")])
        elif path == "/garbage":
            self.wfile.write(b"SSH-2.0-NotHTTP\r\n\x00\xff\r\n\r\n")
            self.close_connection = True
        elif path == "/echo":
            lines = [self.requestline] + ["%s: %s" % item for item in self.headers.items()]
            raw = ("\r\n".join(lines) + "\r\n\r\n").encode()
            self.reply(200, raw, [("Content-Type", "text/plain")])
        elif path == "/api/captive":
            self.api(True)
        elif path == "/api/open":
            self.api(False)
        elif path == "/api/redirect":
            self.reply(302, b"", [("Location", self.base() + "/api/captive")])
        else:
            self.reply(404, b"not here\n")


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    closed = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()
    print("%d %d" % (server.server_address[1], closed_port), flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # Stop when the test process goes away (stdin closes) or after 120 s.
    waiter = threading.Thread(target=sys.stdin.read, daemon=True)
    waiter.start()
    waiter.join(120)
    server.shutdown()


if __name__ == "__main__":
    main()
