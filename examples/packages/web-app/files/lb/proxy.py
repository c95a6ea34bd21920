#!/usr/bin/env python3
"""The load-balancing tier: forwards each HTTP request to the next application server.

The backends are the `ip:port` lines of a file the drone re-renders whenever the application
tier grows or shrinks; the file is re-read when it changes, so scaling needs no restart. A backend
that refuses the connection is skipped for the next one.

  GET /lb-healthz   200 when at least one backend is listed
"""
import http.client
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers", "transfer-encoding", "upgrade"}


class Backends:
    def __init__(self, path):
        self.path, self.mtime, self.items, self.turn = path, None, [], -1
        self.lock = threading.Lock()

    def next(self):
        """Every backend, starting with the next one in turn (the rest are the fallbacks)."""
        with self.lock:
            mtime = os.stat(self.path).st_mtime_ns
            if mtime != self.mtime:
                with open(self.path, encoding="utf-8") as handle:
                    self.items = [line.strip() for line in handle if line.strip() and not line.startswith("#")]
                self.mtime = mtime
            if not self.items:
                return []
            self.turn = (self.turn + 1) % len(self.items)
            return self.items[self.turn:] + self.items[:self.turn]


class Handler(BaseHTTPRequestHandler):
    backends = None

    def forward(self):
        if self.path == "/lb-healthz":
            candidates = self.backends.next()
            return self.answer(200 if candidates else 503, b"ok\n" if candidates else b"no backends\n")
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        for backend in self.backends.next():
            host, port = backend.rsplit(":", 1)
            try:
                conn = http.client.HTTPConnection(host, int(port), timeout=10)
                conn.request(self.command, self.path, body=body or None, headers=headers)
                response = conn.getresponse()
                data = response.read()
            except OSError:
                continue
            self.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() not in HOP_BY_HOP and key.lower() != "content-length":
                    self.send_header(key, value)
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return None
        return self.answer(502, b"no application server answered\n")

    def answer(self, status, data):
        self.send_response(status)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = forward

    def log_message(self, format, *args):
        sys.stderr.write("lb %s %s\n" % (self.address_string(), format % args))


def main():
    listen, port, backends = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    Handler.backends = Backends(backends)
    server = ThreadingHTTPServer((listen, port), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
