"""Score every page of the site with Lighthouse 12 (mobile) and check the targets.

    python scripts/lighthouse.py            # build, serve, score every page
    python scripts/lighthouse.py --pages "" relu/   # only these pages (URLs relative to the site)

Builds the site with ``mkdocs build --strict`` into a temporary folder, with
``SITE_URL`` set to the local address it is then served at (under
``/activation-functions/``, gzip-compressed as GitHub Pages serves it), and runs
Lighthouse (``npx --yes lighthouse@12.2.3``, Node 20, Debian's Chromium via
``CHROME_PATH=/usr/bin/chromium``) on every HTML page, one at a time, with the mobile
form factor and its default simulated throttling, three times (``--runs``), keeping the
run with the median performance score, as Lighthouse's documentation advises: one run's
timings swing with whatever else the machine does. Prints one table row per page: the
four category scores (and the range of performance over the runs) and the bytes the
page transferred (Lighthouse's ``total-byte-weight``, figures included), then every
audit that cost a point.

Exits 1 if a target is missed: accessibility, best practices and SEO 1.00 on every page,
performance at least 0.90, and at most 600 KB transferred by each chapter page.
The JSON reports are kept in ``test-artifacts/lighthouse/``.

Performance is measured on this machine: with other heavy processes running, the
simulated timings come out slower, so run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from site_server import CHROMIUM, SUBPATH, serve_site

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ["npx", "--yes", "lighthouse@12.2.3"]
# PaintHolding off: with it, headless Chromium here held back the first frame of a page
# opened from about:blank for 1-2 s at random, and the score swung with it.
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
                " --disable-features=PaintHolding")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 0.90, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
WEIGHT_BUDGET = 600 * 1024
REPORTS = ROOT / "test-artifacts" / "lighthouse"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(site: Path, site_url: str) -> None:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if process.returncode:
        sys.exit(f"mkdocs build --strict failed:\n{process.stdout}{process.stderr}")


def pages_of(site: Path) -> list[str]:
    pages = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        pages.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return pages


def is_chapter(page: str) -> bool:
    return not page.startswith("examples/") and page != "404.html"


def lighthouse(url: str, report: Path, cpu_slowdown: float) -> dict:
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    process = subprocess.run(
        [*LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
         "--max-wait-for-load=60000", f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}"],
        env=env, capture_output=True, text=True,
    )
    if process.returncode or not report.is_file():
        sys.exit(f"lighthouse failed on {url}:\n{process.stdout[-3000:]}{process.stderr[-3000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def median_run(results: list[dict]) -> dict:
    """The run with the median performance score (the lower middle one of an even count)."""
    ranked = sorted(results, key=lambda r: r["categories"]["performance"]["score"])
    return ranked[(len(ranked) - 1) // 2]


def lost_points(result: dict) -> list[str]:
    """Every scored audit below full marks, by category."""
    lines = []
    for name, category in result["categories"].items():
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                lines.append(f"{name}: {ref['id']} {audit['score']:.2f}{value} - {audit['title']}")
    # Such as "The tested device appears to have a slower CPU than Lighthouse expects"
    # (benchmarkIndex below 1000), which Lighthouse adds when this machine was slow.
    lines += [f"Lighthouse warned: {' '.join(warning.split())}" for warning in result.get("runWarnings", [])]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", nargs="*", help="pages to score, relative to the site root (default: all)")
    parser.add_argument("--runs", type=int, default=3,
                        help="Lighthouse runs per page (default 3); a page's figures are those of the run "
                             "with the median performance score, as Lighthouse's docs advise, since one "
                             "run's timings vary with what else the machine is doing")
    parser.add_argument("--cpu-slowdown", type=float, default=4,
                        help="Lighthouse's CPU throttling (default 4, its mobile setting, calibrated for a fast "
                             "desktop; the report's benchmarkIndex says how fast this machine was)")
    args = parser.parse_args()
    if not shutil.which("npx"):
        sys.exit("npx (Node.js 20 and npm) is needed: apt-get install nodejs npm")
    if not CHROMIUM.exists():
        sys.exit("Debian's chromium is needed: apt-get install chromium")

    port = free_port()
    base = f"http://127.0.0.1:{port}{SUBPATH}"
    REPORTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lighthouse-site-") as folder:
        site = Path(folder)
        build(site, base)
        pages = args.pages if args.pages is not None else pages_of(site)
        rows, problems = [], []
        with serve_site(site, port=port, compress=True):
            for page in pages:
                name = page.rstrip("/") or "home"
                report = REPORTS / (name.replace("/", "_") + ".json")
                results = [lighthouse(base + page, report, args.cpu_slowdown) for _ in range(max(1, args.runs))]
                performances = sorted(r["categories"]["performance"]["score"] for r in results)
                result = median_run(results)
                report.write_text(json.dumps(result), encoding="utf-8")
                scores = {c: result["categories"][c]["score"] for c in CATEGORIES}
                weight = result["audits"]["total-byte-weight"]["numericValue"]
                benchmark = result["environment"]["benchmarkIndex"]
                spread = f"{performances[0]:.2f}-{performances[-1]:.2f}"
                rows.append((name, scores, spread, weight, benchmark))
                missed = [f"{c} {scores[c]:.2f} < {TARGETS[c]:.2f}" for c in CATEGORIES if scores[c] < TARGETS[c]]
                if is_chapter(page) and weight > WEIGHT_BUDGET:
                    missed.append(f"transfers {weight / 1024:.0f} KB > 600 KB")
                if missed:
                    problems.append((name, missed, lost_points(result)))
                print(f"  {name}: " + " ".join(f"{c}={s:.2f}" for c, s in scores.items())
                      + f" (performance over {len(results)} runs: {spread}) {weight / 1024:.0f} KB "
                      f"benchmarkIndex={benchmark:.0f}", file=sys.stderr, flush=True)

    print("\n| page | performance | (all runs) | accessibility | best practices | SEO | transferred | benchmarkIndex |")
    print("|---|---|---|---|---|---|---|---|")
    for name, scores, spread, weight, benchmark in rows:
        print(f"| {name} | {scores['performance']:.2f} | {spread} | "
              + " | ".join(f"{scores[c]:.2f}" for c in CATEGORIES[1:])
              + f" | {weight / 1024:.0f} KB | {benchmark:.0f} |")
    for name, missed, lines in problems:
        print(f"\n{name}: " + "; ".join(missed))
        for line in lines:
            print("  " + line)
    print(f"\n{len(rows) - len(problems)} of {len(rows)} pages meet every target.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
