// Service worker of the courier pages (scope /livreur/): network first, the cached copy when offline.
var CACHE = "comptoir-livreur-v1";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;  // actions are queued by the page itself, never replayed from here
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (!(url.pathname.indexOf("/livreur/") === 0 || url.pathname.indexOf("/static/") === 0)) return;
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(request).then(function (hit) {
        return hit || new Response("Hors ligne : cette page n'a pas encore été ouverte sur ce téléphone.",
          { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
      });
    })
  );
});
