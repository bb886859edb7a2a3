"""Clause flags: find risky clauses (AI training, content licences, data sharing, the eight CLAUDETTE
unfair-term categories) in a version and, above all, in what changed between two versions.

Built-in detectors (``rules.py``) handle ai-training / content-licence / data-sharing and class-action
waivers; a linear model trained on CLAUDETTE (Lippi et al. 2019; LexGLUE UNFAIR-ToS, CC BY 4.0)
handles the eight CLAUDETTE categories; user rules from the config add their own regexes.
Everything works sentence by sentence; fetched text is only matched, never executed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from ..language import UNDETERMINED, detect_language
from ..models import ADDED, BETTER, REMOVED, SEVERITY_RANK, WORSE, Flag, Section, SectionChange
from .classifier import default_model
from .i18n import LANGUAGES, introduces_licence, lang_hits
from .rules import (
    BUILTIN_RULES,
    CLAUDETTE,
    DETECTORS,
    PROTECTION_LOST_SEVERITY,
    Hit,
    Rule,
    RuleSet,
    builtin_rule_names,
    builtin_rules,
    claudette_hit,
    parse_rules,
)
from .text import is_list_item, split_sentences

__all__ = [
    "BUILTIN_RULES",
    "Rule",
    "RuleSet",
    "builtin_rule_names",
    "builtin_rules",
    "change_direction",
    "change_severity",
    "flag_changes",
    "flag_section",
    "flag_sections",
    "flag_sentence_categories",
    "section_language",
    "parse_rules",
]

INTRODUCED = "introduced"
REMOVED_FLAG = "removed"
MODIFIED_FLAG = "modified"
WIDENED = "widened"
NARROWED = "narrowed"
# Which way a change cuts for users follows from what it did to the provider's power: a clause that
# grants the provider power appearing, or one that protects users going, widens it (worse); the
# reverse narrows it (better). One table, so every kind of change maps the same way.
_DIRECTION_OF_SCOPE = {WIDENED: WORSE, NARROWED: BETTER}
# A change that cannot be told worse or better (a reworded clause, a neutral user rule) is shown,
# but never as loudly as one that is known to be worse.
UNCLEAR_MAX = "medium"

EXCERPT_SENTENCE = 300  # characters of one sentence kept in an excerpt
EXCERPT_MAX = 600  # characters of a whole excerpt
MIN_WORDS_FOR_LANGUAGE = 6  # fewer words than this: too little to tell a language (read as English)
PAIR_SIMILARITY = 0.5  # an old and a new flagged sentence this similar are one edited sentence
LOOSE_PAIR_SIMILARITY = 0.0  # ... two protections of a category, one in a removed and one in an added section
MOVED_SIMILARITY = 0.8  # ... across two sections that both stay: a near-copy moved
CROSS_CANDIDATES = 400  # removed clauses of a category compared with one introduced elsewhere

_DEFAULT = RuleSet()
_WORD_RE = re.compile(r"\w+")
# A line that introduces a list of things the *user* must not do ("You may not:", "Prohibited uses:").
_RESTRICT_INTRO = re.compile(
    r"\b(?:may not|must not|shall not|will not|agree not to|not permitted|prohibited|restrictions?|"
    r"you (?:may|will) not|don't|do not)\b[^.]*[:\u2014-]\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _SentenceHit:
    """One category found in one sentence."""

    sentence: str
    hit: Hit


def _clean(sentence: str) -> str:
    """Lowercase, straight quotes: what the detectors expect."""
    return (
        sentence.lower()
        .replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )


def _sentence_hits(sentence: str, restricted: bool, rules: RuleSet, language: str = "en") -> list[Hit]:
    """All categories one sentence triggers (at most one hit per category)."""
    if language in LANGUAGES:  # French, German, Italian, Spanish, Polish: their own rules and models
        # Here the context is a licence lead-in ("vous nous accordez une licence :") over list items.
        hits = lang_hits(sentence, language, rules.enabled, after_licence_intro=restricted)
        return hits + _user_hits(sentence, rules)
    s = _clean(sentence)
    hits: dict[str, Hit] = {}
    for name, detect in DETECTORS.items():
        if rules.enabled(name):
            h = detect(s, restricted)
            if h is not None:
                hits[h.category] = h
    model = default_model()
    if model is not None and any(rules.enabled(f"model-{c}") for c in CLAUDETTE):
        for cat, score in model.scores(sentence).items():
            if score > 0 and rules.enabled(f"model-{cat}") and cat not in hits:
                hits[cat] = claudette_hit(cat, s)  # polarity: rules.claudette_polarity
    return list(hits.values()) + _user_hits(sentence, rules)


def _user_hits(sentence: str, rules: RuleSet) -> list[Hit]:
    """Flags of the user's own rules (each adds its flag even where a built-in found the category)."""
    out = []
    for rule in rules.user_rules:
        if any(p.search(sentence) for p in rule.patterns):
            expl = rule.explanation or f"Matches your rule {rule.name!r}."
            out.append(Hit(rule.category, rule.severity, rule.polarity, expl, rule.name))
    return out


