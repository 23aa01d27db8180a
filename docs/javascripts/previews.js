/* Keyboard-reachable claim tooltips on the article's highlights.
 * Each highlighted quote (mark.ab-hl > a) links to an annotation (#id) or a counterclaim (#id--counter-N)
 * on the same page. Material removes the links' title attribute for its instant previews, so the
 * tooltip text, "Speaker (direct quote): claim", is read from the target itself. The tooltip is a role="tooltip"
 * element referenced by aria-describedby, shown on hover and on keyboard focus, hidden by Escape.
 */
(function () {
  "use strict";

  function textOf(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function describe(target) {
    if (!target) return "";
    if (target.classList.contains("ab-counter")) {
      return textOf(target.querySelector(".ab-counter__by")) + ": " + textOf(target.querySelector(".ab-counter__claim"));
    }
    var card = target.nextElementSibling;
    while (card && !(card.classList && card.classList.contains("ab-card"))) card = card.nextElementSibling;
    if (!card) return "";
    // The speaker (a link, or "The article" for its own framing) and whose words the quote is.
    var kind = textOf(card.querySelector(".ab-card__speaker .ab-kind"));
    return textOf(card.querySelector(".ab-card__speaker .ab-speaker")) + (kind ? " (" + kind + ")" : "") + ": " +
      textOf(card.querySelector(".ab-claim"));
  }

  function init() {
    // Material's instant navigation makes every href absolute, so the target is read from link.hash.
    var links = document.querySelectorAll(".ab-article mark.ab-hl > a");
    Array.prototype.forEach.call(links, function (link, index) {
      if (link.hasAttribute("aria-describedby")) return;
      if (!link.hash || link.pathname !== window.location.pathname) return;
      var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      var text = describe(target);
      if (!text) return;
      var tip = document.createElement("span");
      tip.className = "ab-tip";
      tip.id = "ab-tip-" + index;
      tip.setAttribute("role", "tooltip");
      tip.setAttribute("data-search-exclude", "");
      tip.textContent = text;
      link.insertAdjacentElement("afterend", tip);
      link.setAttribute("aria-describedby", tip.id);
      link.addEventListener("keydown", function (event) {
        if (event.key === "Escape") link.parentElement.classList.add("ab-hl--tip-dismissed");
      });
      link.addEventListener("blur", function () { link.parentElement.classList.remove("ab-hl--tip-dismissed"); });
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
