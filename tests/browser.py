"""A real browser on a real server: Debian's Chromium driven by Playwright,
the built site served over HTTP on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _PagesLike(_Quiet):
    """As GitHub Pages answers: an address the site lacks gets its 404.html (`not_found`), status 404."""

    not_found: Path

    def send_error(self, code, message=None, explain=None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A browser that closes a connection it no longer needs: nothing to print in the run."""
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


@contextmanager
def serving(folder: Path, not_found: Path | None = None):
    """Serve `folder` on a free loopback port; yields the base address. `not_found`:
    the page every missing address gets, as GitHub Pages serves a site's 404.html."""
    if not_found is None:
        handler = functools.partial(_Quiet, directory=str(folder))
    else:
        handler = functools.partial(type("PagesLike", (_PagesLike,), {"not_found": not_found}), directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    if not CHROMIUM.exists():
        pytest.fail("the browser tests need Debian's Chromium at /usr/bin/chromium: "
                    "run `python3 dev.py test` as root, or `apt-get install chromium`")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


AXE = Path(__file__).resolve().parent.parent / "node_modules/axe-core/axe.min.js"


def axe_violations(page, host: str) -> list[str]:
    """axe-core's findings on the page open in `page`, one line each. The script comes
    as if from the site's own host (its CSP allows no other) but is no file in the site:
    the sites the tests build once per run are read by two workers at the same time."""
    url = f"{host}/axe.min.js"
    page.route(url, lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
    try:
        page.add_script_tag(url=url)
    finally:
        page.unroute(url)
    return page.evaluate("async () => (await axe.run(document)).violations.map("
                         "v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)")


# Pagefind's JavaScript API with every shard merged, as /search/ merges them:
# for each query, the number of results and the addresses of the first ten.
MERGED = """async (queries) => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.options({baseUrl: '/'});
  await pf.init();
  for (const shard of (await (await fetch('/pagefind/shards.json')).json()).shards) {
    await pf.mergeIndex('/pagefind/' + shard.path, {baseUrl: '/'});
  }
  const out = [];
  for (const q of queries) {
    const found = await pf.search(q);
    out.push([found.results.length, (await Promise.all(found.results.slice(0, 10).map((r) => r.data()))).map((d) => d.url)]);
  }
  return out;
}"""


class Lent:
    """The worker's Chromium lent to one test (conftest.browser): what the test
    opens with it, contexts and pages, is closed when the test ends, as if the
    test had launched a browser of its own and closed it."""

    def __init__(self, chromium) -> None:
        self._chromium = chromium
        self._opened: list = []

    def new_context(self, **options):
        context = self._chromium.new_context(**options)
        self._opened.append(context)
        return context

    def new_page(self, **options):
        page = self._chromium.new_page(**options)  # in a context of its own, which it closes with it
        self._opened.append(page.context)
        return page

    def close(self) -> None:
        for context in reversed(self._opened):
            try:
                context.close()
            except Exception:  # closed by the test already, or with its page
                pass
