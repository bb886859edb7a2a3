"""Pure-Python linear classifier for the eight CLAUDETTE unfair-term categories.

The weights in ``model.json`` are trained by ``bench/train_flags.py`` on the train and validation
companies of the CLAUDETTE ToS-50 corpus (Lippi et al., "CLAUDETTE: an automated detector of
potentially unfair clauses in online terms of service", Artificial Intelligence and Law 27, 2019),
as redistributed by LexGLUE (Chalkidis et al., ACL 2022) as UNFAIR-ToS under CC BY 4.0.

Model: sublinear TF-IDF over word unigrams and bigrams, L2-normalised, one linear SVM per category;
each category has its own decision threshold chosen on the validation companies.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .text import features

MODEL_PATH = Path(__file__).with_name("model.json")


@dataclass(frozen=True)
class LinearModel:
    """Vocabulary with idf weights and, per category, sparse weights, bias and threshold."""

    vocab: dict[str, int]
    idf: tuple[float, ...]
    categories: tuple[str, ...]
    weights: tuple[dict[int, float], ...]
    bias: tuple[float, ...]
    threshold: tuple[float, ...]

    def scores(self, sentence: str) -> dict[str, float]:
        """Decision value minus threshold per category (> 0 means the category applies)."""
        counts: dict[int, int] = {}
        vocab = self.vocab
        for f in features(sentence):
            i = vocab.get(f)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        vec = {i: (1.0 + math.log(c)) * self.idf[i] for i, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out: dict[str, float] = {}
        for k, cat in enumerate(self.categories):
            w = self.weights[k]
            s = sum(v * w.get(i, 0.0) for i, v in vec.items()) / norm + self.bias[k]
            out[cat] = s - self.threshold[k]
        return out

    def predict(self, sentence: str) -> list[str]:
        """Categories whose score clears their threshold."""
        return [c for c, s in self.scores(sentence).items() if s > 0]


def load_model(path: Path = MODEL_PATH) -> LinearModel:
    """Read a model file written by bench/train_flags.py."""
    data = json.loads(path.read_text(encoding="utf-8"))
    vocab = {f: i for i, f in enumerate(data["features"])}
    cats = tuple(data["categories"])
    weights = tuple({int(i): float(w) for i, w in data["weights"][c].items()} for c in cats)
    return LinearModel(
        vocab=vocab,
        idf=tuple(data["idf"]),
        categories=cats,
        weights=weights,
        bias=tuple(float(data["bias"][c]) for c in cats),
        threshold=tuple(float(data["threshold"][c]) for c in cats),
    )


@lru_cache(maxsize=1)
def default_model() -> LinearModel | None:
    """The shipped model, loaded once; None when the file is missing (rules still work)."""
    if not MODEL_PATH.exists():
        return None
    return load_model(MODEL_PATH)
