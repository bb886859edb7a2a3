"""Train the CLAUDETTE models of German, Italian and Polish (tosdiff/flags/model-{de,it,pl}.json).

Data: multilingual CLAUDETTE (Galassi et al. 2024, CC BY 4.0), 28 companies per language in
../shared/data/claudette-2020/<lang>/, potentially unfair clauses tagged inline (degree 2 and 3 count
as positive, as in the usual task). Pure Python (no numpy / scikit-learn): sublinear TF-IDF over
tosdiff's own features, one linear SVM per category (balanced class weights) fitted
by dual coordinate descent.

Held-out figures: 4 folds grouped by company. For each fold the model is trained on the other three;
its threshold per category is the one that maximises F1 over the out-of-fold scores of the *other*
folds (the held-out fold's labels never choose its own threshold). The shipped model is trained on
all 28 companies with thresholds chosen over all out-of-fold scores.

Run: python bench/train_flags_lang.py [--lang de it pl] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claudette import TAG_CODES  # noqa: E402

from tosdiff.flags.i18n_model import lang_features, model_path  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "claudette-2020"
FOLDS = 4
CODES = TAG_CODES  # CLAUDETTE's tag names and their categories, as for English
CATEGORIES = tuple(CODES.values())
C = 0.5
EPOCHS = 15
MIN_DF = 2
PRUNE = 0.1  # smaller weights barely move a decision; dropping them keeps the files small and scoring fast
FAIR = "fair:"  # label prefix of a clause tagged with degree 1 (fair) for a category
# Clauses tagged fair (degree 1) for a category read almost like unfair ones; left out of that
# category's training they cost it less recall (held-out mean F1 over de/it/pl 0.583 vs 0.580;
# de 0.586 vs 0.569, it 0.571 vs 0.584, pl 0.593 vs 0.586: a wash, kept for German). They are
# still negatives in every figure printed here.
FAIR_AS_NEGATIVE = False
THRESHOLDS = [x / 20 for x in range(-40, 41)]

_TAG_RE = re.compile(r"<(/?)([a-z]+)(\d)>")
_SPLIT_RE = re.compile(r"(?<=[.!?;])\s+(?=[\"„“«(]?[A-ZÀ-ÖØ-ÞĄĆĘŁŃÓŚŹŻ0-9])")


def _sentences(text: str) -> list[str]:
    """Untagged text cut into sentences (one paragraph a line)."""
    out = []
    for line in text.splitlines():
        out.extend(s.strip() for s in _SPLIT_RE.split(line))
    return [s for s in out if sum(c.isalpha() for c in s) >= 3]


def parse(path: Path) -> list[tuple[str, frozenset[str]]]:
    """Units of one document: each tagged clause with its positive categories, and untagged sentences."""
    text = path.read_text(encoding="utf-8")
    units: list[tuple[str, frozenset[str]]] = []
    depth = 0
    pos = 0
    buf: list[str] = []
    cats: set[str] = set()
    for m in _TAG_RE.finditer(text):
        chunk = text[pos : m.start()]
        pos = m.end()
        if depth == 0:
            units.extend((s, frozenset()) for s in _sentences(chunk))
        else:
            buf.append(chunk)
        closing, code, degree = m.group(1), m.group(2), int(m.group(3))
        if closing:
            depth = max(0, depth - 1)
            if depth == 0:
                clause = " ".join(" ".join(buf).split())
                if clause:
                    units.append((clause, frozenset(cats)))
                buf, cats = [], set()
        else:
            depth += 1
            if code in CODES:
                # Degree 1 marks a clause of the category judged fair: a negative, kept apart (see train).
                cats.add(CODES[code] if degree >= 2 else FAIR + CODES[code])
    units.extend((s, frozenset()) for s in _sentences(text[pos:]))
    return units


def load(lang: str) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Every company of one language: its units."""
    return {p.stem: parse(p) for p in sorted((DATA / lang).glob("*.xml"))}


def f1(tp: int, fp: int, fn: int) -> float:
    """F1 from counts (0 when nothing is right)."""
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


class Vectors:
    """TF-IDF vocabulary fitted on training sentences; turns a sentence into sparse (index, value)."""

    def __init__(self, texts: list[str]) -> None:
        df: Counter[str] = Counter()
        for t in texts:
            df.update(set(lang_features(t)))
        n = len(texts)
        self.names = sorted(f for f, c in df.items() if c >= MIN_DF)
        self.index = {f: i for i, f in enumerate(self.names)}
        self.idf = [math.log((1 + n) / (1 + df[f])) + 1.0 for f in self.names]

    def vec(self, text: str) -> list[tuple[int, float]]:
        """Sublinear TF-IDF, L2-normalised, like the run-time scorer."""
        out = []
        for f, c in Counter(lang_features(text)).items():
            i = self.index.get(f)
            if i is not None:
                out.append((i, (1.0 + math.log(c)) * self.idf[i]))
        norm = math.sqrt(sum(v * v for _, v in out)) or 1.0
        return [(i, v / norm) for i, v in out]


