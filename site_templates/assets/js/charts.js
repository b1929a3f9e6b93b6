// Draw every chart on the page from its JSON data block. Without JavaScript the data table that
// follows each chart is what readers get; with it, the chart is added above the table.
(function () {
  "use strict";
  var charts = document.querySelectorAll("[data-chart]");
  if (!charts.length) return;
  var here = document.currentScript && document.currentScript.src;
  var bundle = new URL("plotly-basic.min.js", here || document.baseURI).href;

  function draw() {
    charts.forEach(function (element) {
      var source = document.getElementById(element.getAttribute("data-chart"));
      if (!source) return;
      var figure = JSON.parse(source.textContent);
      var config = { displayModeBar: false, responsive: true };
      window.Plotly.newPlot(element, figure.data, figure.layout, config).then(function () {
        element.classList.add("chart--drawn");
      });
    });
  }

  if (window.Plotly) { draw(); return; }
  var script = document.createElement("script");
  script.src = bundle;
  script.onload = draw;
  document.head.appendChild(script);
})();
