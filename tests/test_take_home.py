"""A reader who downloads an example can run it in an empty folder.

Each snippet states what it needs in an inline script metadata block (PEP 723), which
`uv run example.py` and `pipx run example.py` read: the Python and the exact library
versions this site was built with, the same pins as requirements.txt.
"""

from __future__ import annotations

import re
import tomllib

import pytest
from take_home import imported_modules

from project_paths import ROOT, SNIPPETS

# The reference regular expression of PEP 723 (packaging.python.org, inline script metadata).
METADATA = re.compile(r"(?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\s(?P<content>(^#(| .*)$\s)+)^# ///$")
# import name -> distribution name
LIBRARIES = {"numpy": "numpy", "sklearn": "scikit-learn", "matplotlib": "matplotlib"}


def pins() -> dict[str, str]:
    found = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9_.-]+)==([^\s#]+)", line)
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def script_metadata(source: str) -> dict:
    blocks = [m for m in METADATA.finditer(source) if m.group("type") == "script"]
    assert len(blocks) == 1, "one '# /// script' block"
    content = "".join(line[2:] if line.startswith("# ") else line[1:] for line in blocks[0].group("content").splitlines(True))
    return tomllib.loads(content)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[p.name for p in SNIPPETS])
def test_states_the_versions_it_was_built_with(snippet):
    source = snippet.read_text(encoding="utf-8")
    metadata = script_metadata(source)
    assert metadata["requires-python"] == ">=3.11"
    needs = {LIBRARIES[name] for name in imported_modules(source) if name in LIBRARIES}
    if "activations" in imported_modules(source):  # what activations.py imports comes along
        needs |= {"numpy"}
    pinned = pins()
    assert sorted(metadata["dependencies"]) == sorted(f"{name}=={pinned[name]}" for name in needs)


def test_the_check_reads_a_block_as_pep_723_does():
    source = '# /// script\n# requires-python = ">=3.11"\n# dependencies = [\n#   "numpy==1",\n# ]\n# ///\n"""Doc."""\n'
    assert script_metadata(source) == {"requires-python": ">=3.11", "dependencies": ["numpy==1"]}
