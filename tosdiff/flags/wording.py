"""What the English clause detectors share: the hit they return and who acts in a sentence.

The detectors (rules_ai, rules_licence, rules_sharing) run on one sentence lowercased, with curly
quotes straightened. A sentence in which the *user* is the one restricted or acting ("You may not use
Output to develop competing models") is not a clause about the provider's own use, whatever its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    """One detector's verdict on one sentence."""

    category: str
    severity: str
    polarity: str
    explanation: str
    rule: str
    scope: frozenset[str] = frozenset()  # breadth terms found (perpetual, sell, ...), for directions


def rx(pattern: str) -> re.Pattern[str]:
    """A case-insensitive compiled pattern."""
    return re.compile(pattern, re.IGNORECASE)


USER = (
    r"(?:you|your organi[sz]ation|customers?|users?|licensees?|subscribers?|members?|end users?)"
    # "User Content will not be used" names the user's material; the user is not the one acting.
    r"(?!'?s? (?:content|data|information|materials?|submissions?|inputs?|property|personal)\b)"
)
USER_RESTRICT = rx(
    # The user must be the subject of the negated verb: "you may not", "Customer and its Users shall
    # not"; a "you" further back ("the preferences you selected ... does not apply") is not.
    rf"\b{USER}\b[^.;:,()]{{0,30}}?\b(?:may not|must not|shall not|will not|won't|cannot|can ?not|"
    r"agrees? not to|are not (?:permitted|allowed|authori[sz]ed)|is not (?:permitted|allowed)|"
    r"do not|does not|should not)\b"
    r"|\b(?:prohibits|prohibited|forbidden|not permitted|shallnot)\b|^\W*(?:do not|don't|never) (?:use|attempt)\b"
    rf"|^\W*{USER}\b[^.;:()]{{0,60}}?\b(?:may not|must not|shall not|will not|agrees? not to)\b"
    rf"|\bneither {USER}\b"
    # "... without prior authorization from Anthropic": the user needs the provider's leave.
    r"|\bwithout (?:the )?(?:prior |express )*(?:written )?(?:authori[sz]ation|permission|consent) "
    r"(?:from|of) (?!you|the user|the data subject)"
    r"|\b(?:to|in order to) (?:develop|train|build|create|improve)\b[^.]{0,60}\bcompet\w*"
)
_PROVIDER_ACTS = rx(
    r"\b(?:we|us)\b[^.;]{0,30}\b(?:use|train|process|may|will|can)\b|\bour (?:use|training)\b"
    r"|\bgrant\w*\b[^.;]{0,60}\blicen[cs]e"
)
# A sentence that opens with a bare verb of copying or access is an item of a list of things the user
# must not do, even where the list's intro was not kept with it.
_PROHIBITED_ITEM = rx(
    r"^\W*(?:[-*•]|\d+[.)]|\(?[a-z0-9]{1,4}\))?\s*(?:use(?! of)|utili[sz]e|utili[sz]ation of|collect|"
    r"aggregate|mine|scrape|crawl|copy|reproduce|redistribute|extract|access|attempt|reverse[- ]engineer|"
    r"decompile|sell|resell|harvest)\b"
)
_IMPERATIVE_ITEM = rx(
    r"^\s*(?:[-*•]|\d+[.)]|\(?[a-z0-9]{1,4}\))?\s*(?:use|using|utili[sz]e|attempt|train|develop|build|create|access|copy|scrape|extract)\b"
)


# The user is the one training ("models you create using your Training Data").
_USER_TRAINS = rx(
    rf"\b(?:{USER}|it)\b\s+(?:trains?|fine-?tunes?|creates?|builds?|develops?)\b|\bits own (?:account|models?)\b"
    # Fine-tuning and customisation features: the user trains a model for their own use.
    r"|\b(?:allows?|lets?|enables?|permits?) (?:you|customers?|users?|developers?) to (?:\w+ ){0,2}?"
    r"(?:fine-?tune|train|customi[sz]e|create|build)\b|\byou used to (?:fine-?tune|train)\b"
    # Features that let the user make things with AI ("tools may allow you to generate or enhance content").
    r"|\b(?:allows?|lets?|enables?|permits?) (?:you|customers?|users?|members?) to (?:\w+ ){0,2}?(?:generate|enhance|edit)\b"
    r"|\byour (?:own )?(?:fine-?tuned|custom(?:i[sz]ed)?|trained) models?\b|\byour own training data\b"
    rf"|\b{USER} using (?:\w+ ){{0,3}}?to (?:develop|train|build)\b"
    r"|\btrain(?:ing)? (?:other|your own|their own|competing) (?:ai )?models?\b|\bfine-?tuning (?:api|service|feature)"
    # The user may use outputs to build models of their own.
    rf"|\b{USER} (?:can|may|are permitted to|are allowed to) use (?:\w+ ){{0,3}}?to\b[^.;]{{0,10}}"
    r"\b(?:develop|train|build|fine-?tune)"
    # A fine-tuned model is the customer's own (made with the fine-tuning feature).
    r"|\bfine-?tuned models?\b"
)


