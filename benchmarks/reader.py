"""What a reader pays, measured in headless Chromium on a built site served on 127.0.0.1.

``python benchmarks/reader.py SITE [--baseline SITE] [--query WORD] [--repeats K] [--json]``

- ``first_search_bytes``: bytes fetched from opening the home page until the first search result shows
  (``.md-search-result__item``, Material's class, which the site's own search keeps): open the home page,
  focus the header search (``/``, or a click on the box), type the query key by key, wait for the first
  result. The bytes are the DevTools protocol's ``Network.loadingFinished`` ``encodedDataLength`` summed
  over every request of the page, theme assets included (headers and bodies, as sent: the server does not
  compress); requests of a worker (its script), whose end the page's protocol session does not see, are
  added as the server counted them (``workers_bytes``). The server counts all it sent (``server_bytes``).
- ``first_search_s``: from the last key (its ``keydown``, in the page's clock) to the first result element
  added to the page after it; the median of the repeats, each in a new browser context (cold cache), on a
  desktop CPU and with ``Emulation.setCPUThrottlingRate`` 4 (``first_search_phone_s``), as a phone. Chromium
  throttles the page's main thread only: it refuses the command for a worker ("Operation is only supported
  for pages, not workers"), and both Material's search and Pagefind match in a worker, so the phone figure
  understates a phone's matching time.
- ``explorer_bytes``: a cold visit to ``claims/explorer/`` until the network is idle and nothing on the page
  says it is loading (``data-ready="loading"``); ``None`` when the site has no explorer, as the baseline.

``--breakdown`` prints, for one cold first search and one explorer visit, the bytes the server sent by path.

Chromium is Debian's ``/usr/bin/chromium``, through Playwright (never ``playwright install``).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import statistics
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
HOST = "127.0.0.1"
SEARCH_INPUT = ".md-search__input"
RESULT = ".md-search-result__item"
QUERY = "coalition"  # a noun of benchmarks/generate.py: in articles and claims of every corpus
PHONE_CPU = 4  # Emulation.setCPUThrottlingRate
TIMEOUT_S = 300

# Records, in the page, when the last key goes down and when a search result is first added after it.
WATCH = """selector => {
  const state = window.__abBench = {key: 0, first: 0};
  document.addEventListener('keydown', () => { state.key = performance.now(); state.first = 0; }, true);
  const added = node => node.nodeType === 1 && (node.matches(selector) || node.querySelector(selector));
  new MutationObserver(records => {
    if (!state.key || state.first) return;
    if (records.some(r => Array.from(r.addedNodes).some(added))) state.first = performance.now();
  }).observe(document.documentElement, {childList: true, subtree: true});
}"""


READY = "() => document.readyState === 'complete' && !document.querySelector('[data-ready=\"loading\"]')"


def transferred(events: Iterable[tuple[str, dict[str, Any]]]) -> int:
    """Bytes fetched, from DevTools protocol events ``(method, params)``: the ``encodedDataLength`` of each
    ``Network.loadingFinished`` (headers and body as received), once per request id; other events ignored."""
    sizes: dict[str, int] = {}
    for method, params in events:
        if method == "Network.loadingFinished":
            sizes[params["requestId"]] = int(params["encodedDataLength"])
    return sum(sizes.values())


def unseen(sent: Iterable[tuple[str, int]], seen_paths: Iterable[str]) -> int:
    """The bytes of the server's responses ``(path, bytes)`` beyond those the browser's session saw, path by
    path (a path fetched twice and seen once counts once)."""
    left = Counter(seen_paths)
    total = 0
    for path, n in sent:
        if left[path]:
            left[path] -= 1
        else:
            total += n
    return total


def html_bytes(site: Path) -> int:
    """The bytes of a built site's HTML pages."""
    return sum(p.stat().st_size for p in site.rglob("*.html"))


class _Tally:
    """What the server sent: (URL path, bytes) of each response, headers included."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, int]] = []
        self.lock = threading.Lock()

    def add(self, path: str, n: int) -> None:
        with self.lock:
            self.sent.append((path, n))

    @property
    def bytes(self) -> int:
        with self.lock:
            return sum(n for _, n in self.sent)

    def since(self, mark: int) -> list[tuple[str, int]]:
        with self.lock:
            return self.sent[mark:]


class _CountingWriter:
    def __init__(self, raw: Any) -> None:
        self.raw, self.count = raw, 0

    def write(self, data: bytes) -> int:
        self.count += len(data)
        return self.raw.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


class _Handler(SimpleHTTPRequestHandler):
    tally: _Tally

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile)  # type: ignore[assignment]  # counts what is sent

    def finish(self) -> None:
        super().finish()
        self.tally.add(urlsplit(getattr(self, "path", "")).path, self.wfile.count)  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # not a request the browser dropped half-way
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[tuple[str, _Tally]]:
    """Serve ``site`` on 127.0.0.1 (an ephemeral port): its base URL and the tally of bytes sent."""
    tally = _Tally()
    handler = type("Handler", (_Handler,), {"tally": tally})
    server = _Server((HOST, 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/", tally
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Visit:
    """One cold visit: the page's protocol events, and the URLs of its requests by id."""

    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    urls: dict[str, str] = field(default_factory=dict)  # request id -> URL (the page's protocol session)

    def page_bytes(self) -> int:
        return transferred(self.events)

    def unseen_bytes(self, sent: list[tuple[str, int]]) -> int:
        """Bytes the server sent for requests the page's session saw no end of (a worker's own requests,
        such as its script): what the server counted for them."""
        return unseen(sent, [urlsplit(self.urls.get(p["requestId"], "")).path for _, p in self.events])


