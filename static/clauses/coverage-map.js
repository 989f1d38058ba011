// Coordination map: EPCI coloured by coverage. The popup is built with DOM nodes and textContent:
// organisation names are user data and are never parsed as HTML (stored XSS, issue #9).
(function () {
  "use strict";
  var element = document.getElementById("carte");
  if (!element || typeof L === "undefined") { return; }
  var map = L.map(element, { attributionControl: true });
  if (element.dataset.tileUrl) { L.tileLayer(element.dataset.tileUrl).addTo(map); }
  var colours = { "couvert": "#0b5563", "chevauchement": "#f0b429", "non couvert": "#b4462b" };
  function line(parent, label, value) {
    var div = document.createElement("div");
    if (label) {
      div.appendChild(document.createTextNode(label + " : "));
    }
    div.appendChild(document.createTextNode(value === undefined || value === null ? "" : String(value)));
    parent.appendChild(div);
  }
  function popup(p) {
    var root = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = p.name;
    root.appendChild(title);
    line(root, "", p.status);
    line(root, "Structures", p.structures);
    line(root, "Lots clausés", p.clause_lots);
    line(root, "Sans clause", p.missing);
    return root;
  }
  fetch(element.dataset.geojsonUrl, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        style: function (f) {
          return { color: "#333", weight: 1, fillColor: colours[f.properties.status], fillOpacity: 0.6 };
        },
        onEachFeature: function (f, l) { l.bindPopup(popup(f.properties)); }
      }).addTo(map);
      if (layer.getBounds().isValid()) { map.fitBounds(layer.getBounds()); }
    });
})();
