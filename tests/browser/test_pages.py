"""Every page of the built site, in light and dark mode, as a reader's browser shows it.

Each page is loaded once per scheme in Chromium (see ``conftest.py``) and observed as
loaded, then after scrolling through it; each test below checks one thing about that
load, so a failure names the page, the scheme and what is wrong, with a full-page
screenshot in ``test-artifacts/``.
"""

from __future__ import annotations

import pytest
from site_audit import (
    LAYOUT_SHIFT_LIMIT,
    SCHEMES,
    built_pages,
    is_chapter_page,
    is_notebook_page,
    layout_shift,
    low_contrast_code,
    page_id,
    page_weight,
    raw_tex,
    site_pages,
)

PAGES = site_pages()
BY_PAGE_AND_THEME = [
    pytest.param(page, theme, id=f"{page_id(page)}-{theme}") for page in PAGES for theme in SCHEMES
]
BY_PAGE = [pytest.param(page, id=page_id(page)) for page in PAGES]
CHAPTER_PAGES = [pytest.param(page, id=page_id(page)) for page in PAGES if is_chapter_page(page)]
WEIGHT_BUDGET = 600 * 1024  # bytes a chapter page may transfer, figures included


def test_every_built_page_is_audited(built_site):
    site, _log = built_site
    assert built_pages(site) == PAGES, "the pages the build wrote differ from the pages these tests audit"


@pytest.mark.parametrize(("page", "theme"), BY_PAGE_AND_THEME)
def test_colour_scheme_applies(audit, page, theme):
    result = audit(page, theme)
    assert result.scheme == SCHEMES[theme], f"body[data-md-color-scheme] is {result.scheme!r}: {result.where()}"


@pytest.mark.parametrize(("page", "theme"), BY_PAGE_AND_THEME)
def test_no_console_errors(audit, page, theme):
    result = audit(page, theme)
    assert not result.console_errors, f"console errors {result.console_errors}: {result.where()}"


@pytest.mark.parametrize(("page", "theme"), BY_PAGE_AND_THEME)
def test_every_request_succeeds(audit, page, theme):
    result = audit(page, theme)
    assert not result.failed_requests, f"failed requests {result.failed_requests}: {result.where()}"


@pytest.mark.parametrize(("page", "theme"), BY_PAGE_AND_THEME)
def test_no_request_leaves_the_site(audit, page, theme):
    result = audit(page, theme)
    assert not result.foreign_requests, f"requests to another host {result.foreign_requests}: {result.where()}"
    assert not result.escaping_requests, (
        f"requests outside the site's sub-path (breaks on GitHub Pages) {result.escaping_requests}: {result.where()}"
    )


@pytest.mark.parametrize(("page", "theme"), BY_PAGE_AND_THEME)
def test_images_load_and_say_what_they_show(audit, page, theme):
    result = audit(page, theme)
    images = result.facts["images"]
    broken = [img["src"] for img in images if not img["width"]]
    unlabelled = [img["src"] for img in images if not img["alt"]]
    assert not broken, f"images that did not load {broken}: {result.where()}"
    assert not unlabelled, f"images without alt text {unlabelled}: {result.where()}"


# nbconvert writes this when a notebook image has no alt text; the build replaces it with
# the alt text the chapter gives the same figure ({% figure %}).
NBCONVERT_PLACEHOLDER = "No description has been provided for this image"


@pytest.mark.parametrize(("page", "theme"), BY_PAGE_AND_THEME)
def test_figures_have_descriptive_alt_text(audit, page, theme):
    """A figure's alt text says what it shows: a sentence, not a file name or 'figure 1'."""
    result = audit(page, theme)
    for img in result.facts["images"]:
        if not img["figure"]:
            continue
        words = img["alt"].split()
        assert len(words) >= 4 and img["alt"] != NBCONVERT_PLACEHOLDER, (
            f"figure {img['src'][:80]} has alt text {img['alt']!r}, which does not say what it shows: {result.where()}"
        )


@pytest.mark.parametrize(("page", "theme"), BY_PAGE_AND_THEME)
def test_figures_follow_the_colour_scheme(audit, page, theme):
    """Figures are drawn on white; dark mode shows them inverted so they stay legible."""
    result = audit(page, theme)
    for img in result.facts["images"]:
        if not img["figure"]:
            continue
        inverted = "invert" in img["filter"]
        assert inverted == (theme == "dark"), (
            f"figure {img['src']} has filter {img['filter']!r} in {theme} mode: {result.where()}"
        )


