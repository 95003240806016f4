#!/usr/bin/env python3
"""A small HTTP(S) server on 127.0.0.1 for the updater's integration tests.

Routes:
  /files/NAME          200 with the bytes of ROOT/NAME (404 when missing)
  /status/CODE         an empty response with that status
  /hang                reads the request and never answers
  /redirect/N/NAME     N redirects, then /files/NAME
  /loop                302 to itself, for ever
  /location?to=URL     302 to URL
  /big                 200 with a 2 MiB body
Each request's path is appended to --log before it is answered.
The bound port is written to --port-file once the server listens.
"""
import argparse
import http.server
import os
import ssl
import threading
import time
import urllib.parse


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def do_GET(self):
        server = self.server
        with server.log_lock:
            with open(server.log_path, "a") as log:
                log.write(self.path + "\n")
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        if parts[0] == "files" and len(parts) == 2:
            path = os.path.join(server.root, os.path.basename(parts[1]))
            if not os.path.isfile(path):
                return self.reply(404, b"not found")
            with open(path, "rb") as f:
                return self.reply(200, f.read(), [("Content-Type", "application/json")])
        if parts[0] == "status" and len(parts) == 2:
            return self.reply(int(parts[1]))
        if parts[0] == "hang":
            time.sleep(600)
            return None
        if parts[0] == "redirect" and len(parts) == 3:
            left = int(parts[1])
            target = "/files/" + parts[2] if left <= 1 else "/redirect/%d/%s" % (left - 1, parts[2])
            return self.reply(302, headers=[("Location", target)])
        if parts[0] == "loop":
            return self.reply(302, headers=[("Location", "/loop")])
        if parts[0] == "location":
            to = urllib.parse.parse_qs(url.query)["to"][0]
            return self.reply(302, headers=[("Location", to)])
        if parts[0] == "big":
            return self.reply(200, b"[" + b"0," * (1024 * 1024) + b"0]", [("Content-Type", "application/json")])
        return self.reply(404, b"no such route")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def finish_request(self, request, client_address):
        # The TLS handshake happens here, on the request's own thread, so that a client that
        # never finishes it cannot block the accept loop.
        request.settimeout(60)
        if self.tls is None:
            return super().finish_request(request, client_address)
        try:
            tls_socket = self.tls.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return None  # e.g. the client rejected our certificate
        try:
            self.RequestHandlerClass(tls_socket, client_address, self)
        finally:
            tls_socket.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    args = parser.parse_args()

    server = Server(("127.0.0.1", 0), Handler)
    server.root = args.root
    server.log_path = args.log
    server.log_lock = threading.Lock()
    server.tls = None
    if args.cert:
        server.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server.tls.load_cert_chain(args.cert, args.key)

    # The test process stops us by PID; should it die first, do not outlive it.
    parent = os.getppid()

    def watch_parent():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch_parent, daemon=True).start()

    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
