"""MkDocs hook: run every snippet at build time and let chapters place its outputs.

A chapter places a snippet's outputs with one directive per line:

    {% snippet "sine_fit.py" %}                          the code, its run info, downloads
    {% figure "sine_fit.py" 1 alt="..." caption="..." %} the snippet's first figure
    {% table "sine_fit.py" scores_table caption="..." %} a module-level ``*_table`` variable
    {% output "sine_fit.py" %}                           what the snippet printed

Snippets run in :mod:`snippet_runner` (parallel, cached by content). Every snippet
in ``snippets/`` also gets an executed notebook page (rendered by mkdocs-jupyter
from the notebook the same run produced), a ``.py`` and ``.ipynb`` download, and
a line on the generated example gallery, ``examples/index.md``. A notebook page's
figures get the alt text the chapters' ``{% figure %}`` directives give them, so every
figure a snippet makes must be placed in some chapter. Of the JupyterLab stylesheet
that mkdocs-jupyter inlines in each notebook page, a page keeps only the rules and
custom properties it can use (:mod:`unused_css`).

Math written as ``$...$`` / ``$$...$$`` (pymdownx.arithmatex, generic mode) is
turned into MathML here, so pages render formulas with no script and no font
download.
"""

from __future__ import annotations

import ast
import logging
import os
import posixpath
import re
import shlex
import shutil
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import latex2mathml.converter
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import snippet_runner  # sibling modules: MkDocs puts this folder on sys.path while loading a hook
from unused_css import without_unused_css

SNIPPET_DIR = "snippets"
CACHE_DIR = ".cache/snippets"
NOTEBOOK_STAGING = ".cache/notebooks"
EXAMPLES_DIR = "examples"  # where generated pages and files appear on the site
DIRECTIVE = re.compile(r"^(\s*)\{%\s*(snippet|figure|table|output)\s+(.*?)\s*%\}\s*$")
UNKNOWN_DIRECTIVE = re.compile(r"\{%.*?%\}")
INLINE_VALUE = re.compile(r"\{%\s*value\s+(.*?)\s*%\}")
INLINE_VERDICT = re.compile(r"\{%\s*verdict\s+(.*?)\s*%\}")
VERDICT_COUNTS = re.compile(r"^\s*\{%\s*verdict_counts\s*%\}\s*$")
# verdict -> (icon, CSS class). The icon and the word tell them apart, not the colour alone.
VERDICTS = {
    "confirmed": ("material-check-circle", "confirmed"),
    "nuanced": ("material-circle-half-full", "nuanced"),
    "contradicted": ("material-close-circle", "contradicted"),
    "not supported in this setting": ("material-minus-circle-outline", "not-supported"),
    "undecided on this machine": ("material-help-circle-outline", "undecided"),
}
FENCE = re.compile(r"^\s*(```+|~~~+)")

log = logging.getLogger("mkdocs.hooks.snippets")
runs: dict[str, snippet_runner.SnippetRun] = {}
# (snippet stem, figure number) -> the alt text the chapter placing that figure gives it;
# the executed notebook's copy of the figure gets the same text.
figure_alts: dict[tuple[str, int], str] = {}


def project_root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


# --- running -------------------------------------------------------------------------


