"""What a reader of a rendered terms text sees: its visible words, its link targets, and which word
hunks change either.

A new text is a change of the terms only when its visible words differ; one that differs only where
links point is a `links` change; anything else (whitespace, list nesting, Markdown marks, ordinary
punctuation, invisible Unicode format characters) is no change at all. `tosdiff.diff` judges texts and
hunks with these functions, and `tosdiff.record` judges shrunk texts with them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from tosdiff.models import Hunk

__all__ = [
    "visible_tokens",
    "link_targets",
    "link_key",
    "same_link_targets",
    "blank_link_targets",
    "hunk_visibility",
    "changes_words",
    "marked_words",
    "quiet_hunks",
]

# A Markdown link or image: the text is visible, the target is not. A target may be "<...>", or a URL
# with balanced parentheses nested up to three deep (ASP.NET's cookieless sessions put a fresh token in
# "/(S(token))/" at every request); "mailto: x@y" (a space after the scheme, as some converters write
# it) too.
_PARENS = r"(?:[^()\s]|\((?:[^()\s]|\((?:[^()\s]|\([^()\s]*\))*\))*\))*"
_MD_LINK = re.compile(
    r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*(<[^>]*>|(?:[a-zA-Z][\w+.-]*:[ \t]+)?"
    + _PARENS
    + r")(?:\s+\"[^\"]*\")?\s*\)"
)
_MD_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
# Markup at the start of a line: heading marks, quote marks, bullets (list numbers are visible text).
_LINE_MARKUP = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]*|[-*+•▪◦·][ \t]+)+", re.MULTILINE)
# Lines made only of markup: setext underlines, horizontal rules, table separator rows.
_MARKUP_LINE = re.compile(r"^[ \t|:=*_\-]*$", re.MULTILINE)
_VISIBLE = re.compile(r"\w+|[^\w\s]", re.UNICODE)
# Markup, and punctuation that marks sentences, quotes and titles: a run-in "Ownership of Trademarks."
# becoming the heading "Ownership of Trademarks", or straight quotes turning curly, changes no word.
# Symbols that carry meaning ($, %, §, @, &, +, ...) stay.
_NOT_WORDS = frozenset("#*_`|~\\.,:;!?¡¿'\"“”‘’«»‹›„()[]{}-‐‑‒–—―…/·•")


# Unicode format characters (category Cf): zero-width spaces and joiners, soft hyphens, bidi marks, BOM,
# tag characters. Invisible on the page, and some sites sprinkle them into headings as a watermark.
_FORMAT_CHARS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def _drop_invisible(s: str) -> str:
    """Remove format characters (zero-width spaces and joiners, soft hyphens, bidi marks, BOM)."""
    return s if s.isascii() else _FORMAT_CHARS.sub("", s)


def visible_tokens(text: str) -> list[str]:
    """The words (and meaningful symbols such as $ or %) a reader of the rendered text sees, in order.

    Link targets, Markdown markup (heading marks, bullets, emphasis, table pipes, escapes), ordinary
    punctuation, whitespace and invisible format characters are left out: an edit confined to those
    changes no visible word.
    """
    s = _drop_invisible(unicodedata.normalize("NFC", text))
    s = _MD_LINK.sub(lambda m: m.group(1), s)
    s = _MD_ESCAPED.sub(r"\1", s)
    s = _MARKUP_LINE.sub("", _LINE_MARKUP.sub("", s))
    out: list[str] = []
    for tok in _VISIBLE.findall(s):
        if tok in _NOT_WORDS:
            continue
        if tok[0] == "_" or tok[-1] == "_":
            tok = tok.strip("_")  # _emphasis_ marks, not part of the word
            if not tok:
                continue
        out.append(tok)
    return out


def link_targets(text: str) -> list[str]:
    """The targets of the Markdown links in a text, in order (what a `links` change is about)."""
    return [m.group(2).strip("<>") for m in _MD_LINK.finditer(_drop_invisible(text))]


# Per-request session tokens in a link's path (the query string is already gone): a session in a
# matrix parameter ("/terms;jsessionid=8F3A..."), or ASP.NET's cookieless session segment
# ("/(S(k3j2h1g4f5d6))/privacy", "/(A(...)S(...))/"). A server that mints one per request must not make
# every check a `links` version. Only these known shapes are blanked, and never in the host: a long
# id or hash in a path usually names a different file (a new PDF upload, another Google Doc), which
# is a real `links` change.
_SESSION_MATRIX = re.compile(r";(?:jsessionid|sessionid|sid|phpsessid|aspsessionid\w*)=[^/;]*", re.I)
_ASPNET_SESSION = re.compile(r"/\((?:[A-Z]\((?:[^()/]*)\))+\)(?=/|$)")


def link_key(target: str) -> str:
    """A link target with its per-request session token blanked: two targets with the same key point
    to the same place."""
    key = _SESSION_MATRIX.sub("", target) if ";" in target else target
    return _ASPNET_SESSION.sub("/(\x00)", key) if "/(" in key else key


def same_link_targets(old_text: str, new_text: str) -> bool:
    """True when two texts' links point to the same places, per-request tokens aside."""
    old, new = link_targets(old_text), link_targets(new_text)
    if old == new:
        return True
    return len(old) == len(new) and all(
        a == b or link_key(a) == link_key(b) for a, b in zip(old, new, strict=True)
    )


