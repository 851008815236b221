"""Finish an executed-notebook page as mkdocs-jupyter wrote it, with plain text edits.

mkdocs-jupyter inlines JupyterLab's whole stylesheet (~575 KB) and a copy button of its own
in every page: dropped. Each code cell becomes a Material code block instead (Material's
token colours, copy button and keyboard focus); docs/assets/site.css styles the rest.
"""

import re
from html import escape

# Added by nbconvert's page template and mkdocs-jupyter: a MathJax loader (empty src) and
# configuration, a Mermaid loader importing from cdnjs, every inline stylesheet (one holds
# the code colours printed as a Python list), and the copy button with its scripts and
# the hidden copy of each cell's source it copies.
ADDED = re.compile(
    r'<script src="">\s*</script>'
    r'|<script type="text/x-mathjax-config">.*?</script>'
    r'|<script type="module">(?:(?!</script>).)*?cdnjs\.cloudflare\.com.*?</script>'
    r"|<style\b[^>]*>.*?</style>"
    r"|<script>(?:(?!</script>).)*?clipboard-copy.*?</script>"
    r'|<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>'
    r'|<div class="clipboard-copy-txt"[^>]*>.*?</div>',  # the source, escaped: no tag inside
    re.S,
)
CODE_CELL = re.compile(r'<div class="highlight-ipynb([^"]*)"><pre>(.*?)</pre>', re.S)
PLACEHOLDER_ALT = re.compile(r'<img alt="No description has been provided for this image"')


def finish(html: str, alts: list[str]) -> str:
    """The page ``html`` finished, with ``alts[n - 1]`` as figure n's alt text."""
    head, article, content = html.partition("<article")  # the theme's own head stays as it is
    content = CODE_CELL.sub(r'<div class="highlight\1"><pre><code>\2</code></pre>', ADDED.sub("", content))
    # Material's copy button finds its block by the id around it: "cell-id=" breaks the selector.
    content = content.replace(' id="cell-id=', ' id="').replace('class="anchor-link"', 'class="headerlink"')
    return with_figure_alts(head + article + content, alts)


def with_figure_alts(html: str, alts: list[str]) -> str:
    """The page with its n-th image given ``alts[n - 1]`` and the id ``figure-n``."""
    count = 0

    def alt(match: re.Match) -> str:
        nonlocal count
        count += 1
        if count > len(alts):
            raise ValueError(f"the page has more images than the {len(alts)} figure(s) its snippet made")
        return f'<img id="figure-{count}" alt="{escape(alts[count - 1])}"'

    return PLACEHOLDER_ALT.sub(alt, html)
