"""The one set of config validators: converters, the table checker, durations and the name rule.

Every converter takes `(value, where)` and returns the converted value or raises ConfigError as
"<where>: <problem>", where `where` is "<file>: <path.to.key>". The config file, the [[alerts]]
notifiers and the [[rules]] all validate through here, so every error reads the same way.
Only the standard library, cssselect (to compile CSS selectors exactly as the extractor will) and
tosdiff.errors are imported: anything may depend on this module.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from cssselect import ExpressionError, HTMLTranslator, SelectorError

from tosdiff.errors import ConfigError

Converter = Callable[[Any, str], Any]

# Documents, notifiers and flag-report files share this rule; 100 characters so that every
# document name accepted before the rule was shared still loads. Anchored with \A and \Z: "$" also
# matches before a trailing newline, so "evil\n" passed `NAME_RE.match`.
NAME_RE = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,99}\Z")
ENV_NAME_RE = re.compile(r"\A[A-Za-z_][A-Za-z0-9_]*\Z")
DURATION_RE = re.compile(r"\A\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*\Z")
# The static report's own files sit beside the document folders (`<report>/<name>/`): a document
# named like one of them would overwrite it. Compared case-insensitively (macOS, Windows).
RESERVED_NAMES = frozenset({"index.html", "style.css", "feed.atom"})
DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def invalid(where: str, problem: str) -> ConfigError:
    """The ConfigError for one bad value: "<where>: <problem>"."""
    return ConfigError(f"{where}: {problem}")


def check_table(
    raw: Any, where: str, keys: Mapping[str, Converter], required: Iterable[str] = ()
) -> dict[str, Any]:
    """Check a TOML table against `keys` (name -> converter) and `required`; return converted values."""
    # Unknown keys first (a typo is the likeliest mistake), listing the allowed ones; then missing ones.
    if not isinstance(raw, dict):
        raise invalid(where, "expected a table")
    for key in raw:
        if key not in keys:
            raise invalid(f"{where}.{key}", f"unknown key (allowed: {', '.join(sorted(keys))})")
    for key in required:
        if key not in raw:
            raise invalid(f"{where}.{key}", "required key is missing")
    return {k: keys[k](v, f"{where}.{k}") for k, v in raw.items()}


def as_str(v: Any, where: str) -> str:
    """A string, as is."""
    if not isinstance(v, str):
        raise invalid(where, f"expected a string, got {type(v).__name__}")
    return v


def nonempty_str(v: Any, where: str) -> str:
    """A string with something besides whitespace in it (returned as is)."""
    s = as_str(v, where)
    if not s.strip():
        raise invalid(where, "must not be empty")
    return s


def single_line(v: Any, where: str) -> str:
    """A non-empty string without line breaks or NUL, stripped (safe in mail and HTTP headers)."""
    s = nonempty_str(v, where)
    if any(c in s for c in "\r\n\x00"):
        raise invalid(where, "must not contain line breaks")
    return s.strip()


def as_bool(v: Any, where: str) -> bool:
    """true or false (TOML booleans only: "yes" is an error, not a truthy string)."""
    if not isinstance(v, bool):
        raise invalid(where, f"expected true or false, got {v!r}")
    return v


def positive_number(v: Any, where: str) -> float:
    """A number > 0, as float."""
    if isinstance(v, bool) or not isinstance(v, int | float) or v <= 0:
        raise invalid(where, f"expected a positive number, got {v!r}")
    return float(v)


def nonneg_number(v: Any, where: str) -> float:
    """A number >= 0, as float."""
    if isinstance(v, bool) or not isinstance(v, int | float) or v < 0:
        raise invalid(where, f"expected a number >= 0, got {v!r}")
    return float(v)


def positive_int(v: Any, where: str) -> int:
    """A whole number > 0."""
    if isinstance(v, bool) or not isinstance(v, int) or v <= 0:
        raise invalid(where, f"expected a positive whole number, got {v!r}")
    return v


def nonneg_int(v: Any, where: str) -> int:
    """A whole number >= 0."""
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise invalid(where, f"expected a whole number >= 0, got {v!r}")
    return v


def share(v: Any, where: str) -> float:
    """A number between 0 and 1 inclusive, as float."""
    if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 1:
        raise invalid(where, f"expected a share between 0 and 1, got {v!r}")
    return float(v)


def port(v: Any, where: str) -> int:
    """A TCP port number, 1-65535."""
    if isinstance(v, bool) or not isinstance(v, int) or not 0 < v < 65536:
        raise invalid(where, f"expected a port number (1-65535), got {v!r}")
    return v


def as_str_list(v: Any, where: str) -> tuple[str, ...]:
    """A list of non-empty strings (a single string counts as a list of one)."""
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list):
        raise invalid(where, "expected a list of strings")
    return tuple(nonempty_str(x, f"{where}[{i}]") for i, x in enumerate(v))


def regex_list(v: Any, where: str) -> tuple[str, ...]:
    """A list of strings that all compile as regular expressions (kept as strings)."""
    items = as_str_list(v, where)
    for i, pattern in enumerate(items):
        try:
            re.compile(pattern)
        except re.error as e:
            raise invalid(f"{where}[{i}]", f"bad regular expression {pattern!r}: {e}") from None
    return items


def css_selector_list(v: Any, where: str) -> tuple[str, ...]:
    """A list of CSS selectors that all compile (kept as strings), checked at load, not at check time."""
    items = as_str_list(v, where)
    translator = HTMLTranslator()  # the translator the extractor compiles with (lxml's "html")
    for i, selector in enumerate(items):
        try:
            translator.css_to_xpath(selector)
        except (SelectorError, ExpressionError) as e:
            raise invalid(f"{where}[{i}]", f"bad CSS selector {selector!r}: {e}") from None
    return items


def http_url(v: Any, where: str) -> str:
    """An http:// or https:// URL with a host, stripped."""
    s = nonempty_str(v, where).strip()
    if not re.match(r"^https?://[^\s/]+", s):
        raise invalid(where, f"{s!r} is not an http(s) URL")
    return s


