// Small behaviours declared in the markup with data-* attributes, so that no template needs inline
// script code or on* handlers (strict Content-Security-Policy, see config/settings.py).
//   data-confirm="Question ?"   on a form (submit) or a button/link (click): asks before going on.
//   data-autofocus              the element is focused when the page loads (e.g. the error summary).
//   data-announce="element-id"  after an htmx swap, its text is copied into that live region.
// And a refused htmx request (429 too many searches, 5xx) says so in its target instead of leaving
// the old results in place without a word (htmx swaps nothing on an error).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches && form.matches("form[data-confirm]") && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
  document.addEventListener("click", function (event) {
    var trigger = event.target.closest && event.target.closest("button[data-confirm], a[data-confirm]");
    if (trigger && !window.confirm(trigger.dataset.confirm)) { event.preventDefault(); }
  });
  function announce(root) {
    (root.querySelectorAll ? root.querySelectorAll("[data-announce]") : []).forEach(function (source) {
      var target = document.getElementById(source.dataset.announce);
      if (target) { target.textContent = source.textContent; }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var first = document.querySelector("[data-autofocus]");
    if (first) { first.focus(); }
  });
  document.addEventListener("htmx:afterSwap", function (event) { announce(event.detail.target); });
  document.addEventListener("htmx:oobAfterSwap", function (event) { announce(event.detail.target); });
  document.addEventListener("htmx:responseError", function (event) {
    var target = event.detail.target;
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (!target) { return; }
    var message = document.createElement("p");
    message.className = "alert alert-warning";
    message.setAttribute("role", "alert");
    message.textContent = status === 429
      ? "Trop de recherches depuis votre connexion : la liste n'est plus mise à jour. Réessayez dans quelques minutes."
      : "La liste n'a pas pu être mise à jour (erreur " + status + "). Rechargez la page.";
    target.replaceChildren(message);
  });
})();
