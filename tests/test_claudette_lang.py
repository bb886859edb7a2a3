"""CLAUDETTE in German, Italian and Polish: how the corpus is read for training and evaluation (as tosdiff
reads terms), that the shipped models score as they were fitted, and the French labels we wrote."""

from __future__ import annotations

import json
import sys

import pytest

from tests.conftest import ROOT, shared_data
from tosdiff.flags.i18n import lang_hits
from tosdiff.flags.i18n_claudette import keyword_categories
from tosdiff.flags.i18n_model import (
    MODEL_LANGUAGES,
    is_fragment,
    lang_features,
    lang_model,
    lang_word_features,
    model_from_dict,
    model_path,
)
from tosdiff.flags.text import split_sentences

sys.path.insert(0, str(ROOT / "bench"))
import claudette_lang as cl  # noqa: E402

TAGGED = (
    "Allgemeine Bedingungen\n"
    "Wir freuen uns. <use2><pinc2>Durch die Nutzung erklären Sie sich einverstanden.</pinc2></use2> Danke.\n"
    "Wir können folgende Maßnahmen ergreifen: <ter2>\n"
    "9.\n"
    "Vorübergehende Sperrung Ihres Kontos,\n"
    "dauerhafte Sperrung Ihres Kontos.</ter2>\n"
    "<law1>Es gilt das Recht Ihres Wohnsitzstaates.</law1>\n"
    "Wenn Sie nicht zahlen, <ltd2>haften wir nicht</ltd2> für Verluste, siehe <a>hier</a>.\n"
    "<countryM>\nNur für Deutschland.\n</countryM>\n"
)


def test_units_follow_the_run_time_splitter() -> None:
    """Every sentence tosdiff would read is in exactly one unit, in reading order."""
    units = cl.document_units(TAGGED)
    plain, _ = cl.parse_tagged(TAGGED)
    assert [s for u in units for s in u.sentences] == split_sentences(plain)
    assert "<" not in plain  # label tags, <countryM> and the stray HTML <a> leave no markup


def test_clause_over_several_sentences_is_one_unit() -> None:
    """A list tagged as one termination clause is one positive unit, its "9." line included."""
    units = cl.document_units(TAGGED)
    (ter,) = [u for u in units if "termination" in u.labels]
    assert ter.sentences == (
        "9.",
        "Vorübergehende Sperrung Ihres Kontos,",
        "dauerhafte Sperrung Ihres Kontos.",
    )


def test_labels_degree_and_partial_sentences() -> None:
    """Degree 2-3 positive, degree 1 "fair" negative, a sentence holding a short tagged span positive."""
    units = {u.text: u for u in cl.document_units(TAGGED)}
    assert units["Durch die Nutzung erklären Sie sich einverstanden."].labels == {"contract-by-using"}
    law = units["Es gilt das Recht Ihres Wohnsitzstaates."]
    assert law.labels == frozenset() and law.fair == {"choice-of-law"}
    assert units["Wenn Sie nicht zahlen, haften wir nicht für Verluste, siehe hier."].labels == {"liability"}
    assert units["Danke."].labels == frozenset()  # untagged text beside a tag stays negative


def test_folds_are_the_same_in_every_language() -> None:
    """A company is held out in the same fold whatever the language (its texts translate each other)."""
    companies = ["Booking", "Dropbox", "Evernote", "Facebook", "Flo"]
    assert [cl.fold_of(c, companies) for c in companies] == [0, 1, 2, 3, 0]
    assert cl.fold_of("Flo", list(reversed(companies))) == 0


def test_norm_runs_over_features_without_weights() -> None:
    """A vocabulary feature no category weighs still counts in the L2 norm, as when it was fitted."""
    data = {
        "features": ["haftung", "wir"],
        "idf": [2.0, 1.0],
        "categories": ["liability"],
        "weights": {"liability": {"0": 1.5}},
        "bias": {"liability": -0.5},
        "threshold": {"liability": 0.25},
    }
    model = model_from_dict(data)
    # tf-idf (2, 1), L2 norm sqrt(5): 1.5 * 2 / sqrt(5) - 0.5 - 0.25 (the other words are not features)
    assert model.scores("Wir übernehmen dafür keine Haftung.")["liability"] == pytest.approx(
        3 / 5**0.5 - 0.75
    )
    assert model.scores("Dafür gibt es keine Haftung.")["liability"] == pytest.approx(1.5 - 0.75)


def test_old_model_files_keep_their_features() -> None:
    """A file written before the affixes is read with the stem-only features it was fitted on."""
    base = {"features": ["haftung"], "idf": [1.0], "categories": ["liability"]}
    base |= {
        "weights": {"liability": {"0": 1.0}},
        "bias": {"liability": 0.0},
        "threshold": {"liability": 0.0},
    }
    assert model_from_dict(base).featurize is lang_word_features
    assert model_from_dict(base | {"affixes": True}).featurize is lang_features


