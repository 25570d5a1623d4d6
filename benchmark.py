#!/usr/bin/env python3
"""Upload load test for jfastdfs / go-fastdfs (API.md §7.4).

    python3 benchmark.py [URL] [--dir .] [--workers 200] [--timeout 60]

Uploads every regular file under --dir once, as multipart/form-data field
"file" (no other field, so the server answers with the bare URL), to URL
(default http://127.0.0.1:8080/group1/upload), using --workers threads. Each
thread keeps one keep-alive HTTP connection and reconnects after an error.
Files are streamed from disk in chunks (never read whole into memory).

A failure is a transport error, an HTTP status other than 200, or a reply body
that does not start with "http"; each is printed to stderr as
    FAIL <file> <reason>
The last line on stdout is
    files=<n> ok=<n> failed=<n> bytes=<n> seconds=<s.sss> files_per_sec=<x.x> MB_per_sec=<x.xx>
where bytes counts the file bytes of successful uploads, seconds is the wall
time of the upload phase, files_per_sec = ok / seconds and MB = 10^6 bytes.
Exit status 0 when nothing failed, else 1.
Python 3 standard library only.
"""

import argparse
import http.client
import os
import queue
import socket
import ssl
import sys
import threading
import time
import uuid
from urllib.parse import urlsplit

DEFAULT_URL = "http://127.0.0.1:8080/group1/upload"
CHUNK = 256 * 1024
# Errors that may mean "the server closed an idle keep-alive connection".
STALE_ERRORS = (http.client.RemoteDisconnected, ConnectionResetError,
                BrokenPipeError, ConnectionAbortedError)


def list_files(root):
    """All regular files below root (symlinks are not followed), sorted."""
    out = []
    stack = [root]
    while stack:
        d = stack.pop()
        try:
            with os.scandir(d) as it:
                for e in it:
                    try:
                        if e.is_dir(follow_symlinks=False):
                            stack.append(e.path)
                        elif e.is_file(follow_symlinks=False):
                            out.append(e.path)
                    except OSError:
                        pass
        except OSError as ex:
            print("WARN cannot list %s: %s" % (d, ex), file=sys.stderr)
    out.sort()
    return out


def quote_filename(path):
    """File name for Content-Disposition: raw UTF-8 bytes, '"' and '\\' backslash-escaped,
    CR/LF percent-encoded (as browsers do) so the header stays on one line."""
    name = os.fsencode(os.path.basename(path))
    name = name.replace(b"\\", b"\\\\").replace(b'"', b'\\"')
    return name.replace(b"\r", b"%0D").replace(b"\n", b"%0A")


