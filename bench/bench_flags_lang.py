"""Benchmark of the flags in French, German, Italian, Spanish and Polish, against a keyword baseline.

1. CLAUDETTE (German, Italian, Polish; ../shared/data/claudette-2020): per category F1 on held-out
   companies (4 folds grouped by company, the same procedure as bench/train_flags_lang.py: a model is
   trained on three folds and judged on the fourth), next to the keyword rules of
   tosdiff/flags/i18n_claudette.py on the same sentences (the baseline, which French and Spanish use).
2. Speed: sentences per second through tosdiff.flags.i18n.lang_hits (shipped models + the three
   flags), against the keyword baseline alone, in the same run.
3. The three tosdiff flags in French (../shared/data/clauses/labels-fr.jsonl): recall and look-alikes
   flagged, on services held out from rule writing and on the others.

Run: python bench/bench_flags_lang.py [--lang de it pl] [--quick]   (--quick skips cross-validation)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import train_flags_lang as tr  # noqa: E402

from tosdiff.flags import flag_sentence_categories  # noqa: E402
from tosdiff.flags.i18n import lang_hits  # noqa: E402
from tosdiff.flags.i18n_claudette import keyword_categories  # noqa: E402
from tosdiff.flags.i18n_rules import flag_hits  # noqa: E402

LABELS_FR = ROOT.parent / "shared" / "data" / "clauses" / "labels-fr.jsonl"
# Services set aside before the French rules were checked against any labelled sentence of theirs.
HELD_OUT_FR = {"TikTok", "Spotify", "Levis", "Air France", "Malt", "Vertbaudet", "Decathlon"}


def _f1(pred: list[bool], gold: list[bool]) -> float:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    return tr.f1(tp, fp, fn)


def claudette(lang: str, quick: bool) -> None:
    """Held-out F1 per category: model (cross-validated) against keyword rules."""
    docs = tr.load(lang)
    units = [u for c in sorted(docs) for u in docs[c]]
    kw = [set(keyword_categories(t, lang)) for t, _ in units]
    model_f1: dict[str, float] = {}
    if not quick:
        model_f1, _ = tr.held_out_f1(tr.cross_validate(docs))
    print(f"\n{lang}: {len(docs)} companies, {len(units)} sentences; held-out F1, 4 folds by company")
    print(f"  {'category':18} {'model':>6} {'keywords':>9}")
    kws = []
    for cat in tr.CATEGORIES:
        k = _f1([cat in p for p in kw], [cat in y for _, y in units])
        kws.append(k)
        m = f"{model_f1[cat]:.3f}" if model_f1 else "-"
        print(f"  {cat:18} {m:>6} {k:9.3f}")
    mean = f"{sum(model_f1.values()) / len(model_f1):.3f}" if model_f1 else "-"
    print(f"  {'mean':18} {mean:>6} {sum(kws) / len(kws):9.3f}")
    speed(lang, [t for t, _ in units])


def speed(lang: str, sentences: list[str]) -> None:
    """Sentences per second of the per-sentence pipeline, the keyword baseline, and (same run) the
    English pipeline on the same companies' English terms, whose >= 5,000/s is the bar."""
    en_dir = tr.DATA / "en"
    english = [t for units in tr.load("en").values() for t, _ in units] if en_dir.is_dir() else []
    lang_hits(sentences[0], lang)  # loads the models outside the timing
    flag_sentence_categories("warm up")
    runs = (
        (f"{lang} lang_hits", lambda s: lang_hits(s, lang), sentences),
        (f"{lang} keywords", lambda s: keyword_categories(s, lang), sentences),
        ("en pipeline", flag_sentence_categories, english),
    )
    for name, fn, sents in runs:
        if not sents:
            continue
        t0 = time.perf_counter()
        for s in sents:
            fn(s)
        dt = time.perf_counter() - t0
        print(f"  speed {name:14} {len(sents) / dt:8.0f} sentences/s")


def french_flags() -> None:
    """Recall and look-alikes of the three flags on the French labelled sentences."""
    if not LABELS_FR.exists():
        print(f"skipped French flags: {LABELS_FR} is absent")
        return
    rows = [json.loads(line) for line in LABELS_FR.read_text(encoding="utf-8").splitlines() if line.strip()]
    print("\nfr three flags (labels-fr.jsonl)")
    for part, held in (("held-out services", True), ("other services", False)):
        sel = [r for r in rows if (r["service"] in HELD_OUT_FR) == held]
        pos = [r for r in sel if r["category"] != "none"]
        neg = [r for r in sel if r["category"] == "none"]
        found = polarity = 0
        for r in pos:
            hits = {h.category: h.polarity for h in flag_hits(r["text"], "fr")}
            if r["category"] in hits:
                found += 1
                polarity += hits[r["category"]] == r["polarity"]
        flagged = sum(1 for r in neg if flag_hits(r["text"], "fr"))
        print(
            f"  {part:18} recall {found}/{len(pos)} = {found / max(1, len(pos)):.2f}; polarity right "
            f"{polarity}/{found}; look-alikes flagged {flagged}/{len(neg)}"
        )


def main() -> int:
    """Print every figure; skip cleanly without the shared data."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", nargs="+", default=["de", "it", "pl"])
    ap.add_argument("--quick", action="store_true", help="keywords and speed only, no cross-validation")
    args = ap.parse_args()
    if not tr.DATA.is_dir():
        print(f"skipped: {tr.DATA} is absent")
        return 0
    for lang in args.lang:
        claudette(lang, args.quick)
    french_flags()
    return 0


if __name__ == "__main__":
    sys.exit(main())