# A condition on the user's wish, not a restriction of the user.
_IF_NOT_WISH = rx(
    r"\b(?:if|unless|should|where) you (?:do not|don't|would prefer not to) (?:wish|want|like|agree|consent)\b"
)


def user_side(s: str, restricted_context: bool) -> bool:
    """True when the sentence restricts what the user may do (so the provider is not the actor)."""
    if _PROVIDER_ACTS.search(s) and not re.search(r"\b(?:compet\w*)\b", s):
        return False
    if "not" in s or "n't" in s:
        s = _IF_NOT_WISH.sub(" ", s)  # "If you do not wish your data to be used ..., you may opt out"
    if USER_RESTRICT.search(s) or _USER_TRAINS.search(s):
        return True
    if _PROHIBITED_ITEM.search(s):
        return True
    return restricted_context and bool(_IMPERATIVE_ITEM.search(s))


# A licence the user grants is over the user's content even when the sentence says only "it".
LICENCE_GRANT = rx(r"\bgrant\w*\b[^.;]{0,200}\blicen[cs]e")


# Pointers to more text ("Learn more about how we use ...") and questions (FAQ headings) are not clauses.
_REFERENCE = rx(
    r"^\W*(?:to )?(?:learn|read|find out|see) more\b|^\W*for more (?:information|details)\b|"
    r"^\W*(?:more information|if you (?:want|would like|wish) to (?:know|learn|request))\b"
    r"|\b(?:provide|give) (?:you )?(?:additional|more|further) information (?:about|on)\b"
)


# "... the information in this Privacy Policy about how we handle your data, who we share it with": an
# overview inside a sentence (searched only where "who we" occurs; _OVERVIEW is anchored, and an unanchored
# alternative would make it scan every position).
_OVERVIEW_INSIDE = rx(
    r"\b(?:information|details)\b[^.;]{0,60}\babout how we (?:\w+ ){1,3}?(?:data|information)\b[^.;]{0,30}\bwho we\b"
)


_QUESTION = rx(
    r"^\W*(?:do|does|did|can|could|will|would|how|what|who|whom|why|where|when|which|is|are|may|should)\b"
    # "If I fine-tune the model with my own data, do I have to ...?"
    r"|^\W*(?:if|when|once|after|before)\b[^?]{0,100}\b(?:do|does|can|could|will|would|should|may|is|are|am) "
    r"(?:i|you|we|they|it)\b"
)


# A definition ('"Customer Claim" means ...', 'A "Cloning Voice" is an AI model trained on ...') says what
# a word stands for; the clause that uses the word is where the provider's power is granted.
_DEFINITION = rx(
    r'^\W*(?:[-*•]|\d+[.)]|\(?[a-z0-9]{1,4}\))?\s*(?:an? |the )?"[^"]{1,60}"\s*(?:\([^)]{0,40}\)\s*)?'
    r"(?:means|shall mean|refers to|is defined as|is|are|includes?|shall include)\b"
)
# A document's overview of itself ("This Privacy Notice describes ... how it may be shared") announces
# topics; the clauses that follow say what is done.
_OVERVIEW = rx(
    r"^\W*(?:this|our|the) (?:[\w\"()-]+ ){0,4}?(?:notice|policy|statement|section|document|page|terms)\b"
    r"[^.;]{0,150}\b(?:describes|explains|sets out|outlines|tells you|details|provides information)\b"
    r"[^.;]{0,80}\b(?:how|what|when|whether|which|the (?:types|categories|ways))\b"
    r"|^\W*(?:these|this) (?:are|is) the (?:terms|policy|section|rules)\b[^.;]{0,120}\b(?:including|such as) how\b"
)


# Table cells and list items run together into one "sentence" ("To learn more ... check out Meta's
# Privacy Policy.<br><br>Where permitted, we may also share data with partners ..."): a pointer opening
# the first part says nothing about the parts after it.
_MORE_PARTS = re.compile(r"<br>|\s\|\s")


def _reference(s: str) -> bool:
    """A pointer to more text, unless other clauses follow it in the same run-together cell."""
    if not _REFERENCE.search(s):
        return False
    if "<br>" not in s and " | " not in s:
        return True
    return sum(1 for p in _MORE_PARTS.split(s) if len(p.strip()) > 40) <= 1


def not_a_clause(s: str) -> bool:
    """A question, a pointer to more text, a definition or an overview: nothing to flag by itself."""
    return bool(
        _reference(s)
        or s.rstrip().endswith("?")
        and _QUESTION.search(s)
        or '"' in s
        and _DEFINITION.search(s)
        or _OVERVIEW.search(s)
        or "who we" in s
        and _OVERVIEW_INSIDE.search(s)
    )


LICENCE = rx(
    r"\b(?:licen[cs]es?|sub-?licen[cs]es?|rights?)\b"
    r"|\bpermission to (?:use|host|store|reproduce|copy|display|distribute|modify|publish|make)\b"
)
