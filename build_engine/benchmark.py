"""Measure the build engine: cold build, warm rebuild, render only, and one edit.

    python build_engine/benchmark.py

Prints, from one run on this machine:

* the sum of standalone snippet times (``python snippets/X.py`` one after another);
* a cold build (snippet and notebook caches emptied first);
* a warm rebuild (every snippet cached: the engine still checks every cache key);
* a render-only build (cached outputs loaded without any check, ``SNIPPETS_RENDER_ONLY=1``);
* a build after editing one leaf snippet, and which snippets it re-ran;

and the ratios, against the targets warm/render-only ≤ 1.15 and cold/Σ ≤ 0.75. It
empties the project's caches and leaves them warm. Exit status 1 if a target is missed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build_engine"))
import snippet_runner  # noqa: E402

EDITED_SNIPPET = "identity_is_least_squares.py"  # imported by no other snippet
WARM_TARGET = 1.15
COLD_TARGET = 0.75
REPEATS = 3  # warm and render-only builds: best of three


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
        cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        sys.exit(f"build failed:\n{process.stderr}")
    return seconds, process.stderr


def main() -> int:
    snippets = snippet_runner.discover(ROOT / "snippets")
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

        edited = ROOT / "snippets" / EDITED_SNIPPET
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
        ("warm rebuild (best of 3)", warm),
        ("render only (best of 3)", render_only),
        (f"after editing {EDITED_SNIPPET}", one_edit),
    ]
    print()
    for label, seconds in rows:
        print(f"{label:<45} {seconds:8.1f} s")
    warm_ratio, cold_ratio = warm / render_only, cold / total
    print(f"{'warm / render only':<45} {warm_ratio:8.2f}   (target ≤ {WARM_TARGET})")
    print(f"{'cold / Σ standalone':<45} {cold_ratio:8.2f}   (target ≤ {COLD_TARGET})")
    print(f"{'re-run after one edit':<45} {', '.join(rerun) or 'nothing'}   (target: {EDITED_SNIPPET} only)")
    met = warm_ratio <= WARM_TARGET and cold_ratio <= COLD_TARGET and rerun == [EDITED_SNIPPET]
    print("all targets met" if met else "TARGET MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