def _has_control(s: str) -> bool:
    """Whether `s` holds a control or format character (newline, escape, bidi override, ...)."""
    return any(unicodedata.category(c) in ("Cc", "Cf") for c in s)


def name_problem(name: str) -> str | None:
    """Why `name` cannot name a document, notifier or report file (None when it can)."""
    if _has_control(name):
        return f"{name!r} contains a control character"
    if not NAME_RE.fullmatch(name):
        return f"{name!r} is not a valid name (letters, digits, '.', '_', '-'; no spaces; at most 100)"
    if name.lower() in RESERVED_NAMES:
        return f"{name!r} is the name of one of the report's own files ({', '.join(sorted(RESERVED_NAMES))})"
    return None


def valid_name(v: Any, where: str) -> str:
    """A name for a document or notifier per `name_problem` (also usable as a file name), stripped."""
    s = nonempty_str(v, where)
    # Control characters are refused before stripping: "evil\n" is an error, not "evil".
    problem = name_problem(s if _has_control(s) else s.strip())
    if problem:
        raise invalid(where, problem)
    return s.strip()


def env_name(v: Any, where: str) -> str:
    """The NAME of an environment variable (secrets are only ever read from the environment)."""
    s = single_line(v, where)
    if not ENV_NAME_RE.match(s):
        raise invalid(where, "expected the NAME of an environment variable (like TOSDIFF_SECRET)")
    return s


def email_address(v: Any, where: str) -> str:
    """Something that looks like one email address (an @, no spaces)."""
    s = single_line(v, where)
    if "@" not in s or any(c.isspace() for c in s):
        raise invalid(where, f"{s!r} is not an email address")
    return s


def one_of(*choices: str) -> Converter:
    """A converter accepting exactly one of `choices`."""
    quoted = [f'"{c}"' for c in choices]
    expected = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"

    def convert(v: Any, where: str) -> str:
        if not isinstance(v, str) or v not in choices:
            raise invalid(where, f"expected {expected}, got {v!r}")
        return v

    return convert


def list_of(item: Converter) -> Converter:
    """A converter for a list of strings (or one string) each checked by `item`."""

    def convert(v: Any, where: str) -> tuple[Any, ...]:
        return tuple(item(x, f"{where}[{i}]") for i, x in enumerate(as_str_list(v, where)))

    return convert


def parse_duration(value: Any, where: str, *, allow_zero: bool = False) -> float:
    """'90s', '30m', '6h', '1.5d', '2w' or a number of seconds -> seconds; ConfigError naming `where`.

    Zero is refused unless `allow_zero` (a schedule `every` of "0m" has always loaded).
    """
    if isinstance(value, bool):
        raise invalid(where, f"expected a duration like '30m', '6h' or '1d', got {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str):
        m = DURATION_RE.match(value)
        if not m:
            raise invalid(where, f"{value!r} is not a duration like '30m', '6h' or '1d'")
        seconds = float(m.group(1)) * DURATION_UNITS[m.group(2)]
    else:
        raise invalid(where, f"expected a duration like '30m', '6h' or '1d', got {type(value).__name__}")
    if seconds < 0 or (seconds == 0 and not allow_zero):
        raise invalid(where, f"duration must be positive, got {value!r}")
    return seconds


def duration(v: Any, where: str) -> float:
    """A positive duration (see parse_duration), in seconds."""
    return parse_duration(v, where)