def _sentences(text: str, language: str = "en") -> list[tuple[str, bool]]:
    """The sentences of a section text, each with whether a lead-in governs it as a list item.

    In English the lead-in is a user restriction ("You may not:"); in the other languages, a licence
    whose breadth follows item by item ("vous nous accordez une licence :"), so an item that names
    only a breadth term ("cessible") is read as the licence it describes.
    """
    out: list[tuple[str, bool]] = []
    restricted = False
    other = language in LANGUAGES
    for sent in split_sentences(text):
        if not is_list_item(sent):
            restricted = False
        out.append((sent, restricted))
        if introduces_licence(sent, language) if other else _RESTRICT_INTRO.search(sent):
            restricted = True
    return out


def _hits(
    sentences: list[tuple[str, bool]], rules: RuleSet, skip: frozenset = frozenset(), language: str = "en"
) -> list[_SentenceHit]:
    """Hits of the given sentences, leaving out those in `skip`."""
    return [
        _SentenceHit(sent, h)
        for sent, restricted in sentences
        if (sent, restricted) not in skip
        for h in _sentence_hits(sent, restricted, rules, language)
    ]


def _text_hits(text: str, rules: RuleSet, language: str = "en") -> list[_SentenceHit]:
    """Hits of every sentence of a section text, with user-restriction context carried into lists."""
    return _hits(_sentences(text, language), rules, language=language)


def _unchanged_sentences(old: list[tuple[str, bool]], new: list[tuple[str, bool]]) -> frozenset:
    """Sentences (with their context) on both sides, which need no classifying, when that is exact.

    Such a sentence gets the same hits on both sides, so flag_changes would drop it from both; it
    could only matter by hiding a near-duplicate (same words, other case or list marker) on the other
    side, and when there is one, everything is classified as before.
    """
    same = frozenset(old) & frozenset(new)
    if not same:
        return same
    norms = {_norm(s) for s, _ in same}
    if any(_norm(s) in norms for s, r in (*old, *new) if (s, r) not in same):
        return frozenset()
    return same


def flag_sentence_categories(
    sentence: str, rules: RuleSet | None = None, language: str = "en"
) -> dict[str, str]:
    """Categories one sentence triggers, each with its polarity (for benchmarks and debugging)."""
    return {h.category: h.polarity for h in _sentence_hits(sentence, False, rules or _DEFAULT, language)}


def _excerpt(sentences: list[str]) -> str:
    """The triggering sentences, each and all bounded in length."""
    parts = []
    for s in sentences:
        parts.append(s if len(s) <= EXCERPT_SENTENCE else s[: EXCERPT_SENTENCE - 1].rstrip() + "…")
    text = " … ".join(dict.fromkeys(parts))
    return text if len(text) <= EXCERPT_MAX else text[: EXCERPT_MAX - 1].rstrip() + "…"


def _max_severity(hits: list[Hit]) -> str:
    return max((h.severity for h in hits), key=lambda s: SEVERITY_RANK.get(s, 0))


def change_direction(scope: str | None) -> str | None:
    """Worse or better for users, from a change's scope (widened: worse, narrowed: better; else None)."""
    return _DIRECTION_OF_SCOPE.get(scope or "")


