"""Where things are, for the tests (imported by name: two conftest.py files exist).

build_engine/ is on the import path (pytest.ini's pythonpath), as it is for the hook.
"""

from pathlib import Path

import snippet_runner
from layout import CACHE_DIR as CACHE_FOLDER, SNIPPET_DIR

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS = snippet_runner.discover(ROOT / SNIPPET_DIR)
CACHE_DIR = ROOT / CACHE_FOLDER