@pytest.mark.parametrize(("page", "theme"), BY_PAGE_AND_THEME)
def test_math_is_rendered(audit, page, theme):
    result = audit(page, theme)
    facts = result.facts
    assert not facts["arithmatex_left"], f"{facts['arithmatex_left']} formulas not turned into MathML: {result.where()}"
    assert not raw_tex(facts["prose"]), f"TeX source visible to the reader {raw_tex(facts['prose'])}: {result.where()}"
    for math in facts["math"]:
        if not math["shown"]:
            continue  # inside a closed tab or collapsed block
        assert "math" in math["display"], f"<math> not laid out as MathML ({math['display']}): {result.where()}"
        assert math["width"] > 0 and math["height"] > 0, f"<math> {math['tex']!r} has no size: {result.where()}"
        if theme == "dark":
            assert math["luminance"] > 0.4, f"dark-mode math {math['tex']!r} is not light text: {result.where()}"
        else:
            assert math["luminance"] < 0.2, f"light-mode math {math['tex']!r} is not dark text: {result.where()}"


@pytest.mark.parametrize(("page", "theme"), BY_PAGE_AND_THEME)
def test_code_blocks_have_a_copy_button(audit, page, theme):
    result = audit(page, theme)
    facts = result.facts
    assert not facts["code_blocks_without_copy"], (
        f"code blocks without a copy button {facts['code_blocks_without_copy']}: {result.where()}"
    )
    assert not facts["notebook_cells_without_copy"], (
        f"{facts['notebook_cells_without_copy']} notebook cells without a copy button: {result.where()}"
    )
    if is_notebook_page(page):
        assert facts["notebook_cells"] > 0, f"a notebook page with no code cell: {result.where()}"


@pytest.mark.parametrize(("page", "theme"), BY_PAGE_AND_THEME)
def test_tables_and_figures_fit_the_column(audit, page, theme):
    result = audit(page, theme)
    assert not result.facts["wide_tables"], f"tables wider than the column {result.facts['wide_tables']}: {result.where()}"
    assert not result.facts["wide_images"], f"images wider than the column {result.facts['wide_images']}: {result.where()}"


def violations(axe: list[dict]) -> str:
    return "\n  ".join(f"{v['impact']}: {v['id']} ({v['nodes']}x, e.g. {v['targets'][:2]}) {v['help']}" for v in axe)


@pytest.mark.parametrize(("page", "theme"), BY_PAGE_AND_THEME)
def test_accessibility_as_loaded(audit, page, theme):
    """axe-core, every rule, on the page as it has just loaded: no violation of any impact."""
    result = audit(page, theme)
    assert not result.axe_at_load, f"axe-core violations:\n  {violations(result.axe_at_load)}\n{result.where()}"


@pytest.mark.parametrize(("page", "theme"), BY_PAGE_AND_THEME)
def test_accessibility_after_scrolling_through(audit, page, theme):
    """axe-core, every rule, once a reader has scrolled through the page: no violation."""
    result = audit(page, theme)
    assert not result.axe_after_reading, (
        f"axe-core violations:\n  {violations(result.axe_after_reading)}\n{result.where()}"
    )


@pytest.mark.parametrize("page", BY_PAGE)
def test_accessibility_on_a_phone(phone_audit, page):
    """axe-core, every rule, on the page as it has just loaded at 390 px."""
    result = phone_audit(page)
    assert not result.axe_at_load, f"axe-core violations:\n  {violations(result.axe_at_load)}\n{result.where()}"


@pytest.mark.parametrize(("page", "theme"), BY_PAGE_AND_THEME)
def test_keyboard_reaches_every_scrolling_box(audit, page, theme):
    """Every box that scrolls sideways takes the keyboard focus, from the moment the page
    has loaded, so that a keyboard can scroll it."""
    result = audit(page, theme)
    assert not result.unfocusable_scrollers, (
        f"boxes that scroll but cannot be focused: {result.unfocusable_scrollers}: {result.where()}"
    )


@pytest.mark.parametrize("page", BY_PAGE)
def test_keyboard_reaches_every_scrolling_box_on_a_phone(phone_audit, page):
    result = phone_audit(page)
    assert not result.unfocusable_scrollers, (
        f"boxes that scroll but cannot be focused: {result.unfocusable_scrollers}: {result.where()}"
    )


@pytest.mark.parametrize(("page", "theme"), BY_PAGE_AND_THEME)
def test_code_text_has_contrast(audit, page, theme):
    """Every highlighted token is at least 4.5:1 against its code block (WCAG AA)."""
    result = audit(page, theme)
    low = low_contrast_code(result.facts)
    assert not low, "code text below 4.5:1:\n  " + "\n  ".join(low) + f"\n{result.where()}"


