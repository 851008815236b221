"""The example gallery: the files every snippet adds to the site, and its index page.

Under ``examples/`` each snippet gets ``NAME.py`` (the download), ``NAME.ipynb`` (the
executed notebook, which mkdocs-jupyter turns into the page ``examples/NAME/``), its
figures ``NAME/figure-N.svg`` and the first one's thumbnail ``NAME/thumbnail.png``; one
that imports another snippet, as many import ``activations.py``, also gets ``NAME.zip``
holding both (:mod:`take_home`).

``examples/index.md`` shows every snippet as a card (Material's grid cards): its
thumbnail, title, downloads and runtime, linked to its executed notebook. The cards are
grouped by chapter, the first page in the navigation's order that places one of the
snippet's outputs with a directive; a snippet no page places comes last.
"""

from __future__ import annotations

import ast
import posixpath
import re
import struct
from html import escape
from pathlib import Path

import directives
import take_home
from layout import EXAMPLES_DIR
from snippet_harness import THUMBNAIL

UNPLACED = "Not shown in a chapter"
HEADING = re.compile(r"^#\s+(.*?)\s*#*\s*$")
SNIPPET_NAME = re.compile(r'^\s*"?([^"\s]+)')


def example_files(runs: dict, staging: Path) -> list[tuple[str, Path]]:
    """(path on the site, file) for every file the snippets add.

    mkdocs-jupyter reads a notebook from its page's ``src_dir/src_uri``, so each notebook
    is copied under ``staging``; the zips are written there too."""
    files = []
    for run in runs.values():
        stem = run.path.stem
        files.append((f"{EXAMPLES_DIR}/{run.name}", run.path))
        files.append((f"{EXAMPLES_DIR}/{run.notebook.name}", staged(staging, run.notebook.name, run.notebook.read_bytes())))
        files += [(f"{EXAMPLES_DIR}/{stem}/{figure.name}", figure) for figure in run.figures]
        if (run.out_dir / THUMBNAIL).is_file():
            files.append((f"{EXAMPLES_DIR}/{stem}/{THUMBNAIL}", run.out_dir / THUMBNAIL))
        if take_home.helpers(run, runs):
            name = take_home.zip_name(run)
            files.append((f"{EXAMPLES_DIR}/{name}", staged(staging, name, take_home.zip_bytes(run, runs))))
    return files


def staged(staging: Path, name: str, data: bytes) -> Path:
    """``data`` as ``staging/examples/name``, rewritten only when it changed."""
    path = staging / EXAMPLES_DIR / name
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(path)
    return path


def gallery_markdown(runs: dict, nav=None, pages: list[tuple[str, str, int]] = (), alts: dict | None = None) -> str:
    """``examples/index.md``: a card per snippet, grouped by chapter.

    ``nav`` is MkDocs' ``config["nav"]`` (None: the pages in file order); ``pages`` is
    ``(path under docs/, markdown, first line)`` of every page; ``alts`` the figures'
    alt texts, ``(snippet stem, figure number) -> alt``."""
    chapters = chapter_order(nav, pages)
    placed = first_placements(runs, pages, [uri for uri, _ in chapters])
    where = {name: placed.get(name, (None, 0)) for name in runs}  # (page, line); no page: last, by name
    lines = [
        "# Example gallery",
        "",
        "Every example on this site is one standalone script in `snippets/`, and the build ran",
        "each of them. Each card opens the executed notebook; download the script as `.py` or",
        "the notebook as `.ipynb`. The examples are grouped by the chapter that shows them, in",
        "reading order.",
        "",
    ]
    for uri, title in [*chapters, (None, UNPLACED)]:
        group = sorted((line, name) for name, (page, line) in where.items() if page == uri)
        if not group:
            continue
        lines += [f"## [{title}]({posixpath.relpath(uri, EXAMPLES_DIR)})" if uri else f"## {title}", ""]
        lines += ['<div class="grid cards gallery" markdown>', ""]
        for _, name in group:
            lines += card(runs[name], runs, (alts or {}).get((runs[name].path.stem, 1)))
        lines += ["</div>", ""]
    return "\n".join(lines)


def card(run, runs: dict, alt: str | None) -> list[str]:
    """One card's list item: thumbnail (if the snippet made a figure), title, downloads."""
    stem = run.path.stem
    title, _ = docstring_parts(run.path.read_text(encoding="utf-8"), stem)
    thumbnail = run.out_dir / THUMBNAIL
    item = []
    if alt and thumbnail.is_file():
        width, height = png_size(thumbnail)
        item += [f'![{escape(alt)}]({stem}/{THUMBNAIL}){{ width="{width}" height="{height}" loading="lazy" .gallery-thumb }}', ""]
    item += [f"[{title}]({stem}.ipynb){{ .gallery-title }}", ""]
    # The .ipynb is the copy mkdocs-jupyter writes beside the notebook page (include_source):
    # a raw link, since MkDocs would turn a Markdown link to the notebook into one to its page.
    item += [
        f"Download [`.py`]({run.name}){{ download }} · "
        f'<a href="{stem}/{stem}.ipynb" download><code>.ipynb</code></a> · ran in {run.seconds:.1f} s',
        "{: .gallery-files }",
        "",
    ]
    if needs := take_home.note(run, runs, lambda uri: uri):
        item += [needs, "{: .gallery-files }", ""]
    return [("-   " if number == 0 else "    ") + line if line else "" for number, line in enumerate(item)]


def chapter_order(nav, pages: list[tuple[str, str, int]]) -> list[tuple[str, str]]:
    """(path, first heading) of every page: the navigation's order, then pages it leaves out."""
    listed: list[str] = []

    def walk(items):
        for item in items or []:
            for value in item.values() if isinstance(item, dict) else [item]:
                if isinstance(value, str):
                    listed.append(posixpath.normpath(value))
                else:
                    walk(value)

    walk(nav)
    headings = {uri: first_heading(markdown) or uri for uri, markdown, _ in pages}
    return [(uri, headings[uri]) for uri in dict.fromkeys(listed + list(headings)) if uri in headings]


def first_heading(markdown: str) -> str | None:
    for _, line, fenced in directives.lines_outside_fences(markdown):
        match = None if fenced else HEADING.match(line)
        if match:
            return match.group(1)
    return None


def first_placements(runs: dict, pages, order: list[str]) -> dict[str, tuple[str, int]]:
    """snippet name -> (page, line) of the first directive placing one of its outputs,
    the pages taken in ``order``."""
    by_uri = {uri: (markdown, first_line) for uri, markdown, first_line in pages}
    placed: dict[str, tuple[str, int]] = {}
    for uri in order:
        markdown, first_line = by_uri[uri]
        for number, line, fenced in directives.lines_outside_fences(markdown, first_line):
            match = None if fenced else directives.DIRECTIVE.match(line)
            name = match and SNIPPET_NAME.match(match.group(3))
            if name and name.group(1) in runs:
                placed.setdefault(name.group(1), (uri, number))
    return placed


def png_size(path: Path) -> tuple[int, int]:
    """A PNG's width and height, from its header."""
    with path.open("rb") as handle:
        header = handle.read(24)
    return struct.unpack(">II", header[16:24])


def docstring_parts(source: str, default_title: str) -> tuple[str, str]:
    """The title and first paragraph of a snippet's docstring."""
    doc = ast.get_docstring(ast.parse(source)) or default_title
    paragraphs = [p.strip() for p in doc.split("\n\n") if p.strip()]
    title = paragraphs[0].splitlines()[0].strip()
    return title, " ".join(paragraphs[1].split()) if len(paragraphs) > 1 else ""
