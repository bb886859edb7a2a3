"""Raw page bytes to deterministic normalised terms text (the contract is in tosdiff.models).

``extract`` is the one entry point: HTML (lxml), PDF (pdfminer.six), plain text and Markdown. It raises
ExtractError with class ``blocked`` for challenge/captcha/login walls and ``bad-content`` for pages that
hold no usable terms, so that such a page is never stored as a version.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tosdiff.errors import BAD_CONTENT, BLOCKED, ExtractError, TosdiffError

from .blocked import MIN_TEXT, SHORT_PAGE, blocked_reason, looks_blocked
from .decode import clean_chars, decode, decode_exact
from .links import decode_cf_emails, page_base
from .noise import apply_ignore, drop_volatile_lines, layout

# Bump whenever the output for the same bytes may change: it is stored with each version, so a new
# extractor does not make every document look changed.
EXTRACTOR_VERSION = "4"

__all__ = [
    "EXTRACTOR_VERSION",
    "blocked_reason",
    "compile_ignore",
    "decode",
    "extract",
    "extract_if_changed",
    "extract_job",
    "watch_parent",
    "looks_blocked",
    "selection_hash",
]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")


def compile_ignore(patterns: Sequence[str]) -> list[re.Pattern[str]]:
    """Compile `ignore` regexes, raising ExtractError naming the first invalid pattern."""
    compiled = []
    for p in patterns:
        try:
            compiled.append(re.compile(p))
        except re.error as exc:
            raise ExtractError(f"invalid ignore pattern '{p}': {exc}") from exc
    return compiled


def _kind(body: bytes, content_type: str) -> str:
    ct = (content_type or "").split(";")[0].strip().lower()
    if ct == "application/pdf" or body[:5] == b"%PDF-":
        return "pdf"
    if ct in ("text/markdown", "text/x-markdown"):
        return "markdown"
    if ct == "text/plain":
        # Servers label HTML text/plain now and then; a document that opens with markup is HTML.
        head = body[:512].lstrip().lower()
        return "html" if head.startswith((b"<!doctype html", b"<html")) else "text"
    if ct in _HTML_TYPES or not ct:
        return "html"
    if ct.startswith("text/"):
        return "text"
    raise ExtractError(f"unsupported content type '{ct}'")


def _finish(blocks: list[list[str]], ignore: list[re.Pattern[str]]) -> str:
    # Characters were cleaned where each source's whitespace is collapsed (before, not after, so a
    # removed zero-width character cannot leave a double space behind).
    blocks = [drop_volatile_lines(b) for b in blocks]
    return apply_ignore(layout(blocks), ignore)


# Attributes the renderer reads (and, without selectors, the ones find_content weighs). Everything else
# (class hashes of CSS-in-JS builds, data-* nonces, ids of tracking scripts) cannot change the text, so
# it is stripped before the selection hash is taken, or a redeploy would defeat the fast path.
_RENDER_ATTRS = frozenset({"href", "start", "type", "value", "reversed"})
_CONTENT_ATTRS = _RENDER_ATTRS | {"id", "class", "role"}
_ATTR_NAMES = None  # compiled lazily: lxml is only imported for HTML


def _strip_attributes(elements: Sequence[object], keep: frozenset[str]) -> None:
    """Remove every attribute the text cannot depend on, in place (found and stripped in C)."""
    global _ATTR_NAMES
    import lxml.etree

    if _ATTR_NAMES is None:
        _ATTR_NAMES = lxml.etree.XPath("descendant-or-self::*/@*")
    names: set[str] = set()
    for el in elements:
        names.update(a.attrname for a in _ATTR_NAMES(el))
    names -= keep
    if names:
        for el in elements:
            lxml.etree.strip_attributes(el, *names)


def selection_hash(
    elements: Sequence[object],
    *,
    title: str,
    url: str,
    select: Sequence[str],
    remove: Sequence[str],
    ignore: Sequence[str],
) -> str:
    """Hash of everything the text of cleaned elements is derived from (markup, title, URL, options)."""
    import hashlib

    import lxml.etree

    from .links import clean_url

    h = hashlib.sha256()
    head = [EXTRACTOR_VERSION, url, title, *select, "\x00", *remove, "\x00", *ignore]
    h.update(repr(head).encode("utf-8", "surrogatepass"))
    for el in elements:
        # Links reach the text only through clean_url (tracking and session parameters dropped), so
        # the cleaned targets are hashed, in document order, and the raw ones left out of the markup
        # (then put back: the renderer reads them).
        links = [(a, a.get("href")) for a in el.iter("a")]
        targets = [clean_url(href, url) if href else None for _, href in links]
        for a, href in links:
            if href is not None:
                del a.attrib["href"]
        try:
            data = lxml.etree.tostring(el, with_tail=False)
        finally:
            for a, href in links:
                if href is not None:
                    a.set("href", href)
        # Each part is length-prefixed so two selections can never serialise to the same stream.
        h.update(b"%d:" % len(data))
        h.update(data)
        h.update(repr(targets).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


_PASSWORD_CASE = str.maketrans("PASWORD", "pasword")


class _Same(Exception):
    """The cleaned selection hashes to the previous one: the text is the previous text."""


def _html(
    text: str,
    url: str,
    select: Sequence[str],
    remove: Sequence[str],
    ignore: Sequence[str] = (),
    previous: str | None = None,
    utf8: bytes | None = None,
) -> tuple[str, list[list[str]], str]:
    import lxml.etree

    from . import html

    root = html.parse(text, utf8)
    title = " ".join((root.findtext(".//title") or "").split())
    # Cloudflare re-keys its hidden addresses on every response: decoded before anything reads the tree.
    # (Both looked for in the raw text first, in C: most pages have neither, and a tree scan costs more.)
    if "cfemail" in text or "/cdn-cgi/l/email-protection" in text:
        decode_cf_emails(root)
    # Found in the tree, not the raw text: lxml's iter() of a tag name the page never uses returns at
    # once, where a search of "<base" in a 170 KB page costs 0.1-0.3 ms (a short needle, a common "<").
    if next(root.iter("base"), None) is not None:
        url = page_base(root, url)

    # Looked for before anything is removed: drop_invisible takes <input> elements out. The same test
    # as XPath's translate(@type, 'PASWORD', 'pasword') = 'password', without evaluating it per element.
    has_password = any(
        (el.get("type") or "").translate(_PASSWORD_CASE) == "password" for el in root.iter("input")
    )

    def wall(elements: Sequence[object]) -> str | None:
        # The text is serialised in C first: most pages are too long to be walls, and only a short one
        # is read again piece by piece (with line breaks, so its sentences are judged one by one).
        flat = "".join(
            lxml.etree.tostring(el, method="text", encoding="unicode", with_tail=False) for el in elements
        )
        # The whitespace-collapsed length only grows with the text, so a prefix long enough settles it
        # without splitting the whole text (0.2 ms on a 170 KB page).
        if len(" ".join(flat[: 4 * SHORT_PAGE].split())) >= SHORT_PAGE:
            return None
        if len(" ".join(flat.split())) >= SHORT_PAGE:
            return None
        visible = "\n".join(t for el in elements for t in el.itertext())  # type: ignore[attr-defined]
        return blocked_reason(title, visible, text, has_password)

    html.remove_matching(root, remove)
    if select:
        try:
            elements = html.select_matching(root, select)
        except ExtractError as exc:
            if "matched nothing" in str(exc):
                html.drop_invisible(root)
                reason = wall([root])
                if reason:
                    raise ExtractError(f"{reason}; {exc}", BLOCKED) from exc
            raise
        # Only the chosen parts are cleaned: the rest of the page is never read.
        for el in elements:
            html.drop_invisible(el)
        # A selector can match on a wall too ("body", "div"): its provider markers and password form
        # are only in the raw page, so they are judged here, against the selected text.
        reason = wall(elements)
        if reason:
            raise ExtractError(reason, BLOCKED)
        _strip_attributes(elements, _RENDER_ATTRS)
        digest = selection_hash(elements, title=title, url=url, select=select, remove=remove, ignore=ignore)
        if digest == previous:
            raise _Same(digest)
    else:
        html.drop_invisible(root)
        body = root.find("body")
        reason = wall([body] if body is not None else [])
        if reason:
            raise ExtractError(reason, BLOCKED)
        whole = body if body is not None else root
        _strip_attributes([whole], _CONTENT_ATTRS)
        digest = selection_hash([whole], title=title, url=url, select=(), remove=remove, ignore=ignore)
        if digest == previous:
            raise _Same(digest)
        # Imported here: with selectors (most configured documents) the content finder is never used.
        from . import content

        elements = content.find_content_parts(root)
    blocks = html.render(elements, url)
    return title, blocks, digest


def extract(
    body: bytes,
    content_type: str,
    *,
    url: str = "",
    select: Sequence[str] = (),
    remove: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> str:
    """Normalised terms text of a fetched document, or ExtractError (class bad-content or blocked)."""
    text, _ = extract_if_changed(body, content_type, url=url, select=select, remove=remove, ignore=ignore)
    assert text is not None  # no previous hash given: never skipped
    return text


def extract_if_changed(
    body: bytes,
    content_type: str,
    *,
    url: str = "",
    select: Sequence[str] = (),
    remove: Sequence[str] = (),
    ignore: Sequence[str] = (),
    previous: str | None = None,
) -> tuple[str | None, str | None]:
    """(text, selection hash) of a document; text is None when the cleaned terms part hashes to `previous`.

    The hash covers the cleaned selected markup (invisible parts, `remove` targets and attributes the
    text cannot depend on taken out), the page title, the URL links resolve against, the options and
    the extractor version: everything the HTML text is a function of, so when it matches, the text is
    byte-identical to the one recorded with it and rendering is skipped. None for PDF and plain text.
    """
    patterns = compile_ignore(ignore)
    select = tuple(s for s in select if s.strip())
    remove = tuple(s for s in remove if s.strip())
    kind = _kind(body, content_type)
    digest: str | None = None
    if kind == "pdf":
        from .pdf import pdf_blocks

        result = _finish(pdf_blocks(body), patterns)
    else:
        text, exact_utf8 = decode_exact(body, content_type)
        if kind == "html":
            try:
                title, blocks, digest = _html(
                    text, url, select, remove, ignore, previous, utf8=body if exact_utf8 else None
                )
            except _Same as same:
                return None, str(same)
            del text  # the decoded page is not needed any more: keep peak memory down
            result = _finish(blocks, patterns)
            size = len(result)
            if size < SHORT_PAGE:
                reason = blocked_reason(title, result)
                if reason:
                    raise ExtractError(reason, BLOCKED)
        else:
            from .text import normalise_text

            result = _finish(normalise_text(clean_chars(text), markdown=kind == "markdown"), patterns)
    visible = len("".join(result.split()))
    if visible < MIN_TEXT:
        what = f"selection {list(select)!r}" if select else "page"
        raise ExtractError(
            f"{what} has almost no text ({visible} characters): not a terms document", BAD_CONTENT
        )
    return result, digest


def extract_job(
    body: bytes,
    content_type: str,
    url: str,
    select: tuple[str, ...],
    remove: tuple[str, ...],
    ignore: tuple[str, ...],
    previous: str | None,
) -> tuple:
    """extract_if_changed in a worker process, its outcome as plain values.

    It lives here, not in the pipeline, so a worker process imports only the extractor (not requests,
    sqlite-utils and the rest): less start-up CPU and memory per worker. Exceptions lose attributes
    when pickled (a TosdiffError's error_class would come back as the class default), hence tuples.
    """
    try:
        text, digest = extract_if_changed(
            body, content_type, url=url, select=select, remove=remove, ignore=ignore, previous=previous
        )
        return ("ok", text, digest)
    except TosdiffError as e:
        return ("error", str(e), e.error_class)
    except Exception as e:  # noqa: BLE001 - reported as the document's error, never kills the worker
        return ("error", f"extraction failed: {e!r}", BAD_CONTENT)


def watch_parent(parent_pid: int) -> None:
    """Initializer of an extraction worker process: exit as soon as the parent is gone.

    A worker holds both ends of its own job queue, so it never sees end-of-file when the parent is
    killed (kill -9, the OOM killer, a timeout in cron): without this it would wait for work forever.
    """
    import os
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="tosdiff-parent-watch", daemon=True).start()
