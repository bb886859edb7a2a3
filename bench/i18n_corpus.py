"""The real non-English terms behind bench/data/labels-i18n.jsonl, read from ../shared/data.

A labelled sentence is stored as a reference (file, sha1 of the sentence with its spaces collapsed),
never as text: this module re-reads the files, cuts them into sentences with tosdiff's own splitter
and resolves each reference. The companies' terms stay in ../shared/data.

Sources (the language of each is fixed here, not guessed per sentence):
- claudette-2020/{de,it,pl}/<Company>.xml: the same 28 companies' own terms in three languages
  (inline tags stripped);
- sweep/<folder>/new.md: the German and French documents of the dating and pga collections;
- clauses/docs/d121-tagged-privacy-policy-md.md: one privacy policy with whole Spanish, German,
  French and Polish versions (line ranges below), the only Spanish terms in the shared data;
- clauses/docs/fr*.md: 34 French documents of 27 services (Open Terms Archive france collection),
  the documents of ../shared/data/clauses/labels-fr.jsonl, whose other sentences nobody had labelled
  (third round); the company is labels-fr's service name.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tosdiff.flags.text import split_sentences  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
LABELS = ROOT / "bench" / "data" / "labels-i18n.jsonl"

# Companies set aside before any rule was checked against their labelled sentences: the held-out part.
# The 28 CLAUDETTE companies are split by the first hex digit of sha1(company) (< 8 is held out), so
# the choice owes nothing to their wording; a company is held out in every language it appears in
# (CLAUDETTE has the same 28 in de, it, pl). Of the few privacy-policy companies, that digit would
# have held out none with French or Spanish sharing clauses, so ParshipMeet (Parship's policy and The
# Meet Group's Tagged policy, one group since 2020; the only Spanish text) is held out by name,
# chosen before any rule ran on the labels; Match Group (Meetic, Disons Demain, LoveScout24: one
# policy in two languages) stays on the tuning side.
HELD_OUT_BY_NAME = frozenset({"ParshipMeet"})


# After the first held-out measurement (recorded in the README), the held-out companies whose second
# hex digit is 8 or more (Groupon, Klarna, Quora, Ubisoft, Yahoo, Mektoube) joined the tuning side
# for a second round; the held-out figures are on the others, which no rule was ever checked against.


# Third round (fresh held-out), decided before any rule ran on the sentences labelled in that round:
# the companies no rule was ever tuned on (the held-out CLAUDETTE companies above, ParshipMeet,
# Telegram) and the French services that labels-fr.jsonl's benchmark held out (HELD_OUT_FR), each in
# every language it appears in. Their sentences first labelled in the third round (labels whose
# "round" is 3) are the fresh held-out set, measured once at the end; their older labels stay the old
# held-out set. Every other company is on the tuning side in every round.
HELD_OUT_FR = frozenset({"TikTok", "Spotify", "Levis", "Air France", "Malt", "Vertbaudet", "Decathlon"})
FRESH_ROUND = 3


def _digits(company: str) -> str:
    return hashlib.sha1(company.encode()).hexdigest()


def held_out(company: str) -> bool:
    """True when a company's sentences are only used for the held-out figures."""
    if company in HELD_OUT_BY_NAME or company in HELD_OUT_FR:
        return True
    digits = _digits(company)
    return digits[0] < "8" and digits[1] < "8"


# d121 holds one policy in many languages; these are the line ranges (1-based, inclusive) per language.
D121 = "clauses/docs/d121-tagged-privacy-policy-md.md"
D121_BLOCKS = {"es": (937, 1422), "de": (1909, 2394), "fr": (2395, 2880), "pl": (2881, 3366)}

