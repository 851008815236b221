"""The home page says no measured number is typed by hand: check what can be mechanised.

Every number written in a page's prose, table cells or directive text (alt text and
captions included) must be one of:

* a setting: the value of an UPPER_CASE constant of some snippet (its results hold them),
  such as a learning rate or a number of seeds;
* a section or chapter number, a year, or a whole number (a count or a size);
* a figure quoted from a cited source, listed in CITED below with where it comes from.

Anything else (a decimal, a percentage, a multiple such as "3×") is a measurement typed
by hand and must come from the build with {% value %}. Code, math, article quotes,
headings and footnote definitions (citations) are not prose and are skipped.
"""

from __future__ import annotations

import math
import re

import pytest

from project_paths import ROOT

PAGES = sorted((ROOT / "docs").rglob("*.md"))
FENCE = re.compile(r"^\s*(```+|~~~+)")
NOT_PROSE = [
    re.compile(r"\{%\s*(?:value|verdict)\s.*?%\}"),  # measured by the build
    re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.S),  # math: definitions, not measurements
    re.compile(r"`[^`\n]*`"),  # code
    re.compile(r'\*"[^"\n]*"\*|\*"[^"\n]*$|^[^"\n]*"\*'),  # the article's words, quoted
    re.compile(r"\]\([^)\s]*\)|\[\^[\w-]+\]|\{[:#.][^}\n]*\}"),  # link targets, footnote marks, attributes
    # The article's section numbers (1.1 to 3.4), unless a % or × makes them a measurement.
    re.compile(r"(?<![\w.])[123]\.[1-4](?![\w.%×]|\s[%×])"),
    re.compile(r"\b(?:19|20)\d\d\b"),  # years
    re.compile(r"arXiv:?\s*\d{4}\.\d{4,5}"),
]
# A number that could be a measurement: a decimal, a percentage, or a multiple.
NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?(%|×)|(?<![\w.])(\d+\.\d+)(?![\w.])")
# Figures quoted from cited sources: (page, text) -> where it comes from.
CITED = {
    ("docs/relu/dying-relu.md", "4.94%"): "He et al. (2015), top-5 error on ImageNet 2012",
    ("docs/reference.md", "4.94%"): "He et al. (2015), top-5 error on ImageNet 2012",
    ("docs/flow/information-gate.md", "50%"): "Glorot, Bordes & Bengio (2011), sparsity at initialisation",
    ("docs/relu/index.md", "50%"): "Glorot, Bordes & Bengio (2011), sparsity at initialisation",
    ("docs/relu/index.md", "25%"): "Krizhevsky et al. (2012), training error on CIFAR-10",
    ("docs/relu/index.md", "4.94%"): "He et al. (2015), top-5 error on ImageNet 2012",
}


MAX_SETTINGS = 20  # a list of settings (learning rates, gains) is short; a longer one is data


@pytest.fixture(scope="module")
def settings(snippet_runs) -> set[float]:
    """Every number held by an UPPER_CASE constant of a snippet that ran."""
    runs, _ = snippet_runs
    found: set[float] = set()

    def walk(value):
        if isinstance(value, bool):
            return
        if isinstance(value, (int, float)):
            found.add(float(value))
        elif isinstance(value, (list, tuple)) and len(value) <= MAX_SETTINGS:  # not data such as X
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for run in runs.values():
        for name, value in run.results.items():
            if name.isupper():
                walk(value)
    return found


def prose_lines(text: str):
    """(line number, the line with everything that is not prose blanked out)."""
    fence, in_front_matter = None, text.startswith("---\n")
    for number, line in enumerate(text.splitlines(), start=1):
        if in_front_matter:
            in_front_matter = not (number > 1 and line.strip() == "---")
            continue
        opening = FENCE.match(line)
        if opening and (fence is None or opening.group(1).startswith(fence)):
            fence = None if fence else opening.group(1)
            continue
        if fence or line.lstrip().startswith("#") or re.match(r"\s*\[\^[\w-]+\]:", line):
            continue
        for pattern in NOT_PROSE:
            line = pattern.sub(" ", line)
        yield number, line


def typed_numbers(relative: str, text: str, known: set[float]) -> list[str]:
    # Display math spans lines: blank it out before going line by line.
    text = re.sub(r"\$\$.*?\$\$", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    found = []
    for number, line in prose_lines(text):
        for match in NUMBER.finditer(line):
            digits, unit, decimal = match.group(1), match.group(2), match.group(3)
            written = match.group(0).strip()
            if (relative, written) in CITED or (relative, written.replace(" ", "")) in CITED:
                continue
            value = float(digits or decimal)
            candidates = {value, value / 100} if unit == "%" else {value}
            if any(math.isclose(c, k, rel_tol=1e-9) for c in candidates for k in known):
                continue
            if unit == "×" and value.is_integer() and value <= 2:
                continue  # "2×" as a plain word ("twice") is no measurement
            found.append(f"{relative}:{number}: {written!r} in {line.strip()[:100]!r}")
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_no_measured_number_is_typed_by_hand(page, settings):
    typed = typed_numbers(page.relative_to(ROOT).as_posix(), page.read_text(encoding="utf-8"), settings)
    assert not typed, "numbers typed by hand (use {% value %}, or name the setting in a snippet):\n" + "\n".join(typed)


def test_the_check_finds_a_typed_measurement(settings):
    text = 'Sigmoid costs 3.7× ReLU, and 12 % of a fit; $x = 0.5$ is math, *"2.5 times"* a quote.\n'
    typed = typed_numbers("docs/probe.md", text, settings)
    assert [entry.split(": ", 1)[1].split(" in ")[0] for entry in typed] == ["'3.7×'", "'12 %'"]
