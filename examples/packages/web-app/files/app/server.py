#!/usr/bin/env python3
"""The application tier: a small HTTP service that counts visits in the database tier.

  GET /         {"node": ..., "hits": n}, incrementing the counter in the database
  GET /healthz  200 when the database answers, 503 otherwise

Settings come from the file the drone renders from templates/app.env.hbs (KEY=value lines).
"""
import json
import socket
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def settings(path):
    values = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                values[key.strip()] = value.strip()
    return values


def command(address, password, *args):
    """Sends one command to the database (Redis protocol) and returns its reply."""
    host, port = address.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=3) as conn:
        stream = conn.makefile("rwb")
        calls = ([("AUTH", password)] if password else []) + [args]
        for call in calls:
            stream.write(b"*%d\r\n" % len(call))
            for part in call:
                data = str(part).encode()
                stream.write(b"$%d\r\n%s\r\n" % (len(data), data))
        stream.flush()
        reply = None
        for _ in calls:
            line = stream.readline().rstrip(b"\r\n")
            if not line or line[:1] == b"-":
                raise OSError("database error: %s" % line.decode(errors="replace"))
            reply = line[1:].decode()
        return reply


class Handler(BaseHTTPRequestHandler):
    config = {}

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        db, password = self.config["DB"], self.config.get("DB_PASSWORD", "")
        try:
            if self.path == "/healthz":
                self.reply(200, {"status": "ok", "db": command(db, password, "PING")})
            elif self.path == "/":
                self.reply(200, {"node": self.config["NODE"], "hits": int(command(db, password, "INCR", "hits"))})
            else:
                self.reply(404, {"error": "not found"})
        except OSError as err:
            self.reply(503, {"error": str(err)})

    def log_message(self, format, *args):
        sys.stderr.write("app %s %s\n" % (self.address_string(), format % args))


def main():
    Handler.config = settings(sys.argv[1])
    server = ThreadingHTTPServer((Handler.config["LISTEN"], int(Handler.config["PORT"])), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