@event_priority(100)  # before mkdocs-jupyter turns the generated notebooks into pages
def on_files(files: Files, config) -> Files:
    root = project_root(config)
    snippets = snippet_runner.discover(root / SNIPPET_DIR)
    runs.clear()
    figure_alts.clear()
    try:
        runs.update(
            snippet_runner.run_snippets(
                snippets,
                root / CACHE_DIR,
                root,
                # For the benchmark only: load cached outputs without checking them.
                trust_cache=os.environ.get("SNIPPETS_RENDER_ONLY") == "1",
                log=log.info,
            )
        )
    except snippet_runner.SnippetFailure as failure:
        # A failed snippet must not leave its previous outputs in a served site.
        for name in failure.failures:
            shutil.rmtree(Path(config.site_dir) / EXAMPLES_DIR / Path(name).stem, ignore_errors=True)
        raise PluginError(str(failure)) from None

    for run in runs.values():
        stem = run.path.stem
        add = lambda uri, src: files.append(  # noqa: E731
            File.generated(config, f"{EXAMPLES_DIR}/{uri}", abs_src_path=str(src))
        )
        add(f"{stem}.py", run.path)
        # mkdocs-jupyter needs a notebook that sits at src_dir/src_uri, so stage a copy.
        staged = root / NOTEBOOK_STAGING / EXAMPLES_DIR / run.notebook.name
        if not staged.is_file() or staged.read_bytes() != run.notebook.read_bytes():
            staged.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(run.notebook, staged)
        files.append(
            File(
                f"{EXAMPLES_DIR}/{run.notebook.name}",
                src_dir=str(root / NOTEBOOK_STAGING),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
        )
        for figure in run.figures:
            add(f"{stem}/{figure.name}", figure)
    files.append(File.generated(config, f"{EXAMPLES_DIR}/index.md", content=gallery_markdown()))
    return files


def gallery_markdown() -> str:
    lines = [
        "# Example gallery",
        "",
        "Every example on this site is one standalone script in `snippets/`. The build ran each",
        "of them; below, each one as an executed notebook, and as files to download.",
        "",
    ]
    for run in runs.values():
        title, purpose = docstring_parts(run.path)
        stem = run.path.stem
        lines += [
            f"## {title}",
            "",
            purpose,
            "",
            f"[Executed notebook]({stem}.ipynb) · [Download `{stem}.py`]({stem}.py) · "
            f"ran in {run.seconds:.1f} s",
            "",
        ]
    return "\n".join(lines)


def docstring_parts(path: Path) -> tuple[str, str]:
    """The title and first paragraph of a snippet's docstring."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or path.stem
    paragraphs = [p.strip() for p in doc.split("\n\n") if p.strip()]
    title = paragraphs[0].splitlines()[0].strip()
    return title, " ".join(paragraphs[1].split()) if len(paragraphs) > 1 else ""


# --- placing outputs -------------------------------------------------------------------


def on_page_markdown(markdown: str, page, config, files) -> str:
    out, fence = [], None
    counted: list[list[str]] = []  # the verdicts after each {% verdict_counts %}, in order
    for number, line in enumerate(markdown.splitlines(), start=1):
        opening = FENCE.match(line)
        if opening and (fence is None or opening.group(1).startswith(fence)):
            fence = None if fence else opening.group(1)
        if fence is not None:
            out.append(line)
            continue
        try:
            match = DIRECTIVE.match(line)
            if match:
                indent, kind, args = match.groups()
                # A figure's alt text or a caption can quote a measurement too.
                args = INLINE_VALUE.sub(lambda m: quotable(render_value(shlex.split(m.group(1)))), args)
                rendered = render_directive(kind, shlex.split(args), page)
                out.append("\n".join(indent + part if part else part for part in rendered.split("\n")))
            elif VERDICT_COUNTS.match(line):
                counted.append([])
                out.append(f"\0verdict-counts-{len(counted) - 1}\0")
            else:
                def verdict(match: re.Match) -> str:
                    word, html = render_verdict(shlex.split(match.group(1)))
                    if counted:
                        counted[-1].append(word)
                    return html

                line = INLINE_VALUE.sub(lambda m: render_value(shlex.split(m.group(1))), line)
                line = INLINE_VERDICT.sub(verdict, line)
                if UNKNOWN_DIRECTIVE.search(line):
                    raise DirectiveError(f"not a directive this site knows: {UNKNOWN_DIRECTIVE.search(line).group(0)}")
                out.append(line)
        except (DirectiveError, ValueError) as error:
            raise PluginError(f"{page.file.src_path}:{number}: {error}") from None
    markdown = "\n".join(out)
    for index, words in enumerate(counted):
        markdown = markdown.replace(f"\0verdict-counts-{index}\0", render_verdict_counts(words))
    return markdown


def quotable(text: str) -> str:
    """A value as it may stand inside a directive's double-quoted argument."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def render_verdict(args: list[str]) -> tuple[str, str]:
    """{% verdict "file.py" key %}: the snippet's verdicts[key] as a badge; ``cited`` marks
    a verdict resting on cited sources rather than on a measurement."""
    positional = [a for a in args if a != "cited"]
    if len(positional) != 2:
        raise DirectiveError('verdict: give the snippet and a key of its verdicts, e.g. {% verdict "example.py" relu_fast %}')
    word = render_value([positional[0], f"verdicts.{positional[1]}"])
    return word, verdict_badge(word, cited="cited" in args)


def verdict_badge(word: str, cited: bool = False) -> str:
    if word not in VERDICTS:
        raise DirectiveError(f"{word!r} is not a verdict this site uses ({', '.join(VERDICTS)})")
    icon, css = VERDICTS[word]
    label = f"{word}, cited" if cited else word
    return f'<span class="verdict verdict-{css}">:{icon}:{{ .verdict-icon }} {label}</span>'


def render_verdict_counts(words: list[str]) -> str:
    """How many verdicts of each kind follow, as one line of badges."""
    if not words:
        raise DirectiveError("verdict_counts: no {% verdict %} follows it")
    parts = [f"{words.count(word)} {verdict_badge(word)}" for word in VERDICTS if word in words]
    return f"{len(words)} verdicts: " + " · ".join(parts) + "\n{: .verdict-counts }"


class DirectiveError(Exception):
    pass


def render_directive(kind: str, args: list[str], page) -> str:
    positional = [a for a in args if "=" not in a]
    options = dict(a.split("=", 1) for a in args if "=" in a)
    if not positional:
        raise DirectiveError(f"{kind}: name the snippet, e.g. {{% {kind} \"example.py\" %}}")
    name = positional[0]
    if name not in runs:
        raise DirectiveError(f"no snippet named {name!r} in {SNIPPET_DIR}/ (have: {', '.join(runs) or 'none'})")
    run = runs[name]
    here = posixpath.dirname(page.file.src_uri)
    link = lambda uri: posixpath.relpath(f"{EXAMPLES_DIR}/{uri}", here or ".")  # noqa: E731

    if kind == "snippet":
        source = run.path.read_text(encoding="utf-8")
        fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", source)), default=0))
        versions = ", ".join(f"{lib} {ver}" for lib, ver in run.versions.items())
        stem = run.path.stem
        # The block is drawn only when it scrolls near the screen (site.css); its line
        # count sizes the space it holds until then. The search index leaves the code out
        # (half of it was code): search finds the prose that explains a script.
        lines = source.rstrip().count("\n") + 1
        return (
            f'<div class="snippet-code" style="--snippet-lines: {lines}" data-search-exclude markdown>\n\n'
            f'{fence}python title="{name}"\n{source.rstrip()}\n{fence}\n\n</div>\n\n'
            f'<p class="snippet-meta" markdown="span">Ran in {run.seconds:.1f} s with {versions}. '
            f"[Executed notebook]({link(stem + '.ipynb')}) · "
            f"[Download `{name}`]({link(stem + '.py')})</p>\n"
        )
    if kind == "figure":
        if len(positional) < 2 or not positional[1].isdigit():
            raise DirectiveError("figure: give the figure's number, e.g. {% figure \"example.py\" 1 alt=\"...\" %}")
        number = int(positional[1])
        if not 1 <= number <= len(run.figures):
            raise DirectiveError(f"{name} made {len(run.figures)} figure(s); there is no figure {number}")
        alt = options.get("alt", "").strip()
        if not alt:
            raise DirectiveError("figure: alt text is required (alt=\"what the figure shows\")")
        figure = run.figures[number - 1]
        figure_alts[(run.path.stem, number)] = alt
        width, height = svg_size(figure)
        caption = options.get("caption", "")
        source = link(f"{run.path.stem}/{figure.name}")
        # The image links to itself, so a reader on a phone can open the figure full size.
        image = f'[![{escape(alt)}]({source}){{ width="{width}" height="{height}" .snippet-figure }}]({source})'
        return f"{image}\n/// caption\n{caption}\n///\n" if caption else image + "\n"
    if kind == "table":
        if len(positional) < 2:
            raise DirectiveError("table: name the table variable, e.g. {% table \"example.py\" scores_table %}")
        tables = run.tables
        if positional[1] not in tables:
            raise DirectiveError(f"{name} has no table {positional[1]!r} (has: {', '.join(tables) or 'none'})")
        rows = tables[positional[1]]
        cell = lambda text: text.replace("|", "\\|").replace("\n", " ")  # noqa: E731
        lines = ["| " + " | ".join(cell(c) for c in rows[0]) + " |", "|" + "---|" * len(rows[0])]
        lines += ["| " + " | ".join(cell(v) for v in row.values()) + " |" for row in rows]
        caption = options.get("caption", "")
        table = "\n".join(lines) + "\n"
        return f"\n{table}/// caption\n{caption}\n///\n" if caption else f"\n{table}"
    # output
    printed = run.stdout
    if not printed.strip():
        raise DirectiveError(f"{name} printed nothing, so there is no output to show")
    return f'```text title="Output of {name}"\n{printed.rstrip()}\n```\n'


def render_value(args: list[str]) -> str:
    """One measured value, inline: {% value "file.py" scores.relu.r2.0 format=".3f" %}."""
    positional = [a for a in args if "=" not in a]
    options = dict(a.split("=", 1) for a in args if "=" in a)
    if len(positional) != 2:
        raise DirectiveError('value: give the snippet and a variable path, e.g. {% value "example.py" scores.relu %}')
    name, dotted = positional
    if name not in runs:
        raise DirectiveError(f"no snippet named {name!r} in {SNIPPET_DIR}/ (have: {', '.join(runs) or 'none'})")
    value = runs[name].results
    for part in dotted.split("."):
        if isinstance(value, list) and part.lstrip("-").isdigit() and -len(value) <= int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            raise DirectiveError(f"{name} has no result {dotted!r} (stuck at {part!r})")
    if isinstance(value, (dict, list)):
        raise DirectiveError(f"{name}: {dotted!r} is a {type(value).__name__}, not a single value")
    spec = options.get("format", "")
    return format(value, spec) if spec and isinstance(value, (int, float)) else str(value)


def svg_size(path: Path) -> tuple[int, int]:
    """The SVG's size in CSS pixels (matplotlib writes it in points)."""
    head = path.read_text(encoding="utf-8")[:2000]
    width, height = (float(re.search(rf'{dim}="([\d.]+)pt"', head).group(1)) for dim in ("width", "height"))
    return round(width * 4 / 3), round(height * 4 / 3)


# --- math ------------------------------------------------------------------------------

ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)