def shifts(layout_shifts: list[dict]) -> str:
    return "; ".join(f"{s['value']:.4f} at {s['at']} ms, moved {', '.join(s['moved'])}" for s in layout_shifts)


@pytest.mark.parametrize("page, theme", BY_PAGE_AND_THEME)
def test_nothing_moves_while_the_page_loads(audit, page, theme):
    """Text being read stays put while the page loads (Lighthouse's CLS)."""
    result = audit(page, theme)
    assert layout_shift(result.layout_shifts) < LAYOUT_SHIFT_LIMIT, (
        f"layout shifts: {shifts(result.layout_shifts)}: {result.where()}"
    )


@pytest.mark.parametrize("page", BY_PAGE)
def test_nothing_moves_while_the_page_loads_on_a_phone(phone_audit, page):
    result = phone_audit(page)
    assert layout_shift(result.layout_shifts) < LAYOUT_SHIFT_LIMIT, (
        f"layout shifts: {shifts(result.layout_shifts)}: {result.where()}"
    )


@pytest.mark.parametrize("page", BY_PAGE)
def test_readable_on_a_phone(phone_audit, page):
    """At 390 px the page does not scroll sideways (wide tables and code scroll in their box)."""
    result = phone_audit(page)
    facts = result.facts
    assert facts["page_width"] <= facts["viewport_width"], (
        f"{result.url} is {facts['page_width']} px wide at {facts['viewport_width']} px "
        f"(too wide: {facts.get('overflowing')}): {result.where()}"
    )


@pytest.mark.parametrize("page", CHAPTER_PAGES)
def test_page_weight(audit, built_site, page):
    """A chapter page transfers at most 600 KB on a first visit, figures and search index
    included, compressed as GitHub Pages serves text files (gzip)."""
    site, _log = built_site
    result = audit(page, "light")
    raw, packed = page_weight(site, result.requested_paths)
    print(f"page weight {page_id(page)}: {packed / 1024:.0f} KB transferred ({raw / 1024:.0f} KB uncompressed)")
    assert packed <= WEIGHT_BUDGET, (
        f"{result.url} transfers {packed / 1024:.0f} KB ({raw / 1024:.0f} KB uncompressed), over the 600 KB budget"
    )


def test_palette_toggle_switches_and_is_remembered(site_url, contexts):
    tab = contexts("light").new_page()
    try:
        tab.goto(site_url, wait_until="networkidle")
        scheme = lambda: tab.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
        assert scheme() == "default"
        tab.locator("label[title='Switch to dark mode']").click()
        assert scheme() == "slate", "the toggle did not switch to dark mode"
        next_page = next(p for p in site_pages() if p not in ("", "404.html"))
        tab.goto(site_url + next_page, wait_until="networkidle")
        assert scheme() == "slate", "dark mode was not remembered on the next page"
        tab.locator("label[title='Switch to light mode']").click()
        assert scheme() == "default", "the toggle did not switch back to light mode"
    finally:
        tab.evaluate("localStorage.clear()")
        tab.close()


def test_palette_toggle_works_from_the_keyboard(site_url, contexts):
    """The toggle's radio buttons take the focus; Enter switches to the other scheme."""
    tab = contexts("light").new_page()
    try:
        tab.goto(site_url, wait_until="networkidle")
        tab.locator("input[aria-label='Switch to dark mode']").focus()
        tab.keyboard.press("Enter")
        assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert tab.evaluate("document.activeElement.getAttribute('aria-label')") == "Switch to light mode"
        assert tab.locator("label[title='Switch to light mode']").is_visible()
        assert not tab.locator("label[title='Switch to dark mode']").is_visible()
    finally:
        tab.evaluate("localStorage.clear()")
        tab.close()


def test_search_finds_pages(site_url, contexts):
    tab = contexts("light").new_page()
    try:
        tab.goto(site_url, wait_until="networkidle")
        tab.locator("input.md-search__input").click()
        tab.keyboard.type("activation", delay=20)  # Material searches on key events
        results = tab.locator(".md-search-result__item a")
        results.first.wait_for(timeout=10_000)
        assert results.count() > 0, "search for 'activation' found nothing"
        target = results.first.get_attribute("href")
        assert target.startswith(site_url), f"search result {target} is outside the site"
        results.first.click()
        tab.wait_for_load_state("load")
        assert tab.url.startswith(site_url) and tab.title(), f"search result {target} did not open"
    finally:
        tab.close()
