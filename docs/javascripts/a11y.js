/* Wide tables scroll sideways inside Material's .md-typeset__scrollwrap: make each such region
 * reachable and scrollable by keyboard, with a name (axe: scrollable-region-focusable). */
(function () {
  "use strict";
  function init() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap, index) {
      if (wrap.hasAttribute("tabindex")) return;
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Table " + (index + 1) + " (scrolls sideways)");
    });
  }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
