"""The build engine, on small throw-away projects: caching, failures, determinism."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

import directives
import notebook_pages
import snippet_runner
import take_home
from project_paths import ROOT

HOOK = ROOT / "build_engine" / "mkdocs_hook.py"
FIGURE_SNIPPET = '''\
"""
A figure
========

Plots a line.
"""

# %%
# Plot a line
# -----------
import matplotlib.pyplot as plt

SLOPE = {slope}
line_table = [{{"slope": str(SLOPE)}}]
print("slope", SLOPE)
fig, ax = plt.subplots()
ax.plot([0, 1], [0, SLOPE])
plt.show()
'''


def make_project(tmp_path: Path, snippets: dict[str, str], page: str) -> Path:
    (tmp_path / "snippets").mkdir()
    for name, source in snippets.items():
        (tmp_path / "snippets" / name).write_text(textwrap.dedent(source))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(textwrap.dedent(page))
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(
            f"""\
            site_name: engine test
            hooks: ["{HOOK}"]
            plugins:
              - mkdocs-jupyter:
                  include: ["*.ipynb"]
                  execute: false
                  allow_errors: false
            not_in_nav: "/examples/*.ipynb"
            markdown_extensions: [attr_list, md_in_html, pymdownx.blocks.caption, pymdownx.superfences]
            """
        )
    )
    return tmp_path


def build(project: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project, capture_output=True, text=True, env={**os.environ, **env}, timeout=600,
    )


def statuses(log: str) -> dict[str, str]:
    """{'a.py': 'ran' | 'cached' | 'FAILED'} from the progress lines."""
    return dict(re.findall(r"snippet (\S+\.py): (ran|cached|FAILED)", log))


PAGE = """\
# Test page

{% snippet "a.py" %}

{% figure "a.py" 1 alt="a line" caption="A line" %}

{% table "a.py" line_table %}
"""


def collapsed_script(page: str) -> str:
    """The text of the code block in a page's first collapsed script, as its copy button copies it."""
    block = re.search(r'<details class="example snippet-script"[^>]*>.*?<pre>(.*?)</pre>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", block.group(1)))


def test_build_places_code_figure_table_and_notebook(tmp_path):
    project = make_project(tmp_path, {"a.py": FIGURE_SNIPPET.format(slope=2)}, PAGE)
    result = build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "index.html").read_text()
    assert collapsed_script(page) == (project / "snippets" / "a.py").read_text(), "copied, it runs as-is"
    assert 'src="examples/a/figure-1.svg"' in page and "<td>2</td>" in page
    assert '<a href="examples/a/#figure-1"><img alt="a line"' in page, "the figure links to its notebook cell"
    assert '<a class="snippet-full-size" href="examples/a/figure-1.svg">Full size</a>' in page
    assert (project / "site" / "examples" / "a" / "figure-1.svg").read_text().startswith("<?xml")
    assert (project / "site" / "examples" / "a" / "index.html").is_file(), "executed notebook page"
    assert (project / "site" / "examples" / "a.py").read_text() == (project / "snippets" / "a.py").read_text()
    assert "Ran in" in page and "scikit-learn" in page
    notebook = (project / "site" / "examples" / "a" / "index.html").read_text()
    assert '<img id="figure-1" alt="a line"' in notebook, "the notebook's figure has the chapter's alt text"


def test_a_figure_no_chapter_places_fails_the_build_for_want_of_alt_text(tmp_path):
    project = make_project(tmp_path, {"a.py": FIGURE_SNIPPET.format(slope=2)}, '# Page\n\n{% snippet "a.py" %}\n')
    result = build(project)
    assert result.returncode != 0
    assert 'figure 1 of a.py has no alt text' in result.stderr and '{% figure "a.py" 1 alt=' in result.stderr


