"""The example gallery: the files every snippet adds to the site, and its index page.

Under ``examples/`` each snippet gets ``NAME.py`` (the download), ``NAME.ipynb`` (the
executed notebook, which mkdocs-jupyter turns into the page ``examples/NAME/``) and its
figures, ``NAME/figure-N.svg``; ``examples/index.md`` lists them all.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from layout import EXAMPLES_DIR


def example_files(runs: dict, staging: Path) -> list[tuple[str, Path]]:
    """(path on the site, file) for every file the snippets add.

    mkdocs-jupyter reads a notebook from its page's ``src_dir/src_uri``, so each notebook
    is copied under ``staging`` (rewritten only when it changed)."""
    files = []
    for run in runs.values():
        stem = run.path.stem
        files.append((f"{EXAMPLES_DIR}/{run.name}", run.path))
        staged = staging / EXAMPLES_DIR / run.notebook.name
        if not staged.is_file() or staged.read_bytes() != run.notebook.read_bytes():
            staged.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(run.notebook, staged)
        files.append((f"{EXAMPLES_DIR}/{run.notebook.name}", staged))
        files += [(f"{EXAMPLES_DIR}/{stem}/{figure.name}", figure) for figure in run.figures]
    return files


def gallery_markdown(runs: dict) -> str:
    """``examples/index.md``: each snippet's title and purpose, with its links."""
    lines = [
        "# Example gallery",
        "",
        "Every example on this site is one standalone script in `snippets/`. The build ran each",
        "of them; below, each one as an executed notebook, and as files to download.",
        "",
    ]
    for run in runs.values():
        title, purpose = docstring_parts(run.path.read_text(encoding="utf-8"), run.path.stem)
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


def docstring_parts(source: str, default_title: str) -> tuple[str, str]:
    """The title and first paragraph of a snippet's docstring."""
    doc = ast.get_docstring(ast.parse(source)) or default_title
    paragraphs = [p.strip() for p in doc.split("\n\n") if p.strip()]
    title = paragraphs[0].splitlines()[0].strip()
    return title, " ".join(paragraphs[1].split()) if len(paragraphs) > 1 else ""
