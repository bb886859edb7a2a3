"""What changes from fetch to fetch without the terms changing: volatile lines (generation timestamps,
"last visited"), and the final layout of the normalised text. (Link targets: links.py.)"""

from __future__ import annotations

import re

# Lines that are only about this fetch, not about the terms ("Page generated at 12:03:11", "Last
# visited: ...", "Rendered in 0.12 s"). A line must consist of such a statement to be dropped, so a
# clause that mentions dates ("Last updated: June 13, 2025") is never touched.
_VOLATILE_LINE_RE = re.compile(
    r"^\s*(?:[-*#|]\s*)*(?:"
    r"(?:page\s+)?(?:generated|rendered|cached|built|served|retrieved|fetched|accessed)\s+"
    r"(?:at|on|in)\b.{0,60}"
    r"|(?:last\s+visited|current\s+(?:time|date)|your\s+last\s+visit|session\s+id|request\s+id|ray\s+id)\s*:?.{0,60}"
    r"|(?:build|version|commit|revision)\s*(?:id|hash)?\s*:\s*[0-9a-f]{7,}\S*"
    r")\s*$",
    re.I,
)


def drop_volatile_lines(lines: list[str]) -> list[str]:
    """Remove lines that only report on this fetch (generation times, last visit, build id)."""
    return [ln for ln in lines if not _VOLATILE_LINE_RE.match(ln)]


def layout(blocks: list[list[str]]) -> str:
    """Join blocks (each a list of lines) into the contract: one blank line between blocks, final '\\n'."""
    out = []
    for block in blocks:
        lines = [ln.rstrip() for ln in block]
        lines = [ln for ln in lines if ln.strip()]
        if lines:
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n" if out else ""


def apply_ignore(text: str, patterns: list[re.Pattern[str]]) -> str:
    """Drop lines matching any ignore pattern, keeping exactly one blank line between blocks."""
    if not patterns or not text:
        return text
    blocks = []
    for block in text.rstrip("\n").split("\n\n"):
        blocks.append([ln for ln in block.split("\n") if not any(p.search(ln) for p in patterns)])
    return layout(blocks)
