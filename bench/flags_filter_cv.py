"""Would a small learned filter beat the rules for the three own flags? Service-grouped cross-validation.

Two steps, because the rules need tosdiff's environment and the learner needs scikit-learn (training only):

    python bench/flags_filter_cv.py dump DATA.json      # tosdiff's Python: sentences, labels, rule verdicts
    TRAINPY bench/flags_filter_cv.py cv DATA.json       # a Python with scikit-learn: grouped 5-fold CV

The examples are the labelled clauses (shared/data/clauses, grouped by service), bench/data/flags_labeled.jsonl
(grouped by the company its wording comes from; a row labels one category only) and judged set "a" of
bench/data/flags_docs_judged.jsonl (grouped by service; set "b" is left out, as the unseen check).
For each category it compares, on the folds' test parts: the rules; a logistic regression on word 1-2 grams
alone; the rules vetoed by the model (fire only when the model does not reject); the rules plus the model
(also fire when the model is confident). The rules are fixed, not refitted per fold, and were tuned on much
of this data, so their figures here are optimistic: a learner has to beat them by a clear margin.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OWN = ("ai-training", "content-licence", "data-sharing")


def dump(out: str) -> None:
    """Write every example with its groups, labels and the rules' verdicts (run with tosdiff's Python)."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import claudette
    import flags_docs

    from tosdiff.flags import flag_sentence_categories

    examples = []
    for r in claudette.load_clauses():
        labels = {c: int(c in r["gold"]) for c in OWN}
        examples.append({"text": r["text"], "group": r["service"], "labels": labels, "hard": not r["gold"]})
    for line in (ROOT / "bench" / "data" / "flags_labeled.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            group = "labeled:" + r["source"].split()[0]
            examples.append(
                {"text": r["text"], "group": group, "labels": {r["category"]: r["label"]}, "hard": False}
            )
    index = {(d, flags_docs.sentence_hash(s)): (svc, s) for d, svc, _, s in flags_docs.unlabelled()}
    for line in flags_docs.JUDGED.read_text(encoding="utf-8").splitlines():
        r = json.loads(line) if line.strip() else None
        if not r or r["verdict"] == "ambiguous" or (r["doc"], r["hash"]) not in index:
            continue
        svc, sent = index[(r["doc"], r["hash"])]
        labels = {r["category"]: int(r["verdict"] == "flag")}
        # Set "b" is never trained on: it only checks a model trained on everything else.
        examples.append(
            {"text": sent, "group": svc, "labels": labels, "hard": False, "check": r["set"] == "b"}
        )
    for e in examples:
        e["rules"] = sorted(c for c in flag_sentence_categories(e["text"]) if c in OWN)
    Path(out).write_text(json.dumps(examples), encoding="utf-8")
    print(f"{len(examples)} examples written to {out}")


def cv(path: str) -> None:
    """Grouped 5-fold CV of rules, model, rules vetoed by the model, rules plus the model (scikit-learn)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    every = json.loads(Path(path).read_text(encoding="utf-8"))
    examples = [e for e in every if not e.get("check")]
    checks = [e for e in every if e.get("check")]
    print(f"{len(examples)} examples, {len({e['group'] for e in examples})} groups; grouped 5-fold CV")
    print(f"{'category':16} {'method':22} {'R':>6} {'P':>6} {'F1':>6}   hard negatives flagged")
    for cat in OWN:
        sub = [e for e in examples if cat in e["labels"]]
        y = [e["labels"][cat] for e in sub]
        groups = [e["group"] for e in sub]
        prob = [0.0] * len(sub)
        for train, test in GroupKFold(n_splits=5).split(sub, y, groups):
            vec = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True)
            x = vec.fit_transform([sub[i]["text"] for i in train])
            model = LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced")
            model.fit(x, [y[i] for i in train])
            for i, p in zip(
                test, model.predict_proba(vec.transform([sub[i]["text"] for i in test]))[:, 1], strict=True
            ):
                prob[i] = float(p)
        rules = [int(cat in e["rules"]) for e in sub]
        methods = {
            "rules": rules,
            "model (p>=.5)": [int(p >= 0.5) for p in prob],
            "rules vetoed (p<.2)": [int(r and p >= 0.2) for r, p in zip(rules, prob, strict=True)],
            "rules + model (p>=.9)": [int(r or p >= 0.9) for r, p in zip(rules, prob, strict=True)],
        }
        for name, pred in methods.items():
            tp = sum(1 for a, b in zip(y, pred, strict=True) if a and b)
            fp = sum(1 for a, b in zip(y, pred, strict=True) if not a and b)
            fn = sum(1 for a, b in zip(y, pred, strict=True) if a and not b)
            pr, rc = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
            f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
            hard = [b for e, b in zip(sub, pred, strict=True) if e["hard"]]
            print(f"{cat:16} {name:22} {rc:6.3f} {pr:6.3f} {f1:6.3f}   {sum(hard)}/{len(hard)}")
        # The unseen check: a model trained on every CV example, as a veto on the rules' firings of set b.
        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True)
        model = LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced")
        model.fit(vec.fit_transform([e["text"] for e in sub]), y)
        chk = [e for e in checks if cat in e["labels"] and cat in e["rules"]]
        if chk:
            p = model.predict_proba(vec.transform([e["text"] for e in chk]))[:, 1]
            kept = [(e["labels"][cat], q >= 0.2) for e, q in zip(chk, p, strict=True)]
            print(
                f"{'':16} judged set b, rules' firings: {sum(1 for lab, _ in kept if not lab)} false,"
                f" {sum(1 for lab, k in kept if not lab and not k)} vetoed;"
                f" {sum(1 for lab, _ in kept if lab)} true, {sum(1 for lab, k in kept if lab and not k)} vetoed"
            )


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("dump", "cv"):
        print(__doc__)
        sys.exit(2)
    (dump if sys.argv[1] == "dump" else cv)(sys.argv[2])
