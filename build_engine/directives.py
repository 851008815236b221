"""The directives a chapter uses to place a snippet's outputs, rendered as Markdown.

One per line:

    {% snippet "sine_fit.py" %}                          the whole script, collapsed, with its run
    {% snippet "sine_fit.py" cells="Fit, Score them" %}  those cells above it, as an excerpt
    {% figure "sine_fit.py" 1 alt="..." caption="..." %} the snippet's first figure
    {% table "sine_fit.py" scores_table caption="..." %} a module-level ``*_table`` variable
    {% output "sine_fit.py" %}                           what the snippet printed
    {% verdict_counts %}                                 how many verdicts of each kind follow

Inline, in a sentence, a table cell, or a directive's alt text or caption:

    {% value "sine_fit.py" scores.relu.r2 format=".3f" %} one result (a dotted path)
    {% verdict "sine_fit.py" relu_fits cited %}           verdicts[key], as a badge

Every function takes the runs it reads (``{file name: SnippetRun}``); nothing here keeps
state between calls.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Iterable, Iterator
from html import escape

import cells
import take_home
from layout import EXAMPLES_DIR, SNIPPET_DIR

DIRECTIVE = re.compile(r"^(\s*)\{%\s*(snippet|figure|table|output)\s+(.*?)\s*%\}\s*$")
UNKNOWN_DIRECTIVE = re.compile(r"\{%.*?%\}")
INLINE_VALUE = re.compile(r"\{%\s*value\s+(.*?)\s*%\}")
INLINE_VERDICT = re.compile(r"\{%\s*verdict\s+(.*?)\s*%\}")
VERDICT_COUNTS = re.compile(r"^\s*\{%\s*verdict_counts\s*%\}\s*$")
FENCE = re.compile(r"^\s*(```+|~~~+)")
# verdict -> (icon, CSS class). The icon and the word tell them apart, not the colour alone.
VERDICTS = {
    "confirmed": ("material-check-circle", "confirmed"),
    "nuanced": ("material-circle-half-full", "nuanced"),
    "contradicted": ("material-close-circle", "contradicted"),
    "not supported in this setting": ("material-minus-circle-outline", "not-supported"),
    "undecided on this machine": ("material-help-circle-outline", "undecided"),
}


class DirectiveError(Exception):
    """A directive the runs cannot satisfy; the message starts with ``file:line:``."""


def render_page(markdown: str, runs: dict, page_path: str, first_line: int = 1) -> str:
    """A page's Markdown with every directive replaced by what it places.

    ``page_path`` is the page's path under docs/ (links are made relative to it);
    ``first_line`` is the file line ``markdown`` starts at (after any front matter).
    """
    out = []
    counted: list[tuple[int, list[str]]] = []  # (line, the verdicts after it) per {% verdict_counts %}
    for number, line, fenced in lines_outside_fences(markdown, first_line):
        if fenced:
            out.append(line)
            continue
        with located(page_path, number):
            match = DIRECTIVE.match(line)
            if match:
                indent, kind, args = match.groups()
                rendered = render_directive(kind, parse_args(args, runs), runs, page_path)
                out.append("\n".join(indent + part if part else part for part in rendered.split("\n")))
            elif VERDICT_COUNTS.match(line):
                counted.append((number, []))
                out.append(f"\0verdict-counts-{len(counted) - 1}\0")
            else:
                def verdict(match: re.Match) -> str:
                    word, html = render_verdict(shlex.split(match.group(1)), runs)
                    if counted:
                        counted[-1][1].append(word)
                    return html

                line = INLINE_VALUE.sub(lambda m: render_value(shlex.split(m.group(1)), runs), line)
                line = INLINE_VERDICT.sub(verdict, line)
                if unknown := UNKNOWN_DIRECTIVE.search(line):
                    raise ValueError(f"not a directive this site knows: {unknown.group(0)}")
                out.append(line)
    markdown = "\n".join(out)
    for index, (number, words) in enumerate(counted):
        with located(page_path, number):
            markdown = markdown.replace(f"\0verdict-counts-{index}\0", render_verdict_counts(words))
    return markdown


def figure_alt_texts(pages: Iterable[tuple[str, str, int]], runs: dict) -> dict[tuple[str, int], str]:
    """(snippet stem, figure number) -> the alt text a chapter's ``{% figure %}`` gives it,
    from ``(page path, markdown, first line)`` of every page; the first page placing a
    figure wins. Read before any page is rendered, for the executed notebooks' copies."""
    alts: dict[tuple[str, int], str] = {}
    for page_path, markdown, first_line in pages:
        for number, line, fenced in lines_outside_fences(markdown, first_line):
            match = None if fenced else DIRECTIVE.match(line)
            if match and match.group(2) == "figure":
                with located(page_path, number):
                    run, figure_number, alt = figure_parts(parse_args(match.group(3), runs), runs)
                alts.setdefault((run.path.stem, figure_number), alt)
    return alts


