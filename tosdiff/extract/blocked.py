"""Tell a bot wall, challenge, or login page from a terms page, so it is never stored as a version."""

from __future__ import annotations

import re

# Phrases of challenge / bot-wall / denial pages. They are only believed on short pages: real terms
# may well say "access denied" or "enable JavaScript and cookies" somewhere in 30 pages of text.
_CHALLENGE_RE = re.compile(
    r"just a moment\.*|attention required|checking (?:your|if the site connection is) (?:browser|secure)"
    r"|verify(?:ing)? (?:that )?you are (?:a )?human|are you a (?:robot|human)|i'?m not a robot|captcha"
    r"|access (?:to this page has been )?denied|you have been blocked|request (?:was )?blocked"
    r"|enable javascript and cookies to continue|please (?:enable|turn on) (?:javascript|cookies)"
    r"|javascript is (?:required|disabled)|this (?:site|page) requires javascript|pardon our interruption"
    r"|ddos protection|unusual traffic|too many requests|security check|bot (?:detection|protection)"
    r"|performance (?:&|and) security by cloudflare|error 10(?:06|07|08|10|12|20)|403 forbidden",
    re.I,
)
# Markers in raw HTML of challenge providers (scripts and classes the visible text does not show).
_RAW_MARKERS = (
    "cf-challenge",
    "cf_chl_opt",
    "challenges.cloudflare.com",
    "cf-turnstile",
    "g-recaptcha",
    "h-captcha",
    "px-captcha",
    "captcha-delivery.com",
    "_incapsula_resource",
    "distil_r_captcha",
    "awswaf",
)
# Below this many characters of visible text a page may be a wall; above it, it is read as content.
SHORT_PAGE = 3000
MIN_TEXT = 200  # fewer characters of text than this is no terms document at all


def blocked_reason(
    title: str, visible_text: str, raw_html: str = "", has_password: bool = False
) -> str | None:
    """Why this page looks like a challenge/login wall, or None. Only short pages can be walls."""
    text = " ".join(visible_text.split())
    if len(text) >= SHORT_PAGE:
        return None
    m = _CHALLENGE_RE.search(title or "") or _CHALLENGE_RE.search(text)
    if m:
        return f"challenge or bot-wall page ({m.group(0).strip()!r})"
    low = raw_html[:300_000].lower()
    for marker in _RAW_MARKERS:
        if marker in low:
            return f"challenge page (marker {marker!r})"
    if has_password:
        return "login page (password field and little text)"
    return None


def looks_blocked(title: str, visible_text: str, raw_html: str = "", has_password: bool = False) -> bool:
    """True when the page is a challenge, captcha, bot-wall or login page rather than content."""
    return blocked_reason(title, visible_text, raw_html, has_password) is not None
