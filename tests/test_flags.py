"""Clause flags: detectors, polarity, change flags and rule config, on real terms wording."""

from __future__ import annotations

import hashlib

import pytest

from tests.conftest import FIXTURES, SHARED_DATA, SOURCES, data_file
from tosdiff.errors import ConfigError
from tosdiff.flags import (
    builtin_rule_names,
    builtin_rules,
    flag_changes,
    flag_section,
    flag_sections,
    parse_rules,
)
from tosdiff.flags.text import split_sentences
from tosdiff.models import Section, SectionChange

ZOOM_PROTECTIVE = (
    "Notwithstanding the above, Zoom will not use audio, video or chat Customer Content to train "
    "our artificial intelligence models without your consent."
)
# Zoom Terms of Service, section 10.4 as rewritten in March 2023.
ZOOM_2023 = (
    "You agree to grant and hereby grant Zoom a perpetual, worldwide, non-exclusive, royalty-free, "
    "sublicensable, and transferable license and all other rights required or necessary to redistribute, "
    "publish, import, access, use, store, transmit, review, disclose, preserve, extract, modify, reproduce, "
    "share, use, display, copy, distribute, translate, transcribe, create derivative works, and process "
    "Customer Content and to perform all acts with respect to the Customer Content, including AI and ML "
    "training and testing, for the purpose of product and service development, marketing, analytics, "
    "quality assurance, machine learning, artificial intelligence, training, testing, improvement of the "
    "Services, Software, or Zoom's other products, services, and software, or any combination thereof."
)
# A narrower licence, as such clauses read before: only to provide the service.
ZOOM_BEFORE = (
    "You grant Zoom a worldwide, non-exclusive, royalty-free license to use Customer Content "
    "solely to provide the Services to you."
)


def section(text: str, sid: str = "10.4") -> Section:
    return Section(
        id=sid,
        number=sid,
        title="Customer Content",
        level=2,
        text=text,
        hash=hashlib.sha1(text.encode()).hexdigest(),
    )


def by_cat(flags, category):
    return [f for f in flags if f.category == category]


def test_zoom_consent_sentence_is_protective_ai_training():
    flags = by_cat(flag_section(section(ZOOM_PROTECTIVE)), "ai-training")
    assert len(flags) == 1
    assert flags[0].polarity == "protective"
    assert flags[0].severity == "low"
    assert flags[0].section == "10.4"
    assert "train" in flags[0].excerpt


def test_zoom_2023_wording_is_permissive_high_ai_training_and_licence():
    flags = flag_section(section(ZOOM_2023))
    ai = by_cat(flags, "ai-training")
    lic = by_cat(flags, "content-licence")
    assert ai and ai[0].polarity == "permissive" and ai[0].severity == "high"
    assert lic and lic[0].severity == "high"
    assert "perpetual" in lic[0].explanation and "sublicensable" in lic[0].explanation
    assert len(ai[0].excerpt) <= 600  # bounded even though the sentence is long


@pytest.mark.parametrize(
    "text",
    [
        "You may not use the Services to train a model.",
        "You may not use Output to develop models that compete with OpenAI.",
        "Customer will not use the Services to train a machine learning model.",
        "You may not:\n\n- use any Output to develop or train artificial intelligence models;",
    ],
)
def test_user_restriction_is_not_provider_training(text):
    assert by_cat(flag_section(section(text)), "ai-training") == []


def test_ai_feature_without_training_not_flagged():
    text = "Zoom offers AI Companion features that can summarize your meetings and draft chat responses."
    assert by_cat(flag_section(section(text)), "ai-training") == []


def test_licence_granted_to_user_is_not_a_content_licence():
    text = (
        "Zoom grants you a limited, non-exclusive, non-transferable, revocable license to use the Services."
    )
    assert by_cat(flag_section(section(text)), "content-licence") == []


def test_data_sharing_polarity():
    sell = flag_section(section("We may sell your personal information to data brokers and advertisers."))
    never = flag_section(section("We do not sell your personal information."))
    assert by_cat(sell, "data-sharing")[0].polarity == "permissive"
    assert by_cat(sell, "data-sharing")[0].severity == "high"
    assert by_cat(never, "data-sharing")[0].polarity == "protective"


