"""Finish an executed-notebook page as mkdocs-jupyter wrote it, cached by content.

Three changes to each page:

* drop nbconvert's MathJax and Mermaid loaders (the snippets' notebooks use neither, and
  no page may load anything from another host);
* give the n-th figure the alt text a chapter's ``{% figure %}`` gives figure n, and the
  id ``figure-n`` that the chapter's image links to;
* cut the ~575 KB of JupyterLab CSS inlined in the page to the rules and custom properties
  the page can use (:mod:`unused_css`): the slow part, hence the cache.

A finished page is kept in ``.cache/notebook-pages/`` with the hashes of what made it: the
page as written, the alt texts, this module and unused_css.py, and the files the page
links (theme stylesheets and scripts, read from the site folder). A rebuild that finds
them all unchanged reuses it.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import unused_css

ENGINE_FILES = (Path(__file__).resolve(), Path(unused_css.__file__).resolve())

# nbconvert's page template (which mkdocs-jupyter uses) adds a MathJax loader (with an
# empty src here), MathJax's configuration, and a Mermaid loader that imports its code
# from cdnjs when a notebook has a Mermaid diagram.
CDN_SCRIPTS = re.compile(
    r'<script src="">\s*</script>'
    r'|<script type="text/x-mathjax-config">.*?</script>'
    r'|<script type="module">(?:(?!</script>).)*?cdnjs\.cloudflare\.com.*?</script>',
    re.S,
)
PLACEHOLDER_ALT = re.compile(r'<img alt="No description has been provided for this image"')


class NotebookPages:
    """Finishes the notebook pages of one build, writing into ``site_dir``."""

    def __init__(self, cache_dir: Path, site_dir: Path):
        self.cache_dir = cache_dir
        self.site_dir = site_dir
        self.engine_key = _sha256(b"".join(path.read_bytes() for path in ENGINE_FILES))
        self._linked: dict[Path, tuple[str, str]] = {}  # site file -> (text, hash), read once a build

    def finish(self, html: str, page_url: str, stem: str, alts: list[str]) -> str:
        """The page ``html`` (at ``page_url``, of snippet ``stem``), finished, with
        ``alts[n - 1]`` as figure n's alt text."""
        key = _sha256(json.dumps([self.engine_key, html, alts]).encode())
        entry_path = self.cache_dir / f"{stem}.json"
        try:
            entry = json.loads(entry_path.read_text(encoding="utf-8"))
            if entry["key"] == key and all(self._read(page_url, href)[1] == digest for href, digest in entry["links"].items()):
                return entry["html"]
        except (OSError, ValueError, KeyError):
            pass
        links = LinkedFiles()
        links.feed(html)
        stylesheets = [href for href in links.stylesheets if is_local(href)]
        scripts = [src for src in links.scripts if is_local(src)]
        finished = unused_css.without_unused_css(
            with_figure_alts(CDN_SCRIPTS.sub("", html), alts),
            linked_stylesheets=[self._read(page_url, href)[0] for href in stylesheets],
            linked_scripts=[self._read(page_url, src)[0] for src in scripts],
        )
        entry = {"key": key, "links": {href: self._read(page_url, href)[1] for href in stylesheets + scripts}, "html": finished}
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = entry_path.with_suffix(".tmp")
        temporary.write_text(json.dumps(entry), encoding="utf-8")
        temporary.replace(entry_path)  # whole or not at all, should two builds meet here
        return finished

    def _read(self, page_url: str, href: str) -> tuple[str, str]:
        """(text, hash) of a file the page links, from the site folder being built
        (MkDocs copies theme and static files there before it writes any page)."""
        path = self.site_dir / posixpath.normpath(posixpath.join(posixpath.dirname(page_url), urlsplit(href).path))
        if path not in self._linked:
            if not path.is_file():
                raise FileNotFoundError(f"the page links {href}, which is not in the site folder ({path})")
            data = path.read_bytes()
            self._linked[path] = (data.decode("utf-8"), _sha256(data))
        return self._linked[path]


def with_figure_alts(html: str, alts: list[str]) -> str:
    """The page with its n-th image given ``alts[n - 1]`` and the id ``figure-n``."""
    count = 0

    def alt(match: re.Match) -> str:
        nonlocal count
        count += 1
        if count > len(alts):
            raise ValueError(f"the page has more images than the {len(alts)} figure(s) its snippet made")
        return f'<img id="figure-{count}" alt="{escape(alts[count - 1])}"'

    return PLACEHOLDER_ALT.sub(alt, html)


class LinkedFiles(HTMLParser):
    """The stylesheets (``<link rel="stylesheet">``) and scripts (``<script src>``) a page loads."""

    def __init__(self):
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.stylesheets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])


def is_local(url: str) -> bool:
    """A URL into this site. (The site's own pages link no other; the browser tests check
    that. A theme's CDN files, as MkDocs' default theme links, cannot be read here.)"""
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
