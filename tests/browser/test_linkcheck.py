"""LinkChecker crawls the served site with anchor checking: zero broken links or anchors."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

CONFIG = Path(__file__).with_name("linkcheckerrc")


def test_no_broken_links_or_anchors(site_url: str, built_site: Path, tmp_path: Path) -> None:
    result = subprocess.run(  # --verbose: every checked URL is listed, so the test can see the crawl happened
        [sys.executable, "-m", "linkcheck", "--config", str(CONFIG), "--no-status", "--verbose", "-o", "csv", site_url],
        capture_output=True, text=True, timeout=180, cwd=tmp_path, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))
    assert rows or result.returncode == 0, f"no LinkChecker report:\n{result.stdout}\n{result.stderr}"
    broken = [f"{r['urlname']} (in {r['parentname']}): {r['result']} {r['warningstring']}".strip()
              for r in rows if r.get("valid") != "True" or "anchor" in (r.get("warningstring") or "").lower()]
    assert not broken, "broken links or anchors:\n" + "\n".join(broken)
    assert result.returncode == 0, f"LinkChecker exited {result.returncode}:\n{result.stderr[-2000:]}"
    pages = {site_url + p.relative_to(built_site).parent.as_posix().removeprefix(".") for p in built_site.rglob("index.html")}
    checked = {r["url"].split("#")[0].rstrip("/") for r in rows}
    missed = sorted(p for p in pages if p.rstrip("/") not in checked)
    assert not missed, "LinkChecker never reached these pages:\n" + "\n".join(missed)
