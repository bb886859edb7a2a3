"""Benchmark the three own flags on an unseen English set: services that are not in clauses/labels.jsonl.

The set (bench/data/labels-unseen-en.jsonl, labelled by us by the rules of
../shared/data/clauses/README.md) references sentences of real documents of 62 companies that the labelled
clauses do not cover: the sweep's latest English pga/dating documents (../shared/data/sweep/*/new.md) and
the CLAUDETTE ToS-50 and 2018-2020 English terms (older terms). Each row is a reference, not a copy: the
file relative to ../shared/data and the sha1 of one sentence as tosdiff's splitter
(tosdiff.flags.text.split_sentences) cuts it, with the company, the label (ai-training, content-licence,
data-sharing, or none) and its polarity (permissive, protective, other). Sentences labelled ambiguous
(law-enforcement disclosures, feedback licences, licences to other users, headings...) were left out.

Candidates were every sentence with an AI/model/training, licence/grant or share/disclose/sell/partner
word (sampled per company) plus a random sample of the rest; a `none` row with such a word is a hard
negative, a `none` row of the random sample a plain negative.

Split, fixed before any tosdiff output was looked at: a company is held out when
int(sha256(company), 16) is odd (SPLIT_RULE below); the rest is the tuning half. Companies group services
of one owner (LinkedIn and Skype with Microsoft; Tinder, Match, OkCupid and Meetic with Match Group; Badoo,
Bumble and Fruitz with Bumble Inc, ...), and companies whose services are in clauses/ (Meta, X, Google,
Amazon, TikTok, Spotify, ...) are not in the set.

The held-out half is NO LONGER UNSEEN. It was measured once after the first round (which read only the
tuning half's misses); the second round (issue 14) read the misses and false flags of both halves, grouped
them by kind of wording and fixed the kinds with general rules, and corrected three labels by the README's
rules (a sentence that carries two categories had only one). Its figures since are those of a looked-at set,
like the labelled clauses' dev part: a check that the fixed kinds stay fixed, not an estimate for services
never seen. Misses and false flags of both halves are listed with -v.

A THIRD set (bench/data/labels-unseen3-en.jsonl, issue 14) checks whether those fixes generalised: English
sentences of companies in neither clauses/labels.jsonl nor the second set. The shared data holds four such
companies: Bardeen, Anysphere (Cursor), Scribe and Speechify, whose terms pages are raw HTML snapshots
(../shared/data/replay/*/, the latest snapshot and the changed sentences of earlier ones; ../shared/data/pages/
for Bardeen and Cursor). The text is tosdiff's own extraction (tosdiff.extract.extract with Open Terms Archive's
selector, stored in each row) of the snapshot. Every other English company of the shared data is in one of the
two earlier sets (by owner: Instagram, WhatsApp, Threads, Onavo, Moves, Masquerade and CrowdTangle with Meta;
Twitch with Amazon; Fitbit with Google; musical.ly with TikTok; World of Warcraft with Blizzard). Candidates:
every sentence with an AI/model/training, licence/grant/permission/"your content" or share/disclose/sell/
transfer/partner/third-party/affiliate/advertiser word, every other sentence with a content/data/information/
ownership/upload word ("content-word"), and 80 random others; all labelled before tosdiff's flags were run on
them. The whole set was measured once on main (WHOLE3_BEFORE below); the split (same SPLIT_RULE) gives Bardeen,
Anysphere and Speechify to the tuning half and Scribe to the held-out half.

Run: python bench/bench_flags_unseen.py [-v]
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_flags import OWN_KEYWORDS  # noqa: E402

from tosdiff.extract import extract  # noqa: E402
from tosdiff.flags import flag_sentence_categories  # noqa: E402
from tosdiff.flags.text import split_sentences  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
LABELS = ROOT / "bench" / "data" / "labels-unseen-en.jsonl"
LABELS3 = ROOT / "bench" / "data" / "labels-unseen3-en.jsonl"
# The base URL the third set's snapshots were extracted with: links are printed resolved against it, so the
# sentences (and their sha1) depend on it.
EXTRACT_URL = "https://example.com/"
# Negatives that carry none of the AI, licence or sharing words (not look-alikes): the random sample, and in the
# third set the sentences picked for a content/data/ownership word.
PLAIN = ("random", "content-word")
OWN = ("ai-training", "content-licence", "data-sharing")
SPLITS = ("tune", "held-out")
_TAG_RE = re.compile(r"</?[a-z]+\d?>")  # CLAUDETTE's inline clause tags (<ltd2>...</ltd2>)


# The held-out half's figures when it was still unseen (recall ai-training, content-licence, data-sharing;
# look-alikes flagged; polarity right), kept because this run's figures are of a looked-at set.
HISTORY = (
    ("before round 1 (main)", "24/38, 24/43, 48/63; look-alikes 23/552; polarity 86/93"),
    ("round 1, measured once (unseen)", "25/38, 25/43, 49/63; look-alikes 15/552; polarity 90/96"),
)


# The third set's whole-set figures on main, measured once before any rule was changed for it (recall
# ai-training, content-licence, data-sharing; look-alikes flagged; polarity right).
WHOLE3_BEFORE = "recall 2/4, 9/13, 3/4; look-alikes 3/220; other negatives 0/246; polarity 13/13"
# Its held-out half (Scribe), measured once after the tuning half's classes were fixed. Main already had it
# right (content-licence 2/2, data-sharing 1/1, look-alikes 0/51 before): three clauses say little.
HELD3_END = "recall -, 2/2, 1/1; look-alikes 0/51; other negatives 0/65; polarity 3/3 (main: the same)"


def split_of(company: str) -> str:
    """SPLIT_RULE: a company is held out when its sha256 is odd; fixed before tosdiff's output was seen."""
    return "held-out" if int(hashlib.sha256(company.encode()).hexdigest(), 16) % 2 else "tune"


