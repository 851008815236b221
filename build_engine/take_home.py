"""What a reader needs to run an example at home: the other snippets it imports (such as
``activations.py``, a library), and one zip holding the example with them.

The chapters' ``{% snippet %}`` meta line and the gallery cards both say so, from here.
"""

from __future__ import annotations

import ast
import functools
import io
import zipfile

# Fixed, so that the same files give the same bytes (zip's earliest date; 0o644 from Unix).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ZIP_MODE = 0o100644 << 16
ZIP_UNIX = 3


def helpers(run, runs: dict) -> list[str]:
    """The snippets ``run`` imports, directly or through one another, as file names."""
    stems = {other.path.stem: name for name, other in runs.items()}
    found: list[str] = []
    pending = [run]
    while pending:
        for module in sorted(imported_modules(pending.pop().path.read_text(encoding="utf-8"))):
            name = stems.get(module)
            if name and name != run.name and name not in found:
                found.append(name)
                pending.append(runs[name])
    return sorted(found)


@functools.lru_cache(maxsize=256)
def imported_modules(source: str) -> frozenset[str]:
    """The top-level modules a source file imports (absolute imports only)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return frozenset(names)


def zip_name(run) -> str:
    """The zip of an example that needs helpers, beside its ``.py`` under examples/."""
    return f"{run.path.stem}.zip"


def zip_bytes(run, runs: dict) -> bytes:
    """A folder named after the example holding it and its helpers, byte-stable."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in [run.name, *helpers(run, runs)]:
            info = zipfile.ZipInfo(f"{run.path.stem}/{name}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = ZIP_UNIX
            info.external_attr = ZIP_MODE
            archive.writestr(info, runs[name].path.read_bytes())
    return buffer.getvalue()


def note(run, runs: dict, link) -> str:
    """Markdown saying what else ``run`` needs, with downloads; "" if nothing.
    ``link(uri)`` makes a link to a file under examples/ from the page at hand."""
    needed = helpers(run, runs)
    if not needed:
        return ""
    files = " and ".join(f"[`{name}`]({link(name)})" for name in needed)
    everything = "all three" if len(needed) == 2 else "both" if len(needed) == 1 else "all of them"
    return f"Needs {files} in the same folder, or download [{everything} as a zip]({link(zip_name(run))})."
