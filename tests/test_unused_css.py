"""The notebook pages' inline CSS is cut down to what the page can use, and no more.

The browser tests check the built notebook pages themselves (styled cells, copy
buttons, contrast in both themes); these pin the rules of the cut on small pages.
"""

from __future__ import annotations

import re

from unused_css import without_unused_css


def page(css: str, body: str = '<div class="cell">x</div>') -> str:
    return f"<html><head><style>{css}</style></head><body>{body}</body></html>"


def kept_css(html: str) -> str:
    return " ".join(re.findall(r"<style>(.*?)</style>", html, re.S))


def test_a_rule_for_a_class_no_element_has_is_dropped_and_the_rest_kept():
    css = kept_css(without_unused_css(page(".cell{color:red} .icon{color:blue} pre{margin:0}")))
    assert ".cell{color:red}" in css and "pre{margin:0}" in css
    assert ".icon" not in css


def test_a_rule_is_kept_if_any_selector_in_its_list_can_match():
    css = kept_css(without_unused_css(page(".icon, .cell .x, div.cell{color:red}")))
    assert ".icon, .cell .x, div.cell{color:red}" in css  # the list is kept whole


def test_a_class_a_linked_script_names_is_kept_for_it_may_add_it():
    css = ".md-typeset__scrollwrap{margin:0} .jp-Tooltip{display:none}"
    script = 'function wrap(e){return h("div",{class:"md-typeset__scrollwrap"},e)}'
    kept = kept_css(without_unused_css(page(css), linked_scripts=[script]))
    assert ".md-typeset__scrollwrap{margin:0}" in kept and ".jp-Tooltip" not in kept


def test_classes_inside_not_and_other_functions_are_not_needed():
    css = kept_css(without_unused_css(page(".cell:not(.hidden){color:red} :is(.gone){color:blue}")))
    assert ".cell:not(.hidden){color:red}" in css and ":is(.gone){color:blue}" in css


def test_media_blocks_keep_what_can_match_inside_them_and_go_when_nothing_can():
    css = kept_css(
        without_unused_css(page("@media print{.cell{color:red} .icon{color:blue}} @media screen{.icon{color:blue}}"))
    )
    assert "@media print{.cell{color:red}}" in css and "screen" not in css


def test_custom_properties_are_kept_only_if_something_reads_them():
    css = """
    .cell{--unused: 1px; --read: var(--read-through); --read-through: 2px; --by-sheet: 0; --by-script: 0;
          padding: var(--read)}
    """
    html = without_unused_css(
        page(css),
        linked_stylesheets=[".md-content{margin:var(--by-sheet)}"],
        linked_scripts=['el.style.getPropertyValue("--by-script")'],
    )
    kept = kept_css(html)
    for name in ("--read", "--read-through", "--by-sheet", "--by-script"):
        assert f"{name}:" in kept, name
    assert "--unused" not in kept
    assert "padding: var(--read)" in kept


def test_a_custom_property_read_only_by_a_dropped_rule_goes_with_it():
    kept = kept_css(without_unused_css(page(".cell{--colour: red} .icon{color:var(--colour)}")))
    assert "--colour" not in kept


def test_other_at_rules_stay_and_what_they_read_is_kept():
    css = ".cell{--spin: 1turn} @keyframes turn{to{transform:rotate(var(--spin))}} @charset 'x';"
    kept = kept_css(without_unused_css(page(css)))
    assert "--spin: 1turn" in kept and "@keyframes turn" in kept


def test_important_stays_and_comments_and_unparsable_css_go():
    html = without_unused_css(
        page("/* a comment */ .cell{color:red !important}")
        + "<style>['pre { line-height: 125%; }\\n.x { color: red }']</style>"
    )
    assert kept_css(html) == ".cell{color:red !important}"
    assert html.count("<style") == 1, "a <style> left empty is removed"


def test_nothing_outside_style_elements_changes():
    body = '<div class="cell" style="color: var(--x)">a .icon{} b</div><script>var s = "<b>";</script>'
    html = page(".cell{color:red}", body)
    assert without_unused_css(html).split("</head>")[1] == html.split("</head>")[1]


def test_a_media_block_whose_rules_lose_every_declaration_goes():
    css = kept_css(without_unused_css(page("@media print{.cell{--unused: 0}} .cell{color:red}")))
    assert css == ".cell{color:red}"
