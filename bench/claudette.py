"""Load the CLAUDETTE ToS-50 corpus (Lippi et al. 2019; LexGLUE UNFAIR-ToS, CC BY 4.0) and its split."""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "claudette-tos50"

# LexGLUE split (companies sorted by year), from the corpus README.
TRAIN = (
    "Tinder Betterpoints_UK Deliveroo 9gag Booking YouTube Yahoo TrueCaller Skype WorldOfWarcraft Viber "
    "Microsoft Instagram Rovio Onavo Moves-app Syncme Google Facebook Vivino Atlas Dropbox musically "
    "Spotify Endomondo WhatsApp Zynga PokemonGo Masquerade Skyscanner"
).split()
VALIDATION = (
    "Nintendo Airbnb Crowdtangle TripAdvisor Supercell Headspace Fitbit Vimeo Oculus LindenLab".split()
)
TEST = "Academia Amazon Netflix Snap Twitter LinkedIn Duolingo Uber Evernote eBay".split()

# Corpus code -> tosdiff category name.
CODES = {
    "LTD": "liability",
    "TER": "termination",
    "CH": "unilateral-change",
    "CR": "content-removal",
    "USE": "contract-by-using",
    "LAW": "choice-of-law",
    "J": "jurisdiction",
    "A": "arbitration",
}


def _find(folder: Path, company: str) -> Path:
    """The company's file in a folder, matched without regard to case."""
    for p in folder.iterdir():
        if p.stem.lower() == company.lower():
            return p
    raise FileNotFoundError(f"{company} not in {folder}")


def load(companies: list[str]) -> tuple[list[str], dict[str, list[int]]]:
    """Sentences of the companies and, per category, 0/1 labels aligned with them."""
    sents: list[str] = []
    labels: dict[str, list[int]] = {cat: [] for cat in CODES.values()}
    for company in companies:
        lines = _find(DATA / "Sentences", company).read_text(encoding="utf-8").splitlines()
        sents.extend(lines)
        for code, cat in CODES.items():
            lab = _find(DATA / f"Labels_{code}", company).read_text(encoding="utf-8").split()
            assert len(lab) == len(lines), (company, code)
            labels[cat].extend(1 if x.strip() == "1" else 0 for x in lab)
    return sents, labels


# --- CLAUDETTE 2018-2020 (Galassi et al. 2024, CC BY 4.0): whole documents with inline tags ---------

DATA_2020 = DATA.parent / "claudette-2020" / "en"
# Tag names are lower case but for one structural <countryM> wrapper, removed like the others.
_TAG_RE = re.compile(r"<(/?)([A-Za-z]+?)([0-9]?)>")
# CLAUDETTE's tag names (<ltd2>, <a1>, ...) and tosdiff's category for each; shared by the trainers.
TAG_CODES = {
    "ltd": "liability",
    "ter": "termination",
    "ch": "unilateral-change",
    "cr": "content-removal",
    "use": "contract-by-using",
    "law": "choice-of-law",
    "j": "jurisdiction",
    "a": "arbitration",
}


def companies_2020() -> list[str]:
    """Companies of the newer English corpus (file stems), sorted."""
    return sorted(p.stem for p in DATA_2020.glob("*.xml"))


def _same_company(a: str, b: str) -> bool:
    """One company under two names ("GooglePayments" and "Google")."""
    a, b = a.lower(), b.lower()
    return a == b or a.startswith(b) or b.startswith(a)


def split_2020() -> tuple[list[str], list[str]]:
    """(train, held-out) companies of the newer corpus, grouped by company.

    Companies whose older terms are in ToS-50 train/validation are always train (the model has seen
    their wording); of the others, those with an even sha256 of the name are held out.
    """
    seen = TRAIN + VALIDATION
    train, held = [], []
    for c in companies_2020():
        old = any(_same_company(c, s) for s in seen)
        if not old and int(hashlib.sha256(c.encode()).hexdigest(), 16) % 2 == 0:
            held.append(c)
        else:
            train.append(c)
    return train, held


def parse_tagged(text: str) -> tuple[str, list[tuple[int, int, str, int]]]:
    """Plain text of a tagged document and its spans (start, end, category, degree 1-3).

    Tags outside the eight categories (``pinc``, privacy included) give spans with category "": they
    still delimit one labelled clause.
    """
    out: list[str] = []
    pos = 0
    length = 0
    open_: dict[str, list[tuple[int, int]]] = {}
    spans: list[tuple[int, int, str, int]] = []
    for m in _TAG_RE.finditer(text):
        chunk = html.unescape(text[pos : m.start()])  # per chunk, so offsets count unescaped text
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, degree = m.group(1), m.group(2), m.group(3)
        if closing:
            if open_.get(name):
                start, deg = open_[name].pop()
                if deg:
                    spans.append((start, length, TAG_CODES.get(name, ""), deg))
        else:
            open_.setdefault(name, []).append((length, int(degree or 0)))
    out.append(html.unescape(text[pos:]))
    return "".join(out), spans


