// Perimeter map: EPCI outlines from GeoJSON, no tile server needed (an optional tile URL is a setting).
(function () {
  "use strict";
  var element = document.getElementById("perimeter-map");
  if (!element || typeof L === "undefined") { return; }
  var map = L.map(element, { zoomSnap: 0.25, attributionControl: true, zoomControl: false });
  L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
  map.attributionControl.setPrefix("Leaflet – contours IGN GEOFLA");
  var tileUrl = element.dataset.tileUrl;
  if (tileUrl) { L.tileLayer(tileUrl, { maxZoom: 18 }).addTo(map); }
  var palette = ["#0b5563", "#b4462b", "#5b3f8c", "#2f6b2f", "#8a5a00", "#1f4e99", "#7a2048", "#3d5a5a"];
  fetch(element.dataset.geojsonUrl, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var index = 0;
      var layer = L.geoJSON(data, {
        style: function () {
          var color = palette[index++ % palette.length];
          return { color: color, weight: 2, fillColor: color, fillOpacity: 0.25 };
        },
        onEachFeature: function (feature, featureLayer) {
          var p = feature.properties;
          var text = document.createElement("span");  // textContent: names are never parsed as HTML
          text.textContent = p.nom + " — " + p.communes + " communes, " +
            p.population.toLocaleString("fr-FR") + " habitants";
          featureLayer.bindTooltip(text);
        }
      }).addTo(map);
      if (layer.getBounds().isValid()) { map.fitBounds(layer.getBounds(), { padding: [10, 10] }); }
    });
})();
