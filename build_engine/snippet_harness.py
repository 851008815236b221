"""Run one snippet, cell by cell, and write everything it produced to a folder.

Usage (the runner starts this in a fresh process for every snippet):

    python build_engine/snippet_harness.py SNIPPET OUT_DIR PROJECT_ROOT

The snippet file is executed unchanged, top to bottom, in a ``__main__`` module,
exactly as ``python SNIPPET`` would, with matplotlib on the headless Agg backend.
Its ``# %%`` cells are executed one after another so that each cell's printed
output and figures can be attached to it, which gives an executed notebook for
free: the snippet is never run a second time to make one.

Written to OUT_DIR:

* ``figure-N.svg``    every figure, in creation order (captured and closed at the
                      end of the cell that made it, as in Jupyter), byte-stable;
* ``thumbnail.png``   the first figure, small, for the example gallery, byte-stable;
* ``stdout.txt``      everything the snippet printed;
* ``tables.json``     every module-level ``*_table`` variable (a list of dicts);
* ``results.json``    every module-level variable that is plain data (numbers,
                      strings, small arrays, lists and dicts of them);
* ``STEM.ipynb``      the executed notebook;
* ``deps.json``       files under PROJECT_ROOT that the snippet imported or read.

On an exception the traceback goes to stderr and the exit status is 1.
"""

from __future__ import annotations

import ast
import builtins
import io
import json
import os
import re
import sys
import traceback
import types
from pathlib import Path

SVG_HASH_SALT = "activation-functions-measured"
MAX_ARRAY_SIZE = 10_000
CELL_MARKER = re.compile(r"^# %%")
THUMBNAIL = "thumbnail.png"
THUMBNAIL_WIDTH = 320  # px: about a gallery card's width
# A palette PNG: about a third of the bytes of full colour, with no loss visible at this size.
THUMBNAIL_COLOURS = 64


def split_cells(source: str) -> tuple[str | None, list[tuple[int, str]]]:
    """Return (docstring, [(first_line_number, cell_source), ...])."""
    lines = source.splitlines(keepends=True)
    module = ast.parse(source)
    docstring = ast.get_docstring(module)
    start = 0
    if docstring is not None:
        start = module.body[0].end_lineno  # first line after the docstring
    markers = [i for i, line in enumerate(lines) if CELL_MARKER.match(line)]
    bounds = [start] + [m for m in markers if m >= start] + [len(lines)]
    cells = []
    for begin, end in zip(bounds, bounds[1:]):
        text = "".join(lines[begin:end])
        if text.strip():
            cells.append((begin + 1, text))
    return docstring, cells


class Tee(io.TextIOBase):
    """Write to the real stream and to a per-cell buffer."""

    def __init__(self, stream):
        self.stream = stream
        self.buffer_ = io.StringIO()

    def write(self, text):
        self.stream.write(text)
        return self.buffer_.write(text)

    def flush(self):
        self.stream.flush()

    def take(self) -> str:
        text = self.buffer_.getvalue()
        self.buffer_ = io.StringIO()
        return text


