"""extract() on real terms pages (../shared/data): real changes seen, page noise never seen.

The page checks also run on trimmed copies in tests/fixtures ("trimmed"), so a fresh clone runs them; the
whole pages ("shared") and the 60-step replays are skipped when ../shared/data is absent.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import SOURCES, data_file, shared_data
from tosdiff.extract import extract

HTML = "text/html; charset=utf-8"
DOCS = {
    "cursor-terms": ("https://www.cursor.com/terms-of-service", (".page",)),
    "bardeen-terms": ("https://www.bardeen.ai/terms-of-service", (".content-container",)),
}
MODES = ["select", "no-select"]


def _texts(doc: str, mode: str, source: str = "shared") -> dict[str, str]:
    url, select = DOCS[doc]
    sel = select if mode == "select" else ()
    return {
        v: extract(data_file(source, "pages", doc, f"{v}.html").read_bytes(), HTML, url=url, select=sel)
        for v in ("v1", "v2-changed", "v3-noise-only")
    }


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("doc", sorted(DOCS))
def test_real_change_seen_noise_not(doc: str, mode: str, source: str) -> None:
    t = _texts(doc, mode, source)
    assert t["v1"] != t["v2-changed"]
    assert t["v2-changed"] == t["v3-noise-only"]


@pytest.mark.parametrize("source", SOURCES)
def test_cursor_change_is_only_the_link_target_of_4_5(source: str) -> None:
    for mode in MODES:
        t = _texts("cursor-terms", mode, source)
        old, new = t["v1"].split("\n"), t["v2-changed"].split("\n")
        diff = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
        assert len(diff) == 1
        a, b = diff[0]
        assert a.startswith("4.5. Add-On and Usage-Based Features.") and b.startswith("4.5.")
        assert "[here](https://docs.cursor.com/models)" in a and "[here](https://cursor.com/docs/models)" in b
        assert a.replace("docs.cursor.com/models", "cursor.com/docs/models") == b


@pytest.mark.parametrize("source", SOURCES)
def test_bardeen_change_is_one_list_item_removed(source: str) -> None:
    for mode in MODES:
        t = _texts("bardeen-terms", mode, source)
        assert "Send any unsolicited or unauthorized advertising" in t["v1"]
        assert "Send any unsolicited or unauthorized advertising" not in t["v2-changed"]
        # The next item moved up one number, as the browser would show it.
        assert "\n8. Use any meta tags" in t["v1"] and "\n7. Use any meta tags" in t["v2-changed"]


@pytest.mark.parametrize("source", SOURCES)
def test_select_and_no_select_agree_on_the_terms(source: str) -> None:
    for doc in DOCS:
        assert _texts(doc, "select", source)["v1"] == _texts(doc, "no-select", source)["v1"]


# The replays that do not flap (Midjourney's guidelines alternate between two texts). Speechify's page
# re-keys Cloudflare's hidden e-mail addresses in every response; the Scribe pages are Cloudflare's too.
REPLAYS = {
    **{doc: url for doc, (url, _) in DOCS.items()},
    "speechify-terms": "https://speechify.com/terms/",
    "scribe-terms": "https://scribehow.com/page/terms-of-service",
    "scribe-trackers": "https://scribehow.com/page/cookie-policy",
}


@pytest.mark.parametrize("doc", sorted(REPLAYS))
def test_replay_direct_no_false_no_missed(doc: str) -> None:
    """All 60 steps: successive texts differ exactly where truth.json says the terms changed."""
    folder = shared_data("replay", doc)
    truth = json.loads((folder / "truth.json").read_text())
    url = REPLAYS[doc]
    for select in (tuple(truth["select"]), ()):
        prev = None
        reported, expected = [], []
        for step in truth["steps"]:
            k = step["step"]
            text = extract(
                (folder / f"{k:03d}.html").read_bytes(), HTML, url=url, select=select, remove=truth["remove"]
            )
            if prev is not None:
                if text != prev:
                    reported.append(k)
                if step["changed"]:
                    expected.append(k)
            prev = text
        assert reported == expected, f"{doc} select={select}"
