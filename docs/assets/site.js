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
  // then. A formula skips rendering while off screen (site.css), so it is watched only
  // while it is drawn (measuring it earlier would force it to render). A ResizeObserver
  // reports a box after layout, when reading its size is free: once when it starts
  // watching the box, and whenever the box changes size. All reads come before any write.
  var resized = new ResizeObserver(function (entries) {
    var boxes = entries.map(function (entry) { return entry.target; });
    var wide = boxes.map(function (box) { return box.scrollWidth > box.clientWidth + 1; });
    boxes.forEach(function (box, i) {
      if (wide[i]) {
        box.setAttribute("tabindex", "0");
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
      }
    });
  });
  var reportsDrawing = "oncontentvisibilityautostatechange" in document.body;
  document.querySelectorAll(".md-typeset div.math").forEach(function (box) {
    if (!reportsDrawing) {
      resized.observe(box);
      return;
    }
    box.addEventListener("contentvisibilityautostatechange", function (event) {
      resized.unobserve(box);
      if (!event.skipped) resized.observe(box);
    });
  });
  fix(document);
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node.nodeType === 1) fix(node.parentNode || node);
      });
    });
  }).observe(document.body, { childList: true, subtree: true });
})();
