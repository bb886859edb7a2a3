"""Train the CLAUDETTE category model shipped as tosdiff/flags/model.json (dev-only: needs scikit-learn).

Data: CLAUDETTE ToS-50 (Lippi et al. 2019), LexGLUE UNFAIR-ToS split, CC BY 4.0. Only the train and
validation companies are read: C and thresholds are chosen by company-grouped
cross-validation over train + validation, then the final model is fit
on train + validation. The test companies are never opened here.

Run: python bench/train_flags.py [--out tosdiff/flags/model.json]   (in a venv with scikit-learn)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import claudette  # noqa: E402

from tosdiff.flags.text import features  # noqa: E402

CS = (0.1, 0.2, 0.5, 1.0, 2.0)
FOLDS = 5
PRUNE = 1e-3  # weights smaller than this change no decision measurably; dropping them shrinks the file


def f1(y: np.ndarray, p: np.ndarray) -> float:
    """Positive-class F1."""
    tp = int(((y == 1) & (p == 1)).sum())
    fp = int(((y == 0) & (p == 1)).sum())
    fn = int(((y == 1) & (p == 0)).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _company_index(companies: list[str]) -> list[int]:
    """For each sentence of the companies (in load order), the index of its company."""
    out: list[int] = []
    for k, company in enumerate(companies):
        sents, _ = claudette.load([company])
        out.extend([k] * len(sents))
    return out


def vectorizer() -> TfidfVectorizer:
    """TF-IDF over tosdiff's own features, so training and run time agree exactly."""
    return TfidfVectorizer(analyzer=features, min_df=2, sublinear_tf=True, norm="l2")


def tune(x, y: np.ndarray, folds: list[tuple[np.ndarray, np.ndarray]]) -> tuple[float, float, float]:
    """Best (C, threshold, pooled out-of-fold F1) for one category over company-grouped folds."""
    best = (1.0, 0.0, -1.0)
    for c in CS:
        d = np.zeros(len(y))
        for tr, va in folds:
            clf = LinearSVC(C=c, class_weight="balanced", max_iter=20000).fit(x[tr], y[tr])
            d[va] = clf.decision_function(x[va])
        for t in np.arange(-0.6, 0.81, 0.05):
            score = f1(y, (d > t).astype(int))
            if score > best[2]:
                best = (c, float(t), score)
    return best


def main() -> None:
    """Tune on validation, fit on train+validation, write the JSON model."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "tosdiff" / "flags" / "model.json"))
    args = ap.parse_args()
    tr_x, tr_y = claudette.load(claudette.TRAIN)
    va_x, va_y = claudette.load(claudette.VALIDATION)

    # Settings are chosen by 5-fold cross-validation grouped by company over train + validation
    # (one validation split of 10 companies proved too small for stable thresholds).
    all_x = tr_x + va_x
    groups = np.array(_company_index(claudette.TRAIN + claudette.VALIDATION))
    folds = [(np.where(groups % FOLDS != k)[0], np.where(groups % FOLDS == k)[0]) for k in range(FOLDS)]
    vec = vectorizer()
    xall = vec.fit_transform(all_x)
    chosen = {}
    for cat in claudette.CODES.values():
        c, t, score = tune(xall, np.array(tr_y[cat] + va_y[cat]), folds)
        chosen[cat] = (c, t)
        print(f"{cat:18} C={c:<4} threshold={t:+.2f} cross-validated F1={score:.3f}")

    # Final fit on train + validation with the chosen settings.
    names = vec.get_feature_names_out().tolist()
    model = {
        "about": "CLAUDETTE ToS-50 (Lippi et al. 2019), LexGLUE UNFAIR-ToS, CC BY 4.0; see bench/train_flags.py",
        "features": names,
        "idf": [round(float(v), 4) for v in vec.idf_],
        "categories": list(claudette.CODES.values()),
        "weights": {},
        "bias": {},
        "threshold": {},
    }
    for cat, (c, t) in chosen.items():
        y = np.array(tr_y[cat] + va_y[cat])
        clf = LinearSVC(C=c, class_weight="balanced", max_iter=20000).fit(xall, y)
        w = clf.coef_.ravel()
        model["weights"][cat] = {str(i): round(float(v), 4) for i, v in enumerate(w) if abs(v) >= PRUNE}
        model["bias"][cat] = round(float(clf.intercept_[0]), 4)
        model["threshold"][cat] = round(t, 4)
    Path(args.out).write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {args.out}: {len(names)} features, {Path(args.out).stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