def test_second_build_reruns_nothing_and_an_edit_reruns_only_that_snippet(tmp_path):
    b_source = FIGURE_SNIPPET.format(slope=3).replace("SLOPE = 3", "from helper import SLOPE")
    page = PAGE + '\n{% figure "b.py" 1 alt="another line" %}\n'
    project = make_project(tmp_path, {"a.py": FIGURE_SNIPPET.format(slope=2), "b.py": b_source}, page)
    (project / "snippets" / "helper.py").write_text('"""\nHelper\n======\n\nA constant.\n"""\n\n# %%\nSLOPE = 3\n')

    first = build(project)
    assert first.returncode == 0, first.stderr
    assert statuses(first.stderr) == {"a.py": "ran", "b.py": "ran", "helper.py": "ran"}

    second = build(project)
    assert statuses(second.stderr) == {"a.py": "cached", "b.py": "cached", "helper.py": "cached"}

    (project / "docs" / "index.md").write_text(page + "\nMore prose.\n")
    assert set(statuses(build(project).stderr).values()) == {"cached"}, "editing prose re-runs nothing"

    (project / "snippets" / "a.py").write_text(FIGURE_SNIPPET.format(slope=5))
    edited = build(project)
    assert statuses(edited.stderr) == {"a.py": "ran", "b.py": "cached", "helper.py": "cached"}
    assert "<td>5</td>" in (project / "site" / "index.html").read_text()

    (project / "snippets" / "helper.py").write_text('"""\nHelper\n======\n\nA constant.\n"""\n\n# %%\nSLOPE = 4\n')
    dependency = build(project)
    assert statuses(dependency.stderr) == {"a.py": "cached", "b.py": "ran", "helper.py": "ran"}, (
        "a file a snippet imports is part of its cache key"
    )


def test_a_raising_snippet_fails_the_build_with_name_and_traceback(tmp_path):
    broken = '"""\nBroken\n======\n\nRaises.\n"""\n\n# %%\nx = 1\n\n# %%\nraise ValueError("boom")\n'
    project = make_project(tmp_path, {"a.py": FIGURE_SNIPPET.format(slope=2), "broken.py": broken}, PAGE)
    result = build(project)
    assert result.returncode != 0
    assert "broken.py" in result.stderr and "Traceback" in result.stderr
    assert "ValueError: boom" in result.stderr and 'broken.py", line 12' in result.stderr


def test_a_failure_leaves_no_stale_output_behind(tmp_path):
    project = make_project(tmp_path, {"a.py": FIGURE_SNIPPET.format(slope=2)}, PAGE)
    assert build(project).returncode == 0
    (project / "snippets" / "a.py").write_text(FIGURE_SNIPPET.format(slope=2) + "\nraise RuntimeError('now broken')\n")
    assert build(project).returncode != 0
    assert not (project / ".cache" / "snippets" / "a").exists(), "outputs of the old version were kept"
    assert not (project / "site" / "examples" / "a").exists(), "the served site still shows the old figure"
    again = build(project)
    assert again.returncode != 0 and "now broken" in again.stderr, "a failed snippet is never 'cached'"


def test_a_hanging_snippet_is_stopped_and_fails_the_build(tmp_path):
    hang = '"""\nHang\n======\n\nSleeps.\n"""\n\n# %%\nimport time\n\ntime.sleep(120)\n'
    project = make_project(tmp_path, {"a.py": FIGURE_SNIPPET.format(slope=2), "hang.py": hang}, PAGE)
    result = build(project, SNIPPET_TIMEOUT="3")
    assert result.returncode != 0
    assert "hang.py" in result.stderr and "time limit" in result.stderr


@pytest.mark.parametrize(
    "line, message",
    [
        ('{% figure "missing.py" 1 alt="x" %}', "no snippet named 'missing.py'"),
        ('{% figure "a.py" 2 alt="x" %}', "there is no figure 2"),
        ('{% figure "a.py" 1 %}', "alt text is required"),
        ('{% table "a.py" other_table %}', "has no table 'other_table'"),
        ('The slope is {% value "a.py" nothing.here %}.', "has no result 'nothing.here'"),
        ('{% snippet "a.py" cells="Plot a line, Fit" %}', "no cell headed 'Fit'"),
    ],
)
def test_a_directive_the_snippet_cannot_satisfy_fails_naming_file_and_line(tmp_path, line, message):
    # Front matter counts in line numbers; the figure is placed, so its alt text is known.
    page = f'---\ntitle: Page\n---\n\n# Page\n\nProse.\n\n{line}\n\n{{% figure "a.py" 1 alt="a line" %}}\n'
    project = make_project(tmp_path, {"a.py": FIGURE_SNIPPET.format(slope=2)}, page)
    result = build(project)
    assert result.returncode != 0
    assert "index.md:9" in result.stderr and message in result.stderr


def test_directives_inside_code_fences_are_left_alone(tmp_path):
    page = '# Page\n\n```text\n{% figure "missing.py" 1 alt="x" %}\n```\n\n{% figure "a.py" 1 alt="a line" %}\n'
    project = make_project(tmp_path, {"a.py": FIGURE_SNIPPET.format(slope=2)}, page)
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "missing.py" in (project / "site" / "index.html").read_text()


