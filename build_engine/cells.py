"""A snippet's ``# %%`` cells, found by their headings, for excerpts on a page.

A cell opens with a heading: the first comment line after ``# %%`` (or text on the
``# %%`` line itself), usually underlined and followed by a paragraph of why:

    # %%
    # Train the networks
    # ------------------
    #
    # Why they are trained this way.
    model.fit(X, y)

An excerpt shows the code below that comment block; the heading becomes its title.
"""

from __future__ import annotations

from dataclasses import dataclass

from snippet_harness import split_cells


@dataclass(frozen=True)
class Cell:
    heading: str
    first_line: int  # line numbers in the file of the code an excerpt shows
    last_line: int
    code: str


class UnknownCell(ValueError):
    pass


def headed_cells(source: str) -> list[Cell]:
    """Every cell that opens with ``# %%``, in file order (the docstring is no cell)."""
    found = []
    for start, text in split_cells(source)[1]:
        lines = text.splitlines()
        if not lines[0].startswith("# %%"):
            continue  # code between the docstring and the first marker
        heading = lines[0][4:].strip()
        body = 1
        while body < len(lines) and lines[body].startswith("#"):
            heading = heading or lines[body].lstrip("#").strip()
            body += 1
        end = len(lines)
        while body < end and not lines[body].strip():
            body += 1
        while end > body and not lines[end - 1].strip():
            end -= 1
        found.append(Cell(heading, start + body, start + end - 1, "\n".join(lines[body:end])))
    return found


def pick(cells: list[Cell], spec: str) -> list[Cell]:
    """The cells a comma-separated list of headings names, in its order.

    A heading may itself hold a comma: the longest heading that fits is taken first.
    """
    by_heading = {cell.heading: cell for cell in cells}
    longest_first = sorted(by_heading, key=len, reverse=True)
    chosen, rest = [], spec.strip()
    while rest:
        heading = next((h for h in longest_first if rest == h or rest.startswith(h + ",")), None)
        if heading is None:
            wanted = rest.split(",")[0].strip()
            raise UnknownCell(f"no cell headed {wanted!r} (its cells: {'; '.join(by_heading) or 'none'})")
        chosen.append(by_heading[heading])
        rest = rest[len(heading):].lstrip(",").strip()
    if not chosen:
        raise UnknownCell('cells="..." names no cell')
    return chosen
