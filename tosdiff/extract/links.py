"""Link targets as the normalised text keeps them: where a link points, never how this request reached it.

A link target in the text is scheme, host and path only. Query strings and fragments carry click ids,
sessions, A/B funnels, cache generations and in-page anchors that change from request to request or
deploy to deploy (``?sessionid=…``, ``?src=direct%2Fnone``, ``#for-legal-disclosure``), so they are
dropped; a trailing slash is dropped too. Cloudflare's e-mail obfuscation (``/cdn-cgi/l/email-protection#
<hex>`` links and ``__cf_email__`` spans, re-keyed on every response) is decoded to the real address:
the scheme is public, the first byte of the hex is the XOR key of the rest.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, unquote, urljoin, urlsplit

_CF_PATH = "/cdn-cgi/l/email-protection"
_HEX_RE = re.compile(r"^(?:[0-9a-fA-F]{2}){2,}$")
_UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:", "blob:", "about:")
_PATH_SESSION_RE = re.compile(r";(jsessionid|phpsessid|sid|sessionid)=[^/?#]*", re.I)
# Characters a path keeps unescaped (RFC 3986 pchar and "/"): quote(unquote(p)) gives one spelling.
_PATH_SAFE = "/:@!$&'()*+,;=-._~"
_DEFAULT_PORTS = {"http": 80, "https": 443}


@lru_cache(maxsize=256)
def _xor_table(key: int) -> bytes:
    """A bytes.translate table that XORs every byte with `key` (the XOR then runs in C)."""
    return bytes(i ^ key for i in range(256))


def cf_decode(hex_text: str) -> str | None:
    """The text hidden by Cloudflare's e-mail obfuscation (first byte XOR key), or None if not one."""
    hex_text = hex_text.strip()
    if not _HEX_RE.match(hex_text):
        return None
    data = bytes.fromhex(hex_text)
    try:
        # Cloudflare's decoder reads the XORed bytes as UTF-8 (decodeURIComponent(escape(...))).
        text = data[1:].translate(_xor_table(data[0])).decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not text or any(c.isspace() or not c.isprintable() for c in text):
        return None
    return text


def _mailto(address: str) -> str | None:
    """`mailto:` plus the address alone (no ?subject=/&body=, which vary with the page's wording)."""
    address = unquote(address.split("?", 1)[0].split("#", 1)[0]).strip()
    if not address or any(c.isspace() for c in address):
        return None
    local, at, domain = address.rpartition("@")
    if at:
        address = f"{local}@{domain.lower()}"  # domains are case-insensitive, local parts need not be
    return "mailto:" + address


def cf_email_target(href: str) -> str | None:
    """`mailto:` target of a Cloudflare ``/cdn-cgi/l/email-protection#<hex>`` link, or None."""
    _, _, frag = href.partition("#")
    decoded = cf_decode(frag) if frag else None
    return _mailto(decoded) if decoded and "@" in decoded else None


def is_cf_email_link(href: str) -> bool:
    """True for Cloudflare's e-mail protection links (absolute or relative)."""
    return _CF_PATH in href.split("?", 1)[0].split("#", 1)[0]


@lru_cache(maxsize=1024)
def _http_target(url: str) -> str | None:
    """scheme://host[:port]/path of an absolute URL with a host (query, fragment, trailing slash dropped)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if not parts.netloc:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    path = _PATH_SESSION_RE.sub("", parts.path)
    path = quote(unquote(path), safe=_PATH_SAFE).rstrip("/")
    return f"{scheme}://{host}{path}"


# A pure function of its arguments, called for every link of every fetch (twice: for the selection
# hash and the text), and a site's links hardly change from check to check: cached.
@lru_cache(maxsize=16384)
def clean_url(href: str, base: str = "") -> str | None:
    """The link target kept in the text (scheme://host/path), or None when the link is not worth keeping.

    None for script/data links, for links to this very page (in-page anchors such as ``#top``) and for
    Cloudflare-protected addresses that do not decode. Relative links resolve against `base`.
    """
    href = "".join(href.split())  # browsers drop whitespace and newlines inside href values
    if not href or href.startswith("#"):
        return None
    if href.lower().startswith(_UNSAFE_SCHEMES):
        return None
    if is_cf_email_link(href):
        return cf_email_target(href)
    if base:
        try:
            href = urljoin(base, href)
        except ValueError:
            return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return _mailto(href[len("mailto:") :])
    if scheme == "tel":
        number = "".join(c for c in unquote(parts.path) if c.isdigit() or c == "+")
        return "tel:" + number if number else None
    if not parts.netloc:
        if not scheme:
            # No page URL to resolve against (a text extracted on its own): the path is all there is.
            return parts.path.rstrip("/") or None
        # Scheme-specific targets (app store intents and the like): no host, the rest is the target.
        return f"{scheme}:{parts.path}" if parts.path else None
    target = _http_target(href)
    if target is not None and base and target == _http_target(base):
        return None  # a link to this very page (an in-page anchor, a language switch)
    return target


def decode_cf_emails(root: object) -> None:
    """Put the real addresses back where Cloudflare hid them, in place (an lxml tree).

    ``<span class="__cf_email__" data-cfemail="hex">[email protected]</span>`` gets the address as its
    text; an ``/cdn-cgi/l/email-protection#hex`` link gets a ``mailto:`` target (or loses its target when
    the hex does not decode, so the per-response key never reaches the text).
    """
    for el in root.xpath("descendant-or-self::*[@data-cfemail]"):  # type: ignore[attr-defined]
        address = cf_decode(el.get("data-cfemail") or "")
        del el.attrib["data-cfemail"]
        if address is None:
            continue
        for child in list(el):
            el.remove(child)  # the placeholder's own markup; the element's tail stays with it
        el.text = address
    for a in root.xpath("descendant-or-self::a[contains(@href, '/cdn-cgi/l/email-protection')]"):  # type: ignore[attr-defined]
        href = a.get("href") or ""
        if not is_cf_email_link(href):
            continue
        target = cf_email_target(href)
        if target is None:
            # "/cdn-cgi/l/email-protection" alone (the address is in a __cf_email__ element inside).
            inner = " ".join("".join(a.itertext()).split())
            target = _mailto(inner) if "@" in inner else None
        if target is None:
            del a.attrib["href"]
        else:
            a.set("href", target)


def page_base(root: object, url: str) -> str:
    """The URL relative links resolve against: the page's own ``<base href>`` if any, else `url`.

    `url` is the address the page was finally served from (after redirects); query and fragment never
    reach a link target, so a redirect that adds a session parameter changes nothing.
    """
    for el in root.iterfind(".//base[@href]"):  # type: ignore[attr-defined]
        href = "".join((el.get("href") or "").split())
        try:
            joined = urljoin(url, href) if href else ""
        except ValueError:
            joined = ""
        if urlsplit(joined).scheme.lower() in ("http", "https"):
            return joined
        break  # only the first <base href> counts, as in browsers
    return url
