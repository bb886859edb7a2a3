"""Tell a bot wall, challenge, or login page from a terms page, so it is never stored as a version.

A wall is judged by dominance, never by a phrase found somewhere: a privacy policy may well say "we use
captchas" or "JavaScript is required for some features", and a 2 KB policy saying so is still the
policy. A page is a wall when the wall is what it is about: the wall phrase is (most of) its title, or
the sentences holding wall phrases are most of its text and what is left is too little to be terms, or
a challenge provider's own markup is there, or a password form is most of what it shows.
"""

from __future__ import annotations

import re

# Phrases of challenge / bot-wall / denial pages.
_CHALLENGE_RE = re.compile(
    r"just a moment\.*|attention required|checking (?:your|if the site connection is) (?:browser|secure)"
    r"|verify(?:ing)? (?:that )?you are (?:a )?human|are you a (?:robot|human)|i'?m not a robot"
    r"|(?:complete|solve|pass) (?:the|this|a) captcha|captcha (?:challenge|verification|required)"
    r"|access (?:to this page has been )?denied|you have been blocked|request (?:was )?blocked"
    r"|enable javascript and cookies to continue|please (?:enable|turn on) (?:javascript|js|cookies)\b"
    r"|javascript is (?:required|disabled)|this (?:site|page) requires javascript|pardon our interruption"
    r"|ddos protection|unusual traffic|too many requests|security check(?:point)?|bot (?:detection|protection)"
    r"|performance (?:&|and) security by cloudflare|error 10(?:06|07|08|10|12|20)|403 forbidden"
    r"|needs to review the security of your connection|request unsuccessful|incident id",
    re.I,
)
# A title that is only "Captcha" (or "reCAPTCHA check") is a wall; "hCaptcha Terms" is not.
_TITLE_ONLY_RE = re.compile(r"\b(?:re)?captcha\b", re.I)
_LOGIN_TITLE_RE = re.compile(r"\b(?:log ?in|sign ?in|sign on|authenticat\w*|password)\b", re.I)
# Markers in raw HTML that only a challenge provider's own interstitial carries (its inline challenge
# options, its challenge page's classes and orchestration script).
_PROVIDER_MARKERS = (
    "cf-challenge",
    "cf_chl_opt",
    "/cdn-cgi/challenge-platform/h/g/orchestrate/",
    "/cdn-cgi/challenge-platform/h/b/orchestrate/",
    "px-captcha",
    "captcha-delivery.com",
    "distil_r_captcha",
)
# Bot-management scripts these providers inject into ordinary pages as well (Cloudflare's JavaScript
# detections under /cdn-cgi/challenge-platform/, Imperva's _Incapsula_Resource, AWS WAF's challenge
# SDK): a real 2 KB policy served through them carries them too, so, like the captcha widgets below,
# they mark a wall only on a page with next to no text of its own.
_INJECTED_MARKERS = ("/cdn-cgi/challenge-platform/", "_incapsula_resource", "awswaf")
# Captcha widgets also sit in the contact and sign-up forms of real pages: a sign of a wall only on a
# page with next to no text of its own.
_WIDGET_MARKERS = ("cf-turnstile", "challenges.cloudflare.com", "g-recaptcha", "h-captcha")
# Below this many characters of visible text a page may be a wall; above it, it is read as content.
SHORT_PAGE = 3000
MIN_TEXT = 200  # fewer characters of text than this is no terms document at all
# Text besides the wall's own sentences that makes a page more than a wall (a short policy is longer).
_OTHER_TEXT = 250
_WALL_SHARE = 0.5  # wall sentences holding this share of the text dominate it
_TITLE_SHARE = 0.75  # a title part this much wall phrase is a wall's title ("Access denied | Site")
_TINY_PAGE = 600  # visible text of a page that is only a form or a widget
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+|\n+")
_TITLE_PARTS_RE = re.compile(r"\s+[-|–—·:]\s+|\s*[|–—·]\s*")


