/* The header search, on the Pagefind index the build writes into pagefind/ (build_scripts/pagefind_index.py).
 *
 * Material's look and keyboard habits without Material's search plugin: "/" or "s" opens the box, the arrow
 * keys move through the results, Enter opens one, Esc closes. pagefind/pagefind.js is imported on the first
 * focus or key press, never before, and fetches only the index chunks a query needs. A result is a briefing
 * (or a speaker, a topic, a page); under a briefing, each claim that matched (Pagefind's sub-result of its
 * heading: its speaker, who disputes it, and the excerpt with the matched words marked), deep-linking to the
 * claim's card, best first; a briefing matched by its title alone is shown as a briefing. Results come in
 * rank order, except the site's own pages (About, Data, Contribute), which always come last. A ?q= address
 * opens the search with its results, and the share button copies one. A query with a word the index does not
 * hold finds nothing, and says which word (unknown); a search that finds nothing offers fewer of its words that
 * find something, a misspelt word as the index spells it (fewer, spelled). Text from the index is inserted as
 * text; of an excerpt, only its <mark> elements are kept, and an ellipsis shows where it cuts a sentence (cutOf).
 * window.abSearch.pagefind() is the one loader, shared with the claims explorer.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var ROOT = new URL("../", script ? script.src : window.location.href);  // the site root (javascripts/..)
  var BATCH = 20;  // results whose data is loaded at a time ("More results" loads the next ones)
  var FIRST = 5;  // of the first batch, shown as soon as loaded
  var EXCERPT = 24;  // words in an excerpt: Pagefind's (excerptLength), and those the scripts make alike
  var loading = null;

  function pagefind() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", ROOT).href).then(function (module) {
        return Promise.resolve(module.options({ excerptLength: EXCERPT })).then(function () {
          module.init();
          return module;
        });
      });
    }
    return loading;
  }

  function href(url) { return new URL(url, ROOT).href; }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // Pagefind's excerpt as pieces of text, each marked or not: its <mark>s and its text, nothing else. A mark
  // takes in the word alone, not the punctuation that Pagefind's word runs into ("Müller:", "(sanctions).").
  function pieces(html) {
    var doc = new DOMParser().parseFromString("<body>" + (html || ""), "text/html");
    var out = [];
    Array.prototype.forEach.call(doc.body.childNodes, function (node) {
      var text = node.textContent, word = node.nodeName === "MARK" ? bare(text) : "";
      if (!word) { out.push({ text: text, mark: false }); return; }
      var at = text.indexOf(word);
      out.push({ text: text.slice(0, at), mark: false }, { text: word, mark: true },
        { text: text.slice(at + word.length), mark: false });
    });
    return out.filter(function (p) { return p.text; });
  }

  // The pieces as nodes, each mark narrowed to the words of the query's terms ``asked`` (terms) it holds
  // (narrowed), without the stops the index added (ADDED).
  function nodes(list, asked) {
    var out = document.createDocumentFragment();
    narrowed(list, asked).forEach(function (p) {
      var text = p.text.replace(ADDED, unadded);
      if (text) out.appendChild(p.mark ? el("mark", null, text) : document.createTextNode(text));
    });
    return out;
  }

  // A full stop the index added to end a field (pagefind_index.ended, or Pagefind itself) after a stop behind
  // closing quotes, or after punctuation that ends no sentence: "needs.”." reads "needs.”", "stalled…." reads
  // "stalled…"; after a comma, a colon or a semicolon it gives way to an ellipsis, so that the next field does
  // not read as the same sentence: "“not a favour,”. Diallo chaired" reads "“not a favour,” … Diallo chaired".
  var ADDED = /([,:;\u2026\u2013\u2014]|[.!?](?=["'\u201d\u2019\u00bb)\]]))(["'\u201d\u2019\u00bb)\]]*)\.(?=\s|$)/gu;
  function unadded(all, mark, quotes) { return mark + quotes + (/[,:;]/.test(mark) ? " \u2026" : ""); }

  // Pagefind's excerpt as nodes: its text as text, its <mark>s as marks, nothing else; without the ASCII forms
  // of ``folds`` (a record's, search_records._with_folds), the words they stand for marked (withoutFolds).
  // ``cut``: whether the excerpt begins and ends within a sentence (cutOf), each shown by an ellipsis; ``asked``:
  // the query's terms (terms), which narrow a mark (narrowed).
  function excerpt(html, folds, cut, asked) {
    var list = pieces(html), kept = withoutFolds(list, foldsOf(folds));
    return nodes(ellipses(marked(list) && !marked(kept.list) ? withoutFolds(list, foldsOf(folds), true).list
      : kept.list, cut), asked);
  }

  // Punctuation that ends a clause within what Pagefind takes for one word, as it splits words at spaces and
  // ASCII punctuation only: a dash, an ellipsis, quotes ("stall—again", "“naïve”—rested"). An apostrophe or a
  // hyphen or en dash joins the parts of one word ("O’Brien", "Seoul–Washington").
  var BREAK = /([\u2014\u2015\u2026\u2e3a\u2e3b\u201c\u201d\u201e\u00ab\u00bb"]+)/u;

  // The pieces with a mark over words that a clause's punctuation joins ("stall—again—over") narrowed to those of
  // its words that answer a term of the query (``asked``): Pagefind marks the whole run for "stall". A mark
  // none of whose words answers (a stem Pagefind matched) stays whole. A mark on a word that Pagefind matched
  // only as beginning with a query word of one to three letters is left out: "the of and" marked "Officials",
  // "they" and "these" (askedFor marks such a word alone); when the query has a figure, so is one with a point
  // that is not it: "45" marked "4.5%", which Pagefind indexes as "45".
  function narrowed(list, asked) {
    if (!asked || !asked.length) return list;
    var out = [], wanted = askedFor(asked), figures = asked.some(function (forms) { return forms.figure; });
    list.forEach(function (p) {
      var words = partsOf(p.text).filter(function (part) { return !/\p{N}/u.test(part); });
      if (p.mark && !wanted(p.text) && !words.some(wanted) &&  // "old" of "old-growth" is asked for
          (short(plain(p.text), asked) || (figures && /\p{N}\.\p{N}/u.test(p.text)))) {  // "Officials", "4.5%"
        out.push({ text: p.text, mark: false });
        return;
      }
      var parts = p.mark ? p.text.split(BREAK) : [];  // word, punctuation, word, ...
      var hit = parts.map(function (part, at) {
        return at % 2 === 0 && asked.some(function (forms) { return answered(plain(part), forms); });
      });
      if (!hit.some(Boolean)) { out.push(p); return; }
      parts.forEach(function (part, at) { if (part) out.push({ text: part, mark: hit[at] }); });
    });
    return out;
  }

  // A sentence's end, its closing quotes aside ("May")."): at a word's end (STOP), or beginning the text after
  // a word whose mark left it out (STOPPED: "%." after "3.7"). Every field of a record ends in one in the index
  // (pagefind_index.ended), which is how an excerpt tells where a field begins.
  var STOP = /[.!?\u2026]["'\u201d\u2019\u00bb)\]]*$/, STOPPED = /^[^\p{L}\p{M}\p{N}\s]*[.!?\u2026]/u;

  // Where an excerpt stands in its record's ``words`` (contentWords), found from the word ``from`` (a claim's
  // heading; 0 for the record): {before: it begins within a sentence, after: it ends within one}.
  function cutOf(words, html, from) {
    var shown = pieces(html).map(function (p) { return p.text; }).join("").trim().split(/\s+/);
    if (!shown[0]) return { before: false, after: false };
    var at = from || 0;
    for (; at + shown.length <= words.length; at++) {
      if (words[at] !== shown[0]) continue;
      if (shown.every(function (w, i) { return words[at + i] === w; })) break;
    }
    if (at + shown.length > words.length) return { before: false, after: false };  // not found: as it is
    return {
      before: at > (from || 0) && !STOP.test(words[at - 1]),
      after: at + shown.length < words.length && !STOP.test(shown[shown.length - 1])
    };
  }

  // The pieces, with an ellipsis where ``cut`` says the text goes on.
  function ellipses(list, cut) {
    if (!list.length || !cut) return list;
    var out = list.slice();
    if (cut.before) out.unshift({ text: "\u2026 ", mark: false });
    if (cut.after) out.push({ text: " \u2026", mark: false });
    return out;
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  // A piece of text's word without the punctuation around it (a letter's accents are part of it).
  function bare(text) { return text.replace(/^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu, ""); }

  // The pieces as words and the spaces between them, each marked as its piece was.
  function tokens(list) {
    var out = [];
    list.forEach(function (p) {
      p.text.split(/(\s+)/).forEach(function (t) { if (t) out.push({ text: t, mark: p.mark }); });
    });
    return out;
  }

  // A record's forms and the words they stand for ("Lodz Łódź Soren Søren": search_records._with_folds), as
  // {form: word}.
  function foldsOf(text) {
    var folds = {}, list = (text || "").split(" ");
    for (var i = 0; i + 1 < list.length; i += 2) folds[list[i]] = list[i + 1];
    return folds;
  }

  // The searchable text has, after each field, a field of the ASCII forms of its words whose letters do not
  // decompose ("Lodz" for "Łódź"), so that a reader without the letter finds the word. An excerpt is shown
  // without those fields, and the words the forms stand for marked where they stand: {list: the pieces; found:
  // those words, in lower case}. A run of forms is such a field when it begins the excerpt or follows a stop,
  // and ends it or ends in a stop ("… dry. Lodz. The board"); a form within a sentence ("the town Lodz,
  // as the atlas does") is the text's own word, and stays. ``instead``: each form of such a run is replaced by
  // its word, for an excerpt where the word itself is out of sight ("… neglect. [Łukasik].").
  function withoutFolds(list, folds, instead) {
    var found = {};
    if (!Object.keys(folds).length) return { list: list, found: found };  // most records: no forms
    var all = tokens(list), drop = {};
    var at = all.map(function (t, i) { return bare(t.text) ? i : -1; }).filter(function (i) { return i >= 0; });
    var form = function (w) { return has(folds, bare(all[at[w]].text)); };
    var stops = function (w) {  // the w-th word ends a sentence, and so a field
      var next = all[at[w] + 1];
      return STOP.test(all[at[w]].text) || !!(next && STOPPED.test(next.text));
    };
    for (var w = 0; w < at.length; w++) {
      if (!form(w) || (w > 0 && !stops(w - 1))) continue;
      var end = w + 1;  // the run: forms up to the first that ends in a stop
      while (end < at.length && form(end) && !stops(end - 1)) end++;
      if (end < at.length && !stops(end - 1)) continue;  // it goes on into a sentence: the text's own words
      for (var k = w; k < end; k++) {
        var i = at[k], next = all[i + 1], word = folds[bare(all[i].text)];
        if (all[i].mark) {  // the word (an abbreviation by its form alone: "US" is no "us" in "dprk-says-us")
          found[bare(all[i].text).toLowerCase()] = true;
          if (abbreviated(word) !== bare(all[i].text)) found[word.toLowerCase()] = true;
        }
        if (instead) {  // the form marked gives way to its word; another form leaves its stop alone
          var text = all[i].text.replace(bare(all[i].text), all[i].mark ? word : "");
          if (all[i].mark || text) all[i] = { text: text, mark: all[i].mark, glued: !all[i].mark };
          if (all[i].mark || text) continue;
        }
        drop[i] = true;
        if (next && next.text.trim() && !bare(next.text)) drop[i + 1] = true;  // its stop, marked apart
      }
      w = end - 1;
    }
    var kept = [];
    all.forEach(function (t, i) {
      if (drop[i]) return;
      if (t.glued && kept.length && !kept[kept.length - 1].text.trim()) kept.pop();  // "Łukasik ." as "Łukasik."
      var space = !t.text.trim();  // no space twice, nor at either end, where a form was left out
      if (!space || (kept.length && kept[kept.length - 1].text.trim())) kept.push(t);
    });
    while (kept.length && !kept[kept.length - 1].text.trim()) kept.pop();
    return { list: markWords(kept, inSet(found)), found: found };
  }

  // An abbreviation: ASCII letters each followed by a full stop ("U.S.", "U.S", "e.g."), or two or three ASCII
  // capitals ("US", "UN", "EU"), not within a longer word (search_records._ABBREVIATION). Pagefind finds every
  // word that begins a query's word ("use" for "US" or "U.S.", "until" for "UN"); the index holds each
  // abbreviation's form (search_records.abbreviation_pairs), which the abbreviation alone finds, however it is
  // written or joined.
  var CAPITALS = "[A-Z]{2,3}";
  var ABBREVIATION_AT = "(?<![\\p{L}\\p{M}\\p{N}])(?:(?:[A-Za-z]\\.)+[A-Za-z](?![\\p{L}\\p{M}\\p{N}])\\.?|" +
    CAPITALS + "(?![\\p{L}\\p{M}\\p{N}]))";
  var ABBREVIATION = new RegExp("^" + ABBREVIATION_AT + "$", "u");
  var IN_CAPITALS = new RegExp("^" + CAPITALS + "$");  // "WAR": an abbreviation, or a word in capitals
  function abbreviated(word) { return "zqx" + word.replace(/[^\p{L}\p{M}\p{N}]+/gu, "").toLowerCase() + "zqx"; }

  // The pieces with each word that ``wanted`` (a function of a word as written) wants marked where it stands: as
  // a word of its own, words joined by punctuation ("O’Brien", "Seoul–Washington"), or a part of such words
  // ("Straße" in "Karl-Marx-Straße"), or the first words of such words ("O’Brien" in "O’Brien’s"); an
  // abbreviation, however it is written or joined, when its form is wanted
  // ("U.S." in "U.S.-led" for "zqxuszqx"). ``wanted``: inSet(words) or askedFor(terms).
  var JOINED = /([\p{L}\p{M}\p{N}]+(?:\p{P}+[\p{L}\p{M}\p{N}]+)*)/u;  // search_records._JOINED
  var ABBREVIATIONS = new RegExp("(" + ABBREVIATION_AT + ")", "u");
  function markWords(list, wanted) {
    var out = [];
    joinedUp(list).forEach(function (p) {
      if (p.mark) { out.push(p); return; }
      var rest = "";  // the text before the next abbreviation wanted
      var words = function (text) {
        text.split(JOINED).forEach(function (joined, at) {
          if (at % 2 && wanted(joined)) { out.push({ text: joined, mark: true }); return; }
          var parts = at % 2 ? joined.split(/(\p{P}+)/u) : [];  // word, punctuation, word, ...
          for (var end = parts.length - 2; end >= 3; end -= 2) {  // its words up to one, longest first
            var head = parts.slice(0, end).join("");  // "O’Brien" of "O’Brien’s"
            if (!wanted(head)) continue;
            out.push({ text: head, mark: true });
            joined = joined.slice(head.length);
            break;
          }
          joined.split(/([\p{L}\p{M}\p{N}]+)/u).forEach(function (part, at) {
            if (part) out.push({ text: part, mark: at % 2 === 1 && wanted(part) });
          });
        });
      };
      p.text.split(ABBREVIATIONS).forEach(function (piece, at) {
        if (!(at % 2 && wanted(abbreviated(piece)))) { rest += piece; return; }
        words(rest);
        rest = "";
        out.push({ text: piece, mark: true });
      });
      words(rest);
    });
    return out;
  }

  // The pieces, each run of unmarked ones as one ("U", ".", "S", "." as "U.S.": a word is marked whole).
  function joinedUp(list) {
    var out = [];
    list.forEach(function (p) {
      var last = out[out.length - 1];
      if (last && !last.mark && !p.mark) out[out.length - 1] = { text: last.text + p.text, mark: false };
      else out.push(p);
    });
    return out;
  }

  // Whether a word (as ``plain`` gives it) begins with a query word of one to three letters, and is longer.
  function short(word, asked) {
    return asked.some(function (forms) {
      return forms.some(function (form) {
        return form.length < 4 && word.length > form.length && !word.indexOf(form);
      });
    });
  }

  // Words in lower case (and forms), as a function markWords asks.
  function inSet(words) { return function (word) { return has(words, word.toLowerCase()); }; }

  // The query's terms (terms), as a function markWords asks, for a word of three letters or more ("a" does not
  // answer "analysis"): one Pagefind matched in the claim's section (``asked.hits``, withHits; not one a query word
  // of one to three letters only begins, ``short``: "unilateral" for "un"), or a form of a
  // term (inflects); when the word or the term is shorter than four, the term itself or an inflection of it, or
  // the word it inflects ("says" for "say", "war" for "wars"; "the" marks no "these" or "there", "foreign" no
  // "for"). A word with digits, when the query has a figure, is compared as a figure (sameFigure).
  function askedFor(asked) {
    return function (word) {
      var q = plain(word), digits = /\p{N}/u.test(word);
      if (!digits && q.length >= 3 && asked && asked.hits && has(asked.hits, q) && !short(q, asked)) return true;
      return (q.length >= 3 || digits) && (asked || []).some(function (forms) {
        if (digits && forms.figure) return sameFigure(word, forms.figure);  // "3.7%" for "3.7", not for "37"
        return q.length >= 3 && forms.some(function (form) {
          if (Math.min(q.length, form.length) >= 4) return inflects(q, form);
          return q === form || inflected(q, form) || inflected(form, q);
        });
      });
    };
  }

  // A word with digits as a figure: its letters and digits in lower case, and a point between digits ("4.5%":
  // "4.5"; "£2bn": "2bn"; "42,200": "42200"). Pagefind indexes "4.5" as "45", and so finds it for "45".
  function figure(word) {
    return word.toLowerCase().replace(/[^\p{L}\p{M}\p{N}.]+|(?<!\p{N})\.|\.(?!\p{N})/gu, "");
  }

  // Whether a word with digits is the figure of a query's word, or begins with it and goes on with a letter
  // ("2bn" for "2"; not "4.5" for "4", nor "4.5" for "45").
  function sameFigure(word, wanted) {
    var f = figure(word);
    return f === wanted || (f.indexOf(wanted) === 0 && /^\p{L}/u.test(f.slice(wanted.length)));
  }

  // Whether ``word`` is ``form`` of two or three letters with an inflection's ending: "says" of "say", "taxes"
  // of "tax", "acted", "acting" and "actions" of "act", "cutting" of "cut", "used" of "use", "owner" of "own";
  // "ups" of "up". Pagefind finds them as words that begin the query's; "Officials" for "of" and "they" for
  // "the" it finds alike.
  var ENDING = /^(?:s|es|ed|ing|ings|ion|ions|er|ers)$/;
  function inflected(word, form) {
    if (form.length < 2 || form.length > 3 || word.indexOf(form) !== 0) return false;
    var rest = word.slice(form.length), last = form.charAt(form.length - 1);
    if (form.length === 2) return rest === "s";
    return ENDING.test(rest) || (rest === "d" && last === "e") ||
      (rest.charAt(0) === last && /^(?:ed|ing)$/.test(rest.slice(1)));
  }

  // A claim's excerpt as pieces, split where the claim ends when the excerpt begins within the claim:
  // {title: the claim's pieces, the excerpt's marks in it, or null; rest: the excerpt's pieces after it}.
  function splitAtClaim(claim, list) {
    var plain = list.map(function (p) { return p.text; }).join("");
    if (!claim || !plain) return { title: null, rest: list };
    for (var at = 0; at < claim.length; at = claim.indexOf(" ", at) + 1) {  // at each word of the claim
      var tail = claim.slice(at), before = { text: claim.slice(0, at), mark: false };
      if (tail.indexOf(plain) === 0) {  // the excerpt ends within the claim
        var after = { text: tail.slice(plain.length), mark: false };
        return { title: [before].concat(list, [after]), rest: [] };
      }
      // the excerpt goes on past the claim's end, where its field ends: "needs.”" of a quote after a claim
      // ending "needs." is not the claim's
      if (plain.indexOf(tail) === 0 && /^(?:[.\s]|$)/.test(plain.slice(tail.length))) {
        var head = [], rest = [], left = tail.length;
        list.forEach(function (p) {
          if (left <= 0) { rest.push(p); return; }
          head.push({ text: p.text.slice(0, left), mark: p.mark });
          if (p.text.length > left) rest.push({ text: p.text.slice(left), mark: p.mark });
          left -= p.text.length;
        });
        while (rest.length && !rest[0].text.replace(/^[.\s]+/, "")) rest.shift();  // the claim's stop, a space
        if (rest.length) rest[0] = { text: rest[0].text.replace(/^[.\s]+/, ""), mark: rest[0].mark };
        return { title: [before].concat(head), rest: rest };
      }
      if (claim.indexOf(" ", at) < 0) break;
    }
    return { title: null, rest: list };
  }

  // A claim's excerpt, split where the claim ends when the excerpt begins within the claim (its heading, where a
  // claim's matches often are): {title: the claim with the matched words the excerpt marks in it, or null; rest:
  // the excerpt's words after the claim}. Else {title: null, rest: the excerpt}. ``folds``: the claim's
  // (_with_folds); a word matched by its ASCII form is marked where it stands, in the claim or the excerpt.
  // ``cut`` (cutOf): an ellipsis shows where the words go on, before the excerpt (unless it begins within the
  // claim, shown whole) and after it.
  function claimExcerpt(claim, html, folds, cut, asked) {
    var list = pieces(html).map(function (p) { return { text: p.text.replace(/\s+/g, " "), mark: p.mark }; });
    if (list.length && /^ /.test(list[0].text)) list[0] = { text: list[0].text.slice(1), mark: list[0].mark };
    claim = (claim || "").replace(/\s+/g, " ").trim();
    var kept = withoutFolds(list, foldsOf(folds));
    var split = splitAtClaim(claim, kept.list), within = !!split.title;  // the excerpt begins in the claim
    // the claim, its words the excerpt marks marked, and every word of it that the query asked for
    var title = split.title || [{ text: claim, mark: false }];
    if (Object.keys(kept.found).length) title = markWords(title, inSet(kept.found));  // most claims: no forms
    if (asked && asked.length) title = markWords(title, askedFor(asked));
    if (split.title || marked(title)) split.title = title;
    if (marked(list) && !marked(split.title || []) && !marked(split.rest)) {
      split = splitAtClaim(claim, withoutFolds(list, foldsOf(folds), true).list);
      within = !!split.title;
    }
    var goes = cut && { before: cut.before && !within, after: cut.after };
    return {
      title: split.title ? nodes(split.title, asked) : null, rest: nodes(ellipses(split.rest, goes), asked)
    };
  }

  // Whether some piece is marked. A word found by its form where the word itself is out of sight takes its
  // form's place in the excerpt (withoutFolds, ``instead``): a mark stays in sight.
  function marked(list) { return list.some(function (p) { return p.mark; }); }

  // A briefing record's claims (search_records.claim_meta, in the briefing's order), once loaded: the
  // record's claims file, beside the index (pagefind_index.claims_file), is fetched by withClaims.
  function claims(data) { return data.claims || []; }

  // A promise kept in ``cache`` by ``key``, made once by ``make``; forgotten if it fails, to be made again when
  // next asked for.
  function remembered(cache, key, make) {
    if (!has(cache, key)) {
      cache[key] = Promise.resolve(make());
      cache[key].catch(function () { delete cache[key]; });
    }
    return cache[key];
  }

  // The records' data, each with its claims (none for records that have no claims file).
  var claimFiles = {};
  function withClaims(records) {
    return Promise.all(records.map(function (data) {
      var file = data.meta.claims_file;
      if (!file) return data;
      return remembered(claimFiles, file, function () {
        return fetch(new URL("pagefind/" + file, ROOT).href).then(function (response) {
          if (!response.ok) throw new Error(file + ": " + response.status);
          return response.json();
        });
      }).then(function (list) { data.claims = list; return data; }, function (error) {
        console.warn(error);  // asked for again next time; meanwhile the briefing is shown without claims
        data.claims = [];
        return data;
      });
    }));
  }

  // A word as the index compares it: lower case, without accents or punctuation ("O’Brien," gives "obrien").
  function plain(word) {
    if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase().replace(/[^a-z0-9]+/g, "");  // most words
    return word.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  }

  // A record's words, as Pagefind's locations count them.
  function contentWords(data) { return (data.content || "").trim().split(/\s+/); }

  // Whether a word Pagefind matched for a query word (both as ``plain`` gives them) is that word: it begins with
  // it (a word still being typed, a stem), or, for a query word of five letters or more, it differs from it in
  // the last two letters of each at most (a last letter mistyped, "sanctionz"; a plural, "analyses" for
  // "analysis", "crises" for "crisis"). Not a shorter word that begins the query word: that is Pagefind's match
  // for a word it does not hold ("these" for "theses", "the" for "Thessaloniki").
  function holds(w, q) {
    if (w.indexOf(q) === 0) return true;
    if (q.length < 5 || q.indexOf(w) === 0) return false;
    var same = 0;
    while (same < w.length && w[same] === q[same]) same++;
    return same >= Math.max(w.length, q.length) - 2;
  }

  // Whether the index holds a word of a query. Pagefind, when no word it holds begins with a query word, matches
  // the longest word it holds that begins the query word instead: "Thessaloniki" would find every "the", a
  // misspelt "amoxicilin" every "a". A word is held when Pagefind finds the word itself, by its stem ("wars"
  // finds "war"), or when a word it matches for it answers to it (holds); a word of parts joined by hyphens or
  // apostrophes is held when each part is.
  // Words of scripts written without spaces are held: Pagefind splits those itself.
  var UNSPACED = /[\p{sc=Hani}\p{sc=Hira}\p{sc=Kana}\p{sc=Thai}\p{sc=Laoo}\p{sc=Khmr}\p{sc=Mymr}]/u;
  var heldWords = {};
  function held(pf, word) {  // a word without double quotes
    var q = plain(word);
    if (!q || UNSPACED.test(word)) return Promise.resolve(true);
    word = searchable(word);
    // "SAY" is asked for as an abbreviation, "say" as a word
    return remembered(heldWords, word.toLowerCase(), function () {
      return pf.search('"' + word + '"').then(function (exact) {
        if (inText(exact).length) return true;
        return pf.search(word).then(function (search) {
          var found = inText(search);
          if (!found.length) return false;  // not even a word that begins it
          return found[0].data().then(function (data) {
            var words = contentWords(data);
            return (data.locations || []).some(function (location) {  // "8-July-2018" holds "Jul"
              var written = words[location] || "";
              return wholeAndParts(written).some(function (w) { return holds(plain(w), q); });
            });
          });
        });
      }).then(function (found) {
        var split = partsOf(word);
        if (found || split.length < 2) return found;
        return Promise.all(split.map(function (part) { return held(pf, part); })).then(function (each) {
          return each.every(Boolean);  // "Karl-Marx-Strasse": the index holds "Strasse", the form of "Straße"
        });
      });
    });
  }

  // The words of a query that the index does not hold (of its first WORDS distinct ones, whatever their case or
  // quotes). Pagefind gives pages for them all the same; none has them.
  var WORDS = 12;
  function unknown(pf, query) {
    var words = distinctWords(query);
    return Promise.all(words.map(function (w) { return held(pf, w); })).then(function (flags) {
      return words.filter(function (w, at) { return !flags[at]; });
    });
  }

  // A query's first WORDS distinct words, whatever their case or quotes.
  function distinctWords(query) {
    var seen = {};
    return queryWords(query).filter(function (w) {
      var key = w.toLowerCase();
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    }).slice(0, WORDS);
  }

  // English words that say little alone: lunr's stop words (lunr.stopWordFilter, MIT), which Material's own search
  // left out of every query. Of a query's words in an English site, these are left out first (fewer).
  var STOPWORDS = {};
  ("a able about across after all almost also am among an and any are as at be because been but by can cannot " +
    "could dear did do does either else ever every for from get got had has have he her hers him his how however " +
    "i if in into is it its just least let like likely may me might most must my neither no nor not of off often " +
    "on only or other our own rather said say says she should since so some than that the their them then there " +
    "these they this tis to too twas us wants was we were what when where which while who whom why will with " +
    "would yet you your").split(" ").forEach(function (w) { STOPWORDS[w] = true; });

  // Whether a query's word says little alone: one of the STOPWORDS, in an English site ("US" is no "us").
  function small(word) {
    return /^en\b/i.test(document.documentElement.lang || "en") && !ABBREVIATION.test(bare(word)) &&
      has(STOPWORDS, plain(word));
  }

  // For a search that found nothing, a query of fewer words that finds something, and how many results it finds
  // ({query, count}; else null). Its words are the query's that the index holds, without double quotes, an
  // abbreviation in capitals that finds nothing read as a word ("WAR": "war"), a word the index does not hold as
  // the one an annotation holds that is spelt nearest ("pompio": "pompeo"; spelled); then, while they find nothing
  // together, one is left out: a stop word (STOPWORDS, in an English site) before any other, and of those the
  // commonest (the one most results hold alone; of equals, the first), so that "what did the Fed say about
  // rates" gives "Fed rates"; stop words, or a number of one or two digits, alone are not offered. One search a
  // step, of the query's own words.
  function fewer(pf, query, options) {
    var count = function (words) {
      return pf.search(searchable(words.join(" ")), options).then(function (s) { return inText(s).length; });
    };
    return Promise.all(distinctWords(query).filter(plain).map(function (w) {  // not "&" nor "—"
      return held(pf, w).then(function (yes) {
        if (yes) return w;
        if (!IN_CAPITALS.test(bare(w))) return spelled(pf, w);  // "pompio", as "Pompeo"
        var word = bare(w).toLowerCase();  // "WAR", an abbreviation the index does not hold, as the word "war"
        return held(pf, word).then(function (lower) { return lower ? word : null; });
      });
    })).then(function (kept) {
      var seen = {};
      var words = kept.filter(function (w) {  // as the reader wrote them ("U.S.", "€90"), each once ("rates?")
        var key = w && plain(searchable(w));
        if (!key || seen[key]) return false;
        seen[key] = true;
        return true;
      });
      return Promise.all(words.map(function (w) { return count([w]); })).then(function (alone) {
        var stop = words.map(function (w) { return small(w) || /^\d{1,2}$/.test(bare(w)); });  // not "2" alone
        var asked = searchable(query).trim().split(/\s+/).join(" ");
        var step = function (left) {
          if (left.every(function (at) { return stop[at]; })) return null;  // none, or small words alone
          var commonest = left.reduce(function (a, b) {
            if (stop[a] !== stop[b]) return stop[b] ? b : a;
            return alone[b] > alone[a] ? b : a;
          });
          var rest = left.filter(function (at) { return at !== commonest; });
          var candidate = left.map(function (at) { return words[at]; });
          if (searchable(candidate.join(" ")) === asked) return step(rest);  // the query itself found nothing
          return count(candidate).then(function (n) {
            return n ? { query: candidate.join(" "), count: n } : step(rest);
          });
        };
        return step(words.map(function (w, at) { return at; }));
      });
    });
  }

  // For a word the index does not hold, the word an annotation holds that is spelt nearest ("Pompio": "Pompeo",
  // "denuclearisation": "denuclearization", "sanctoins": "sanctions"; nearest); else null. A word of parts
  // ("Pompio's", "gangster-lke") has each part the index does not hold spelt, its punctuation kept, or is null
  // if one cannot be. It is given in lower case if typed so, else as the records write it most often.
  function spelled(pf, word) {
    if (partsOf(word).length > 1) {
      return Promise.all(word.split(/([^\p{L}\p{M}\p{N}]+)/u).map(function (piece, at) {
        if (at % 2 || !piece) return piece;
        return held(pf, piece).then(function (yes) { return yes ? piece : spelled(pf, piece); });
      })).then(function (spelt) {  // "U.S.", unheld as an abbreviation, holds "u" and "s"
        return spelt.indexOf(null) < 0 && spelt.join("") !== word ? spelt.join("") : null;
      });
    }
    return nearest(pf, plain(word)).then(function (found) {
      return found && word === word.toLowerCase() ? found.toLowerCase() : found;
    });
  }

  // The word an annotation holds nearest in spelling to ``q`` (a word as plain gives it), as the records write it
  // most often; else null. Pagefind has no list of its words, and finds those whose stems begin with the stem of
  // what it is asked, or, when none does, the longest it holds that begins it. So ``q`` is asked for less its
  // last letter, then less its last two, down to its first three letters, until a word that the first SPELT
  // results matched there (each part of "Pompeo's" apart; a form the index holds for a word, "Lodz" for "Łódź",
  // as that word, but a month in a date's form as itself; not on the site's own pages, whose examples misspell on
  // purpose) is within one step of ``q`` (distance), or two for a word of eight letters or more, as Algolia's
  // typo tolerance allows by default: of those, the nearest, then the commonest, then the first. Not for a word
  // of under four letters or over LONGEST, nor one with digits ("2019" is not "2018"); a slip in the first three
  // letters is not found.
  var SPELT = 5;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;  // a date, whose form in words ("8-July-2018") has parts of its own
  var LONGEST = 20;  // a longer "word" is words run together; each step of it is a search
  var spellings = {};
  function nearest(pf, q) {
    if (q.length < 4 || q.length > LONGEST || /\d/.test(q)) return Promise.resolve(null);
    var most = q.length >= 8 ? 2 : 1;
    var step = function (length) {
      if (length < 3) return null;
      return pf.search(q.slice(0, length)).then(function (search) {
        return Promise.all(inText(search).slice(0, SPELT).map(function (result) { return result.data(); }));
      }).then(function (records) {
        var found = {}, best = null;
        records.forEach(function (data) {
          if (data.meta.kind === "page") return;
          var words = contentWords(data), forms = foldsOf(data.meta.folds);
          (data.locations || []).forEach(function (location) {
            var written = words[location] || "", parts = partsOf(written);
            var stands = has(forms, bare(written)) && !DATE.test(forms[bare(written)]);  // not July for 07
            var shown = stands ? partsOf(forms[bare(written)]) : parts;
            parts.forEach(function (part, at) {
              var p = plain(part);
              var steps = p && p !== q ? distance(p, q) : Infinity;
              if (steps > most) return;
              var form = shown.length === parts.length ? shown[at] : part;
              var seen = found[p] || (found[p] = { steps: steps, count: 0, forms: {}, form: form });
              seen.count++;
              seen.forms[form] = (seen.forms[form] || 0) + 1;
              if (seen.forms[form] > seen.forms[seen.form]) seen.form = form;
              if (!best || steps < best.steps || (steps === best.steps && seen.count > best.count)) best = seen;
            });
          });
        });
        return best ? best.form : step(length - 1);
      });
    };
    return remembered(spellings, q, function () { return step(q.length - 1); });
  }

  // The edit distance of two words: the fewest letters put in, left out or changed, or two side by side swapped,
  // that make one the other (Damerau and Levenshtein's, as the optimal string alignment).
  function distance(a, b) {
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j++) {
        var steps = i ? Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1,
          rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)) : j;
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          steps = Math.min(steps, rows[i - 2][j - 2] + 1);
        }
        rows[i].push(steps);
      }
    }
    return rows[a.length][b.length];
  }

  // A query as Pagefind is asked it: without currency signs, and each abbreviation outside double quotes as its
  // form (abbreviated). Pagefind keeps a sign in a query word, and indexes "$4.5bn" as "45bn" and "5bn" ("$" and
  // "." are ASCII punctuation, which it splits at), so that "$4.5bn" found nothing; "€90" it indexes as "€90"
  // and "90". A phrase in quotes (straight) Pagefind matches exactly, as written. A word in small letters of parts
  // joined by hyphens, two of them of three letters or digits or more, is asked for as its parts: Pagefind asks
  // for "rule-of-law" as "ruleoflaw", which found no "rule of law" (nor "water-board", "water board"); and the
  // index holds each part of a word so joined ("gangster-like"). Other such words are asked for whole: a name
  // ("Kyung-wha": "wha" begins "what"; "Jong-un"), "U.S.-led", "covid-19", "2018-07-08".
  function searchable(query, whole) {  // whole: each word of parts kept whole (terms)
    var asked = function (word) {
      var w = bare(word).replace(/['\u2019]s$/, "");  // "UN’s" asks for "UN"
      return ABBREVIATION.test(w) ? abbreviated(w) : word;
    };
    return straight(query).replace(/\p{Sc}/gu, "").split(/("[^"]*")/).map(function (part, at) {
      if (at % 2) return part;
      return part.split(/(\s+)/).map(function (word) {
        if (whole || word !== word.toLowerCase()) return asked(word);  // a name, "Kyung-wha", "U.S.-led": whole
        var parts = bare(word).split(/(?<=[\p{L}\p{M}\p{N}.])-(?=[\p{L}\p{M}\p{N}])/u);
        var long = parts.filter(function (p) { return plain(p).length > 2; });
        return long.length > 1 ? parts.map(asked).join(" ") : asked(word);
      }).join("");
    }).join("");
  }

  // A search's results that the words matched in their text. Pagefind 1.5 also matches the words of a record's
  // metadata, which a reader does not see: its address, its kind ("speaker"), its number of claims ("10"), the
  // name of its claims file ("json"); a result found by those alone has no word to mark, and is left out.
  function inText(search) {
    return search.results.filter(function (result) { return result.words && result.words.length; });
  }

  // The words, quoted, for a message: “Thessaloniki”, “amoxicilin”.
  function quoted(words) { return words.map(function (w) { return "\u201c" + w + "\u201d"; }).join(", "); }

  // The claims of a briefing record that the words of ``query`` matched, best first: Pagefind makes a sub-result
  // of each claim's heading (its anchor is the claim's id); each comes with its excerpt, matched words marked.
  // Best: the most of the query's words matched (a claim's heading holds "says" at the claim's weight, which
  // must not outrank a counterclaim matching every word; words of the record that one query word matched count
  // once: "un" matching "unilateral" and "unfounded" is one word), then Pagefind's scores of the matches, then
  // the page's order. Not a claim that matched only small words of a query that has others (small: "of" alone,
  // for "rule of law"), nor one that matched only figures the query did not ask for ("231" for "2 billion").
  function matched(data, query) {
    var byId = {};
    claims(data).forEach(function (claim) { byId[claim.id] = claim; });
    var phrase = phraseOf(query), words = contentWords(data), asked = phrase ? [] : terms(query);  // a phrase's
    // words are marked where they stand together, not each alone
    // each query word's words (a word of parts: its parts), those that say little alone and the others ("May" in a
    // claim is a month)
    var minor = [], major = [];
    asked.forEach(function (forms) {
      var words = forms.length > 1 ? forms.slice(1) : forms;
      var little = function (w) { return small(w) && w !== "may"; };
      minor.push(words.filter(little));
      major.push(words.filter(function (w) { return !little(w); }));
      major[major.length - 1].figure = forms.figure;
    });
    var found = phraseSubs(data, phrase, byId, words) ||
      (data.sub_results || []).filter(function (sub) { return sub.anchor && byId[sub.anchor.id]; });
    return found.map(function (sub, at) {
      var hits = [], wholes = [], score = 0;
      (sub.weighted_locations || []).forEach(function (place) {  // a word, and each of its parts
        var written = words[place.location] || "";  // "quantitative-easing" holds "easing"
        hits.push.apply(hits, wholeAndParts(written));
        wholes.push(written);
        score += place.balanced_score || 0;
      });
      var said = asked.map(function (forms) {
        return hits.some(function (hit) { return hitAnswers(hit, forms); });
      });
      var minorOnly = function (hit) {  // it answers a small word of the query, and no other
        return minor.some(function (m) { return m.length && answered(plain(hit), m); }) &&
          !major.some(function (m) { return m.length && hitAnswers(hit, m); });
      };
      var claim = byId[sub.anchor.id], excerpt = claim.folds ? besideForms(data, sub.excerpt, claim.folds,
        sub.anchor.location) : sub.excerpt;
      var figures = function (hit) { return /\p{N}/u.test(hit); };
      // aside: matched by figures the query did not ask for alone, or by small words alone (not by a stem of
      // another word, "negotiators" for "negotiate with")
      var aside = hits.length > 0 && (said.indexOf(true) < 0 ? asked.length > 0 && hits.every(figures)
        : hits.every(minorOnly));
      return { claim: claim, excerpt: excerpt, cut: cutOf(words, excerpt, sub.anchor.location),
        asked: withHits(asked, wholes), distinct: said.filter(Boolean).length, score: score, at: at, aside: aside };
    }).filter(function (f) {
      return !f.aside || major.every(function (m) { return !m.length; });  // small words alone: all kept
    }).sort(function (a, b) {
      return b.distinct - a.distinct || b.score - a.score || a.at - b.at;
    });
  }

  // The words of a query that Pagefind matches as a phrase, the whole of it in double quotes ('"sticking
  // plaster"'), as ``plain`` gives them; else null.
  function phraseOf(query) {
    var quoted = /^"([^"]+)"$/.exec(searchable(query || "").trim());
    return quoted ? quoted[1].split(/\s+/).map(plain).filter(Boolean) : null;
  }

  // A record's sub-results for a phrase, one for each claim whose section holds it, as Pagefind's are: Pagefind
  // gives the first place a phrase stands in a record alone, which is often the copy of a claim that another
  // claim's counterclaim cites, so the claim that says the words was not listed. Each: its anchor, an excerpt
  // of EXCERPT words around the phrase, marked, and a score that puts first the claim that holds it nearest its
  // heading (its own words, before the counterclaims it cites). Null when the query is no phrase, or the record's
  // words do not hold it as Pagefind's exact search compares them.
  function phraseSubs(data, phrase, byId, words) {
    if (!phrase || !phrase.length) return null;
    var flat = words.map(plain), seen = {}, out = [];
    for (var at = 0; at + phrase.length <= flat.length; at++) {
      if (!phrase.every(function (w, k) { return flat[at + k] === w; })) continue;
      var section = sectionOf(data, at);
      var anchor = section.anchor;
      if (!anchor || !byId[anchor.id] || seen[anchor.id]) continue;
      seen[anchor.id] = true;
      var score = 1 / (1 + at - anchor.location);
      out.push({ anchor: anchor, excerpt: windowAt(words, at, phrase.length, section), weighted_locations:
        phrase.map(function (_w, k) { return { location: at + k, balanced_score: score }; }) });
    }
    return out.length ? out : null;
  }

  // The section of a record that holds its word ``at``: {anchor: its heading's anchor (null before the first),
  // start, stop: where its words begin and end}.
  function sectionOf(data, at) {
    var anchor = null, stop = contentWords(data).length;
    (data.anchors || []).forEach(function (a) {
      if (a.location <= at && (!anchor || a.location > anchor.location)) anchor = a;
      if (a.location > at && a.location < stop) stop = a.location;
    });
    return { anchor: anchor, start: anchor ? anchor.location : 0, stop: stop };
  }

  // An excerpt of EXCERPT words of ``words`` within ``section`` around [at, at + count), those words marked.
  function windowAt(words, at, count, section) {
    var from = Math.max(section.start, at - Math.floor((EXCERPT - count) / 2));
    var end = Math.min(section.stop, from + EXCERPT), html = [];
    for (var w = Math.max(section.start, end - EXCERPT); w < end; w++) {
      var text = words[w].replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      html.push(w >= at && w < at + count ? "<mark>" + text + "</mark>" : text);
    }
    return html.join(" ");
  }

  // An excerpt whose marks are all on forms (search_records._with_folds) whose words are out of sight, moved to
  // where the first such word stands after them in the same section (or record): "US" of Pompeo's claim showed
  // "… arsenal. zqxuszqx. the", the word itself just beyond Pagefind's window. Else the excerpt as it is (if the
  // word is not found, withoutFolds shows it in its form's place).
  function besideForms(data, html, folds, from) {
    var forms = foldsOf(folds), list = pieces(html), kept = withoutFolds(list, forms);
    if (!marked(list) || marked(kept.list)) return html;
    var words = contentWords(data), wanted = inSet(kept.found), section = sectionOf(data, from || 0);
    var first = (data.locations || []).filter(function (l) { return l >= section.start && l < section.stop; });
    for (var at = first.length ? Math.min.apply(null, first) : section.start; at < section.stop; at++) {
      if (has(forms, bare(words[at]))) continue;  // a form, not its word
      if (marked(markWords([{ text: words[at], mark: false }], wanted))) return windowAt(words, at, 1, section);
    }
    return html;
  }

  // A query's words as searched (searchable), each as the forms a matched word may answer to: the word as the
  // index compares it, and its parts ("Karl-Marx-Strasse": karlmarxstrasse, karl, marx, strasse); for a word
  // with digits, its ``figure`` too.
  function terms(query) {  // a word of parts is one term, its parts among its forms ("gangster-like demands": 2)
    return queryWords(searchable(query || "", true)).map(function (word) {
      var forms = wholeAndParts(word).map(plain).filter(Boolean);
      if (/\p{N}/u.test(word)) forms.figure = figure(word);  // as a figure is compared (sameFigure)
      return forms;
    }).filter(function (forms) { return forms.length; });
  }

  // A query's words, without double quotes, straight or curly ("phase out" or “phase out”).
  function queryWords(query) {
    return straight(query).replace(/"/g, " ").split(/\s+/).filter(Boolean);
  }

  // A query with its curly double quotes straight: a phone's keyboard types “these”; Pagefind knows "these".
  function straight(query) { return (query || "").replace(/[\u201c\u201d\u201e]/g, '"'); }

  // Whether a word the index matched answers to one of a query word's forms (terms; answers).
  function answered(hit, forms) { return forms.some(function (form) { return answers(hit, form); }); }

  // A word's parts, where anything but a letter or a digit joins them ("Karl-Marx-Strasse": Karl, Marx, Strasse).
  function partsOf(word) { return word.split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean); }

  // A word, then its parts.
  function wholeAndParts(word) { return [word].concat(partsOf(word)); }

  // Whether a word the index matched answers to a form of a query word: one begins the other (a word still being
  // typed, a stem: "sanc", "wars" for "war"), or they differ in the last two letters of the shorter at most
  // ("studies" for "studied", "negotiators" for "negotiate", as Pagefind's stems do).
  function answers(hit, form) {
    if (!hit) return false;
    if (hit.indexOf(form) === 0 || form.indexOf(hit) === 0) return true;
    var same = alike(hit, form);
    return same >= 3 && same >= Math.min(hit.length, form.length) - 2;
  }

  // The number of first letters two words have alike.
  function alike(a, b) {
    var same = 0;
    while (same < a.length && a[same] === b[same]) same++;
    return same;
  }

  // Whether a word of a claim is a form of a query word, to be marked there (askedFor) though Pagefind did not
  // match it there: one begins the other, or, after three letters or more alike, each ends in an English
  // inflection's ending or none ("studies" for "studied", "families" for "family"; not "party" for
  // "parliamentary" or "partner", nor "office" for "officials", which ``answers`` would take).
  var INFLECTION = /^(?:|s|es|is|e|ed|d|y|ies|ied|ing|er|ers|ion|ions)$/;
  function inflects(word, form) {
    if (word.indexOf(form) === 0 || form.indexOf(word) === 0) return true;
    var same = alike(word, form);
    return same >= 3 && INFLECTION.test(word.slice(same)) && INFLECTION.test(form.slice(same));
  }

  // A link to a search of fewer words (fewer): "Search for Fed rates instead", and with ``noun`` ("result") the
  // number found: ": 3 results", as the search's own count says it.
  function insteadLink(instead, url, noun) {
    var a = el("a", null, "Search for ");
    a.appendChild(el("strong", null, instead.query));
    a.appendChild(document.createTextNode(" instead" +
      (noun ? ": " + instead.count + " " + noun + (instead.count === 1 ? "" : "s") : "")));
    a.href = url;
    return a;
  }

  window.abSearch = {
    pagefind: pagefind, root: ROOT, href: href, el: el, excerpt: excerpt, claimExcerpt: claimExcerpt, claims: claims,
    matched: matched, withClaims: withClaims, unknown: unknown, fewer: fewer, distance: distance,
    insteadLink: insteadLink, quoted: quoted, has: has, cutOf: cutOf, inText: inText, searchable: searchable,
    terms: terms, holds: holds, phraseOf: phraseOf, besideForms: besideForms, single: single
  };

  // A result's article; ``title``: text, or nodes (a claim with its matched words marked).
  function article(level, title, lines, icon) {
    var node = el("article", "md-search-result__article md-typeset");
    if (icon) node.appendChild(el("div", "md-search-result__icon md-icon"));
    var heading = el(level, null, typeof title === "string" ? title : null);
    if (typeof title !== "string") heading.appendChild(title);
    node.appendChild(heading);
    lines.forEach(function (line) { if (line) node.appendChild(line); });
    return node;
  }

  // A result link; ``kind``: the record's (briefing, speaker, topic, page), or "annotation" for a claim.
  function link(url, child, kind) {
    var a = el("a", "md-search-result__link");
    a.href = href(url);
    a.tabIndex = -1;
    a.setAttribute("data-kind", kind);
    a.appendChild(child);
    return a;
  }

  // A claim that matched, under its briefing: its speaker, who disputes it, and the excerpt's words after the
  // claim when they hold a matched word (else they are a fragment of the quote: "Our three"), as the explorer.
  function claimLink(page, found) {
    var c = found.claim;
    var who = el("p", "ab-search__who");
    who.appendChild(el("strong", null, c.speaker));
    who.appendChild(document.createTextNode(" · " + c.attribution));
    if (c.disputers) who.appendChild(el("span", "ab-search__disputed", " · disputed by " + c.disputers));
    var split = claimExcerpt(c.claim, found.excerpt, c.folds, found.cut, found.asked);
    var text = el("p", "ab-search__excerpt");
    text.appendChild(split.rest);
    var words = text.querySelector("mark") ? text : null;
    return link(page.url + "#" + c.id, article("h2", split.title || c.claim, [who, words]), "annotation");
  }

  function single(data, asked) {
    var m = data.meta;
    var kinds = { speaker: "Speaker", topic: "Topic", page: "Page", briefing: "Briefing" };
    var info = [kinds[m.kind] || ""];
    if (m.role) info.push(m.role);
    if (m.date) info.push(dateOf(data, asked));
    var count = function (n, noun) { return n + " " + noun + (n === "1" ? "" : "s"); };
    if (m.claims && (m.claims !== "0" || !m.counterclaims)) info.push(count(m.claims, "claim"));
    if (m.counterclaims) info.push(count(m.counterclaims, "counterclaim"));  // a speaker's: "1 counterclaim"
    var who = el("p", "ab-search__who");
    info.forEach(function (item, at) {
      if (at) who.appendChild(document.createTextNode(" · "));
      who.appendChild(typeof item === "string" ? document.createTextNode(item) : item);
    });
    var text = el("p", "ab-search__excerpt");  // an excerpt of a briefing may be of a claim: its forms too
    var folds = [m.folds].concat(claims(data).map(function (c) { return c.folds; })).filter(Boolean).join(" ");
    var shown = folds ? besideForms(data, data.excerpt, folds, 0) : data.excerpt;
    text.appendChild(excerpt(shown, folds, cutOf(contentWords(data), shown, 0), asked));
    return link(m.url, article("h1", m.title, [who, text], true), m.kind);
  }

  // Whether a word the index matched (as written) answers to one of a query word's forms: a word with digits to
  // its figure as a figure, when it has one ("231" is no "2"), else as ``answered``.
  function hitAnswers(hit, forms) {
    return forms.figure && /\p{N}/u.test(hit) ? sameFigure(hit, forms.figure) : answered(plain(hit), forms);
  }

  // The query's terms with the words (as ``plain`` gives them; a word of parts whole, not "gangster" of
  // "gangster-like" for "like") that Pagefind matched in a claim's section: a word of the claim among them is
  // marked (askedFor), as Pagefind's stems match it ("negotiators" for "negotiate").
  function withHits(asked, hits) {
    var out = asked.slice();
    out.hits = {};
    hits.forEach(function (hit) { out.hits[plain(hit)] = true; });
    return out;
  }

  // A briefing's date, marked when the query's words matched its form in words ("8-July-2018" for "July 2018":
  // search_records.date_pairs): the excerpt shown may not be of the byline that holds it.
  function dateOf(data, asked) {
    var date = data.meta.date || "", forms = foldsOf(data.meta.folds), words = contentWords(data);
    var hit = date && (data.locations || []).some(function (at) {
      var w = bare(words[at] || "");
      return has(forms, w) && forms[w] === date && partsOf(w).some(function (part) {  // not "2018" for "20"
        return asked.some(function (forms) { return hitAnswers(part, forms); });
      });
    });
    return hit ? el("mark", null, date) : document.createTextNode(date);
  }

  // Loaded results in rank order, as list items: a briefing's matching claims under it, the site's pages last.
  function groups(loaded, query) {
    var pages = loaded.filter(function (data) { return data.meta.kind === "page"; });
    var items = loaded.filter(function (data) { return data.meta.kind !== "page"; });
    return items.concat(pages).map(function (data) {
      var li = el("li", "md-search-result__item");
      var found = data.meta.kind === "briefing" ? matched(data, query) : [];
      if (!found.length) { li.appendChild(single(data, terms(query))); return li; }
      var head = data.meta;
      var info = el("p", "ab-search__who");
      info.appendChild(dateOf(data, terms(query)));
      info.appendChild(document.createTextNode(" · " + found.length +
        (found.length === 1 ? " matching claim" : " matching claims")));
      li.appendChild(link(head.url, article("h1", head.title, [info], true), "briefing"));
      var shown = found.slice(0, 3), rest = found.slice(3);
      shown.forEach(function (f) { li.appendChild(claimLink(head, f)); });
      if (rest.length) {
        var more = el("details", "md-search-result__more");
        var summary = el("summary");
        summary.appendChild(el("div", null, rest.length + " more in this briefing"));
        more.appendChild(summary);
        rest.forEach(function (f) { more.appendChild(claimLink(head, f)); });
        li.appendChild(more);
      }
      return li;
    });
  }

  function Search(box) {
    this.box = box;
    this.toggle = document.getElementById("__search");
    this.input = box.querySelector("#ab-search-input");
    this.list = box.querySelector("#ab-search-results");
    this.meta = box.querySelector("#ab-search-meta");
    this.share = box.querySelector("#ab-search-share");
    this.output = box.querySelector(".md-search__output");
    this.form = box.querySelector("form");
    this.placeholder = this.meta.textContent.trim();
    this.query = "";
    this.results = [];
    this.missing = [];  // the query's words the index does not hold (unknown)
    this.checked = Promise.resolve([]);  // the search's unknown words, once found
    this.instead = null;  // for a search that found nothing, a query of fewer words that finds some (fewer)
    this.loaded = [];
    this.busy = null;  // the batch under way: {results, done}
    this.landing = null;  // a result on this page, followed once Material frees the page: {watch, timer}
    this.bind();
  }

  // As Material sets its toggles (setToggle): by a click, whose change event is what Material pins the page
  // behind the search on, on a phone, and frees it on, back where the reader was.
  Search.prototype.setOpen = function (open) {
    if (open) this.stopLanding();
    if (this.toggle.checked !== open) this.toggle.click();
  };

  Search.prototype.open = function (query) {
    this.setOpen(true);
    if (query !== undefined) { this.input.value = query; this.run(); }
    this.input.focus();
  };

  // Closed, the search keeps no focus: not in the box, nor on a result or the share button, now hidden.
  Search.prototype.close = function () {
    this.setOpen(false);
    var focused = document.activeElement;
    if (focused && this.box.contains(focused)) focused.blur();
  };

  // A result on this page, chosen while Material pins the page: the browser cannot scroll a pinned page to it,
  // and Material then scrolls back to where the reader was. So the search closes, and once Material has freed
  // the page (100 ms later), the address moves to the result; not if the search opens again before, nor after a
  // second.
  Search.prototype.land = function (a, event) {
    var self = this, body = document.body, here = window.location;
    if (!body.hasAttribute("data-md-scrolllock") || !a.hash || a.pathname !== here.pathname) return this.close();
    event.preventDefault();
    this.stopLanding();
    var watch = new MutationObserver(function () {
      if (body.hasAttribute("data-md-scrolllock")) return;
      self.stopLanding();
      here.href = a.href;
    });
    watch.observe(body, { attributes: true, attributeFilter: ["data-md-scrolllock"] });
    this.landing = { watch: watch, timer: window.setTimeout(function () { self.stopLanding(); }, 1000) };
    this.close();
  };

  Search.prototype.stopLanding = function () {
    if (!this.landing) return;
    this.landing.watch.disconnect();
    window.clearTimeout(this.landing.timer);
    this.landing = null;
  };

  Search.prototype.links = function () {
    return Array.prototype.filter.call(this.list.querySelectorAll(".md-search-result__link"), function (a) {
      return a.offsetParent !== null;  // not inside a closed <details>
    });
  };

  Search.prototype.shareUrl = function () {
    return ROOT.href + (this.query ? "?q=" + encodeURIComponent(this.query) : "");
  };

  Search.prototype.run = function () {
    var self = this, query = this.input.value.trim();
    this.share.href = this.shareUrl();
    if (query === this.query) return;
    this.query = query;
    this.instead = null;  // an offer for the words before: not chosen by an Enter for these
    var offered = this.list.querySelector(".ab-search__instead");
    if (offered) offered.remove();
    this.share.href = this.shareUrl();
    if (!query) { this.show([], 0); this.meta.textContent = this.placeholder; return; }
    pagefind().then(function (pf) {
      return pf.debouncedSearch(searchable(query), {}, 120).then(function (search) {
        if (!search || query !== self.query) return;  // a later query is under way
        self.results = inText(search);
        self.checked = unknown(pf, query);  // while the first results load
        self.missing = [];
        self.loaded = [];
        self.busy = null;
        return self.more();
      });
    }).catch(function (error) {
      self.meta.textContent = "Search is not available.";
      console.warn(error);
    });
  };

  // The next batch of results: the first few of a new search shown as soon as they are loaded, and the query's
  // words found held (none, if a word is not: unknown). One batch at a time: a click while one loads waits for
  // it, and a batch of an older search is dropped.
  Search.prototype.more = function () {
    var self = this, results = this.results, start = this.loaded.length;
    if (this.busy && this.busy.results === results) return this.busy.done;
    var size = start === 0 ? FIRST : BATCH;
    var batch = results.slice(start, start + size);
    var loaded = Promise.all(batch.map(function (r) { return r.data(); })).then(withClaims);
    var done = Promise.all([loaded, this.checked]).then(function (both) {
      var data = both[0], missing = both[1];
      self.busy = null;
      if (results !== self.results || self.loaded.length !== start) return;
      if (missing.length) {
        self.missing = missing;
        self.results = [];
        self.show([], 0);
        return self.offer();
      }
      self.loaded = self.loaded.concat(data);
      self.show(self.loaded, results.length);
      if (!results.length) return self.offer();
      if (start === 0 && self.loaded.length < Math.min(BATCH, results.length)) return self.more();
    }, function (error) {
      self.busy = null;
      throw error;
    });
    this.busy = { results: results, done: done };
    return done;
  };

  // A search that found nothing offers a query of fewer words that finds some, once it is known (fewer).
  Search.prototype.offer = function () {
    var self = this, query = this.query;
    return pagefind().then(function (pf) { return fewer(pf, query, {}); }).then(function (instead) {
      if (!instead || query !== self.query || self.results.length) return;
      self.instead = instead;
      self.show([], 0);
    }).catch(function (error) { console.warn(error); });  // the search's own message stands
  };

  Search.prototype.show = function (loaded, total) {
    var self = this;
    var items = groups(loaded, this.query);
    if (loaded.length < total) {
      var li = el("li", "md-search-result__item ab-search__more");
      var button = el("button", "md-button ab-search__more-button", "More results");
      button.type = "button";
      button.addEventListener("click", function () {
        self.more().catch(function (error) {
          self.meta.textContent = "Search is not available.";
          console.warn(error);
        });
      });
      li.appendChild(button);
      items.push(li);
    }
    if (total) {
      var explore = el("li", "md-search-result__item ab-search__explore");
      var a = el("a", "md-search-result__link ab-search__explore-link",
        "Filter these results by speaker, topic, briefing, year or dispute");
      a.href = href(this.box.getAttribute("data-explorer")) + "?q=" + encodeURIComponent(this.query);
      a.tabIndex = -1;
      explore.appendChild(a);
      items.push(explore);
    }
    var hint = this.query && !total && this.hint();
    if (hint) {
      var help = el("li", "md-search-result__item ab-search__hint");
      help.appendChild(el("p", null, hint));
      items.push(help);
    }
    if (this.query && !total && this.instead) items.push(this.insteadItem(this.instead));
    this.list.replaceChildren.apply(this.list, items);
    this.meta.textContent = !this.query ? this.placeholder
      : total === 0 ? "No matching results" + (this.missing.length ? " for " + quoted(this.missing) : "")
      : total === 1 ? "1 matching result" : total + " matching results";
  };

  // What a search that found nothing can try: a word the index does not hold may be the articles' own, which
  // search does not look through; words it holds each, no result holds together (or in that order).
  Search.prototype.hint = function () {
    if (this.missing.length && this.missing.every(function (w) { return IN_CAPITALS.test(bare(w)); })) {
      return "Two or three capitals are searched for as an abbreviation, which no annotation has.";  // "WAR"
    }
    if (this.missing.length) {
      return "Search looks through the annotations (claims, quotes, notes, speakers and topics), not the " +
        "articles\u2019 own text.";
    }
    if (phraseOf(this.query)) return "No result holds these words together in this order.";
    return queryWords(this.query).length > 1 ? "No result holds all of these words: try fewer." : "";
  };

  // "Search for Fed rates instead: 3 results", a link to that search's address; chosen, it runs here.
  Search.prototype.insteadItem = function (instead) {
    var li = el("li", "md-search-result__item ab-search__instead");
    var a = insteadLink(instead, ROOT.href + "?q=" + encodeURIComponent(instead.query), "result");
    a.className = "md-search-result__link ab-search__instead-link";
    a.setAttribute("data-query", instead.query);
    a.tabIndex = -1;
    li.appendChild(a);
    return li;
  };

  Search.prototype.move = function (step) {
    var links = this.links();
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next = at + step;
    if (next < 0) { this.input.focus(); return; }
    if (next >= links.length) next = links.length - 1;
    links[next].focus();
    links[next].scrollIntoView({ block: "nearest" });
  };

  Search.prototype.bind = function () {
    var self = this;
    var warm = function () { pagefind().catch(function () {}); };
    // As Material: the search opens when its box takes the focus (by Tab too: on a phone the box is hidden
    // until then), and closes when the focus leaves it for the page.
    this.input.addEventListener("focus", function () { warm(); self.setOpen(true); });
    this.box.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !self.box.contains(event.relatedTarget)) self.setOpen(false);
    });
    this.input.addEventListener("keydown", warm, { once: true });
    this.input.addEventListener("input", function () { self.run(); });
    // Closed, the results panel fades out (Material's .4 s) and is inert at once: none of it is a Tab stop.
    var shut = function () { self.output.inert = !self.toggle.checked; };
    shut();
    this.toggle.addEventListener("change", function () {
      shut();
      if (self.toggle.checked) self.input.focus(); else self.input.blur();
    });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = self.links()[0];
      if (first) first.click();
    });
    this.form.addEventListener("reset", function () {
      window.setTimeout(function () { self.run(); self.input.focus(); }, 0);
    });
    this.list.addEventListener("click", function (event) {
      var a = event.target.closest && event.target.closest("a.md-search-result__link");
      if (a && a.hasAttribute("data-query")) {
        event.preventDefault();
        self.input.value = a.getAttribute("data-query");
        self.input.focus();
        self.run();
      } else if (a) {
        self.land(a, event);
      }
    });
    this.share.addEventListener("click", function (event) {
      event.preventDefault();
      var url = self.shareUrl();
      var done = function () { self.meta.textContent = "Link copied: " + url; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(done, function () { window.prompt("Copy this link", url); });
      } else {
        window.prompt("Copy this link", url);
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      var editing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (!self.toggle.checked) {
        if (!editing && (event.key === "/" || event.key === "s" || event.key === "S")) {
          event.preventDefault();
          self.open();
        }
        return;
      }
      if (event.key === "Escape") { event.preventDefault(); self.close(); return; }
      if (event.key === "ArrowDown") { event.preventDefault(); self.move(1); return; }
      if (event.key === "ArrowUp") { event.preventDefault(); self.move(-1); return; }
      if (event.key === "Enter" && target === self.input) {
        event.preventDefault();
        var first = self.links()[0];
        if (first) first.click();
        return;
      }
      if (!editing && event.key.length === 1 && target !== self.input) {
        self.input.focus();  // typing on a focused result goes on into the box, as in Material
      }
    });
  };

  var search = null;

  function fromAddress() {
    var box = document.getElementById("ab-search");
    if (!box) return;
    if (!search || search.box !== box) search = new Search(box);
    if (document.getElementById("ab-explorer")) return;  // the explorer reads ?q= as its own
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) search.open(query);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(fromAddress);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fromAddress);
  } else {
    fromAddress();
  }
})();