def test_claudette_categories_from_model():
    text = (
        "Any dispute arising out of these Terms will be resolved by binding arbitration, and you waive "
        "your right to participate in a class action. These Terms are governed by the laws of the State "
        "of California. We may terminate or suspend your account at any time without notice."
    )
    cats = {f.category for f in flag_section(section(text, "17"))}
    assert {"arbitration", "choice-of-law", "termination"} <= cats
    # The waiver is a category of its own (high); the arbitration it sits beside stays arbitration.
    waiver = by_cat(flag_section(section(text, "17")), "class-action-waiver")
    assert [(f.severity, f.polarity, f.rule) for f in waiver] == [
        ("high", "permissive", "class-action-waiver")
    ]
    arb = by_cat(flag_section(section(text, "17")), "arbitration")
    assert arb and all(f.rule != "class-action-waiver" for f in arb)


def test_a_waiver_alone_is_not_arbitration():
    """CLAUDETTE tags only the clause that imposes arbitration; a waiver alone is its own category."""
    alone = (
        "You and Acme agree that each may bring claims against the other only in an individual capacity and "
        "you waive any right to participate in a class action or a jury trial."
    )
    cats = {f.category: f for f in flag_section(section(alone, "18"))}
    assert "class-action-waiver" in cats and cats["class-action-waiver"].severity == "high"
    assert "arbitration" not in cats
    # Switched off by its rule name, as before.
    rules = parse_rules([], ["class-action-waiver"], "tosdiff.toml")
    assert "class-action-waiver" not in {f.category for f in flag_section(section(alone, "18"), rules)}


def test_flag_sections_keeps_order_and_ids():
    flags = flag_sections(
        [section(ZOOM_PROTECTIVE, "10.4"), section("We do not sell your personal information.", "12")]
    )
    assert [f.section for f in flags] == ["10.4", "12"]


def change(old: str, new: str, kind: str = "modified") -> SectionChange:
    return SectionChange(
        kind=kind,
        old_id="10.4" if old else None,
        new_id="10.4" if new else None,
        title="Customer Content",
        old_text=old,
        new_text=new,
    )


def test_zoom_rewrite_widens_licence_and_introduces_ai_training():
    flags = flag_changes([change(ZOOM_BEFORE, ZOOM_2023)])
    lic = by_cat(flags, "content-licence")
    ai = by_cat(flags, "ai-training")
    assert lic and lic[0].change == "modified" and lic[0].scope == "widened" and lic[0].direction == "worse"
    assert "perpetual" in lic[0].explanation  # says what the clause gained
    assert ai and ai[0].change == "introduced" and ai[0].direction == "worse" and ai[0].severity == "high"


def test_protective_sentence_added_narrows():
    flags = flag_changes([change(ZOOM_2023, ZOOM_2023 + "\n\n" + ZOOM_PROTECTIVE)])
    ai = by_cat(flags, "ai-training")
    assert len(ai) == 1
    assert ai[0].change == "introduced" and ai[0].polarity == "protective" and ai[0].scope == "narrowed"
    assert by_cat(flags, "content-licence") == []  # the unchanged licence sentence is not re-flagged


def test_removed_and_added_sections():
    removed = flag_changes([change(ZOOM_PROTECTIVE, "", kind="removed")])
    added = flag_changes([change("", ZOOM_2023, kind="added")])
    assert by_cat(removed, "ai-training")[0].change == "removed"
    assert by_cat(removed, "ai-training")[0].direction == "worse"  # a protection went away
    assert {f.change for f in added} == {"introduced"}


def test_unchanged_text_gives_no_change_flags():
    assert flag_changes([change(ZOOM_2023, ZOOM_2023, kind="renumbered")]) == []


def test_parse_rules_user_rule_and_disable():
    rules = parse_rules(
        [
            {
                "name": "biometrics",
                "category": "biometrics",
                "severity": "high",
                "patterns": [r"\bface ?prints?\b"],
            }
        ],
        ["ai-training"],
        "tosdiff.toml",
    )
    flags = flag_section(section(ZOOM_2023 + "\n\nWe may collect your faceprint."), rules)
    assert by_cat(flags, "ai-training") == []  # disabled
    bio = by_cat(flags, "biometrics")
    assert bio and bio[0].severity == "high" and bio[0].rule == "biometrics"
    assert "ai-training" in builtin_rule_names() and builtin_rules().enabled("ai-training")


