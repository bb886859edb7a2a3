"""Split normalised terms text into an ordered, flattened tree of clauses with stable ids.

Input is the normalised text of ``models.py`` (Markdown-ish: ``#`` headings, ``N. `` list items,
one paragraph a line) or plain text whose numbering is inline (PDFs, old documents). Markdown
escapes (``1\\.``), bold markers and zero-width characters are tolerated, so Open Terms Archive's
Markdown parses too.

Id scheme (what ``--section`` matches and what the diff pairs on)
-----------------------------------------------------------------
* ``preamble``: text before the first section (the document title, when the first line is an
  unnumbered heading, is the preamble's title).
* Absolute decimal numbers are their own id: ``10``, ``10.4``, ``10.4.2`` (also when written
  ``Section 10.4``, ``§ 10.4``, ``10.4.`` or ``**10\\.4**``).
* ``Article 5`` / ``ARTICLE V`` -> ``article-5`` (Roman numerals converted), in every language read:
  ``Art. 5``, ``Artikel 5``, ``Articolo 5``, ``Artículo 5``, ``Artykuł 5``; ``Article premier`` /
  ``Article 1er`` -> ``article-1``; ``Article 5 bis`` -> ``article-5-bis``; ordinal words (``Cláusula
  segunda``, ``Articolo terzo``, up to the tenth) count like numbers.
* ``§ 5``, ``Ziffer 5``, ``Cláusula 5``, ``Clausola 5``, ``Paragraf 5`` -> ``5``, like ``Section 5``.
  Sub-references written as words append like letters: ``§ 5 Abs. 2`` -> ``5(2)`` (a sub-clause of the
  open § 5), ``Art. 6 lit. a`` -> ``article-6(a)``; also ``ust.``, ``comma``, ``apartado``, ``alinéa``.
* Divisions above the clauses: part > title > chapter > section (``Partie``/``Teil``/``Parte``/``Część``,
  ``Titre``/``Titolo``/``Título``/``Tytuł``, ``Chapitre``/``Kapitel``/``Capitolo``/``Capítulo``/
  ``Rozdział``, ``Abschnitt``/``Sezione``/``Sección``) -> ``chapter-2``; nested in a higher division
  -> ``title-2/chapter-1``. A division holds the clauses after it (their ids stay absolute) until the
  next division of the same or a higher rank. English "Chapter" and "Part" are not divisions (their
  headings keep the slug ids they always had).
* ``lit. a`` / ``lett. a)`` items are lettered items like ``a)``.
* Lettered and Roman sub-clauses append to their parent: ``(b)`` under 10.4 -> ``10.4(b)``,
  ``(iv)`` under it -> ``10.4(b)(iv)``; ``a.`` / ``a)`` forms likewise.
* A relative list number (``7.`` list item, ``7 Title``) under a numbered parent ``8`` -> ``8.7``
  (so the 7th item of clause 8 is "8.7", as lawyers cite it); under a non-numeric parent ``P``
  -> ``P/7``; at top level (or continuing a document-wide count across unnumbered headings) -> ``7``.
* Unnumbered headings -> slug of the title (``your-stuff-your-permissions``), prefixed with the
  parent id and ``/`` when nested (``6/games-and-service``).
* A repeated id gets ``~2``, ``~3``... in order of appearance.

Robustness rules
----------------
* A line is a clause only when its number continues an open count (gaps of up to two allowed for
  explicit delimiters), starts a new list (1, a, i), continues a count across unnumbered headings,
  is absolute (10.4) or is a Markdown heading. A bare number must be followed by a capitalised
  short title ("30 days after..." is a sentence, not clause 30); "2.5 million" (a unit word) is never
  a clause, and "2.3 use the..." only inside clause 2.
* Numbering style (kind, delimiter, Markdown form and indent) tells counts apart, so "1." items
  under "**8\\. Rules**" do not continue the clause count. When a number continues two counts of the
  same style (a sub-list printed exactly like its clauses), it goes to the inner list if the same
  number comes again later before any list restarts, else to the outer count.
* In Markdown, a paragraph less indented than a list item's text closes the list (the paragraph is the
  owner's), except after a titled one-line item such as "6. Payments." whose siblings had paragraphs:
  that item is a clause heading written as a list item.
* A run of three or more headings with no text between them whose titles recur later is a table of
  contents, and four or more short capitalised lines in a row are a list of names: both stay text.
* (i), (v), (x) are Roman numerals unless an alphabetic count expects that letter.
* "1.Definitions" (the space after the number lost, as in many PDFs) is clause 1 when the rest is a
  heading-like title; "3.Payment is due." stays text.
* A line that starts with a clause reference but goes on as a sentence cites it: "§ 5 Abs. 2 gilt
  entsprechend.", "Article 5 des présentes ...", "Section 24 of these Terms contains ...", and a law
  ("§ 823 BGB bleibt unberührt", "Art. 6 DSGVO erlaubt"): text, not a clause. A division word with a
  long sentence after it ("ABSCHNITT 21 DIESER VEREINBARUNG ENTHÄLT ...") is text too.

``Section.text`` is the clause's own text (title and number excluded, emphasis markers removed);
``Section.hash`` covers title and text, whitespace-normalised, so renumbering keeps the hash.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from tosdiff.models import Section
from tosdiff.numbering import Label, is_titleish, names_a_clause, parse_label, strip_emphasis

__all__ = ["parse_sections", "slugify", "section_hash", "normalize_for_hash"]

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
_HR = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_MD_LI = re.compile(r"^(\s*)\d{1,3}[.)]\s")
_BULLET = re.compile(r"^\s*[-*+•·▪◦]\s")

_MONTHS = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|march|april|may|june|july|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b.*\d",
    re.IGNORECASE,
)
_TITLE_LEAD = re.compile(r"^(?P<t>[A-Z“\"'(][^.:;!?]{0,90}?)[.:]\s+(?=\S)")
_DEC_RE = re.compile(
    r"^\d+(?:[A-Za-z]|bis|ter|quater)?(?:\.\d+(?:[A-Za-z]|bis|ter|quater)?)*$"
)  # "1.3A", "5a"


CAPITALS_SENTENCE_WORDS = 10  # a capitals line this long, with no text of its own, is a clause


def slugify(title: str) -> str:
    """Lowercase ASCII-ish slug of a title ("Your Stuff & Your Permissions" -> "your-stuff-your-permissions")."""
    s = re.sub(r"[^\w]+", "-", title.lower(), flags=re.UNICODE).strip("-_")
    return s[:60].rstrip("-") or "section"


def normalize_for_hash(s: str) -> str:
    """Collapse whitespace and drop emphasis markers so formatting noise does not change a hash."""
    s = _ZERO_WIDTH.sub("", s).replace("**", "").replace("__", "")
    return " ".join(s.split())


def section_hash(title: str, text: str) -> str:
    """Content hash of a section's title and own text (numbering is never part of either)."""
    data = normalize_for_hash(title) + "\x1f" + normalize_for_hash(text)
    return hashlib.blake2b(data.encode("utf-8"), digest_size=12).hexdigest()


