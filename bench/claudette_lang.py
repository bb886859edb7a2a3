"""Read multilingual CLAUDETTE (../shared/data/claudette-2020/<lang>/) the way tosdiff reads terms.

Used by bench/train_flags_lang.py (training venv, scikit-learn) and bench/bench_flags_lang.py (tosdiff's
venv), so both import nothing of tosdiff but the two pure-Python files they need, loaded by path.

Evaluation unit. At run time tosdiff flags the sentences that ``tosdiff.flags.text.split_sentences``
cuts from a section; so the documents are cut by that same splitter (after the tags are removed), and a
sentence carries a category when half of it, or half of the tagged span, lies in a span of degree 2 or
3 (degree 1 = "clearly fair" is negative, as in the usual task). A tagged clause that runs over several
sentences (a list of sanctions, one item a line) is one unit: it is found when any of its sentences is
flagged, so one clause is never counted as ten misses (or ten hits), and its "9." line is never asked
for a flag of its own. Headings and every untagged sentence are units too (negatives).
"""

from __future__ import annotations

import hashlib
import importlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claudette import TAG_CODES, sentence_offsets  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "claudette-2020"
LANGS = ("de", "it", "pl")
FOLDS = 4
# CLAUDETTE's tag names and tosdiff's categories: the one table the English trainer reads too.
CODES = TAG_CODES
CATEGORIES = tuple(CODES.values())
# A tag is a lowercase name and a degree digit (<ltd2>); <countryM> (a country-specific passage) and a
# stray HTML <a> are not labels: the first is dropped, the second (no digit) kept out of the spans.
_TAG_RE = re.compile(r"<(/?)([a-z]+)([0-9]?)>")
_NOISE_RE = re.compile(r"</?countryM>")


def load_module(stem: str) -> ModuleType:
    """Import one of tosdiff's pure-Python flag files (tosdiff/flags/<stem>.py) without tosdiff's deps.

    The training venv lacks tosdiff's dependencies, which ``tosdiff/flags/__init__.py`` imports, so the
    files are imported as members of a stand-in package over the same folder: their relative imports
    (``from .classifier import ...``) resolve to the sibling files, and nothing else is run.
    """
    pkg = "_tosdiff_flags"
    if pkg not in sys.modules:
        stand_in = ModuleType(pkg)
        stand_in.__path__ = [str(ROOT / "tosdiff" / "flags")]
        sys.modules[pkg] = stand_in
    return importlib.import_module(f"{pkg}.{stem}")


split_sentences = load_module("text").split_sentences


@dataclass(frozen=True)
class Unit:
    """One evaluation unit: its sentences (as tosdiff splits them) and its categories of degree >= 2."""

    sentences: tuple[str, ...]
    labels: frozenset[str]
    fair: frozenset[str]  # categories tagged degree 1 only (clearly fair): negatives

    @property
    def text(self) -> str:
        """The unit's sentences joined (what the trainer learns from)."""
        return " ".join(self.sentences)


def parse_tagged(text: str) -> tuple[str, list[tuple[int, int, str, int]]]:
    """Plain text of a tagged document and its spans (start, end, category, degree 1-3)."""
    text = _NOISE_RE.sub("", text)
    out: list[str] = []
    pos = length = 0
    open_: dict[str, list[tuple[int, int]]] = {}
    spans: list[tuple[int, int, str, int]] = []
    for m in _TAG_RE.finditer(text):
        closing, name, degree = m.group(1), m.group(2), m.group(3)
        if name not in CODES and name != "pinc":
            continue  # not a label: keep the text as it is
        chunk = text[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        if closing:
            if open_.get(name):
                start, deg = open_[name].pop()
                if name in CODES and deg:
                    spans.append((start, length, CODES[name], deg))
        else:
            open_.setdefault(name, []).append((length, int(degree or 0)))
    out.append(text[pos:])
    return "".join(out), spans


def document_units(text: str) -> list[Unit]:
    """Units of one tagged document, in reading order."""
    plain, spans = parse_tagged(text)
    sents = sentence_offsets(plain, split_sentences)
    degree: list[dict[str, int]] = []
    for a, b, _ in sents:
        best: dict[str, int] = {}
        for s0, s1, cat, deg in spans:
            ov = min(b, s1) - max(a, s0)
            if ov > 0 and ov >= 0.5 * min(b - a, s1 - s0):
                best[cat] = max(best.get(cat, 0), deg)
        degree.append(best)
    # Sentences that lie (mostly) inside one span are one unit; spans chain (union-find).
    parent = list(range(len(sents)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for s0, s1, _, _ in spans:
        inside = [i for i, (a, b, _) in enumerate(sents) if min(b, s1) - max(a, s0) >= 0.5 * (b - a)]
        for i in inside[1:]:
            parent[root(i)] = root(inside[0])
    groups: dict[int, list[int]] = {}
    for i in range(len(sents)):
        groups.setdefault(root(i), []).append(i)
    units = []
    for members in sorted(groups.values()):
        deg: dict[str, int] = {}
        for i in members:
            for cat, d in degree[i].items():
                deg[cat] = max(deg.get(cat, 0), d)
        units.append(
            Unit(
                sentences=tuple(sents[i][2] for i in members),
                labels=frozenset(c for c, d in deg.items() if d >= 2),
                fair=frozenset(c for c, d in deg.items() if d == 1),
            )
        )
    return units


def load(lang: str) -> dict[str, list[Unit]]:
    """Every company of one language: its units (companies sorted by name)."""
    return {
        p.stem: document_units(p.read_text(encoding="utf-8")) for p in sorted((DATA / lang).glob("*.xml"))
    }


def fold_of(company: str, companies: list[str]) -> int:
    """Company-grouped fold: the sorted companies dealt in turn, the same in every language."""
    return sorted(companies).index(company) % FOLDS


def digest(lang: str) -> str:
    """Short hash of one language's files, recorded with the figures they gave."""
    h = hashlib.sha256()
    for p in sorted((DATA / lang).glob("*.xml")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]