def on_page_content(html: str, page, config, files) -> str:
    if page.file.src_uri.startswith(f"{EXAMPLES_DIR}/") and page.file.src_uri.endswith(".ipynb"):
        # Keep the executed notebooks out of the search index that every page loads:
        # the chapters are where things are found.
        page.meta.setdefault("search", {})["exclude"] = True
    def to_mathml(match: re.Match) -> str:
        tag, tex = match.group(1), unescape(match.group(2)).strip()
        display = "block" if tag == "div" else "inline"
        tex = tex[2:-2] if tex[:2] in ("\\(", "\\[") else tex
        try:
            mathml = latex2mathml.converter.convert(tex.strip(), display=display)
        except Exception as error:  # noqa: BLE001 - reported with the page and formula
            raise PluginError(f"{page.file.src_path}: cannot render math {tex!r}: {error}") from None
        return f'<{tag} class="math">{mathml}</{tag}>'

    return ARITHMATEX.sub(to_mathml, html)


# --- notebook pages --------------------------------------------------------------------

# nbconvert's page template (which mkdocs-jupyter uses) adds a MathJax loader (with an
# empty src here), MathJax's configuration, and a Mermaid loader that imports its code
# from cdnjs when a notebook has a Mermaid diagram. The snippets' notebooks have neither,
# and no page may load anything from another host, so notebook pages drop all three.
NOTEBOOK_CDN_SCRIPTS = re.compile(
    r'<script src="">\s*</script>'
    r'|<script type="text/x-mathjax-config">.*?</script>'
    r'|<script type="module">(?:(?!</script>).)*?cdnjs\.cloudflare\.com.*?</script>',
    re.S,
)


