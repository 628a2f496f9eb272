/* Maps of the roadmap pages. The page already shows an SVG map drawn on the server and the full list: this script
   only swaps the SVG for an interactive Leaflet map with tiles, and puts the SVG back if the tiles cannot load. */
(function () {
  "use strict";
  if (!window.L || !document.querySelectorAll) { return; }

  var STYLES = {
    held: { radius: 8, color: "#ffffff", weight: 1.5, fillColor: "#2f5d3a", fillOpacity: 1 },
    planned: { radius: 7, color: "#8a4b0f", weight: 3, fillColor: "#ffffff", fillOpacity: 1 },
    none: { radius: 5, color: "#6b756f", weight: 1.5, fillColor: "#ffffff", fillOpacity: 1 },
    place: { radius: 8, color: "#ffffff", weight: 1.5, fillColor: "#14457a", fillOpacity: 1 },
    doubtful: { radius: 8, color: "#14457a", weight: 2, dashArray: "3 2", fillColor: "#ffffff", fillOpacity: 1 }
  };

  function plural(n, word) { return n + " " + word + (n > 1 ? "s" : ""); }

  function describe(kind, p) {
    if (kind === "communes") {
      return { style: p.held ? STYLES.held : (p.planned ? STYLES.planned : STYLES.none),
               lines: [p.name, plural(p.held, "atelier") + " organisé" + (p.held > 1 ? "s" : "") + ", " +
                       plural(p.planned, "atelier") + " prévu" + (p.planned > 1 ? "s" : "")] };
    }
    var lines = [p.name, p.kind];
    if (p.address) { lines.push(p.address); }
    if (p.doubtful) { lines.push("Position approximative"); }
    return { style: p.doubtful ? STYLES.doubtful : STYLES.place, lines: lines };
  }

  function popup(lines) {
    var box = document.createElement("div");
    lines.forEach(function (text, i) {
      var line = document.createElement(i === 0 ? "strong" : "div");
      line.textContent = text;  /* text only: names come from data, never as HTML */
      box.appendChild(line);
    });
    return box;
  }

  Array.prototype.forEach.call(document.querySelectorAll("figure[data-map]"), function (figure) {
    var source = document.getElementById(figure.getAttribute("data-points"));
    var tiles = figure.getAttribute("data-tiles");
    var svg = figure.querySelector("svg");
    if (!source || !tiles || !svg) { return; }
    var kind = figure.getAttribute("data-map");
    var points = JSON.parse(source.textContent).filter(function (p) { return p.lat !== null && p.lon !== null; });
    if (!points.length) { return; }

    var box = document.createElement("div");
    box.className = "leaflet-box";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Carte interactive (la liste complète suit)");
    figure.insertBefore(box, svg);
    svg.style.display = "none";

    var map = L.map(box, { scrollWheelZoom: false });
    var failed = false;
    L.tileLayer(tiles, { maxZoom: 18, attribution: "© les contributeurs d'OpenStreetMap" })
      .on("tileerror", function () {
        if (failed) { return; }
        failed = true;  /* offline or blocked tiles: the drawn map is more useful than an empty grey box */
        map.remove();
        figure.removeChild(box);
        svg.style.display = "";
      })
      .addTo(map);
    var bounds = [];
    points.forEach(function (p) {
      var shown = describe(kind, p);
      L.circleMarker([p.lat, p.lon], shown.style).bindPopup(popup(shown.lines)).addTo(map);
      bounds.push([p.lat, p.lon]);
    });
    map.fitBounds(bounds, { padding: [20, 20] });
  });
})();
