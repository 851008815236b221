"""The Claims page and the two table pages: every verdict shown is pinned by a test, and
the Claims page quotes the article's own words, in the article's order.

Reads the Markdown of docs/claims.md, docs/flow/summary.md and docs/relu/vs-others.md,
and of every other page that shows a verdict. Every verdict a page shows, {% verdict "X.py" KEY %} (with ``cited`` when it rests on
sources), must be asserted by some test in tests/; each test the Claims page names must
exist and mention the verdict it is said to pin. The article's words are checked against
tests/article_sentences.txt, its sentences and table cells copied once from the source
(tests never read the source itself).
"""

from __future__ import annotations

import ast
import re

import pytest

from project_paths import ROOT

VERDICT = re.compile(r'\{%\s*verdict\s+"([^"]+)"\s+(\w+)(\s+cited)?\s*%\}')
VALUE_AS_VERDICT = re.compile(r'\{%\s*value\s+"[^"]+"\s+verdicts\.\w+')
# "pinned by `test_a` in `tests/x.py`", or several: "`test_a` and `test_b` in `tests/x.py`".
TEST_OR_FILE = re.compile(r"`(test_\w+)`|`(tests/test_\w+\.py)`")
PAGES = ["docs/claims.md", "docs/flow/summary.md", "docs/relu/vs-others.md"]
# Every page that shows a verdict, the chapters included.
VERDICT_PAGES = sorted(
    path.relative_to(ROOT).as_posix()
    for path in (ROOT / "docs").rglob("*.md")
    if VERDICT.search(path.read_text(encoding="utf-8"))
)
WORDS = {"confirmed", "nuanced", "contradicted", "not supported in this setting", "undecided on this machine"}
# Snippets whose verdicts rest on cited sources: shown with `cited`, and only they are.
CITED_SNIPPETS = {"library_defaults.py"}
ARTICLE_PART, SITE_PART = "## The article's claims", "## The site's own claims"
VERDICT_COLUMN = "| Verdict |"
CELL = re.compile(r'^\d+\. (?P<row>[A-Z][\w ]*?), \*(?P<column>[^*\n]+)\*: \*"(?P<cell>[^\n]+?)"\*')
QUOTE = re.compile(r'\*"(.+?)"\*')
ICONS = {":material-check-circle:{ .mark-yes }": "✅", ":material-close-circle:{ .mark-no }": "❌"}


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
CLAIMS = (ROOT / "docs/claims.md").read_text(encoding="utf-8")


def mentions(source: str, key: str) -> bool:
    return f'"{key}"' in source or f"'{key}'" in source


def part(heading: str) -> str:
    """The text of one part of the Claims page, up to the next level-2 heading."""
    start = CLAIMS.index(heading) + len(heading)
    end = CLAIMS.find("\n## ", start)
    return CLAIMS[start:] if end < 0 else CLAIMS[start:end]


def items(text: str) -> list[str]:
    """The numbered items of a text, one string each."""
    return [m.group(0) for m in re.finditer(r"^\d+\. .*?(?=^\d+\. |^#|\Z)", text, re.S | re.M)]


ARTICLE_ITEMS, SITE_ITEMS = items(part(ARTICLE_PART)), items(part(SITE_PART))


def article_lines() -> list[tuple[bool, str]]:
    """(quoted on the page?, text) for each sentence or cell of the article, in order."""
    lines = (ROOT / "tests/article_sentences.txt").read_text(encoding="utf-8").splitlines()
    return [(line[0] == "+", line[2:]) for line in lines if line[:2] in ("+ ", "- ")]


def quotes(item: str) -> list[str]:
    """The article's words an item quotes: 'row | column | cell' for a table cell."""
    for icon, mark in ICONS.items():
        item = item.replace(icon, mark)
    cell = CELL.match(item)
    if cell:
        return [f"{cell['row']} | {cell['column']} | {cell['cell']}"]
    return QUOTE.findall(item.split("\n")[0])


def pinned_tests(item: str) -> list[tuple[str, str]]:
    """(test name, test file) for each test an item says pins it; each name takes the next file."""
    if "pinned by " not in item:
        return []
    found, names = [], []
    for match in TEST_OR_FILE.finditer(item.split("pinned by ", 1)[1]):
        if match[1]:
            names.append(match[1])
        else:
            found += [(name, match[2]) for name in names]
            names = []
    assert not names, f"tests named without their file: {names}"
    return found


def item_id(item: str) -> str:
    return item.split(".")[0]


def test_each_part_opens_with_its_verdict_counts():
    for heading in (ARTICLE_PART, SITE_PART):
        before_first_item = re.split(r"^\d+\. ", part(heading), maxsplit=1, flags=re.M)[0]
        assert before_first_item.count("{% verdict_counts %}") == 1, heading
    assert CLAIMS.count("{% verdict_counts %}") == 2


def test_the_items_are_numbered_one_after_another():
    numbers = [int(item_id(item)) for item in ARTICLE_ITEMS + SITE_ITEMS]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(items(CLAIMS)) == len(numbers), "every numbered item is in one of the two parts"