def test_outputs_are_byte_stable(tmp_path):
    project = make_project(tmp_path, {"a.py": FIGURE_SNIPPET.format(slope=2)}, PAGE)
    snippets = snippet_runner.discover(project / "snippets")
    outputs = []
    for _ in range(2):
        run = snippet_runner.run_snippets(snippets, project / ".cache", project, force=True, log=lambda _: None)["a.py"]
        outputs.append([run.figures[0].read_bytes(), run.notebook.read_bytes(), (run.out_dir / "thumbnail.png").read_bytes()])
    assert outputs[0] == outputs[1]
    assert b"<dc:date>" not in outputs[0][0], "no date in the SVG metadata"
    assert b"tEXt" not in outputs[0][2] and b"matplotlib" not in outputs[0][2], "no software tag in the thumbnail"


VERDICT_SNIPPET = FIGURE_SNIPPET.replace(
    "SLOPE = {slope}\n", 'SLOPE = {slope}\nverdicts = {{"steep": "confirmed", "flat": "{flat}"}}\n'
)


def test_values_in_alt_text_and_verdict_badges_with_counts(tmp_path):
    page = (
        '# Page\n\n{% verdict_counts %}\n\nSteep: {% verdict "a.py" steep %}, flat: {% verdict "a.py" flat cited %}.\n\n'
        '{% figure "a.py" 1 alt="a line of slope {% value "a.py" SLOPE %}" %}\n'
    )
    project = make_project(tmp_path, {"a.py": VERDICT_SNIPPET.format(slope=2, flat="contradicted")}, page)
    result = build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "index.html").read_text()
    assert 'alt="a line of slope 2"' in html
    assert '<span class="verdict verdict-confirmed">' in html and "contradicted, cited</span>" in html
    assert re.search(r'<p class="verdict-counts">2 verdicts: 1 <span class="verdict verdict-confirmed">', html)


def test_a_verdict_the_site_does_not_know_fails_the_build(tmp_path):
    page = '# Page\n\n{% figure "a.py" 1 alt="a line" %}\n\nFlat: {% verdict "a.py" flat %}.\n'
    project = make_project(tmp_path, {"a.py": VERDICT_SNIPPET.format(slope=2, flat="probably")}, page)
    result = build(project)
    assert result.returncode != 0
    assert "index.md:5" in result.stderr and "'probably' is not a verdict this site uses" in result.stderr


# --- directives, without a build --------------------------------------------------------

CELLS_SOURCE = '''\
"""
Cells
=====

Three cells.
"""

# %%
# Make the data
# -------------
#
# Why the data looks like this.
data = [1, 2, 3]

# %%
# Fit, then score
# ---------------
fit = sum(data)


# %%
# Score them
score = fit / len(data)
'''


def fake_runs(tmp_path: Path, source: str = CELLS_SOURCE, figures: int = 0, results: dict | None = None) -> dict:
    """{"a.py": a stand-in for a SnippetRun} with the attributes the directives read."""
    path = tmp_path / "a.py"
    path.write_text(source)
    svgs = []
    for number in range(1, figures + 1):
        svgs.append(tmp_path / f"figure-{number}.svg")
        svgs[-1].write_text('<svg width="300pt" height="150pt"></svg>')
    run = SimpleNamespace(
        path=path, name="a.py", figures=svgs, results=results or {}, tables={}, stdout="", seconds=1.0,
        versions={"Python": "3.11.7"},
    )
    return {"a.py": run}


def test_an_excerpt_shows_the_chosen_cells_in_the_order_given_then_the_whole_script(tmp_path):
    runs = fake_runs(tmp_path)
    page = directives.render_page('{% snippet "a.py" cells="Score them, Fit, then score" %}\n', runs, "chapter.md")
    titles = re.findall(r'```(python|text) title="([^"]*)"\n(.*?)\n```', page, re.S)
    assert titles == [
        ("python", "a.py, line 23: Score them", "score = fit / len(data)"),
        ("python", "a.py, line 18: Fit, then score", "fit = sum(data)"),
        ("text", "a.py", CELLS_SOURCE.rstrip()),
    ], "a heading may hold a comma; the whole script comes last, as plain text (fewer elements)"
    assert page.index("<details") < page.index('title="a.py"') < page.index("</details>"), "collapsed"
    assert CELLS_SOURCE.rstrip() + "\n```" in page, "the collapsed block holds the file verbatim"


def test_a_cell_heading_that_does_not_exist_fails_naming_file_and_line(tmp_path):
    with pytest.raises(directives.DirectiveError, match=r"^docs/chapter\.md:12: no cell headed 'Train'"):
        directives.render_page('Prose.\n\n{% snippet "a.py" cells="Score them, Train" %}\n', fake_runs(tmp_path), "docs/chapter.md", 10)


