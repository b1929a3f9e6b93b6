// Material wraps wide tables in a scrolling container at run time; make each one reachable and
// scrollable from the keyboard (WCAG 2.1.1) and give it a name screen readers announce.
(function () {
  "use strict";
  function label(wrapper) {
    if (wrapper.hasAttribute("tabindex")) return;
    // The nearest heading before it: a long table sits in a block of its own (a .stack div), so
    // the heading may come before one of the wrapper's ancestors rather than before the wrapper.
    var heading = null;
    for (var from = wrapper; from && from !== document.body && !heading; from = from.parentElement) {
      for (var node = from.previousElementSibling; node; node = node.previousElementSibling) {
        if (/^H[1-6]$/.test(node.tagName)) { heading = node; break; }
      }
    }
    wrapper.setAttribute("tabindex", "0");
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", "Table" + (heading ? ": " + heading.textContent.replace("¶", "").trim() : ""));
  }
  function labelAll() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(label);
  }
  new MutationObserver(labelAll).observe(document.body, { childList: true, subtree: true });
  labelAll();
})();
