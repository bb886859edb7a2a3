"""Pure-Python linear classifier for the eight CLAUDETTE unfair-term categories.

The weights in ``model.json`` are trained by ``bench/train_flags.py`` on the train and validation
companies of the CLAUDETTE ToS-50 corpus (Lippi et al., "CLAUDETTE: an automated detector of
potentially unfair clauses in online terms of service", Artificial Intelligence and Law 27, 2019),
as redistributed by LexGLUE (Chalkidis et al., ACL 2022) as UNFAIR-ToS under CC BY 4.0, and on the
train companies of CLAUDETTE 2018-2020 (Galassi et al., Artificial Intelligence and Law, 2024).

Model: sublinear TF-IDF over word unigrams and bigrams and, when the model says so (``chars``),
character n-grams of the words, L2-normalised, one linear SVM per category; each category has its
own decision threshold, chosen by company-grouped cross-validation. Gates (``gates`` in the model)
keep the model from flagging what cannot be such a clause whatever its words: a heading ("Limitation
of Liability", "Governing Law"), or the user's own liability, removal or termination ("You are liable
for any content you upload", "You may remove your Content at any time"); bench/train_flags.py chooses
the thresholds with the gates applied.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from .text import features, tokens

MODEL_PATH = Path(__file__).with_name("model.json")

# A gated category's score is held below the threshold by at least this much.
GATED = -1.0
# A heading: a few words with no verb ("Limits on liability", "ACCEPTANCE OF THE TERMS", "Our liability.").
# A clause of any category needs a verb; of the training sentences of at most 7 words without one of these
# verbs, one is tagged unfair alone (a list item: "(f) any other commercial damages or losses"); the others
# tagged are parts of a clause tagged as a whole (bench/train_flags.py --gates: the cross-validated effect).
HEADING_WORDS = 7
_VERBS = frozenset(
    "may might will shall must can could would should is are was were be been being agree agrees accept "
    "accepts do does did have has had reserve reserves not apply applies govern governs governed survive "
    "survives remain remains waive waives include includes mean means need needs want wish acknowledge "
    "acknowledges terminate terminates limit limits exclude excludes".split()
)
# The user's own liability, removal or termination: the clause binds or frees the user, not the provider
# ("You will be solely liable for any damage ...", "You may remove your Content ...", "If you wish to
# terminate your Account, ..."). Only at the head of the sentence (a numbering or two words may precede), so
# "you agree that we are not liable" or a later "... and we may terminate" is not gated.
_HEAD = r"^\W*(?:[\w.()-]+ ){0,2}?"
USER_SIDE: dict[str, re.Pattern[str]] = {
    "liability": re.compile(
        _HEAD
        + r"you (?:are|will be|shall be|remain|will remain|agree to be) (?:\w+ )?(?:liable|responsible)\b"
    ),
    "content-removal": re.compile(
        _HEAD + r"you (?:may|can|must|should|are able to) (?:\w+ ){0,2}?(?:remove|delete|edit)\b"
    ),
    "termination": re.compile(
        _HEAD
        + r"(?:if (?:at any time )?you (?:want|wish|decide|would like) to|you (?:may|can|will be able to|"
        r"are free to)) (?:\w+ ){0,2}?(?:terminate|cancel|close|end)\b"
    ),
}
# A definition of a quoted term ('"Liability" means liability in or for any cause of action ...'): it says
# what a word means, not what anyone may do.
# Quotes may come doubled, as in the PTB-tokenised training sentences ("`` offers '' means ...").
_DEFINITION = re.compile(
    r'^\W*["\u201c`\']{1,2}[^"\u201d`\']{1,40}["\u201d\']{1,2} (?:means|shall mean|refers to|is defined as)\b'
)
_ALL = frozenset({"*"})


def is_heading(sentence: str) -> bool:
    """A few words with no verb: a heading, never a clause by itself."""
    # Cheap tests first: a heading of 7 words is never this long, nor split by this many spaces.
    if len(sentence) > 120 or len(sentence.split()) > 2 * HEADING_WORDS:
        return False
    toks = tokens(sentence)
    return len(toks) <= HEADING_WORDS and not _VERBS.intersection(toks)


def gated(sentence: str) -> frozenset[str]:
    """Categories the model may not flag in this sentence ("*": none at all)."""
    # A question ("When could you suspend or close my account?") heads an FAQ-style section: the answer
    # under it is the clause. None of the 37 questions in the training sentences is tagged unfair.
    if sentence.rstrip().endswith("?") or is_heading(sentence):
        return _ALL
    head = sentence[:200].lower()  # the patterns look at the head of the sentence only
    if "mean" in head or "refer" in head or "defined" in head:
        if _DEFINITION.search(head):
            return _ALL
    if "you" not in head:
        return frozenset()
    return frozenset(cat for cat, rx in USER_SIDE.items() if rx.search(head))


@dataclass(frozen=True)
class LinearModel:
    """Vocabulary with idf weights and, per category, sparse weights, bias and threshold.

    The same scorer serves the English model and the German, Italian and Polish ones (i18n_model):
    only the features differ, given by `featurize`.
    """

    # feature -> (idf * weight of each category ..., idf ** 2): a dense row per feature, so a sentence's
    # rows are summed column by column in C (zip + sum) instead of a Python loop per weight; a feature
    # no category weighs still has its row, since it counts in the L2 norm the weights were fitted with.
    table: dict[str, tuple[float, ...]]
    categories: tuple[str, ...]
    offset: tuple[float, ...]  # bias minus threshold, per category
    featurize: Callable[[str], list[str]] = features
    gate: Callable[[str], frozenset[str]] | None = None  # see gated(); None: every category may fire

    def scores(self, sentence: str) -> dict[str, float]:
        """Decision value minus threshold per category (> 0 means the category applies)."""
        counts = Counter(self.featurize(sentence))  # counted in C
        table = self.table
        rows = []
        for f, c in counts.items():
            row = table.get(f)
            if row is not None:
                if c > 1:  # sublinear tf: the row scales by 1 + log(c), its squared norm by the square
                    t = 1.0 + math.log(c)
                    row = (*(x * t for x in row[:-1]), row[-1] * t * t)
                rows.append(row)
        n = len(self.categories)
        if not rows:
            out = {cat: self.offset[k] for k, cat in enumerate(self.categories)}
        else:
            sums = list(map(sum, zip(*rows, strict=True)))
            norm = math.sqrt(sums[n]) or 1.0
            out = {cat: sums[k] / norm + self.offset[k] for k, cat in enumerate(self.categories)}
        if self.gate is not None:
            shut = self.gate(sentence)
            for cat in out if "*" in shut else shut:
                out[cat] = min(out[cat], GATED)
        return out

    def predict(self, sentence: str) -> list[str]:
        """Categories whose score clears their threshold."""
        return [c for c, s in self.scores(sentence).items() if s > 0]


def model_from_dict(
    data: dict, featurize: Callable[[str], list[str]], gate: Callable[[str], frozenset[str]] | None = None
) -> LinearModel:
    """Build a model from the JSON structure the trainers write (features, idf, weights, bias, threshold)."""
    cats = tuple(data["categories"])
    dense: list[list[float]] = [[0.0] * len(cats) for _ in data["features"]]
    for k, cat in enumerate(cats):
        for i, w in data["weights"][cat].items():
            dense[int(i)][k] = float(w)
    table = {
        f: (*(float(idf) * w for w in ws), float(idf) ** 2)
        for f, idf, ws in zip(data["features"], data["idf"], dense, strict=True)
    }
    offset = tuple(float(data["bias"][c]) - float(data["threshold"][c]) for c in cats)
    return LinearModel(table=table, categories=cats, offset=offset, featurize=featurize, gate=gate)


def load_model(path: Path = MODEL_PATH) -> LinearModel:
    """Read a model file written by bench/train_flags.py."""
    data = json.loads(path.read_text(encoding="utf-8"))
    chars = int(data.get("chars", 0))  # length of the character n-grams among the features (0: words only)
    gate = gated if data.get("gates") else None  # models written before the gates score as they were trained
    return model_from_dict(data, partial(features, chars=chars) if chars else features, gate)


@lru_cache(maxsize=1)
def default_model() -> LinearModel | None:
    """The shipped model, loaded once; None when the file is missing (rules still work)."""
    if not MODEL_PATH.exists():
        return None
    return load_model(MODEL_PATH)
