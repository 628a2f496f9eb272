// Leaflet map of the rounds over the server-drawn SVG: shown only when Leaflet loaded and tiles are configured.
(function () {
  var el = document.getElementById("carte");
  var data = document.getElementById("carte-donnees");
  if (!el || !data || !window.L || !el.dataset.tiles || !navigator.onLine) return;
  var info = JSON.parse(data.textContent);
  el.hidden = false;
  var svg = document.querySelector(".svg-map");
  if (svg) svg.style.display = "none";
  var map = L.map(el);
  L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 18 }).addTo(map);
  var bounds = [[info.hub.lat, info.hub.lon]];
  L.marker([info.hub.lat, info.hub.lon], { title: info.hub.name }).addTo(map).bindPopup(info.hub.name);
  info.rounds.forEach(function (round) {
    var line = [[info.hub.lat, info.hub.lon]];
    round.stops.forEach(function (stop) {
      line.push([stop.lat, stop.lon]);
      bounds.push([stop.lat, stop.lon]);
      L.circleMarker([stop.lat, stop.lon], { color: round.colour, radius: 8 }).addTo(map)
        .bindTooltip(stop.n + ". " + stop.name);
    });
    line.push([info.hub.lat, info.hub.lon]);
    L.polyline(line, { color: round.colour, weight: 3 }).addTo(map);
  });
  map.fitBounds(bounds, { padding: [20, 20] });
})();
