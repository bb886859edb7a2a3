"""Pure-Python linear models for the eight CLAUDETTE categories in German, Italian and Polish.

The weights in ``model-de.json``, ``model-it.json`` and ``model-pl.json`` are trained by
``bench/train_flags_lang.py`` on the multilingual CLAUDETTE corpus (Galassi, Lagioia, Jabłonowska,
Lippi, Artificial Intelligence and Law 2024; CC BY 4.0): the companies' own terms in each language.

Model: sublinear TF-IDF over Unicode word unigrams, bigrams and word stems (the first six letters of
long words, so that inflections and German compounds such as "Haftungsausschluss" /
"Haftungsbeschränkung" share a feature), L2-normalised over the whole training vocabulary, one linear
SVM per category with its own C and threshold chosen by company-grouped cross-validation.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_LANGUAGES = ("de", "it", "pl")
_DIR = Path(__file__).parent

_WORD_RE = re.compile(r"[^\W\d_]+|\d+")
_DIGITS_RE = re.compile(r"\d+")
STEM = 6  # letters kept of a long word: enough to tell words apart, short enough to merge inflections


def model_path(language: str) -> Path:
    """Where the model of one language ships."""
    return _DIR / f"model-{language}.json"


def lang_tokens(text: str) -> list[str]:
    """Lowercased Unicode word tokens; apostrophes split ("l'utente"), digit runs folded to "0"."""
    return _WORD_RE.findall(_DIGITS_RE.sub("0", text.lower()))


def lang_features(text: str) -> list[str]:
    """Unigrams, bigrams and stems of a sentence (with repeats; the caller counts them)."""
    toks = lang_tokens(text)
    feats = list(toks)
    feats.extend(f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False))
    feats.extend(t[:STEM] + "~" for t in toks if len(t) > STEM + 1)
    return feats


@dataclass(frozen=True)
class LangModel:
    """Vocabulary with idf weights and, per category, weights; offsets are bias minus threshold."""

    # feature -> (idf * weight of each category ..., idf ** 2): a dense row per feature, so a sentence's
    # rows are summed column by column in C (zip + sum) instead of a Python loop per weight; a feature
    # no category weighs still has its row, since it counts in the L2 norm the weights were fitted with.
    table: dict[str, tuple[float, ...]]
    categories: tuple[str, ...]
    offset: tuple[float, ...]

    def scores(self, sentence: str) -> dict[str, float]:
        """Decision value minus threshold per category (> 0 means the category applies)."""
        counts = Counter(lang_features(sentence))
        table = self.table
        rows = []
        for f, c in counts.items():
            row = table.get(f)
            if row is not None:
                if c > 1:  # sublinear tf: the row scales by 1 + log(c), its squared norm by the square
                    t = 1.0 + math.log(c)
                    row = (*(x * t for x in row[:-1]), row[-1] * t * t)
                rows.append(row)
        n = len(self.categories)
        if not rows:
            return {cat: self.offset[k] for k, cat in enumerate(self.categories)}
        sums = list(map(sum, zip(*rows, strict=True)))
        norm = math.sqrt(sums[n]) or 1.0
        return {cat: sums[k] / norm + self.offset[k] for k, cat in enumerate(self.categories)}

    def predict(self, sentence: str) -> list[str]:
        """Categories whose score clears their threshold."""
        return [c for c, s in self.scores(sentence).items() if s > 0]


def model_from_dict(data: dict) -> LangModel:
    """Build a model from the JSON structure written by bench/train_flags_lang.py."""
    cats = tuple(data["categories"])
    dense: list[list[float]] = [[0.0] * len(cats) for _ in data["features"]]
    for k, cat in enumerate(cats):
        for i, w in data["weights"][cat].items():
            dense[int(i)][k] = float(w)
    table = {
        f: (*(float(idf) * w for w in ws), float(idf) ** 2)
        for f, idf, ws in zip(data["features"], data["idf"], dense, strict=True)
    }
    offset = tuple(float(data["bias"][c]) - float(data["threshold"][c]) for c in cats)
    return LangModel(table=table, categories=cats, offset=offset)


def load_lang_model(path: Path) -> LangModel:
    """Read a model file written by bench/train_flags_lang.py."""
    return model_from_dict(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=8)
def lang_model(language: str) -> LangModel | None:
    """The shipped model of a language, loaded once; None when there is none (rules still work)."""
    if language not in MODEL_LANGUAGES:
        return None
    path = model_path(language)
    if not path.exists():
        return None
    return load_lang_model(path)