def change_severity(severity: str, direction: str | None) -> str:
    """The severity of a flag change: as detected when worse, at most low when better, medium when unclear.

    Removing a class-action waiver is good news: it is reported (low), but never as loudly as adding
    one, so a notifier with min_severity = "medium" does not pass it on.
    """
    rank = SEVERITY_RANK.get(severity, 0)
    if direction == WORSE:
        return severity
    if direction == BETTER:
        return "low" if rank >= SEVERITY_RANK["medium"] else "info"
    return severity if rank <= SEVERITY_RANK[UNCLEAR_MAX] else UNCLEAR_MAX


def _group(section: str, items: list[tuple[_SentenceHit, str | None, str | None, str]]) -> list[Flag]:
    """Merge sentence hits of one section sharing category, rule, polarity, change and scope."""
    groups: dict[tuple, list[tuple[_SentenceHit, str]]] = {}
    for sh, change, scope, note in items:
        key = (sh.hit.category, sh.hit.rule, sh.hit.polarity, change, scope)
        groups.setdefault(key, []).append((sh, note))
    flags = []
    for (cat, rule, polarity, change, scope), members in groups.items():
        hits = [m[0].hit for m in members]
        top = max(hits, key=lambda h: SEVERITY_RANK.get(h.severity, 0))
        notes = " ".join(dict.fromkeys(n for _, n in members if n))
        direction = change_direction(scope) if change is not None else None
        severity = _max_severity(hits)
        if direction == WORSE and polarity == "protective":
            # A protection lost: as loud as the harmful clause it stood against (never quieter than found).
            lost = PROTECTION_LOST_SEVERITY.get(cat, severity)
            severity = max(severity, lost, key=lambda s: SEVERITY_RANK.get(s, 0))
        flags.append(
            Flag(
                category=cat,
                severity=change_severity(severity, direction) if change is not None else severity,
                section=section,
                excerpt=_excerpt([m[0].sentence for m in members]),
                explanation=(top.explanation + (" " + notes if notes else "")).strip(),
                polarity=polarity,
                change=change,
                direction=direction,
                rule=rule,
                scope=scope,
            )
        )
    return flags


def section_language(text: str, language: str = "") -> str:
    """The language to flag a text in: `language` when given (the config's), else the text's own.

    Detected per section, not per document, so a page that carries its terms in English and then in
    French is flagged in both. Too little text to tell (under six words, or no clear winner) is read as
    English, the language of the built-in rules and model.
    """
    if language:
        return language
    if len(_WORD_RE.findall(text)) < MIN_WORDS_FOR_LANGUAGE:
        return "en"
    found = detect_language(text)
    return "en" if found == UNDETERMINED else found


def flag_section(section: Section, rules: RuleSet | None = None, language: str = "") -> list[Flag]:
    """Flags in one section of a version (title included, as it often names the clause)."""
    hits = _text_hits(section.text, rules or _DEFAULT, section_language(section.text, language))
    return _group(section.id, [(h, None, None, "") for h in hits])


def flag_sections(sections: list[Section], rules: RuleSet | None = None, language: str = "") -> list[Flag]:
    """Flags in every section of a version, in document order."""
    out: list[Flag] = []
    for section in sections:
        out.extend(flag_section(section, rules, language))
    return out


@lru_cache(maxsize=4096)
def _norm(sentence: str) -> str:
    """Sentence key that ignores case, spacing and list markers (renumbering is not a change)."""
    s = re.sub(r"^\s*(?:[-*•]|\d+[.)]|\(?[a-z0-9]{1,4}\))\s+", "", sentence.lower())
    return " ".join(re.findall(r"\w+", s))


def _scope(old: Hit | None, new: Hit | None) -> str | None:
    """Widened / narrowed when the power granted to the provider visibly grew or shrank.

    A hit's polarity says which way its clause points (permissive: grants the provider power;
    protective: limits it), whatever detector made it: a CLAUDETTE hit carries one too.
    """
    if old is None and new is not None:
        return {"permissive": WIDENED, "protective": NARROWED}.get(new.polarity)
    if new is None and old is not None:
        return {"permissive": NARROWED, "protective": WIDENED}.get(old.polarity)
    assert old is not None and new is not None
    if old.polarity != new.polarity:
        if new.polarity == "permissive":
            return WIDENED
        if old.polarity == "permissive":
            return NARROWED
        return None
    sign = 1 if new.polarity == "permissive" else -1 if new.polarity == "protective" else 0
    gained, lost = new.scope - old.scope, old.scope - new.scope
    rank = SEVERITY_RANK.get(new.severity, 0) - SEVERITY_RANK.get(old.severity, 0)
    delta = sign * (len(gained) - len(lost)) if sign else 0
    if sign > 0 and rank:
        delta = rank
    if delta > 0:
        return WIDENED
    if delta < 0:
        return NARROWED
    return None


