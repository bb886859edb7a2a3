"""Find the terms on a page without selectors: drop page furniture, then pick the block of legal text.

The choice must be stable from fetch to fetch, so it relies on shares of text weight with wide margins
(a block holding 85% of the page's legal text), never on near-ties between candidates.
"""

from __future__ import annotations

import re

import lxml.html

_BOILERPLATE_TAGS = frozenset({"nav", "aside"})
_PAGE_FRAME_TAGS = frozenset({"header", "footer"})
_BOILERPLATE_ROLES = frozenset(
    {
        "navigation",
        "banner",
        "contentinfo",
        "complementary",
        "search",
        "dialog",
        "alertdialog",
        "menu",
        "menubar",
        "toolbar",
        "tablist",
    }
)
# Whole-word hints in id/class: "cookie-banner", "site_nav", "newsletter" (not "navigate-terms").
_HINT_RE = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|ccpa|onetrust|banner|newsletter|subscribe|popup|modal|"
    r"share|social|breadcrumbs?|sidebar|navbar|nav|navigation|menu|skip|toolbar|announcement|promo|"
    r"related|footer|header|masthead|topbar|chat|intercom|feedback|toc|table-of-contents)(?:$|[\s_-])",
    re.I,
)
# Furniture is only dropped while it is a small part of the page: a wrapper misnamed "modal" or a
# layout grid called "sidebar" that holds the whole terms must never be thrown away.
_MAX_FURNITURE_SHARE = 0.3
_LEGAL_RE = re.compile(
    r"\b(?:agree|terms|liab|shall|warrant|indemn|licen[cs]|govern|arbitra|terminat|privacy|rights?\b|"
    r"part(?:y|ies)|law|jurisdiction|disclaim|consent|breach|obligation|herein|pursuant|notwithstanding)",
    re.I,
)
_MAIN_SHARE = 0.5  # a <main>/<article> holding this share of the legal text is the content
_DESCEND_SHARE = 0.85  # descend into a child while it alone holds this share


def _text_len(el: lxml.html.HtmlElement) -> int:
    return len("".join(el.itertext()).split()) if el is not None else 0


def drop_furniture(body: lxml.html.HtmlElement) -> None:
    """Remove navigation, banners, page headers/footers, cookie/consent boxes and similar page furniture."""
    total = max(_text_len(body), 1)
    doomed = []
    for el in body.iter():
        tag = el.tag
        if not isinstance(tag, str) or el is body:
            continue
        role = (el.get("role") or "").strip().lower()
        furniture = tag in _BOILERPLATE_TAGS or role in _BOILERPLATE_ROLES
        if not furniture and tag in _PAGE_FRAME_TAGS:
            # A <header> inside an article is the document's own title block: keep it.
            furniture = not any(a.tag in ("article", "main") for a in el.iterancestors())
        if not furniture:
            hints = (el.get("id") or "") + " " + (el.get("class") or "")
            furniture = bool(hints.strip() and _HINT_RE.search(hints))
        if furniture:
            doomed.append(el)
    # Decide on the outermost first; nested furniture goes with its container.
    removed: set[lxml.html.HtmlElement] = set()
    for el in doomed:
        if any(a in removed for a in el.iterancestors()):
            continue
        if _text_len(el) / total < _MAX_FURNITURE_SHARE:
            removed.add(el)
    for el in removed:
        el.drop_tree()


def _weights(body: lxml.html.HtmlElement) -> dict[lxml.html.HtmlElement, float]:
    """Legal-text weight of every element: non-link words, doubled in runs that use legal vocabulary."""
    order = list(body.iter())
    own: dict[lxml.html.HtmlElement, float] = {}
    in_link: set[lxml.html.HtmlElement] = set()
    for el in order:
        parent = el.getparent()
        if el.tag == "a" or (parent is not None and parent in in_link):
            in_link.add(el)

    def score(s: str | None) -> float:
        if not s:
            return 0.0
        n = len(s.split())
        if n == 0:
            return 0.0
        return n * 2.0 if _LEGAL_RE.search(s) else float(n)

    for el in order:
        own[el] = own.get(el, 0.0) + (0.0 if el in in_link else score(el.text))
        parent = el.getparent()
        if parent is not None and el is not body:
            # A tail is text of the parent; it is link text only if the parent is inside a link.
            own[parent] = own.get(parent, 0.0) + (0.0 if parent in in_link else score(el.tail))
    total = dict(own)
    for el in reversed(order):
        parent = el.getparent()
        if el is not body and parent is not None:
            total[parent] = total.get(parent, 0.0) + total[el]
    return total


def find_content(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The element that holds the terms text (furniture already dropped from its body)."""
    body = root.find("body")
    if body is None:
        body = root
    drop_furniture(body)
    weights = _weights(body)
    whole = weights.get(body, 0.0)
    if whole <= 0:
        return body
    start = body
    mains = [el for el in body.iter("main", "article") if weights.get(el, 0.0) >= _MAIN_SHARE * whole] + [
        el for el in body.iterfind(".//*[@role='main']") if weights.get(el, 0.0) >= _MAIN_SHARE * whole
    ]
    if mains:
        # The outermost qualifying one keeps the document's own title and date lines.
        start = min(mains, key=lambda e: sum(1 for _ in e.iterancestors()))
    node = start
    target = _DESCEND_SHARE * weights.get(start, 0.0)
    while True:
        nxt = None
        for child in node:
            if isinstance(child.tag, str) and weights.get(child, 0.0) >= target:
                nxt = child
                break
        if nxt is None:
            return node
        node = nxt
