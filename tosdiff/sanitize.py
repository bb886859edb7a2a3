"""The one sanitiser of untrusted text: whatever a fetched page says goes to terminals, HTML and e-mail
only after `clean_text` (or `one_line`) has made it inert.

It removes ANSI/VT escape sequences (7-bit and 8-bit forms, with the payload of string sequences such as
OSC hyperlinks and titles), C0 and C1 control characters (but tab and newline), DEL, lone surrogates,
private-use code points, and the bidirectional marks, overrides and isolates that can make a clause
read differently from what it says ("Trojan source"). Line ends become ``\\n``. Each medium escapes
again for itself (``html.escape``, Markdown escapes; `safe_text` wraps cleaned text in a rich ``Text``,
which is never parsed as markup, so ``[bold red]`` prints literally): this module only removes, and
`escape_html` is the one HTML escaper of page text (cleaned, then ``html.escape``d).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.text import Text

__all__ = ["ANSI_RE", "UNSAFE_RE", "clean_text", "escape_html", "one_line", "safe_text"]

# ESC-based sequences (CSI, OSC, DCS/SOS/PM/APC strings, two-byte escapes) and their 8-bit C1 forms.
ANSI_RE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]            # CSI ... final byte
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC ... BEL or ST (hyperlinks, titles)
  | \x1b[PX^_][^\x1b]*(?:\x1b\\)?       # DCS / SOS / PM / APC ... ST
  | \x1b[ -/]*[0-~]                     # other escape sequences (charset selection, RIS, ...)
  | \x9b[0-?]*[ -/]*[@-~]               # 8-bit CSI
  | \x9d[^\x07\x9c]*[\x07\x9c]?         # 8-bit OSC
  | [\x90\x98\x9e\x9f][^\x9c]*\x9c      # 8-bit DCS / SOS / PM / APC ... ST
    """,
    re.VERBOSE,
)
# C0 controls but tab and newline, DEL, C1 controls; lone surrogates; private-use code points; bidi
# marks (ALM, LRM, RLM), embeddings/overrides (LRE..RLO) and isolates (LRI..PDI).
UNSAFE_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_NEWLINES_RE = re.compile("\r\n|[\r\u2028\u2029]")
_WS_RE = re.compile(r"\s+")


def clean_text(value: Any) -> str:
    """Untrusted text made inert for any medium: no escape sequences, control, private-use or bidi characters.

    ``None`` becomes ""; other non-strings are converted with ``str``. Tabs and newlines are kept.
    """
    s = "" if value is None else str(value)
    if not s:
        return s
    s = ANSI_RE.sub("", s)
    s = _NEWLINES_RE.sub("\n", s)
    return UNSAFE_RE.sub("", s)


def one_line(value: Any, limit: int = 200) -> str:
    """Cleaned text on one line (safe for mail headers and titles), cut to `limit` characters."""
    s = _WS_RE.sub(" ", clean_text(value)).strip()
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def escape_html(value: Any, quote: bool = True) -> str:
    """Untrusted text as inert HTML: cleaned (no bidi overrides, controls, escapes), then ``html.escape``d."""
    # A bidi override survives html.escape and reorders what a browser shows: it must be removed first.
    return html.escape(clean_text(value), quote=quote)


def safe_text(text: str, style: str = "") -> Text:
    """A rich Text of untrusted content for the terminal: cleaned, never parsed as markup."""
    from rich.text import Text  # only terminal views need rich; alerts and the report do not

    return Text(clean_text(text), style=style)


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 document', '2 documents' ('1 delivery', '2 deliveries' with `many`)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"
