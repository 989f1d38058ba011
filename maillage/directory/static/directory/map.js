// Directory map: one marker per service found (data passed with json_script, names set as text only).
// No tile server needed; a tile URL is an optional setting.
(function () {
  "use strict";
  var element = document.getElementById("directory-map");
  var source = document.getElementById("directory-points");
  if (!element || !source || typeof L === "undefined") { return; }
  var points = JSON.parse(source.textContent);
  var map = L.map(element, { zoomSnap: 0.25 }).setView([49.02, 1.15], 9);
  if (element.dataset.tileUrl) {
    L.tileLayer(element.dataset.tileUrl, { maxZoom: 18, attribution: element.dataset.tileAttribution || "" }).addTo(map);
  }
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.circleMarker([p.lat, p.lon], { radius: 6, color: "#0b5563", weight: 2, fillOpacity: 0.7 });
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = element.dataset.detailUrl + p.id + "/";
    link.textContent = p.nom;
    var structure = document.createElement("div");
    structure.textContent = p.structure;
    box.appendChild(link);
    box.appendChild(structure);
    marker.bindPopup(box);
    marker.bindTooltip(p.nom);
    marker.addTo(map);
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length === 1) { map.setView(bounds[0], 12); }
  else if (bounds.length > 1) { map.fitBounds(bounds, { padding: [16, 16], maxZoom: 13 }); }
})();
