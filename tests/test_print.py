"""An event page printed (or saved as PDF) in Chromium: no menus or search,
and every source written out with its full address: the list of reports
links each original and archived copy, and print writes their addresses out
(no second, print-only list of sources in the page)."""

from __future__ import annotations

import subprocess
import sys


from browser import serving
from conftest import ROOT, report

TITLE = "Test report"


def test_event_page_prints_with_its_sources_written_out(make_site, tmp_path, browser):
    root = make_site({
        "content/reports/r.md": report(
            source="{publisher: Test Wire, url: 'https://example.org/a', archive_url: 'https://archive.example/a'}",
            reported_toll="{killed: 3, according_to: Test Wire}"),
        "content/reports/s.md": report(title="Second report", source="{publisher: Other Wire}"),
    })
    www = tmp_path / "www"
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "build", "--out",
                           str(www / "archive"), "--no-search"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with serving(www) as host:
        page = browser.new_page()
        page.goto(f"{host}/archive/events/2025-02-test-event/")
        reports = page.locator("ol.reports")
        assert reports.get_by_role("link", name="original").get_attribute("href") == "https://example.org/a"
        assert "https://example.org/a" not in reports.inner_text()  # on screen, the links are enough
        page.emulate_media(media="print")
        for hidden in ["header.site nav", ".site-search", "footer.site"]:
            assert not page.locator(hidden).first.is_visible(), hidden
        printed = [text.replace('"', "") for text in page.evaluate("""() => [...document.querySelectorAll(
            'ol.reports a')].map(a => a.textContent + getComputedStyle(a, '::after').content)""")]
        assert printed[:3] == [f"{TITLE} </archive/reports/r/>", "original <https://example.org/a>",
                               "archived copy <https://archive.example/a>"]
        assert "Other Wire" in reports.inner_text()
        assert "https://example.org/archive/events/2025-02-test-event/" in page.locator("main").inner_text()
        pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
