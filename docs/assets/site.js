// Small accessibility fixes to what the theme and mkdocs-jupyter generate, applied on
// every page load (and to content added later, such as Material's code-block buttons).
(function () {
  function fix(root) {
    // Material wraps each code block's copy button in an unnamed <nav>: with two code
    // blocks a page has several identical navigation landmarks (axe: landmark-unique).
    // A copy button is not site navigation, so these are plain containers.
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
    // Notebook pages: code cells and printed output scroll sideways when a line is long.
    // Make each such box focusable so a keyboard can scroll it too, as Material's own
    // code blocks are (axe: scrollable-region-focusable).
    root.querySelectorAll(".jupyter-wrapper .highlight-ipynb:not([tabindex]), " +
                          ".jupyter-wrapper .jp-OutputArea-output pre:not([tabindex])").forEach(function (box) {
      box.setAttribute("tabindex", "0");
    });
  }
  // A display formula wider than its column scrolls sideways in its own box: focusable
  // then. Checked by a ResizeObserver, which runs after layout, so reading the sizes is
  // free; all reads come before any write, so no write forces a new layout.
  var wideMath = new ResizeObserver(function (entries) {
    var wide = entries.map(function (entry) {
      return entry.target.scrollWidth > entry.target.clientWidth + 1;
    });
    entries.forEach(function (entry, i) {
      if (wide[i]) {
        entry.target.setAttribute("tabindex", "0");
      } else if (entry.target.getAttribute("tabindex") === "0") {
        entry.target.removeAttribute("tabindex");
      }
    });
  });
  fix(document);
  document.querySelectorAll(".md-typeset div.math").forEach(function (box) {
    wideMath.observe(box);
  });
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node.nodeType === 1) fix(node.parentNode || node);
      });
    });
  }).observe(document.body, { childList: true, subtree: true });
})();
