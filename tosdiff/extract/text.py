"""Plain text and Markdown to the normalised contract: keep lines, collapse spaces, one blank line between blocks."""

from __future__ import annotations

import re

_SETEXT_RE = re.compile(r"^(=+|-+)\s*$")
_LIST_RE = re.compile(r"^(\s*)([-*+]|\d+[.)]|\(?[a-zA-Z0-9]{1,4}\))\s+")


def _collapse(line: str) -> str:
    """Collapse inner whitespace, keep indentation (as spaces) that nests list items."""
    stripped = line.lstrip(" \t")
    indent = line[: len(line) - len(stripped)].replace("\t", "    ")
    body = " ".join(stripped.split())
    if not body:
        return ""
    # Indentation only means something for list items; elsewhere it is layout.
    return (" " * (len(indent) // 2 * 2) if _LIST_RE.match(stripped) else "") + body


def normalise_text(text: str, markdown: bool = False) -> list[list[str]]:
    """Split cleaned text into blocks of collapsed lines (Setext headings become '#' headings in Markdown)."""
    lines = text.split("\n")
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in lines:
        line = _collapse(raw)
        if markdown and current and _SETEXT_RE.match(raw.strip()) and len(current) == 1:
            mark = "#" if raw.strip().startswith("=") else "##"
            current[0] = f"{mark} {current[0]}"
            blocks.append(current)
            current = []
            continue
        if not line:
            if current:
                blocks.append(current)
                current = []
            continue
        if markdown and line.startswith("#"):
            # An ATX heading is a block of its own even when not surrounded by blank lines.
            if current:
                blocks.append(current)
            m = re.match(r"^(#{1,6})\s*(.*?)\s*#*\s*$", line)
            blocks.append([f"{m.group(1)} {m.group(2)}" if m else line])
            current = []
            continue
        current.append(line)
    if current:
        blocks.append(current)
    return [_dedent(b) for b in blocks]


def _dedent(block: list[str]) -> list[str]:
    """Remove the indentation common to a block, so only list nesting remains."""
    common = min(len(ln) - len(ln.lstrip(" ")) for ln in block)
    return [ln[common:] for ln in block] if common else block
