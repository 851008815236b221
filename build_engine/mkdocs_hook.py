"""MkDocs hook: the build engine's events, and nothing else.

* ``on_config``: a fresh :class:`Build` for this build (``mkdocs serve`` makes one per
  rebuild), kept in the config that MkDocs hands to every later event.
* ``on_files``: run every snippet (:mod:`snippet_runner`: parallel, cached by content),
  add the example files (:mod:`gallery`), read the alt text of every figure from the
  chapters' ``{% figure %}`` directives (:mod:`directives`), then add the gallery page,
  which groups the examples by the chapters that place them (:mod:`gallery`).
* ``on_page_markdown``: render a page's directives (:mod:`directives`).
* ``on_page_content``: math as MathML (:mod:`mathml`).
* ``on_post_page``: finish each executed-notebook page (:mod:`notebook_pages`).
"""

from __future__ import annotations

import logging
import os
import posixpath
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

# Sibling modules: MkDocs puts this folder on sys.path while it loads a hook.
import directives
import gallery
import mathml
import notebook_pages
import snippet_runner
from layout import CACHE_DIR, EXAMPLES_DIR, NOTEBOOK_STAGING, SNIPPET_DIR

STATE = "build_engine"  # the key of this build's Build in MkDocs' config
QUIET_LOGGERS = ("mkdocs.plugins.mkdocs_jupyter", "mkdocs.mkdocs-jupyter")

log = logging.getLogger("mkdocs.hooks.snippets")


@dataclass
class Build:
    """What one build knows, handed from event to event."""

    root: Path
    runs: dict[str, snippet_runner.SnippetRun] = field(default_factory=dict)
    # (snippet stem, figure number) -> the alt text the chapter placing that figure gives it
    figure_alts: dict[tuple[str, int], str] = field(default_factory=dict)


def on_config(config):
    # mkdocs-jupyter logs three lines per notebook at INFO: the build log is the
    # engine's lines; its warnings and errors still show.
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    root = Path(config.config_file_path).resolve().parent
    config[STATE] = Build(root)
    return config


@event_priority(100)  # before mkdocs-jupyter turns the generated notebooks into pages
def on_files(files: Files, config) -> Files:
    build: Build = config[STATE]
    try:
        build.runs = snippet_runner.run_snippets(
            snippet_runner.discover(build.root / SNIPPET_DIR),
            build.root / CACHE_DIR,
            build.root,
            # For the benchmark only: load cached outputs without checking them.
            trust_cache=os.environ.get("SNIPPETS_RENDER_ONLY") == "1",
            log=log.info,
        )
    except snippet_runner.SnippetFailure as failure:
        # A failed snippet must not leave its previous outputs in a served site.
        for name in failure.failures:
            shutil.rmtree(Path(config.site_dir) / EXAMPLES_DIR / Path(name).stem, ignore_errors=True)
        raise PluginError(str(failure)) from None

    staging = build.root / NOTEBOOK_STAGING
    for uri, path in gallery.example_files(build.runs, staging):
        if path.is_relative_to(staging):
            files.append(File(uri, src_dir=str(staging), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls))
        else:
            files.append(File.generated(config, uri, abs_src_path=str(path)))

    # Every alt text before any page is rendered: a notebook page may be written first.
    pages = []
    for file in files.documentation_pages():
        source = file.content_string
        markdown = get_data(source)[0]
        pages.append((file.src_uri, markdown, directives.start_line(markdown, source)))
    try:
        build.figure_alts = directives.figure_alt_texts(pages, build.runs)
    except directives.DirectiveError as error:
        raise PluginError(str(error)) from None
    missing = []
    for run in build.runs.values():
        numbers = [n for n in range(1, len(run.figures) + 1) if (run.path.stem, n) not in build.figure_alts]
        if numbers:
            which = f"figure {numbers[0]} of {run.name} has" if len(numbers) == 1 else (
                f"figures {', '.join(map(str, numbers))} of {run.name} have"
            )
            missing.append(
                f"{EXAMPLES_DIR}/{run.path.stem}: {which} no alt text: place each in a chapter "
                f'with {{% figure "{run.name}" {numbers[0]} alt="what it shows" %}}'
            )
    if missing:
        raise PluginError("\n".join(missing))
    gallery_page = gallery.gallery_markdown(build.runs, config["nav"], pages, build.figure_alts)
    files.append(File.generated(config, f"{EXAMPLES_DIR}/index.md", content=gallery_page))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    try:
        return directives.render_page(
            markdown, config[STATE].runs, page.file.src_uri, directives.start_line(markdown, page.file.content_string)
        )
    except directives.DirectiveError as error:
        raise PluginError(str(error)) from None


def on_page_content(html: str, page, config, files) -> str:
    if notebook_stem(page):
        # Keep the executed notebooks out of the search index that every page loads:
        # the chapters are where things are found.
        page.meta.setdefault("search", {})["exclude"] = True
    try:
        return mathml.with_mathml(html)
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def on_post_page(output: str, page, config) -> str:
    stem = notebook_stem(page)
    if not stem:
        return output
    build: Build = config[STATE]
    alts = [build.figure_alts[(stem, number)] for number in range(1, len(build.runs[f"{stem}.py"].figures) + 1)]
    try:
        return notebook_pages.finish(output, alts)
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def notebook_stem(page) -> str | None:
    """The snippet stem of an executed-notebook page; None for any other page."""
    uri = page.file.src_uri
    if uri.startswith(f"{EXAMPLES_DIR}/") and uri.endswith(".ipynb"):
        return posixpath.splitext(posixpath.basename(uri))[0]
    return None
