"""A declarative shadow root (<template shadowrootmode="open">) is what the browser shows for its web
component: terms rendered there are the page's text, while an ordinary <template> stays unrendered.
Such a page used to be refused as having almost no text."""

from __future__ import annotations

from tosdiff.extract import extract

TERMS = (
    "<h1>Terms of Service</h1>"
    "<h2>1. Your Content</h2><p>You grant us a worldwide, royalty-free licence to host and display your "
    "content to run the service.</p>"
    "<h2>2. Training</h2><p>We will not use your content to train artificial intelligence models without "
    "your consent.</p>"
    "<h2>3. Termination</h2><p>You may close your account at any time by writing to us at the address "
    "below, and we will delete your content within thirty days.</p>"
)


def page(mode_attr: str) -> bytes:
    """A page whose terms live in a web component's template, with an unrendered row template beside."""
    return (
        "<html><head><title>Terms</title></head><body><nav>Home</nav>"
        f"<terms-page><template {mode_attr}><article>{TERMS}<slot></slot></article></template></terms-page>"
        "<template id='row'><p>Unrendered template text that must stay out of the terms.</p></template>"
        "<footer>Footer</footer></body></html>"
    ).encode()


def test_terms_in_a_declarative_shadow_root_are_read() -> None:
    """Both spellings (shadowrootmode, and the older shadowroot) are read; other templates are not."""
    for attr in ('shadowrootmode="open"', 'shadowroot="open"', 'shadowrootmode="closed"'):
        text = extract(page(attr), "text/html")
        assert "We will not use your content to train artificial intelligence models" in text, attr
        assert "## 2. Training" in text
        assert "Unrendered template text" not in text


def test_an_ordinary_template_still_holds_no_terms() -> None:
    """The same terms inside a plain <template> (content for a script to clone) are not the page's text."""
    text_or_error = None
    try:
        text_or_error = extract(page('id="terms"'), "text/html")
    except Exception as e:  # noqa: BLE001 - a refusal is the expected outcome here
        text_or_error = str(e)
    assert "train artificial intelligence" not in text_or_error