def _open(browser: Any, cpu_rate: float) -> tuple[Any, Any, Any, Visit]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    visit = Visit()
    cdp.on("Network.requestWillBeSent", lambda e: visit.urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: visit.events.append(("Network.loadingFinished", e)))
    cdp.send("Network.enable")
    if cpu_rate != 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_rate})
    return context, page, cdp, visit


def first_search(browser: Any, base: str, tally: _Tally, query: str = QUERY, cpu_rate: float = 1) -> dict:
    """Open the home page, search for ``query`` from the header, wait for the first result."""
    context, page, _, visit = _open(browser, cpu_rate)
    try:
        mark = len(tally.since(0))
        page.goto(base, wait_until="load", timeout=TIMEOUT_S * 1000)
        page.evaluate(WATCH, RESULT)
        box = page.locator(SEARCH_INPUT)
        page.keyboard.press("/")  # Material's (and the site's) key for the search box
        if not box.evaluate("el => el === document.activeElement"):
            box.click()
        box.press_sequentially(query[:-1], delay=60)
        box.press(query[-1])
        page.wait_for_function("() => window.__abBench.first > 0", timeout=TIMEOUT_S * 1000, polling=50)
        state = page.evaluate("() => window.__abBench")
        sent = tally.since(mark)
        page_bytes, worker_bytes = visit.page_bytes(), visit.unseen_bytes(sent)
        return {"bytes": page_bytes + worker_bytes, "workers_bytes": worker_bytes,
                "server_bytes": sum(n for _, n in sent), "seconds": (state["first"] - state["key"]) / 1000,
                "requests": len(visit.events)}
    finally:
        context.close()


def explorer_visit(browser: Any, base: str, tally: _Tally, site: Path) -> dict | None:
    """A cold visit to the claims explorer until the network is idle; None when the site has none."""
    if not (site / "claims" / "explorer" / "index.html").is_file():
        return None
    context, page, _, visit = _open(browser, 1)
    try:
        mark = len(tally.since(0))
        page.goto(base + "claims/explorer/", wait_until="networkidle", timeout=TIMEOUT_S * 1000)
        # Network idle can come while the page is still busy (500 ms without a request): wait as well until
        # no element says it is loading (the explorer's data-ready="loading"), then for the network again.
        page.wait_for_function(READY, timeout=TIMEOUT_S * 1000, polling=100)
        page.wait_for_load_state("networkidle", timeout=TIMEOUT_S * 1000)
        sent = tally.since(mark)
        page_bytes, worker_bytes = visit.page_bytes(), visit.unseen_bytes(sent)
        return {"bytes": page_bytes + worker_bytes, "workers_bytes": worker_bytes,
                "server_bytes": sum(n for _, n in sent), "requests": len(visit.events)}
    finally:
        context.close()


def measure(site: Path, browser: Any, query: str = QUERY, repeats: int = 3) -> dict:
    """The reader's figures for one built site: first search (bytes, desktop and phone seconds), explorer."""
    with serve(site) as (base, tally):
        desktop = [first_search(browser, base, tally, query) for _ in range(repeats)]
        phone = [first_search(browser, base, tally, query, PHONE_CPU) for _ in range(repeats)]
        explorer = explorer_visit(browser, base, tally, site)
    return {
        "first_search_bytes": int(statistics.median(r["bytes"] for r in desktop)),
        "first_search_server_bytes": int(statistics.median(r["server_bytes"] for r in desktop)),
        "first_search_workers_bytes": int(statistics.median(r["workers_bytes"] for r in desktop)),
        "first_search_s": round(statistics.median(r["seconds"] for r in desktop), 3),
        "first_search_phone_s": round(statistics.median(r["seconds"] for r in phone), 3),
        "explorer_bytes": explorer["bytes"] if explorer else None,
        "explorer_server_bytes": explorer["server_bytes"] if explorer else None,
        "html_bytes": html_bytes(site),
    }


def breakdown(site: Path, query: str = QUERY) -> dict[str, list[tuple[str, int]]]:
    """What the server sent for one cold first search and one cold explorer visit, by path, largest first."""
    out = {}
    with chromium() as browser, serve(site) as (base, tally):
        for name, visit in (("first_search", lambda: first_search(browser, base, tally, query)),
                            ("explorer", lambda: explorer_visit(browser, base, tally, site))):
            mark = len(tally.since(0))
            visit()
            by_path = Counter[str]()
            for path, n in tally.since(mark):
                by_path[path] += n
            out[name] = by_path.most_common()
    return out


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright  # imported here: the build benchmark runs without it

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def side_by_side(annotated: Path, baseline: Path, query: str = QUERY, repeats: int = 3) -> dict:
    """The reader's figures of the annotated site and of the baseline, in one browser, one after the other."""
    with chromium() as browser:
        a = measure(annotated, browser, query, repeats)
        b = measure(baseline, browser, query, repeats)
    out = {f"{key}_annotated": value for key, value in a.items()}
    out.update({f"{key}_baseline": value for key, value in b.items()})
    out["html_ratio"] = round(a["html_bytes"] / b["html_bytes"], 3)
    out["query"] = query
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--baseline", type=Path)
    parser.add_argument("--query", default=QUERY)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--breakdown", action="store_true", help="bytes sent by path, largest first")
    args = parser.parse_args(argv)
    if args.breakdown:
        print(json.dumps(breakdown(args.site, args.query), indent=1))
        return 0
    start = time.perf_counter()
    if args.baseline:
        result = side_by_side(args.site, args.baseline, args.query, args.repeats)
    else:
        with chromium() as browser:
            result = measure(args.site, browser, args.query, args.repeats)
    result["measure_s"] = round(time.perf_counter() - start, 1)
    print(json.dumps(result) if args.json else "\n".join(f"{k}  {v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
