"""The selection-hash fast path of extraction: a page is skipped only when its text would be identical."""

from __future__ import annotations

import pytest
from conftest import shared_data
from terms_pages import CT, terms_page

from tosdiff.errors import BLOCKED, ExtractError
from tosdiff.extract import extract, extract_if_changed


@pytest.mark.parametrize("select", [("main",), ()])
def test_fast_path_skips_only_when_the_text_would_be_identical(select: tuple[str, ...]) -> None:
    url = "https://example.com/terms"
    # Without selectors, id/class/role steer find_content, so class churn rightly defeats the hash.
    churn = bool(select)
    first, digest = extract_if_changed(
        terms_page("a", class_noise=churn).encode(), CT, url=url, select=select
    )
    assert first == extract(terms_page("a", class_noise=churn).encode(), CT, url=url, select=select)
    # Per-request noise (nonce in scripts, data-* and class attributes, tracking parameters) only.
    noisy = terms_page("b", class_noise=churn).encode()
    assert extract_if_changed(noisy, CT, url=url, select=select, previous=digest) == (None, digest)
    assert extract(noisy, CT, url=url, select=select) == first
    # Anything the text depends on gives another hash, and a full extraction.
    for body, kw in (
        (terms_page("b", clause="New clause. ").encode(), {}),  # the words
        (noisy, {"url": "https://example.org/terms"}),  # the base URL links resolve against
        (noisy, {"ignore": ("^Contact",)}),  # the options
    ):
        kw = {"url": url, **kw}
        text, other = extract_if_changed(body, CT, select=select, previous=digest, **kw)  # type: ignore[arg-type]
        assert other != digest
        assert text == extract(body, CT, select=select, **kw)  # type: ignore[arg-type]
    # The title: a short text under a challenge title is a wall, whatever the previous text was.
    with pytest.raises(ExtractError) as info:
        extract_if_changed(
            terms_page("b", title="Access denied", class_noise=churn).encode(),
            CT,
            url=url,
            select=select,
            previous=digest,
        )
    assert info.value.error_class == BLOCKED


@pytest.mark.parametrize("doc", ["cursor-terms", "bardeen-terms"])
def test_fast_path_on_real_snapshots_never_hides_a_text_change(doc: str) -> None:
    """Over 60 real consecutive snapshots: equal hashes always mean byte-identical texts."""
    import json

    folder = shared_data("replay", doc)
    select = tuple(json.loads((folder / "truth.json").read_text())["select"])
    for sel in (select, ()):
        seen: dict[str, str] = {}
        for f in sorted(folder.glob("*.html"))[::3]:
            body = f.read_bytes()
            text, digest = extract_if_changed(body, CT, url="https://example.com/t", select=sel)
            assert digest is not None and text is not None
            assert seen.setdefault(digest, text) == text
            assert extract_if_changed(body, CT, url="https://example.com/t", select=sel, previous=digest) == (
                None,
                digest,
            )
        if sel:
            assert len(seen) <= 4  # with selectors, page noise does not change the hash
