/* Maillage – a small accessible autocomplete (WAI-ARIA 1.2 combobox with a listbox popup), no dependency.
 *
 * <input data-autocomplete="/url/of/suggestions/" [data-autocomplete-append="#textarea-id"]>
 * The URL answers ?q=… with JSON {"results": [{"value": "...", "label": "..."}]} (or {"code", "label"}).
 * Choosing an option (click, or arrows then Enter) writes its value in the input, or appends it as a
 * new line of the textarea named by data-autocomplete-append (lists such as a perimeter of EPCI).
 * Escape closes the list; the number of suggestions is announced in a polite live region.
 * Texts are set with textContent only: suggestions are never parsed as HTML.
 */
(function () {
  "use strict";
  var counter = 0;

  function setup(input) {
    counter += 1;
    var listId = "ac-list-" + counter;
    var list = document.createElement("ul");
    list.id = listId;
    list.setAttribute("role", "listbox");
    list.className = "ac-list list-group position-absolute shadow-sm d-none";
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var wrapper = document.createElement("div");
    wrapper.className = "position-relative";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    wrapper.appendChild(list);
    wrapper.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var url = input.getAttribute("data-autocomplete");
    var appendTo = input.getAttribute("data-autocomplete-append");
    var timer = null;
    var active = -1;
    var options = [];
    var lastQuery = "";

    function close() {
      list.classList.add("d-none");
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (li, i) {
        var on = i === index;
        li.setAttribute("aria-selected", on ? "true" : "false");
        li.classList.toggle("active", on);
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var li = options[index];
      if (!li) { return; }
      var value = li.getAttribute("data-value");
      if (appendTo) {
        var area = document.querySelector(appendTo);
        if (area) {
          var lines = area.value.split("\n").filter(function (line) { return line.trim() !== ""; });
          if (lines.indexOf(value) === -1) { lines.push(value); }
          area.value = lines.join("\n");
        }
        input.value = "";
      } else {
        input.value = value;
      }
      close();
      status.textContent = "Choisi : " + li.textContent;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function normalise(item) {
      // Endpoints of the referentials answer {code, label}: the value shown is « code – label ».
      if (item.value === undefined && item.code !== undefined) {
        var text = item.code + " – " + item.label + (item.fiche_code ? " (" + item.fiche_code + ")" : "");
        return { value: text, label: text };
      }
      return { value: String(item.value), label: String(item.label) };
    }

    function render(results) {
      list.textContent = "";
      options = results.map(normalise).map(function (item, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-value", item.value);
        li.className = "list-group-item list-group-item-action";
        li.textContent = item.label;
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(li);
        return li;
      });
      if (options.length) {
        list.classList.remove("d-none");
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      status.textContent = options.length === 0 ? "Aucune suggestion" :
        options.length + (options.length > 1 ? " suggestions" : " suggestion") + ", flèches pour choisir";
      active = -1;
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < 2 || query === lastQuery) {
        if (query.length < 2) { close(); }
        return;
      }
      lastQuery = query;
      var separator = url.indexOf("?") === -1 ? "?" : "&";
      fetch(url + separator + "q=" + encodeURIComponent(query), {
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        return response.ok ? response.json() : { results: [] };
      }).then(function (data) {
        if (input.value.trim() === query) { render(data.results || []); }
      }).catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && options.length) {
        event.preventDefault();
        if (list.classList.contains("d-none")) { list.classList.remove("d-none"); input.setAttribute("aria-expanded", "true"); }
        highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp" && options.length) {
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0 && !list.classList.contains("d-none")) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  function init(root) {
    (root || document).querySelectorAll("input[data-autocomplete]").forEach(function (input) {
      if (!input.hasAttribute("data-autocomplete-ready")) {
        input.setAttribute("data-autocomplete-ready", "1");
        setup(input);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
})();
