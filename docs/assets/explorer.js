// The training explorer (docs/training/explorer.md): the chosen run's panel is shown and
// the others hidden. A hidden panel holds its figure inside <noscript>, which a browser
// running scripts reads as plain text and loads nothing from; the figure is built from
// that text the first time its run is chosen.
(function () {
  var root = document.querySelector(".explorer");
  if (!root) return;
  var form = root.querySelector(".explorer-controls");
  var status = root.querySelector(".explorer-status");

  function chosen(name) {
    var input = form.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : "";
  }

  function show(announce) {
    var key = chosen("activation") + "_d" + chosen("depth") + "_x" + chosen("scale");
    var panel = root.querySelector('.explorer-run[data-run="' + key + '"]');
    if (!panel) return;
    root.querySelectorAll(".explorer-run").forEach(function (other) {
      other.hidden = other !== panel;
    });
    var held = panel.querySelector("noscript.explorer-figure");
    if (held) {
      var figure = document.createElement("div");
      figure.className = "explorer-figure";
      figure.innerHTML = held.textContent;
      held.replaceWith(figure);
    }
    if (announce) status.textContent = "Showing " + panel.getAttribute("data-title") + ".";
  }

  form.addEventListener("change", function () { show(true); });
  show(false);  // in case the browser restored an earlier choice
})();
