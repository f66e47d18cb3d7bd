"""Front matter as text: a small YAML emitter, in the styles people write
(block mappings and lists, and flow `{min: 20, max: 30}` here and there).
PyYAML's own emitter would be most of the generator's time."""

from __future__ import annotations

import json
import re
from typing import Any

PLAIN = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F .'’–/-]*\Z")
DAY_OR_SLUG = re.compile(r"[0-9][0-9a-z]*(-[0-9a-z]+)+\Z")  # 2025-02-17, 2025-02-gao-killings: strings to YAML
RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}

BLOCK, INNER_FLOW, FLOW = "block", "inner flow", "flow"  # how a value's collections are written


def scalar(value: Any) -> str:
    """A YAML scalar: plain where that reads back as the same string, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if DAY_OR_SLUG.match(text) or (PLAIN.match(text) and not text.endswith(" ") and text.lower() not in RESERVED):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def field(key: str, value: Any, style: str = INNER_FLOW, indent: str = "") -> str:
    """One key of a mapping, with its value: BLOCK all the way down, FLOW
    for the whole value, INNER_FLOW for the collections that hold no other."""
    if not isinstance(value, (dict, list)):
        return f"{indent}{key}: {scalar(value)}\n"
    items = value.values() if isinstance(value, dict) else value
    if style == FLOW or (style == INNER_FLOW and not any(isinstance(v, (dict, list)) for v in items)):
        return f"{indent}{key}: {flow(value)}\n"
    inner = indent + "  "
    if isinstance(value, dict):
        return f"{indent}{key}:\n" + "".join(field(k, v, style, inner) for k, v in value.items())
    return f"{indent}{key}:\n" + "".join(item(v, style, inner) for v in value)


def item(value: Any, style: str, indent: str) -> str:
    """One entry of a block list."""
    if isinstance(value, dict):
        text = "".join(field(k, v, style, indent + "  ") for k, v in value.items())
        return indent + "- " + text[len(indent) + 2:]
    if isinstance(value, list):
        return f"{indent}- {flow(value)}\n"
    return f"{indent}- {scalar(value)}\n"


def document(front: dict[str, Any], body: str, styles: dict[str, str] | None = None) -> str:
    """A content file: front matter between two `---` lines, then the body."""
    styles = styles or {}
    return "---\n" + "".join(field(k, v, styles.get(k, INNER_FLOW)) for k, v in front.items()) + "---\n" + body
