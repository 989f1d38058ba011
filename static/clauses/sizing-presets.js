// Choosing a preset fills in its parameters (the calculation itself is done by the server).
(function () {
  "use strict";
  var source = document.getElementById("sizing-presets");
  var select = document.getElementById("id_preset");
  if (!source || !select) { return; }
  var presets = JSON.parse(source.textContent);
  select.addEventListener("change", function () {
    var preset = presets[select.value];
    if (!preset) { return; }
    Object.keys(preset).forEach(function (name) {
      var field = document.getElementById("id_" + name);
      if (field) { field.value = preset[name]; }
    });
    var amount = document.getElementById("id_amount");
    if (amount) { amount.dispatchEvent(new Event("input", { bubbles: true })); }
  });
})();