def document_sentences(path: Path, select: tuple[str, ...] = ()) -> dict[str, str]:
    """The sentences of one document as tosdiff splits them, by sha1 (CLAUDETTE tags removed, HTML extracted)."""
    if path.suffix == ".html":
        text = extract(path.read_bytes(), "text/html", url=EXTRACT_URL, select=select)
    else:
        text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".xml":
        text = _TAG_RE.sub("", text)
    return {hashlib.sha1(s.encode()).hexdigest(): s for s in split_sentences(text)}


def load(data: Path = DATA, labels: Path = LABELS) -> tuple[list[dict], int]:
    """Labelled sentences grouped by text: {text, company, split, candidate, gold: {category: polarity}}.

    Returns them with the number of references no longer found (a changed splitter or data folder).
    """
    docs: dict[tuple[str, tuple[str, ...]], dict[str, str]] = {}
    by_key: dict[tuple[str, str], dict] = {}
    missing = 0
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        key = (r["file"], tuple(r.get("select", ())))
        if key not in docs:
            docs[key] = document_sentences(data / r["file"], key[1])
        text = docs[key].get(r["sha1"])
        if text is None:
            missing += 1
            continue
        assert r["split"] == split_of(r["company"]), f"{r['company']}: split does not follow SPLIT_RULE"
        row = by_key.setdefault(
            (r["company"], r["sha1"]),
            {
                "text": text,
                "company": r["company"],
                "split": r["split"],
                "candidate": r["candidate"],
                "gold": {},
            },
        )
        if r["category"] in OWN:
            row["gold"][r["category"]] = r["polarity"]
    return list(by_key.values()), missing


def _keywords(text: str) -> set[str]:
    """The keyword baseline's categories for one sentence."""
    return {c for c, rx in OWN_KEYWORDS.items() if re.search(rx, text, re.I)}


def evaluate(rows: list[dict], fn) -> dict:
    """Recall/precision per flag, negatives flagged and polarity right of one flagger over rows."""
    got = [fn(r["text"]) for r in rows]
    out: dict = {"n": len(rows), "flags": {}}
    for cat in OWN:
        gold = [cat in r["gold"] for r in rows]
        pred = [cat in g for g in got]
        tp = sum(1 for a, b in zip(gold, pred, strict=True) if a and b)
        fp = sum(1 for a, b in zip(gold, pred, strict=True) if b and not a)
        out["flags"][cat] = {"tp": tp, "n": sum(gold), "fp": fp}
    hard = [i for i, r in enumerate(rows) if not r["gold"] and r["candidate"] not in PLAIN]
    plain = [i for i, r in enumerate(rows) if not r["gold"] and r["candidate"] in PLAIN]
    out["hard"] = (sum(1 for i in hard if any(c in got[i] for c in OWN)), len(hard))
    out["plain"] = (sum(1 for i in plain if any(c in got[i] for c in OWN)), len(plain))
    ok = n = 0
    for r, g in zip(rows, got, strict=True):
        for cat, pol in r["gold"].items():
            if pol in ("permissive", "protective") and g.get(cat):
                n += 1
                ok += g[cat] == pol
    out["polarity"] = (ok, n)
    out["got"] = got
    return out


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.2f})" if b else "-"


