"""Measure the build engine.

    python build_engine/benchmark.py              # everything (empties the caches: minutes)
    python build_engine/benchmark.py --warm-only  # the rebuild a writer waits for (seconds)

The rebuild a writer waits for: under ``mkdocs serve``, saving a chapter rebuilds the
whole site in the same process, every snippet cached. Measured the same way (in this
process, after one build to warm the caches), against a plain build of the same pages:
the chapters with their directives already expanded and the generated example files,
copied to a temporary docs folder and built from the same mkdocs.yml without the hook. The
rounds alternate between the two; each reports wall-clock and CPU time (CPU time holds
still on a busy machine), and the ratio of the best of each. Target: engine/plain ≤ 1.3
and the engine's rebuild ≤ 3 s.

The rest, from one run: the sum of standalone snippet times, a cold build (caches
emptied), a warm ``mkdocs build`` (every cache key checked), a render-only build
(``SNIPPETS_RENDER_ONLY=1``: cached outputs loaded without any check), and a build after
editing one leaf snippet with the snippets it re-ran. Targets: warm/render-only ≤ 1.15,
cold/Σ ≤ 0.75, one edit re-runs one snippet. It leaves the caches warm.

Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build_engine"))  # run as a script: the engine's modules are its siblings
import directives  # noqa: E402
import gallery  # noqa: E402
import snippet_runner  # noqa: E402
from layout import CACHE_DIR, EXAMPLES_DIR, SNIPPET_DIR  # noqa: E402

EDITED_SNIPPET = "identity_is_least_squares.py"  # imported by no other snippet
WARM_TARGET = 1.15
COLD_TARGET = 0.75
REBUILD_RATIO_TARGET = 1.3
REBUILD_TARGET_S = 3.0
REPEATS = 3  # subprocess builds: best of three
ROUNDS = 5  # in-process rebuilds, engine and plain alternating


# --- the rebuild a writer waits for ----------------------------------------------------


def plain_docs(workdir: Path) -> Path:
    """A copy of the docs with every directive expanded and every generated file in place."""
    from mkdocs.config import load_config
    from mkdocs.utils.meta import get_data

    runs = snippet_runner.run_snippets(
        snippet_runner.discover(ROOT / SNIPPET_DIR), ROOT / CACHE_DIR, ROOT, log=lambda _: None
    )
    docs = workdir / "docs"
    shutil.copytree(ROOT / "docs", docs)
    pages = []  # (path under docs/, markdown, first line), as the hook collects them
    for page in docs.rglob("*.md"):
        source = page.read_text(encoding="utf-8")
        markdown = get_data(source)[0]
        uri, line = page.relative_to(docs).as_posix(), directives.start_line(markdown, source)
        pages.append((uri, markdown, line))
        page.write_text(source[: len(source) - len(markdown)] + directives.render_page(markdown, runs, uri, line))
    for uri, path in gallery.example_files(runs, workdir / "staging"):
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, docs / uri)
    nav = load_config(str(ROOT / "mkdocs.yml"))["nav"]
    gallery_page = gallery.gallery_markdown(runs, nav, pages, directives.figure_alt_texts(pages, runs))
    (docs / EXAMPLES_DIR / "index.md").write_text(gallery_page, encoding="utf-8")
    return docs


def timed_build(site_dir: Path, cwd: Path, **overrides) -> tuple[float, float]:
    """(wall-clock s, CPU s) of one build of the project's mkdocs.yml (with ``overrides``)
    in this process, as ``mkdocs serve`` rebuilds."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with contextlib.chdir(cwd):  # mkdocs-jupyter keeps its cache under the working directory
        wall, cpu = time.perf_counter(), time.process_time()
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), **overrides))
        return time.perf_counter() - wall, time.process_time() - cpu


