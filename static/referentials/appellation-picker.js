// Accessible combobox of ROME appellations (keyboard: arrows, Enter, Escape); see _appellation_picker.html.
(function () {
  "use strict";
  if (window.maillageAppellationPicker) { return; }
  window.maillageAppellationPicker = true;
  var COMBO = "[data-appellation-picker] [role=combobox]";

  function parts(element) {
    var root = element.closest("[data-appellation-picker]");
    return root && {
      input: root.querySelector("[role=combobox]"),
      hidden: root.querySelector("input[type=hidden]"),
      list: root.querySelector("[role=listbox]"),
      status: root.querySelector("[data-picker-status]")
    };
  }
  function options(p) { return Array.prototype.slice.call(p.list.querySelectorAll("[role=option][data-code]")); }
  function open(p) { p.list.hidden = false; p.input.setAttribute("aria-expanded", "true"); }
  function close(p) {
    p.list.hidden = true;
    p.input.setAttribute("aria-expanded", "false");
    p.input.removeAttribute("aria-activedescendant");
  }
  function choose(p, option) {
    p.hidden.value = option.dataset.code;
    p.input.value = option.dataset.label;
    close(p);
    p.status.textContent = "Appellation choisie : " + option.dataset.label;
    p.hidden.dispatchEvent(new Event("change", { bubbles: true }));
  }
  function move(p, delta) {
    var list = options(p);
    if (!list.length) { return; }
    open(p);
    var index = list.findIndex(function (o) { return o.getAttribute("aria-selected") === "true"; });
    list.forEach(function (o) { o.setAttribute("aria-selected", "false"); o.classList.remove("active"); });
    index = index < 0 ? (delta > 0 ? 0 : list.length - 1) : (index + delta + list.length) % list.length;
    list[index].setAttribute("aria-selected", "true");
    list[index].classList.add("active");
    p.input.setAttribute("aria-activedescendant", list[index].id);
    list[index].scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (event) {
    if (!event.target.matches(COMBO)) { return; }
    var p = parts(event.target);
    if (event.key === "ArrowDown") { event.preventDefault(); move(p, 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(p, -1); }
    else if (event.key === "Enter") {
      var active = p.input.getAttribute("aria-activedescendant");
      if (active && !p.list.hidden) { event.preventDefault(); choose(p, document.getElementById(active)); }
    } else if (event.key === "Escape") { close(p); }
  });
  document.addEventListener("input", function (event) {
    if (event.target.matches(COMBO)) { parts(event.target).hidden.value = ""; }
  });
  document.addEventListener("click", function (event) {
    var option = event.target.closest("[data-appellation-picker] [role=option][data-code]");
    if (option) { choose(parts(option), option); return; }
    document.querySelectorAll("[data-appellation-picker]").forEach(function (root) {
      if (!root.contains(event.target)) { close(parts(root)); }
    });
  });
  // The text typed is sent as "q" (no hx-vals "js:" expression: it needs eval, refused by the CSP).
  document.addEventListener("htmx:configRequest", function (event) {
    var element = event.detail.elt;
    if (element.matches && element.matches(COMBO)) { event.detail.parameters.q = element.value; }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var list = event.target;
    if (!list.matches || !list.matches("[data-appellation-picker] [role=listbox]")) { return; }
    var p = parts(list);
    var count = options(p).length;
    p.input.removeAttribute("aria-activedescendant");
    if (!list.children.length) { close(p); p.status.textContent = ""; return; }
    open(p);
    p.status.textContent = count
      ? count + (count > 1 ? " appellations proposées" : " appellation proposée") + ". Flèches haut et bas pour parcourir, Entrée pour choisir."
      : "Aucune appellation ne correspond.";
  });
})();