def start_line(markdown: str, source: str) -> int:
    """The line of the file ``source`` that ``markdown`` (it without front matter) starts at."""
    return source.count("\n", 0, len(source) - len(markdown)) + 1 if source.endswith(markdown) else 1


def lines_outside_fences(markdown: str, first_line: int = 1) -> Iterator[tuple[int, str, bool]]:
    """(line number, line, inside a fenced code block?) for every line."""
    fence = None
    for number, line in enumerate(markdown.splitlines(), start=first_line):
        opening = FENCE.match(line)
        if opening and (fence is None or opening.group(1).startswith(fence)):
            fence = None if fence else opening.group(1)
        yield number, line, fence is not None


class located:
    """Re-raise a directive's error as DirectiveError prefixed with ``file:line:``."""

    def __init__(self, page_path: str, line: int):
        self.where = f"{page_path}:{line}"

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if kind is not None and issubclass(kind, (ValueError, DirectiveError)) and not isinstance(error, DirectiveError):
            raise DirectiveError(f"{self.where}: {error}") from None
        return False


def parse_args(text: str, runs: dict) -> list[str]:
    """A directive's arguments, with any ``{% value %}`` inside them filled in."""
    quotable = lambda value: value.replace("\\", "\\\\").replace('"', '\\"')  # noqa: E731
    return shlex.split(INLINE_VALUE.sub(lambda m: quotable(render_value(shlex.split(m.group(1)), runs)), text))


def split_args(kind: str, args: list[str], runs: dict):
    """(run, the other positional arguments, options) of a directive naming a snippet."""
    positional = [a for a in args if "=" not in a]
    options = dict(a.split("=", 1) for a in args if "=" in a)
    if not positional:
        raise ValueError(f'{kind}: name the snippet, e.g. {{% {kind} "example.py" %}}')
    return snippet_run(positional[0], runs), positional[1:], options


def snippet_run(name: str, runs: dict):
    if name not in runs:
        raise ValueError(f"no snippet named {name!r} in {SNIPPET_DIR}/ (have: {', '.join(runs) or 'none'})")
    return runs[name]


def site_link(page_path: str):
    """uri under examples/ -> a link to it from the page."""
    here = posixpath.dirname(page_path) or "."
    return lambda uri: posixpath.relpath(f"{EXAMPLES_DIR}/{uri}", here)


def render_directive(kind: str, args: list[str], runs: dict, page_path: str) -> str:
    if kind == "snippet":
        return render_snippet(args, runs, page_path)
    if kind == "figure":
        return render_figure(args, runs, page_path)
    if kind == "table":
        return render_table(args, runs)
    return render_output(args, runs)


def fence_for(text: str) -> str:
    """A backtick fence longer than any run of backticks in ``text``."""
    return "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", text)), default=0))


def render_snippet(args: list[str], runs: dict, page_path: str) -> str:
    """The chosen cells, if any, then the whole file collapsed (verbatim, so that its copy
    button gives a script that runs as-is), then its run and its links."""
    run, _, options = split_args("snippet", args, runs)
    source = run.path.read_text(encoding="utf-8")
    link = site_link(page_path)
    parts = []
    if "cells" in options:
        # Code out of the search index: search finds the prose that explains a script.
        parts.append('<div class="snippet-excerpt" data-search-exclude markdown>\n')
        for cell in cells.pick(cells.headed_cells(source), options["cells"]):
            lines = f"line {cell.first_line}" if cell.first_line == cell.last_line else f"lines {cell.first_line}–{cell.last_line}"
            title = f"{run.name}, {lines}: {cell.heading}".replace('"', "'")
            fence = fence_for(cell.code)
            parts.append(f'{fence}python title="{title}"\n{cell.code}\n{fence}\n')
        parts.append("</div>\n")
    fence = fence_for(source)
    lines = source.rstrip().count("\n") + 1
    what = "The whole script" if "cells" in options else "The script"
    # Plain text, not highlighted: every highlighted token is an element, and the closed
    # scripts were most of a chapter's elements. The example page shows it highlighted.
    parts.append(
        f'<details class="example snippet-script" data-search-exclude markdown>\n'
        f"<summary>{what}: <code>{run.name}</code> ({lines} lines)</summary>\n\n"
        f'{fence}text title="{run.name}"\n{source.rstrip()}\n{fence}\n\n</details>\n'
    )
    versions = ", ".join(f"{lib} {ver}" for lib, ver in run.versions.items())
    needs = take_home.note(run, runs, link)  # a script that imports activations.py runs only beside it
    parts.append(
        f'<p class="snippet-meta" markdown="span">Ran in {run.seconds:.1f} s with {versions}. '
        f"[Executed notebook]({link(run.path.stem + '.ipynb')}) · "
        f"[Download `{run.name}`]({link(run.name)}){' · ' + needs if needs else ''}</p>\n"
    )
    return "\n".join(parts)