def rebuild_against_plain() -> bool:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as temporary:
        workdir = Path(temporary)
        docs = plain_docs(workdir)
        builds = {
            "engine": lambda: timed_build(workdir / "site-engine", ROOT),
            "plain": lambda: timed_build(workdir / "site-plain", workdir, docs_dir=str(docs), hooks=[], watch=[]),
        }
        for build in builds.values():
            build()  # warm every cache, as the first build of a serve session does
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in builds}
        for _ in range(ROUNDS):
            for name, build in builds.items():
                times[name].append(build())
    best = {name: (min(w for w, _ in runs), min(c for _, c in runs)) for name, runs in times.items()}
    print(f"\nRebuild after a prose edit, in-process as under mkdocs serve (best of {ROUNDS}, {os.cpu_count()} cores):")
    for name, (wall, cpu) in best.items():
        print(f"  {name + (' (Material, no hook)' if name == 'plain' else ' (hook)'):<30} {wall:6.2f} s wall {cpu:6.2f} s CPU")
    wall_ratio, cpu_ratio = (best["engine"][i] / best["plain"][i] for i in (0, 1))
    print(f"  {'engine / plain':<30} {wall_ratio:6.2f}   wall {cpu_ratio:6.2f}   CPU   (target ≤ {REBUILD_RATIO_TARGET})")
    print(f"  {'engine rebuild':<30} {best['engine'][0]:6.2f} s wall                (target ≤ {REBUILD_TARGET_S:g} s)")
    return min(wall_ratio, cpu_ratio) <= REBUILD_RATIO_TARGET and best["engine"][0] <= REBUILD_TARGET_S


# --- the rest ---------------------------------------------------------------------------


def standalone_seconds(snippet: Path) -> float:
    env = {**os.environ, **snippet_runner.SINGLE_THREAD_ENV, "MPLBACKEND": "Agg"}
    with tempfile.TemporaryDirectory() as cwd:
        start = time.perf_counter()
        subprocess.run([sys.executable, str(snippet)], cwd=cwd, env=env, check=True, capture_output=True)
        return time.perf_counter() - start


def build(site_dir: str, **env) -> tuple[float, str]:
    start = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site_dir],
        cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        sys.exit(f"build failed:\n{process.stderr}")
    return seconds, process.stderr


def cold_warm_and_one_edit() -> bool:
    snippets = snippet_runner.discover(ROOT / SNIPPET_DIR)
    print(f"{len(snippets)} snippets, {os.cpu_count()} cores")
    times = {}
    for snippet in snippets:
        times[snippet.name] = standalone_seconds(snippet)
        print(f"  standalone {snippet.name}: {times[snippet.name]:.1f} s")
    total = sum(times.values())

    with tempfile.TemporaryDirectory() as site:
        for cache in ("snippets", "notebooks", "mkdocs-jupyter"):
            shutil.rmtree(ROOT / ".cache" / cache, ignore_errors=True)
        cold, _ = build(site)
        warm = min(build(site)[0] for _ in range(REPEATS))
        render_only = min(build(site, SNIPPETS_RENDER_ONLY="1")[0] for _ in range(REPEATS))

        edited = ROOT / SNIPPET_DIR / EDITED_SNIPPET
        original = edited.read_text(encoding="utf-8")
        try:
            edited.write_text(original + "\n# edited by the benchmark\n", encoding="utf-8")
            one_edit, log = build(site)
        finally:
            edited.write_text(original, encoding="utf-8")
        rerun = re.findall(r"snippet (\S+): ran in", log)
        build(site)  # back to the committed version, cache warm again

    rows = [
        ("Σ standalone snippet times", total),
        ("cold build", cold),
        (f"warm mkdocs build (best of {REPEATS})", warm),
        (f"render only (best of {REPEATS})", render_only),
        (f"after editing {EDITED_SNIPPET}", one_edit),
    ]
    print()
    for label, seconds in rows:
        print(f"{label:<45} {seconds:8.1f} s")
    warm_ratio, cold_ratio = warm / render_only, cold / total
    print(f"{'warm / render only':<45} {warm_ratio:8.2f}   (target ≤ {WARM_TARGET})")
    print(f"{'cold / Σ standalone':<45} {cold_ratio:8.2f}   (target ≤ {COLD_TARGET})")
    print(f"{'re-run after one edit':<45} {', '.join(rerun) or 'nothing'}   (target: {EDITED_SNIPPET} only)")
    return warm_ratio <= WARM_TARGET and cold_ratio <= COLD_TARGET and rerun == [EDITED_SNIPPET]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm-only", action="store_true", help="only the rebuild against a plain build")
    met = True if parser.parse_args().warm_only else cold_warm_and_one_edit()
    met = rebuild_against_plain() and met
    print("all targets met" if met else "TARGET MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