def _scope_note(old: Hit, new: Hit) -> str:
    """Plain words for breadth terms a modified clause gained or lost."""
    gained = sorted(new.scope - old.scope - {"permissive"})
    lost = sorted(old.scope - new.scope - {"permissive"})
    parts = []
    if gained:
        parts.append("Now adds: " + ", ".join(gained) + ".")
    if lost:
        parts.append("No longer says: " + ", ".join(lost) + ".")
    if old.polarity != new.polarity:
        parts.append(f"Was {old.polarity}, now {new.polarity}.")
    return " ".join(parts)


@lru_cache(maxsize=4096)
def _words(sentence: str) -> frozenset[str]:
    """The distinct words of a sentence's key."""
    return frozenset(_norm(sentence).split())


def _ratios(new: _SentenceHit, olds: list[_SentenceHit], floor: float) -> list[tuple[int, float]]:
    """(index, similarity) of the old sentences at least `floor` similar to `new`: the Dice
    coefficient of their words, cheap enough to compare every clause of a restructured page."""
    mine = _words(new.sentence)
    out = []
    for k, old in enumerate(olds):
        theirs = _words(old.sentence)
        total = len(mine) + len(theirs)
        r = 2 * len(mine & theirs) / total if total else 1.0
        if r >= floor:
            out.append((k, r))
    return out


def _best_pair(new: _SentenceHit, free: list[_SentenceHit]) -> _SentenceHit | None:
    """The unpaired old sentence of its section most similar to `new`, if any is alike enough to be its edit."""
    best, best_r = None, PAIR_SIMILARITY
    sm = difflib.SequenceMatcher(None, autojunk=False)
    sm.set_seq2(_norm(new.sentence))  # indexed once for every candidate
    for old in free:
        sm.set_seq1(_norm(old.sentence))
        # The cheap upper bounds first: a restructured page pairs hundreds of sentences.
        if sm.real_quick_ratio() < best_r or sm.quick_ratio() < best_r:
            continue
        r = sm.ratio()
        if r >= best_r:
            best, best_r = old, r
    return best


