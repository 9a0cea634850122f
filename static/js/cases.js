// Timeline pages: small conveniences on top of links and htmx; everything works without them.
(function () {
  "use strict";

  // A mark in the overview jumps to its entry. When the entry is already on the page (also
  // after "More" loaded it) stay on the page instead of following the link to another page.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.overview-mark");
    if (!link) return;
    var href = link.getAttribute("href") || "";
    var hash = href.slice(href.indexOf("#") + 1);
    var entry = hash && document.getElementById(hash);
    if (!entry) return;
    event.preventDefault();
    history.replaceState(null, "", "#" + hash);
    entry.setAttribute("tabindex", "-1");
    entry.scrollIntoView({ block: "start" });
    entry.focus({ preventScroll: true });
  });

  // After "More", move the focus to the first newly loaded month so keyboard and screen-reader
  // users continue where the new entries begin (the button they pressed is gone).
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || !/^more-/.test(target.id || "")) return;
    var starts = document.querySelectorAll(
      'section[data-page-start][data-timeline="' + target.id + '"]'
    );
    var last = starts[starts.length - 1];
    var heading = last && last.querySelector(".month-heading");
    if (heading && document.activeElement !== heading) heading.focus();
  });
})();