# nbconvert's alt text for every image output. MkDocs renders all Markdown pages before
# it writes any page, so by the time a notebook page is written every chapter's
# {% figure %} directive has recorded its figure's alt text.
NBCONVERT_PLACEHOLDER_ALT = re.compile(r'<img alt="No description has been provided for this image"')


def on_post_page(output: str, page, config) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        output = NOTEBOOK_CDN_SCRIPTS.sub("", output)
        output = with_figure_alts(output, posixpath.splitext(posixpath.basename(page.file.src_uri))[0])
        # The ~575 KB of JupyterLab CSS inlined in every notebook page, cut down to the
        # rules and custom properties this page can use (see unused_css.py).
        links = LinkedFiles()
        links.feed(output)
        output = without_unused_css(
            output,
            linked_stylesheets=[linked_file(href, page, config) for href in links.stylesheets if is_local(href)],
            linked_scripts=[linked_file(src, page, config) for src in links.scripts if is_local(src)],
        )
    return output


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
    """A URL into this site. (The site's own pages link no other; the browser tests
    check that. A theme's CDN files, as MkDocs' default theme links, cannot be read here.)"""
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def linked_file(href: str, page, config) -> str:
    """The text of a file a page links, read from the site folder being built (MkDocs
    copies theme and static files there before it writes any page)."""
    relative = urlsplit(href).path  # without a ?query or #fragment
    path = Path(config.site_dir) / posixpath.normpath(posixpath.join(posixpath.dirname(page.url), relative))
    if not path.is_file():
        raise PluginError(f"{page.file.src_uri}: links {href}, which is not in the site folder ({path})")
    return path.read_text(encoding="utf-8")


def with_figure_alts(html: str, stem: str) -> str:
    """A notebook page whose n-th image has the alt text of the snippet's figure n."""
    count = 0

    def alt(match: re.Match) -> str:
        nonlocal count
        count += 1
        text = figure_alts.get((stem, count))
        if text is None:
            raise PluginError(
                f"{EXAMPLES_DIR}/{stem}: figure {count} of {stem}.py has no alt text: place it in a chapter "
                f'with {{% figure "{stem}.py" {count} alt="what it shows" %}}'
            )
        return f'<img alt="{escape(text)}"'

    return NBCONVERT_PLACEHOLDER_ALT.sub(alt, html)
