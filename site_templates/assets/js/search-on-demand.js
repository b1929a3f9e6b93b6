// The search index is fetched when a reader opens search, not on every page. Material for MkDocs
// asks for it (search/search_index.json, 1.4 MB for the national site) as each page loads over
// http(s), and parses it on the main thread, which a phone then spends a few hundred milliseconds
// on; it waits for the reader only on file:// pages. This holds that one request back until the
// search toggle is switched on (the search button, a keyboard shortcut, ?q= in the address) or the
// search box gets the focus: the theme shows "Initializing search" meanwhile and runs what was typed
// once the index has come. Every other request passes untouched, and so does Zensical's search,
// which reads search.json by itself. Loaded in the head, before the theme's bundle.
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var indexRequests = new WeakSet();
  var held = [];
  var wanted = false;

  function release() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (go) { go(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    if (INDEX.test(new URL(String(url), document.baseURI).pathname)) indexRequests.add(this);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (wanted || !indexRequests.has(request)) return send.apply(request, args);
    held.push(function () { send.apply(request, args); });
  };

  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) release();
  }, true);
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target.matches && target.matches("[data-md-component=search-query]")) release();
  }, true);
})();
