// Figure permalinks: selecting a figure's "#" link keeps its normal behaviour (the address gains
// #figure-id, the row is highlighted by CSS :target), then copies the address and shows a citation
// built from the report's citation, the figure's label, the address and today's date.
// Without JavaScript the links still work as plain permalinks.
(function () {
  "use strict";
  var status = null;

  function statusBox() {
    if (!status) {
      status = document.createElement("div");
      status.className = "figure-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    return status;
  }

  function today() {
    return new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  // What the figure is ("Referrals, Leicestershire, 2019/20"): the link's accessible name less its
  // first part, "Link to this figure:" (the parts, each said once on the page: figure_table.py).
  function figureWords(link) {
    var ids = (link.getAttribute("aria-labelledby") || "").split(/\s+/).slice(1);
    return ids.map(function (id) {
      var part = document.getElementById(id);
      return part ? part.textContent : "";
    }).join(" ");
  }

  function citationFor(link, address) {
    var report = document.querySelector("[data-citation]");
    var base = report ? report.getAttribute("data-citation") + " " : "";
    var label = figureWords(link);
    return base + "Figure: " + label + ". Available at: " + address +
      ". Accessed: " + today() + ".";
  }

  function show(link, copied) {
    var box = statusBox();
    var address = window.location.href;
    box.textContent = "";
    var heading = document.createElement("p");
    heading.textContent = copied ? "Link to this figure copied." : "Link to this figure:";
    var url = document.createElement("p");
    url.className = "figure-status__address";
    url.textContent = address;
    var cite = document.createElement("p");
    cite.textContent = "Cite as: " + citationFor(link, address);
    var close = document.createElement("button");
    close.type = "button";
    close.className = "md-button";
    close.textContent = "Close";
    close.addEventListener("click", function () { box.hidden = true; link.focus(); });
    box.append(heading, url, cite, close);
    box.hidden = false;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".figures a[id]");
    if (!link) return;
    // Let the browser follow the link first so the address and :target are updated.
    window.setTimeout(function () {
      var address = window.location.href;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(address).then(
          function () { show(link, true); },
          function () { show(link, false); }
        );
      } else {
        show(link, false);
      }
    }, 0);
  });
})();
