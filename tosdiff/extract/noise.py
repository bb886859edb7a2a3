"""What changes from fetch to fetch without the terms changing: tracking/session/cache URL parameters,
volatile lines (generation timestamps, "last visited"), and the final layout of the normalised text."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that identify a click, a campaign, a session or a cache generation, never a page.
_DROP_PARAMS = frozenset(
    {
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "fbclid",
        "msclkid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "yclid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "__hstc",
        "__hssc",
        "__hsfp",
        "hsctatracking",
        "mkt_tok",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "ref_url",
        "referer",
        "referrer",
        "trk",
        "trkid",
        "spm",
        "sessionid",
        "session_id",
        "sid",
        "jsessionid",
        "phpsessid",
        "aspsessionid",
        "cfid",
        "cftoken",
        "_",
        "cb",
        "cachebust",
        "cache_bust",
        "cachebuster",
        "nocache",
        "dpl",
        "_rsc",
        "nonce",
    }
)
_DROP_PREFIXES = ("utm_", "__cf_chl", "pk_", "mtm_", "_hs", "vero_", "oly_")
_PATH_SESSION_RE = re.compile(r";(jsessionid|phpsessid|sid|sessionid)=[^/?#]*", re.I)
_UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:", "blob:", "about:")


def _keep_param(name: str) -> bool:
    low = name.lower()
    return low not in _DROP_PARAMS and not low.startswith(_DROP_PREFIXES)


def clean_url(href: str, base: str = "") -> str | None:
    """An absolute, tracking-free link target, or None when the link is not worth keeping.

    None for script/data links and for same-page fragments (``#top``), which are navigation noise.
    """
    href = "".join(href.split())  # browsers drop whitespace and newlines inside href values
    if not href or href.startswith("#"):
        return None
    if href.lower().startswith(_UNSAFE_SCHEMES):
        return None
    if base:
        try:
            href = urljoin(base, href)
        except ValueError:
            return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme.lower() in ("mailto", "tel"):
        return href
    path = _PATH_SESSION_RE.sub("", parts.path)
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if _keep_param(k)]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    fragment = parts.fragment
    # ":~:text=" fragments are per-share highlights, not targets.
    if fragment.startswith(":~:"):
        fragment = ""
    if base and fragment:
        b = urlsplit(base)
        if (parts.scheme, parts.netloc, path, query) == (b.scheme, b.netloc, b.path, b.query):
            return None  # a link to a place on this very page
    return urlunsplit((parts.scheme, parts.netloc, path, query, fragment))


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
