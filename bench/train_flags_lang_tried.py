"""Ideas for the German, Italian and Polish CLAUDETTE models, judged on the training companies only.

Dev only (scikit-learn). The companies of fold 0 (bench/claudette_lang.fold_of) are never read here:
each idea is judged by 3-fold company-grouped cross-validation over folds 1-3 (a model fitted on two
folds scores the third; per category, C and the threshold are chosen on the pooled out-of-fold
decisions, the same for every idea, so the figures compare ideas, they are not held-out figures).
Scoring: ours (one unit per tagged clause or untagged sentence, a unit's decision the maximum over its
sentences), and tagged clauses only.

Run: python bench/train_flags_lang_tried.py --lang de it pl --idea base chars pooled ...
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).resolve().parent))
import claudette_lang as cl  # noqa: E402

_model = cl.load_module("i18n_model")
CATS = cl.CATEGORIES
CS = (0.1, 0.3, 1.0)
THRESHOLDS = np.arange(-1.5, 1.51, 0.05)
DEV_FOLDS = (1, 2, 3)


def f1(y: np.ndarray, p: np.ndarray) -> float:
    """Positive-class F1."""
    tp = int((y & p).sum())
    return 2 * tp / (2 * tp + int((~y & p).sum()) + int((y & ~p).sum())) if tp else 0.0


class Lang:
    """Dev companies' units of one language, with sentence rows."""

    def __init__(self, lang: str):
        docs = cl.load(lang)
        allc = sorted(docs)
        self.lang = lang
        self.companies = [c for c in allc if cl.fold_of(c, allc) in DEV_FOLDS]
        units = [(cl.fold_of(c, allc), c, u) for c in self.companies for u in docs[c]]
        self.units = [u for _, _, u in units]
        self.fold = np.array([f for f, _, _ in units])
        self.y = {cat: np.array([cat in u.labels for u in self.units]) for cat in CATS}
        self.tagged = np.array([bool(u.labels or u.fair) for u in self.units])
        self.sentences = [s for u in self.units for s in u.sentences]
        self.owner = np.array([i for i, u in enumerate(self.units) for _ in u.sentences])
        # Context of each sentence: the previous sentence of the same document, position in its unit.
        self.prev = []
        last_company = None
        prev = ""
        for _, c, u in units:
            if c != last_company:
                prev, last_company = "", c
            for s in u.sentences:
                self.prev.append(prev)
                prev = s


def unit_texts(d: Lang, keep: np.ndarray, mode: str) -> tuple[list[str], dict[str, np.ndarray], list[int]]:
    """Training rows: whole units ('unit'), or every sentence with its unit's labels ('sent')."""
    idx = np.where(keep)[0]
    if mode == "unit":
        return [d.units[i].text for i in idx], {c: y[idx] for c, y in d.y.items()}, list(idx)
    rows = [j for j in range(len(d.sentences)) if keep[d.owner[j]]]
    return [d.sentences[j] for j in rows], {c: y[d.owner[rows]] for c, y in d.y.items()}, rows


def run(
    d: Lang,
    feats: Callable[[str], list[str]],
    extra: list[Lang],
    learner: str = "svm",
    mode: str = "unit",
    gate: Callable[[str], bool] | None = None,
    vec_args: dict | None = None,
    both: bool = False,
) -> tuple[float, float, dict[str, float]]:
    """Mean F1 (ours, tagged only) of one idea, and per category."""
    dec = {(cat, c): np.zeros(len(d.units)) for cat in CATS for c in CS}
    for k in DEV_FOLDS:
        train, test = d.fold != k, d.fold == k
        texts, ys, _ = unit_texts(d, train, mode)
        ys = {c: list(v) for c, v in ys.items()}
        for e in extra:  # the other languages' dev companies outside fold k (never the test companies)
            t2, y2, _ = unit_texts(e, e.fold != k, mode)
            texts += t2
            for c in CATS:
                ys[c] += list(y2[c])
        if both:  # whole units and, for units of several sentences, each sentence too
            for j in range(len(d.sentences)):
                if train[d.owner[j]] and len(d.units[d.owner[j]].sentences) > 1:
                    texts.append(d.sentences[j])
                    for c in CATS:
                        ys[c].append(d.y[c][d.owner[j]])
        kw = {"min_df": 2, "sublinear_tf": True, "norm": "l2"} | (vec_args or {})
        vec = TfidfVectorizer(analyzer=feats, **kw)
        x = vec.fit_transform(texts)
        rows = np.where(test[d.owner])[0]
        xs = vec.transform([d.sentences[j] for j in rows])
        units = np.where(test)[0]
        pos = {u: i for i, u in enumerate(units)}
        at = np.array([pos[d.owner[j]] for j in rows])
        gated = np.array([gate(d.sentences[j]) for j in rows]) if gate else np.zeros(len(rows), bool)
        for c in CS:
            for cat in CATS:
                y = np.array(ys[cat])
                if learner == "svm":
                    clf = LinearSVC(C=c, max_iter=20000).fit(x, y)
                else:
                    clf = LogisticRegression(C=c * 10, max_iter=2000).fit(x, y)
                s = clf.decision_function(xs)
                s[gated] = -np.inf
                best = np.full(len(units), -np.inf)
                np.maximum.at(best, at, s)
                dec[(cat, c)][units] = best
    per, tag = {}, []
    for cat in CATS:
        y = d.y[cat]
        b = (-1.0, 0.0, 0.0)
        for c in CS:
            for t in THRESHOLDS:
                p = dec[(cat, c)] > t
                f = f1(y, p)
                if f > b[0]:
                    b = (f, c, f1(y[d.tagged], p[d.tagged]))
        per[cat] = b[0]
        tag.append(b[2])
    return float(np.mean(list(per.values()))), float(np.mean(tag)), per


