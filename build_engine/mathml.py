"""Math written ``$...$`` / ``$$...$$`` (pymdownx.arithmatex, generic mode), as MathML.

Pages then render formulas with no script and no font download.
"""

from __future__ import annotations

import re
from html import unescape

import latex2mathml.converter

ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)


def with_mathml(html: str) -> str:
    """``html`` with every arithmatex span (inline) and div (display) as MathML."""

    def to_mathml(match: re.Match) -> str:
        tag, tex = match.group(1), unescape(match.group(2)).strip()
        tex = tex[2:-2] if tex[:2] in ("\\(", "\\[") else tex
        try:
            mathml = latex2mathml.converter.convert(tex.strip(), display="block" if tag == "div" else "inline")
        except Exception as error:  # noqa: BLE001 - latex2mathml raises many kinds; all mean bad TeX
            raise ValueError(f"cannot render math {tex!r}: {error}") from None
        return f'<{tag} class="math">{mathml}</{tag}>'

    return ARITHMATEX.sub(to_mathml, html)