def _is_short_title(s: str) -> bool:
    """A short capitalised phrase without sentence punctuation ("Rights we grant you")."""
    return (
        0 < len(s) <= 80
        and s[:1].isupper()
        and not s.endswith((".", ",", ";", ":", "!", "?"))
        and "\t" not in s
    )


def _clean(line: str) -> str:
    return _MD_ESCAPE.sub(r"\1", _ZERO_WIDTH.sub("", line)).strip()


@dataclass
class _Line:
    raw: str
    text: str  # cleaned, emphasis kept
    fmt: str  # h1..h6 | setext | bold | li | plain
    indent: int
    heading_level: int | None  # Markdown heading level
    label: Label | None = None
    title: str = ""
    rest: str = ""
    heading: bool = False  # a heading candidate (numbered or not)
    sentence: str = ""  # the whole plain line, when its title is a sentence ending with a full stop


@dataclass
class _Node:
    id: str
    number: str
    title: str
    level: int
    parent: _Node | None
    md_level: int | None
    from_list: bool
    numeric: bool  # id is a pure decimal number
    body: list[str] = field(default_factory=list)
    counters: dict[tuple, int] = field(default_factory=dict)
    indent: int = 0
    prev_sibling: _Node | None = None  # the previous item of the same count
    has_para: bool = False  # text in paragraphs of its own, not only on the numbered line
    last_child: dict[tuple, _Node] = field(default_factory=dict)
    body_indent: int | None = None  # indentation of the first paragraph of its text
    order: int = 0
    division: int | None = None  # rank of a part / title / chapter / section heading (0 = part)
    sentence: str = ""  # see _Line.sentence: the title is this sentence unless text or clauses follow


