/* Argument map of a briefing, drawn in the browser from the data the build writes
 * (build_scripts/render/argmap.py, map_data): <div class="ab-map__scroll" data-ab-map="{JSON}">.
 *   g: [width, height, node width, node height, margin, palette size]
 *   s: speaker names; a speaker's index modulo the palette size is its colour (ab-map__node--s0 ..)
 *   n: nodes [key, kind (0 claim, 1 counterclaim, 2 annotation of another briefing), x, y,
 *      speaker index, claim lines joined by "\n", href (only when it is not "#" + key)]
 *   e: edges [source node index, target node index, 1 for an arc within one column]
 * Draws an SVG (role="group") whose nodes are XHTML links inside <foreignObject>, so that each is an ordinary,
 * focusable HTML anchor (SVG links have no writable href property, which Material's instant navigation needs),
 * and a speaker legend before it.
 * Runs on every page load, including Material's instant navigation (document$), and draws each map once.
 * Data is only ever inserted with textContent and setAttribute; hrefs must be relative or "#...".
 */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var XHTML = "http://www.w3.org/1999/xhtml";
  var KINDS = ["claim", "counter", "external"];
  var KIND_NAMES = { claim: "Claim", counter: "Counterclaim", external: "Counterclaim from another briefing" };

  function make(ns, tag, attrs, text) {
    var node = document.createElementNS(ns, tag);
    Object.keys(attrs).forEach(function (name) { node.setAttribute(name, String(attrs[name])); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function int(value) {
    var n = Number(value);
    if (!isFinite(n) || Math.floor(n) !== n) throw new Error("not an integer");
    return n;
  }

  function text(value) {
    if (typeof value !== "string") throw new Error("not a string");
    return value;
  }

  // Relative ("../page/#id") or same-page ("#id") links only: no scheme, no "//host", no "/path".
  function safeHref(href) {
    if (typeof href !== "string" || !href || /[\u0000-\u0020\u007f\\]/.test(href)) return null;
    if (href.charAt(0) === "#") return href;
    if (href.charAt(0) === "/" || /^[^\/?#]*:/.test(href)) return null;
    return href;
  }

  function parse(raw) {
    var data = JSON.parse(raw);
    var g = data.g.map(int);
    var geometry = { width: g[0], height: g[1], nodeW: g[2], nodeH: g[3], margin: g[4], palette: g[5] || 1 };
    var speakers = data.s.map(text);
    var nodes = data.n.map(function (row) {
      var kind = KINDS[int(row[1])];
      var speaker = int(row[4]);
      if (!kind || speaker < 0 || speaker >= speakers.length) throw new Error("bad node");
      var key = text(row[0]);
      return { key: key, kind: kind, x: int(row[2]), y: int(row[3]), speaker: speaker,
               lines: text(row[5]).split("\n"), href: safeHref(row.length > 6 ? text(row[6]) : "#" + key) };
    });
    var edges = data.e.map(function (row) {
      var s = nodes[int(row[0])], t = nodes[int(row[1])];
      if (!s || !t) throw new Error("bad edge");
      return { source: s, target: t, arc: int(row[2]) === 1 };
    });
    return { g: geometry, speakers: speakers, nodes: nodes, edges: edges };
  }

  // The same path as the build drew before: a curve between the columns, or an arc in a column's outer margin.
  function edgePath(e, g) {
    var s = e.source, t = e.target;
    var y1 = s.y + Math.floor(g.nodeH / 2), y2 = t.y + Math.floor(g.nodeH / 2);
    if (e.arc) {
      var reach = Math.min(g.margin - 12, 14 + Math.floor(Math.abs(y2 - y1) / 16));
      var x1, bend;
      if (s.x === g.margin) {
        x1 = s.x - 2;
        bend = s.x - reach;
      } else {
        x1 = s.x + g.nodeW + 2;
        bend = x1 + reach;
      }
      return "M" + x1 + " " + (y1 - 8) + "C" + bend + " " + (y1 - 8) + " " + bend + " " + (y2 + 8) +
        " " + x1 + " " + (y2 + 8);
    }
    var mid = Math.floor((s.x + t.x + g.nodeW) / 2);
    return "M" + s.x + " " + y1 + "C" + mid + " " + y1 + " " + mid + " " + y2 + " " + (t.x + g.nodeW + 2) + " " + y2;
  }

  function nodeElement(n, map) {
    var name = map.speakers[n.speaker];
    var label = KIND_NAMES[n.kind] + " by " + name + ": " + n.lines.join(" ");
    var box = make(SVG, "foreignObject", { x: n.x, y: n.y, width: map.g.nodeW, height: map.g.nodeH });
    var attrs = { "class": "ab-map__node ab-map__node--" + n.kind + " ab-map__node--s" + (n.speaker % map.g.palette),
                  "aria-label": label, title: label, "data-node": n.key };
    if (n.href) attrs.href = n.href;
    var link = make(XHTML, "a", attrs);
    link.appendChild(make(XHTML, "span", { "class": "ab-map__speaker" }, name));
    var claim = make(XHTML, "span", { "class": "ab-map__claim" });
    n.lines.forEach(function (line) { claim.appendChild(make(XHTML, "span", {}, line)); });
    link.appendChild(claim);
    box.appendChild(link);
    return box;
  }

  function drawing(map) {
    var label = "Argument map: " + map.nodes.length + " claims and counterclaims, each linking to its annotation";
    var svg = make(SVG, "svg", { "class": "ab-map__svg", viewBox: "0 0 " + map.g.width + " " + map.g.height,
                                 width: "100%", role: "group", "aria-label": label });
    var defs = make(SVG, "defs", {});
    var marker = make(SVG, "marker", { id: "ab-map-arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7,
                                       markerHeight: 7, orient: "auto-start-reverse" });
    marker.appendChild(make(SVG, "path", { d: "M0 0L10 5L0 10z" }));
    defs.appendChild(marker);
    svg.appendChild(defs);
    var edges = make(SVG, "g", { "class": "ab-map__edges", "aria-hidden": "true" });
    map.edges.forEach(function (e) {
      edges.appendChild(make(SVG, "path", { "class": e.arc ? "ab-map__edge ab-map__edge--arc" : "ab-map__edge",
                                            d: edgePath(e, map.g), "marker-end": "url(#ab-map-arrow)" }));
    });
    svg.appendChild(edges);
    map.nodes.forEach(function (n) { svg.appendChild(nodeElement(n, map)); });
    return svg;
  }

  function legend(map) {
    var list = make(XHTML, "ul", { "class": "ab-map__legend", "aria-label": "Speakers" });
    map.speakers.forEach(function (name, i) {
      var item = make(XHTML, "li", {});
      item.appendChild(make(XHTML, "span", { "class": "ab-map__swatch ab-map__node--s" + (i % map.g.palette),
                                             "aria-hidden": "true" }));
      item.appendChild(document.createTextNode(name));
      list.appendChild(item);
    });
    return list;
  }

  function draw(box) {
    if (box.hasAttribute("data-ab-map-drawn")) return;
    box.setAttribute("data-ab-map-drawn", "");
    var map;
    try {
      map = parse(box.getAttribute("data-ab-map"));
    } catch (err) {
      return; // malformed data: no map; the annotation cards below still list every claim
    }
    box.parentNode.insertBefore(legend(map), box);
    box.appendChild(drawing(map));
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".ab-map__scroll[data-ab-map]"), draw);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
