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
  // Blocks that skip rendering while off screen (the rules with content-visibility: auto in
  // site.css) hold the height they had when last drawn, and the first frames are drawn
  // while the page is still arriving. So a block drawn then, half there, and skipped since
  // holds a height it no longer has: a notebook cell of 271 px held 22, its content
  // reaching over the next cells (Lighthouse's axe found one copy button on top of
  // another), and a script of 4868 px held 2014. Once the page has loaded and been drawn,
  // each skipped block that holds any height but its estimate has been drawn before: it
  // is drawn once more, for two frames, and holds its real height from then on. Such a
  // block is off screen, so nothing the reader sees moves.
  var SKIPPABLE = ".md-typeset .snippet-code, .md-typeset figure, .md-typeset .md-typeset__scrollwrap, " +
    ".md-typeset div.math, .md-typeset > :is(p, ul, dl, blockquote, .tabbed-set), .jupyter-wrapper .jp-Cell";
  function heldSinceEarlier(block) {
    var inside = block.firstElementChild;  // a block of text alone holds its height: not checked
    if (!inside || inside.checkVisibility({ contentVisibilityAuto: true })) return false;  // drawn
    if (!block.checkVisibility({ contentVisibilityAuto: true })) return false;  // in a skipped block
    var style = getComputedStyle(block);
    if (style.contentVisibility !== "auto") return false;
    var estimate = parseFloat(style.containIntrinsicHeight.split(" ").pop()) +
      ["paddingTop", "paddingBottom", "borderTopWidth", "borderBottomWidth"].reduce(
        function (sum, side) { return sum + parseFloat(style[side]); }, 0);
    return Math.abs(block.getBoundingClientRect().height - estimate) > 1;
  }
  function redrawBlocksHeldSinceEarlier() {
    var blocks = Array.prototype.filter.call(document.querySelectorAll(SKIPPABLE), heldSinceEarlier);
    blocks.forEach(function (block) { block.style.contentVisibility = "visible"; });
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        blocks.forEach(function (block) { block.style.removeProperty("content-visibility"); });
      });
    });
  }
  if ("checkVisibility" in document.body) {
    addEventListener("load", function () {
      requestAnimationFrame(function () { requestAnimationFrame(redrawBlocksHeldSinceEarlier); });
    });
  }
  fix(document);
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node.nodeType === 1) fix(node.parentNode || node);
      });
    });
  }).observe(document.body, { childList: true, subtree: true });
})();
