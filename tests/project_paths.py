"""Where things are, for the tests (imported by name: two conftest.py files exist)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build_engine"))

import snippet_runner  # noqa: E402

SNIPPETS = snippet_runner.discover(ROOT / "snippets")
CACHE_DIR = ROOT / ".cache" / "snippets"
