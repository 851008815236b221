"""Run snippets in parallel, each in its own process, with a cache keyed by content.

This is the one place that executes snippets. The MkDocs hook, the tests and the
benchmark all call :func:`run_snippets`.

A snippet's cached outputs are reused only while all of these are unchanged:
its source, every project file it imported or read during its last run, the
harness that runs it and the environment it runs in (``RUN_ENV``), and the
versions of Python, numpy, scikit-learn and matplotlib. Anything else re-runs it;
a failure deletes its cached outputs so that nothing stale can be served.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from importlib.metadata import version
from pathlib import Path
from typing import Callable

ENGINE_DIR = Path(__file__).resolve().parent
HARNESS = ENGINE_DIR / "snippet_harness.py"
_TIMINGS_LOCK = threading.Lock()
DEFAULT_TIMEOUT_S = 900
TIMEOUT_S = float(os.environ.get("SNIPPET_TIMEOUT", DEFAULT_TIMEOUT_S))  # per snippet
SINGLE_THREAD_ENV = {
    name: "1"
    for name in (
        "OMP_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "MKL_NUM_THREADS",
        "BLIS_NUM_THREADS",
        "VECLIB_MAXIMUM_THREADS",
        "NUMEXPR_NUM_THREADS",
    )
}
# The environment a snippet runs in, beyond the caller's.
RUN_ENV = {**SINGLE_THREAD_ENV, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"}
# Bump when the cache folder's layout changes: every snippet then runs again.
CACHE_FORMAT = 1


@functools.cache
def library_versions() -> dict[str, str]:
    """The versions a snippet's outputs depend on (read without importing them)."""
    return {
        "Python": ".".join(map(str, sys.version_info[:3])),
        "numpy": version("numpy"),
        "scikit-learn": version("scikit-learn"),
        "matplotlib": version("matplotlib"),
    }


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_key(snippet: Path) -> str:
    """Hash of what every run of this snippet depends on, known before running it: its
    source, the harness that runs it, the environment it runs in, the library versions.
    (Not this file: editing how runs are scheduled or logged re-runs nothing.)"""
    digest = hashlib.sha256()
    for path in (snippet, HARNESS):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(json.dumps([CACHE_FORMAT, RUN_ENV, library_versions()], sort_keys=True).encode())
    return digest.hexdigest()


@dataclass
class SnippetRun:
    """Everything one snippet produced, read back from its cache folder."""

    path: Path
    out_dir: Path
    status: str  # "ran" or "cached"
    seconds: float  # how long the run that produced these outputs took
    versions: dict[str, str]
    figures: list[Path] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    @cached_property
    def stdout(self) -> str:
        return (self.out_dir / "stdout.txt").read_text(encoding="utf-8")

    @cached_property  # read once per build: a page may quote a snippet hundreds of times
    def tables(self) -> dict[str, list[dict[str, str]]]:
        return json.loads((self.out_dir / "tables.json").read_text(encoding="utf-8"))

    @cached_property
    def results(self) -> dict:
        return json.loads((self.out_dir / "results.json").read_text(encoding="utf-8"))

    @property
    def notebook(self) -> Path:
        return self.out_dir / f"{self.path.stem}.ipynb"

    def load(self) -> "SnippetRun":
        """Read the printed output, tables and results now: another build may replace
        this cache folder as soon as the cache lock is released."""
        self.stdout, self.tables, self.results  # noqa: B018 - read for their caching
        return self


class SnippetFailure(Exception):
    """One or more snippets raised, hung or could not be run."""

    def __init__(self, failures: dict[str, str], runs: dict[str, "SnippetRun"]):
        self.failures = failures
        self.runs = runs  # the snippets that did succeed
        details = "\n\n".join(f"--- {name} ---\n{message.rstrip()}" for name, message in failures.items())
        super().__init__(f"{len(failures)} snippet(s) failed: {', '.join(failures)}\n\n{details}")


def discover(snippet_dir: Path) -> list[Path]:
    """Every snippet: each ``*.py`` file in the folder (not in sub-folders)."""
    return sorted(p.resolve() for p in snippet_dir.glob("*.py"))


def _load_cached(snippet: Path, out_dir: Path, project_root: Path, check: bool) -> SnippetRun | None:
    manifest_path = out_dir / "manifest.json"
    if not manifest_path.is_file():
        return None
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if check:
        if manifest["key"] != source_key(snippet):
            return None
        for relative, digest in manifest["deps"].items():
            dep = project_root / relative
            if not dep.is_file() or sha256(dep) != digest:
                return None
    return SnippetRun(
        path=snippet,
        out_dir=out_dir,
        status="cached",
        seconds=manifest["seconds"],
        versions=manifest["versions"],
        figures=[out_dir / name for name in manifest["figures"]],
    )


