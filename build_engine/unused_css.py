"""Drop the inline CSS that a page cannot use.

mkdocs-jupyter inlines JupyterLab's whole stylesheet into every notebook page: about
575 KB, 3,000 rules and 1,000 custom properties, which the browser parses and matches
before it paints anything. A notebook page uses a few dozen of those rules.
:func:`without_unused_css` rewrites each ``<style>`` element of a page and keeps

* a rule, unless every selector in its list needs a class (``.name`` outside any
  ``:not()``/``:is()``-style function) that the page does not mention outside its
  ``<style>`` elements and that no script it loads mentions either (scripts add
  classes: Material wraps tables in ``.md-typeset__scrollwrap``);
* a custom property, if something reads it: a kept declaration, a stylesheet the page
  links, or a kept custom property that is itself read (``var(--name)``), or if a
  script or the page mentions its name;
* ``@media``, ``@supports``, ``@layer`` and ``@container`` blocks, with what is kept
  inside them; every other at-rule as it is.

Comments and rules that do not parse are dropped, as browsers drop them. (mkdocs-jupyter
0.26.3 appends a ``<style>`` holding a Python list of CSS strings; it is one such rule.)
"Mentions" means the name appears as a word, which over-counts and so only ever keeps
more than needed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import tinycss2
from tinycss2.ast import Node

STYLE_ELEMENT = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.S | re.I)
WORD = re.compile(r"[\w-]+")
GROUPING_AT_RULES = ("media", "supports", "layer", "container")


def without_unused_css(html: str, linked_stylesheets: Iterable[str] = (), linked_scripts: Iterable[str] = ()) -> str:
    """``html`` with each ``<style>`` element cut down to what the page can use.

    ``linked_stylesheets`` and ``linked_scripts`` are the texts of the files the page
    loads with ``<link rel="stylesheet">`` and ``<script src>``.
    """
    sheets: list[list[Node]] = []

    def set_aside(match: re.Match) -> str:
        sheets.append(_parsed_rules(match.group(2)))
        return f"{match.group(1)}\0{len(sheets) - 1}\0{match.group(3)}"

    page = STYLE_ELEMENT.sub(set_aside, html)
    mentioned = set(WORD.findall(page))
    for script in linked_scripts:
        mentioned.update(WORD.findall(script))

    kept = [_rules_that_can_match(rules, mentioned) for rules in sheets]
    read = {name for name in mentioned if name.startswith("--")}
    for stylesheet in linked_stylesheets:
        read |= _var_references_in(stylesheet)
    read = _custom_properties_read(kept, read)

    def put_back(match: re.Match) -> str:
        return "\n".join(_serialize(kept[int(match.group(1))], read))

    page = re.sub(r"\0(\d+)\0", put_back, page)
    return re.sub(r"<style\b[^>]*>\s*</style>\s*", "", page, flags=re.I)


# Every notebook page inlines the same stylesheets, and links the same files: parse each once.
@functools.lru_cache(maxsize=16)
def _parsed_rules(css: str) -> list[Node]:
    return _rules(tinycss2.parse_stylesheet(css))


@functools.lru_cache(maxsize=16)
def _var_references_in(css: str) -> frozenset[str]:
    return frozenset(_var_references(tinycss2.parse_component_value_list(css), set()))


def _rules(nodes: list[Node]) -> list[Node]:
    """The rules among parsed nodes: comments, whitespace and parse errors dropped."""
    return [node for node in nodes if node.type in ("qualified-rule", "at-rule")]


# A kept rule is (rule, None), or (grouping at-rule, the kept rules inside it).
Kept = list[tuple[Node, "Kept | None"]]


def _rules_that_can_match(rules: list[Node], mentioned: set[str]) -> Kept:
    kept: Kept = []
    for rule in rules:
        if rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in GROUPING_AT_RULES:
            nested = _rules_that_can_match(_rules(tinycss2.parse_rule_list(rule.content)), mentioned)
            if nested:
                kept.append((rule, nested))
        elif rule.type == "at-rule" or any(_classes_needed(s) <= mentioned for s in _selectors(rule.prelude)):
            kept.append((rule, None))
    return kept


def _selectors(prelude: list[Node]) -> Iterable[list[Node]]:
    selector: list[Node] = []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            yield selector
            selector = []
        else:
            selector.append(token)
    yield selector


def _classes_needed(selector: list[Node]) -> set[str]:
    return {
        name.value
        for dot, name in zip(selector, selector[1:])
        if dot.type == "literal" and dot.value == "." and name.type == "ident"
    }


def _declarations(rule: Node) -> list[Node] | None:
    """A style rule's declarations; None if it is not one, or holds nested rules."""
    if rule.type != "qualified-rule":
        return None
    nodes = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
    if any(node.type not in ("declaration", "error") for node in nodes):
        return None
    return [node for node in nodes if node.type == "declaration"]


def _flat(kept: Kept) -> Iterable[Node]:
    for rule, nested in kept:
        if nested is None:
            yield rule
        else:
            yield from _flat(nested)


def _var_references(tokens: Iterable[Node], found: set[str]) -> set[str]:
    for token in tokens:
        if token.type == "function":
            if token.lower_name == "var" and token.arguments and token.arguments[0].type == "ident":
                found.add(token.arguments[0].value)
            _var_references(token.arguments, found)
        elif token.type in ("() block", "[] block", "{} block"):
            _var_references(token.content, found)
    return found


def _custom_properties_read(sheets: list[Kept], read: set[str]) -> set[str]:
    """The custom properties that ``read`` names or a kept rule reads, directly or
    through other custom properties. Only a plain style rule's custom properties can be
    dropped; any other rule counts as reading everything it mentions."""
    definitions: dict[str, list[Node]] = {}
    wanted = set(read)
    for kept in sheets:
        for rule in _flat(kept):
            declarations = _declarations(rule)
            if declarations is None:
                _var_references([*rule.prelude, *(rule.content or [])], wanted)
                continue
            for declaration in declarations:
                if declaration.name.startswith("--"):
                    definitions.setdefault(declaration.name, []).append(declaration)
                else:
                    _var_references(declaration.value, wanted)
    closure: set[str] = set()
    while wanted:
        name = wanted.pop()
        if name not in closure:
            closure.add(name)
            for declaration in definitions.get(name, []):
                _var_references(declaration.value, wanted)
    return closure


def _serialize(kept: Kept, read: set[str]) -> list[str]:
    out = []
    for rule, nested in kept:
        declarations = _declarations(rule)
        if nested is not None:
            inner = "\n".join(_serialize(nested, read))
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif declarations is not None:
            declarations = [d for d in declarations if not d.name.startswith("--") or d.name in read]
            if declarations:
                body = ";".join(d.serialize() for d in declarations)
                out.append(f"{tinycss2.serialize(rule.prelude).strip()}{{{body}}}")
        else:
            out.append(rule.serialize())
    return out
