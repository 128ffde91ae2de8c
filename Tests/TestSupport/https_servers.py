#!/usr/bin/env python3
"""Loopback HTTP and HTTPS servers for the HTTP client's tests, with a certificate authority
made for this run only.

At start, the openssl command makes two authorities in a fresh temporary folder: the test CA,
whose certificate the tests hand to libcurl, and a rogue CA that nobody trusts; each signs a
server certificate for 127.0.0.1, ::1 and localhost. Then it listens on 127.0.0.1 only, on
ports chosen by the kernel, and prints one line:

  HTTP_PORT HTTPS_PORT ROGUE_PORT SILENT_PORT CLOSED_PORT CA_FILE

  HTTP_PORT    plain HTTP
  HTTPS_PORT   HTTPS with the test CA's certificate
  ROGUE_PORT   HTTPS with the rogue CA's certificate (must be refused)
  SILENT_PORT  accepts connections (the kernel does) and never answers
  CLOSED_PORT  was free a moment ago and has nothing listening

The HTTP and HTTPS servers answer the same paths:

  /json            200 with a small JSON object
  /redirect        302 to /json (clients must not follow it)
  /portal-redirect 302 to /login?from=probe, as most captive portals answer
  /big             200 with a 200 KiB body
  /many-headers    200 with 40 KiB of headers
  /generate_204    204, what a connectivity check expects when nothing is in the way
  /success.txt     200 "success\\n", an exact-body endpoint
  /login-page      200 with a sign-in page instead of the expected 204
  /chunked-page    the same page, chunked
  /511             511 Network Authentication Required, with a meta refresh to /login
  /slow            waits 10 s before answering
  /slow-body       sends the headers and part of the body, then waits
  /garbage         bytes that are not HTTP
  /close-early     headers with Content-Length 1000, 10 bytes, then the connection closes
  /echo            200 with the request line and headers as received, in order
  /api/captive     RFC 8908 API: captive
  /api/open        RFC 8908 API: not captive
  /api/redirect    302 to /api/captive
  /api/not-json    200 with an HTML page
  /api/huge        200 with 100 KiB of JSON

The servers stop when standard input closes (the test process ended) or after 120 seconds.
"""
import os
import socket
import ssl
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ beside the Swift sources

import loopback_http  # noqa: E402


def openssl(*arguments):
    subprocess.run(["openssl", *arguments], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE)


def make_authority(folder, name):
    """A CA and a server certificate it signed; returns (ca, certificate, key) paths."""
    ca_key, ca = os.path.join(folder, name + "-ca.key"), os.path.join(folder, name + "-ca.pem")
    key, csr = os.path.join(folder, name + ".key"), os.path.join(folder, name + ".csr")
    certificate = os.path.join(folder, name + ".pem")
    extensions = os.path.join(folder, name + ".ext")
    curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *curve, "-keyout", ca_key, "-out", ca, "-days", "2",
            "-subj", "/CN=wifirisk %s test CA" % name,
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", "-new", *curve, "-keyout", key, "-out", csr, "-subj", "/CN=localhost")
    with open(extensions, "w") as file:
        file.write("subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\n"
                   "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
            "-out", certificate, "-days", "2", "-extfile", extensions)
    return ca, certificate, key


class Handler(loopback_http.ProbeHandler):
    def routes(self):
        return {
            **super().routes(),
            "/json": lambda: self.reply(200, b'{"answer": 42, "path": "/json"}',
                                        [("Content-Type", "application/json")]),
            "/redirect": lambda: self.redirect("/json"),
            "/portal-redirect": lambda: self.redirect("/login?from=probe"),
            "/big": lambda: self.reply(200, b"x" * (200 * 1024), [("Content-Type", "text/plain")]),
            "/many-headers": lambda: self.reply(
                200, b"ok", [("X-Filler-%d" % index, "y" * 1000) for index in range(40)]),
            "/close-early": self.close_early,
            "/api/not-json": self.login_page,
            "/api/huge": lambda: self.reply(
                200, b'{"captive": true, "filler": "' + b"z" * (100 * 1024) + b'"}',
                [("Content-Type", "application/captive+json")]),
        }

    def close_early(self):
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(b"0123456789")
        self.close_connection = True


class Server(loopback_http.LoopbackServer):
    """Plain HTTP, or HTTPS when given a TLS context: the handshake then happens in the
    connection's own thread, so a client that stalls it holds up no one else."""

    def __init__(self, context=None):
        super().__init__(Handler)
        self.context = context
        self.scheme = "https" if context else "http"

    def finish_request(self, request, client_address):
        if self.context:
            request.settimeout(15)
            try:
                request = self.context.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                return  # the client refused the certificate, as it should
        super().finish_request(request, client_address)


def tls_context(certificate, key):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    return context


def main():
    with tempfile.TemporaryDirectory(prefix="wifirisk-http-") as folder:
        ca, certificate, key = make_authority(folder, "test")
        _, rogue_certificate, rogue_key = make_authority(folder, "rogue")
        servers = [Server(), Server(tls_context(certificate, key)),
                   Server(tls_context(rogue_certificate, rogue_key))]
        silent = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        ports = [server.server_address[1] for server in servers]
        ports += [silent.getsockname()[1], loopback_http.closed_port()]
        print(" ".join(str(port) for port in ports), ca, flush=True)
        loopback_http.serve_until_stdin_closes(servers)
        silent.close()


if __name__ == "__main__":
    main()