# Words whose full stop is an abbreviation's, not a title's end ("ACME INC. IS NOT LIABLE", "ST. LOUIS").
_ABBREVIATIONS = frozenset(
    "inc ltd co corp llc llp plc lp st mr mrs ms dr no nos vs etc jr sr bros dept art sec ch u.s e.g i.e".split()
)


def _ends_in_abbreviation(word: str) -> bool:
    w = word.strip("*_").rstrip(".").lower()
    return w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha())


def _split_title(rest: str, line: _Line) -> tuple[str, str]:
    """Split the text after a label into (title, body text)."""
    rest = rest.strip()
    if rest.startswith(("**", "__")):
        mark = rest[:2]
        end = rest.find(mark, 2)
        if end > 2:
            title = rest[2:end].strip()
            body = rest[end + 2 :].strip().lstrip(".:—–-").strip()
            if len(title) <= 120:
                return title.rstrip(" .:"), body
        rest = rest[2:]
        if len(rest) <= 100 and "**" not in rest:
            return rest.strip().rstrip(" .:"), ""  # bold opened on the title line, closed on the next
    if "**" in rest[:130] and line.fmt == "bold":
        end = rest.find("**")
        return rest[:end].strip().rstrip(" .:"), rest[end + 2 :].strip().lstrip(".:—–-").strip()
    plain = strip_emphasis(rest)
    if line.heading_level or line.fmt in ("bold", "setext"):
        return plain.rstrip(" .:"), ""
    m = _TITLE_LEAD.match(plain)
    if m and plain.endswith((".", "!", "?")) and len(plain[m.end() :].split()) >= 3:
        # "NO INDIRECT DAMAGES. IN NO EVENT WILL WE BE LIABLE." is short and all in capitals, yet a
        # title and a sentence, not one long title.
        words = m.group("t").split()
        if len(words) <= 10 and not _ends_in_abbreviation(words[-1]) and is_titleish(m.group("t")):
            return m.group("t").strip(), plain[m.end() :].strip()
    if (
        len(plain) <= 100
        and not plain.endswith((",", ";"))
        and (is_titleish(plain) or _is_short_title(plain))
    ):
        return plain.rstrip(" .:"), ""
    m = _TITLE_LEAD.match(plain)
    if m and len(m.group("t").split()) <= 10 and is_titleish(m.group("t")):
        return m.group("t").strip(), plain[m.end() :].strip()
    return "", plain


def _classify(lines: list[str]) -> tuple[list[_Line], bool]:
    md_mode = any(_MD_HEADING.match(ln) for ln in lines) or any(
        _SETEXT.match(lines[i + 1]) and lines[i].strip() and not _HR.match(lines[i])
        for i in range(len(lines) - 1)
        if lines[i + 1].strip().startswith("=")
    )
    out: list[_Line] = []
    skip_next = False
    for i, raw in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        if not raw.strip():
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        indent = len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip())
        if md_mode and _SETEXT.match(nxt) and not _HR.match(raw) and not _BULLET.match(raw):
            skip_next = True
            level = 1 if nxt.strip().startswith("=") else 2
            out.append(_Line(raw, _clean(raw), "setext", indent, level))
            continue
        if _HR.match(raw) and not re.search(r"\w", raw):
            continue
        m = _MD_HEADING.match(raw.strip()) if md_mode else None
        if m:
            out.append(_Line(raw, _clean(m.group(2)), f"h{len(m.group(1))}", indent, len(m.group(1))))
            continue
        text = _clean(raw)
        if not text:
            continue
        if md_mode and _MD_LI.match(raw):
            fmt = "li"
        elif text.startswith(("**", "__")):
            fmt = "bold"
        else:
            fmt = "plain"
        out.append(_Line(raw, text, fmt, indent, None))
    for ln in out:
        _annotate(ln, md_mode)
    _demote_toc(out)
    return out, md_mode


