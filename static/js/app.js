// Behaviour shared by every page. Page-specific scripts live beside this file.
(function () {
  "use strict";

  // The site menu's disclosure button: on narrow screens (see app.css) the links fold under it.
  // A real <button>, so Enter and Space work; Escape closes the open menu and returns the focus.
  function startMenu() {
    var toggle = document.querySelector(".nav-toggle");
    if (!toggle) return;
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || toggle.getAttribute("aria-expanded") !== "true") return;
      var links = document.getElementById(toggle.getAttribute("aria-controls"));
      if (!links || !links.contains(document.activeElement)) return;
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    });
  }

  // Forms of filters marked data-commit-filters ask the server (and add a history entry) only for
  // a committed change: htmx listens for "filters-commit" (with a delay, so arrowing through a
  // select sends one request), not for every "change". A date field commits when it is left or
  // Enter is pressed, and only with a whole valid date (or none): typing 2022 into its year
  // would otherwise fire for 0002, 0020, 0202 and 2022.
  var committed = new WeakMap(); // field -> the value last sent

  function filtersForm(field) {
    return field && field.form && field.form.matches("[data-commit-filters]") ? field.form : null;
  }

  function commit(field) {
    var form = filtersForm(field);
    if (!form || field.validity.badInput) return;
    if (committed.has(field) ? committed.get(field) === field.value : field.defaultValue === field.value) {
      return;
    }
    committed.set(field, field.value);
    form.dispatchEvent(new CustomEvent("filters-commit", { bubbles: true }));
  }

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (!filtersForm(field) || field.type === "date" || field.type === "search") return;
    if (field.type === "text") return; // text fields commit by typing (the form's keyup trigger)
    commit(field);
  });
  document.addEventListener("focusout", function (event) {
    if (event.target.type === "date") commit(event.target);
  });
  document.addEventListener("submit", function (event) {
    // A submit (Enter or the button) commits everything as it stands.
    if (!event.target.matches("[data-commit-filters]")) return;
    for (var field of event.target.elements) committed.set(field, field.value);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startMenu);
  } else {
    startMenu();
  }
})();
