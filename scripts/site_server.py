"""Serve a built site on 127.0.0.1 the way GitHub Pages serves a project site.

GitHub Pages publishes a project at ``https://<user>.github.io/<repo>/``, so every page
must work under a sub-path. :func:`serve_site` serves the built folder at
``/activation-functions/`` on a free port, in a background thread. Requests outside the
sub-path are answered from the site root too (MkDocs writes ``404.html`` with links
rooted at ``site_url``'s path, which is ``/`` in a local build); the browser tests
assert that ordinary pages never make such a request.

With ``compress=True`` text files are sent gzip-compressed with a 10-minute cache
lifetime, as GitHub Pages sends them (the Lighthouse script measures with this).

Also the browser that opens it: Debian's Chromium (never a downloaded one) and its
arguments. Used by the browser tests, the link test and ``scripts/``.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

SUBPATH = "/activation-functions/"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root in CI
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/x-ipynb+json")


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".svg": "image/svg+xml",
        ".ipynb": "application/x-ipynb+json",
        ".py": "text/x-python",
        ".json": "application/json",
        ".js": "text/javascript",
        ".xml": "application/xml",
    }
    compress = False

    def translate_path(self, path: str) -> str:
        prefix = SUBPATH.rstrip("/")
        if path == prefix or path.startswith(prefix + "/") or path.startswith(prefix + "?"):
            path = path[len(prefix) :] or "/"
        return super().translate_path(path)

    def send_head(self):
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        if not os.path.isfile(path) or not ctype.startswith(COMPRESSED_TYPES):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Bytes(body)

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass


class _Bytes:
    """A file-like body for ``copyfile``."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that hangs up early (a checker reading headers only) is not an error


@contextlib.contextmanager
def serve_site(site: Path, port: int = 0, compress: bool = False) -> Iterator[str]:
    """Serve ``site`` in a thread; yield the base URL (ending in the sub-path)."""
    handler = functools.partial(type("Handler", (_Handler,), {"compress": compress}), directory=str(site))
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
