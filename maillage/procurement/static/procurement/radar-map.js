// Radar map: EPCI outlines (or a circle at the centre of their communes) coloured by the share of
// contracts with a social consideration. No tile server needed; a tile URL is an optional setting.
(function () {
  "use strict";
  var element = document.getElementById("radar-map");
  if (!element || typeof L === "undefined") { return; }
  var colours = { aucune: "#b4462b", faible: "#d98c1f", moyenne: "#5a9bb0", objectif: "#2f6b2f", inconnu: "#8a939b" };
  var map = L.map(element, { zoomSnap: 0.25, attributionControl: true }).setView([46.6, 2.4], 5.5);
  var tileUrl = element.dataset.tileUrl;
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 18, attribution: element.dataset.tileAttribution || "" }).addTo(map);
  }
  function label(p) {
    var share = p.part === null ? "part inconnue" : p.part.toLocaleString("fr-FR") + " % avec considération sociale";
    return p.nom + " — " + p.marches.toLocaleString("fr-FR") + " marchés, " + share;
  }
  fetch(element.dataset.geojsonUrl, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        style: function (feature) {
          var colour = colours[feature.properties.classe] || colours.inconnu;
          return { color: "#333", weight: 1, fillColor: colour, fillOpacity: 0.6 };
        },
        pointToLayer: function (feature, latlng) {
          var count = feature.properties.marches || 0;
          return L.circleMarker(latlng, { radius: Math.min(18, 4 + Math.sqrt(count) / 2) });
        },
        onEachFeature: function (feature, featureLayer) {
          var text = document.createElement("span");  // textContent: names are never parsed as HTML
          text.textContent = label(feature.properties);
          featureLayer.bindTooltip(text);
        }
      }).addTo(map);
      if (layer.getBounds().isValid()) { map.fitBounds(layer.getBounds(), { padding: [10, 10] }); }
    });
})();
