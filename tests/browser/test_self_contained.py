"""The built site loads nothing from another host: checked in the files themselves.

The browser tests watch the requests a page really makes; this reads every built HTML
and CSS file for a resource that would be fetched from elsewhere (a script, style sheet,
font, image, frame or module import), including ones that only load in some cases,
such as a diagram library imported only when a notebook has a diagram. Links a reader
clicks (``<a href>``) and the canonical address are not fetched, so they are allowed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from site_audit import page_id, site_pages

FETCHED = {  # tag -> attributes whose URL the browser fetches by itself
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
NOT_FETCHED_LINKS = {"canonical", "alternate", "author", "license", "help", "search", "next", "prev"}
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
REMOTE_IN_CODE = re.compile(
    r"""(?:url\(\s*["']?|@import\s+["']?|import\(\s*["']|from\s+["']|fetch\(\s*["'])((?:https?:)?//[^"')\s]+)""", re.I
)


class _Resources(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.remote: list[str] = []
        self._code = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._code = tag in ("script", "style")
        if tag == "link" and NOT_FETCHED_LINKS & set((attrs.get("rel") or "").lower().split()):
            return
        for name in FETCHED.get(tag, ()):
            for url in re.split(r",\s*", attrs.get(name) or ""):
                if REMOTE.match(url):
                    self.remote.append(f"<{tag} {name}={url.split()[0]}>")
        if REMOTE_IN_CODE.search(attrs.get("style") or ""):
            self.remote.append(f"<{tag} style> {REMOTE_IN_CODE.search(attrs['style']).group(1)}")

    def handle_endtag(self, tag):
        self._code = False

    def handle_data(self, data):
        if self._code:
            self.remote += [f"inline code: {m.group(1)}" for m in REMOTE_IN_CODE.finditer(data)]


@pytest.mark.parametrize("page", [pytest.param(p, id=page_id(p)) for p in site_pages()])
def test_page_fetches_nothing_from_another_host(built_site, page):
    site, _log = built_site
    html = site / (page + "index.html" if page.endswith("/") or page == "" else page)
    parser = _Resources()
    parser.feed(html.read_text(encoding="utf-8"))
    assert not parser.remote, f"{page or 'home'} would load from another host: {parser.remote}"


def test_style_sheets_fetch_nothing_from_another_host(built_site):
    site, _log = built_site
    remote = {
        css.relative_to(site).as_posix(): REMOTE_IN_CODE.findall(css.read_text(encoding="utf-8"))
        for css in site.rglob("*.css")
    }
    assert not {name: urls for name, urls in remote.items() if urls}, f"CSS loading from another host: {remote}"