def test_figure_alt_texts_come_from_every_page_before_any_is_rendered(tmp_path):
    runs = fake_runs(tmp_path, figures=2, results={"slope": 2})
    pages = [
        ("a.md", '```text\n{% figure "a.py" 2 alt="in a fence: not a figure" %}\n```\n', 1),
        ("b.md", '{% figure "a.py" 2 alt="slope {% value "a.py" slope %}" %}\n', 1),
        ("c.md", '{% figure "a.py" 1 alt="first" %}\n{% figure "a.py" 2 alt="placed again" %}\n', 1),
    ]
    assert directives.figure_alt_texts(pages, runs) == {("a", 1): "first", ("a", 2): "slope 2"}
    with pytest.raises(directives.DirectiveError, match=r"^d\.md:4: figure: alt text is required"):
        directives.figure_alt_texts([("d.md", '{% figure "a.py" 1 %}\n', 4)], runs)


def test_a_notebook_page_loses_jupyterlabs_css_and_copy_button_and_its_cells_become_material_code_blocks():
    theme = '<html><head><style>:root{--md-text-font:"Roboto"}</style></head><body>'
    page = theme + (
        '<article class="md-content__inner"><style type="text/css">.jp-Cell{--jp-a:red}</style>'
        '<script src=""> </script><script>(function(){ClipboardCopyElement; "clipboard-copy"})()</script>'
        '<div class="jp-Cell" id="cell-id=cell-1"><h1 id="a">A<a class="anchor-link" href="#a">¶</a></h1>'
        '<div class="zeroclipboard-container">\n<clipboard-copy for="cell-1"><div><span class="notice" hidden>Copied!'
        '</span></div></clipboard-copy>\n</div>\n<div class="highlight-ipynb hl-python"><pre><span></span>'
        '<span class="k">if</span> a &lt; b</pre></div>\n<div class="clipboard-copy-txt" id="cell-1">if a &lt; b</div>'
        '<img alt="No description has been provided for this image" src="x.svg"></div>'
        "<style>['pre { line-height: 125%; }']</style></article></body></html>"
    )
    assert notebook_pages.finish(page, ["a <line>"]) == theme + (
        '<article class="md-content__inner">'
        '<div class="jp-Cell" id="cell-1"><h1 id="a">A<a class="headerlink" href="#a">¶</a></h1>'
        '\n<div class="highlight hl-python"><pre><code><span></span><span class="k">if</span> a &lt; b</code></pre></div>\n'
        '<img id="figure-1" alt="a &lt;line&gt;" src="x.svg"></div></article></body></html>'
    ), "the theme's own <style> stays"
    with pytest.raises(ValueError, match="more images than the 0 figure"):
        notebook_pages.finish(page, [])


# --- the example gallery and what a reader takes home -------------------------------------

PEP_723 = '# /// script\n# requires-python = ">=3.11"\n# dependencies = [\n#   "matplotlib==3.11.2",\n# ]\n# ///\n\n'
HELPED_SNIPPET = PEP_723 + FIGURE_SNIPPET.format(slope=3).replace("SLOPE = 3", "from helper import SLOPE")
HELPER = '"""\nHelper\n======\n\nA constant.\n"""\n\n# %%\n# The slope\nSLOPE = 3\n'
PRINTS = '"""\nPrints\n======\n\nNo figure.\n"""\n\n# %%\n# Print it\nprint("no figure")\n'
GALLERY_NAV = 'nav:\n  - "The chapter": chapter.md\n  - Home: index.md\n  - Example gallery: examples/index.md\n'


@pytest.fixture(scope="module")
def gallery_site(tmp_path_factory) -> Path:
    """A built project whose navigation lists chapter.md before index.md: b.py (it imports
    helper.py and starts with a PEP 723 block) and a.py are placed in chapter.md, a.py
    again in index.md; helper.py and c.py (no figure) in no page."""
    chapter = (
        '# The chapter\n\n{% snippet "b.py" cells="Plot a line" %}\n\n{% figure "b.py" 1 alt="a steeper line" %}\n\n'
        '{% snippet "a.py" %}\n'
    )
    project = make_project(
        tmp_path_factory.mktemp("gallery"),
        {"a.py": FIGURE_SNIPPET.format(slope=2), "b.py": HELPED_SNIPPET, "helper.py": HELPER, "c.py": PRINTS},
        '# Home\n\n{% figure "a.py" 1 alt="a line" %}\n',
    )
    (project / "docs" / "chapter.md").write_text(chapter)
    with (project / "mkdocs.yml").open("a") as config:
        config.write(GALLERY_NAV)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project