# A page whose text a script builds: the element the app mounts into is empty in the HTML ("root",
# "app", "__next", "__nuxt", "___gatsby", <app-root>) and a <noscript> asks for JavaScript. Its visible
# text is then only what surrounds the app (a footer, a cookie note), never the terms.
_EMPTY_MOUNT_RE = re.compile(
    r"<(div|main|section|body)\b[^>]*\bid\s*=\s*[\"']?(?:root|app|__next|__nuxt|___gatsby|svelte|main-app)"
    r"[\"'\s>][^>]*>\s*</\1>|<app-root\b[^>]*>\s*</app-root>",
    re.I,
)
_NOSCRIPT_JS_RE = re.compile(r"<noscript\b[^>]*>(?:(?!</noscript>).){0,400}?javascript", re.I | re.S)
_PROSE_RE = re.compile(r"(?:[^\s.!?]+\s+){7,}[^\s.!?]*[.!?]")  # a sentence of 8 words or more
_SHELL_PROSE = 3  # fewer sentences than this besides the app: nothing but page furniture
# Page furniture and code, cut from the raw page to see whether anything besides them holds text.
_FURNITURE_RE = re.compile(
    # (A declarative shadow root, <template shadowrootmode>, is shown: not furniture.)
    r"<(script|style|noscript|template|footer|header|nav|svg)\b(?![^>]*shadowroot).*?</\1\s*>|<!--.*?-->",
    re.S,
)
_TAG_RE = re.compile(r"<[^>]*>")


def _script_shell(visible_text: str, raw_low: str) -> str | None:
    """Why a page is an app shell whose text JavaScript builds (an empty mount point), or None."""
    if "noscript" not in raw_low or not _NOSCRIPT_JS_RE.search(raw_low):
        return None
    mount = _EMPTY_MOUNT_RE.search(raw_low)
    if not mount or len(_PROSE_RE.findall(" ".join(visible_text.split()))) >= _SHELL_PROSE:
        return None
    # A server-rendered page may hold an empty mount for a widget (a chat, a consent box) beside its
    # real text: it is a shell only when nothing but header, footer and navigation has text.
    body = raw_low[raw_low.find("<body") :] if "<body" in raw_low else raw_low
    rest = _TAG_RE.sub(" ", _FURNITURE_RE.sub(" ", body))
    if _letters(rest) >= MIN_TEXT:
        return None
    return (
        "page built by JavaScript (an empty app element and a <noscript> asking for JavaScript; "
        'the HTML holds no terms text): set render = "browser" for this document'
    )


def _letters(s: str) -> int:
    return sum(1 for c in s if c.isalnum())


def _title_wall(title: str) -> re.Match[str] | None:
    """A wall phrase that is most of one part of the title ("Just a moment...", "Access denied | X")."""
    for part in _TITLE_PARTS_RE.split(title or ""):
        size = _letters(part)
        if not size:
            continue
        wall = list(_CHALLENGE_RE.finditer(part)) or list(_TITLE_ONLY_RE.finditer(part))
        if wall and sum(_letters(m.group(0)) for m in wall) >= _TITLE_SHARE * size:
            return wall[0]
    return None


def _text_wall(text: str) -> re.Match[str] | None:
    """A wall phrase whose sentences dominate the text (most of it, or all but a few lines)."""
    first = None
    wall_chars = total = 0
    for sentence in _SENTENCE_RE.split(text):
        size = len(sentence.strip())
        total += size
        m = _CHALLENGE_RE.search(sentence)
        if m:
            first = first or m
            wall_chars += size
    if first is None:
        return None
    if wall_chars >= _WALL_SHARE * total or total - wall_chars < _OTHER_TEXT:
        return first
    return None


def blocked_reason(
    title: str, visible_text: str, raw_html: str = "", has_password: bool = False
) -> str | None:
    """Why this page looks like a challenge/login wall, or None. Only short pages can be walls.

    `visible_text` keeps line breaks between blocks where the caller has them (sentences are judged
    one by one).
    """
    size = len(" ".join(visible_text.split()))
    if size >= SHORT_PAGE:
        return None
    m = _title_wall(title) or _text_wall(visible_text)
    if m:
        return f"challenge or bot-wall page ({m.group(0).strip()!r})"
    low = raw_html[:300_000].lower()
    shell = _script_shell(visible_text, low)
    if shell:
        return shell
    for marker in _PROVIDER_MARKERS:
        if marker in low:
            return f"challenge page (marker {marker!r})"
    if size < _TINY_PAGE:
        for marker in _INJECTED_MARKERS:
            if marker in low:
                return f"challenge page (marker {marker!r} and little text)"
        for marker in _WIDGET_MARKERS:
            if marker in low:
                return f"challenge page (captcha widget {marker!r} and little text)"
    if has_password and (size < _TINY_PAGE or _LOGIN_TITLE_RE.search(title or "")):
        return "login page (password field and little text)"
    return None


def looks_blocked(title: str, visible_text: str, raw_html: str = "", has_password: bool = False) -> bool:
    """True when the page is a challenge, captcha, bot-wall or login page rather than content."""
    return blocked_reason(title, visible_text, raw_html, has_password) is not None
