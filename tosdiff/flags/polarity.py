"""Which way a CLAUDETTE clause points: protective (it keeps a right of the user) or permissive.

The model finds the topic (arbitration, changes, termination, ...); these patterns tell a clause that
protects the user (an arbitration opt-out, notice before a change, a right to cancel or to a refund,
the law or courts of the user's own country, liability kept for death, injury or fraud) from the
clause that takes the right away. They run on the sentence lowercased, curly quotes straightened.
"""

from __future__ import annotations

import re


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_CLAUDETTE_PROTECT: dict[str, re.Pattern[str]] = {
    "arbitration": _rx(
        r"\bopt[- ]?out of (?:\w+ ){0,3}arbitrat|\bright to opt[- ]?out\b|\bnot (?:be )?required to arbitrate\b"
        r"|\bsmall[- ]claims court\b[^.;]{0,60}\binstead\b|\bnot (?:apply|applicable) to (?:you|consumers|users) "
        r"(?:in|who|outside)\b"
    ),
    "unilateral-change": _rx(
        r"\b(?:notify|inform|tell|notice to|e-?mail) (?:you\b)?[^.;]{0,60}\b(?:in advance|before|prior to|"
        r"at least \d+ days?|\d+ days? (?:before|prior|in advance)|advance notice)\b"
        r"|\b(?:advance|prior|reasonable) notice\b|\bwill not apply retroactively\b|\bnot (?:be )?retroactive\b"
        r"|\bif you do not agree\b[^.;]{0,60}\b(?:you (?:may|can) (?:terminate|cancel|close|stop)|right to terminate)\b"
    ),
    "termination": _rx(
        r"^\W*(?:you|users?|customers?) (?:may|can|are free to|have the right to) (?:\w+ ){0,2}?(?:terminate|cancel|close|"
        r"delete|end|stop)\b|\brefund|\bright to (?:appeal|object)\b"
    ),
    "content-removal": _rx(
        r"\b(?:notify|inform|tell) you\b[^.;]{0,60}\b(?:before|prior|reason|why)\b|\b(?:appeal|contest|challenge)\b"
        r"|\bopportunity to\b"
    ),
    "liability": _rx(
        r"\bnothing in (?:these|this|the)\b[^.;]{0,60}\b(?:exclude|limit|restrict|affect)s?\b"
        r"|\b(?:do|does|shall|will) not (?:exclude|limit|restrict)\b[^.;]{0,60}\bliabilit"
        r"|\b(?:we are|we shall be|we will be|is) (?:fully )?(?:liable|responsible) for\b(?![^.;]{0,40}\bnot\b)"
        r"|\bstatutory (?:rights|warranty|liability)\b[^.;]{0,40}\b(?:unaffected|not affected|remain)\b"
    ),
    "choice-of-law": _rx(
        r"\blaws? of (?:your|the (?:country|state|place) (?:where|in which) you)\b|\bwhere you (?:live|reside)\b"
        r"|\bif you (?:live|reside|are based|are located|are resident) in\b|\b(?:laws?|country) of the consumer\b"
        r"|\bconsumer's (?:country|place)\b"
        r"|\bmandatory (?:consumer )?(?:protection )?(?:laws?|provisions|rights)\b|\bconsumer protection laws? of\b"
    ),
    "jurisdiction": _rx(
        r"\bcourts? (?:of|in|where) (?:your|the (?:country|state|place) (?:where|in which) you)\b"
        r"|\bwhere you (?:live|reside|are domiciled)\b|\byour (?:country|place|state) of (?:residence|domicile)\b"
        r"|\b(?:residence|domicile) of the consumer\b|\bin which (?:they|you) (?:are domiciled|live|reside)\b"
        r"|\bconsumers? (?:may|can) (?:also )?bring\b|\bif you (?:live|reside|are based|are resident) in\b"
        r"|\byou (?:may|can) (?:also )?(?:bring|file|start) (?:a claim|proceedings|legal action|an action)\b"
    ),
    "contract-by-using": _rx(r"(?!)"),  # no protective form: using is either acceptance or it is not
}
PROTECTIVE_EXPLANATION = {
    "arbitration": "This clause limits arbitration (you can opt out, or keep going to court).",
    "unilateral-change": "You are told before the terms change (or may leave if you do not agree).",
    "termination": "You may end the contract yourself, or get a refund when it ends.",
    "content-removal": "You are told, or can appeal, before or after the provider removes your content.",
    "liability": "The provider keeps its liability (for example for death, injury, fraud or your statutory rights).",
    "choice-of-law": "The law of the country where you live still protects you.",
    "jurisdiction": "You can go to the courts where you live.",
    "contract-by-using": "",
}


_WITHOUT_NOTICE = _rx(r"\bwithout (?:\w+ )?(?:prior |advance |reasonable |any )?notice\b")


def claudette_polarity(category: str, s: str) -> str:
    """Protective when a CLAUDETTE clause (lowercased sentence `s`) protects the user, else permissive."""
    rx = _CLAUDETTE_PROTECT.get(category)
    if rx is None or not rx.search(s):
        return "permissive"
    if _WITHOUT_NOTICE.search(s) and category in ("unilateral-change", "termination", "content-removal"):
        return "permissive"  # "without prior notice" takes the notice away
    return "protective"


# A way out of arbitration: protective even where the model does not see the clause.
ARBITRATION_OPT_OUT = _rx(
    r"\bopt[- ]?out\b[^.;]{0,40}\b(?:arbitrat\w*|agreement to arbitrate|dispute resolution)\b"
    r"|\b(?:reject|decline)\b[^.;]{0,30}\b(?:arbitration|agreement to arbitrate)\b"
    r"|\bnot (?:be )?(?:required|bound) to arbitrate\b"
)