def test_affixes_join_inflections_and_compound_heads() -> None:
    """Compounds with one head share its suffix; inflections of one word share the five-letter prefix."""
    a, b = set(lang_features("Nutzungsbedingungen")), set(lang_features("Geschäftsbedingungen"))
    assert "$ungen" in a & b
    assert "odpow^" in set(lang_features("odpowiedzialność")) & set(lang_features("odpowiadamy"))
    assert set(lang_word_features("Haftungsbeschränkung")) < set(lang_features("Haftungsbeschränkung"))


@pytest.mark.parametrize(
    ("sentence", "fragment"),
    [
        ("Beschränkte Haftung", True),  # a heading
        ("Unsere Haftung.", True),  # too short to be a clause
        ("Limitazione della responsabilità di Google", True),
        ("9.", True),
        ("Wir haften nicht.", True),
        ("Wir haften nicht für Schäden.", False),  # five words, closed: a clause
        ("Odpowiedzialność za treści publikowane przez innych użytkowników", False),  # seven words
        ("Ograniczenie odpowiedzialności Spółki wobec Użytkownika:", False),  # a lead-in, not a heading
    ],
)
def test_fragments(sentence: str, fragment: bool) -> None:
    """Headings (six words or fewer, unpunctuated) and sentences of four words or fewer are fragments."""
    assert is_fragment(sentence) is fragment


@pytest.mark.parametrize("language", MODEL_LANGUAGES)
def test_models_never_flag_fragments(language: str) -> None:
    """A heading naming a category draws no CLAUDETTE flag; the clause under it still does."""
    heading, clause = {
        "de": (
            "Haftungsbeschränkung und Haftungsausschluss",
            "Wir haften nicht für indirekte Schäden oder entgangenen Gewinn.",
        ),
        "it": (
            "Limitazione di responsabilità",
            "In nessun caso saremo responsabili per danni indiretti o perdita di profitti.",
        ),
        "pl": (
            "Ograniczenie odpowiedzialności",
            "W żadnym wypadku nie ponosimy odpowiedzialności za szkody pośrednie.",
        ),
    }[language]
    model = lang_model(language)
    assert model is not None
    assert all(v == float("-inf") for v in model.scores(heading).values())
    assert not [h for h in lang_hits(heading, language) if h.rule.startswith("model-")]
    assert "liability" in {h.category for h in lang_hits(clause, language)}


def test_held_out_record_is_whole() -> None:
    """The recorded figures hold, per language, the shipped models', fold 0's and the baseline's."""
    record = json.loads((ROOT / "bench" / "data" / "claudette-lang-heldout.json").read_text(encoding="utf-8"))
    for lang in cl.LANGS:
        rec = record[lang]
        for fig in (rec, rec["fold0"], rec["baseline"], rec["baseline"]["fold0"]):
            assert set(fig["f1"]) == set(cl.CATEGORIES) == set(fig["counts"])
            assert all({"tp", "fp", "fn", "fp_tagged_only"} <= set(c) for c in fig["counts"].values())


@pytest.mark.parametrize("language", MODEL_LANGUAGES)
def test_shipped_model_files_are_whole(language: str) -> None:
    """Each shipped file names every category with a bias, threshold and in-range weights."""
    data = json.loads(model_path(language).read_text(encoding="utf-8"))
    n = len(data["features"])
    assert n == len(data["idf"]) and len(set(data["features"])) == n
    assert set(data["categories"]) == set(cl.CATEGORIES)
    for cat in data["categories"]:
        assert isinstance(data["bias"][cat], float) and isinstance(data["threshold"][cat], float)
        assert data["weights"][cat] and all(0 <= int(i) < n for i in data["weights"][cat])
    # The features are tosdiff's own, so a sentence's features find their entries.
    assert set(lang_features("Wir haften nicht")) & set(data["features"]) or language != "de"


def test_french_contract_by_using_rule() -> None:
    """French "en utilisant ... vous acceptez" is contract-by-using (the rule once wanted "enutilisant")."""
    s = "En accédant, en utilisant ou en vous inscrivant sur le site, vous acceptez les Conditions."
    assert "contract-by-using" in keyword_categories(s, "fr")
    assert "contract-by-using" not in keyword_categories("Vous pouvez utiliser le site.", "fr")


def test_french_labels_match_their_documents() -> None:
    """Each sentence we labelled is a sentence tosdiff cuts from its document, with a known category."""
    path = ROOT / "bench" / "data" / "claudette-fr-labelled-by-us.jsonl"
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert "LABELLED BY US" in rows[0]["about"]
    docs = [r for r in rows if "doc" in r]
    sentences: set[str] = set()
    for doc in docs:
        got = split_sentences(shared_data(*doc["doc"].split("/")).read_text(encoding="utf-8"))
        assert len(got) == doc["sentences"]
        sentences.update(got)
    labelled = [r for r in rows if "labels" in r]
    assert len(docs) == 3 and len(labelled) > 50
    for r in labelled:
        assert r["text"] in sentences
        assert set(r["labels"]) <= set(cl.CATEGORIES) and set(r["labels"].values()) <= {1, 2, 3}
