"""Find the terms on a page without selectors: drop page furniture, then pick the block of legal text.

The choice must be stable from fetch to fetch, so it relies on shares of text weight with wide margins
(a block holding 85% of the page's legal text), never on near-ties between candidates.
"""

from __future__ import annotations

import re

from .html import Element, drop_tree

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


def _text_len(el: Element) -> int:
    return len("".join(el.itertext()).split()) if el is not None else 0


def drop_furniture(body: Element) -> None:
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
    removed: set[Element] = set()
    for el in doomed:
        if any(a in removed for a in el.iterancestors()):
            continue
        if _text_len(el) / total < _MAX_FURNITURE_SHARE:
            removed.add(el)
    for el in removed:
        drop_tree(el)


_CONTAINERS = frozenset({"div", "section", "article", "main", "body", "form", "center", "td", "font"})
_SIBLING_LEGAL_SHARE = 0.05  # legal text that descending may leave behind, as a share of the kept part


def _weights(
    body: Element,
) -> tuple[dict[Element, float], dict[Element, float]]:
    """Per element: text weight (non-link words, doubled in legal runs) and legal weight (legal runs only)."""
    order = list(body.iter())
    in_link: set[Element] = set()
    for el in order:
        parent = el.getparent()
        if el.tag == "a" or (parent is not None and parent in in_link):
            in_link.add(el)
    weight: dict[Element, float] = dict.fromkeys(order, 0.0)
    legal: dict[Element, float] = dict.fromkeys(order, 0.0)

    def add(el: Element, s: str | None) -> None:
        if not s or el in in_link:
            return
        n = len(s.split())
        if n and _LEGAL_RE.search(s):
            weight[el] += 2.0 * n
            legal[el] += n
        else:
            weight[el] += n

    for el in order:
        add(el, el.text)
        parent = el.getparent()
        if el is not body and parent is not None:
            add(parent, el.tail)  # a tail is text of the parent
    for el in reversed(order):  # children before parents: sums bubble up
        parent = el.getparent()
        if el is not body and parent is not None:
            weight[parent] += weight[el]
            legal[parent] += legal[el]
    return weight, legal


_MAX_LINK_SHARE = 0.5  # a block whose words are mostly link text is navigation, not the document's intro


def _is_prose(el: Element) -> bool:
    """True for a block of running text (its title, date or intro), not a list of links."""
    words = _text_len(el)
    if not words:
        return True
    linked = sum(_text_len(a) for a in el.iter("a"))  # the HTML parser never nests links
    return linked <= _MAX_LINK_SHARE * words


def _is_contents(el: Element) -> bool:
    """True for a table of contents: links that all point into the page itself."""
    hrefs = [a.get("href") or "" for a in el.iter("a")]
    return bool(hrefs) and all(h.strip().startswith("#") for h in hrefs)


def _has_text(s: str | None) -> bool:
    return bool(s and s.strip())


def _widen(path: list[Element]) -> list[Element]:
    """Take back the document's own title, date and intro that descending into `path[-1]` left above it.

    Pages often put the heading and the "Last updated" line in a block of their own, before the block
    of clauses; descending by text weight picks the clauses alone, and a change to the intro would go
    unseen. Going up from the chosen block: a parent whose other content is only running text before it
    (nothing after it) is taken whole; otherwise the run of prose blocks just before it is added (a
    table of contents is passed over, a block of links ends the run), and nothing above. Text after the
    chosen block is never added: that is where "related articles" and sign-up boxes live.
    """
    node = best = path[-1]
    for parent in reversed(path[:-1]):
        children = [c for c in parent if isinstance(c.tag, str)]
        i = children.index(node)
        after = children[i + 1 :]
        trailing = any(_text_len(c) or _has_text(c.tail) for c in after) or _has_text(node.tail)
        before = children[:i]
        if not trailing and all(_is_prose(c) for c in before):
            node = parent
            # A parent that adds no text is not taken: the smallest block holding the text is the
            # one `tosdiff add` proposes a selector for.
            if _has_text(parent.text) or any(_text_len(c) or _has_text(c.tail) for c in before):
                best = node
            continue
        run: list[Element] = []
        for sib in reversed(before):
            if _has_text(sib.tail):
                break  # loose text between blocks: the run is not a clean sequence of blocks
            if _is_contents(sib):
                continue
            if not _is_prose(sib):
                break
            if _text_len(sib):
                run.append(sib)
        run.reverse()
        # Between `best` and `node` there is no text: the run and `best` hold all of it.
        return [*run, best]
    return [best]


def find_content_parts(root: Element) -> list[Element]:
    """The elements that hold the terms text, in document order (furniture already dropped from its body).

    Usually one element; when the document's title/intro sits in blocks before the chosen one that
    cannot be taken in with a common parent, those blocks come first.
    """
    body = root.find("body")
    if body is None:
        body = root
    drop_furniture(body)
    weight, legal = _weights(body)
    whole = weight.get(body, 0.0)
    if whole <= 0:
        return [body]
    start = body
    mains = [el for el in body.iter("main", "article") if weight.get(el, 0.0) >= _MAIN_SHARE * whole]
    mains += [el for el in body.iterfind(".//*[@role='main']") if weight.get(el, 0.0) >= _MAIN_SHARE * whole]
    if mains:
        # The outermost qualifying one keeps the document's own title and date lines.
        start = min(mains, key=lambda e: sum(1 for _ in e.iterancestors()))
    path = [start]
    target = _DESCEND_SHARE * weight.get(start, 0.0)
    left_behind = 0.0
    while True:
        node = path[-1]
        nxt = None
        for child in node:
            if child.tag in _CONTAINERS and weight.get(child, 0.0) >= target:
                nxt = child
                break
        if nxt is None:
            break
        # Never leave legal text behind: terms split over sibling blocks stay whole.
        left_behind += legal[node] - legal[nxt]
        if left_behind > _SIBLING_LEGAL_SHARE * legal[nxt]:
            break
        path.append(nxt)
    return _widen(path)


def find_content(root: Element) -> Element:
    """The main element that holds the terms text (furniture already dropped from its body)."""
    return find_content_parts(root)[-1]
