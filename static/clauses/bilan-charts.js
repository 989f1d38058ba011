// Charts of the yearly bilan (the same figures are in the tables of the page).
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  new Chart(document.getElementById("chart-months"), {
    type: "bar",
    data: { labels: data.months, datasets: [{ label: "Heures", data: data.hours, backgroundColor: "#0b5563" }] },
    options: { animation: false }
  });
  new Chart(document.getElementById("chart-modalities"), {
    type: "doughnut",
    data: {
      labels: data.modalities,
      datasets: [{ data: data.modality_hours, backgroundColor: ["#0b5563", "#b4462b", "#5b6670", "#f0b429"] }]
    },
    options: { animation: false }
  });
})();
