"""Fixtures for the browser tests: the built site, served locally, audited in Chromium.

Every HTML page of the built site is loaded once per colour scheme (light ``default``,
dark ``slate``) in Debian's Chromium through Playwright, and everything the tests ask
about that load is recorded in one :class:`site_audit.Audit`: console errors, failed
requests, requests to other hosts, images, math, copy buttons, layout, axe-core's
findings and the files the page requested. The page is observed as a reader gets it:
first as loaded (layout shifts, boxes a keyboard cannot scroll, axe), then after
scrolling through it a screen at a time (axe again, and the rest). The test functions
then each assert one thing about it, so a failure names the page, the scheme and the
check.
"""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlsplit

import pytest
from site_audit import (
    ARTIFACTS,
    AXE_RUN,
    DESKTOP,
    LAYOUT_SHIFT_LIMIT,
    LAYOUT_SHIFTS,
    OVERFLOWING,
    PAGE_FACTS,
    PHONE,
    UNFOCUSABLE_SCROLLERS,
    Audit,
    axe_script,
    layout_shift,
    problems,
    screenshot,
)
from site_server import CHROMIUM, CHROMIUM_ARGS, SUBPATH, serve_site


# --- the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Chromium (Debian's) for the whole session."""
    if not CHROMIUM.exists():
        message = "Debian's chromium is not installed: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so the browser tests may not be skipped)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site, served at http://127.0.0.1:<port>/activation-functions/."""
    site, _log = built_site
    with serve_site(site) as url:
        yield url


@pytest.fixture(scope="session")
def contexts(chromium_browser):
    """Browser contexts by name, made on first use and reused: one per scheme, and a phone."""
    made = {}

    def get(name: str):
        if name not in made:
            if name == "phone":
                made[name] = chromium_browser.new_context(
                    viewport=PHONE, color_scheme="light", device_scale_factor=1, reduced_motion="reduce"
                )
            else:
                made[name] = chromium_browser.new_context(
                    viewport=DESKTOP, color_scheme=name, reduced_motion="reduce"
                )
        return made[name]

    yield get
    for context in made.values():
        context.close()


@pytest.fixture(scope="session")
def audit(site_url, contexts, built_site):
    """audit(page, theme) -> Audit of one load (made once, then reused by every test)."""
    site, _log = built_site
    origin = urlsplit(site_url)
    done: dict[tuple[str, str], Audit] = {}
    script = axe_script()

    def run(page: str, theme: str) -> Audit:
        if (page, theme) not in done:
            try:
                done[(page, theme)] = load(page, theme)
            except Exception as error:  # noqa: BLE001 - every test of this load reports it
                done[(page, theme)] = error
        if isinstance(done[(page, theme)], Exception):
            pytest.fail(f"loading {site_url + page} ({theme}) failed: {done[(page, theme)]}")
        return done[(page, theme)]

    def load(page: str, theme: str) -> Audit:
        result = Audit(page=page, theme=theme, url=site_url + page)
        tab = contexts(theme).new_page()

        def on_request(request):
            parts = urlsplit(request.url)
            if parts.scheme in ("data", "blob", "about"):
                return
            if parts.hostname != origin.hostname or parts.port != origin.port:
                result.foreign_requests.append(request.url)
                return
            result.requested_paths.append(parts.path)
            if not parts.path.startswith(SUBPATH) and page != "404.html":
                result.escaping_requests.append(request.url)

        def on_response(response):
            if response.status >= 400:
                result.failed_requests.append(f"{response.status} {response.url}")

        tab.on("request", on_request)
        tab.on("response", on_response)
        tab.on("requestfailed", lambda r: result.failed_requests.append(f"{r.failure} {r.url}"))
        tab.on("console", lambda m: m.type == "error" and result.console_errors.append(m.text))
        tab.on("pageerror", lambda e: result.console_errors.append(f"uncaught: {e}"))
        try:
            tab.goto(result.url, wait_until="load")
            tab.wait_for_load_state("networkidle")
            # As loaded, before any scrolling:
            result.layout_shifts = tab.evaluate(LAYOUT_SHIFTS)
            result.unfocusable_scrollers = tab.evaluate(UNFOCUSABLE_SCROLLERS)
            tab.evaluate(script)
            result.axe_at_load = tab.evaluate(AXE_RUN)
            # After scrolling through it (PAGE_FACTS scrolls a screen at a time, then back up):
            result.facts = tab.evaluate(PAGE_FACTS)
            result.scheme = result.facts["scheme"]
            result.axe_after_reading = tab.evaluate(AXE_RUN)
            if problems(result):
                result.screenshot = screenshot(tab, page, theme)
        finally:
            tab.close()
        return result

    return run


@pytest.fixture(scope="session")
def phone_audit(site_url, contexts):
    """phone_audit(page) -> Audit of one load at 390 px: what moved, which boxes scroll
    sideways without taking the focus, axe-core as loaded, and how wide the page is
    (``facts``, with the elements that stick out under ``facts["overflowing"]`` if it is
    too wide)."""
    done: dict[str, Audit] = {}
    script = axe_script()

    def run(page: str) -> Audit:
        if page not in done:
            result = Audit(page=page, theme="phone", url=site_url + page)
            tab = contexts("phone").new_page()
            try:
                tab.goto(result.url, wait_until="load")
                tab.wait_for_load_state("networkidle")
                result.layout_shifts = tab.evaluate(LAYOUT_SHIFTS)
                result.unfocusable_scrollers = tab.evaluate(UNFOCUSABLE_SCROLLERS)
                tab.evaluate(script)
                result.axe_at_load = tab.evaluate(AXE_RUN)  # the phone layout has menus of its own
                result.facts = tab.evaluate(PAGE_FACTS)  # scrolls through it, waits for every image
                too_wide = result.facts["page_width"] > result.facts["viewport_width"]
                if too_wide:
                    result.facts["overflowing"] = tab.evaluate(OVERFLOWING)
                if (layout_shift(result.layout_shifts) >= LAYOUT_SHIFT_LIMIT or result.unfocusable_scrollers
                        or result.axe_at_load or too_wide):
                    result.screenshot = screenshot(tab, page, "phone")
            finally:
                tab.close()
            done[page] = result
        return done[page]

    return run


@pytest.fixture(scope="session", autouse=True)
def _clean_artifacts():
    """Screenshots of this run only."""
    if ARTIFACTS.is_dir():
        for png in ARTIFACTS.glob("*.png"):
            png.unlink()
    yield
    if ARTIFACTS.is_dir() and not any(ARTIFACTS.iterdir()):
        shutil.rmtree(ARTIFACTS, ignore_errors=True)