def blank_link_targets(text: str) -> str:
    """The text with its link targets blanked out, same length, so offsets into it still hold."""

    def blank(m: re.Match[str]) -> str:
        keep = m.end(1) + 1 - m.start()  # "[text]" (or "![alt]") stays
        return m.group(0)[:keep] + " " * (len(m.group(0)) - keep)

    return _MD_LINK.sub(blank, text)


def _segments(hunks: Sequence[Hunk]) -> list[tuple[Hunk, list[str], list[str], bool]]:
    """Each hunk with the visible words of its two sides and whether it touches a link target.

    Hunks may cut through a link, so each is judged inside its whole text, with link targets blanked.
    """
    old = "".join(h.old for h in hunks)
    new = "".join(h.new for h in hunks)
    bo, bn = blank_link_targets(old), blank_link_targets(new)
    out = []
    i = j = 0
    for h in hunks:
        i2, j2 = i + len(h.old), j + len(h.new)
        link = bo[i:i2] != old[i:i2] or bn[j:j2] != new[j:j2]
        out.append((h, visible_tokens(bo[i:i2]), visible_tokens(bn[j:j2]), link))
        i, j = i2, j2
    return out


def hunk_visibility(hunks: Sequence[Hunk]) -> list[tuple[bool, bool]]:
    """For each hunk: (changes visible words, touches a link target). Equal hunks are (False, False)."""
    return [
        (False, False) if h.op == "equal" else (old != new, link) for h, old, new, link in _segments(hunks)
    ]


def marked_words(hunks: Sequence[Hunk]) -> int:
    """How many visible words the hunks mark as changed, both sides counted (link targets are not words)."""
    return sum(len(old) + len(new) for h, old, new, _ in _segments(hunks) if h.op != "equal" and old != new)


def changes_words(hunks: Sequence[Hunk]) -> bool:
    """True when some hunk adds, removes or replaces words a reader sees."""
    return any(words for words, _ in hunk_visibility(hunks))


def quiet_hunks(hunks: tuple[Hunk, ...], keep_links: bool = True) -> tuple[Hunk, ...]:
    """Hunks that change no visible word shown as unchanged text, so a diff marks what a reader sees.

    A bullet, a line break or an invisible character is never marked; a link target only with
    `keep_links` (a `links` change shows it; a clause whose words changed shows its words).
    """
    flags = hunk_visibility(hunks)
    if all(
        words or (link and keep_links)
        for (words, link), h in zip(flags, hunks, strict=True)
        if h.op != "equal"
    ):
        return hunks
    return tuple(
        h if h.op == "equal" or words or (link and keep_links) else Hunk("equal", h.old, h.new)
        for (words, link), h in zip(flags, hunks, strict=True)
    )
