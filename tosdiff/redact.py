"""The one place that hides credentials carried in URLs before a URL is stored or shown.

A configured URL may hold a secret: `https://user:pw@host/...` (basic auth) or a query parameter such
as `?token=...`. The fetch uses the URL as configured; everything that keeps or prints a URL (the
database, `list`, `status`, the report, exports, alerts, error messages) passes it through here.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

MASK = "***"
# Query parameter names that carry secrets: matched against the lower-case name with "-" read as "_".
_SECRET_PARAM = re.compile(
    r"(^|_)(token|access_token|id_token|auth|authorization|apikey|api_key|key|secret|client_secret|"
    r"password|passwd|pass|pwd|sig|signature|session|sessionid|sid|credential|credentials|code)$"
    r"|token|secret|passw|apikey|api_key|signature|credential"
)
# A URL inside free text (an error message): scheme, then everything up to white space or a quote.
_URL_IN_TEXT = re.compile(r"""\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>"'`]+""")
# A query parameter inside free text, after the ? or & that starts it.
_PARAM_IN_TEXT = re.compile(r"""([?&;])([\w.~-]+)=(?!\*\*\*)[^\s&;#<>"'`)]*""")


def is_secret_param(name: str) -> bool:
    """True for a query parameter whose value is likely a credential (token, key, signature, ...)."""
    return bool(_SECRET_PARAM.search(name.strip().lower().replace("-", "_")))


def redact_url(url: str) -> str:
    """The URL with its user name, password and secret-looking query values replaced by ***."""
    if not url or ("@" not in url and "=" not in url):
        return url  # the common case, and nothing to hide
    try:
        parts = urlsplit(url)
    except ValueError:
        return _redact_loose(url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = MASK + "@" + netloc.rpartition("@")[2]
    query = _redact_query(parts.query)
    fragment = _redact_query(parts.fragment) if "=" in parts.fragment else parts.fragment
    return urlunsplit((parts.scheme, netloc, parts.path, query, fragment))


def without_credentials(url: str) -> str:
    """The URL with no user name or password at all and secret query values masked: a page's own URL
    as kept with its snapshot and used to resolve its relative links (so no text ever holds them)."""
    masked = redact_url(url)
    return masked.replace(f"://{MASK}@", "://", 1) if f"://{MASK}@" in masked else masked


def redact_text(text: str) -> str:
    """Free text (an error message) with every URL in it redacted."""
    if not text or ("://" not in text and "=" not in text):
        return text
    text = _URL_IN_TEXT.sub(lambda m: redact_url(m.group(0)), text)
    # A path and query without a scheme (urllib3's "Max retries exceeded with url: /t?token=..."").
    return _PARAM_IN_TEXT.sub(
        lambda m: f"{m.group(1)}{m.group(2)}={MASK}" if is_secret_param(m.group(2)) else m.group(0), text
    )


def _redact_query(query: str) -> str:
    """Keep the query's layout (order, separators, encoding) and mask only the secret values."""
    if not query:
        return query
    out = []
    for pair in re.split(r"([&;])", query):
        name, eq, _value = pair.partition("=")
        out.append(f"{name}={MASK}" if eq and is_secret_param(name) else pair)
    return "".join(out)


def _redact_loose(url: str) -> str:
    """A URL urlsplit refuses (a bad port, a broken IPv6 literal): mask anything before an @."""
    return re.sub(r"(://)[^/?#]*@", r"\1" + MASK + "@", url)
