/* Reading a briefing (render/briefing.py): selecting a highlight shows its card, and landing on a link
 * to a highlight, a card, a counterclaim or a dispute marks the target and gives it focus.
 *
 * Progressive enhancement: without this script every highlight is a link to its card (#<id>) and every
 * card links back (#q-<id>); the stylesheet sets the cards beside their paragraphs on wide screens.
 * Wide screens (the stylesheet's 60em): selecting a highlight (click, Enter) marks it and its card; a card
 * not wholly in view goes to the top of its column, level with the paragraph, and the page scrolls as little
 * as it must to show the highlight and the whole card. Narrow screens: cards are hidden until their
 * highlight is selected; the card then opens under its paragraph with a Close button (Esc closes too), and
 * focus returns to the highlight. The URL's hash follows the selection (history.replaceState: no jump).
 * Works with the theme's instant navigation (document$) and without it.
 */
(function () {
  "use strict";

  var WIDE = "(min-width: 60em)";
  var selected = null; // the id of the selected highlight's card or note

  function wide() { return window.matchMedia(WIDE).matches; }
  function reader() { return document.querySelector(".ab-reader"); }
  function byId(id) { return id ? document.getElementById(id) : null; }
  function esc(id) { return window.CSS && CSS.escape ? CSS.escape(id) : id.replace(/["\\]/g, "\\$&"); }
  function segments(id) {
    var root = reader();
    return root ? root.querySelectorAll('mark.ab-hl[data-ab-for="' + esc(id) + '"]') : [];
  }
  /* The card (or note) of a highlight's target id: the note itself, or the card round the claim heading. */
  function cardOf(id) {
    var el = byId(id);
    return el && el.closest ? el.closest(".ab-notes > .ab-card") : null;
  }
  function hashId() {
    try { return decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return ""; }
  }
  /* Where the page shows ``elements``: under the header, and under Material's
     "Back to top" button (navigation.top) where the button is above them. Every upward scroll, ours too, shows
     that button over the top of the page, so it counts while it is still hidden; it is centred, and on a wide
     screen the cards' column is clear of it. */
  function roomTop(elements) {
    var header = document.querySelector(".md-header"), button = document.querySelector(".md-top");
    var bottom = header ? header.getBoundingClientRect().bottom : 0;
    if (button && window.getComputedStyle(button).display !== "none") {
      var b = button.getBoundingClientRect(), covered = false;
      Array.prototype.forEach.call(elements, function (el) {
        Array.prototype.forEach.call(el.getClientRects(), function (r) {
          if (r.left < b.right && r.right > b.left) covered = true;
        });
      });
      if (covered) bottom = Math.max(bottom, b.bottom);
    }
    return Math.max(0, bottom);
  }
  function box(elements) {
    var top = Infinity, bottom = -Infinity;
    Array.prototype.forEach.call(elements, function (el) {
      Array.prototype.forEach.call(el.getClientRects(), function (r) {
        top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom);
      });
    });
    return top === Infinity ? null : { top: top, bottom: bottom };
  }

  /* Scroll as little as needed to show ``first`` (always) and as much of ``then`` as fits. */
  function reveal(first, then) {
    var shown = Array.prototype.slice.call(first).concat(Array.prototype.slice.call(then));
    var room = { top: roomTop(shown) + 8, bottom: window.innerHeight - 8 };
    var a = box(first), b = box(then);
    if (!a && !b) return;
    var top = Math.min(a ? a.top : Infinity, b ? b.top : Infinity);
    var bottom = Math.max(a ? a.bottom : -Infinity, b ? b.bottom : -Infinity);
    var by = 0;
    if (bottom - top > room.bottom - room.top) {
      by = (a || b).top - room.top; // too tall for both: the first at the top
    } else if (top < room.top) {
      by = top - room.top;
    } else if (bottom > room.bottom) {
      by = bottom - room.bottom;
    }
    if (by) window.scrollBy(0, by);
  }

  function fullyInView(el) {
    var r = el.getBoundingClientRect();
    return r.top >= roomTop([el]) && r.bottom <= window.innerHeight;
  }

  function clear() {
    var root = reader();
    if (!root) return;
    Array.prototype.forEach.call(root.querySelectorAll(".ab-hl--selected"), function (el) {
      el.classList.remove("ab-hl--selected");
    });
    Array.prototype.forEach.call(root.querySelectorAll(".ab-card--selected, .ab-card--raised, .ab-card--open"),
      function (el) { el.classList.remove("ab-card--selected", "ab-card--raised", "ab-card--open"); });
    selected = null;
  }

  function closeButton(card) {
    var button = card.querySelector(":scope > .ab-close");
    if (button) return button;
    button = document.createElement("button");
    button.type = "button";
    button.className = "ab-close";
    button.textContent = "Close";
    button.addEventListener("click", function () { close(true); });
    card.insertBefore(button, card.firstChild);
    return button;
  }

  /* Select the highlight and card of ``id``; ``from`` says what the reader acted on ("highlight", "card"). */
  function select(id, from) {
    var card = cardOf(id), marks = segments(id);
    if (!card && !marks.length) return false;
    clear();
    selected = id;
    Array.prototype.forEach.call(marks, function (m) { m.classList.add("ab-hl--selected"); });
    if (card) card.classList.add("ab-card--selected");
    if (wide()) {
      if (card && !fullyInView(card)) card.classList.add("ab-card--raised");
      if (from === "card" || !card) reveal(marks, card ? [card] : []);
      else reveal(marks.length ? marks : [card], [card]);
    } else if (card) {
      card.classList.add("ab-card--open");
      closeButton(card);
      if (from === "card" && marks.length) reveal(marks, []);
      else reveal([card], []);
    }
    return true;
  }

  function focusHighlight(id) {
    var marks = segments(id);
    var link = marks.length ? marks[0].querySelector("a") : null;
    if (link) link.focus({ preventScroll: true });
  }

  function close(returnFocus) {
    var id = selected;
    clear();
    if (returnFocus && id) { focusHighlight(id); reveal(segments(id), []); }
  }

  function setHash(id) {
    if (window.history && history.replaceState) history.replaceState(history.state, "", "#" + id);
  }

  /* The browser's own jump to the address's target (on a page load, after this script has run) puts the target
     at its scroll-margin-top: this one keeps the top of its card, who said it, clear of the header too. */
  function keepClear(card, target) {
    var rect = target.getBoundingClientRect(), above = Math.max(0, rect.top - card.getBoundingClientRect().top);
    var margin = above + roomTop([]) + 8;
    // A target too far down a tall card keeps its own margin: the target itself first.
    if (margin + rect.height <= window.innerHeight) target.style.scrollMarginTop = margin + "px";
  }

  /* A landing cue: the target of the URL's hash is marked and focused. */
  function land(id) {
    var root = reader(), el = byId(id);
    if (!el) return;
    var card = root && root.contains(el) ? el.closest(".ab-notes > .ab-card") : null;
    var known = card || el.classList.contains("ab-anchor") || el.classList.contains("ab-counter") ||
      id.indexOf("dispute-") === 0;
    if (!known) return; // a section heading: the browser's own jump is enough
    Array.prototype.forEach.call(document.querySelectorAll(".ab-landed"), function (e) {
      e.classList.remove("ab-landed");
    });
    if (root && root.contains(el)) {
      if (el.classList.contains("ab-anchor") && id.indexOf("q-") === 0) {
        var target = id.slice(2);
        select(target, "card");
        focusHighlight(target);
        Array.prototype.forEach.call(segments(target), function (m) { m.classList.add("ab-landed"); });
        return;
      }
      if (card) {
        select((card.querySelector("h3") || card).id, "highlight");
        keepClear(card, el);
      }
    }
    el.classList.add("ab-landed");
    if (!el.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) {
      el.setAttribute("tabindex", "-1");
    }
    el.focus({ preventScroll: true });
    if (!root || !root.contains(el)) el.scrollIntoView({ block: "nearest" });
  }

  /* A click the reader answers: no jump, and the theme's instant navigation (which handles links to anchors
   * itself, on document.body) never sees it: the reader listens in the capture phase, before it. */
  function handled(event) {
    event.preventDefault();
    event.stopPropagation();
  }

  function onClick(event) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    var root = reader();
    if (!link || !root || !root.contains(link)) return;
    if (link.pathname !== window.location.pathname || !link.hash) return;
    var id = decodeURIComponent(link.hash.slice(1));
    if (link.parentElement && link.parentElement.matches("mark.ab-hl")) {
      if (select(id, "highlight")) {
        handled(event);
        setHash(id);
        if (!wide()) {
          var card = cardOf(id);
          if (card) { card.setAttribute("tabindex", "-1"); card.focus({ preventScroll: true }); }
        }
      }
    } else if (id.indexOf("q-") === 0 && segments(id.slice(2)).length) {
      handled(event);
      select(id.slice(2), "card");
      focusHighlight(id.slice(2));
      setHash(id);
    } else if (cardOf(id) && link.closest(".ab-notes")) {
      handled(event); // "Disputes …": the disputed claim's card, beside its highlight
      select(id, "highlight");
      land(id);
      setHash(id);
    }
  }

  function onKey(event) {
    if (event.key !== "Escape" || !selected) return;
    if (!wide()) { event.preventDefault(); close(true); }
  }

  function init() {
    var root = reader();
    if (!root) return;
    root.classList.add("ab-js");
    selected = null;
    if (window.location.hash) land(hashId());
  }

  document.addEventListener("click", onClick, true);
  document.addEventListener("keydown", onKey);
  window.addEventListener("hashchange", function () { if (reader()) land(hashId()); });
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
