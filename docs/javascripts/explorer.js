/* Claims explorer: filters the annotations listed in claims/explorer.json (written at build time).
 * Runs on every page load, including Material's instant navigation (document$); does nothing on
 * pages without #ab-explorer. The filter state lives in the query string (?q=&speaker=&topic=&briefing=&disputed=).
 * Data is only ever inserted with textContent.
 */
(function () {
  "use strict";
  var FIELDS = ["q", "speaker", "topic", "briefing", "disputed"];

  function normalise(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[\u2018\u2019\u201c\u201d"']/g, "").replace(/\s+/g, " ").trim();
  }

  function matches(row, state) {
    if (state.speaker && row.speaker !== state.speaker) return false;
    if (state.topic && row.topics.indexOf(state.topic) < 0) return false;
    if (state.briefing && row.briefing !== state.briefing) return false;
    if (state.disputed === "yes" && row.counterclaims === 0) return false;
    if (state.disputed === "no" && row.counterclaims > 0) return false;
    if (state.q) {
      var words = normalise(state.q).split(" ");
      var hay = row._text;
      for (var i = 0; i < words.length; i++) if (hay.indexOf(words[i]) < 0) return false;
    }
    return true;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function item(row) {
    var li = el("li", "ab-explorer__item");
    li.setAttribute("data-id", row.id);
    var claim = el("p", "ab-explorer__claim");
    var link = el("a", null, row.claim);
    link.href = row.url;
    claim.appendChild(link);
    li.appendChild(claim);
    var meta = el("p", "ab-explorer__meta");
    meta.appendChild(el("span", "ab-explorer__speaker", row.speaker_name));
    meta.appendChild(el("span", "ab-kind ab-kind--" + row.attribution, row.attribution_label));
    meta.appendChild(document.createTextNode(" · " + row.briefing_title + " · "));
    var by = row.disputed_by;
    meta.appendChild(el("span", "ab-explorer__disputers", by.length ? "disputed by " + by.join(", ") : "undisputed"));
    if (row.topic_names.length) meta.appendChild(document.createTextNode(" · " + row.topic_names.join(", ")));
    li.appendChild(meta);
    return li;
  }

  function readState(form) {
    var state = {};
    FIELDS.forEach(function (name) { state[name] = form.elements[name] ? form.elements[name].value.trim() : ""; });
    return state;
  }

  function writeUrl(state) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) { if (state[name]) params.set(name, state[name]); });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  }

  function restore(form) {
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      var value = params.get(name);
      if (!field || value === null) return;
      if (field.tagName === "SELECT" && !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) return;
      field.value = value;
    });
  }

  function start(root) {
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "loading");
    var form = root.querySelector("form");
    var list = root.querySelector("#ab-explorer-list");
    var count = root.querySelector("#ab-explorer-count");
    var src = new URL(root.getAttribute("data-src"), window.location.href);
    fetch(src.href).then(function (response) {
      if (!response.ok) throw new Error("explorer data: HTTP " + response.status);
      return response.json();
    }).then(function (data) {
      var rows = data.claims;
      rows.forEach(function (row) {
        row._text = normalise([row.claim, row.quote, row.speaker_name, row.briefing_title,
          row.topic_names.join(" "), row.disputed_by.join(" ")].join(" "));
      });
      function update() {
        var state = readState(form);
        var shown = rows.filter(function (row) { return matches(row, state); });
        var fragment = document.createDocumentFragment();
        shown.forEach(function (row) { fragment.appendChild(item(row)); });
        list.replaceChildren(fragment);
        count.textContent = shown.length + " of " + rows.length + " claims";
        writeUrl(state);
      }
      restore(form);
      form.addEventListener("input", update);
      form.addEventListener("change", update);
      form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
      form.addEventListener("reset", function () { window.setTimeout(update, 0); });
      update();
      root.setAttribute("data-ready", "true");
    }).catch(function (error) {
      count.textContent = "The claims could not be loaded.";
      root.setAttribute("data-ready", "error");
      console.warn(error);
    });
  }

  function init() {
    var root = document.getElementById("ab-explorer");
    if (root) start(root);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
