"""The training explorer (docs/training/explorer.md) in Chromium, as a reader uses it.

Every combination of activation, depth and weight scale can be chosen and shows its own
run: its panel alone, its own figure (loaded only once chosen) with the build's alt text,
and an announcement in the status line. The radio groups work from the keyboard, and axe
finds nothing wrong after a choice, in both colour schemes. The page's state at load is
audited with every other page (test_pages.py).
"""

from __future__ import annotations

import itertools

import pytest
from site_audit import AXE_RUN, SCHEMES, axe_script

PAGE = "training/explorer/"
EXPLORER = "explorer_runs.py"
DEFAULT = "relu_d4_x1"
VISIBLE_RUNS = "[...document.querySelectorAll('.explorer-run')].filter(p => !p.hidden).map(p => p.dataset.run)"
IMAGE_DONE = """() => {
  const img = document.querySelector('.explorer-run:not([hidden]) img');
  return !img || img.complete;
}"""
SHOWN_IMAGE = """() => {
  const img = document.querySelector('.explorer-run:not([hidden]) img');
  return img && {src: img.getAttribute('src'), alt: img.alt, loaded: img.complete && img.naturalWidth > 0};
}"""


@pytest.fixture()
def explorer(site_url, contexts):
    """A fresh tab on the explorer; yields (tab, the figure files it requested)."""
    tabs = []

    def open_tab(theme="light"):
        tab = contexts(theme).new_page()
        requested = []
        errors = []
        tab.on("request", lambda r: r.url.endswith(".svg") and requested.append(r.url.rsplit("/", 1)[-1]))
        tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(site_url + PAGE, wait_until="networkidle")
        tabs.append(tab)
        return tab, requested, errors

    yield open_tab
    for tab in tabs:
        tab.close()


def choose(tab, activation, depth, scale):
    for name, value in (("activation", activation), ("depth", depth), ("scale", scale)):
        tab.check(f'.explorer-controls input[name="{name}"][value="{value}"]')
    tab.wait_for_function(IMAGE_DONE)  # loaded or failed: the test says which


def test_only_the_default_runs_figure_loads_with_the_page(explorer, results):
    tab, requested, _ = explorer()
    number = results(EXPLORER)["figure_number"][DEFAULT]
    assert tab.evaluate(VISIBLE_RUNS) == [DEFAULT]
    assert [f for f in requested if f.startswith("figure-")] == [f"figure-{number}.svg"]


def test_every_combination_can_be_chosen_and_shows_its_own_run(explorer, results):
    r = results(EXPLORER)
    tab, requested, errors = explorer()
    for activation, depth, scale in itertools.product(r["ACTIVATIONS"], r["DEPTHS"], r["WEIGHT_SCALES"]):
        key = f"{activation}_d{depth}_x{scale}"
        choose(tab, activation, depth, scale)
        assert tab.evaluate(VISIBLE_RUNS) == [key]
        image = tab.evaluate(SHOWN_IMAGE)
        assert image is not None, f"{key}: no figure shown"
        assert image["src"].endswith(f"/explorer_runs/figure-{r['figure_number'][key]}.svg"), (key, image["src"])
        assert image["loaded"], f"{key}: its figure did not load"
        assert image["alt"] == r["figure_alt"][key]
        status = tab.inner_text(".explorer-status")
        panel_title = tab.get_attribute(f'.explorer-run[data-run="{key}"]', "data-title")
        if key != DEFAULT or status:
            assert status == f"Showing {panel_title}.", key
    assert len(set(requested)) == len(r["figure_number"]), "some run's figure was never loaded"
    assert not errors, errors


def test_the_radio_groups_work_from_the_keyboard(explorer, results):
    r = results(EXPLORER)
    tab, _, errors = explorer()
    tab.focus('.explorer-controls input[name="activation"]:checked')  # ReLU, the last
    tab.keyboard.press("ArrowRight")  # wraps round to the first activation
    tab.keyboard.press("Tab")  # into the next group, at its checked radio (4 layers)
    tab.keyboard.press("ArrowLeft")  # 2 layers
    tab.keyboard.press("Tab")
    tab.keyboard.press("ArrowRight")  # the larger weight scale
    tab.wait_for_function(IMAGE_DONE)
    key = f"{r['ACTIVATIONS'][0]}_d{r['DEPTHS'][1]}_x{r['WEIGHT_SCALES'][1]}"
    assert tab.evaluate(VISIBLE_RUNS) == [key]
    assert tab.evaluate(SHOWN_IMAGE)["loaded"]
    assert tab.evaluate("document.activeElement.name") == "scale"
    assert not errors, errors


@pytest.mark.parametrize("theme", list(SCHEMES))
def test_no_accessibility_violations_after_a_choice(explorer, theme):
    tab, _, _ = explorer(theme)
    choose(tab, "logistic", 8, 4)
    tab.evaluate(axe_script())
    violations = tab.evaluate(AXE_RUN)
    assert not violations, violations
