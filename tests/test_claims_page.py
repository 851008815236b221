"""The Claims page and the regenerated tables: every verdict shown is pinned by a test.

Reads the Markdown of docs/claims.md, docs/flow/summary.md and docs/relu/vs-others.md:
each verdict they show ({% value "X.py" verdicts.KEY %}) must be asserted by some
test in tests/ (its key appears in a test that reads that snippet's results), and each
test the Claims page names must exist and mention the verdict it is said to pin.
"""

from __future__ import annotations

import ast
import re

import pytest

from project_paths import ROOT

VERDICT = re.compile(r'\{%\s*value\s+"([^"]+)"\s+verdicts\.(\w+)\s*%\}')
PINNED_BY = re.compile(r"pinned by `(test_\w+)` in `(tests/test_\w+\.py)`")
PAGES = ["docs/claims.md", "docs/flow/summary.md", "docs/relu/vs-others.md"]
ALLOWED = {"confirmed", "nuanced", "contradicted"}


def all_test_functions() -> dict[str, str]:
    """Every test function's source, keyed by 'tests/file.py::name'."""
    found = {}
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                found[f"tests/{path.name}::{node.name}"] = ast.get_source_segment(source, node)
    return found


TESTS = all_test_functions()


def claim_items() -> list[str]:
    """The numbered items of the Claims page, one string each."""
    text = (ROOT / "docs/claims.md").read_text(encoding="utf-8")
    return [m.group(0) for m in re.finditer(r"^\d+\. .*?(?=^\d+\. |^#|\Z)", text, re.S | re.M)]


def test_the_claims_page_lists_at_least_20_claims():
    assert len(claim_items()) >= 20


@pytest.mark.parametrize("item", claim_items(), ids=lambda item: item.split(".")[0])
def test_each_claim_has_a_verdict_evidence_and_an_existing_test_that_pins_it(item):
    verdicts = VERDICT.findall(item)
    assert verdicts, "no measured verdict"
    assert "[Evidence](" in item
    pinned = PINNED_BY.findall(item)
    assert pinned, "no test named"
    for name, path in pinned:
        source = TESTS.get(f"{path}::{name}")
        assert source, f"{path}::{name} does not exist"
        for snippet, key in verdicts:
            assert f'"{key}"' in source or f"'{key}'" in source, f"{name} does not pin verdicts.{key}"


@pytest.mark.parametrize("page", PAGES)
def test_every_verdict_on_the_page_is_pinned_by_some_test(page, results):
    text = (ROOT / page).read_text(encoding="utf-8")
    shown = set(VERDICT.findall(text))
    assert shown, f"{page} shows no verdicts"
    for snippet, key in shown:
        value = results(snippet)["verdicts"][key]
        assert value in ALLOWED, f"{snippet} verdicts.{key} = {value!r}"
        pinning = [
            name for name, source in TESTS.items()
            if (f'"{key}"' in source or f"'{key}'" in source) and "verdicts" in source
        ]
        assert pinning, f"no test pins {snippet} verdicts.{key}"
