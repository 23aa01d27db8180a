/* Keyboard and screen-reader help for Material's chrome. */
(function () {
  "use strict";
  // Wide tables scroll sideways inside Material's .md-typeset__scrollwrap: make each such region
  // reachable and scrollable by keyboard, with a name (axe: scrollable-region-focusable).
  function init() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap, index) {
      if (wrap.hasAttribute("tabindex")) return;
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Table " + (index + 1) + " (scrolls sideways)");
    });
  }

  // On a narrow screen the drawer is open while it is checked (a tap on the menu) or holds the keyboard
  // (briefings.css): Esc closes it, and the keyboard goes on from the page's content, where "Skip to content"
  // leads, without moving the page. The search, open over the drawer, takes Esc for itself (search.js).
  document.addEventListener("keydown", function (event) {
    var search = document.getElementById("__search");
    if (event.key !== "Escape" || event.defaultPrevented || (search && search.checked)) return;
    var toggle = document.getElementById("__drawer");
    var focused = document.activeElement;
    var inside = focused && focused.closest && focused.closest(".md-sidebar--primary");
    if (toggle && toggle.checked) toggle.click();
    var content = document.querySelector(".md-content__inner");
    if (!inside || !content || !window.matchMedia("(max-width: 76.234375em)").matches) return;
    content.setAttribute("tabindex", "-1");  // focusable for this once: a click on the text later is no focus
    content.addEventListener("blur", function () { content.removeAttribute("tabindex"); }, { once: true });
    content.focus({ preventScroll: true });
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
