"""No broken link on the built site: every page, asset, figure, download and anchor resolves.

The built site (``mkdocs build --strict``, whose ``validation`` already warns about
Markdown links to missing pages and anchors) is served under a sub-path, as GitHub
Pages serves a project site, and LinkChecker crawls it from every HTML page, checking
each internal link and resource over HTTP; external links are not followed. Anchors
(``page/#section``) are checked here against the ids each built page really has,
which also covers links written in raw HTML and those made by the build itself.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from site_server import SUBPATH, serve_site

LINKCHECKER_CONFIG = """\
[checking]
maxrequestspersecond=100
"""


@pytest.fixture(scope="module")
def served_site(built_site):
    site, _log = built_site
    with serve_site(site) as url:
        yield site, url


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_url(site: Path, html: Path, base: str) -> str:
    relative = html.relative_to(site).as_posix()
    return base + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def test_linkchecker_finds_no_broken_link(served_site, tmp_path):
    site, base = served_site
    config = tmp_path / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
    start = [page_url(site, html, base) for html in html_pages(site)]
    process = subprocess.run(
        [sys.executable, "-m", "linkcheck", "--config", str(config), "--output", "csv", "--no-status", "--no-warnings",
         "--threads", "4", *start],
        capture_output=True,
        text=True,
        timeout=600,
    )
    csv.field_size_limit(sys.maxsize)
    rows = [line for line in process.stdout.splitlines() if line and not line.startswith("#")]
    broken = [
        f"{row['urlname']} (on {row['parentname']}): {row['result']}"
        for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";")
        if row["valid"] != "True"
    ]
    assert not broken, "broken links:\n  " + "\n  ".join(broken)
    assert process.returncode == 0, f"linkchecker exited {process.returncode}:\n{process.stdout[-3000:]}\n{process.stderr[-3000:]}"


class _Anchors(HTMLParser):
    """The ids a page defines and the links it makes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def test_every_anchor_exists(built_site):
    site, _log = built_site
    base = f"http://site{SUBPATH}"
    parsed: dict[str, _Anchors] = {}
    for html in html_pages(site):
        parser = _Anchors()
        parser.feed(html.read_text(encoding="utf-8"))
        parsed[page_url(site, html, base)] = parser

    missing = []
    for url, parser in parsed.items():
        if url.endswith("404.html"):
            continue  # its links are rooted at site_url, checked by the browser tests
        for href in parser.links:
            target = urlsplit(urljoin(url, href))
            if not target.fragment or f"{target.scheme}://{target.netloc}" != "http://site":
                continue
            page = target._replace(fragment="", query="").geturl()
            if page not in parsed:
                continue  # a missing page is LinkChecker's to report
            if unquote(target.fragment) not in parsed[page].ids:
                missing.append(f"{href} (on {url.removeprefix(base) or 'home'})")
    assert not missing, "links to anchors that do not exist:\n  " + "\n  ".join(missing)