def report_part(sub: list[dict], title: str, verbose: bool = False) -> dict:
    """Print one part's figures for tosdiff and the keyword baseline; return tosdiff's."""
    res = evaluate(sub, flag_sentence_categories)
    base = evaluate(sub, lambda t: dict.fromkeys(_keywords(t), ""))
    print(f"\n{title} ({len({r['company'] for r in sub})} companies, {len(sub)} distinct sentences)")
    print(f"{'flag':16} {'recall':>14} {'precision':>16}   keyword recall / precision")
    for cat in OWN:
        f, b = res["flags"][cat], base["flags"][cat]
        print(
            f"{cat:16} {_ratio(f['tp'], f['n']):>14} {_ratio(f['tp'], f['tp'] + f['fp']):>16}"
            f"   {_ratio(b['tp'], b['n'])} / {_ratio(b['tp'], b['tp'] + b['fp'])}"
        )
    print(f"hard negatives flagged: {_ratio(*res['hard'])}; keyword baseline {_ratio(*base['hard'])}")
    print(f"other negatives flagged: {_ratio(*res['plain'])}; keyword baseline {_ratio(*base['plain'])}")
    print(f"polarity right (permissive/protective labels found): {_ratio(*res['polarity'])}")
    if verbose:
        for r, g in zip(sub, res["got"], strict=True):
            for cat in OWN:
                gold = r["gold"].get(cat)
                if (gold is not None) != (cat in g) or (
                    gold in ("permissive", "protective") and cat in g and g[cat] != gold
                ):
                    print(f"   [{cat}] gold={gold} got={g.get(cat)} ({r['company']}): {r['text'][:260]}")
    return res


def report(rows: list[dict], verbose: bool = False) -> None:
    """Print the second set's tune and held-out figures of tosdiff and of the keyword baseline."""
    for split in SPLITS:
        sub = [r for r in rows if r["split"] == split]
        # Both halves have been read for their misses (the held-out half in the second round).
        seen = " - looked at in round 2, no longer unseen" if split == "held-out" else ""
        report_part(sub, f"Unseen English set, {split} half{seen}", verbose)


def _counts(rows: list[dict], labels: Path, missing: int) -> None:
    """Print a set's size by half and category."""
    counts = Counter((r["split"], c) for r in rows for c in (r["gold"] or {"none": ""}))
    print(f"\n{labels.name}: {len(rows)} sentences of {len({r['company'] for r in rows})} companies")
    for split in SPLITS:
        print(f"  {split}: " + ", ".join(f"{c} {counts[(split, c)]}" for c in (*OWN, "none")))
    if missing:
        print(f"  {missing} references not found (the splitter, the extraction or the data changed)")


def report3(rows: list[dict], verbose: bool = False) -> None:
    """Print the third set: the whole set, then its tuning and held-out halves."""
    report_part(rows, "Third unseen English set, whole set (unseen when main was measured)", verbose)
    print(f"  main, measured once on the whole set before any change: {WHOLE3_BEFORE}")
    for split in SPLITS:
        sub = [r for r in rows if r["split"] == split]
        note = " - read for its misses" if split == "tune" else " - measured once at the end"
        report_part(sub, f"Third unseen English set, {split} half{note}", verbose)
    print(f"  held-out half when measured once at the end: {HELD3_END}")


def main() -> int:
    """Run the benchmark; skip cleanly without the shared data."""
    if not DATA.exists():
        print(f"{DATA} not found: nothing to benchmark (skipped)")
        return 0
    verbose = "-v" in sys.argv
    rows, missing = load()
    _counts(rows, LABELS, missing)
    report(rows, verbose)
    print("\nHeld-out half while it was unseen (ai-training, content-licence, data-sharing recall):")
    for when, figures in HISTORY:
        print(f"  {when}: {figures}")
    print("  since round 2 its misses have been read: the figures above are of a looked-at set")
    print(
        "  (round 2 also added 3 labels: content-licence 43 -> 44 held-out, 30 -> 31 tune; data-sharing 41 -> 42 tune)"
    )
    rows3, missing3 = load(labels=LABELS3)
    _counts(rows3, LABELS3, missing3)
    report3(rows3, verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
