"""Every file in snippets/ is found, run, and held to the snippet conventions.

New snippets are picked up without editing this file.
"""

from __future__ import annotations

import ast
import io
import os
import re
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import snippet_runner
import take_home
from project_paths import ROOT, SNIPPETS

ALLOWED_IMPORTS = {"numpy", "sklearn", "matplotlib", "activations"} | set(sys.stdlib_module_names)
ids = [p.name for p in SNIPPETS]


def test_snippets_are_discovered():
    assert len(SNIPPETS) >= 1
    assert all(p.parent == ROOT / "snippets" for p in SNIPPETS)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=ids)
def test_runs_in_the_build_engine_and_produces_output(snippet, snippet_runs):
    runs, failures = snippet_runs
    assert snippet.name not in failures, failures.get(snippet.name)
    run = runs[snippet.name]
    assert run.figures or run.tables or run.stdout.strip(), f"{snippet.name} produced no figure, table or output"
    for figure in run.figures:
        assert figure.stat().st_size > 1000, f"{figure} is (nearly) empty"


@pytest.fixture(scope="session")
def standalone_runs(tmp_path_factory, snippet_runs) -> dict[str, subprocess.CompletedProcess]:
    """Each example as a reader takes it home: the download (the ``.py``, or the zip that
    holds it with the helpers it imports) in an empty folder, run with ``python NAME.py``."""
    runs, _ = snippet_runs
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(snippet_runner.SINGLE_THREAD_ENV, MPLBACKEND="Agg")

    def run(snippet: Path) -> subprocess.CompletedProcess:
        home = tmp_path_factory.mktemp(snippet.stem)
        if snippet.name in runs and take_home.helpers(runs[snippet.name], runs):
            zipfile.ZipFile(io.BytesIO(take_home.zip_bytes(runs[snippet.name], runs))).extractall(home)
            home = home / snippet.stem
        else:
            (home / snippet.name).write_bytes(snippet.read_bytes())
        return subprocess.run(
            [sys.executable, snippet.name], cwd=home, env=env, capture_output=True, text=True,
            timeout=snippet_runner.TIMEOUT_S,
        )

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return dict(zip(ids, pool.map(run, SNIPPETS)))


@pytest.mark.parametrize("snippet", SNIPPETS, ids=ids)
def test_a_downloaded_example_runs_in_an_empty_folder(snippet, standalone_runs):
    process = standalone_runs[snippet.name]
    assert process.returncode == 0, f"python {snippet.name} failed:\n{process.stderr}"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=ids)
def test_imports_only_numpy_sklearn_matplotlib(snippet):
    extra = take_home.imported_modules(snippet.read_text(encoding="utf-8")) - ALLOWED_IMPORTS
    assert not extra, f"{snippet.name} imports {sorted(extra)}"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=ids)
def test_follows_the_gallery_style(snippet):
    source = snippet.read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstring = ast.get_docstring(tree)
    assert docstring, "needs a docstring: title, then a paragraph"
    title, underline, *rest = docstring.splitlines()
    assert set(underline) == {"="} and len(underline) >= len(title), "title underlined with ==="
    assert any(line.strip() for line in rest), "a paragraph saying what the example shows"
    assert "\n# %%" in source, "split into # %% cells"
    for plumbing in ("matplotlib.use(", "os.environ", "savefig(", "MPLBACKEND"):
        assert plumbing not in source, f"build plumbing in a snippet: {plumbing}"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=ids)
def test_estimators_get_keyword_arguments_only(snippet):
    """scikit-learn 1.9's MLPRegressor takes `loss` first: positional arguments mislead."""
    tree = ast.parse(snippet.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")).startswith("MLP"):
            assert not node.args, f"line {node.lineno}: pass every MLP argument by keyword"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=ids)
def test_every_cell_opens_with_a_heading(snippet):
    """As in scikit-learn's gallery: a heading names the step, and an excerpt is picked by it."""
    lines = snippet.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if line.startswith("# %%"):
            heading, underline = (lines[number:number + 2] + ["", ""])[:2]
            assert heading.startswith("# ") and heading[2:].strip(), f"line {number}: a cell opens with '# Heading'"
            assert re.fullmatch(r"# -+", underline) and len(underline) >= len(heading), (
                f"line {number + 2}: underline the heading with dashes as long as it"
            )