class Uploader:
    def __init__(self, url, timeout, insecure):
        u = urlsplit(url)
        if u.scheme not in ("http", "https") or not u.hostname:
            raise ValueError("URL must be http://host[:port]/path or https://...: %r" % url)
        self.https = u.scheme == "https"
        self.host = u.hostname
        self.port = u.port or (443 if self.https else 80)
        self.path = (u.path or "/") + ("?" + u.query if u.query else "")
        self.timeout = timeout
        self.ctx = None
        if self.https:
            self.ctx = ssl.create_default_context()
            if insecure:
                self.ctx.check_hostname = False
                self.ctx.verify_mode = ssl.CERT_NONE
        self.lock = threading.Lock()
        self.ok = 0
        self.failed = 0
        self.bytes = 0
        self.stop = False

    def new_conn(self):
        if self.https:
            return http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout, context=self.ctx)
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def connect(self, conn):
        conn.connect()
        try:
            conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass

    def upload(self, conn, path):
        """One POST on conn. Returns the file size; raises on any failure."""
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            boundary = "----jfastdfsbench" + uuid.uuid4().hex
            head = (b"--" + boundary.encode() + b"\r\n"
                    b'Content-Disposition: form-data; name="file"; filename="' + quote_filename(path) + b'"\r\n'
                    b"Content-Type: application/octet-stream\r\n\r\n")
            tail = b"\r\n--" + boundary.encode() + b"--\r\n"
            headers = {
                "Content-Type": "multipart/form-data; boundary=" + boundary,
                "Content-Length": str(len(head) + size + len(tail)),
                "Connection": "keep-alive",
            }

            def body():
                first = f.read(CHUNK)
                sent = len(first)
                if sent >= size:  # small file: one write for the whole body
                    yield head + first[:size] + tail
                    return
                yield head + first
                while sent < size:
                    chunk = f.read(min(CHUNK, size - sent))
                    if not chunk:
                        raise IOError("file shrank during upload (%d of %d bytes)" % (sent, size))
                    sent += len(chunk)
                    yield chunk
                yield tail

            if conn.sock is None:
                self.connect(conn)
            conn.request("POST", self.path, body=body(), headers=headers)
            resp = conn.getresponse()
            data = resp.read()
        if resp.status != 200:
            raise UploadError("HTTP %d %s" % (resp.status, snippet(data)))
        if not data.startswith(b"http"):
            raise UploadError("bad reply %s" % snippet(data))
        return size

    def worker(self, files):
        conn = self.new_conn()
        try:
            while not self.stop:
                try:
                    path = files.get_nowait()
                except queue.Empty:
                    return
                try:
                    reused = conn.sock is not None  # an open keep-alive connection from a previous upload
                    try:
                        size = self.upload(conn, path)
                    except STALE_ERRORS:
                        if not reused:
                            raise
                        # The server may have closed the idle connection just now: retry once, fresh.
                        conn.close()
                        size = self.upload(conn, path)
                    with self.lock:
                        self.ok += 1
                        self.bytes += size
                except Exception as ex:  # noqa: BLE001 - every error is a reported failure
                    conn.close()
                    reason = str(ex) if isinstance(ex, UploadError) else "%s: %s" % (type(ex).__name__, ex)
                    with self.lock:
                        self.failed += 1
                        print("FAIL %s %s" % (printable(path), one_line(reason)), file=sys.stderr, flush=True)
        finally:
            conn.close()


class UploadError(Exception):
    pass


def one_line(s):
    return " ".join(s.split())


def snippet(data, n=200):
    text = data[:n].decode("utf-8", "replace")
    return repr(one_line(text) + ("..." if len(data) > n else ""))


def printable(path):
    return path.encode("utf-8", "backslashreplace").decode("utf-8")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Upload every file under --dir once and report throughput.")
    ap.add_argument("url", nargs="?", default=DEFAULT_URL, help="upload URL (default %s)" % DEFAULT_URL)
    ap.add_argument("--dir", default=".", help="directory to upload recursively (default .)")
    ap.add_argument("--workers", type=int, default=200, help="concurrent uploads (default 200)")
    ap.add_argument("--timeout", type=float, default=60, help="socket timeout in seconds (default 60)")
    ap.add_argument("--insecure", action="store_true", help="https: do not verify the server certificate")
    args = ap.parse_args(argv)
    if args.workers < 1:
        ap.error("--workers must be >= 1")
    if args.timeout <= 0:
        ap.error("--timeout must be > 0")
    if not os.path.isdir(args.dir):
        ap.error("--dir %s is not a directory" % args.dir)
    try:
        up = Uploader(args.url, args.timeout, args.insecure)
    except ValueError as ex:
        ap.error(str(ex))

    files = list_files(args.dir)
    q = queue.SimpleQueue()
    for p in files:
        q.put(p)
    if not files:
        print("WARN no files under %s" % args.dir, file=sys.stderr)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=up.worker, args=(q,), daemon=True)
               for _ in range(min(args.workers, len(files)))]
    for t in threads:
        t.start()
    interrupted = False
    try:
        for t in threads:
            while t.is_alive():
                t.join(0.5)
    except KeyboardInterrupt:
        interrupted = True
        up.stop = True
        print("interrupted, summary of completed uploads:", file=sys.stderr)
    seconds = time.perf_counter() - t0

    with up.lock:
        ok, failed, nbytes = up.ok, up.failed, up.bytes
    rate = ok / seconds if seconds > 0 else 0.0
    mbps = nbytes / 1e6 / seconds if seconds > 0 else 0.0
    print("files=%d ok=%d failed=%d bytes=%d seconds=%.3f files_per_sec=%.1f MB_per_sec=%.2f"
          % (len(files), ok, failed, nbytes, seconds, rate, mbps), flush=True)
    if interrupted:
        return 130
    return 0 if failed == 0 and ok == len(files) else 1


if __name__ == "__main__":
    sys.exit(main())