def test_the_gallery_shows_cards_grouped_by_chapter_in_navigation_order(gallery_site):
    gallery = (gallery_site / "site" / "examples" / "index.html").read_text()
    groups = re.findall(r"<h2 [^>]*>(.*?)</h2>\s*(.*?)</div>", gallery, re.S)
    assert [re.sub(r"<[^>]+>", "", heading) for heading, _ in groups] == ["The chapter", "Not shown in a chapter"]
    assert '<a href="../chapter/">The chapter</a>' in groups[0][0], "the heading links to its chapter"
    cards = [re.findall(r'<a class="gallery-title" href="(\w+)/">', body) for _, body in groups]
    assert cards == [["b", "a"], ["c", "helper"]], "in the order the chapter places them; unplaced ones last"
    for stem, alt in [("b", "a steeper line"), ("a", "a line")]:
        assert f'<img alt="{alt}" class="gallery-thumb" height="' in gallery and f'src="{stem}/thumbnail.png"' in gallery
        thumbnail = (gallery_site / "site" / "examples" / stem / "thumbnail.png").read_bytes()
        assert thumbnail.startswith(b"\x89PNG") and int.from_bytes(thumbnail[16:20], "big") == 320
    assert gallery.count('class="gallery-thumb"') == 2, "no thumbnail for a snippet without a figure"
    assert '<a download href="c.py"><code>.py</code></a> · <a href="c/c.ipynb" download>' in gallery


def test_an_example_that_imports_a_helper_says_so_and_offers_both_in_a_zip(gallery_site):
    chapter = (gallery_site / "site" / "chapter" / "index.html").read_text()
    gallery = (gallery_site / "site" / "examples" / "index.html").read_text()
    needs = 'Needs <a href="{0}helper.py"><code>helper.py</code></a> in the same folder, or download <a href="{0}b.zip">both as a zip</a>.'
    meta = re.findall(r'<p class="snippet-meta">(.*?)</p>', chapter)
    assert len(meta) == 2 and meta[0].endswith(" · " + needs.format("../examples/")), "under b.py's script"
    assert "Needs" not in meta[1], "a.py imports nothing of the project's"
    assert gallery.count("Needs <a") == 1 and needs.format("") in gallery, "on b.py's card"
    with zipfile.ZipFile(gallery_site / "site" / "examples" / "b.zip") as archive:
        assert archive.namelist() == ["b/b.py", "b/helper.py"]
        for name in ("b.py", "helper.py"):
            assert archive.read(f"b/{name}") == (gallery_site / "snippets" / name).read_bytes()
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}, "no build time in it"


def test_a_pep_723_block_is_in_the_script_and_download_but_in_no_cell(gallery_site):
    chapter = (gallery_site / "site" / "chapter" / "index.html").read_text()
    assert collapsed_script(chapter) == HELPED_SNIPPET, "copied, it runs as-is"
    assert (gallery_site / "site" / "examples" / "b.py").read_text() == HELPED_SNIPPET
    assert ">b.py, lines 18–25: Plot a line<" in chapter, "excerpts keep the file's line numbers"
    notebook = json.loads((gallery_site / ".cache" / "snippets" / "b" / "b.ipynb").read_text())
    assert not any("///" in "".join(cell["source"]) for cell in notebook["cells"])


def test_the_zip_of_an_example_is_byte_stable(tmp_path):
    runs = fake_runs(tmp_path, source="import helper\n")
    (tmp_path / "helper.py").write_text("SLOPE = 3\n")
    runs["helper.py"] = SimpleNamespace(path=tmp_path / "helper.py", name="helper.py")
    first = take_home.zip_bytes(runs["a.py"], runs)
    os.utime(tmp_path / "helper.py", (0, 0))
    assert take_home.zip_bytes(runs["a.py"], runs) == first


# --- continuous integration ---------------------------------------------------------------


def test_ci_runs_the_test_command_the_readme_shows():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count("<!-- test-command -->") == 1, "README.md marks its test command once"
    shown = re.search(r"<!-- test-command -->\s*```bash\n(.*?)\n", readme).group(1)
    assert "pytest" in shown
    printed = subprocess.run(
        ["bash", str(ROOT / ".ci" / "run"), "--print-test-command"], capture_output=True, text=True, check=True
    ).stdout
    assert printed == shown + "\n"