@pytest.mark.parametrize("item", ARTICLE_ITEMS + SITE_ITEMS, ids=item_id)
def test_each_claim_has_a_verdict_evidence_and_an_existing_test_that_pins_it(item):
    verdicts = VERDICT.findall(item)
    if not verdicts:
        assert item in ARTICLE_ITEMS, "a claim of the site's own without a verdict"
        assert "No verdict" in item and "pinned by" not in item, "an article claim left unjudged must say so"
        return
    assert "[Evidence](" in item
    for snippet, _, _ in verdicts:
        assert f"[`{snippet}`](" in item, f"the item names and links {snippet}"
    pinned = pinned_tests(item)
    assert pinned, "no test named"
    sources = []
    for name, path in pinned:
        source = TESTS.get(f"{path}::{name}")
        assert source, f"{path}::{name} does not exist"
        assert any(mentions(source, key) for _, key, _ in verdicts), f"{name} pins none of this item's verdicts"
        sources.append(source)
    for _, key, _ in verdicts:
        assert any(mentions(source, key) for source in sources), f"no named test pins verdicts.{key}"


@pytest.mark.parametrize("item", ARTICLE_ITEMS + SITE_ITEMS, ids=item_id)
def test_a_cited_verdict_names_its_sources(item):
    if any(cited for _, _, cited in VERDICT.findall(item)):
        footnotes = re.findall(r"\[\^([\w-]+)\](?!:)", item)
        assert footnotes, "a cited verdict needs a footnote with its sources"
        for footnote in footnotes:
            assert f"\n[^{footnote}]: " in CLAIMS, f"footnote {footnote} is not defined"


@pytest.mark.parametrize("page", VERDICT_PAGES)
def test_every_verdict_on_the_page_is_a_badge_pinned_by_some_test(page, results):
    text = (ROOT / page).read_text(encoding="utf-8")
    assert not VALUE_AS_VERDICT.findall(text), "show verdicts with {% verdict %}, not {% value %}"
    shown = VERDICT.findall(text)
    assert shown, f"{page} shows no verdicts"
    for snippet, key, cited in shown:
        assert bool(cited) == (snippet in CITED_SNIPPETS), f"{snippet} {key}: cited exactly when it rests on sources"
        value = results(snippet)["verdicts"][key]
        assert value in WORDS, f"{snippet} verdicts.{key} = {value!r}"
        pinning = [name for name, source in TESTS.items() if mentions(source, key) and "verdicts" in source]
        assert pinning, f"no test pins {snippet} verdicts.{key}"


@pytest.mark.parametrize("page", PAGES[1:])
def test_every_row_of_a_verdict_table_ends_in_a_badge(page):
    """A verdict in a table is a badge, never a word typed into the cell."""
    rows = 0
    in_table = False
    for line in (ROOT / page).read_text(encoding="utf-8").splitlines():
        if line.startswith("|") and line.rstrip().endswith(VERDICT_COLUMN):
            in_table = True
        elif in_table and line.startswith("|") and not line.startswith("|---"):
            last_cell = line.rstrip().rstrip("|").rsplit("|", 1)[1]
            assert VERDICT.search(last_cell), f"{page}: a row without a verdict badge: {line[:80]}"
            rows += 1
        elif not line.startswith("|"):
            in_table = False
    assert rows, f"{page} has no verdict table"


def test_the_pinned_by_parser_reads_one_or_several_tests():
    assert pinned_tests("pinned by `test_a` in `tests/test_x.py`.") == [("test_a", "tests/test_x.py")]
    assert pinned_tests("pinned by `test_a` and\n `test_b` in `tests/test_x.py` and `test_c` in `tests/test_y.py`.") == [
        ("test_a", "tests/test_x.py"), ("test_b", "tests/test_x.py"), ("test_c", "tests/test_y.py")]
    with pytest.raises(AssertionError):
        pinned_tests("pinned by `test_a`.")


def test_the_article_part_quotes_the_articles_words_in_its_order():
    lines = article_lines()
    position = 0
    for item in ARTICLE_ITEMS:
        found = quotes(item)
        assert found, f"item {item_id(item)} quotes nothing"
        for quote in found:
            fragments = [f.strip() for f in quote.split("…") if f.strip()]
            first = None
            for fragment in fragments:
                at = next((i for i in range(position, len(lines)) if lines[i][0] and (
                    lines[i][1] == fragment if quote.count(" | ") == 2 else fragment in lines[i][1])), None)
                assert at is not None, f"item {item_id(item)}: {fragment!r} is not the article's, or out of order"
                first = at if first is None else first
                position = at
            position = first


def test_every_claim_of_the_article_is_quoted():
    lines = article_lines()
    quoted = [q for item in ARTICLE_ITEMS for q in quotes(item)]
    for is_claim, text in lines:
        if not is_claim:
            continue
        if text.count(" | ") == 2:
            assert text in quoted, f"table cell missing from the Claims page: {text}"
        else:
            assert any(f.strip() and f.strip() in text for q in quoted for f in q.split("…")), (
                f"claim missing from the Claims page: {text}"
            )


def test_the_sites_own_claims_are_not_quoted_as_the_articles():
    for item in SITE_ITEMS:
        assert not QUOTE.search(item), f"item {item_id(item)} is the site's claim, in the site's words"