def _annotate(ln: _Line, md_mode: bool) -> None:
    s = ln.text
    if ln.fmt == "bold":
        s = s[2:].lstrip()
    elif ln.heading_level is not None and s.startswith(("**", "__")) and s.endswith(s[:2]) and len(s) > 4:
        inner = s[2:-2].strip()
        # "**Article 1. Compte**" underlined as a heading: a clause word and number under bold. (Bare
        # numbers under bold in a heading stay as they were: their ids are recorded in existing databases.)
        # A letter-suffixed number ("2b.", "10A.") is read the same under bold in a heading as on a
        # bold line, so a page moving from one formatting to the other keeps its clause ids.
        if names_a_clause(inner) or getattr(parse_label(inner, bare_ok=True)[0], "suffix", None):
            s = inner
    if _BULLET.match(ln.raw) and ln.fmt != "li":
        return
    bare_ok = ln.fmt != "li"
    label, rest = parse_label(s, bare_ok=bare_ok)
    if label is not None and label.kind == "dec" and not label.delim:
        # A bare number only heads a clause on a short heading-like line ("1 Introduction").
        if len(rest) > 100 or not (
            is_titleish(strip_emphasis(rest)) or _is_short_title(strip_emphasis(rest))
        ):
            label = None
            rest = s
    if label is not None:
        ln.label = label
        ln.title, ln.rest = _split_title(rest, ln)
        title, body = ln.title, ln.rest
        ln.heading = bool(title) and not body
        plain = strip_emphasis(rest).strip()
        if ln.heading and ln.fmt == "plain" and ln.heading_level is None and plain.endswith("."):
            last = plain.split()[-1]
            # Not a topic list ("Term; Termination Rights; Suspension Rights.") nor a short capitals
            # heading ("WITH RESPECT TO THIRD PARTY OFFERINGS."); a long capitals sentence is a clause
            # ("YOU WAIVE ANY RIGHT TO A JURY TRIAL OR TO PARTICIPATE IN A CLASS ACTION.").
            letters = [c for c in plain if c.isalpha()]
            capitals = bool(letters) and all(c.isupper() for c in letters)
            words = len(plain.split())
            if (
                words >= 4
                and not _ends_in_abbreviation(last)
                and ";" not in plain
                and not (capitals and words < CAPITALS_SENTENCE_WORDS)
            ):
                ln.sentence = plain
        return
    plain = strip_emphasis(s)
    if ln.heading_level is not None:
        ln.heading, ln.title = True, plain.rstrip(" .:")
        return
    if ln.fmt == "bold" and s.rstrip().endswith(("**", "__")) and "**" not in s[:-2].replace("__", "**"):
        if len(plain) <= 80 and len(plain.split()) <= 12 and not plain.endswith((";", ",")):
            ln.heading, ln.title = True, plain.rstrip(" .:")
            return
    if md_mode:
        return
    # Plain text: a short capitalised line with no sentence punctuation is a heading.
    if (
        2 <= len(plain) <= 80
        and len(plain.split()) <= 10
        and plain[0].isalpha()
        and plain[0].isupper()
        and not plain.endswith((".", ",", ";", "!", "?", "”", '"'))
        and not _MONTHS.search(plain)
        and not re.search(r"\d{4}", plain)
        and "\t" not in plain  # a table row
        and is_titleish(plain)
    ):
        ln.heading, ln.title = True, plain.rstrip(" :")