SWEEP = {
    "de": ("dating-finya", "dating-lovescout24", "pga-telegram"),
    "fr": (
        "dating-adopteunmec",
        "dating-badoo",
        "dating-disonsdemain",
        "dating-meetic",
        "dating-mektoube",
        "dating-parship",
    ),
}
# One company behind several services: their policies share wording, so they are held out together.
COMPANY = {
    "dating-parship": "ParshipMeet",
    "dating-meetic": "MatchGroup",
    "dating-disonsdemain": "MatchGroup",
    "dating-lovescout24": "MatchGroup",
}

_TAG_RE = re.compile(r"</?[a-z]+\d>")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a source file, with what the labels refer to it by."""

    file: str  # relative to ../shared/data
    lang: str
    company: str
    text: str

    @property
    def sha1(self) -> str:
        """The reference a label stores."""
        return sentence_sha1(self.text)


def sentence_sha1(text: str) -> str:
    """sha1 of a sentence with its whitespace collapsed (stable across line wrapping)."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def strip_tags(xml: str) -> str:
    """A CLAUDETTE document without its inline tags."""
    return _TAG_RE.sub("", xml)


def _sources() -> Iterator[tuple[str, str, str, str]]:
    """(file, lang, company, text) of every source present."""
    for lang in ("de", "it", "pl"):
        for p in sorted((DATA / "claudette-2020" / lang).glob("*.xml")):
            yield f"claudette-2020/{lang}/{p.name}", lang, p.stem, strip_tags(p.read_text(encoding="utf-8"))
    for lang, prefixes in SWEEP.items():
        for prefix in prefixes:
            for d in sorted((DATA / "sweep").glob(prefix + "-*")):
                if (d / "new.md").is_file():
                    company = COMPANY.get(prefix, prefix.split("-", 1)[1])
                    yield f"sweep/{d.name}/new.md", lang, company, (d / "new.md").read_text(encoding="utf-8")
    labels_fr = DATA / "clauses" / "labels-fr.jsonl"
    services: dict[str, str] = {}
    if labels_fr.is_file():
        for line in labels_fr.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                services[row["doc"]] = row["service"]
    for p in sorted((DATA / "clauses" / "docs").glob("fr*.md")):
        if p.name in services:
            yield f"clauses/docs/{p.name}", "fr", services[p.name], p.read_text(encoding="utf-8")
    p = DATA / D121
    if p.is_file():
        lines = p.read_text(encoding="utf-8").splitlines()
        for lang, (a, b) in D121_BLOCKS.items():
            yield D121, lang, "ParshipMeet", "\n".join(lines[a - 1 : b])


def sentences() -> list[Sentence]:
    """Every sentence of every source, in order; a sentence a company repeats (in another of its
    documents, or twice in one) is kept once, in the first file it appears in."""
    out: list[Sentence] = []
    seen: set[tuple[str, str, str]] = set()
    for file, lang, company, text in _sources():
        for s in split_sentences(text):
            key = (company, lang, sentence_sha1(s))
            if key not in seen:
                seen.add(key)
                out.append(Sentence(file, lang, company, s))
    return out


@dataclass(frozen=True)
class Label:
    """A labelled sentence, resolved to its text."""

    sentence: Sentence
    category: str  # ai-training, content-licence, data-sharing or none
    polarity: str  # permissive, protective, other ("" for none)
    note: str
    round: int = 1  # the labelling round (FRESH_ROUND: the fresh held-out set of held-out companies)

    @property
    def fresh(self) -> bool:
        """True for a label first made in the third round (fresh held-out when its company is held out)."""
        return self.round >= FRESH_ROUND


def labels() -> tuple[list[Label], int]:
    """The labels resolved against the sources, and how many references did not resolve."""
    if not LABELS.is_file():
        return [], 0
    index = {(s.file, s.lang, s.sha1): s for s in sentences()}
    out: list[Label] = []
    missing = 0
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        s = index.get((row["file"], row["lang"], row["sha1"]))
        if s is None:
            missing += 1
            continue
        out.append(
            Label(s, row["category"], row.get("polarity", ""), row.get("note", ""), int(row.get("round", 1)))
        )
    return out, missing
