// Observatory diagnostic: job-seeker index chart (line styles, not colour alone) and the EPCI choropleth.
(function () {
  "use strict";
  var dashes = [[], [8, 4], [2, 3], [12, 3, 2, 3]];
  var points = ["circle", "rect", "triangle", "crossRot"];
  var colours = ["#0b5563", "#b4462b", "#5b3f8c", "#4d4d4d"];

  var dataNode = document.getElementById("seekers-chart-data");
  var canvas = document.getElementById("seekers-chart");
  if (dataNode && canvas && typeof Chart !== "undefined") {
    var data = JSON.parse(dataNode.textContent);
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (d, i) {
          return {
            label: d.label, data: d.data, borderColor: colours[i % 4], backgroundColor: colours[i % 4],
            borderDash: dashes[i % 4], pointStyle: points[i % 4], pointRadius: 2, spanGaps: true, borderWidth: 2
          };
        })
      },
      options: { animation: false, plugins: { legend: { labels: { usePointStyle: true } } },
        scales: { y: { title: { display: true, text: "indice (janv. 2020 = 100)" } } } }
    });
  }

  var element = document.getElementById("observatory-map");
  if (!element || typeof L === "undefined") { return; }
  var select = document.getElementById("map-metric");
  var legend = document.getElementById("map-legend");
  var map = L.map(element, { zoomSnap: 0.25, zoomControl: false });
  L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
  map.attributionControl.setPrefix("Leaflet – contours IGN");
  if (element.dataset.tileUrl) { L.tileLayer(element.dataset.tileUrl, { maxZoom: 18 }).addTo(map); }
  // Sequential palette, light to dark; each EPCI also carries its value as a label (not colour alone).
  var scale = ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"];
  var layer = null;
  var features = [];

  function fr(value) {
    return value === null || value === undefined ? "s" : Number(value).toLocaleString("fr-FR");
  }

  function fillTable() {
    features.forEach(function (f) {
      ["seekers_per_thousand", "projects_per_thousand", "difficult_pct"].forEach(function (col) {
        var cell = document.querySelector('td[data-col="' + col + '"][data-code="' + f.properties.code + '"]');
        if (cell) { cell.textContent = fr(f.properties[col]); }
      });
    });
  }

  function draw() {
    var metric = select ? select.value : "seekers_per_thousand";
    var values = features.map(function (f) { return f.properties[metric]; })
      .filter(function (v) { return v !== null && v !== undefined; });
    var min = Math.min.apply(null, values), max = Math.max.apply(null, values);
    function klass(v) {
      if (v === null || v === undefined || max === min) { return 2; }
      return Math.min(4, Math.floor(5 * (v - min) / (max - min)));
    }
    if (layer) { map.removeLayer(layer); }
    layer = L.geoJSON({ type: "FeatureCollection", features: features }, {
      style: function (f) {
        return { color: "#222", weight: 1.5, fillColor: scale[klass(f.properties[metric])], fillOpacity: 0.8 };
      },
      onEachFeature: function (f, featureLayer) {
        var text = document.createElement("span");  // textContent: names are never parsed as HTML
        text.textContent = f.properties.name + " : " + fr(f.properties[metric]);
        featureLayer.bindTooltip(text, { permanent: true, direction: "center", className: "map-label" });
      }
    }).addTo(map);
    if (layer.getBounds().isValid()) { map.fitBounds(layer.getBounds(), { padding: [10, 10] }); }
    if (legend) {
      legend.textContent = "Du plus clair (" + fr(min) + ") au plus foncé (" + fr(max) + ") ; chaque EPCI porte sa valeur.";
    }
  }

  fetch(element.dataset.geojsonUrl, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) { features = data.features; fillTable(); draw(); });
  if (select) { select.addEventListener("change", draw); }
})();
