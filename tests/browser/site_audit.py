"""What the browser tests know about the site and check on each page (no fixtures here).

The pages are listed from the sources (``docs/**/*.md``, the generated example gallery,
one notebook page per snippet, ``404.html``); ``test_every_built_page_is_audited``
checks that this list is exactly the set of HTML pages the build wrote.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path

from site_server import SUBPATH

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCHEMES = {"light": "default", "dark": "slate"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


# --- the pages ---------------------------------------------------------------------------


def site_pages() -> list[str]:
    """Every HTML page the build writes, as a URL relative to the site root."""
    docs = ROOT / "docs"
    pages = {"404.html", "examples/"}
    for md in docs.rglob("*.md"):
        parts = list(md.relative_to(docs).with_suffix("").parts)
        if parts[-1] in ("index", "README"):
            parts.pop()
        pages.add("".join(part + "/" for part in parts))
    for snippet in (ROOT / "snippets").glob("*.py"):
        pages.add(f"examples/{snippet.stem}/")
    return sorted(pages)


def page_id(page: str) -> str:
    return page.rstrip("/") or "home"


def is_notebook_page(page: str) -> bool:
    return page.startswith("examples/") and page != "examples/"


def is_chapter_page(page: str) -> bool:
    return not page.startswith("examples/") and page != "404.html"


def built_pages(site: Path) -> list[str]:
    pages = []
    for html in site.rglob("*.html"):
        relative = html.relative_to(site).as_posix()
        pages.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return sorted(pages)


# --- one audited page load ---------------------------------------------------------------


@dataclass
class Audit:
    page: str
    theme: str
    url: str
    scheme: str = ""
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)  # another host
    escaping_requests: list[str] = field(default_factory=list)  # same host, outside the sub-path
    requested_paths: list[str] = field(default_factory=list)
    facts: dict = field(default_factory=dict)  # what PAGE_FACTS found
    layout_shifts: list[dict] = field(default_factory=list)  # what LAYOUT_SHIFTS found
    unfocusable_scrollers: list[str] = field(default_factory=list)  # what UNFOCUSABLE_SCROLLERS found
    axe_at_load: list[dict] = field(default_factory=list)  # axe-core violations, page as loaded
    axe_after_reading: list[dict] = field(default_factory=list)  # and after scrolling through it
    screenshot: str = ""

    def where(self) -> str:
        shot = f"; screenshot: {self.screenshot}" if self.screenshot else ""
        return f"{self.url} ({self.theme}){shot}"


# Everything about a loaded page that the tests check, read in one evaluation.
PAGE_FACTS = r"""
async () => {
  // Scroll through the page a screen at a time, as a reader does, then back to the top.
  // Two animation frames a screen, or 250 ms if the browser stops drawing (a hidden tab):
  // the walk must never hang a test.
  const frame = () => new Promise(done => { requestAnimationFrame(() => requestAnimationFrame(done));
                                            setTimeout(done, 250); });
  for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
    window.scrollTo(0, y);
    await frame();
  }
  window.scrollTo(0, 0);
  await frame();
  // Every image has finished loading or failed (or five seconds have passed).
  const images = [...document.querySelectorAll("img")];
  await Promise.all(images.map(img => img.complete ? null :
    new Promise(done => { img.addEventListener("load", done); img.addEventListener("error", done);
                          setTimeout(done, 5000); })));

  const content = document.querySelector(".md-content") || document.body;
  const visible = el => el.checkVisibility({visibilityProperty: true, opacityProperty: false});
  const luminance = css => {
    const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };

  // Text a reader sees, without code, scripts and rendered math.
  const prose = content.cloneNode(true);
  prose.querySelectorAll("pre, code, script, style, math, textarea, .jp-InputArea").forEach(e => e.remove());

  const copyable = [...content.querySelectorAll("pre > code")].filter(code => !code.closest(".jp-InputArea"));
  const cells = [...content.querySelectorAll(".jp-CodeCell .jp-InputArea")];
  const article = content.querySelector("article") || content;
  const articleWidth = article.clientWidth;

  return {
    scheme: document.body.getAttribute("data-md-color-scheme"),
    title: document.title,
    images: images.map(img => ({
      src: img.currentSrc || img.src, alt: (img.getAttribute("alt") || "").trim(),
      width: img.naturalWidth, complete: img.complete,
      shown: Math.round(img.getBoundingClientRect().width),
      figure: img.classList.contains("snippet-figure") || !!img.closest(".jp-OutputArea-output"),
      filter: getComputedStyle(img).filter,
    })),
    arithmatex_left: content.querySelectorAll(".arithmatex").length,
    math: [...content.querySelectorAll("math")].map(m => {
      const box = m.getBoundingClientRect();
      return { shown: visible(m), width: box.width, height: box.height,
               display: getComputedStyle(m).display,
               luminance: luminance(getComputedStyle(m).color),
               tex: m.getAttribute("alttext") || m.textContent.slice(0, 60) };
    }),
    background_luminance: luminance(getComputedStyle(document.body).backgroundColor),
    prose: prose.innerText,
    code_blocks: copyable.length,
    code_blocks_without_copy: copyable.filter(code =>
      !code.parentElement.querySelector('button[data-md-type="copy"], .md-clipboard'))
      .map(code => (code.parentElement.id || "") + ": " + code.textContent.slice(0, 60)),
    notebook_cells: cells.length,
    notebook_cells_without_copy: cells.filter(cell => !cell.querySelector('button[data-md-type="copy"]')).length,
    wide_tables: [...content.querySelectorAll("table")].filter(visible).filter(t => {
      const column = t.closest(".md-typeset__scrollwrap") ? t.closest(".md-typeset__scrollwrap").clientWidth
                                                          : articleWidth;
      return t.getBoundingClientRect().width > column + 1;
    }).map(t => t.innerText.slice(0, 80)),
    wide_images: images.filter(visible).filter(img => img.getBoundingClientRect().width > articleWidth + 1)
      .map(img => img.src),
    // Every colour code text is drawn in, with the block's background.
    code_colours: (() => {
      const seen = new Map();
      const backdrop = el => {
        for (let up = el; up; up = up.parentElement) {
          const bg = getComputedStyle(up).backgroundColor;
          if (!/rgba\(.*,\s*0\)$/.test(bg) && bg !== "transparent") return bg;
        }
        return "rgb(255, 255, 255)";
      };
      for (const block of content.querySelectorAll(".highlight code")) {
        const background = backdrop(block);
        for (const el of [block, ...block.querySelectorAll("span")]) {
          if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
          const colour = getComputedStyle(el).color;
          if (!seen.has(colour + background))
            seen.set(colour + background, {colour, background, token: el.className || el.tagName,
                                           example: el.textContent.trim().slice(0, 30)});
        }
      }
      return [...seen.values()];
    })(),
    page_width: document.documentElement.scrollWidth,
    viewport_width: window.innerWidth,
  };
}
"""

# The layout shifts since the page started loading (as Lighthouse's CLS counts them): each
# with its size and the elements that moved. The browser reports buffered entries
# asynchronously; with none to report it stays silent, hence the short timeout.
LAYOUT_SHIFTS = r"""
() => new Promise(done => {
  const describe = node => node ? `${node.nodeName.toLowerCase()}${node.className ? "." +
    String(node.className).split(" ")[0] : ""} "${(node.textContent || "").trim().slice(0, 30)}"` : "?";
  new PerformanceObserver(list => done(list.getEntries().filter(e => !e.hadRecentInput).map(e => ({
    value: e.value, at: Math.round(e.startTime), moved: e.sources.map(s => describe(s.node)),
  })))).observe({type: "layout-shift", buffered: true});
  setTimeout(() => done([]), 200);
})
"""
# The layout shift a page may show while it loads, summed as Lighthouse's CLS sums it.
# Material's script wraps each table in a scrolling box once it runs, which moves what
# follows a table by a few pixels on a wide screen: up to 0.001 measured here.
# Lighthouse calls a CLS under 0.1 good; this allows a twentieth of that.
LAYOUT_SHIFT_LIMIT = 0.005


def layout_shift(shifts: list[dict]) -> float:
    return sum(shift["value"] for shift in shifts)


# Boxes that scroll sideways but do not take the keyboard focus: a keyboard user cannot
# scroll them (WCAG 2.1.1; axe's scrollable-region-focusable). Read on the page as loaded,
# before any scrolling: a box must be reachable without first being scrolled into view.
UNFOCUSABLE_SCROLLERS = r"""
() => [...document.querySelectorAll("body *")].filter(box => {
  const overflow = getComputedStyle(box).overflowX;
  return (overflow === "auto" || overflow === "scroll") && box.scrollWidth > box.clientWidth
    && box.checkVisibility() && box.tabIndex < 0;
}).map(box => `${box.nodeName.toLowerCase()}.${String(box.className).split(" ").join(".")} ` +
              `"${box.textContent.trim().slice(0, 40)}" (${box.scrollWidth} px in ${box.clientWidth})`)
