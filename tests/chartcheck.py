"""Reading the SVG charts out of built pages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

SVG = "{http://www.w3.org/2000/svg}"


def svgs(html: str, cls: str) -> list[ET.Element]:
    """Every <svg> inside a <figure class="chart CLS">, parsed as XML (so it must be well formed)."""
    found = []
    for block in re.findall(rf'<figure class="chart {cls}"[^>]*>(.*?)</figure>', html, re.S):
        svg = re.search(r'<svg (?![^>]*class="swatch").*?</svg>', block, re.S).group(0)  # not a legend's swatch
        found.append(ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)))
    return found


def marks(svg: ET.Element) -> list[ET.Element]:
    """The timeline's bars: one link per month or year that holds an event."""
    return [a for a in svg.iter(f"{SVG}a") if "column" in a.get("class", "").split()]


def page_of(out: Path, prefix: str, url: str) -> Path:
    path = url.split("#")[0]
    assert path.startswith(prefix), url
    return out / path[len(prefix):] / "index.html"