def sentence_offsets(plain: str, split: Callable[[str], list[str]]) -> list[tuple[int, int, str]]:
    """(start, end, sentence) of every sentence of a plain text, split line by line as tosdiff does."""
    out: list[tuple[int, int, str]] = []
    offset = 0
    for line in plain.splitlines(keepends=True):
        cursor = 0
        for sent in split(line):
            at = line.find(sent[:50], cursor)
            at = cursor if at < 0 else at
            out.append((offset + at, offset + at + len(sent), sent))
            cursor = at + len(sent)
        offset += len(line)
    return out


@dataclass(frozen=True)
class Unit:
    """One scoring unit of the newer corpus, as CLAUDETTE counts them: a tagged clause or an untagged sentence.

    A tag may cover several of tosdiff's sentences (a clause with a list: "we may apply these sanctions:
    1. ..., 2. ..."); CLAUDETTE labels and scores it once, as one sentence, so it is one unit here, with
    the sentences tosdiff splits it into. `degrees` holds, per category, the highest degree of a tag on the
    unit (0 untagged, 1 fair .. 3 clearly unfair); 2 and 3 count as unfair. `tagged` says whether any
    tag (of any degree, ``pinc`` included) labels it: the units of the tagged-clauses-only scoring.
    """

    company: str
    text: str
    sentences: tuple[str, ...]
    degrees: dict[str, int]
    tagged: bool = False


def _labelled(start: int, end: int, s0: int, s1: int) -> bool:
    """A sentence carries a tag when half of it, or half of the tagged span, lies in the span."""
    ov = min(end, s1) - max(start, s0)
    return ov > 0 and ov >= 0.5 * min(end - start, s1 - s0)


def load_2020_units(companies: list[str], split: Callable[[str], list[str]]) -> list[Unit]:
    """The scoring units of the companies' documents, in document order (see Unit)."""
    units: list[Unit] = []
    for company in companies:
        tagged = (DATA_2020 / f"{company}.xml").read_text(encoding="utf-8")
        units.extend(document_units(company, tagged, split))
    return units


def document_units(company: str, tagged: str, split: Callable[[str], list[str]]) -> list[Unit]:
    """The scoring units of one tagged document, in document order.

    Sentences that one tag labels are merged into one unit, and so are units that share a sentence
    (nested or overlapping tags of two categories over the same clause).
    """
    plain, spans = parse_tagged(tagged)
    sents = sentence_offsets(plain, split)
    # Union of the sentences each tag labels (every tag, of any degree or category, delimits a unit).
    group = list(range(len(sents)))
    degrees: list[dict[str, int]] = [{} for _ in sents]
    tagged: set[int] = set()
    for s0, s1, cat, deg in spans:
        members = [i for i, (a, b, _) in enumerate(sents) if a < s1 and b > s0 and _labelled(a, b, s0, s1)]
        tagged.update(members)
        for i in members:
            if cat:
                degrees[i][cat] = max(degrees[i].get(cat, 0), deg)
        for i in members[1:]:
            root, other = group[members[0]], group[i]
            group = [root if g == other else g for g in group]
    order: dict[int, list[int]] = {}
    for i, g in enumerate(group):
        order.setdefault(g, []).append(i)
    units: list[Unit] = []
    for members in sorted(order.values()):
        deg = {c: max(degrees[i].get(c, 0) for i in members) for c in CODES.values()}
        parts = tuple(sents[i][2] for i in members)
        start, end = sents[members[0]][0], sents[members[-1]][1]
        text = " ".join(plain[start:end].split()) if len(members) > 1 else parts[0]
        units.append(Unit(company, text, parts, deg, any(i in tagged for i in members)))
    return units


# --- Real clauses labelled for tosdiff's three own flags (shared/data/clauses) ---------------------

CLAUSES = DATA.parent / "clauses" / "labels.jsonl"
OWN = ("ai-training", "content-licence", "data-sharing")


def clauses_heldout(service: str) -> bool:
    """The grouped held-out third of the labelled clauses (same split as the previous measurements)."""
    return int(hashlib.sha256(service.encode()).hexdigest(), 16) % 3 == 0


def load_clauses() -> list[dict]:
    """Labelled sentences grouped by text: {text, service, doc, held, gold: {category: polarity}}."""
    by_text: dict[str, dict] = {}
    for line in CLAUSES.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        row = by_text.setdefault(
            r["text"],
            {
                "text": r["text"],
                "service": r["service"],
                "doc": r["doc"],
                "held": clauses_heldout(r["service"]),
                "gold": {},
            },
        )
        if r["category"] in OWN:
            row["gold"][r["category"]] = r["polarity"]
    return list(by_text.values())
