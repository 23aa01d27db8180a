/* Claims explorer, on the Pagefind index of the header search (loaded through window.abSearch, search.js).
 *
 * Runs on every page load, including Material's instant navigation (document$); does nothing on pages without
 * #ab-explorer. The index has one record per briefing, filtered by the speakers, topics, year and disputes of
 * its claims; each claim's own values are in the briefing's claims file (search_records.claim_meta). So a
 * search finds the briefings, and of each the page lists the claims the filters ask for (with words: those the
 * words matched, best first). Only briefings with claims have the "disputed" filter, so asking for either of
 * its values keeps them and nothing else. Filters without words search the one word every briefing record
 * holds (data-every): Pagefind loads every chunk of its index for a search of no words, one for a word.
 *
 * Each select lists its filter's values with the number of briefings each would leave (the other filters and
 * the words kept); without words the briefings come newest first. With nothing asked, the page lists the
 * newest claims itself (written at build time). Claims are added a few briefings at a time (a page of them,
 * data-page-size, fetching data-briefings-per-fetch records at once, or fewer if data-briefings-per-look were
 * looked through first): only those briefings' records are fetched. The count says how many claims are listed,
 * and from how many briefings; words that match no claim are offered fewer of them that find briefings
 * (S.fewer), and the header search's list of the briefings that hold them (briefingsFound). The state lives in
 * the query string (?q=&speaker=&topic=&briefing=&year=&disputed=&sort=). Text from the index is only inserted
 * as text.
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

  // The default order is the best match when there are words, and newest first without: its option says which
  // (the explicit "Newest first" is then the same, and is hidden unless chosen).
  function labelOrder(form) {
    var sort = form.elements.sort;
    if (!sort || !sort.options.length) return;
    var words = !!(form.elements.q && form.elements.q.value.trim());
    sort.options[0].textContent = words ? "Best match" : "Newest first";
    var newest = sort.querySelector('option[value="newest"]');
    if (newest) newest.hidden = newest.disabled = !words && sort.value !== "newest";
  }

  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }

  // Whether a claim of a matching briefing is one the filters ask for (briefing and year are the briefing's).
  function wanted(claim, state) {
    if (state.speaker && claim.speaker !== state.speaker) return false;
    if (state.topic && (claim.topics || []).indexOf(state.topic) < 0) return false;
    if (state.disputed && state.disputed !== (claim.disputers ? CLAIMS[0] : CLAIMS[1])) return false;
    return true;
  }

  // The claims of one briefing record to list, each with its excerpt: with words, those they matched, best
  // first; else all, in the briefing's order (reversed, oldest first); of these, those the filters ask for.
  function claimsOf(S, data, state) {
    var found = state.q ? S.matched(data, state.q)
      : S.claims(data).map(function (claim) { return { claim: claim, excerpt: "" }; });
    if (!state.q && state.sort === "oldest") found.reverse();
    return found.filter(function (f) { return wanted(f.claim, state); });
  }

  function row(S, page, claim, excerpt, cut, asked) {
    var li = S.el("li", "ab-explorer__item");
    li.setAttribute("data-id", claim.id);
    var split = S.claimExcerpt(claim.claim, excerpt, claim.folds, cut, asked);
    var text = S.el("p", "ab-explorer__claim");
    var link = S.el("a", null, split.title ? null : claim.claim);
    if (split.title) link.appendChild(split.title);
    link.href = S.href(page.url + "#" + claim.id);
    text.appendChild(link);
    li.appendChild(text);
    var meta = S.el("p", "ab-explorer__meta");
    meta.appendChild(S.el("span", "ab-explorer__speaker", claim.speaker));
    meta.appendChild(document.createTextNode(" · " + claim.attribution + " · "));
    meta.appendChild(S.el("span", "ab-explorer__disputers",
      claim.disputers ? "disputed by " + claim.disputers : "undisputed"));
    meta.appendChild(document.createTextNode(" · "));
    var briefing = S.el("a", "ab-explorer__briefing", page.title);
    briefing.href = S.href(page.url);
    meta.appendChild(briefing);
    meta.appendChild(document.createTextNode(" · "));
    var time = S.el("time", null, page.date);
    time.setAttribute("datetime", page.date);
    meta.appendChild(time);
    var topics = (claim.topics || []).join(", ");
    if (topics) meta.appendChild(document.createTextNode(" · " + topics));
    li.appendChild(meta);
    var words = S.el("p", "ab-explorer__excerpt");
    words.appendChild(split.rest);
    if (words.querySelector("mark")) li.appendChild(words);  // the words matched after the claim
    return li;
  }

  // A select's options: "All", then every value with the number of briefings it leaves, as the page's intro says
  // (values with none left out, the chosen kept; short, for a phone's narrow select); a briefing leaves itself,
  // so the briefings are listed without a number.
  function fill(select, counts, chosen) {
    var values = Object.keys(counts || {}).filter(function (v) { return counts[v] > 0 || v === chosen; });
    if (select.name === "year") values.sort().reverse();
    else values.sort(function (a, b) { return a.localeCompare(b); });
    if (chosen && values.indexOf(chosen) < 0) values.unshift(chosen);
    var options = [new Option("All", "")];
    values.forEach(function (value) {
      var n = (counts || {})[value] || 0;
      options.push(new Option(select.name === "briefing" ? value : value + " (" + n.toLocaleString("en") + ")", value));
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
    labelOrder(form);
    var generation = 0, results = null, next = 0, listed = {}, rows = 0, sources = 0, browsing = true;
    var asked = {}, loading = null;  // the state the list shows; the batches under way
    var missing = [];  // the words asked for that the index does not hold (S.unknown)
    var PAGE = parseInt(root.getAttribute("data-page-size"), 10) || 25;
    var BATCH = parseInt(root.getAttribute("data-briefings-per-fetch"), 10) || 10;
    var LOOK = parseInt(root.getAttribute("data-briefings-per-look"), 10) || 50;  // at most, for a page
    var CLAIM_COUNT = parseInt(root.getAttribute("data-claims"), 10) || 0;
    var EVERY = root.getAttribute("data-every") || null;  // search_records.EVERY
    // With nothing asked, the page already lists the newest claims: the briefings are searched for only when
    // more are asked for.
    var fresh = !FIELDS.some(function (name) { return params.get(name); });
    var firstRows = Array.prototype.slice.call(list.children);  // the page's own, kept for a cleared form
    var firstCount = count.textContent;
    var instead = S.el("p", "ab-explorer__instead");  // for words that match no claim, fewer that do (offer)
    instead.hidden = true;
    count.parentNode.insertBefore(instead, count.nextSibling);
    var elsewhere = S.el("p", "ab-explorer__briefings");  // for words briefings hold but none of their claims
    elsewhere.hidden = true;
    count.parentNode.insertBefore(elsewhere, instead);
    var offered = 0;  // the search it was looked for, by its generation

    // The count: of every claim while nothing is asked (the page says how many); else of the claims listed,
    // and of the briefings they come from and those still to look through.
    function counted() {
      var left = results.length - next;
      more.hidden = left <= 0;
      more.textContent = browsing || rows ? "More claims (" + plural(left, "briefing") + " left)"
        : "Look through " + plural(Math.min(left, LOOK), "more briefing");  // none so far held a claim
      if (browsing) return;
      if (left > 0) {
        count.textContent = (rows ? plural(rows, "claim") : "No claims") + " so far (" +
          next.toLocaleString("en") + " of " + plural(results.length, "briefing") + " looked through)";
      } else {
        if (rows > 0) {
          count.textContent = plural(rows, "claim") + " match" + (rows === 1 ? "es" : "") + ", in " +
            plural(sources, "briefing");
        } else if (results.length === 0 || asked.q) {  // words may find a briefing by its title or byline alone
          count.textContent = "No claims match" + (missing.length ? " " + S.quoted(missing) : "");
          if (asked.q) offer();
          if (results.length) briefingsFound();
        } else {
          // Briefings found by filters alone, without a claim to list: the filters' counts are of briefings, and
          // each of these has claims that match each filter, but none that matches them all.
          count.textContent = "No claim matches all of these; " + plural(results.length, "briefing") +
            (results.length === 1 ? " has" : " have") + " claims that match each of them";
        }
      }
    }

    // Lists the claims of the next briefings, until a page of them is added, LOOK briefings are looked through,
    // or none is left; the button waits meanwhile (a second click would list the same briefings), and a newer
    // search drops what this one finds.
    function showMore(pf, mine) {
      if (loading && loading.mine === mine) return loading.done;
      more.disabled = true;
      var done = step(pf, mine, 0, next + LOOK).then(function () {
        if (loading && loading.done === done) { loading = null; more.disabled = false; }
      }, function (error) {
        if (loading && loading.done === done) { loading = null; more.disabled = false; }
        throw error;
      });
      loading = { mine: mine, done: done };
      return done;
    }

    function step(pf, mine, added, until) {
      var state = asked;
      if (results === null) {  // the page's own first rows, then every briefing's claims, newest first
        more.textContent = "Loading more claims…";
        return pf.search(EVERY, { filters: filtersOf({}), sort: sortOf({}) }).then(function (search) {
          if (mine !== generation) return;
          results = search.results;
          next = 0;
          return step(pf, mine, added, LOOK);
        });
      }
      var batch = results.slice(next, next + BATCH);
      return Promise.all(batch.map(function (r) { return r.data(); })).then(S.withClaims).then(function (data) {
        if (mine !== generation) return;
        var fragment = document.createDocumentFragment(), found = [], from = {};
        data.forEach(function (d, rank) {
          claimsOf(S, d, state).forEach(function (f) {
            if (listed[f.claim.id]) return;
            listed[f.claim.id] = true;
            found.push({ f: f, page: d.meta, rank: rank });
            from[d.meta.url] = true;
          });
        });
        // Best match: the claims of the briefings fetched at once by their own match (the most of the words,
        // then Pagefind's scores), not by their briefing's.
        if (state.q && !state.sort) {
          found.sort(function (a, b) {
            return b.f.distinct - a.f.distinct || b.f.score - a.f.score || a.rank - b.rank || a.f.at - b.f.at;
          });
        }
        found.forEach(function (item) {
          fragment.appendChild(row(S, item.page, item.f.claim, item.f.excerpt, item.f.cut, item.f.asked));
        });
        added += found.length;
        rows += found.length;
        sources += Object.keys(from).length;
        list.appendChild(fragment);
        next += batch.length;
        counted();
        if (added < PAGE && next < Math.min(results.length, until)) return step(pf, mine, added, until);
      });
    }

    // Words that match no claim: a search of fewer of them that finds briefings, with the same filters (S.fewer),
    // offered as a link to its address; chosen, it is searched for here. Without a number: Pagefind's would be
    // of briefings, whose claims may not hold the words (a publisher's name).
    function offer() {
      var mine = generation, state = asked;
      if (offered === mine) return;
      offered = mine;
      S.pagefind().then(function (pf) {
        return S.fewer(pf, state.q, { filters: filtersOf(state) });
      }).then(function (found) {
        if (!found || mine !== generation) return;
        var params = new URLSearchParams(window.location.search);
        params.set("q", found.query);
        var a = S.insteadLink(found, "?" + params.toString(), null);  // its count would be of briefings
        a.addEventListener("click", function (event) {
          event.preventDefault();
          form.elements.q.value = found.query;
          labelOrder(form);
          form.requestSubmit();
        });
        instead.replaceChildren(a);
        instead.hidden = false;
      }).catch(function (error) { console.warn(error); });  // the count's message stands
    }

    // Words that briefings hold but no claim of theirs (a publisher's name in every byline, a title's words):
    // those briefings are in the header search, linked with the words alone when no filter is chosen (it has
    // none).
    function briefingsFound() {
      if (FILTERS.some(function (name) { return asked[name]; })) return;
      var n = results.length, words = asked.q.trim().split(/\s+/).length > 1 ? "these words" : "this word";
      var a = S.el("a", null, "See the " + plural(n, "briefing") + " that hold" + (n === 1 ? "s " : " ") + words);
      a.href = S.root.href + "?q=" + encodeURIComponent(asked.q);
      elsewhere.replaceChildren(a);
      elsewhere.hidden = false;
    }

    function unoffer() {
      elsewhere.hidden = true;
      elsewhere.replaceChildren();
      instead.hidden = true;
      instead.replaceChildren();
    }

    var totals = {};  // every filter's counts over the whole index (pf.filters())

    function update(pf) {
      var mine = ++generation, state = readState(form);
      writeUrl(state);
      asked = state;
      unoffer();
      more.hidden = true;  // a click would go on through the last search's briefings until this one's come
      if (!FIELDS.some(function (name) { return state[name]; })) {  // nothing asked: the page's own list
        list.replaceChildren.apply(list, firstRows);
        return startFresh();  // asked: nothing
      }
      var query = S.searchable(state.q) || EVERY;  // filters alone: the word every briefing holds
      var chosen = FILTERS.filter(function (name) { return state[name]; });
      var searches = [S.unknown(pf, state.q)];  // and the search, and the counts of each chosen filter
      searches.push(pf.search(query, { filters: filtersOf(state), sort: sortOf(state) }));
      chosen.forEach(function (name) {  // a chosen filter's counts are those without it: the index's own totals
        if (!state.q && chosen.length === 1) searches.push(Promise.resolve({ filters: totals }));
        else searches.push(pf.search(query, { filters: filtersOf(state, name) }));
      });
      return Promise.all(searches).then(function (found) {
        if (mine !== generation) return;
        missing = found[0];  // words the index does not hold: Pagefind's pages for them have none of them
        // Briefings found by their hidden metadata alone (S.inText) hold none of the words either; with none
        // found at all, the counts of each chosen filter still show what the others leave.
        var hits = missing.length ? [] : S.inText(found[1]);
        var none = missing.length > 0 || (!hits.length && found[1].results.length > 0);
        var search = none ? { results: [], filters: {} } : found[1], at = 2;
        FILTERS.forEach(function (name) {
          var counts = search.filters[name];
          if (state[name] && !none) counts = found[at++].filters[name];
          fill(form.elements[name], counts, state[name]);
        });
        results = hits;
        next = rows = sources = 0;
        listed = {};
        browsing = false;
        list.replaceChildren();
        counted();
        return showMore(pf, mine);
      });
    }

    function startFresh() {
      FILTERS.forEach(function (name) { fill(form.elements[name], totals[name], ""); });
      results = null;
      browsing = true;
      listed = {};
      firstRows.forEach(function (li) { listed[li.getAttribute("data-id")] = true; });
      count.textContent = firstCount;
      more.hidden = firstRows.length >= CLAIM_COUNT;
      more.textContent = "More claims";
      return Promise.resolve();
    }

    // A value typed into the address by hand ("?topic=agriculture ") is the index's own value that it names,
    // but for case, accents and spaces around it; an unknown one stays, and nothing matches it. Its option is
    // renamed, chosen or not: the reader may have chosen another while the index loaded.
    function known() {
      FILTERS.forEach(function (name) {
        var field = form.elements[name], typed = params.get(name), counts = totals[name];
        var value = (typed || "").trim();
        if (!field || !value || !counts || S.has(counts, typed)) return;
        var same = Object.keys(counts).filter(function (v) {
          return v.localeCompare(value, "en", { sensitivity: "base" }) === 0;
        });
        var option = Array.prototype.find.call(field.options, function (o) { return o.value === typed; });
        if (same.length === 1 && option) option.value = option.textContent = same[0];
      });
    }

    S.pagefind().then(function (pf) {
      return Promise.resolve(pf.filters()).then(function (totals) { return [pf, totals]; });  // every filter
    }).then(function (loaded) {
      var pf = loaded[0];
      totals = loaded[1];
      known();
      var run = function () { update(pf).catch(fail); };
      var typing = null;
      form.addEventListener("input", function (event) {
        if (event.target.name !== "q") return;
        labelOrder(form);
        window.clearTimeout(typing);
        typing = window.setTimeout(run, 150);
      });
      form.addEventListener("change", function (event) { if (event.target.name !== "q") run(); });
      form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
      form.addEventListener("reset", function () {
        window.setTimeout(function () { labelOrder(form); run(); }, 0);
      });
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
