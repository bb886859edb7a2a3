"""extract() on real terms pages (../shared/data): real changes seen, page noise never seen.

Skipped when the shared data folder is absent (a fresh clone).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import SHARED_DATA, shared_data
from tosdiff.extract import extract

PAGES = SHARED_DATA / "pages"
REPLAY = SHARED_DATA / "replay"
HTML = "text/html; charset=utf-8"
DOCS = {
    "cursor-terms": ("https://www.cursor.com/terms-of-service", (".page",)),
    "bardeen-terms": ("https://www.bardeen.ai/terms-of-service", (".content-container",)),
}
MODES = ["select", "no-select"]


def _texts(doc: str, mode: str) -> dict[str, str]:
    url, select = DOCS[doc]
    sel = select if mode == "select" else ()
    return {
        v: extract((PAGES / doc / f"{v}.html").read_bytes(), HTML, url=url, select=sel)
        for v in ("v1", "v2-changed", "v3-noise-only")
    }


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("doc", sorted(DOCS))
def test_real_change_seen_noise_not(doc: str, mode: str) -> None:
    shared_data("pages", doc)
    t = _texts(doc, mode)
    assert t["v1"] != t["v2-changed"]
    assert t["v2-changed"] == t["v3-noise-only"]


def test_cursor_change_is_only_the_link_target_of_4_5() -> None:
    shared_data("pages", "cursor-terms")
    for mode in MODES:
        t = _texts("cursor-terms", mode)
        old, new = t["v1"].split("\n"), t["v2-changed"].split("\n")
        diff = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
        assert len(diff) == 1
        a, b = diff[0]
        assert a.startswith("4.5. Add-On and Usage-Based Features.") and b.startswith("4.5.")
        assert "[here](https://docs.cursor.com/models)" in a and "[here](https://cursor.com/docs/models)" in b
        assert a.replace("docs.cursor.com/models", "cursor.com/docs/models") == b


def test_bardeen_change_is_one_list_item_removed() -> None:
    shared_data("pages", "bardeen-terms")
    for mode in MODES:
        t = _texts("bardeen-terms", mode)
        assert "Send any unsolicited or unauthorized advertising" in t["v1"]
        assert "Send any unsolicited or unauthorized advertising" not in t["v2-changed"]
        # The next item moved up one number, as the browser would show it.
        assert "\n8. Use any meta tags" in t["v1"] and "\n7. Use any meta tags" in t["v2-changed"]


def test_select_and_no_select_agree_on_the_terms() -> None:
    shared_data("pages")
    for doc in DOCS:
        if (PAGES / doc).is_dir():
            assert _texts(doc, "select")["v1"] == _texts(doc, "no-select")["v1"]


@pytest.mark.parametrize("doc", sorted(DOCS))
def test_replay_direct_no_false_no_missed(doc: str) -> None:
    """All 60 steps: successive texts differ exactly where truth.json says the terms changed."""
    folder = shared_data("replay", doc)
    truth = json.loads((folder / "truth.json").read_text())
    url = DOCS[doc][0]
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
