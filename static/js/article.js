// The article page: adding a development the machine missed, from selected words or from a
// sentence chosen with the keyboard.
//
// Every piece of the printed text is an element that knows its offsets in the article's text
// (data-start, data-end), so a selection becomes the offsets the server reads. The form comes
// from the same address the no-JavaScript links use (…/entries/new?start=&end=), swapped in
// place by htmx; its POST carries the CSRF token from the body's hx-headers.
(function () {
  "use strict";

  const BODY = "#article-body";
  const PANEL = "#add-entry";

  function body() {
    return document.querySelector(BODY);
  }

  // Offsets are counted in code points, as Python counts them; JavaScript strings count
  // UTF-16 units, which differ from code points past U+FFFF.
  function codePoints(text) {
    return Array.from(text).length;
  }

  function piece(node) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return element && element.closest("[data-start]");
  }

  // The article offset of a selection boundary (node, offset).
  function offsetOf(node, offset, isEnd) {
    if (node.nodeType === Node.TEXT_NODE) {
      const owner = piece(node);
      if (!owner) return null;
      return Number(owner.dataset.start) + codePoints(node.data.slice(0, offset));
    }
    // A boundary between elements: the piece after it starts there, the one before ends there.
    const after = node.childNodes[offset];
    const before = node.childNodes[offset - 1];
    const owner = piece(node);
    if (owner && node === owner) {
      return Number(offset === 0 ? owner.dataset.start : owner.dataset.end);
    }
    if (isEnd && before) {
      const last = before.matches && before.matches("[data-start]") ? before : lastPiece(before);
      if (last) return Number(last.dataset.end);
    }
    if (after) {
      const first = after.matches && after.matches("[data-start]") ? after : firstPiece(after);
      if (first) return Number(first.dataset.start);
    }
    if (before) {
      const last = before.matches && before.matches("[data-start]") ? before : lastPiece(before);
      if (last) return Number(last.dataset.end);
    }
    return null;
  }

  function firstPiece(node) {
    return node.querySelector ? node.querySelector("[data-start]") : null;
  }

  function lastPiece(node) {
    const all = node.querySelectorAll ? node.querySelectorAll("[data-start]") : [];
    return all.length ? all[all.length - 1] : null;
  }

  // The selected words as article offsets, without the blanks at either edge; null when
  // nothing in the article's text is selected.
  function selectedSpan() {
    const text = body();
    const selection = window.getSelection();
    if (!text || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return null;
    let start = offsetOf(range.startContainer, range.startOffset, false);
    let end = offsetOf(range.endContainer, range.endOffset, true);
    if (start === null || end === null) return null;
    const words = range.toString();
    start += codePoints(words.match(/^\s*/)[0]);
    end -= codePoints(words.match(/\s*$/)[0]);
    return end > start ? { start: start, end: end } : null;
  }

  function sentences() {
    const text = body();
    return text ? Array.from(text.querySelectorAll(".sentence")) : [];
  }

  function currentSentence() {
    const focused = document.activeElement;
    return focused && focused.classList && focused.classList.contains("sentence") ? focused : null;
  }

  function moveSentence(step) {
    const all = sentences();
    if (all.length === 0) return;
    let index = all.indexOf(currentSentence());
    index = index === -1 ? (step > 0 ? 0 : all.length - 1) : index + step;
    const next = all[Math.min(Math.max(index, 0), all.length - 1)];
    next.focus();
  }

  function openForm(span) {
    const text = body();
    if (!text || !span || !window.htmx) return;
    const url = text.dataset.addUrl + "?start=" + span.start + "&end=" + span.end;
    window.htmx.ajax("GET", url, { target: PANEL, swap: "innerHTML" });
  }

  function updateToolbar() {
    const button = document.querySelector("[data-add-selection]");
    const status = document.querySelector("[data-add-selection-status]");
    if (!button) return;
    const span = selectedSpan();
    button.disabled = !span;
    if (status) {
      status.textContent = span
        ? (span.end - span.start) + " characters selected."
        : "Select words in the text first.";
    }
  }

  function closePanel() {
    const panel = document.querySelector(PANEL);
    if (panel) panel.innerHTML = "";
    const text = body();
    if (text) text.focus();
  }

  // Keys act only when the focus is on the article's text itself: never in a field, a link
  // or a button, where a letter means what it always means.
  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const text = body();
    const target = event.target;
    if (!text || !(target === text || (target.classList && target.classList.contains("sentence")))) {
      return;
    }
    if (event.key === "j" || event.key === "ArrowDown") {
      moveSentence(1);
    } else if (event.key === "k" || event.key === "ArrowUp") {
      moveSentence(-1);
    } else if (event.key === "n") {
      const span = selectedSpan() || spanOf(currentSentence());
      if (!span) return;
      openForm(span);
    } else {
      return;
    }
    event.preventDefault();
  }

  function spanOf(sentence) {
    return sentence ? { start: Number(sentence.dataset.start), end: Number(sentence.dataset.end) } : null;
  }

  function init() {
    const text = body();
    if (!text) return;
    const toolbar = document.querySelector("[data-add-toolbar]");
    if (toolbar) toolbar.hidden = false;
    text.addEventListener("keydown", onKey);
    document.addEventListener("selectionchange", updateToolbar);
    const button = document.querySelector("[data-add-selection]");
    if (button) {
      // Pressing the button must not lose the selection it is about to read.
      button.addEventListener("mousedown", (event) => event.preventDefault());
      button.addEventListener("click", () => openForm(selectedSpan()));
    }
  }

  document.addEventListener("htmx:afterSwap", (event) => {
    const target = event.detail.target;
    const panel = document.querySelector(PANEL);
    if (!panel || !target || !(target === panel || panel.contains(target) || !target.isConnected)) {
      return;
    }
    const field =
      panel.querySelector(".has-error input, .has-error select, .has-error textarea") ||
      panel.querySelector("input[type=date]") ||
      panel.querySelector("[role=status] a, [role=alert]");
    if (field) {
      field.scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
    }
  });

  document.addEventListener("click", (event) => {
    const cancel = event.target.closest && event.target.closest(PANEL + " [data-cancel]");
    if (!cancel) return;
    event.preventDefault();
    closePanel();
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const panel = document.querySelector(PANEL);
    if (panel && panel.contains(event.target) && panel.querySelector("form")) closePanel();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
