// Announces the number of communes found after each search (screen readers).
(function () {
  "use strict";
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target.id !== "commune-results") { return; }
    var count = document.getElementById("commune-count");
    document.getElementById("commune-announce").textContent = count ? count.textContent : "";
  });
})();
