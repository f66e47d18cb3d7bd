"""`build.py new`: a ready-to-fill report that never overwrites a file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jinja2

from .names import slugify
from .render import HOME


def report_slug(title: str, date: str) -> str:
    base = slugify(f"{date} {title}")[:80].rstrip("-")
    return base or "report"


def new_report(root: Path, title: str, event: str, date: str | None = None, location: str | None = None,
               publisher: str | None = None, url: str | None = None) -> Path:
    date = date or dt.date.today().isoformat()
    folder = root / "content" / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(
        [str(p) for p in (root / "templates", HOME / "templates") if p.is_dir()]),
        autoescape=False, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    text = env.get_template("new-report.md").render(
        title=json.dumps(title, ensure_ascii=False), event=json.dumps(event), date=json.dumps(date),
        location=json.dumps(location or "", ensure_ascii=False),
        publisher=json.dumps(publisher or "", ensure_ascii=False), url=json.dumps(url or ""))
    base = report_slug(title, date)
    n = 1
    while True:
        path = folder / (f"{base}.md" if n == 1 else f"{base}-{n}.md")
        try:
            with open(path, "x", encoding="utf-8", newline="\n") as f:
                f.write(text)
            return path
        except FileExistsError:
            n += 1
