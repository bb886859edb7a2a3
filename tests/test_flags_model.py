"""The CLAUDETTE category model: its features, its JSON format, and how the newer corpus is scored."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from tosdiff.flags import flag_sentence_categories
from tosdiff.flags.classifier import default_model, gated, is_heading, load_model
from tosdiff.flags.text import features, split_sentences

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import claudette  # noqa: E402


def test_features_words_and_bigrams_only_by_default():
    assert features("We may terminate.") == ["we", "may", "terminate", "we may", "may terminate"]


def test_features_with_character_ngrams():
    feats = features("Arbitration", chars=4)
    assert feats[0] == "arbitration"
    grams = [f for f in feats if f.startswith("#")]
    # " arbitration " has 13 characters: 10 four-grams, the first and last with the word boundary.
    assert grams[0] == "# arb" and grams[-1] == "#ion " and len(grams) == 10


def _write_model(path: Path, chars: int) -> None:
    model = {
        "features": ["arbitration", "#arbi", "court"],
        "idf": [2.0, 1.5, 1.0],
        "categories": ["arbitration", "jurisdiction"],
        "weights": {"arbitration": {"0": 1.0, "1": 0.5}, "jurisdiction": {"2": 2.0}},
        "bias": {"arbitration": -0.25, "jurisdiction": -1.0},
        "threshold": {"arbitration": 0.25, "jurisdiction": 0.0},
        "chars": chars,
    }
    path.write_text(json.dumps(model), encoding="utf-8")


def test_model_scores_are_the_tfidf_svm_decision(tmp_path):
    path = tmp_path / "model.json"
    _write_model(path, chars=4)
    model = load_model(path)
    # "arbitration arbitration": tf 2 (sublinear 1 + ln 2) for the word and for "#arbi" (once per word).
    tf = 1.0 + math.log(2)
    vec = {"arbitration": 2.0 * tf, "#arbi": 1.5 * tf}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    want = (vec["arbitration"] * 1.0 + vec["#arbi"] * 0.5) / norm - 0.25 - 0.25
    got = model.scores("Arbitration arbitration")
    assert math.isclose(got["arbitration"], want, rel_tol=1e-9)
    assert math.isclose(got["jurisdiction"], -1.0, rel_tol=1e-9)
    assert model.predict("Arbitration arbitration") == ["arbitration"]


def test_model_without_character_ngrams_ignores_them(tmp_path):
    path = tmp_path / "model.json"
    _write_model(path, chars=0)
    model = load_model(path)
    # Only the word feature is produced, so the vector is that one feature, normalised to 1.
    assert math.isclose(model.scores("Arbitration arbitration")["arbitration"], 1.0 - 0.5, rel_tol=1e-9)


def test_shipped_model_finds_clear_clauses():
    model = default_model()
    assert model is not None
    assert "arbitration" in model.predict(
        "Any dispute arising out of these Terms will be resolved by final and binding arbitration."
    )
    assert "choice-of-law" in model.predict(
        "These Terms are governed by the laws of the State of California."
    )
    assert model.predict("Our office is open from nine to five.") == []


# Real-style sentences: (text, category the model must flag or must not flag).
GATED_OUT = [
    ("Limitation of Liability", "liability"),
    ("LIMITATION OF LIABILITY", "liability"),
    ("Governing Law", "choice-of-law"),
    ("Binding Arbitration Agreement.", "arbitration"),
    ("Notice for Termination or Suspension", "termination"),
    ("When could you suspend or close my account?", "termination"),
    (
        "\u201cLiability\u201d means liability in or for any cause of action whatsoever, including tort.",
        "liability",
    ),
    ("You will be solely liable for any damage resulting from a User Submission.", "liability"),
    ("You are liable for any content uploaded or shared by you.", "liability"),
    ("You may remove your Content from the Service at any time.", "content-removal"),
    (
        "11.1 You may terminate your relationship with Acme at any time by closing your account.",
        "termination",
    ),
    (
        "If at any time you wish to terminate your Account, you can contact our customer service.",
        "termination",
    ),
    ("(d) You may cancel a subscription at any time by following the process described here.", "termination"),
]
KEPT = [
    ("We are not liable for any indirect or consequential damages.", "liability"),
    ("You agree that we are not liable for any loss of data.", "liability"),
    ("We may remove your content at any time without notice.", "content-removal"),
    ("We may terminate your account at any time for any reason.", "termination"),
    ("If you are a consumer, you may cancel and we may terminate your account at any time.", "termination"),
    ("These Terms are governed by the laws of the State of California.", "choice-of-law"),
    ("Any dispute will be resolved by binding arbitration.", "arbitration"),
]


def test_gates_keep_headings_questions_definitions_and_user_side_clauses_unflagged():
    model = default_model()
    assert model is not None
    for text, cat in GATED_OUT:
        assert gated(text), text
        assert cat not in model.predict(text), text
        assert cat not in flag_sentence_categories(text), text


def test_gates_leave_the_providers_clauses_flagged():
    model = default_model()
    assert model is not None
    for text, cat in KEPT:
        assert cat not in gated(text) and "*" not in gated(text), text
        assert cat in model.predict(text), text


def test_heading_needs_few_words_and_no_verb():
    assert is_heading("Our liability.")
    assert not is_heading("We may change these Terms.")  # short, but a clause
    assert not is_heading(
        "Limitation of liability for indirect damages, lost profits, lost data and other losses"
    )


def test_gates_apply_only_to_models_that_ask_for_them(tmp_path):
    path = tmp_path / "model.json"
    _write_model(path, chars=0)
    assert load_model(path).predict("Arbitration") == ["arbitration"]  # a heading, but no "gates" key
    data = json.loads(path.read_text(encoding="utf-8"))
    data["gates"] = 1
    path.write_text(json.dumps(data), encoding="utf-8")
    gated_model = load_model(path)
    assert gated_model.predict("Arbitration") == []
    assert gated_model.predict("Arbitration applies to any dispute between us.") == ["arbitration"]


TAGGED = (
    "Sanctions\n"
    "<ter2>We may apply these sanctions: 1. A warning, 2. A ban of your Account.</ter2> "
    "You can contact us.\n"
    "<ch2><ltd2>We may change the Services. We are not liable for any change.</ltd2></ch2>\n"
    "<law1>The law of your country applies.</law1> <pinc2>We use your data. See our policy.</pinc2>\n"
)


def test_a_tag_over_several_sentences_is_one_unit():
    units = claudette.document_units("Acme", TAGGED, split_sentences)
    texts = [u.text for u in units]
    assert texts[0] == "Sanctions"
    ter = [u for u in units if u.degrees["termination"]]
    assert len(ter) == 1 and len(ter[0].sentences) == 3  # split after "sanctions: 1." and "warning, 2."
    assert ter[0].text.startswith("We may apply") and ter[0].text.endswith("Account.")
    assert "You can contact us." in texts  # the untagged sentence after it is its own unit


def test_nested_tags_make_one_unit_with_both_categories():
    units = claudette.document_units("Acme", TAGGED, split_sentences)
    both = [u for u in units if u.degrees["liability"]]
    assert len(both) == 1
    assert both[0].degrees["unilateral-change"] == 2 and both[0].degrees["liability"] == 2
    assert len(both[0].sentences) == 2


def test_fair_and_other_tags_delimit_units_but_are_not_unfair():
    units = claudette.document_units("Acme", TAGGED, split_sentences)
    law = [u for u in units if u.degrees["choice-of-law"]]
    assert len(law) == 1 and law[0].degrees["choice-of-law"] == 1  # fair: counted as not unfair
    pinc = [u for u in units if u.text.startswith("We use your data")]
    assert len(pinc) == 1 and len(pinc[0].sentences) == 2
    assert not any(pinc[0].degrees.values())
    # Every tag, fair or outside the eight, marks its unit as tagged (the tagged-clauses-only scoring);
    # headings and untagged sentences are not.
    assert pinc[0].tagged and law[0].tagged
    assert not any(u.tagged for u in units if u.text in ("Sanctions", "You can contact us."))


def test_newer_corpus_units_cover_every_tag():
    folder = claudette.DATA_2020
    if not folder.exists():
        import pytest

        pytest.skip(f"shared data not available: {folder}")
    train, held = claudette.split_2020()
    assert not set(train) & set(held)
    units = claudette.load_2020_units(held, split_sentences)
    tags = sum(
        (folder / f"{c}.xml").read_text(encoding="utf-8").count("<ltd2>")
        + (folder / f"{c}.xml").read_text(encoding="utf-8").count("<ltd3>")
        for c in held
    )
    # Every unfair liability tag of the held-out companies is one unit (no tag split or lost).
    assert sum(1 for u in units if u.degrees["liability"] >= 2) == tags
