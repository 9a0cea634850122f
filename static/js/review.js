// The review desk: keyboard shortcuts and bulk selection.
//
// Every action is an ordinary htmx button, link or form in the item (marked data-key="a" and so
// on); the keys only find that control in the current item and click it, so the keyboard and
// the mouse do exactly the same thing. After an action swaps the item, the focus moves to the
// next pending item, so a run of approvals is one key each.
//
// The single keys act only while the focus is on the queue itself (an item or the list, never a
// link, button or field in them: Tab reaches the current item), and a switch on the page turns
// them off, remembered in this browser. Outcomes are read out through a polite live region.
(function () {
  "use strict";

  const ITEM = ".review-item";
  const SHORTCUTS_KEY = "review.shortcuts";
  let currentId = null; // the item the keys act on
  let lastActedId = null; // the item last acted on, for "u" when the current one has no undo
  // ids of the items with a request on its way, and how many. A key pressed between one
  // request's swap and its settling ("a", then "u" at once) sends a second before the first has
  // settled; the first one's settling may then never be heard (htmx settles it after the second
  // swap has taken it off the page), so requests are counted off as they return, and the item
  // speaks once none is left on its way.
  const inFlight = new Map();
  const acted = new Set(); // ids of the items whose outcome is still to be announced

  function items() {
    return Array.from(document.querySelectorAll(ITEM));
  }

  function currentItem() {
    const item = currentId && document.getElementById(currentId);
    return item && item.isConnected ? item : null;
  }

  function setCurrent(item, focus) {
    if (!item) return;
    for (const other of document.querySelectorAll(ITEM + '.is-current, ' + ITEM + '[tabindex="0"]')) {
      other.classList.remove("is-current");
      other.tabIndex = -1;
    }
    item.classList.add("is-current");
    item.tabIndex = 0; // the one item Tab stops at
    currentId = item.id;
    if (focus) {
      item.focus({ preventScroll: true });
      item.scrollIntoView({ block: "nearest" });
    }
  }

  function move(step) {
    const all = items();
    if (all.length === 0) return;
    let index = all.indexOf(currentItem());
    if (index === -1) {
      index = step > 0 ? 0 : all.length - 1;
    } else {
      index = Math.min(Math.max(index + step, 0), all.length - 1);
    }
    setCurrent(all[index], true);
  }

  function nextPendingAfter(item) {
    const all = items();
    const index = all.indexOf(item);
    const later = all.slice(index + 1).concat(all.slice(0, Math.max(index, 0)));
    return (
      later.find((other) => other.dataset.status === "pending" && !inFlight.has(other.id)) ||
      null
    );
  }

  function press(item, key) {
    const control = item && item.querySelector('[data-key="' + key + '"]');
    if (!control) return false;
    lastActedId = item.id;
    if (item.classList.contains(htmx.config.settlingClass)) {
      // htmx wires a swapped item's controls when it settles; a click before that would send
      // the form without htmx, as a page load ("a", then "u" at once).
      item.addEventListener("htmx:afterSettle", () => control.click(), { once: true });
    } else {
      control.click();
    }
    return true;
  }

  function closePanel(item) {
    const cancel = item && item.querySelector("[data-panel] [data-cancel]");
    if (cancel) cancel.click();
  }

  function showKeys() {
    const dialog = document.getElementById("review-keys");
    if (dialog && !dialog.open) dialog.showModal();
  }

  function updateBulkCount() {
    const count = document.querySelectorAll("[data-bulk-check]:checked").length;
    for (const label of document.querySelectorAll("[data-bulk-count]")) {
      label.textContent = count ? count + " selected" : "None selected";
    }
  }

  function focusPanel(panel) {
    const field =
      panel.querySelector("input[type=radio]:checked") ||
      panel.querySelector("input:not([type=hidden]), select, textarea, button");
    if (field) field.focus();
  }

  function storedShortcutsOn() {
    try {
      return localStorage.getItem(SHORTCUTS_KEY) !== "off";
    } catch (error) {
      return true; // storage refused: the default
    }
  }
  let shortcutsOn = storedShortcutsOn();

  function onQueue(target) {
    return target.matches(ITEM) || target.id === "queue";
  }

  function announce(text) {
    const region = document.getElementById("review-announce");
    if (!region) return;
    // Emptied first, so the same words said twice are read twice.
    region.textContent = "";
    window.setTimeout(() => {
      region.textContent = text.replace(/\s+/g, " ").trim();
    }, 50);
  }

  function onKeydown(event) {
    if (event.defaultPrevented || event.altKey) return;
    const target = event.target;
    const panel = target.closest && target.closest("[data-panel]");
    const typing = target.closest && target.closest("input, textarea, select, [contenteditable]");

    if (panel && event.key === "Escape") {
      event.preventDefault();
      closePanel(panel.closest(ITEM));
      return;
    }
    if (panel && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      const form = target.closest("form");
      if (form) form.requestSubmit();
      return;
    }
    if (panel && event.key === "Enter" && target.type === "radio") {
      event.preventDefault();
      target.form.requestSubmit();
      return;
    }
    if (typing || event.ctrlKey || event.metaKey) return;
    if (document.querySelector("dialog[open]")) return;
    if (!onQueue(target)) return;
    if (event.key !== "Escape" && !shortcutsOn) return;

    let item = currentItem();
    switch (event.key) {
      case "j":
        move(1);
        break;
      case "k":
        move(-1);
        break;
      case "a":
      case "e":
      case "r":
      case "m":
        if (!item) {
          item = items()[0];
          setCurrent(item, true);
        }
        press(item, event.key);
        break;
      case "u":
        if (!press(item, "u")) {
          const last = lastActedId && document.getElementById(lastActedId);
          if (last) setCurrent(last, true);
          press(last, "u");
        }
        break;
      case "x": {
        const check = item && item.querySelector("[data-bulk-check]");
        if (check) {
          check.checked = !check.checked;
          updateBulkCount();
        }
        break;
      }
      case "?":
        showKeys();
        break;
      case "Escape":
        closePanel(item);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  // An action (a POST from an item) moves the keys to the next pending item at once, while the
  // request is in flight, so a quick run of "a a a" acts on three items, not one three times.
  const undoing = new Set(); // ids of the items whose undo is on its way

  function onBeforeRequest(event) {
    const elt = event.detail.elt;
    const item = elt.closest && elt.closest(ITEM);
    if (!item) return;
    inFlight.set(item.id, (inFlight.get(item.id) || 0) + 1);
    acted.add(item.id);
    if (elt.closest("[data-undo]")) undoing.add(item.id);
    lastActedId = item.id;
    const verb = event.detail.requestConfig && event.detail.requestConfig.verb;
    if (verb === "post" && !elt.closest("[data-undo]") && currentId === item.id) {
      const next = nextPendingAfter(item);
      if (next) setCurrent(next, true);
    }
  }

  // Heard once for every request, also when its swap took the sending control off the page: htmx
  // then tells the nearest ancestor still there, and detail.elt names that ancestor, so the
  // control is read from the request's own config.
  function onAfterRequest(event) {
    const config = event.detail.requestConfig;
    const source = config && config.elt;
    const item = source && source.closest && source.closest(ITEM);
    if (!item || !inFlight.has(item.id)) return;
    const left = inFlight.get(item.id) - 1;
    if (left > 0) {
      inFlight.set(item.id, left);
      return;
    }
    inFlight.delete(item.id);
    if (!event.detail.successful) {
      // Nothing was swapped, so nothing will settle and there is no outcome to announce.
      acted.delete(item.id);
      undoing.delete(item.id);
    }
  }

  // Tab must always find one item to stop at, also after a swap replaced the current one (an
  // action) or the whole queue (a filter, "Next").
  function keepTabStop() {
    const current = currentItem();
    if (current) current.tabIndex = 0;
    else if (items().length) setCurrent(items()[0], false);
  }

  function onAfterSettle(event) {
    updateBulkCount();
    keepTabStop();
    const item = event.target.matches && event.target.matches(ITEM) ? event.target : null;
    // Only an item acted on speaks, once its last request is back (a later one speaks for it).
    if (!item || !acted.has(item.id) || inFlight.has(item.id)) return;
    acted.delete(item.id);
    const outcome = item.querySelector(".item-outcome");
    if (outcome) {
      announce(outcome.querySelector(".outcome-title").textContent);
    } else if (undoing.has(item.id)) {
      announce("Undone: back in the queue.");
    }
    undoing.delete(item.id);
    const panel = item.querySelector("[data-panel]");
    if (panel) {
      // A form opened (or came back with errors): its first field takes the focus.
      setCurrent(item, false);
      focusPanel(panel);
    } else if (item.dataset.status === "pending") {
      // Undone, cancelled, or refused with a notice: the keys come back to it.
      setCurrent(item, true);
    } else if (currentId === item.id) {
      const next = nextPendingAfter(item);
      setCurrent(next || item, true);
    }
  }

  function start() {
    document.addEventListener("keydown", onKeydown);
    document.addEventListener("htmx:beforeRequest", onBeforeRequest);
    document.addEventListener("htmx:afterRequest", onAfterRequest);
    document.addEventListener("htmx:afterSettle", onAfterSettle);
    document.addEventListener("change", (event) => {
      if (event.target.matches("[data-bulk-check]")) updateBulkCount();
    });
    document.addEventListener("focusin", (event) => {
      const item = event.target.closest && event.target.closest(ITEM);
      if (item && item.id !== currentId) setCurrent(item, false);
    });
    document.addEventListener("click", (event) => {
      if (event.target.closest("[data-show-keys]")) showKeys();
    });
    // The first item is current, but the focus stays at the top of the page (the skip link and
    // the filters come first); only a page opened for a form puts the focus in it.
    const first = items()[0];
    if (first) setCurrent(first, false);
    const panel = document.querySelector("[data-panel]");
    if (panel) focusPanel(panel);
    startToggle();
    updateBulkCount();
  }

  function startToggle() {
    const toggle = document.querySelector("[data-shortcuts-toggle]");
    if (!toggle) return;
    toggle.checked = shortcutsOn;
    toggle.closest("[hidden]")?.removeAttribute("hidden");
    toggle.addEventListener("change", () => {
      shortcutsOn = toggle.checked;
      try {
        if (toggle.checked) localStorage.removeItem(SHORTCUTS_KEY);
        else localStorage.setItem(SHORTCUTS_KEY, "off");
      } catch (error) {
        // Not remembered, but the switch still holds for this page.
      }
      document.body.classList.toggle("shortcuts-off", !toggle.checked);
    });
    document.body.classList.toggle("shortcuts-off", !toggle.checked);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