def figure_parts(args: list[str], runs: dict):
    """(run, figure number, alt text) of a figure directive, checked."""
    run, rest, options = split_args("figure", args, runs)
    if not rest or not rest[0].isdigit():
        raise ValueError('figure: give the figure\'s number, e.g. {% figure "example.py" 1 alt="..." %}')
    number = int(rest[0])
    if not 1 <= number <= len(run.figures):
        raise ValueError(f"{run.name} made {len(run.figures)} figure(s); there is no figure {number}")
    alt = options.get("alt", "").strip()
    if not alt:
        raise ValueError('figure: alt text is required (alt="what the figure shows")')
    return run, number, alt


def render_figure(args: list[str], runs: dict, page_path: str) -> str:
    """The image links to the figure's cell in the executed notebook; the caption ends
    with a link to the figure alone, full size (for a reader on a phone)."""
    run, number, alt = figure_parts(args, runs)
    caption = dict(a.split("=", 1) for a in args if "=" in a).get("caption", "")
    figure = run.figures[number - 1]
    link = site_link(page_path)
    width, height = svg_size(figure.read_text(encoding="utf-8")[:2000])
    source = link(f"{run.path.stem}/{figure.name}")
    notebook = f"{link(run.path.stem + '.ipynb')}#figure-{number}"
    image = f'[![{escape(alt)}]({source}){{ width="{width}" height="{height}" .snippet-figure }}]({notebook})'
    caption = f"{caption} [Full size]({source}){{ .snippet-full-size }}".strip()
    return f"{image}\n/// caption\n{caption}\n///\n"


def svg_size(head: str) -> tuple[int, int]:
    """An SVG's size in CSS pixels, from its first bytes (matplotlib writes points)."""
    width, height = (float(re.search(rf'{dim}="([\d.]+)pt"', head).group(1)) for dim in ("width", "height"))
    return round(width * 4 / 3), round(height * 4 / 3)


def render_table(args: list[str], runs: dict) -> str:
    run, rest, options = split_args("table", args, runs)
    if not rest:
        raise ValueError('table: name the table variable, e.g. {% table "example.py" scores_table %}')
    if rest[0] not in run.tables:
        raise ValueError(f"{run.name} has no table {rest[0]!r} (has: {', '.join(run.tables) or 'none'})")
    rows = run.tables[rest[0]]
    cell = lambda text: text.replace("|", "\\|").replace("\n", " ")  # noqa: E731
    lines = ["| " + " | ".join(cell(c) for c in rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(cell(v) for v in row.values()) + " |" for row in rows]
    table = "\n".join(lines) + "\n"
    caption = options.get("caption", "")
    return f"\n{table}/// caption\n{caption}\n///\n" if caption else f"\n{table}"


def render_output(args: list[str], runs: dict) -> str:
    run, _, _ = split_args("output", args, runs)
    if not run.stdout.strip():
        raise ValueError(f"{run.name} printed nothing, so there is no output to show")
    return f'```text title="Output of {run.name}"\n{run.stdout.rstrip()}\n```\n'


def render_value(args: list[str], runs: dict) -> str:
    """One measured value: {% value "file.py" scores.relu.r2.0 format=".3f" %}."""
    positional = [a for a in args if "=" not in a]
    options = dict(a.split("=", 1) for a in args if "=" in a)
    if len(positional) != 2:
        raise ValueError('value: give the snippet and a variable path, e.g. {% value "example.py" scores.relu %}')
    name, dotted = positional
    value = snippet_run(name, runs).results
    for part in dotted.split("."):
        if isinstance(value, list) and part.lstrip("-").isdigit() and -len(value) <= int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            raise ValueError(f"{name} has no result {dotted!r} (stuck at {part!r})")
    if isinstance(value, (dict, list)):
        raise ValueError(f"{name}: {dotted!r} is a {type(value).__name__}, not a single value")
    spec = options.get("format", "")
    return format(value, spec) if spec and isinstance(value, (int, float)) else str(value)


def render_verdict(args: list[str], runs: dict) -> tuple[str, str]:
    """{% verdict "file.py" key %}: (the word, its badge). ``cited`` marks a verdict resting
    on cited sources rather than on a measurement."""
    positional = [a for a in args if a != "cited"]
    if len(positional) != 2:
        raise ValueError('verdict: give the snippet and a key of its verdicts, e.g. {% verdict "example.py" relu_fast %}')
    word = render_value([positional[0], f"verdicts.{positional[1]}"], runs)
    return word, verdict_badge(word, cited="cited" in args)


def verdict_badge(word: str, cited: bool = False) -> str:
    if word not in VERDICTS:
        raise ValueError(f"{word!r} is not a verdict this site uses ({', '.join(VERDICTS)})")
    icon, css = VERDICTS[word]
    label = f"{word}, cited" if cited else word
    return f'<span class="verdict verdict-{css}">:{icon}:{{ .verdict-icon }} {label}</span>'


def render_verdict_counts(words: list[str]) -> str:
    """How many verdicts of each kind follow, as one line of badges."""
    if not words:
        raise ValueError("verdict_counts: no {% verdict %} follows it")
    parts = [f"{words.count(word)} {verdict_badge(word)}" for word in VERDICTS if word in words]
    return f"{len(words)} verdicts: " + " · ".join(parts) + "\n{: .verdict-counts }"