def char_feats(n: tuple[int, ...] = (4, 5)) -> Callable[[str], list[str]]:
    """Word features plus character n-grams inside each word (German compounds share parts)."""

    def feats(text: str) -> list[str]:
        toks = _model.lang_tokens(text)
        out = _model.lang_features(text)
        for t in toks:
            w = f"<{t}>"
            if len(w) <= min(n):
                continue
            for k in n:
                out.extend("#" + w[i : i + k] for i in range(len(w) - k + 1))
        return out

    return feats


_END_RE = re.compile(r"[.;:!?)]\s*$")


def heading(s: str) -> bool:
    """A heading: at most six words and no closing punctuation (never a tagged clause in the corpus)."""
    return len(s.split()) <= 6 and not _END_RE.search(s)


def gate4(s: str) -> bool:
    """The gate shipped: a heading, or a sentence of at most four words."""
    return heading(s) or len(s.split()) <= 4


def short(s: str, n: int) -> bool:
    """At most n words and no closing punctuation."""
    return len(s.split()) <= n and not _END_RE.search(s)


def stem_feats(n: int, suffix: bool = False) -> Callable[[str], list[str]]:
    """Word features plus stems of n letters (and, with suffix, the last n letters: compound heads)."""

    def feats(text: str) -> list[str]:
        toks = _model.lang_tokens(text)
        out = _model.lang_features(text)
        out.extend(t[:n] + "^" for t in toks if len(t) > n + 1)
        if suffix:
            out.extend("$" + t[-n:] for t in toks if len(t) > n + 3)
        return out

    return feats


def main() -> int:
    """Run the chosen ideas for each language."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", nargs="+", default=list(cl.LANGS))
    ap.add_argument("--idea", nargs="+", default=["base"])
    args = ap.parse_args()
    pooled = any(i.startswith("pooled") for i in args.idea)
    data = {lang: Lang(lang) for lang in ("de", "it", "pl", "en") if pooled or lang in args.lang}
    for lang in args.lang:
        d = data[lang]
        for idea in args.idea:
            t0 = time.perf_counter()
            if idea == "base":
                r = run(d, _model.lang_features, [])
            elif idea == "sent":
                r = run(d, _model.lang_features, [], mode="sent")
            elif idea == "lr":
                r = run(d, _model.lang_features, [], learner="lr")
            elif idea == "chars":
                r = run(d, char_feats(), [])
            elif idea == "chars5":
                r = run(d, char_feats((5,)), [])
            elif idea == "pooled":
                r = run(d, _model.lang_features, [data[o] for o in ("de", "it", "pl", "en") if o != lang])
            elif idea == "pooled-en":
                r = run(d, _model.lang_features, [data["en"]])
            elif idea == "gate":
                r = run(d, _model.lang_features, [], gate=heading)
            elif idea == "gate3":
                r = run(d, _model.lang_features, [], gate=lambda s: heading(s) or len(s.split()) <= 3)
            elif idea == "gate4":
                r = run(d, _model.lang_features, [], gate=lambda s: heading(s) or len(s.split()) <= 4)
            elif idea == "gate5":
                r = run(d, _model.lang_features, [], gate=lambda s: heading(s) or len(s.split()) <= 5)
            elif idea == "gate8h":
                r = run(d, _model.lang_features, [], gate=lambda s: short(s, 8) or len(s.split()) <= 3)
            elif idea == "gate3chars":
                r = run(d, char_feats(), [], gate=lambda s: heading(s) or len(s.split()) <= 3)
            elif idea == "gate3ps":
                r = run(d, stem_feats(5, suffix=True), [], gate=lambda s: heading(s) or len(s.split()) <= 3)
            elif idea == "gate4ps":
                r = run(d, stem_feats(5, suffix=True), [], gate=gate4)
            elif idea == "gate4ps-wideC":
                global CS
                old, CS = CS, (0.03, 0.1, 0.3, 1.0, 3.0)
                r = run(d, stem_feats(5, suffix=True), [], gate=gate4)
                CS = old
            elif idea == "both":
                r = run(d, _model.lang_features, [], both=True)
            elif idea == "mindf1":
                r = run(d, _model.lang_features, [], vec_args={"min_df": 1})
            elif idea == "mindf3":
                r = run(d, _model.lang_features, [], vec_args={"min_df": 3})
            elif idea == "nosub":
                r = run(d, _model.lang_features, [], vec_args={"sublinear_tf": False})
            elif idea == "stem5":
                r = run(d, stem_feats(5), [])
            elif idea == "stem4":
                r = run(d, stem_feats(4), [])
            elif idea == "prefsuf":
                r = run(d, stem_feats(5, suffix=True), [])
            else:
                raise SystemExit(f"unknown idea {idea}")
            per = " ".join(f"{c[:6]}={v:.2f}" for c, v in r[2].items())
            print(
                f"{lang} {idea:10} ours {r[0]:.3f} tagged {r[1]:.3f}  {per}  ({time.perf_counter() - t0:.0f}s)"
            )
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
