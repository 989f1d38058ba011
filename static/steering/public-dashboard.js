// Public steering dashboard: a map of the EPCI outlines and a bar chart of one figure by EPCI.
// The figures are also in the table below them (never the map or the colours alone).
(function () {
  "use strict";
  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  var mapElement = document.getElementById("public-map");
  var mapData = read("public-map-data");
  if (mapElement && mapData && typeof L !== "undefined") {
    var map = L.map(mapElement, { zoomSnap: 0.25, zoomControl: false });
    L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
    map.attributionControl.setPrefix("Leaflet – contours IGN");
    var palette = ["#0b5563", "#b4462b", "#5b3f8c", "#2f6b2f", "#8a5a00", "#1f4e99", "#7a2048", "#3d5a5a"];
    var group = L.featureGroup();
    mapData.epcis.forEach(function (epci, index) {
      var color = palette[index % palette.length];
      L.geoJSON(epci.outline, { style: { color: color, weight: 2, fillColor: color, fillOpacity: 0.25 } })
        .bindTooltip(epci.name)
        .addTo(group);
    });
    group.addTo(map);
    if (group.getBounds().isValid()) { map.fitBounds(group.getBounds(), { padding: [10, 10] }); }
  }
  var chartElement = document.getElementById("public-chart");
  var chartData = read("public-chart-data");
  if (chartElement && chartData && typeof Chart !== "undefined") {
    new Chart(chartElement, {
      type: "bar",
      data: {
        labels: chartData.labels,
        datasets: [{ label: chartData.label + " (" + chartData.unit + ")", data: chartData.values, backgroundColor: "#0b5563" }]
      },
      options: { animation: false, indexAxis: "y" }
    });
  }
})();
