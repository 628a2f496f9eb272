// Progress of an import: the element carrying hx-get is replaced by the server's fragment every second, as htmx's
// `hx-trigger="every 1s"` would do (the page also refreshes itself without JavaScript through <noscript>).
(function () {
  function poll() {
    var box = document.querySelector("#import-status[hx-get]");
    if (!box) { return; }
    fetch(box.getAttribute("hx-get"), {headers: {"HX-Request": "true"}, credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html) { box.outerHTML = html; }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  if (!window.htmx) { setTimeout(poll, 1000); }
})();
