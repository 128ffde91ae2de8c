"""What the loopback test servers of this folder share: the paths that play a connectivity
check and a captive portal, the server itself, and how a server script runs.

A script defines its handler as a subclass of ProbeHandler, adds its own paths to `routes`,
prints its ready line once listening, then calls serve_until_stdin_closes.
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

PAGE_511 = (b"<html><head><meta http-equiv=\"refresh\" content=\"0; url=/login\">"
            b"</head><body>Sign in first</body></html>")


class ProbeHandler(http.server.BaseHTTPRequestHandler):
    """Answers the paths of `routes` (a path without its query), 404 for any other."""
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def routes(self):
        """The portal and probe cases; a subclass returns these and its own."""
        return {
            "/generate_204": lambda: self.reply(204),
            "/success.txt": lambda: self.reply(200, b"success\n", [("Content-Type", "text/plain")]),
            "/login": self.login_page,
            "/login-page": self.login_page,
            "/chunked-page": self.chunked_page,
            "/511": lambda: self.reply(511, PAGE_511, [("Content-Type", "text/html")]),
            "/slow": self.slow,
            "/slow-body": self.slow_body,
            "/garbage": self.garbage,
            "/echo": self.echo,
            "/api/captive": lambda: self.api(True),
            "/api/open": lambda: self.api(False),
            "/api/redirect": lambda: self.redirect("/api/captive"),
        }

    def do_GET(self):
        route = self.routes().get(self.path.split("?")[0])
        if route:
            route()
        else:
            self.reply(404, b"not here\n")

    def base(self):
        return "%s://127.0.0.1:%d" % (self.server.scheme, self.server.server_address[1])

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

    def redirect(self, target):
        """302 to a path of this same server."""
        self.reply(302, b"", [("Location", self.base() + target)])

    def login_page(self):
        self.reply(200, LOGIN_PAGE, [("Content-Type", "text/html")])

    def chunked_page(self):
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        for start in range(0, len(LOGIN_PAGE), 50):
            piece = LOGIN_PAGE[start:start + 50]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")

    def slow(self):
        time.sleep(10)
        self.reply(204)

    def slow_body(self):
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(b"<html>")
        self.wfile.flush()
        time.sleep(10)

    def garbage(self):
        self.wfile.write(b"SSH-2.0-NotHTTP\r\n\x00\xff\r\n\r\n")
        self.close_connection = True

    def echo(self):
        lines = [self.requestline] + ["%s: %s" % item for item in self.headers.items()]
        raw = ("\r\n".join(lines) + "\r\n\r\n").encode()
        self.reply(200, raw, [("Content-Type", "text/plain")])

    def api(self, captive):
        body = (
            '{"captive": %s, "user-portal-url": "%s/login", '
            '"venue-info-url": "%s/venue", "seconds-remaining": 600, '
            '"can-extend-session": false}' % ("true" if captive else "false",
                                              self.base(), self.base())
        ).encode()
        self.reply(200, body, [("Content-Type", "application/captive+json"),
                               ("Cache-Control", "private")])


class LoopbackServer(http.server.ThreadingHTTPServer):
    """Plain HTTP on 127.0.0.1, on a port the kernel chooses."""
    daemon_threads = True
    scheme = "http"

    def __init__(self, handler):
        super().__init__(("127.0.0.1", 0), handler)

    def handle_error(self, request, client_address):
        pass  # clients hang up on purpose (size limits, timeouts)


def closed_port():
    """A port that was free a moment ago and has nothing listening."""
    closed = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    return port


def serve_until_stdin_closes(servers, seconds=120):
    """Serves until the test process goes away (standard input closes) or for `seconds`."""
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    waiter = threading.Thread(target=sys.stdin.read, daemon=True)
    waiter.start()
    waiter.join(seconds)
    for server in servers:
        server.shutdown()
