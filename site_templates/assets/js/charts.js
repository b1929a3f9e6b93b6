// Draw each chart from its JSON data block as it comes near the viewport, loading the plotly.js
// bundle only when the first chart is near: a page of thirty charts parses nothing and draws
// nothing until a reader scrolls to one. Without JavaScript the data table that follows each chart
// is what readers get; with it, the chart is drawn above the table, in space the stylesheet has
// reserved, and its download buttons (CSV of the table, SVG and PNG of the picture) are added.
(function () {
  "use strict";
  var charts = document.querySelectorAll("[data-chart]");
  if (!charts.length) return;
  var here = document.currentScript && document.currentScript.src;
  var bundle = new URL("plotly-basic.min.js", here || document.baseURI).href;
  var NEAR = "200px 0px";  // how close to the viewport a chart is drawn
  var NARROW = 480;  // a chart narrower than this (a phone) is lettered smaller, to keep room for the plot
  var waiting = [];
  var loading = false;
  // What every chart of a kind shares: a chart's JSON leaves it out, and expand puts it back, so
  // each chart is drawn as the generator built it (generator/outputs/site/chart_style.py, whose
  // STYLE this is, key for key: tests/test_charts.py checks it).
  var STYLE = {
    "scatter": {
      "layout": {
        "font": {"family": "Roboto, Arial, sans-serif", "size": 14},
        "legend": {"orientation": "h", "x": 0, "y": 0, "yanchor": "bottom", "yref": "container"},
        "margin": {"l": 10, "r": 20, "t": 10, "b": 10},
        "xaxis": {"title": {"text": "Period"}, "type": "category", "categoryorder": "array", "automargin": true},
        "yaxis": {"automargin": true}
      },
      "trace": {
        "type": "scatter",
        "mode": "lines+markers",
        "hovertemplate": "%{text}: %{y}<extra>%{fullData.name}</extra>",
        "connectgaps": false,
        "line": {"color": "#0072B2", "dash": "solid", "width": 2.5},
        "marker": {"size": 8, "color": "#0072B2", "symbol": "circle"}
      }
    },
    "bar": {
      "layout": {
        "barmode": "overlay",
        "font": {"family": "Roboto, Arial, sans-serif", "size": 14},
        "legend": {"orientation": "h", "x": 0, "y": 0, "yanchor": "bottom", "yref": "container"},
        "margin": {"l": 10, "r": 60, "t": 10, "b": 10},
        "xaxis": {"automargin": true},
        "yaxis": {"type": "category", "categoryorder": "array", "autorange": "reversed", "automargin": true}
      },
      "trace": {
        "orientation": "h",
        "textposition": "outside",
        "cliponaxis": false,
        "hovertemplate": "%{y}: %{text}<extra></extra>"
      }
    }
  };

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function merged(shared, own) {
    var result = {};
    Object.keys(shared).forEach(function (key) {
      result[key] = isObject(shared[key]) ? merged(shared[key], {}) : shared[key];
    });
    Object.keys(own).forEach(function (key) {
      var both = isObject(own[key]) && isObject(result[key]);
      result[key] = both ? merged(result[key], own[key]) : own[key];
    });
    return result;
  }

  // A chart's kind is its first trace's type; a line chart's traces carry none (Plotly's default).
  // A line chart without a categoryarray has its first line's periods, in order (chart_style.py).
  function expand(carried) {
    var kind = (carried.data[0] && carried.data[0].type) || "scatter";
    var style = STYLE[kind];
    var figure = {
      data: carried.data.map(function (trace) { return merged(style.trace, trace); }),
      layout: merged(style.layout, carried.layout)
    };
    var axis = figure.layout.xaxis;
    if (kind === "scatter" && figure.data.length && figure.data[0].x && !("categoryarray" in axis)) {
      axis.categoryarray = figure.data[0].x.slice();
    }
    return figure;
  }

  function draw(element) {
    var source = document.getElementById(element.getAttribute("data-chart"));
    if (!source || element.classList.contains("chart--drawn")) return;
    var figure = expand(JSON.parse(source.textContent));
    if (element.clientWidth < NARROW && figure.layout.font) figure.layout.font.size = 12;
    var config = { displayModeBar: false, responsive: true };
    window.Plotly.newPlot(element, figure.data, figure.layout, config).then(function () {
      element.classList.add("chart--drawn");
      addDownloads(element);
    });
  }

  // A drawn chart's download buttons, between its summary and its data table: only a drawn chart
  // has a picture to save, so the page does not carry them for every chart.
  function addDownloads(element) {
    var table = element.nextElementSibling;
    while (table && !table.classList.contains("chart-table")) table = table.nextElementSibling;
    if (!table || document.querySelector("[data-chart-downloads='" + element.id + "']")) return;
    var box = document.createElement("div");
    box.className = "chart-downloads";
    box.setAttribute("data-chart-downloads", element.id);
    box.setAttribute("data-file-name", element.getAttribute("data-file-name") || "chart");
    box.append("Download this chart: ");
    ["csv", "svg", "png"].forEach(function (format, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.setAttribute("data-download", format);
      button.textContent = format.toUpperCase();
      if (index) box.append(" ");
      box.append(button);
    });
    table.parentNode.insertBefore(box, table);
  }

  function whenLoaded(element) {
    if (window.Plotly) { draw(element); return; }
    waiting.push(element);
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = bundle;
    script.async = true;
    script.onload = function () { waiting.splice(0).forEach(draw); };
    document.head.appendChild(script);
  }

  function csvCell(text) {
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function tableCsv(table) {
    return Array.prototype.map.call(table.querySelectorAll("tr"), function (row) {
      return Array.prototype.map.call(row.children, function (cell) {
        return csvCell(cell.textContent.trim());
      }).join(",");
    }).join("\r\n") + "\r\n";
  }

  function save(href, name) {
    var link = document.createElement("a");
    link.href = href;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-download]");
    if (!button) return;
    var box = button.closest("[data-chart-downloads]");
    var element = document.getElementById(box.getAttribute("data-chart-downloads"));
    var name = box.getAttribute("data-file-name") || "chart";
    var format = button.getAttribute("data-download");
    if (format === "csv") {
      var table = box.nextElementSibling.querySelector("table");  // the chart's own data table
      var url = URL.createObjectURL(new Blob(["\ufeff" + tableCsv(table)], { type: "text/csv" }));
      save(url, name + ".csv");
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      return;
    }
    window.Plotly.toImage(element, { format: format, scale: format === "png" ? 2 : 1 }).then(function (href) {
      save(href, name + "." + format);
    });
  });

  function observe() {
    if (!("IntersectionObserver" in window)) { charts.forEach(whenLoaded); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        whenLoaded(entry.target);
      });
    }, { rootMargin: NEAR });
    charts.forEach(function (element) { observer.observe(element); });
  }
  // Nothing competes with the page's first paint and load: a chart near the viewport then is
  // drawn once the page has loaded and the browser is idle.
  function start() {
    if ("requestIdleCallback" in window) window.requestIdleCallback(observe, { timeout: 2000 });
    else window.setTimeout(observe, 0);
  }
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
