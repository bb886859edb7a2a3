"""PDF to normalised text with pdfminer.six: lines joined into paragraphs, repeated page furniture removed."""

from __future__ import annotations

import io
import re
from collections import Counter
from statistics import median
from typing import NamedTuple

from tosdiff.errors import ExtractError

from .decode import clean_chars

# A line that starts a new block: a clause number, an article/section label or a list bullet.
_BLOCK_START_RE = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s|\(?[a-z]\)\s|\(?[ivxlc]+\)\s|\(\d+\)\s|(?:article|section|clause|schedule|annex)\s+\w+"
    r"|[-\u2022\u25aa\u25cf*]\s)",
    re.I,
)
# A line ending short of its box's width ends its paragraph (wrapped lines fill the width), so the
# next line, when it opens like a sentence or a title, starts a new one. This is what separates a
# numbered heading set in the body's font ("1. Definitions") from the paragraph under it, which
# pdfminer puts in the same box.
_SHORT_LINE = 0.75
_PARA_OPEN_RE = re.compile(r"^[\"'“‘(\[]?[A-Z0-9\u00c0-\u024f]")
_PAGE_NO_RE = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$|^[-\u2013]\s*\d+\s*[-\u2013]$", re.I)
_DIGITS_RE = re.compile(r"\d+")
_PAGE_WORD_RE = re.compile(r"\b(?:page|p\.|pg\.?|seite|página|pagina)\s*\d|\d+\s*(?:/|of)\s*\d+", re.I)


class _Line(NamedTuple):
    text: str
    size: float  # median font size
    new_box: bool  # first line of a text box
    width: float  # share of the widest line of its box (a paragraph's last line is shorter)


def _pages(body: bytes) -> list[list[_Line]]:
    """Per page: its text lines in reading order as pdfminer lays them out."""
    from pdfminer.high_level import extract_pages  # imported lazily: slow import, rarely needed
    from pdfminer.layout import LAParams, LTTextBox, LTTextLine

    pages: list[list[_Line]] = []
    try:
        for layout in extract_pages(io.BytesIO(body), laparams=LAParams()):
            lines: list[_Line] = []
            boxes = [el for el in layout if isinstance(el, LTTextBox)]
            # Top to bottom, then left to right; pdfminer's y grows upwards.
            boxes.sort(key=lambda b: (-round(b.y1), b.x0))
            for box in boxes:
                kept = []
                for line in box:
                    if not isinstance(line, LTTextLine):
                        continue
                    text = clean_chars(line.get_text()).strip()
                    if text:
                        kept.append((line, " ".join(text.split())))
                widest = max((ln.x1 - ln.x0 for ln, _ in kept), default=0.0)
                for k, (line, text) in enumerate(kept):
                    sizes = [getattr(c, "size", 0.0) for c in line if hasattr(c, "size")]
                    width = (line.x1 - line.x0) / widest if widest > 0 else 1.0
                    lines.append(_Line(text, median(sizes) if sizes else 0.0, k == 0, width))
            pages.append(lines)
    except ExtractError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on broken files
        raise ExtractError(f"unreadable PDF: {type(exc).__name__}: {exc}") from exc
    return pages


def _edge_key(text: str) -> str:
    """Running-header identity: exact text, digits ignored only where they are page numbers."""
    return _DIGITS_RE.sub("#", text) if _PAGE_WORD_RE.search(text) else text


def pdf_blocks(body: bytes) -> list[list[str]]:
    """Blocks of a PDF's text: headings by font size, numbered clauses as their own paragraphs."""
    pages = _pages(body)
    # Running headers/footers: the first/last two lines of a page that recur (digits ignored) on most pages.
    edge_keys: Counter[str] = Counter()
    for lines in pages:
        edges = {_edge_key(ln.text) for ln in lines[:2] + lines[-2:]}
        edge_keys.update(edges)
    repeated = {k for k, n in edge_keys.items() if len(pages) >= 2 and n >= max(2, 0.6 * len(pages))}
    all_sizes = [ln.size for lines in pages for ln in lines if ln.size]
    body_size = median(all_sizes) if all_sizes else 0.0

    blocks: list[list[str]] = []
    para: list[str] = []

    def end_para() -> None:
        if para:
            text = ""
            for part in para:
                # A word hyphenated at the line end is rejoined without a space.
                text = (
                    text[:-1] + part
                    if text.endswith("-") and not text.endswith(" -")
                    else (text + " " + part).strip()
                )
            blocks.append([text])
            para.clear()

    for lines in pages:
        n = len(lines)
        prev_short = False
        for i, (text, size, new_box, width) in enumerate(lines):
            at_edge = i < 2 or i >= n - 2
            if at_edge and (_edge_key(text) in repeated or _PAGE_NO_RE.match(text)):
                continue
            if body_size and size >= body_size * 1.15 and len(text) < 120:
                end_para()
                level = 1 if size >= body_size * 1.5 else 2
                blocks.append(["#" * level + " " + text])
                prev_short = False
                continue
            if new_box or _BLOCK_START_RE.match(text) or (prev_short and _PARA_OPEN_RE.match(text)):
                end_para()
            para.append(text)
            prev_short = width < _SHORT_LINE and not text.endswith(("-", ","))
    end_para()
    return blocks
