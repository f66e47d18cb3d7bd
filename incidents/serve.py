"""A plain local preview: build once, then serve the output folder on loopback."""

from __future__ import annotations

import functools
import http.server
import sys
from pathlib import Path

from .build import build


def serve(root: Path, host: str, port: int, drafts: bool) -> int:
    out = root / "output"
    result = build(root, out, f"http://{host}:{port}/", drafts)
    print(f"built {result.reports} reports, {result.events} events")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        print(f"error: cannot listen on {host}:{port}: {exc.strerror}; try --port {port + 1}", file=sys.stderr)
        return 1
    print(f"serving http://{host}:{port}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
