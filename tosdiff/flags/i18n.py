"""Flags for terms in French, German, Italian, Spanish and Polish: one entry point per sentence.

- The three tosdiff flags (ai-training, content-licence, data-sharing): per-language rules
  (``i18n_rules.py``), in all five languages.
- The eight CLAUDETTE categories: trained linear models in German, Italian and Polish
  (``i18n_model.py``, trained on the companies' own terms in each language), keyword rules in French
  and Spanish (``i18n_claudette.py``), for which no labelled documents exist.

Explanations stay in English; the caller keeps the sentence itself (in its language) as the excerpt.
"""

from __future__ import annotations

from collections.abc import Callable

from .i18n_claudette import keyword_categories
from .i18n_model import MODEL_LANGUAGES, lang_model
from .i18n_rules import FLAG_LANGUAGES, flag_hits, introduces_licence, licence_item_hit
from .rules import CLAUDETTE_EXPLANATION, CLAUDETTE_SEVERITY, Hit

LANGUAGES = FLAG_LANGUAGES  # the languages besides English that tosdiff flags
__all__ = ["LANGUAGES", "introduces_licence", "lang_hits"]


def _all(_: str) -> bool:
    return True


def lang_hits(
    sentence: str, language: str, enabled: Callable[[str], bool] = _all, after_licence_intro: bool = False
) -> list[Hit]:
    """Every flag one sentence of `language` triggers (at most one per category); [] for English.

    `enabled` answers, for a built-in rule name ("ai-training", "model-liability", ...), whether it
    runs, so `[flags] disable = [...]` in the config works the same in every language.
    `after_licence_intro`: the sentence is a list item under a licence lead-in
    (``i18n_rules.introduces_licence``), so an item that only names a breadth term is the licence.
    """
    if language not in LANGUAGES:
        return []
    hits: dict[str, Hit] = {h.category: h for h in flag_hits(sentence, language) if enabled(h.rule)}
    if after_licence_intro and "content-licence" not in hits and enabled("content-licence"):
        item = licence_item_hit(sentence, language)
        if item is not None:
            hits[item.category] = item
    model = lang_model(language) if language in MODEL_LANGUAGES else None
    if model is not None:
        found = [(cat, f"model-{cat}") for cat, score in model.scores(sentence).items() if score > 0]
    else:
        found = [(cat, f"keywords-{cat}") for cat in keyword_categories(sentence, language)]
    for cat, rule in found:
        if cat not in hits and enabled(f"model-{cat}"):
            hits[cat] = Hit(cat, CLAUDETTE_SEVERITY[cat], "permissive", CLAUDETTE_EXPLANATION[cat], rule)
    return list(hits.values())
