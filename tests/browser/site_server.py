"""Serve a built site on 127.0.0.1 the way GitHub Pages serves a project site.

GitHub Pages publishes a project at ``https://<user>.github.io/<repo>/``, so every page
must work under a sub-path. :func:`serve_site` serves the built folder at
``/activation-functions/`` on a free port, in a background thread. Requests outside the
sub-path are answered from the site root too (MkDocs writes ``404.html`` with links
rooted at ``site_url``'s path, which is ``/`` in a local build); the browser tests
assert that ordinary pages never make such a request.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

SUBPATH = "/activation-functions/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".svg": "image/svg+xml",
        ".ipynb": "application/x-ipynb+json",
        ".py": "text/x-python",
        ".json": "application/json",
        ".js": "text/javascript",
    }

    def translate_path(self, path: str) -> str:
        prefix = SUBPATH.rstrip("/")
        if path == prefix or path.startswith(prefix + "/") or path.startswith(prefix + "?"):
            path = path[len(prefix) :] or "/"
        return super().translate_path(path)

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass


@contextlib.contextmanager
def serve_site(site: Path) -> Iterator[str]:
    """Serve ``site`` in a thread; yield the base URL (ending in the sub-path)."""
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
