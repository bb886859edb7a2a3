"""A terms page with per-request noise, shared by the check-cycle tests (not a test module)."""

from __future__ import annotations

CT = "text/html; charset=utf-8"
CLAUSES = "".join(
    f"<li>Clause {i}: the provider may use content you submit under the licence in section {i}, "
    f"subject to the limits of liability set out in these terms.</li>"
    for i in range(1, 15)
)


def terms_page(nonce: str = "n0", clause: str = "", title: str = "Terms", class_noise: bool = True) -> str:
    """A terms page with page furniture and per-request noise (a nonce script and attributes)."""
    css = f" css-{nonce}" if class_noise else ""
    return (
        f"<html><head><title>{title}</title><script>window.__REQ='{nonce}'</script></head>"
        f'<body data-nonce="{nonce}"><nav>Home | Pricing</nav>'
        f'<main class="terms{css}"><h1>Terms of Service</h1><ol>{CLAUSES}</ol>'
        f'<p data-build="{nonce}">{clause}Contact <a href="/legal?utm_source={nonce}">legal</a>.</p>'
        f'<script nonce="{nonce}">track()</script></main><footer>(c) 2025</footer></body></html>'
    )
