"""Shared fixtures: every snippet is run once per test session, through the build engine.

The runs go through the same runner and cache as ``mkdocs build``, so the site-build
test that follows finds every output cached and re-runs nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import snippet_runner
from project_paths import CACHE_DIR, ROOT, SNIPPETS


@pytest.fixture(scope="session")
def snippet_runs() -> tuple[dict, dict]:
    """(runs, failures) for every snippet in snippets/, keyed by file name."""
    try:
        return snippet_runner.run_snippets(SNIPPETS, CACHE_DIR, ROOT), {}
    except snippet_runner.SnippetFailure as failure:
        return failure.runs, failure.failures


@pytest.fixture(scope="session")
def results(snippet_runs):
    """results("name.py") -> the snippet's module-level plain-data variables."""
    runs, failures = snippet_runs

    def get(name: str) -> dict:
        if name in failures:
            pytest.fail(f"{name} failed:\n{failures[name]}")
        return runs[name].results

    return get


@pytest.fixture(scope="session")
def built_site(snippet_runs, tmp_path_factory) -> tuple[Path, str]:
    """Build the real site once with ``mkdocs build --strict``: (site folder, build log).

    Depends on ``snippet_runs`` so that the build finds every snippet cached. Run as the
    README runs it, with Material's MkDocs 2.0 notice turned off.
    """
    site = tmp_path_factory.mktemp("site")
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    log = process.stdout + process.stderr
    assert process.returncode == 0, f"mkdocs build --strict failed:\n{log}"
    return site, log