def flag_changes(
    changes: list[SectionChange], rules: RuleSet | None = None, language: str = ""
) -> list[Flag]:
    """Flags on what changed: flagged sentences introduced, removed or modified in each changed section.

    The changes of one new version are read together: a flagged sentence that left one section and
    appears in another (a restructured page moving the class-action waiver from 15.2 to 16.2) was
    neither introduced nor removed, and a clause of one category removed from one section and
    rewritten in another is one modified clause, reported where it now stands.
    """
    rules = rules or _DEFAULT
    prepared: list[tuple[SectionChange, list[_SentenceHit], list[_SentenceHit]]] = []
    for ch in changes:
        old_text = "" if ch.kind == ADDED else ch.old_text
        new_text = "" if ch.kind == REMOVED else ch.new_text
        if old_text == new_text:
            continue  # renumbered or moved without a text change: nothing new to flag
        # Most of a modified clause is usually unchanged: only its changed sentences are classified.
        lang = section_language(new_text or old_text, language)
        old_sents = _sentences(old_text, lang) if old_text else []
        new_sents = _sentences(new_text, lang) if new_text else []
        same = _unchanged_sentences(old_sents, new_sents)
        prepared.append((ch, _hits(old_sents, rules, same, lang), _hits(new_sents, rules, same, lang)))
    # Flagged sentences on each side of the whole version, by category: one on both sides moved.
    old_all = {(h.hit.category, _norm(h.sentence)) for _, olds, _ in prepared for h in olds}
    new_all = {(h.hit.category, _norm(h.sentence)) for _, _, news in prepared for h in news}
    items_of: list[list[tuple[_SentenceHit, str | None, str | None, str]]] = []
    introduced: list[tuple[int, int]] = []  # (change index, item index) of INTRODUCED items
    removed: list[tuple[int, int]] = []  # (change index, item index) of REMOVED_FLAG items
    for idx, (_ch, old_hits, new_hits) in enumerate(prepared):
        items: list[tuple[_SentenceHit, str | None, str | None, str]] = []
        cats = {h.hit.category for h in old_hits} | {h.hit.category for h in new_hits}
        for cat in sorted(cats):
            # Gone or edited / new or edited: not found on the other side of the whole version.
            olds = [h for h in old_hits if h.hit.category == cat and (cat, _norm(h.sentence)) not in new_all]
            news = [h for h in new_hits if h.hit.category == cat and (cat, _norm(h.sentence)) not in old_all]
            # Pair each new sentence with the most similar unpaired old one: an edited clause. Left-over
            # sentences of the same category in the same section are a rewrite of that clause
            # (Zoom's 10.4 grew from one line to a paragraph), so they pair in order too.
            free = list(olds)
            pairs: dict[int, _SentenceHit | None] = {}
            for k, nh in enumerate(news):
                best = _best_pair(nh, free)
                if best is not None:
                    free.remove(best)
                pairs[k] = best
            for k, nh in enumerate(news):
                if pairs[k] is None and free:
                    pairs[k] = free.pop(0)
                old = pairs[k]
                if old is None:
                    introduced.append((idx, len(items)))
                    items.append((nh, INTRODUCED, _scope(None, nh.hit), ""))
                else:
                    items.append((nh, MODIFIED_FLAG, _scope(old.hit, nh.hit), _scope_note(old.hit, nh.hit)))
            for oh in free:
                removed.append((idx, len(items)))
                items.append((oh, REMOVED_FLAG, _scope(oh.hit, None), "This clause was removed."))
        items_of.append(items)
    # A clause removed from one section and one of its category introduced in another: one clause,
    # moved and edited, when the two are alike: half their words when the old section went away or
    # the new one is new, a near-copy (4/5) between two sections that both stay, so a promise dropped
    # in a section that stays is never hidden by another clause. On a restructure (old section gone,
    # new one new) a protection restated in other words pairs too: it was not lost. A new power never
    # pairs loosely: that it replaced another one is no reason not to say it is new.
    by_cat: dict[str, list[tuple[int, int]]] = {}
    for oi, ok in removed:
        by_cat.setdefault(items_of[oi][ok][0].hit.category, []).append((oi, ok))
    candidates: list[
        tuple[float, int, int, int, int]
    ] = []  # (rank, new change, new item, old change, old item)
    for ni, nk in introduced:
        nh = items_of[ni][nk][0]
        cands = [r for r in by_cat.get(nh.hit.category, ()) if r[0] != ni][:CROSS_CANDIDATES]
        olds = [items_of[oi][ok][0] for oi, ok in cands]
        added = prepared[ni][0].kind == ADDED
        loose_ok = added and nh.hit.polarity == "protective"
        for k, r in _ratios(nh, olds, LOOSE_PAIR_SIMILARITY if loose_ok else PAIR_SIMILARITY):
            oi, ok = cands[k]
            gone = prepared[oi][0].kind == REMOVED
            floor = PAIR_SIMILARITY if gone or added else MOVED_SIMILARITY
            if r >= floor:
                candidates.append((1.0 + r, ni, nk, oi, ok))  # an edit before any loose pairing
            elif loose_ok and gone and olds[k].hit.polarity == "protective":
                candidates.append((r, ni, nk, oi, ok))
    # The best pairs of the whole version first, each clause in one pair at most.
    taken_new: set[tuple[int, int]] = set()
    dropped: set[tuple[int, int]] = set()
    for _rank, ni, nk, oi, ok in sorted(candidates, key=lambda c: -c[0]):
        if (ni, nk) in taken_new or (oi, ok) in dropped:
            continue
        taken_new.add((ni, nk))
        dropped.add((oi, ok))
        nh, old = items_of[ni][nk][0], items_of[oi][ok][0]
        moved_from = prepared[oi][0].old_id or prepared[oi][0].id
        note = f"Moved from {moved_from}. {_scope_note(old.hit, nh.hit)}".strip()
        items_of[ni][nk] = (nh, MODIFIED_FLAG, _scope(old.hit, nh.hit), note)
    out: list[Flag] = []
    for idx, (ch, _, _) in enumerate(prepared):
        items = [it for k, it in enumerate(items_of[idx]) if (idx, k) not in dropped]
        out.extend(_group(ch.id, items))
    return out
