// The courier's round offline: the page is cached by the service worker; actions made without network wait in
// localStorage with their real time and a client action id, and are sent to the sync endpoint when back online.
(function () {
  var script = document.currentScript;
  var SYNC_URL = script && script.dataset.sync;
  var SW_URL = script && script.dataset.sw;
  var KEY = "comptoir-actions";
  var banner = document.getElementById("etat-reseau");

  if ("serviceWorker" in navigator && SW_URL) {
    navigator.serviceWorker.register(SW_URL, { scope: "/livreur/" }).catch(function () {});
  }

  function queue() { try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; } }
  function save(items) { localStorage.setItem(KEY, JSON.stringify(items)); }
  function csrf() { var i = document.querySelector("input[name=csrfmiddlewaretoken]"); return i ? i.value : ""; }

  function show() {
    if (!banner) return;
    var waiting = queue().length;
    banner.textContent = (navigator.onLine ? "En ligne" : "Hors ligne") +
      (waiting ? " — " + waiting + " action(s) en attente de synchronisation" : "");
  }

  function markStop(stopId, text, cls) {
    var li = document.getElementById("arret-" + stopId);
    if (!li) return;
    li.classList.add(cls);
    var status = li.querySelector("[data-status]");
    if (status) status.textContent = text;
    li.querySelectorAll("form.stop-action").forEach(function (f) { f.hidden = true; });
  }

  function flush() {
    var items = queue();
    if (!items.length || !navigator.onLine || !SYNC_URL) { show(); return Promise.resolve(); }
    return fetch(SYNC_URL, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(items)
    }).then(function (r) { return r.json(); }).then(function (answer) {
      var done = {};
      (answer.results || []).forEach(function (res) { done[res.id] = res; });
      save(queue().filter(function (item) { return !done[item.client_action_id]; }));
      items.forEach(function (item) {
        var res = done[item.client_action_id];
        if (res) markStop(item.stop, res.ok ? "Synchronisé : " + (res.status === "done" ? "fait" : "problème")
          : "Refusé : " + res.error, res.ok ? "stop-" + res.status : "stop-problem");
      });
      show();
    }).catch(show);
  }

  function fromForm(form) {
    var data = new FormData(form);
    var item = { stop: form.dataset.stop, parcels: data.getAll("parcels") };
    data.forEach(function (value, key) { if (key !== "parcels" && key !== "csrfmiddlewaretoken") item[key] = value; });
    item.happened_at = new Date().toISOString();
    if (!item.client_action_id) item.client_action_id = String(Date.now()) + Math.random().toString(16).slice(2);
    return item;
  }

  document.querySelectorAll("form.stop-action").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var stamp = form.querySelector("input[name=happened_at]");
      if (stamp) stamp.value = new Date().toISOString();
      if (navigator.onLine) return;  // online: the plain form posts, the server answers with the page
      event.preventDefault();
      var item = fromForm(form);
      var items = queue(); items.push(item); save(items);
      markStop(item.stop, "En attente de synchronisation (" + (item.action === "done" ? "fait" : "problème") + ")",
               "stop-queued");
      show();
    });
  });

  // Signature: draw with a finger; the PNG goes in the hidden field when the form is sent.
  document.querySelectorAll("canvas[data-signature]").forEach(function (canvas) {
    var ctx = canvas.getContext("2d"), drawing = false, used = false;
    var field = canvas.parentNode.querySelector("input[name=signature]");
    function pos(e) { var r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; }
    canvas.addEventListener("pointerdown", function (e) { drawing = used = true; ctx.beginPath(); ctx.moveTo.apply(ctx, pos(e)); });
    canvas.addEventListener("pointermove", function (e) { if (drawing) { ctx.lineTo.apply(ctx, pos(e)); ctx.stroke(); } });
    window.addEventListener("pointerup", function () {
      if (drawing && used && field) field.value = canvas.toDataURL("image/png");
      drawing = false;
    });
    var clear = canvas.parentNode.querySelector("[data-clear]");
    if (clear) clear.addEventListener("click", function () { ctx.clearRect(0, 0, canvas.width, canvas.height); if (field) field.value = ""; });
  });

  window.addEventListener("online", flush);
  window.addEventListener("offline", show);
  // A page reopened from the cache shows what is still waiting to be sent.
  queue().forEach(function (item) {
    markStop(item.stop, "En attente de synchronisation (" + (item.action === "done" ? "fait" : "problème") + ")",
             "stop-queued");
  });
  show();
  flush();
})();
