"""Text helpers shared by the flag rules, the classifier and its training script.

The CLAUDETTE training sentences are lowercased and PTB-tokenised (``-lrb-``, ``n't``, `` `` ``);
real terms text is not. Both go through :func:`normalise` so the model sees the same tokens at
training and at run time.
"""

from __future__ import annotations

import re

# PTB escapes found in the CLAUDETTE sentences, mapped back to the characters real text has.
_PTB = {
    "-lrb-": "(",
    "-rrb-": ")",
    "-lsb-": "[",
    "-rsb-": "]",
    "-lcb-": "{",
    "-rcb-": "}",
    "``": '"',
    "''": '"',
}
_PTB_RE = re.compile("|".join(re.escape(k) for k in _PTB))
_NOT_RE = re.compile(r"n['’]t\b")
_TOKEN_RE = re.compile(r"[a-z0-9]+")
_DIGITS_RE = re.compile(r"\d+")


def normalise(text: str) -> str:
    """Lowercase, undo PTB escapes and contractions, so corpus and live text compare alike."""
    text = text.lower()
    text = _PTB_RE.sub(lambda m: _PTB[m.group(0)], text)
    # "don't" and the corpus's "do n't" both become "do not"; "can't" -> "ca not" is harmless.
    return _NOT_RE.sub(" not", text)


def tokens(text: str) -> list[str]:
    """Word tokens of a text: normalised, punctuation dropped, digit runs folded to "0"."""
    # Folding digits over the whole string first is the same as per token, at a fraction of the cost.
    return _TOKEN_RE.findall(_DIGITS_RE.sub("0", normalise(text)))


def features(text: str, chars: int = 0) -> list[str]:
    """Unigram and bigram features of a sentence (with repeats; the caller counts them).

    With `chars` > 0, also the character n-grams of that length over the tokens joined by spaces,
    marked with a leading "#" ("#arbi", "#rbit"): they catch word forms the bigrams split apart
    ("arbitrate", "arbitration", "arbitrator").
    """
    toks = tokens(text)
    feats = list(toks)
    feats.extend(f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False))
    if chars > 0:
        joined = " " + " ".join(toks) + " "
        feats.extend("#" + joined[i : i + chars] for i in range(len(joined) - chars + 1))
    return feats


# Abbreviations after which a full stop does not end a sentence (legal text is full of them).
_ABBREV = {
    "e.g",
    "i.e",
    "etc",
    "inc",
    "ltd",
    "llc",
    "co",
    "corp",
    "no",
    "nos",
    "art",
    "arts",
    "sec",
    "secs",
    "para",
    "u.s",
    "u.k",
    "e.u",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "vs",
    "v",
    "cf",
    "seq",
    "al",
    "approx",
    "incl",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
# The same in the other five languages tosdiff reads. Multi-letter ones only: a single letter followed by
# a full stop ("z. B.", "p. es.", "M. Dupont") never ends a sentence anyway.
_ABBREV |= {
    # German: "bzw.", "ggf.", "Abs. 2", "Ziff. 3", "lit. a", "vgl.", "usw.", "d.h.", "u.a."
    *"bzw ggf usw vgl inkl exkl zzgl evtl abs ziff lit nr gem ca sog bspw insb d.h u.a z.b o.g i.v.m".split(),
    *"u.u s.o s.u max min str tel fr hr prof mio mrd".split(),
    # French: "p. ex.", "cf.", "art.", "al." (alinéa), "c.-à-d.", "Mme", "av." (avenue), "env."
    *"ex mme mlle mm av bd env c.-à-d c.à.d".split(),
    # Italian: "ecc.", "p. es.", "lett. a)", "sig.", "dott.", "pag.", "d.lgs.", "s.p.a."
    *"ecc es lett sig sigg dott pag cod d.lgs s.p.a s.r.l ss".split(),
    # Spanish: "p. ej.", "núm.", "pág.", "Sr.", "Sra.", "Ud.", "Avda.", "S.A.", "S.L."
    *"ej núm pág sr sra srta ud uds avda dña s.a s.l".split(),
    # Polish: "np.", "itd.", "itp.", "tj.", "tzn.", "m.in.", "ust.", "pkt", "zł", "ul.", "sp. z o.o."
    *"np itd itp tj tzn m.in ust pkt ul sp o.o zm ds tel późn".split(),
}
# A sentence ends at . ! or ? (closing quotes and brackets kept with it) before a space and the next
# sentence's first letter, checked in the loop: upper case in any script ("Él", "Übrigens", "Łącznie").
_SPLIT_RE = re.compile(r"(?<=[.!?])[\"'”’»)\]]*\s+(?=[\"'“‘„«(\[]?\s?\w)")
_OPENERS = "\"'“‘„«([ "
_LIST_MARK_RE = re.compile(r"^\s*(?:[-*•]|\d+[.)]|\(?[a-z0-9]{1,4}\))\s+")
MAX_SENTENCE = 1500  # characters; longer runs are cut so one sentence cannot dominate the cost


def split_sentences(text: str) -> list[str]:
    """Split section text (one paragraph a line) into sentences, keeping abbreviations whole."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("|---") or set(line) <= {"|", "-", " ", ":"}:
            continue
        line = line.lstrip("#").strip()
        start = 0
        for m in _SPLIT_RE.finditer(line):
            first = line[m.end() : m.end() + 3].lstrip(_OPENERS)[:1]
            if not (first.isupper() or first.isdigit()):
                continue
            before = line[start : m.start()].rstrip("\"'”’»)]")
            word = before.rsplit(None, 1)[-1].lower().rstrip(".!?;") if before.split() else ""
            word = word.lstrip(_OPENERS)  # "(z. B." and "(np." are abbreviations inside brackets
            elided = word.rsplit("'", 1)[-1].rsplit("’", 1)[-1]  # "l'art." is "art."
            if word in _ABBREV or elided in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
            out.append(line[start : m.start()].strip())
            start = m.end()
        out.append(line[start:].strip())
    return [s[:MAX_SENTENCE] for s in out if any(c.isalnum() for c in s)]


def is_list_item(sentence: str) -> bool:
    """True when the sentence starts with a list marker ("- ", "3. ", "(b) ")."""
    return bool(_LIST_MARK_RE.match(sentence))