def to_plain_data(value):
    """Convert a value to JSON-able data, or raise TypeError."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if type(value).__module__ == "numpy":
        if getattr(value, "ndim", 0) == 0 and hasattr(value, "item"):
            return to_plain_data(value.item())
        if getattr(value, "size", MAX_ARRAY_SIZE + 1) <= MAX_ARRAY_SIZE and value.dtype.kind in "biuf":
            return value.tolist()
        raise TypeError("array too large or not numeric")
    if isinstance(value, (list, tuple)):
        return [to_plain_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain_data(v) for k, v in value.items() if isinstance(k, (str, int, float, bool))}
    raise TypeError(type(value).__name__)


def check_table(name: str, value) -> list[dict]:
    if not (isinstance(value, list) and value and all(isinstance(row, dict) for row in value)):
        raise TypeError(f"{name} must be a non-empty list of dicts (one dict per row)")
    columns = list(value[0])
    for row in value:
        if list(row) != columns:
            raise TypeError(f"{name}: every row must have the same columns in the same order")
    return [{str(k): str(v) for k, v in row.items()} for row in value]


def save_thumbnail(figure, path: Path) -> None:
    """The figure as a PNG THUMBNAIL_WIDTH pixels wide, byte-stable. Drawn at twice that
    width and scaled down: drawn small, its lines and text come out too heavy to read."""
    import matplotlib
    from PIL import Image

    inches = figure.get_tightbbox().width + 2 * matplotlib.rcParams["savefig.pad_inches"]  # as bbox_inches="tight"
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=2 * THUMBNAIL_WIDTH / inches, bbox_inches="tight", metadata={"Software": None})
    image = Image.open(buffer).convert("RGB")
    image = image.resize((THUMBNAIL_WIDTH, round(image.height * THUMBNAIL_WIDTH / image.width)), Image.Resampling.LANCZOS)
    image = image.quantize(THUMBNAIL_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    image.save(path, format="png", optimize=True)


def main(snippet: Path, out_dir: Path, project_root: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    source = snippet.read_text(encoding="utf-8")
    docstring, cells = split_cells(source)

    # Record the project files the snippet opens or imports (for the cache).
    excluded = [Path(p).resolve() for p in {sys.prefix, sys.base_prefix}] + [out_dir.resolve()]
    touched: set[Path] = set()

    def audit(event, args):
        if event == "open" and args and isinstance(args[0], str):
            path = Path(os.path.abspath(args[0]))
            if (
                path.is_relative_to(project_root)
                and "__pycache__" not in path.parts
                and not any(path.is_relative_to(e) for e in excluded)
            ):
                touched.add(path)

    sys.addaudithook(audit)

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = SVG_HASH_SALT  # stable ids: same figure, same bytes
    matplotlib.rcParams["svg.fonttype"] = "none"  # text as text, not glyph outlines: a third of the size

    sys.argv = [str(snippet)]
    sys.path[0] = str(snippet.parent)  # as `python SNIPPET` would have it
    module = types.ModuleType("__main__")
    module.__dict__.update(__file__=str(snippet), __doc__=docstring, __builtins__=builtins)
    sys.modules["__main__"] = module

    real_stdout = sys.stdout
    tee = Tee(real_stdout)
    sys.stdout = tee
    nb_cells = []
    if docstring:
        nb_cells.append({"cell_type": "markdown", "id": "cell-0", "metadata": {}, "source": docstring.splitlines(keepends=True)})
    figure_count = 0
    try:
        for number, (first_line, cell_source) in enumerate(cells, start=1):
            code = compile("\n" * (first_line - 1) + cell_source, str(snippet), "exec")
            exec(code, module.__dict__)
            outputs = []
            printed = tee.take()
            if printed:
                outputs.append({"output_type": "stream", "name": "stdout", "text": printed.splitlines(keepends=True)})
            for num in plt.get_fignums():
                figure = plt.figure(num)
                buffer = io.BytesIO()
                figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
                figure_count += 1
                if figure_count == 1:
                    save_thumbnail(figure, out_dir / THUMBNAIL)
                plt.close(figure)
                svg = buffer.getvalue()
                (out_dir / f"figure-{figure_count}.svg").write_bytes(svg)
                outputs.append(
                    {
                        "output_type": "display_data",
                        "data": {"image/svg+xml": svg.decode("utf-8"), "text/plain": f"<Figure {figure_count}>"},
                        "metadata": {},
                    }
                )
            nb_cells.append(
                {
                    "cell_type": "code",
                    "execution_count": number,
                    "id": f"cell-{number}",
                    "metadata": {},
                    "outputs": outputs,
                    "source": cell_source.rstrip("\n").splitlines(keepends=True),
                }
            )
    except BaseException:
        sys.stdout = real_stdout
        traceback.print_exc()
        return 1
    finally:
        sys.stdout = real_stdout

    stdout_text = "".join("".join(o["text"]) for c in nb_cells for o in c.get("outputs", []) if o["output_type"] == "stream")
    (out_dir / "stdout.txt").write_text(stdout_text, encoding="utf-8")

    tables, results = {}, {}
    for name, value in module.__dict__.items():
        if name.startswith("_") or isinstance(value, types.ModuleType):
            continue
        if name.endswith("_table") and not callable(value):
            try:
                tables[name] = check_table(name, value)
            except TypeError as error:
                print(f"{snippet.name}: {error}", file=sys.stderr)
                return 1
        try:
            results[name] = to_plain_data(value)
        except TypeError:
            pass
    (out_dir / "tables.json").write_text(json.dumps(tables, indent=1, ensure_ascii=False), encoding="utf-8")
    (out_dir / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")

    notebook = {
        "cells": nb_cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (out_dir / f"{snippet.stem}.ipynb").write_text(json.dumps(notebook, indent=1, ensure_ascii=False), encoding="utf-8")

    deps = sorted(str(p.relative_to(project_root)) for p in touched if p != snippet and p.is_file())
    (out_dir / "deps.json").write_text(json.dumps(deps, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    snippet_arg, out_arg, root_arg = sys.argv[1:4]
    sys.exit(main(Path(snippet_arg).resolve(), Path(out_arg).resolve(), Path(root_arg).resolve()))