"""


# Wider than the viewport: the elements that make a page scroll sideways.
OVERFLOWING = r"""
() => [...document.querySelectorAll("body *")].filter(el => {
  const box = el.getBoundingClientRect();
  if (box.right <= window.innerWidth + 1 || box.width === 0) return false;
  for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
    const overflow = getComputedStyle(up).overflowX;
    if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") return false;
  }
  return true;
}).slice(0, 5).map(el => el.tagName.toLowerCase() + (el.className && typeof el.className === "string"
                                                       ? "." + el.className.split(" ").join(".") : ""))
"""

# axe-core with all its rules on the whole page (violations only).
AXE_RUN = """
async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.length, targets: v.nodes.slice(0, 4).map(n => n.target.join(" ")),
    summary: (v.nodes[0] && v.nodes[0].failureSummary || "").slice(0, 300)}));
}
"""


def axe_script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT  # axe-core's axe.min.js, shipped in the wheel

    return AXE_SCRIPT


def _rgba(css: str) -> tuple[float, float, float, float]:
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    return (*values[:3], values[3] if len(values) > 3 else 1.0)


def contrast(colour: str, background: str) -> float:
    """WCAG contrast ratio of text in ``colour`` (alpha blended) on ``background``."""
    fr, fg, fb, fa = _rgba(colour)
    br, bg, bb, _ = _rgba(background)
    blended = [f * fa + b * (1 - fa) for f, b in ((fr, br), (fg, bg), (fb, bb))]

    def luminance(rgb):
        linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(blended), luminance((br, bg, bb))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def low_contrast_code(facts: dict, minimum: float = 4.5) -> list[str]:
    return [
        f"{c['token']} {c['example']!r}: {c['colour']} on {c['background']} = {contrast(c['colour'], c['background']):.2f}"
        for c in facts.get("code_colours", [])
        if contrast(c["colour"], c["background"]) < minimum
    ]


def problems(result: Audit) -> bool:
    facts = result.facts
    return bool(
        result.console_errors
        or result.failed_requests
        or result.foreign_requests
        or result.escaping_requests
        or result.axe_at_load
        or result.axe_after_reading
        or result.unfocusable_scrollers
        or result.scheme != SCHEMES[result.theme]
        or any(not img["width"] or not img["alt"] for img in facts["images"])
        or facts["arithmatex_left"]
        or facts["code_blocks_without_copy"]
        or facts["notebook_cells_without_copy"]
        or facts["wide_tables"]
        or facts["wide_images"]
        or raw_tex(facts["prose"])
        or low_contrast_code(facts)
        or layout_shift(result.layout_shifts) >= LAYOUT_SHIFT_LIMIT
    )


def screenshot(tab, page: str, theme: str, suffix: str = "") -> str:
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", page_id(page)) + f"-{theme}{suffix}.png"
    path = ARTIFACTS / name
    tab.screenshot(path=str(path), full_page=True)
    return str(path.relative_to(ROOT))


RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|(?<![\w$])\$[^$\s][^$\n]*?\$(?![\w$])|\\(?:frac|sum|sigma|alpha|beta|tanh|exp|max|cdot|begin|end|mathrm|operatorname|left|right)\b")


def raw_tex(text: str) -> list[str]:
    """TeX a reader would see as source: math delimiters or macros left in the prose."""
    return [match.group(0) for match in RAW_TEX.finditer(text)]


def page_weight(site: Path, paths: list[str]) -> tuple[int, int]:
    """(bytes, gzip bytes) of every distinct file the page requested, as served."""
    raw = packed = 0
    for path in sorted(set(paths)):
        relative = path[len(SUBPATH) :] if path.startswith(SUBPATH) else path.lstrip("/")
        file = site / relative
        if file.is_dir() or relative.endswith("/") or relative == "":
            file = file / "index.html"
        if not file.is_file():
            continue
        data = file.read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, 6)) if file.suffix in (".html", ".css", ".js", ".json", ".svg", ".xml") else len(data)
    return raw, packed


