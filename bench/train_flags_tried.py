"""Two ideas for the English CLAUDETTE model, tried and not shipped (README, "How well the flags hold").

--judge: thresholds (and C) chosen to maximise F1 on tagged clauses only (issue 14's presumed scoring)
  against the shipped way (F1 pooled over ToS-50 sentences and the newer corpus's units), by the
  trainer's company-grouped cross-validation; then, once, both refitted on every training company and
  scored on the 9 held-out companies under both scorings (model alone).
--neighbour: a list item, or a sentence after a lead-in ending in ":", scored as the higher of its own
  and its predecessor's score less a margin (chosen per category), by the same cross-validation.
--logreg: logistic regression (liblinear, C from 1, 4, 16, wider thresholds) in place of the linear SVM,
  with the run-time gates applied, against the SVM the trainer ships (same folds, same features).

Dev only (scikit-learn): python bench/train_flags_tried.py --judge | --neighbour | --logreg
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).resolve().parent))
import claudette  # noqa: E402
import train_flags as tf  # noqa: E402

CS = (0.2, 0.5, 1.0)
THRESHOLDS = np.arange(-0.6, 0.81, 0.05)
# C per category as the shipped way of choosing picks it from CS (the --judge run prints it).
CHOSEN_C = {
    "liability": 0.2,
    "termination": 1.0,
    "unilateral-change": 0.5,
    "content-removal": 1.0,
    "contract-by-using": 1.0,
    "choice-of-law": 1.0,
    "jurisdiction": 0.5,
    "arbitration": 1.0,
}


def _decisions(x, y: np.ndarray, c: float, folds) -> np.ndarray:
    """Out-of-fold decision values of one category's linear SVM."""
    d = np.zeros(len(y))
    for tr, va in folds:
        d[va] = (
            LinearSVC(C=c, class_weight="balanced", max_iter=20000).fit(x[tr], y[tr]).decision_function(x[va])
        )
    return d


def _tagged_f1(data: tf.Training, tagged: np.ndarray, cat: str, d: np.ndarray, t: float) -> float:
    """F1 of the newer corpus's tagged units (a unit's decision: its highest sentence's)."""
    old = data.unit < 0
    units = np.full(len(tagged), -np.inf)
    np.maximum.at(units, data.unit[~old], d[~old])
    return tf.f1(data.unit_labels[cat][tagged], (units[tagged] > t).astype(int))


def judge(data: tf.Training, tagged: np.ndarray, x, vec, folds) -> None:
    """Cross-validated choice by each scoring, then one held-out check of both choices."""
    chosen: dict[str, dict[str, tuple[float, float]]] = {"shipped way": {}, "tagged only": {}}
    cv: dict[str, list[tuple[float, float]]] = {"shipped way": [], "tagged only": []}
    for cat in claudette.CODES.values():
        best: dict[str, tuple] = {}
        for c in CS:
            d = _decisions(x, data.labels[cat], c, folds)
            for t in THRESHOLDS:
                pooled, _, newer = tf.oof_scores(data, cat, d, float(t))
                judged = _tagged_f1(data, tagged, cat, d, float(t))
                for name, key in (("shipped way", pooled), ("tagged only", judged)):
                    if name not in best or key > best[name][0]:
                        best[name] = (key, c, float(t), newer, judged)
        for name, (_, c, t, newer, judged) in best.items():
            chosen[name][cat] = (c, t)
            cv[name].append((newer, judged))
        print(
            cat,
            {name: f"C={b[1]} t={b[2]:+.2f} units {b[3]:.3f} tagged {b[4]:.3f}" for name, b in best.items()},
        )
    for name, rows in cv.items():
        a = np.array(rows).mean(0)
        print(f"cross-validated, chosen the {name}: newer units {a[0]:.3f}, tagged only {a[1]:.3f}")
    _, held = claudette.split_2020()
    units = claudette.load_2020_units(held, tf.split_sentences)
    owner = np.array([i for i, u in enumerate(units) for _ in u.sentences])
    xh = vec.transform([s for u in units for s in u.sentences])
    is_tagged = np.array([u.tagged for u in units])
    for name, table in chosen.items():
        f = []
        for cat, (c, t) in table.items():
            y = np.array([u.degrees[cat] >= 2 for u in units]).astype(int)
            d = (
                LinearSVC(C=c, class_weight="balanced", max_iter=20000)
                .fit(x, data.labels[cat])
                .decision_function(xh)
            )
            best_d = np.full(len(units), -np.inf)
            np.maximum.at(best_d, owner, d)
            p = (best_d > t).astype(int)
            f.append((tf.f1(y, p), tf.f1(y[is_tagged], p[is_tagged])))
        a = np.array(f).mean(0)
        print(f"held out, chosen the {name}: every unit {a[0]:.3f}, tagged only {a[1]:.3f}")


