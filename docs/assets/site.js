// Small accessibility fixes to the markup the theme and mkdocs-jupyter generate, applied
// on every page load (and to content added later, such as Material's code-block buttons).
(function () {
  // Material's search box is a role="dialog" without a name (axe: aria-dialog-name).
  var search = document.querySelector(".md-search[role=dialog]:not([aria-label])");
  if (search) search.setAttribute("aria-label", "Search");

  // With navigation.indexes a section's expand toggle holds only an icon, and the section's
  // menu is labelled by it: menus without a name, alike (axe: landmark-unique). Each menu
  // is named after the section's pages (the section's title alone is also the name of the
  // table of contents' menu under a heading of that title, as on the Claims page).
  document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (menu) {
    var toggle = document.getElementById(menu.getAttribute("aria-labelledby"));
    if (toggle && !toggle.textContent.trim()) {
      menu.removeAttribute("aria-labelledby");
      menu.setAttribute("aria-label", "Pages in " + toggle.parentElement.textContent.trim().replace(/\s+/g, " "));
    }
  });

  // A box that scrolls sideways must take the keyboard focus, or a keyboard cannot scroll
  // it (axe: scrollable-region-focusable). Material does this for its code blocks (the
  // notebooks' code cells among them); these are tables, rows of tab labels and display
  // formulas, checked whenever they resize (a table scrolls on a phone, not on a laptop).
  var SCROLLERS = ".md-typeset__scrollwrap, .md-typeset .tabbed-labels, .md-typeset div.math";
  var resized = new ResizeObserver(function (entries) {
    var boxes = entries.map(function (entry) { return entry.target; });
    var wide = boxes.map(function (box) { return box.scrollWidth > box.clientWidth; });  // reads before writes
    boxes.forEach(function (box, i) {
      if (wide[i]) box.setAttribute("tabindex", "0");
      else if (box.getAttribute("tabindex") === "0") box.removeAttribute("tabindex");
    });
  });

  // Material wraps each code block's copy button in an unnamed <nav>: with two code
  // blocks a page has several identical navigation landmarks (axe: landmark-unique).
  // Material adds these and the tables' scrolling boxes from its script: fix them as they come.
  function fix(root) {
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
    root.querySelectorAll(SCROLLERS).forEach(function (box) { resized.observe(box); });
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
