// Material wraps wide tables in a scrolling container at run time; make each one reachable and
// scrollable from the keyboard (WCAG 2.1.1) and give it a name screen readers announce.
(function () {
  "use strict";
  function label(wrapper) {
    if (wrapper.hasAttribute("tabindex")) return;
    var heading = null;
    for (var node = wrapper.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) { heading = node; break; }
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
