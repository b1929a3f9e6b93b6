// An area page keeps each theme's charts in a closed <details>. A link to something inside one (a
// chart's heading from the table of contents, an address shared with #chart-...) opens it first,
// so the reader lands on what the link names; without JavaScript the browser's own handling of
// such links, or a click on the summary, opens it.
(function () {
  "use strict";
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var opened = false;
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) { node.open = true; opened = true; }
    }
    if (opened) target.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();