@pytest.mark.parametrize(
    ("tables", "disable", "key"),
    [
        ([{"name": "a", "category": "x", "patterns": ["ok", "(unclosed"]}], [], "rules[0].patterns[1]"),
        (
            [
                {"name": "a", "category": "x", "patterns": ["ok"]},
                {"name": "b", "category": "x", "patterns": ["("]},
            ],
            [],
            "rules[1].patterns[0]",
        ),
        ([{"name": "a", "category": "x", "patterns": ["ok"], "colour": "red"}], [], "rules[0].colour"),
        ([{"name": "a", "category": "x", "patterns": ["ok"], "severity": "severe"}], [], "rules[0].severity"),
        ([], ["no-such-rule"], "disable[0]"),
    ],
)
def test_parse_rules_errors_name_file_and_key(tables, disable, key):
    with pytest.raises(ConfigError) as exc:
        parse_rules(tables, disable, "/etc/tosdiff.toml")
    assert "/etc/tosdiff.toml" in str(exc.value) and key in str(exc.value)


def test_sentence_splitter_keeps_abbreviations():
    sents = split_sentences("See Sec. 10.4 of the U.S. terms, e.g. this one. Then a second sentence.")
    assert sents == ["See Sec. 10.4 of the U.S. terms, e.g. this one.", "Then a second sentence."]


@pytest.mark.parametrize("source", SOURCES)
def test_real_pages_flag_without_error(source: str):
    pages = data_file(source, "pages")
    texts = [p.read_text(encoding="utf-8") for p in sorted(pages.glob("*/v2.md"))]
    flags = flag_sections([section(t, f"doc{i}") for i, t in enumerate(texts)])
    # Real terms of AI tools carry at least a liability clause; every flag is well formed.
    assert any(f.category == "liability" for f in flags)
    assert all(f.excerpt and len(f.excerpt) <= 600 and f.explanation for f in flags)


def _all_sentences_classified(monkeypatch: pytest.MonkeyPatch, changes: list[SectionChange]) -> list:
    """flag_changes with the unchanged-sentence shortcut turned off: the reference."""
    import tosdiff.flags as flags_mod

    with monkeypatch.context() as m:
        m.setattr(flags_mod, "_unchanged_sentences", lambda old, new: frozenset())
        return flag_changes(changes)


def test_classifying_only_changed_sentences_gives_the_same_flags(monkeypatch: pytest.MonkeyPatch) -> None:
    from tosdiff.pipeline import compute_changes

    def modified(old: str, new: str) -> SectionChange:
        return SectionChange("modified", "10.4", "10.4", "Customer Content", old, new)

    changes = [
        # Zoom's fix: the old clause stays, one protective sentence is added.
        modified(ZOOM_2023, ZOOM_2023 + " " + ZOOM_PROTECTIVE),
        # A near-duplicate (other case, a list marker) of an unchanged sentence on the other side.
        modified(
            "1. We may use your content to train our models. You may not resell the service.",
            "1. We may use your content to train our models. (a) WE MAY USE YOUR CONTENT TO TRAIN "
            "OUR MODELS. You may not resell the service.",
        ),
        # A restriction intro that changes the context of an unchanged list item.
        modified(
            "You must not:\n- use the output to train a model.", "We may:\n- use the output to train a model."
        ),
    ]
    # The real pages: their trimmed copies always, the whole pages too when ../shared/data is there.
    for pages in (FIXTURES / "pages", SHARED_DATA / "pages"):
        if pages.exists():
            for d in sorted(pages.iterdir()):
                if (d / "v1.md").exists():
                    old, new = ((d / f).read_text(encoding="utf-8") for f in ("v1.md", "v2.md"))
                    changes.extend(compute_changes(old, new))
    fast = flag_changes(changes)
    assert fast, "the cases above raise flags"
    assert fast == _all_sentences_classified(monkeypatch, changes)