def neighbour(data: tf.Training, tagged: np.ndarray, x, folds) -> None:
    """Cross-validated F1 with and without the predecessor's score carried into list items."""
    n = len(data.sents)
    g, u = data.groups, data.unit
    same = np.array([i > 0 and g[i] == g[i - 1] and (u[i] < 0) == (u[i - 1] < 0) for i in range(n)])
    item = np.array([tf._text.is_list_item(s) for s in data.sents])
    lead = np.array([i > 0 and data.sents[i - 1].rstrip().endswith(":") for i in range(n)])
    follow = np.where(same & (item | lead))[0]
    print(f"list items or sentences after a lead-in: {len(follow)} of {n}")
    rows: dict[str, list[tuple[float, ...]]] = {"plain": [], "neighbour": []}
    for cat in claudette.CODES.values():
        d = _decisions(x, data.labels[cat], CHOSEN_C[cat], folds)
        for name, margins in (("plain", ()), ("neighbour", (0.0, 0.1, 0.2, 0.4))):
            best = None
            for margin in margins or (None,):
                dd = d.copy()
                for i in follow if margin is not None else ():
                    dd[i] = max(dd[i], dd[i - 1] - margin)  # in order: a run of items carries the lead-in's
                for t in THRESHOLDS:
                    pooled, old, newer = tf.oof_scores(data, cat, dd, float(t))
                    if best is None or pooled > best[0]:
                        best = (pooled, old, newer, _tagged_f1(data, tagged, cat, dd, float(t)))
            rows[name].append(best)
    for name, r in rows.items():
        a = np.array(r).mean(0)
        print(f"{name}: pooled {a[0]:.3f}, ToS-50 {a[1]:.3f}, newer units {a[2]:.3f}, tagged only {a[3]:.3f}")


def logreg(data: tf.Training, x, folds) -> None:
    """Cross-validated F1 of logistic regression and of the shipped linear SVM, gates applied to both."""
    from sklearn.linear_model import LogisticRegression

    masks = tf.gate_masks(data.sents, "all")
    rows: dict[str, list[tuple[float, float]]] = {"logistic regression": [], "linear SVM": []}
    for cat in claudette.CODES.values():
        y = data.labels[cat]
        for name, cs, ts in (
            ("logistic regression", (1.0, 4.0, 16.0), np.arange(-2.0, 2.01, 0.1)),
            ("linear SVM", tf.CS, THRESHOLDS),
        ):
            best = (-1.0, 0.0, 0.0)
            for c in cs:
                d = np.zeros(len(y))
                for tr, va in folds:
                    if name == "linear SVM":
                        clf = LinearSVC(C=c, class_weight="balanced", max_iter=20000)
                    else:
                        clf = LogisticRegression(C=c, class_weight="balanced", solver="liblinear")
                    d[va] = clf.fit(x[tr], y[tr]).decision_function(x[va])
                d[masks[cat]] = -np.inf
                for t in ts:
                    pooled, old, newer = tf.oof_scores(data, cat, d, float(t))
                    if pooled > best[0]:
                        best = (pooled, old, newer)
            rows[name].append(best[1:])
            print(f"{cat:18} {name:20} ToS-50 {best[1]:.3f}, newer units {best[2]:.3f}", flush=True)
    for name, r in rows.items():
        a = np.array(r).mean(0)
        print(f"{name}: ToS-50 sentences {a[0]:.3f}, newer units {a[1]:.3f}")


def main() -> int:
    """Run the chosen experiment."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--judge", action="store_true")
    ap.add_argument("--neighbour", action="store_true")
    ap.add_argument("--logreg", action="store_true")
    args = ap.parse_args()
    data = tf.load_training()
    train2020, _ = claudette.split_2020()
    tagged = np.array([u.tagged for u in claudette.load_2020_units(train2020, tf.split_sentences)])
    g = data.groups
    folds = [(np.where(g % tf.FOLDS != k)[0], np.where(g % tf.FOLDS == k)[0]) for k in range(tf.FOLDS)]
    vec = tf.vectorizer(0)
    x = vec.fit_transform(data.sents)
    if args.judge:
        judge(data, tagged, x, vec, folds)
    if args.neighbour:
        neighbour(data, tagged, x, folds)
    if args.logreg:
        logreg(data, x, folds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