def train(xs: list[list[tuple[int, float]]], ys: list[frozenset[str]], dim: int, seed: int = 0):
    """Per category, weights and bias of a linear SVM (L2-regularised hinge loss, balanced class
    weights), fitted by dual coordinate descent as liblinear does (Hsieh et al., ICML 2008)."""
    rng = random.Random(seed)
    n = len(xs)
    qii = [sum(v * v for _, v in x) + 1.0 for x in xs]  # +1: the bias is a constant feature
    models = {}
    for cat in CATEGORIES:
        y = [1.0 if cat in labels else -1.0 for labels in ys]
        if not FAIR_AS_NEGATIVE:
            y = [0.0 if FAIR + cat in labels and v < 0 else v for v, labels in zip(y, ys, strict=True)]
        pos = sum(1 for v in y if v > 0) or 1
        cpos, cneg = C * n / (2 * pos), C * n / (2 * max(1, n - pos))
        w = [0.0] * dim
        b = 0.0
        alpha = [0.0] * n
        order = list(range(n))
        for _ in range(EPOCHS):
            rng.shuffle(order)
            moved = 0.0
            for j in order:
                x = xs[j]
                yy = y[j]
                if not yy:
                    continue
                g = yy * (sum(w[i] * val for i, val in x) + b) - 1.0
                a = alpha[j]
                hi = cpos if yy > 0 else cneg
                new = min(max(a - g / qii[j], 0.0), hi)
                d = (new - a) * yy
                if d:
                    alpha[j] = new
                    for i, val in x:
                        w[i] += d * val
                    b += d
                    moved = max(moved, abs(new - a))
            if moved < 1e-3:
                break
        # Pruned here, not only when writing the file, so the held-out figures judge the shipped model.
        models[cat] = ([x if abs(x) >= PRUNE else 0.0 for x in w], b)
    return models


def decide(models, x: list[tuple[int, float]]) -> dict[str, float]:
    """Decision value per category for one vector."""
    return {cat: sum(w[i] * val for i, val in x) + b for cat, (w, b) in models.items()}


def best_threshold(scored: list[tuple[float, bool]]) -> float:
    """The threshold that maximises F1 over (score, label) pairs."""
    best, best_f = 0.0, -1.0
    for t in THRESHOLDS:
        tp = sum(1 for s, y in scored if s > t and y)
        fp = sum(1 for s, y in scored if s > t and not y)
        fn = sum(1 for s, y in scored if s <= t and y)
        f = f1(tp, fp, fn)
        if f > best_f:
            best, best_f = t, f
    return best


def folds_of(companies: list[str]) -> list[list[str]]:
    """Companies dealt into FOLDS groups in alphabetical order (fixed, so runs compare)."""
    return [companies[k::FOLDS] for k in range(FOLDS)]


def cross_validate(docs: dict[str, list[tuple[str, frozenset[str]]]]):
    """Out-of-fold scores per fold: list of (fold, unit labels, decision values)."""
    out = []
    for k, held in enumerate(folds_of(sorted(docs))):
        tr = [u for c in docs if c not in held for u in docs[c]]
        vecs = Vectors([t for t, _ in tr])
        models = train([vecs.vec(t) for t, _ in tr], [y for _, y in tr], len(vecs.names))
        for c in held:
            for t, y in docs[c]:
                out.append((k, y, decide(models, vecs.vec(t))))
    return out


def held_out_f1(oof) -> tuple[dict[str, float], dict[str, float]]:
    """Per category: held-out F1 (threshold from the other folds) and the threshold over all folds."""
    scores, thresholds = {}, {}
    for cat in CATEGORIES:
        tp = fp = fn = 0
        for k in range(FOLDS):
            t = best_threshold([(d[cat], cat in y) for f, y, d in oof if f != k])
            for f, y, d in oof:
                if f == k:
                    p, g = d[cat] > t, cat in y
                    tp += p and g
                    fp += p and not g
                    fn += g and not p
        scores[cat] = f1(tp, fp, fn)
        thresholds[cat] = best_threshold([(d[cat], cat in y) for _, y, d in oof])
    return scores, thresholds


def final_model(docs, thresholds: dict[str, float]) -> dict:
    """Train on every company and return the JSON structure the run-time loader reads."""
    units = [u for c in docs for u in docs[c]]
    vecs = Vectors([t for t, _ in units])
    models = train([vecs.vec(t) for t, _ in units], [y for _, y in units], len(vecs.names))
    keep = sorted({i for w, _ in models.values() for i, x in enumerate(w) if abs(x) >= PRUNE})
    new = {i: j for j, i in enumerate(keep)}
    return {
        "about": "multilingual CLAUDETTE (Galassi et al. 2024), CC BY 4.0; see bench/train_flags_lang.py",
        "features": [vecs.names[i] for i in keep],
        "idf": [round(vecs.idf[i], 3) for i in keep],
        "categories": list(CATEGORIES),
        "weights": {
            cat: {str(new[i]): round(x, 3) for i, x in enumerate(w) if abs(x) >= PRUNE}
            for cat, (w, _) in models.items()
        },
        "bias": {cat: round(b, 4) for cat, (_, b) in models.items()},
        "threshold": thresholds,
    }


def main() -> int:
    """Cross-validate, print held-out F1 per category, write the models."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", nargs="+", default=["de", "it", "pl"])
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return 0
    for lang in args.lang:
        t0 = time.perf_counter()
        docs = load(lang)
        n = sum(len(u) for u in docs.values())
        oof = cross_validate(docs)
        scores, thresholds = held_out_f1(oof)
        print(f"{lang}: {len(docs)} companies, {n} units, {FOLDS} folds by company")
        for cat in CATEGORIES:
            pos = sum(1 for u in docs.values() for _, y in u if cat in y)
            print(f"  {cat:18} F1={scores[cat]:.3f}  positives={pos}  threshold={thresholds[cat]:+.2f}")
        print(f"  mean F1 {sum(scores.values()) / len(scores):.3f}  ({time.perf_counter() - t0:.0f} s)")
        if not args.no_write:
            model = final_model(docs, thresholds)
            out = model_path(lang)
            out.write_text(json.dumps(model, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
            print(f"  wrote {out.name}: {len(model['features'])} features, {out.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
