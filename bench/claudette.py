"""Load the CLAUDETTE ToS-50 corpus (Lippi et al. 2019; LexGLUE UNFAIR-ToS, CC BY 4.0) and its split."""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable
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
_TAG_RE = re.compile(r"<(/?)([a-z]+?)([0-9]?)>")
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
    """Plain text of a tagged document and its spans (start, end, category, degree 1-3)."""
    out: list[str] = []
    pos = 0
    length = 0
    open_: dict[str, list[tuple[int, int]]] = {}
    spans: list[tuple[int, int, str, int]] = []
    for m in _TAG_RE.finditer(text):
        chunk = text[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, degree = m.group(1), m.group(2), m.group(3)
        if closing:
            if open_.get(name):
                start, deg = open_[name].pop()
                if name in TAG_CODES and deg:
                    spans.append((start, length, TAG_CODES[name], deg))
        else:
            open_.setdefault(name, []).append((length, int(degree or 0)))
    out.append(text[pos:])
    return html.unescape("".join(out)), spans


def load_2020(
    companies: list[str], split: Callable[[str], list[str]]
) -> tuple[list[str], dict[str, list[int]], list[str]]:
    """Sentences of the companies, per category their degree (0 untagged, 1 fair .. 3 unfair), and
    each sentence's company. A sentence carries a tag's degree when half of it, or half of the tagged
    span, lies in the span."""
    sents: list[str] = []
    degrees: dict[str, list[int]] = {cat: [] for cat in CODES.values()}
    owners: list[str] = []
    for company in companies:
        plain, spans = parse_tagged((DATA_2020 / f"{company}.xml").read_text(encoding="utf-8"))
        offset = 0
        for line in plain.splitlines(keepends=True):
            cursor = 0
            for sent in split(line):
                at = line.find(sent[:50], cursor)
                at = cursor if at < 0 else at
                start, end = offset + at, offset + at + len(sent)
                cursor = at + len(sent)
                best = dict.fromkeys(CODES.values(), 0)
                for s0, s1, cat, deg in spans:
                    ov = min(end, s1) - max(start, s0)
                    if ov > 0 and ov >= 0.5 * min(end - start, s1 - s0):
                        best[cat] = max(best[cat], deg)
                sents.append(sent)
                owners.append(company)
                for cat in CODES.values():
                    degrees[cat].append(best[cat])
            offset += len(line)
    return sents, degrees, owners


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
