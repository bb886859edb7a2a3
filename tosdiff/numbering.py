"""How clauses are numbered: the label at the start of a line ("10.4", "Article 5", "§ 5 Abs. 2", "(b)",
"iv.", "lit. a", "Chapitre II") read into a kind of count and a value.

Only the reading of one line lives here; how labels nest into a tree of clauses is ``tosdiff.sections``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Label", "is_titleish", "names_a_clause", "parse_label", "strip_emphasis"]

# Clause prefixes. Article words of the six languages all give "article-N" ids (so --section article-5
# finds the clause whatever the language); the others ("Section", "§", "Cláusula", "Ziffer") give "N".
_ARTICLE_WORDS = r"article|art\.|artikel|articolo|artículo|articulo|artigo|artykuł|artykul"
_CLAUSE_WORDS = r"section|sec\.|clause|cláusula|clausula|clausola|ziffer|ziff\.|paragraf|§{1,2}"
# Word numbers that open a count ("Article premier", "Artículo primero").
# Ordinal words that number clauses ("Article premier", "Cláusula segunda", "Articolo terzo"): Spanish
# and Italian contracts count their clauses this way. Masculine and feminine forms alike.
_ORDINALS: dict[str, int] = {
    **dict.fromkeys(("premier", "première", "pierwszy", "unique", "único", "unico"), 1),
    **{
        word + ending: n
        for n, stems in enumerate(
            (
                ("primer", "prim"),
                ("segund", "second"),
                ("tercer", "terz"),
                ("cuart", "quart"),
                ("quint",),
                ("sext", "sest"),
                ("séptim", "septim", "settim"),
                ("octav", "ottav"),
                ("noven", "non"),
                ("décim", "decim"),
            ),
            start=1,
        )
        for word in stems
        for ending in ("o", "a")
    },
}
_FIRST = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_PREFIXED = re.compile(
    rf"^(?P<pfx>{_ARTICLE_WORDS}|{_CLAUSE_WORDS})\s*"
    rf"(?P<num>\d{{1,3}}(?:\.\d{{1,3}})*|[IVXLC]{{1,7}}(?=(?:er|re)?\b)|(?:{_FIRST})\b)"
    r"(?:er|re|º|°|ª|\.º)?(?P<bis>[ -](?:bis|ter|quater)\b)?\.?(?P<sub>(?:\([a-z0-9]{1,4}\))*)"
    # German, Polish, Italian, Spanish and French sub-references: "§ 5 Abs. 2", "Art. 6 ust. 1 lit. a".
    r"(?P<refs>(?:\s*(?:abs\.|absatz|ust\.|ustęp|comma|apartado|alinéa|al\.|lit\.|litera|lett\.|nr\.|pkt\.?"
    r"|satz|s\.)\s*(?:\d{1,3}|[a-z])\b\)?)*)",
    re.IGNORECASE,
)
_REF = re.compile(
    r"(abs\.|absatz|ust\.|ustęp|comma|apartado|alinéa|al\.|lit\.|litera|lett\.|nr\.|pkt\.?|satz|s\.)"
    r"\s*(\d{1,3}|[a-z])",
    re.IGNORECASE,
)
# Divisions above the clauses, by rank: a part holds titles, a title chapters, a chapter sections.
# Their ids are language-neutral too ("Chapitre II", "Kapitel 2", "Rozdział II" -> "chapter-2").
_DIVISIONS = {
    "part": ("partie", "teil", "parte", "część", "czesc", "dział"),
    "title": ("titre", "titolo", "título", "titulo", "tytuł"),
    "chapter": ("chapitre", "kapitel", "capitolo", "capítulo", "capitulo", "rozdział", "rozdzial"),
    "section": ("abschnitt", "sezione", "sección", "seccion", "sekcja"),
}
_DIVISION_OF = {word: name for name, words in _DIVISIONS.items() for word in words}
_DIVISION_RANK = {name: rank for rank, name in enumerate(_DIVISIONS)}
_DIVISION = re.compile(
    rf"^(?P<word>{'|'.join(_DIVISION_OF)})\s+(?P<num>\d{{1,3}}|[IVXLC]{{1,7}}(?=(?:er|re)?\b)|(?:{_FIRST})\b)"
    r"(?:er|re|º|°|ª)?\.?",
    re.IGNORECASE,
)
# "Art. 6 DSGVO", "§ 823 BGB", "article 9 RGPD" at the start of a sentence cite a law: not a clause.
_STATUTE = re.compile(r"^(?=[A-Za-z]*[A-Z][A-Za-z]*[A-Z])[A-Z][A-Za-z]{1,7}\b")
# A clause inserted without renumbering the rest carries a letter or a Latin ordinal after its number:
# "1.3A", "5a.", "12bis)". Only one letter (or bis/ter/quater), so "1st" and "3D" never read as numbers.
_SUFFIX = r"(?P<sfx>[A-Za-z]|bis|ter|quater)"
_DOTTED = re.compile(
    rf"^(?P<num>\d{{1,3}}(?:\.\d{{1,3}})+){_SUFFIX}?(?P<delim>\.?)(?P<sub>(?:\([a-z0-9]{{1,4}}\))*)(?=[\s:\-–—]|$)"
)
_SINGLE = re.compile(rf"^(?P<num>\d{{1,3}})(?:{_SUFFIX}(?=[.)]))?(?P<delim>[.)]?)(?=\s|$)")
# "1.Definitions": the space after the number lost (PDF text positioned glyph by glyph often drops it).
_GLUED = re.compile(r"^(?P<num>\d{1,3})\.(?=[A-Z][a-z])")
_PAREN = re.compile(r"^\((?P<v>[a-zA-Z]{1,2}|[ivxlcIVXLC]{1,7}|\d{1,2})\)(?=\s|$)")
_LETTER = re.compile(r"^(?P<v>[a-zA-Z]|[ivxlc]{2,7}|[IVXLC]{2,7})(?P<delim>[.)])(?=\s)")
# German "lit. a" (littera), Italian "lett. a)", Polish "lit. a)": a lettered item.
_LIT = re.compile(r"^(?:lit\.|lett\.|litera)\s*(?P<v>[a-z])(?P<delim>[.)]?)(?=\s|$)", re.IGNORECASE)

_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.IGNORECASE)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_STOPWORDS = frozenset(
    "a an and or the of to in on for with by at from as your our my its their & vs is are be".split()
)
_UNITS = frozenset(
    "million millions billion billions thousand percent per times days months years hours minutes seconds "
    "kb mb gb tb km miles kg lbs usd eur gbp and or to of x".split()
)


def _roman_to_int(s: str) -> int:
    total, prev = 0, 0
    for ch in reversed(s.lower()):
        v = _ROMAN_VALUES[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def strip_emphasis(s: str) -> str:
    return s.replace("**", "").replace("__", "").strip()


def is_titleish(s: str) -> bool:
    """True when most significant words are capitalised or the text is in capitals (a heading)."""
    letters = [c for c in s if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", s) if w.lower() not in _STOPWORDS]
    if not words:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.6


@dataclass
class Label:
    """A clause number as found at the start of a line, and what kind of count it belongs to."""

    kind: str  # abs | dec | alpha | ALPHA | roman | ROMAN | pnum | article | division
    value: int
    written: str  # as written, without trailing delimiter
    delim: str  # "." ")" "()" or ""
    abs_id: str = ""  # for absolute labels
    sub: str = ""  # "(b)(ii)" attached to an absolute number
    weak: bool = False  # "2.3 use the ..." is a clause only inside clause 2
    ref: bool = False  # `sub` came from words ("§ 5 Abs. 2"): a sub-clause of the open clause 5
    suffix: str = ""  # "a" of "5a." (dec): a clause inserted after 5 without renumbering the count


def _number(num: str) -> str | None:
    """A clause number as an id part: "10.4" as written, Roman and word numbers as digits."""
    if num[:1].isdigit():
        return num
    if num.lower() in _ORDINALS:
        return str(_ORDINALS[num.lower()])
    return str(_roman_to_int(num)) if _ROMAN.match(num) else None


def _cites(rest: str) -> bool:
    """True when the words after a clause reference make it a sentence that cites the clause or a law
    ("§ 5 Abs. 2 gilt entsprechend.", "Article 5 des présentes ...", "§ 823 BGB bleibt unberührt")."""
    words = rest.split()
    if rest[:1].islower():
        return rest.rstrip().endswith((".", ";", ",")) or len(words) > 4
    m = _STATUTE.match(rest)
    return bool(m) and len(words) > 1 and words[1][:1].islower()


def parse_label(s: str, *, bare_ok: bool) -> tuple[Label | None, str]:
    """Recognise clause numbering at the start of s; return the label and the rest of the line."""
    m = _DIVISION.match(s)
    if m:
        rest = s[m.end() :].lstrip(" \t.:-–—")
        num = _number(m.group("num"))
        words = rest.split()
        # A division heading is a number and a short title; "ABSCHNITT 21 DIESER VEREINBARUNG ENTHÄLT
        # ..." (a sentence in capitals) is not one.
        if (
            num is None
            or _cites(rest)
            or len(words) > 12
            or len(words) > 6
            and rest.endswith((".", ";", ","))
        ):
            return None, s
        name = _DIVISION_OF[m.group("word").lower()]
        return Label("division", _DIVISION_RANK[name], m.group(0).strip(), "", f"{name}-{num}"), rest
    m = _PREFIXED.match(s)
    if m:
        pfx, num = m.group("pfx").lower(), m.group("num")
        rest = s[m.end() :].lstrip(" \t.:-–—")
        ident = _number(num)
        if ident is None or _cites(rest):
            return None, s
        if m.group("bis"):
            ident += "-" + m.group("bis").strip(" -").lower()  # "Article 5 bis" -> article-5-bis
        refs = "".join(f"({v.lower()})" for _, v in _REF.findall(m.group("refs") or ""))
        sub = (m.group("sub") or "") + refs
        if re.match(_ARTICLE_WORDS, pfx):
            return Label(
                "article",
                int(re.split(r"[.-]", ident)[0]),
                m.group(0).strip(),
                "",
                f"article-{ident}",
                sub,
                ref=bool(refs),
            ), rest
        return Label("abs", 0, m.group(0).strip(), "", ident, sub, ref=bool(refs)), rest
    m = _DOTTED.match(s)
    if m:
        rest = s[m.end() :].lstrip(" \t:-–—")
        weak = not m.group("delim") and rest[:1].islower()
        if weak and (m.group("sfx") or rest.split(None, 1)[0].strip(",.;").lower() in _UNITS):
            return None, s  # "10.4 million users", "2.5x faster than" are sentences
        num = m.group("num") + (m.group("sfx") or "")
        return Label("abs", 0, num, m.group("delim"), num, m.group("sub") or "", weak), rest
    m = _SINGLE.match(s)
    if m:
        rest = s[m.end() :].lstrip(" \t")
        delim = m.group("delim")
        if not delim and (not bare_ok or not rest[:1] or rest[:1].islower() or rest[:1].isdigit()):
            return None, s  # "30 days after ..." is a sentence
        sfx = m.group("sfx") or ""
        return Label("dec", int(m.group("num")), m.group("num") + sfx, delim, suffix=sfx), rest
    m = _GLUED.match(s)
    if m and bare_ok:
        rest = s[m.end() :]
        plain = strip_emphasis(rest)
        # Only a heading-like line: "3.Payment is due on receipt of the invoice." stays a sentence.
        if len(plain) <= 80 and not plain.endswith((".", ",", ";")) and is_titleish(plain):
            return Label("dec", int(m.group("num")), m.group("num"), "."), rest
        return None, s
    m = _PAREN.match(s)
    if m:
        v = m.group("v")
        return _alpha_label(v, "()", f"({v})"), s[m.end() :].lstrip(" \t")
    m = _LETTER.match(s)
    if m:
        v = m.group("v")
        return _alpha_label(v, m.group("delim"), v), s[m.end() :].lstrip(" \t")
    m = _LIT.match(s)
    if m:
        v = m.group("v")
        return _alpha_label(v, "lit", v), s[m.end() :].lstrip(" \t")
    return None, s


def _alpha_label(v: str, delim: str, written: str) -> Label:
    if v.isdigit():
        return Label("pnum", int(v), written, delim)
    if len(v) > 1 and _ROMAN.match(v):
        return Label("roman" if v.islower() else "ROMAN", _roman_to_int(v), written, delim)
    if len(v) == 1 and v.lower() in "ivx":
        # Ambiguous (i, v, x): roman unless an alphabetic count expects this letter; decided in placement.
        return Label("roman?" if v.islower() else "ROMAN?", _roman_to_int(v), written, delim)
    if len(v) == 2 and v[0] == v[1]:
        return Label("alpha" if v.islower() else "ALPHA", 26 + ord(v[0].lower()) - 96, written, delim)
    if len(v) > 1:
        return Label("alpha" if v.islower() else "ALPHA", 0, written, delim)  # "ab": not a count
    return Label("alpha" if v.islower() else "ALPHA", ord(v.lower()) - 96, written, delim)


def names_a_clause(s: str) -> bool:
    """True when s opens with a clause or division word and a number ("Article 1", "Chapitre II")."""
    return bool(_PREFIXED.match(s) or _DIVISION.match(s))
