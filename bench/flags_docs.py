"""The three own flags on the whole labelled documents: how often they fire on sentences nobody labelled.

The labelled clauses (shared/data/clauses) are a few sentences of each of 170 whole documents. The other
sentences of those documents were read by the annotator without being picked as a clause or a hard
negative, so a flag firing on one of them is likely (not surely) a false flag. This script:

- prints the rate of firing on unlabelled sentences, per category and per part (held-out / dev services);
- scores the judged sample in bench/data/flags_docs_judged.jsonl (sentences that fired at some point,
  each judged by hand against clauses/README.md, keyed by doc and sentence hash, no text copied):
  how many judged false flags still fire and how many judged true flags still fire;
- with ``--sample N [--seed S]``, prints N firing (per category) unlabelled sentences (doc, hash, category, text) to
  judge; ``--show HASH`` prints one sentence back.

Run: python bench/flags_docs.py   (skips when the data is absent)
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import claudette  # noqa: E402

from tosdiff.flags import flag_sentence_categories  # noqa: E402
from tosdiff.flags.text import split_sentences  # noqa: E402

DOCS = claudette.CLAUSES.parent / "docs"
JUDGED = ROOT / "bench" / "data" / "flags_docs_judged.jsonl"
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|`")
_WORD = re.compile(r"[a-z0-9]+")


def sentence_hash(text: str) -> str:
    """The key of one sentence in the judged file: the first 16 hex digits of its sha256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("’", "'")))


def doc_sentences(path: Path) -> Iterator[str]:
    """The sentences of one Markdown document: links to their text, table cells one by one."""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or set(line) <= set("-=|: "):
            continue
        line = _MARKS.sub("", _LINK.sub(r"\1", line))
        cells = [c.strip() for c in line.strip("|").split("|")] if line.startswith("|") else [line]
        for cell in cells:
            yield from split_sentences(cell)


def load() -> tuple[dict[str, str], dict[str, list[str]]]:
    """Service of each English labelled doc, and the normalised labelled texts of each doc."""
    service: dict[str, str] = {}
    labelled: dict[str, list[str]] = {}
    for line in claudette.CLAUSES.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            service[r["doc"]] = r["service"]
            labelled.setdefault(r["doc"], []).append(_norm(r["text"]))
    return service, labelled


def _is_labelled(sent: str, labels: list[str]) -> bool:
    """True when the sentence is (part of) a labelled one, or holds one: labels cut sentences differently."""
    n = _norm(sent)
    return bool(n) and any(n in lab or (len(lab) > 30 and lab in n) for lab in labels)


def unlabelled() -> Iterator[tuple[str, str, bool, str]]:
    """(doc, service, held-out, sentence) for every unlabelled sentence of the labelled documents."""
    service, labelled = load()
    for doc in sorted(service):
        path = DOCS / doc
        if not path.exists():
            continue
        seen: set[str] = set()
        for sent in doc_sentences(path):
            if sent in seen or len(sent) < 20 or _is_labelled(sent, labelled[doc]):
                continue
            seen.add(sent)
            yield doc, service[doc], claudette.clauses_heldout(service[doc]), sent


def own_flags(sent: str) -> dict[str, str]:
    """The three own categories one sentence fires, with polarity."""
    return {c: p for c, p in flag_sentence_categories(sent).items() if c in claudette.OWN}


def firing_rates() -> dict[tuple[str, str], str]:
    """Print the firing rate on unlabelled sentences; return {(doc, hash): sentence} of every sentence."""
    counts: dict[str, list[int]] = {"held-out": [0, 0], "dev": [0, 0]}
    per_cat = {c: 0 for c in claudette.OWN}
    index: dict[tuple[str, str], str] = {}
    for doc, _, held, sent in unlabelled():
        index[(doc, sentence_hash(sent))] = sent
        got = own_flags(sent)
        part = counts["held-out" if held else "dev"]
        part[0] += 1
        part[1] += bool(got)
        for c in got:
            per_cat[c] += 1
    n = sum(v[0] for v in counts.values())
    fired = sum(v[1] for v in counts.values())
    print(f"Unlabelled sentences of the {len(load()[0])} labelled English documents: {n}")
    print(
        f"  firing any own flag: {fired} ({fired / max(n, 1):.2%})  "
        + "  ".join(f"{c} {k}" for c, k in per_cat.items())
    )
    for part, (m, f) in counts.items():
        print(f"  {part:9} services: {f}/{m} ({f / max(m, 1):.2%})")
    return index


def judged_eval(index: dict[tuple[str, str], str]) -> None:
    """Score the hand-judged sample: judged false flags that still fire, judged true flags kept."""
    if not JUDGED.exists():
        print("no judged sample")
        return
    rows = [json.loads(x) for x in JUDGED.read_text(encoding="utf-8").splitlines() if x.strip()]
    for part in sorted({r.get("set", "a") for r in rows}):
        sub = [r for r in rows if r.get("set", "a") == part]
        fp = fp_fire = tp = tp_fire = pol_ok = amb = missing = 0
        for r in sub:
            sent = index.get((r["doc"], r["hash"]))
            if sent is None:
                missing += 1
                continue
            got = own_flags(sent).get(r["category"])
            fires = got is not None
            if r["verdict"] == "not":
                fp += 1
                fp_fire += fires
            elif r["verdict"] == "flag":
                tp += 1
                tp_fire += fires
                pol_ok += fires and got == r.get("polarity")
            else:
                amb += 1
        print(
            f"  judged set {part} ({len(sub)} firings): judged false flags still firing {fp_fire}/{fp};"
            f" judged true flags still firing {tp_fire}/{tp} (polarity right {pol_ok}); ambiguous {amb}"
            + (f"; {missing} sentences not found" if missing else "")
        )


def main() -> None:
    """Rates, judged sample, or a sample to judge."""
    if not DOCS.exists():
        print(f"{DOCS} not found; skipping")
        return
    args = sys.argv[1:]
    if "--show" in args:
        key = args[args.index("--show") + 1]
        for doc, _, _, sent in unlabelled():
            if sentence_hash(sent) == key:
                print(doc, sent)
        return
    if "--sample" in args:
        n = int(args[args.index("--sample") + 1])
        seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 0
        # N per category, so the rarer flags are judged as often as data-sharing.
        rng = random.Random(seed)
        firing = [(d, s, own_flags(s)) for d, _, _, s in unlabelled()]
        for cat in claudette.OWN:
            pool = [(d, s) for d, s, got in firing if cat in got]
            for doc, sent in rng.sample(pool, min(n, len(pool))):
                got = own_flags(sent)
                print(
                    json.dumps(
                        {"doc": doc, "hash": sentence_hash(sent), "category": cat, "got": got, "text": sent}
                    )
                )
        return
    index = firing_rates()
    judged_eval(index)


if __name__ == "__main__":
    main()
