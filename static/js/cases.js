// Timeline pages: small conveniences on top of links and htmx; everything works without them.
(function () {
  "use strict";

  // A mark in the overview (or a month in its list form) links to its month's place in the
  // timeline. When that month is already on the page (also after "More" loaded it), scroll to it
  // instead of reloading.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.overview-mark, a.overview-chip");
    if (!link) return;
    var month = link.getAttribute("data-month");
    var heading = month && document.querySelector('.month-heading[id$="-' + month + '"]');
    if (!heading) return;
    event.preventDefault();
    heading.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
  });

  // After "More", move the focus to the first newly loaded month so keyboard and screen-reader
  // users continue where the new entries begin (the button they pressed is gone).
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || !/^more-/.test(target.id || "")) return;
    // Only a press of the button moves the focus; a page loaded by scrolling leaves it be.
    var trigger = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
    if (!trigger || trigger.type !== "click") return;
    var starts = document.querySelectorAll(
      'section[data-page-start][data-timeline="' + target.id + '"]'
    );
    var last = starts[starts.length - 1];
    var heading = last && last.querySelector(".month-heading");
    if (heading && document.activeElement !== heading) heading.focus();
  });

  // Correcting or retracting an entry swaps its form into the entry's place, and the result
  // back: the focus follows, to the form's heading, then to the corrected entry's summary or
  // the retraction's notice, so keyboard users are never left on a removed element.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    var id = target && target.id;
    if (!id || !/^entry-\d+$/.test(id)) return;
    var entry = document.getElementById(id);
    var next =
      entry && entry.querySelector(".form-heading, .retraction-banner, .entry-summary");
    if (!next) return;
    if (!next.hasAttribute("tabindex")) next.setAttribute("tabindex", "-1");
    next.focus();
  });
})();
