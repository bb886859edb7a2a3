"""Language detection on real terms: whole documents, sections and sentences, against known languages.

Truth: the CLAUDETTE 2020 folders (de, it, pl, en: each document in that language), the clauses docs
(fr… French, d… English) and their labelled sentences (labels-fr.jsonl French, labels.jsonl English).
The sweep's 193 documents have no language label: their detected languages are counted and the
non-English ones listed, to be read by eye. Baseline (same run): always answering the majority language
of the set, the score a detector must beat.

    python bench/bench_language.py
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tosdiff.flags.text import split_sentences  # noqa: E402
from tosdiff.language import detect_language, section_languages  # noqa: E402
from tosdiff.sections import parse_sections  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
_TAG = re.compile(r"</?[a-z]+\d?>")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def claudette_docs() -> list[tuple[str, str, str]]:
    """(name, language, text) of every CLAUDETTE 2020 document, tags removed."""
    out = []
    for lang in ("de", "it", "pl", "en"):
        for path in sorted((DATA / "claudette-2020" / lang).glob("*.xml")):
            out.append(
                (f"claudette/{lang}/{path.stem}", lang, _TAG.sub("", path.read_text(encoding="utf-8")))
            )
    return out


def clause_docs() -> list[tuple[str, str, str]]:
    """(name, language, text) of the clauses documents: fr… French, d… English."""
    out = []
    for path in sorted((DATA / "clauses" / "docs").glob("*.md")):
        out.append(
            (f"clauses/{path.name}", "fr" if path.name.startswith("fr") else "en", path.read_text("utf-8"))
        )
    return out


def labelled_sentences() -> list[tuple[str, str]]:
    """(language, sentence) of the hand-labelled clause sentences."""
    out = []
    for name, lang in (("labels.jsonl", "en"), ("labels-fr.jsonl", "fr")):
        for line in (DATA / "clauses" / name).read_text("utf-8").splitlines():
            if line.strip():
                out.append((lang, json.loads(line)["text"]))
    return out


def score(pairs: list[tuple[str, str]]) -> tuple[float, float, Counter[str]]:
    """(accuracy, majority baseline, confusion counts 'truth->guess') of (truth, guess) pairs."""
    right = sum(t == g for t, g in pairs)
    majority = Counter(t for t, _ in pairs).most_common(1)[0][1]
    wrong = Counter(f"{t}->{g}" for t, g in pairs if t != g)
    return right / len(pairs), majority / len(pairs), wrong


def report(title: str, pairs: list[tuple[str, str]]) -> None:
    acc, base, wrong = score(pairs)
    print(f"{title:<44} n={len(pairs):>5}  accuracy {acc:.3f}  (majority baseline {base:.3f})")
    if wrong:
        print(f"    errors: {dict(wrong.most_common(8))}")


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} not found")
        return 0
    docs = claudette_docs() + clause_docs()
    start = time.perf_counter()
    doc_pairs = [(lang, detect_language(text)) for _, lang, text in docs]
    elapsed = time.perf_counter() - start
    for (name, lang, _), (_, guess) in zip(docs, doc_pairs, strict=True):
        if guess != lang:
            print(f"  miss: {name}: {lang} detected as {guess}")
    for group in ("claudette", "clauses"):
        pairs = [p for d, p in zip(docs, doc_pairs, strict=True) if d[0].startswith(group)]
        report(f"documents ({group})", pairs)
    print(
        f"    {len(docs) / elapsed:,.0f} documents/s ({sum(len(t) for *_, t in docs) / elapsed / 1e6:.1f} MB/s)"
    )

    # Sections: every section of 12 words or more, in its document's (known, one-language) language.
    sec_pairs = []
    for _, lang, text in docs:
        # The sections section_languages judges on their own words: 12 words or more (title included).
        sections = [s for s in parse_sections(text) if len(_WORDS.findall(f"{s.title} {s.text}")) >= 12]
        sec_pairs += [(lang, g) for g in section_languages(sections, "und").values()]
    report("sections of 12+ words", sec_pairs)

    # Sentences: the CLAUDETTE documents' sentences of 6+ words, and the labelled clause sentences.
    sent_pairs = []
    for _, lang, text in claudette_docs():
        for sent in split_sentences(text):
            if len(sent.split()) >= 6:
                sent_pairs.append((lang, detect_language(sent)))
    report("sentences of 6+ words (claudette)", sent_pairs)
    for lang in ("de", "it", "pl", "en"):
        report(f"  of which {lang}", [p for p in sent_pairs if p[0] == lang])
    start = time.perf_counter()
    labelled = [(lang, detect_language(text)) for lang, text in labelled_sentences()]
    rate = len(labelled) / (time.perf_counter() - start)
    report("labelled clause sentences (en + fr)", labelled)
    print(f"    {rate:,.0f} sentences/s")

    sweep = DATA / "sweep"
    if sweep.exists():
        found: Counter[str] = Counter()
        for folder in sorted(p for p in sweep.iterdir() if p.is_dir()):
            guess = detect_language((folder / "new.md").read_text("utf-8"))
            found[guess] += 1
            if guess != "en":
                print(f"  sweep {folder.name}: {guess}")
        print(f"sweep documents (no labels): {dict(found)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