def _execute(snippet: Path, out_dir: Path, project_root: Path, timeout: float) -> SnippetRun:
    """Run the snippet in a fresh process; on success replace its cache folder."""
    key = source_key(snippet)  # taken before the run: an edit during the run means a re-run next time
    shutil.rmtree(out_dir, ignore_errors=True)  # never leave outputs of an older version behind
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=out_dir.name + ".running-", dir=out_dir.parent))
    workdir = staging / "cwd"  # the snippet runs in an empty directory of its own
    workdir.mkdir()
    env = {**os.environ, **RUN_ENV}
    command = [sys.executable, str(HARNESS), str(snippet), str(staging), str(project_root)]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        shutil.rmtree(staging, ignore_errors=True)
        raise RuntimeError(f"exceeded the time limit of {timeout:g} s and was stopped") from None
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise RuntimeError(f"exited with status {process.returncode}\n{stderr}")
    shutil.rmtree(workdir)
    deps = json.loads((staging / "deps.json").read_text(encoding="utf-8"))
    figures = sorted((p.name for p in staging.glob("figure-*.svg")), key=lambda n: int(n[7:-4]))
    manifest = {
        "key": key,
        "deps": {relative: sha256(project_root / relative) for relative in deps},
        "seconds": round(seconds, 3),
        "versions": library_versions(),
        "figures": figures,
    }
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    shutil.rmtree(out_dir, ignore_errors=True)  # another build may have finished the same snippet meanwhile
    staging.rename(out_dir)
    return SnippetRun(snippet, out_dir, "ran", seconds, manifest["versions"], [out_dir / n for n in figures])


def run_snippets(
    snippets: list[Path],
    cache_dir: Path,
    project_root: Path,
    *,
    force: bool = False,
    trust_cache: bool = False,
    jobs: int | None = None,
    timeout: float | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, SnippetRun]:
    """Run (or load from the cache) every snippet; raise SnippetFailure if any fails.

    ``force`` re-runs everything; ``trust_cache`` loads cached outputs without checking
    that they are current (for measuring render time only, never for publishing).
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(cache_dir / ".lock"):  # a second build (serve + pytest) waits, then finds all cached
        return _run_snippets(snippets, cache_dir, project_root, force, trust_cache, jobs, timeout, log)


@contextmanager
def _exclusive_lock(path: Path):
    try:
        import fcntl
    except ImportError:  # not on POSIX: no locking
        yield
        return
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run_snippets(snippets, cache_dir, project_root, force, trust_cache, jobs, timeout, log):
    timeout = timeout or TIMEOUT_S
    jobs = jobs or os.cpu_count() or 1
    project_root = project_root.resolve()
    started = time.perf_counter()
    runs: dict[str, SnippetRun] = {}
    pending = []
    for snippet in snippets:
        out_dir = cache_dir.resolve() / snippet.stem
        cached = None if force else _load_cached(snippet, out_dir, project_root, check=not trust_cache)
        if cached:
            runs[snippet.name] = cached
            log(f"snippet {snippet.name}: cached (ran in {cached.seconds:.1f} s)")
        else:
            pending.append((snippet, out_dir))
    # Longest first, by the last known runtime, so the pool finishes together.
    pending.sort(key=lambda item: -_last_seconds(item[1]))
    failures: dict[str, str] = {}

    def work(item):
        snippet, out_dir = item
        try:
            run = _execute(snippet, out_dir, project_root, timeout)
        except Exception as error:  # noqa: BLE001 - reported below with the snippet's name
            failures[snippet.name] = str(error)
            log(f"snippet {snippet.name}: FAILED")
            return
        _remember_seconds(out_dir, run.seconds)
        runs[snippet.name] = run
        log(f"snippet {snippet.name}: ran in {run.seconds:.1f} s")

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(work, pending))
    ran = sum(run.status == "ran" for run in runs.values())
    log(
        f"snippets: {ran} ran, {len(runs) - ran} cached, {len(failures)} failed "
        f"in {time.perf_counter() - started:.1f} s ({jobs} in parallel)"
    )
    for run in runs.values():
        run.load()
    if failures:
        raise SnippetFailure(failures, runs)
    return {snippet.name: runs[snippet.name] for snippet in snippets}


def _timings_file(out_dir: Path) -> Path:
    return out_dir.parent / "timings.json"


def _last_seconds(out_dir: Path) -> float:
    try:
        return json.loads(_timings_file(out_dir).read_text())[out_dir.name]
    except (OSError, ValueError, KeyError):
        return 0.0


def _remember_seconds(out_dir: Path, seconds: float) -> None:
    path = _timings_file(out_dir)
    with _TIMINGS_LOCK:
        try:
            timings = json.loads(path.read_text())
        except (OSError, ValueError):
            timings = {}
        timings[out_dir.name] = round(seconds, 3)
        path.write_text(json.dumps(timings, indent=1, sort_keys=True))
