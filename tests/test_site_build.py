"""The real site: `mkdocs build --strict` passes, and the pages carry what the build made."""

import re

from project_paths import ROOT, SNIPPETS


def test_strict_build_passes_and_reruns_nothing(built_site):
    _, log = built_site
    assert not re.search(r"^WARNING\s+-", log, re.M), log
    ran = re.findall(r"snippet (\S+): ran in", log)
    assert not ran, f"the session already ran every snippet, yet the build re-ran {ran}"
    assert len(re.findall(r"snippet \S+: cached", log)) == len(SNIPPETS)


def test_chapter_2_shows_the_generated_figure_table_and_code(built_site):
    site, _ = built_site
    html = (site / "with-vs-without" / "index.html").read_text(encoding="utf-8")
    assert 'src="../examples/sine_fit/figure-1.svg"' in html
    assert (site / "examples" / "sine_fit" / "figure-1.svg").read_bytes() == (
        ROOT / ".cache" / "snippets" / "sine_fit" / "figure-1.svg"
    ).read_bytes()
    assert "<th>R²</th>" in html and "<td>relu</td>" in html
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
