// A long table (more than LONG rows: the ranking of every council on an indicator page, a report's
// figures) gets a filter box that hides the rows not containing what is typed, and column headers
// that sort the rows (buttons, so the keyboard reaches them, with aria-sort on the sorted column).
// Everything is added here: without JavaScript the page's table is the plain table, every row in
// its published order, and no row carries markup for this.
(function () {
  "use strict";
  var LONG = 20;
  var made = 0;

  // A cell's own text: a stacked table's cells start with a label for phones ("Latest value").
  function text(cell) {
    if (!cell) return "";
    var words = cell.textContent;
    var label = cell.querySelector(".cell-label");
    if (label) words = words.replace(label.textContent, "");
    return words.replace(/\s+/g, " ").trim();
  }

  // The number a cell starts with ("1,234", "23.4%", "£5,000", "-2.1 percentage points"), or NaN
  // for words and markers ("x (not available)"), which sort after every number.
  function number(words) {
    var match = /^[£$]?\s*(-?[\d,]*\.?\d+)/.exec(words);
    return match ? parseFloat(match[1].replace(/,/g, "")) : NaN;
  }

  function sortBy(table, column, direction) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var keys = rows.map(function (row) { return text(row.cells[column]); });
    var numbers = keys.map(number);
    var numeric = numbers.filter(function (n) { return !isNaN(n); }).length * 2 >= keys.length;
    var order = rows.map(function (row, i) { return i; });
    order.sort(function (a, b) {
      var result;
      if (numeric) {
        var x = numbers[a], y = numbers[b];
        if (isNaN(x) || isNaN(y)) return (isNaN(x) - isNaN(y)) || (a - b);  // words last, both ways
        result = x - y;
      } else {
        if (!keys[a] || !keys[b]) return (!keys[a] - !keys[b]) || (a - b);  // empty cells last
        result = keys[a].localeCompare(keys[b], "en-GB", { numeric: true, sensitivity: "base" });
      }
      return (direction === "descending" ? -result : result) || (a - b);
    });
    order.forEach(function (i) { body.appendChild(rows[i]); });
  }

  function addSorting(table, status) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var direction = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", direction);
        sortBy(table, column, direction);
        status.textContent = "Sorted by " + button.textContent.trim() + ", " + direction + ".";
      });
    });
  }

  function addFilter(table, status) {
    made += 1;
    var box = document.createElement("div");
    box.className = "table-filter";
    var label = document.createElement("label");
    label.htmlFor = "table-filter-" + made;
    label.textContent = "Show only rows containing";
    var input = document.createElement("input");
    input.type = "search";
    input.id = label.htmlFor;
    input.autocomplete = "off";
    var rows = table.tBodies[0].rows;
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLowerCase();
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        row.hidden = wanted !== "" && row.textContent.toLowerCase().indexOf(wanted) === -1;
        if (!row.hidden) shown += 1;
      });
      status.textContent = wanted ? shown + " of " + rows.length + " rows shown." : "All " + rows.length + " rows shown.";
    });
    box.append(label, " ", input, status);
    var place = table.closest(".md-typeset__scrollwrap") || table;
    place.parentNode.insertBefore(box, place);
  }

  function enhance(table) {
    if (table.hasAttribute("data-sortable")) return;
    var body = table.tBodies[0];
    if (!table.tHead || !body || body.rows.length <= LONG) return;
    table.setAttribute("data-sortable", "");  // an attribute, not a class: site.css styles table:not([class])
    var status = document.createElement("span");
    status.className = "table-filter__status";
    status.setAttribute("role", "status");
    addFilter(table, status);
    addSorting(table, status);
  }

  document.querySelectorAll("article table").forEach(function (table) {
    if (!table.closest(".chart-table")) enhance(table);  // a chart's table is its chart's data
  });
})();
