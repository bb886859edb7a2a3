"""PDF to normalised text with pdfminer.six: lines joined into paragraphs, repeated page furniture removed."""

from __future__ import annotations

import io
import re
from collections import Counter
from statistics import median

from tosdiff.errors import ExtractError

from .decode import clean_chars

# A line that starts a new block: a clause number, an article/section label or a list bullet.
_BLOCK_START_RE = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s|\(?[a-z]\)\s|\(?[ivxlc]+\)\s|\(\d+\)\s|(?:article|section|clause|schedule|annex)\s+\w+"
    r"|[-\u2022\u25aa\u25cf*]\s)",
    re.I,
)
_PAGE_NO_RE = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$|^[-\u2013]\s*\d+\s*[-\u2013]$", re.I)
_DIGITS_RE = re.compile(r"\d+")
_PAGE_WORD_RE = re.compile(r"\b(?:page|p\.|pg\.?|seite|página|pagina)\s*\d|\d+\s*(?:/|of)\s*\d+", re.I)


def _pages(body: bytes) -> list[list[tuple[str, float, bool]]]:
    """Per page: (line text, font size, starts a new box) in reading order as pdfminer lays it out."""
    from pdfminer.high_level import extract_pages  # imported lazily: slow import, rarely needed
    from pdfminer.layout import LAParams, LTTextBox, LTTextLine

    pages: list[list[tuple[str, float, bool]]] = []
    try:
        for layout in extract_pages(io.BytesIO(body), laparams=LAParams()):
            lines: list[tuple[str, float, bool]] = []
            boxes = [el for el in layout if isinstance(el, LTTextBox)]
            # Top to bottom, then left to right; pdfminer's y grows upwards.
            boxes.sort(key=lambda b: (-round(b.y1), b.x0))
            for box in boxes:
                first = True
                for line in box:
                    if not isinstance(line, LTTextLine):
                        continue
                    text = clean_chars(line.get_text()).strip()
                    if not text:
                        continue
                    sizes = [getattr(c, "size", 0.0) for c in line if hasattr(c, "size")]
                    lines.append((" ".join(text.split()), median(sizes) if sizes else 0.0, first))
                    first = False
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
        edges = {_edge_key(t) for t, _, _ in lines[:2] + lines[-2:]}
        edge_keys.update(edges)
    repeated = {k for k, n in edge_keys.items() if len(pages) >= 2 and n >= max(2, 0.6 * len(pages))}
    all_sizes = [s for lines in pages for _, s, _ in lines if s]
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
        for i, (text, size, new_box) in enumerate(lines):
            at_edge = i < 2 or i >= n - 2
            if at_edge and (_edge_key(text) in repeated or _PAGE_NO_RE.match(text)):
                continue
            if body_size and size >= body_size * 1.15 and len(text) < 120:
                end_para()
                level = 1 if size >= body_size * 1.5 else 2
                blocks.append(["#" * level + " " + text])
                continue
            if new_box or _BLOCK_START_RE.match(text):
                end_para()
            para.append(text)
    end_para()
    return blocks
