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


# The scripts a page of the theme loads: inline ones, its configuration and its own files.
THEME_SCRIPT = r'<script( id="__config" type="application/json"| src="(\.\./)+assets/[^":]+")?>'


def test_notebook_pages_carry_no_jupyterlab_css_nor_cdn_script_and_label_every_figure(built_site, snippet_runs):
    # mkdocs-jupyter inlines ~575 KB of JupyterLab CSS in each; the hook drops it
    # (build_engine/notebook_pages.py) and docs/assets/site.css styles the notebooks.
    site, _ = built_site
    runs, _ = snippet_runs
    for snippet in SNIPPETS:
        html = (site / "examples" / snippet.stem / "index.html").read_text(encoding="utf-8")
        assert "<style" not in html and "--jp-" not in html, f"{snippet.stem}: JupyterLab's CSS"
        assert "clipboard-copy" not in html and "highlight-ipynb" not in html, f"{snippet.stem}: mkdocs-jupyter's cells"
        other = [tag for tag in re.findall(r"<script\b[^>]*>", html) if not re.fullmatch(THEME_SCRIPT, tag)]
        assert not other and "cdnjs" not in html, f"{snippet.stem}: nbconvert's MathJax or Mermaid loader {other}"
        notebook = html[html.index('<div class="jupyter-wrapper">') :]
        figures = re.findall(r"<img\b[^>]*>", notebook)
        assert len(figures) == len(runs[snippet.name].figures), f"{snippet.stem}: {len(figures)} images"
        for number, tag in enumerate(figures, 1):
            assert re.match(rf'<img id="figure-{number}" alt="[^"]{{10,}}"', tag), f"{snippet.stem}: {tag[:80]}"