def _norm_title(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


def _demote_toc(lines: list[_Line]) -> None:
    """Turn tables of contents (runs of bodiless headings whose titles recur later) into plain text."""
    before: set[str] = (
        set()
    )  # normalised short lines seen so far: a heading repeating one ends a contents run
    i = 0
    n = len(lines)
    while i < n:
        if not (lines[i].heading and len(lines[i].text) <= 120):
            if len(lines[i].text) <= 120:
                before.add(_norm_title(strip_emphasis(lines[i].text)))
            i += 1
            continue
        j = i
        while j < n and lines[j].heading and len(lines[j].text) <= 120:
            t = _norm_title(lines[j].title)
            if t and t in before and j > i:
                break  # the contents end where an entry comes back as a real heading
            before.add(t)
            j += 1
        plain_run = [ln for ln in lines[i:j] if ln.label is None and ln.fmt == "plain"]
        if len(plain_run) >= 4 and len(plain_run) == j - i:
            # Four or more capitalised short lines in a row: a list of names, not four headings.
            for ln in plain_run:
                ln.heading, ln.title, ln.fmt = False, "", "toc"
        elif j - i >= 3:
            later = {_norm_title(ln.title) for ln in lines[j:] if ln.heading or ln.label}
            run = [_norm_title(ln.title) for ln in lines[i:j]]
            if sum(1 for t in run if t and t in later) >= 0.6 * len(run):
                for ln in lines[i:j]:
                    ln.heading, ln.label, ln.title, ln.rest = False, None, "", ""
                    ln.fmt = "toc"
        i = max(j, i + 1)


def _style(label: Label, ln: _Line) -> tuple:
    fmt = ln.fmt if ln.fmt != "li" else f"li{ln.indent // 2}"
    return (label.kind.rstrip("?"), label.delim, fmt)


def _base(kind: str) -> str:
    return kind.rstrip("?")


class _Builder:
    def __init__(self, md_mode: bool) -> None:
        self.md_mode = md_mode
        self.lines: list[_Line] = []  # all lines, for look-ahead on ambiguous numbers
        self.index = 0
        self.root = _Node("", "", "", 0, None, 0, False, False)
        self.preamble = _Node("preamble", "", "", 1, None, None, False, False)
        self.stack: list[_Node] = [self.root]
        self.nodes: list[_Node] = []
        self.ids: set[str] = set()
        # Last number of each style used directly under the root or an unnumbered heading: a count
        # that continues across unnumbered headings ("Your Privacy / 1." ... "Your Content / 2.").
        self.global_last: dict[tuple, int] = {}
        self.seen_content = False

    # -- helpers
    def _unique(self, ident: str) -> str:
        if ident not in self.ids:
            self.ids.add(ident)
            return ident
        k = 2
        while f"{ident}~{k}" in self.ids:
            k += 1
        self.ids.add(f"{ident}~{k}")
        return f"{ident}~{k}"

    def _numeric_ancestor(self, node: _Node) -> _Node | None:
        while node is not None and node is not self.root:
            if node.numeric or node.number:
                return node
            node = node.parent
        return None

    def _add(self, parent: _Node, ident: str, number: str, title: str, ln: _Line, numeric: bool) -> _Node:
        while self.stack[-1] is not parent:
            self.stack.pop()
        node = _Node(
            self._unique(ident),
            number,
            title,
            parent.level + 1,
            parent,
            ln.heading_level if ln.heading_level is not None else (7 if ln.fmt in ("bold",) else None),
            ln.fmt == "li",
            numeric,
        )
        node.order = len(self.nodes)
        node.indent = ln.indent
        if title == ln.title:
            node.sentence = ln.sentence
        if ln.rest:
            node.body.append(ln.rest)
            node.body_indent = ln.indent
        self.nodes.append(node)
        self.stack.append(node)
        self.seen_content = True
        return node

    def _child_id(self, parent: _Node, label: Label) -> str:
        pid = parent.id
        if label.kind == "dec":
            num = f"{label.value}{label.suffix}"
            if not pid:
                return num
            if parent.numeric:
                return f"{pid}.{num}"
            anc = self._numeric_ancestor(parent)
            if anc is None:
                return num
            return f"{pid}/{num}"
        written = label.written if label.delim == "()" else f"({label.written})"
        return f"{pid}{written}"

    # -- placement
    def numbered(self, ln: _Line) -> bool:
        label = ln.label
        assert label is not None
        number = label.written
        if label.kind == "division":
            return self.division(ln, label)
        if label.kind in ("abs", "article"):
            ident = label.abs_id
            parent = self.root
            owner = next((n for n in reversed(self.stack[1:]) if n.id == ident), None) if label.ref else None
            if owner is not None:
                parent = owner  # "§ 5 Abs. 2" inside § 5: its paragraph 2
            elif label.kind == "abs" and "." in ident:
                prefix = ident.rsplit(".", 1)[0]
                for node in reversed(self.stack[1:]):
                    if node.numeric and (node.id == prefix or prefix.startswith(node.id + ".")):
                        parent = node
                        break
                else:
                    if label.weak:
                        return False  # "2.5 followed by lowercase" outside clause 2: a sentence
                    for node in reversed(self.stack[1:]):
                        if node.id.startswith("article-") or not node.numeric and node.md_level is not None:
                            parent = node
                            break
            elif label.kind == "abs":
                # "Section 7" / "7." absolute single number: a top-level clause.
                parent = self._top_parent()
            else:
                parent = self._top_parent()
            node = self._add(parent, ident, number, ln.title, ln, numeric=label.kind == "abs")
            if label.sub:
                # "10.4(b)" written in one token: the clause is the sub-clause.
                node.id = self._retag(node.id, ident + label.sub)
                node.number = number
            if label.kind == "abs" and ident.isdigit() and owner is None:
                # "Section 7": later relative "8." clauses continue this count.
                parent.counters[("dec", ".", "abs")] = int(ident)
            return True
        style = _style(label, ln)
        kinds = [label.kind]
        if label.kind.endswith("?"):
            letter = ord(label.written.strip("()").lower()) - 96
            kinds = [("alpha" if label.kind.islower() else "ALPHA"), label.kind]
            alpha_style = (kinds[0], style[1], style[2])
            # An alphabetic count expecting this letter wins over Roman.
            for node in reversed(self.stack):
                if node.counters.get(alpha_style) == letter - 1:
                    label.kind, label.value = kinds[0], letter
                    return self._place(node, label, ln, alpha_style)
            label.kind = _base(label.kind)
            style = _style(label, ln)
        if label.suffix:
            # "5a." sits after 5 of an open count (a clause inserted without renumbering): it neither
            # advances the count nor starts one.
            for node in reversed(self.stack):
                for st, last in sorted(node.counters.items(), key=lambda kv: kv[0] != style):
                    if st[0] == style[0] and last in (label.value, label.value - 1):
                        return self._place(node, label, ln, st)
            if ln.heading_level is not None:
                self._pop_for_heading(ln.heading_level)
                return self._place(self.stack[-1], label, ln, style)
            return False
        # 1) the next number of an open count: same formatting first, then any formatting of that kind
        fits = [node for node in reversed(self.stack) if node.counters.get(style) == label.value - 1]
        if len(fits) > 1:
            # The same number continues two counts of identical formatting: a sub-list printed like its
            # parent clauses ("8. Rules", items "1." to "8.", then "9."). If the same number comes again
            # later before any list restarts, that later one continues the outer count, so this one is
            # the inner item; otherwise the outer count wins (a misreading then stays local).
            inner = self._number_recurs(label, style)
            return self._place(fits[0] if inner else fits[-1], label, ln, style)
        if fits:
            return self._place(fits[0], label, ln, style)
        for node in reversed(self.stack):
            for st, last in node.counters.items():
                if st[0] == style[0] and label.value == last + 1:
                    return self._place(node, label, ln, st)
        # 2) same formatting after a small gap (a clause deleted without renumbering), when delimited
        if label.delim:
            for node in reversed(self.stack):
                last = node.counters.get(style)
                if last is not None and 1 < label.value - last <= 3:
                    return self._place(node, label, ln, style)
        # 3) a new list, or a count continuing across unnumbered headings
        start = 1
        if label.value == start or (label.value > 1 and self.global_last.get(style) == label.value - 1):
            parent = self.stack[-1]
            if label.kind == "dec" and ln.heading and ln.fmt != "li":
                # A numbered heading starting a count is a clause of the parent heading, not of a list item.
                while parent is not self.root and (
                    parent.from_list or parent.md_level is None and parent.number
                ):
                    if parent.numeric and not parent.from_list:
                        break
                    parent = parent.parent
            return self._place(parent, label, ln, style)
        if ln.heading_level is not None:
            # A Markdown heading is a clause whatever its number: its level says where it goes.
            self._pop_for_heading(ln.heading_level)
            return self._place(self.stack[-1], label, ln, style)
        if self.md_mode and ln.fmt == "li" and self.stack[-1] is not self.root:
            # Markdown list starting at N (start attribute): trust the Markdown structure.
            return self._place(self.stack[-1], label, ln, style)
        return False

    def _number_recurs(self, label: Label, style: tuple) -> bool:
        """True when a later line of the same numbering style repeats this number before a restart."""
        for ln in self.lines[self.index + 1 : self.index + 400]:
            other = ln.label
            if other is None or other.kind != label.kind or other.suffix or _style(other, ln) != style:
                continue
            if other.value == label.value:
                return True
            if other.value == 1 or other.value < label.value:
                return False
        return False

    def _retag(self, old: str, new: str) -> str:
        self.ids.discard(old)
        return self._unique(new)

    def _top_parent(self) -> _Node:
        # Absolute top-level clauses live under the innermost Markdown heading that is not numbered, or
        # the innermost division ("Chapitre II") they belong to.
        for node in reversed(self.stack[1:]):
            if (
                node.division is not None
                or node.md_level is not None
                and node.md_level < 7
                and not node.number
            ):
                return node
        return self.root

    def division(self, ln: _Line, label: Label) -> bool:
        """A part, title, chapter or section heading: it closes everything up to a division of higher rank."""
        rank = label.value
        while len(self.stack) > 1:
            top = self.stack[-1]
            if top.division is not None and top.division < rank:
                break
            if (
                top.division is None
                and ln.heading_level is not None
                and top.md_level is not None
                and top.md_level < ln.heading_level
            ):
                break  # a Markdown heading above it (the page's title) still holds it
            self.stack.pop()
        parent = self.stack[-1]
        # A chapter inside a title is "title-2/chapter-1": chapters restart their count in each title.
        ident = f"{parent.id}/{label.abs_id}" if parent.division is not None else label.abs_id
        node = self._add(parent, ident, label.written, ln.title, ln, numeric=False)
        node.division = rank
        if ln.heading_level is None:
            node.md_level = 7 if ln.fmt == "bold" else 8
        return True

    def _holds_headings(self, node: _Node) -> bool:
        """A plain-text heading nests under a division, or under a top-level numbered clause."""
        parent = node.parent
        return (
            node.division is not None
            or bool(node.number)
            and (parent is self.root or parent is not None and parent.division is not None)
        )

    def _place(self, parent: _Node, label: Label, ln: _Line, style: tuple) -> bool:
        prev = parent.last_child.get(style) if parent.counters.get(style) is not None else None
        parent.counters[style] = label.value
        if parent is self.root or (not parent.number and not parent.from_list):
            self.global_last[style] = label.value
        self._add(parent, self._child_id(parent, label), label.written, ln.title, ln, numeric=False)
        node = self.stack[-1]
        node.numeric = bool(_DEC_RE.match(node.id))
        node.prev_sibling = prev
        parent.last_child[style] = node
        return True

    def _pop_for_heading(self, lvl: int) -> None:
        """Close everything a heading of this level ends (deeper headings and all numbered clauses)."""
        while len(self.stack) > 1:
            top = self.stack[-1]
            if top.md_level is not None and top.md_level < lvl:
                break
            self.stack.pop()

    def heading(self, ln: _Line) -> None:
        if not self.seen_content and not self.nodes and not self.preamble.body and not self.preamble.title:
            self.preamble.title = ln.title
            return
        if ln.heading_level is not None or ln.fmt == "bold":
            self._pop_for_heading(ln.heading_level if ln.heading_level is not None else 7)
        else:
            # Plain text: keep only the enclosing top-level numbered clause, if any.
            while len(self.stack) > 1 and not self._holds_headings(self.stack[-1]):
                self.stack.pop()
        parent = self.stack[-1]
        slug = slugify(ln.title)
        ident = f"{parent.id}/{slug}" if parent.id else slug
        self._add(parent, ident, "", ln.title, ln, numeric=False)
        self.stack[-1].md_level = ln.heading_level if ln.heading_level is not None else 8

    def para(self, ln: _Line) -> None:
        text = strip_emphasis(ln.text) if ln.fmt != "toc" else ln.text
        if self.md_mode and ln.fmt != "li":
            # A paragraph less indented than a list item's text ends the list: it belongs to the
            # list's owner. A titled item with no text yet ("6. Payments." on its own line) is a
            # clause heading written as a list item, and this paragraph is its text. A top-level item
            # is never closed this way: text after a clause and before the next one is that clause's
            # (a bullet list under "11. Copyright complaints"), never the preamble's.
            while self.stack[-1].from_list and (
                len(self.stack) > 2
                or not (
                    self.stack[-1].title
                    or _BULLET.match(ln.raw)
                    or (self.stack[-1].body and self.stack[-1].body[-1].rstrip().endswith(":"))
                )
            ):
                top = self.stack[-1]
                prev = top.prev_sibling
                if top.title and top.body_indent is not None and top.body_indent <= ln.indent:
                    break
                if (
                    top.title
                    and top.body_indent is None
                    and (prev is None or prev.has_para or prev.last_child)
                ):
                    break  # unless its siblings were one-line items: then this ends a plain list
                if not top.title and ln.indent > top.indent:
                    break  # an indented continuation of an untitled item
                self.stack.pop()
        top = self.stack[-1]
        target = self.preamble if top is self.root else top
        if target.body_indent is None:
            target.body_indent = ln.indent
        target.has_para = True
        target.body.append(text)


def parse_sections(text: str) -> list[Section]:
    """Parse normalised (or plain) terms text into an ordered, flattened tree of sections."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    classified, md_mode = _classify(lines)
    b = _Builder(md_mode)
    b.lines = classified
    for k, ln in enumerate(classified):
        b.index = k
        if ln.label is not None and b.numbered(ln):
            continue
        if ln.heading and ln.label is None:
            b.heading(ln)
            continue
        if ln.label is not None:
            if ln.label.suffix and ln.heading:
                # "**2a. ELIGIBILITY**" with no count of 2 to join: the heading it always was.
                ln.label, ln.title = None, strip_emphasis(ln.text).strip("*_ ").rstrip(" .:")
                b.heading(ln)
                continue
            ln.label = None
        b.para(ln)
    out: list[Section] = []
    pre = b.preamble
    if pre.body or pre.title:
        body = "\n".join(pre.body)
        out.append(Section("preamble", "", pre.title, 1, body, section_hash(pre.title, body), None, 0))
    parents = {id(n.parent) for n in b.nodes}
    for node in b.nodes:
        if node.sentence and not node.body and id(node) not in parents:
            # "(1) Sie behalten alle Rechte an Ihren Inhalten." followed by "(2)": a title-cased
            # sentence with no text or clause of its own is the clause's text, not its heading.
            node.title, node.body = "", [node.sentence]
        body = "\n".join(strip_emphasis(t) for t in node.body)
        parent = node.parent.id if node.parent is not None and node.parent is not b.root else None
        out.append(
            Section(
                node.id,
                node.number,
                node.title,
                node.level,
                body,
                section_hash(node.title, body),
                parent,
                len(out),
            )
        )
    return out
