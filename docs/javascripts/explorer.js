/* Claims explorer, on the Pagefind index of the header search (loaded through window.abSearch, search.js).
 *
 * Runs on every page load, including Material's instant navigation (document$); does nothing on pages without
 * #ab-explorer. Only annotations have the "disputed" filter, so asking for either of its values keeps the
 * claims and nothing else. With nothing asked, the page lists the newest claims itself (written at build time);
 * a search without words (filters only) makes Pagefind fetch its whole index once (2.6 MB at 20,000 claims),
 * after which each takes milliseconds, where searching a word all 20,000 claims hold took seconds each time. Each select lists its filter's values with the number of claims each would leave
 * (the other filters and the words kept); without words the claims come newest first. Claims are shown a page
 * at a time: only the shown ones' records are fetched. The state lives in the query string
 * (?q=&speaker=&topic=&briefing=&year=&disputed=&sort=). Text from the index is only inserted as text.
 */
(function () {
  "use strict";
  var FILTERS = ["speaker", "topic", "briefing", "year", "disputed"];
  var FIELDS = ["q"].concat(FILTERS, ["sort"]);
  var CLAIMS = ["Disputed", "Not disputed"];

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

  function filtersOf(state, without) {
    var filters = {};
    FILTERS.forEach(function (name) { if (name !== without && state[name]) filters[name] = state[name]; });
    if (!filters.disputed) filters.disputed = { any: CLAIMS };
    return filters;
  }

  function sortOf(state) {
    if (state.sort === "newest" || (!state.sort && !state.q)) return { date: "desc" };
    if (state.sort === "oldest") return { date: "asc" };
    return undefined;
  }

  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }

  function row(S, data, words) {
    var m = data.meta;
    var li = S.el("li", "ab-explorer__item");
    var claim = S.el("p", "ab-explorer__claim");
    var link = S.el("a", null, m.title);
    link.href = S.href(m.url);
    claim.appendChild(link);
    li.appendChild(claim);
    var meta = S.el("p", "ab-explorer__meta");
    meta.appendChild(S.el("span", "ab-explorer__speaker", m.speaker));
    meta.appendChild(document.createTextNode(" · " + m.attribution + " · "));
    meta.appendChild(S.el("span", "ab-explorer__disputers", m.disputers ? "disputed by " + m.disputers : "undisputed"));
    meta.appendChild(document.createTextNode(" · "));
    var briefing = S.el("a", "ab-explorer__briefing", m.briefing);
    briefing.href = S.href(m.briefing_url);
    meta.appendChild(briefing);
    meta.appendChild(document.createTextNode(" · "));
    var time = S.el("time", null, m.date);
    time.setAttribute("datetime", m.date);
    meta.appendChild(time);
    if (m.topics) meta.appendChild(document.createTextNode(" · " + m.topics));
    li.appendChild(meta);
    if (words && data.excerpt && /<mark>/.test(data.excerpt)) {
      var text = S.el("p", "ab-explorer__excerpt");
      text.appendChild(S.excerpt(data.excerpt));
      li.appendChild(text);
    }
    return li;
  }

  // A select's options: "All", then every value with its count (values with none left out, the chosen kept).
  function fill(select, counts, chosen) {
    var values = Object.keys(counts || {}).filter(function (v) { return counts[v] > 0 || v === chosen; });
    if (select.name === "year") values.sort().reverse();
    else values.sort(function (a, b) { return a.localeCompare(b); });
    if (chosen && values.indexOf(chosen) < 0) values.unshift(chosen);
    var options = [new Option("All", "")];
    values.forEach(function (value) {
      options.push(new Option(value + " (" + (counts[value] || 0) + ")", value));
    });
    select.replaceChildren.apply(select, options);
    select.value = chosen;
  }

  function start(root, S) {
    root.setAttribute("data-ready", "loading");
    var form = root.querySelector("form");
    var list = root.querySelector("#ab-explorer-list");
    var count = root.querySelector("#ab-explorer-count");
    var more = root.querySelector("#ab-explorer-more");
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var field = form.elements[name], value = params.get(name);
      if (!field || value === null) return;
      if (field.tagName === "SELECT" && name !== "sort") field.appendChild(new Option(value, value));
      field.value = value;
    });
    var generation = 0, results = null, shown = 0;
    var PAGE = parseInt(root.getAttribute("data-page-size"), 10) || 25;
    // With nothing asked, the page already lists the newest claims: the totals are the index's, and every
    // claim is searched for only when more are asked for.
    var fresh = !FIELDS.some(function (name) { return params.get(name); });
    var firstRows = Array.prototype.slice.call(list.children);  // the page's own, kept for a cleared form

    function showMore(pf, mine) {
      if (results === null) {  // the page's own first rows, then every claim, newest first
        more.textContent = "Loading more claims…";
        return pf.search(null, { filters: filtersOf({}), sort: sortOf({}) }).then(function (search) {
          if (mine !== generation) return;
          results = search.results;
          return showMore(pf, mine);
        });
      }
      var batch = results.slice(shown, shown + PAGE);
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
        if (mine !== generation) return;
        var fragment = document.createDocumentFragment();
        data.forEach(function (d) { fragment.appendChild(row(S, d, !!readState(form).q)); });
        list.appendChild(fragment);
        shown += batch.length;
        more.hidden = shown >= results.length;
        more.textContent = "More claims (" + (results.length - shown).toLocaleString("en") + " left)";
      });
    }

    var totals = {};  // every filter's counts over the whole index (pf.filters())

    function update(pf) {
      var mine = ++generation, state = readState(form);
      writeUrl(state);
      if (!FIELDS.some(function (name) { return state[name]; })) {  // nothing asked: the page's own list
        list.replaceChildren.apply(list, firstRows);
        results = null;
        return startFresh();
      }
      var query = state.q || null;
      var chosen = FILTERS.filter(function (name) { return state[name]; });
      var searches = [pf.search(query, { filters: filtersOf(state), sort: sortOf(state) })];
      chosen.forEach(function (name) {  // a chosen filter's counts are those without it: the index's own totals
        if (query === null && chosen.length === 1) searches.push(Promise.resolve({ filters: totals }));
        else searches.push(pf.search(query, { filters: filtersOf(state, name) }));
      });
      return Promise.all(searches).then(function (found) {
        if (mine !== generation) return;
        var search = found[0], at = 1;
        FILTERS.forEach(function (name) {
          var counts = search.filters[name];
          if (state[name]) counts = found[at++].filters[name];
          fill(form.elements[name], counts, state[name]);
        });
        results = search.results;
        shown = 0;
        list.replaceChildren();
        more.hidden = true;
        count.textContent = plural(results.length, "claim") + (state.q || FILTERS.some(function (n) { return state[n]; })
          ? " match" + (results.length === 1 ? "es" : "") : "");
        return showMore(pf, mine);
      });
    }

    function startFresh() {
      FILTERS.forEach(function (name) { fill(form.elements[name], totals[name], ""); });
      var total = CLAIMS.reduce(function (sum, value) { return sum + ((totals.disputed || {})[value] || 0); }, 0);
      shown = list.children.length;
      count.textContent = plural(total, "claim");
      more.hidden = shown >= total;
      more.textContent = "More claims (" + (total - shown).toLocaleString("en") + " left)";
      return Promise.resolve();
    }

    S.pagefind().then(function (pf) {
      return Promise.resolve(pf.filters()).then(function (totals) { return [pf, totals]; });  // every filter
    }).then(function (loaded) {
      var pf = loaded[0];
      totals = loaded[1];
      var run = function () { update(pf).catch(fail); };
      var typing = null;
      form.addEventListener("input", function (event) {
        if (event.target.name !== "q") return;
        window.clearTimeout(typing);
        typing = window.setTimeout(run, 150);
      });
      form.addEventListener("change", function (event) { if (event.target.name !== "q") run(); });
      form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
      form.addEventListener("reset", function () { window.setTimeout(run, 0); });
      more.addEventListener("click", function () { showMore(pf, generation).catch(fail); });
      return (fresh ? startFresh() : update(pf)).then(function () {
        root.setAttribute("data-ready", "true");
      });
    }).catch(fail);

    function fail(error) {
      count.textContent = "The claims could not be loaded.";
      root.setAttribute("data-ready", "error");
      console.warn(error);
    }
  }

  function init() {
    var root = document.getElementById("ab-explorer");
    if (root && !root.getAttribute("data-ready") && window.abSearch) start(root, window.abSearch);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
