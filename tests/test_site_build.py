"""The real site: `mkdocs build --strict` passes, and the pages carry what the build made."""

import html
import re

from project_paths import CACHE_DIR, ROOT, SNIPPETS

# The build log: the engine's line per snippet and its summary, and MkDocs' own three.
LOG_LINES = [
    r"INFO    -  snippet \S+\.py: (cached \(ran in [\d.]+ s\)|ran in [\d.]+ s)",
    r"INFO    -  snippets: \d+ ran, \d+ cached, 0 failed in [\d.]+ s \(\d+ in parallel\)",
    r"INFO    -  Cleaning site directory",
    r"INFO    -  Building documentation to directory: \S+",
    r"INFO    -  Documentation built in [\d.]+ seconds",
]


def test_strict_build_passes_and_reruns_nothing(built_site):
    _, log = built_site
    assert not re.search(r"^WARNING\s+-", log, re.M), log
    ran = re.findall(r"snippet (\S+): ran in", log)
    assert not ran, f"the session already ran every snippet, yet the build re-ran {ran}"
    assert len(re.findall(r"snippet \S+: cached", log)) == len(SNIPPETS)


def test_the_build_log_holds_only_the_engines_lines_and_mkdocs_essentials(built_site):
    _, log = built_site
    other = [line for line in log.splitlines() if not any(re.fullmatch(pattern, line) for pattern in LOG_LINES)]
    assert not other, "lines in the build log besides the engine's and MkDocs' own:\n" + "\n".join(other)


def test_every_collapsed_script_is_its_file_verbatim_and_every_figure_links_to_its_notebook(built_site):
    site, _ = built_site
    scripts = figures = 0
    for page in site.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        for name, code in re.findall(
            r'<details class="example snippet-script"[^>]*>\s*<summary>.*?<code>([^<]+)</code>.*?<pre>(.*?)</pre>', text, re.S
        ):
            scripts += 1
            copied = html.unescape(re.sub(r"<[^>]+>", "", code))
            assert copied == (ROOT / "snippets" / name).read_text(encoding="utf-8"), f"{page}: {name}"
        for stem, number in re.findall(r'<a href="(?:\.\./)*examples/(\w+)/#figure-(\d+)"><img ', text):
            figures += 1
            notebook = (site / "examples" / stem / "index.html").read_text(encoding="utf-8")
            assert f'<img id="figure-{number}" alt="' in notebook, f"{page}: {stem} figure {number}"
    assert scripts and figures


def test_chapter_2_shows_the_generated_figure_table_and_code(built_site):
    site, _ = built_site
    html = (site / "with-vs-without" / "index.html").read_text(encoding="utf-8")
    assert 'src="../examples/sine_fit/figure-1.svg"' in html
    assert (site / "examples" / "sine_fit" / "figure-1.svg").read_bytes() == (
        CACHE_DIR / "sine_fit" / "figure-1.svg"
    ).read_bytes()
    assert "<th>R², median</th>" in html and "<td>ReLU</td>" in html
    assert "hidden_layer_sizes=HIDDEN_LAYERS" in re.sub(r"<[^>]+>", "", html), "the snippet's code"
    assert "<math" in html and "{%" not in html and "$$" not in html


def test_every_snippet_has_a_notebook_page_and_downloads(built_site):
    site, _ = built_site
    for snippet in SNIPPETS:
        page = site / "examples" / snippet.stem / "index.html"
        assert page.is_file(), f"no executed-notebook page for {snippet.name}"
        assert (site / "examples" / f"{snippet.stem}.py").read_bytes() == snippet.read_bytes()
        assert (site / "examples" / snippet.stem / f"{snippet.stem}.ipynb").is_file()


def test_chapter_pages_do_not_carry_the_notebook_css(built_site):
    site, _ = built_site
    html = (site / "with-vs-without" / "index.html").read_text(encoding="utf-8")
    assert "jupyter-wrapper" not in html and len(html.encode()) < 300_000


def test_notebook_pages_carry_only_the_notebook_css_they_use(built_site):
    # mkdocs-jupyter inlines ~575 KB of JupyterLab CSS in each; the hook keeps what the
    # page can use (build_engine/unused_css.py), about 22 KB.
    site, _ = built_site
    for snippet in SNIPPETS:
        html = (site / "examples" / snippet.stem / "index.html").read_text(encoding="utf-8")
        inline_css = "".join(re.findall(r"<style\b[^>]*>(.*?)</style>", html, re.S))
        assert len(inline_css) < 50_000, f"{snippet.stem}: {len(inline_css)} characters of inline CSS"
        assert ".jupyter-wrapper .jp-Cell{" in inline_css and "--jp-cell-editor-background:" in inline_css
