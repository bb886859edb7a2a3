"""Walls judged by dominance: a page that is a wall is refused, a short policy that mentions one is not."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from tosdiff.errors import BLOCKED, ExtractError
from tosdiff.extract import blocked_reason, extract

EXTRACT = FIXTURES / "extract"
HTML = "text/html; charset=utf-8"
SELECTS = pytest.mark.parametrize("select", [(), ("main, .content",)], ids=["no-select", "select"])


@SELECTS
@pytest.mark.parametrize("name", ["short-policy-captcha.html", "short-policy-javascript.html"])
def test_short_policy_mentioning_captcha_or_javascript_is_a_real_page(
    name: str, select: tuple[str, ...]
) -> None:
    body = (EXTRACT / name).read_bytes()
    assert len(body) < 2048  # short pages are where the old rule refused any wall phrase
    out = extract(body, HTML, select=select)
    assert out.startswith("# ")
    assert "captcha" in out or "JavaScript is required" in out


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("challenge-cloudflare.html", "challenge"),
        ("challenge-datadome.html", "challenge"),
        ("challenge-access-denied.html", "Access Denied"),
        ("login.html", "login page"),
    ],
)
def test_real_walls_are_still_refused(name: str, why: str) -> None:
    body = (EXTRACT / name).read_bytes()
    for select in ((), ("body",)):
        with pytest.raises(ExtractError) as exc:
            extract(body, HTML, select=select)
        assert exc.value.error_class == BLOCKED
        assert why in str(exc.value)


def test_title_wall_needs_the_phrase_to_be_the_title() -> None:
    text = "\n".join(
        f"{n}. These Terms govern your use of the hCaptcha service, clause {n}." for n in range(20)
    )
    assert blocked_reason("hCaptcha Terms of Service", text) is None
    assert blocked_reason("Access Denied Policy", text) is None
    assert blocked_reason("Access denied | Example", text) is not None
    assert blocked_reason("Just a moment...", "") is not None


def test_wall_phrase_must_dominate_the_text() -> None:
    wall = (
        "Please enable JavaScript and cookies to continue.\nChecking your browser before accessing the site."
    )
    assert blocked_reason("Example", wall) is not None
    policy = "\n".join(
        [
            "Cookies. We may use cookies, captchas and similar tools to protect accounts.",
            *(
                f"{n}. You agree that we shall not be liable for indirect losses of kind {n}."
                for n in range(12)
            ),
        ]
    )
    assert len(policy) < 2048
    assert blocked_reason("Privacy Policy", policy) is None


def test_password_field_in_a_site_header_does_not_make_a_policy_a_login_page() -> None:
    policy = (EXTRACT / "short-policy-captcha.html").read_text()
    header_login = "<header><form><input name='u'><input type='password' name='p'><button>Go</button></form>"
    out = extract(policy.replace("<header>", header_login, 1).encode(), HTML)
    assert "2. Cookies and security" in out


def test_provider_markers_and_widgets() -> None:
    text = "Please wait while we check your request."
    assert "captcha-delivery.com" in (
        blocked_reason("", text, "<script src='//ct.captcha-delivery.com/c.js'>") or ""
    )
    # A reCAPTCHA widget is a wall only on a page that has next to nothing else to show.
    assert blocked_reason("", text, "<div class='g-recaptcha'></div>") is not None
    policy = (EXTRACT / "short-policy-captcha.html").read_text()
    assert blocked_reason("Privacy Policy", "x " * 400, policy) is None


# Bot-management scripts injected into ordinary pages by Cloudflare, Imperva and AWS WAF, as found on
# real sites: a short policy served through them is still the policy.
INJECTED = [
    "<script src='/cdn-cgi/challenge-platform/h/b/scripts/jsd/3e1f0c2a9b/main.js'></script>",
    "<script src='/cdn-cgi/challenge-platform/scripts/jsd/main.js'></script>",
    "<script src='/_Incapsula_Resource?SWJIYLWA=719d34d31c8e3a6e6fffd425f7e032f3'></script>",
    "<script src='https://abc123.edge.sdk.awswaf.com/abc123/def456/challenge.js' defer></script>",
]


@SELECTS
@pytest.mark.parametrize("script", INJECTED, ids=["cf-jsd-h", "cf-jsd", "incapsula", "awswaf"])
def test_a_short_policy_behind_bot_management_scripts_is_a_real_page(
    script: str, select: tuple[str, ...]
) -> None:
    policy = (EXTRACT / "short-policy-captcha.html").read_text()
    body = policy.replace("</head>", script + "</head>", 1)
    assert script in body
    out = extract(body.encode(), HTML, select=select)
    assert out.startswith("# ")


@pytest.mark.parametrize("script", INJECTED, ids=["cf-jsd-h", "cf-jsd", "incapsula", "awswaf"])
def test_bot_management_scripts_on_a_page_with_nothing_else_are_a_wall(script: str) -> None:
    reason = blocked_reason("", "One moment, please.", f"<html><head>{script}</head><body></body></html>")
    assert reason is not None and "little text" in reason


def test_cloudflare_challenge_orchestration_marks_a_wall() -> None:
    raw = "<script src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=8a1b'></script>"
    text = "Verifying the connection. " * 20  # no wall phrase the text rules know, more than a widget page
    assert "orchestrate" in (blocked_reason("example.com", text, raw) or "")


FOOTER = (
    "<footer><nav><a href='/features'>Features</a> <a href='/pricing'>Pricing</a> <a href='/about'>About"
    "</a> <a href='/careers'>Careers</a> <a href='/terms'>Terms of Service</a> <a href='/privacy'>Privacy"
    " Policy</a> <a href='/cookies'>Cookie settings</a></nav><p>© 2026 Acme Labs, Inc. All rights"
    " reserved. 100 Market Street, San Francisco, CA</p></footer>"
)


@pytest.mark.parametrize(
    "mount",
    [
        '<div id="root"></div>',
        "<div id='__next'>\n</div>",
        "<app-root></app-root>",
        '<div id="app" class="x"></div>',
    ],
)
def test_an_app_shell_whose_terms_javascript_builds_is_refused_with_a_hint(mount: str) -> None:
    page = (
        "<html><head><title>Terms of Service | Acme</title></head><body>"
        "<noscript>You need to enable JavaScript to run this app.</noscript>"
        f"{mount}{FOOTER}<script src='/static/js/main.3f2a.js'></script></body></html>"
    )
    for select in ((), ("body",)):
        with pytest.raises(ExtractError) as exc:
            extract(page.encode(), HTML, select=select)
        assert exc.value.error_class == BLOCKED
        assert 'render = "browser"' in str(exc.value)


def test_a_server_rendered_short_policy_with_an_app_mount_and_noscript_is_a_real_page() -> None:
    policy = (EXTRACT / "short-policy-captcha.html").read_text()
    extra = "<noscript>Please enable JavaScript for the chat widget.</noscript><div id='root'></div>"
    body = policy.replace("</body>", extra + FOOTER + "</body>", 1)
    assert extra in body
    out = extract(body.encode(), HTML)
    assert out.startswith("# ")
    # A filled mount point (server-rendered app) is no shell either.
    filled = f"<noscript>Enable JavaScript.</noscript><div id='root'>{policy}</div>"
    assert extract(filled.encode(), HTML).startswith("# ")


def test_a_short_policy_beside_an_empty_widget_mount_is_a_real_page() -> None:
    rows = "".join(
        f"<tr><td>cookie_{n}</td><td>Strictly necessary</td><td>{n} days</td><td>acme.example</td></tr>"
        for n in range(12)
    )
    page = (
        "<html><head><title>Cookie policy – Acme</title></head><body>"
        "<noscript>Our chat widget needs JavaScript.</noscript><div id='app'></div>"
        "<main><h1>Cookie policy</h1><p>We use two cookies: a session cookie and a CSRF token.</p>"
        f"<table>{rows}</table><p>Contact: privacy@acme.example</p></main>{FOOTER}</body></html>"
    )
    for select in ((), ("main",), ("body",)):
        assert "cookie_11" in extract(page.encode(), HTML, select=select)
