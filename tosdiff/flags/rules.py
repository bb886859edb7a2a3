"""Built-in clause rules (AI training, content licences, data sharing) and user rules from the config.

Each built-in detector works on one sentence and answers with a :class:`Hit` or None. Detectors
look at who acts: a clause in which the *user* promises not to train models ("You may not use
Output to develop competing models") restricts the user, not the provider, and is deliberately NOT
flagged as ``ai-training`` (an ``ai-training`` flag always means the provider's own use of content).

Severity scheme (``info`` < ``low`` < ``medium`` < ``high``):

==================  ===========================================================  =========
category            when                                                          severity
==================  ===========================================================  =========
ai-training         provider may train on content (incl. on-by-default opt-out)  high
ai-training         protective: no training, or only with consent / opt-in        low
content-licence     licence is perpetual, irrevocable, sublicensable,            high
                    transferable, for derivative works or any purpose
content-licence     other licence over user content                              medium
content-licence     protective: user keeps ownership, provider claims none        low
data-sharing        sale/rental of personal data, or sharing with advertisers     high
data-sharing        other sharing with third parties / affiliates                 medium
data-sharing        protective: no sale / no sharing without consent              low
arbitration         with a class-action waiver                                    high
arbitration         otherwise                                                     medium
liability, termination, unilateral-change, content-removal                        medium
contract-by-using, choice-of-law, jurisdiction                                    low
user rules          as configured
==================  ===========================================================  =========
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..models import SEVERITIES
from ..schema import Converter, as_str, check_table, invalid, nonempty_str, one_of
from .polarity import ARBITRATION_OPT_OUT, PROTECTIVE_EXPLANATION, claudette_polarity

POLARITIES = ("permissive", "protective", "neutral")

CLAUDETTE = (
    "liability",
    "termination",
    "unilateral-change",
    "content-removal",
    "contract-by-using",
    "choice-of-law",
    "jurisdiction",
    "arbitration",
)
CLAUDETTE_SEVERITY = {
    "liability": "medium",
    "termination": "medium",
    "unilateral-change": "medium",
    "content-removal": "medium",
    "contract-by-using": "low",
    "choice-of-law": "low",
    "jurisdiction": "low",
    "arbitration": "medium",
}
CLAUDETTE_EXPLANATION = {
    "liability": "The provider limits or excludes its responsibility if something goes wrong "
    "(for example lost data or damages).",
    "termination": "The provider may suspend or close your account or stop the service, "
    "possibly without notice or a reason.",
    "unilateral-change": "The provider may change these terms or the service on its own; "
    "continuing to use it may count as accepting the change.",
    "content-removal": "The provider may delete or remove your content, possibly without notice.",
    "contract-by-using": "You are bound by these terms simply by using the service.",
    "choice-of-law": "The contract is governed by a particular country's or state's law, "
    "which may not be the law where you live.",
    "jurisdiction": "Disputes must be brought before particular courts, which may be far from you.",
    "arbitration": "Disputes go to private arbitration instead of a public court.",
}

# Built-in rule names (for `disable = [...]` in the config and for the docs).
BUILTIN_RULES: dict[str, str] = {
    "ai-training": "Provider use of user content or data to train or improve AI / machine-learning "
    "models, including consent and opt-out terms.",
    "content-licence": "Licences users grant over their content (perpetual, irrevocable, "
    "sublicensable, ...), and ownership assurances.",
    "data-sharing": "Sale or sharing of personal data with third parties or affiliates.",
    "class-action-waiver": "Waivers of class actions and jury trials (flagged as arbitration, high).",
    "arbitration-opt-out": "A way to opt out of (or reject) arbitration (flagged as arbitration, protective).",
    **{
        f"model-{cat}": f"CLAUDETTE-trained classifier for {cat} clauses (Lippi et al. 2019)."
        for cat in CLAUDETTE
    },
}


def builtin_rule_names() -> list[str]:
    """Names of the built-in rules, in a stable order."""
    return list(BUILTIN_RULES)


@dataclass(frozen=True)
class Rule:
    """A user rule from the config: any pattern matching a sentence raises a flag."""

    name: str
    category: str
    severity: str
    patterns: tuple[re.Pattern[str], ...]
    explanation: str = ""
    polarity: str = "permissive"


@dataclass(frozen=True)
class RuleSet:
    """Which built-in rules run, plus the user's own rules."""

    disabled: frozenset[str] = frozenset()
    user_rules: tuple[Rule, ...] = field(default_factory=tuple)

    def enabled(self, name: str) -> bool:
        """True when the built-in rule `name` is not disabled."""
        return name not in self.disabled


def builtin_rules() -> RuleSet:
    """Every built-in rule enabled, no user rules."""
    return RuleSet()


_CATEGORY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")


def rule_category(v: Any, where: str) -> str:
    """A category name for a user rule: lowercase letters, digits and '-' (like 'ai-training')."""
    if not isinstance(v, str) or not _CATEGORY_RE.match(v):
        raise invalid(where, "must be a lowercase name like 'ai-training'")
    return v


def rule_patterns(v: Any, where: str) -> tuple[re.Pattern[str], ...]:
    """A non-empty list of regular expressions, compiled case-insensitively."""
    if not isinstance(v, list) or not v:
        raise invalid(where, "must be a non-empty list of regular expressions")
    compiled = []
    for j, pattern in enumerate(v):
        nonempty_str(pattern, f"{where}[{j}]")
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise invalid(f"{where}[{j}]", f"bad regular expression {pattern!r}: {exc}") from None
    return tuple(compiled)


RULE_KEYS: dict[str, Converter] = {
    "name": nonempty_str,
    "category": rule_category,
    "severity": one_of(*SEVERITIES),
    "patterns": rule_patterns,
    "explanation": as_str,
    "polarity": one_of(*POLARITIES),
}


def parse_rules(tables: list[dict], disable: list[str], source: str) -> RuleSet:
    """Validate `[[rules]]` tables and `[flags] disable = [...]` from the config file `source`."""
    if not isinstance(tables, list):
        raise invalid(f"{source}: rules", "expected [[rules]] tables")
    if not isinstance(disable, list):
        raise invalid(f"{source}: flags.disable", "expected a list of built-in rule names")
    disabled: set[str] = set()
    for i, name in enumerate(disable):
        if not isinstance(name, str) or name not in BUILTIN_RULES:
            raise invalid(
                f"{source}: flags.disable[{i}]",
                f"unknown built-in rule {name!r}; known: {', '.join(BUILTIN_RULES)}",
            )
        disabled.add(name)
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, table in enumerate(tables):
        where = f"{source}: rules[{i}]"
        values = check_table(table, where, RULE_KEYS, required=("name", "category", "patterns"))
        name = values["name"]
        if name in seen or name in BUILTIN_RULES:
            raise invalid(f"{where}.name", f"duplicate rule name {name!r}")
        seen.add(name)
        rules.append(
            Rule(
                name,
                values["category"],
                values.get("severity", "medium"),
                values["patterns"],
                values.get("explanation", ""),
                values.get("polarity", "permissive"),
            )
        )
    return RuleSet(frozenset(disabled), tuple(rules))


# ---------------------------------------------------------------------------------------------
# Built-in detectors. They run on the sentence lowercased, with curly quotes straightened.


@dataclass(frozen=True)
class Hit:
    """One detector's verdict on one sentence."""

    category: str
    severity: str
    polarity: str
    explanation: str
    rule: str
    scope: frozenset[str] = frozenset()  # breadth terms found (perpetual, sell, ...), for directions


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_USER = (
    r"(?:you|your organi[sz]ation|customers?|users?|licensees?|subscribers?|members?|end users?)"
    # "User Content will not be used" names the user's material; the user is not the one acting.
    r"(?!'?s? (?:content|data|information|materials?|submissions?|inputs?|property|personal)\b)"
)
_USER_RESTRICT = _rx(
    # The user must be the subject of the negated verb: "you may not", "Customer and its Users shall
    # not"; a "you" further back ("the preferences you selected ... does not apply") is not.
    rf"\b{_USER}\b[^.;:,()]{{0,30}}?\b(?:may not|must not|shall not|will not|won't|cannot|can ?not|"
    r"agrees? not to|are not (?:permitted|allowed|authori[sz]ed)|is not (?:permitted|allowed)|"
    r"do not|does not|should not)\b"
    r"|\b(?:prohibited|forbidden|not permitted)\b|^\W*(?:do not|don't|never) (?:use|attempt)\b"
    rf"|^\W*{_USER}\b[^.;:()]{{0,60}}?\b(?:may not|must not|shall not|will not|agrees? not to)\b"
    rf"|\bneither {_USER}\b"
    # "... without prior authorization from Anthropic": the user needs the provider's leave.
    r"|\bwithout (?:the )?(?:prior |express )*(?:written )?(?:authori[sz]ation|permission|consent) "
    r"(?:from|of) (?!you|the user|the data subject)"
    r"|\b(?:to|in order to) (?:develop|train|build|create|improve)\b[^.]{0,60}\bcompet\w*"
)
_PROVIDER_ACTS = _rx(
    r"\b(?:we|us)\b[^.;]{0,30}\b(?:use|train|process|may|will|can)\b|\bour (?:use|training)\b"
    r"|\bgrant\w*\b[^.;]{0,60}\blicen[cs]e"
)
# A sentence that opens with a bare verb of copying or access is an item of a list of things the user
# must not do, even where the list's intro was not kept with it.
_PROHIBITED_ITEM = _rx(
    r"^\W*(?:[-*•]|\d+[.)]|\(?[a-z0-9]{1,4}\))?\s*(?:use(?! of)|utili[sz]e|utili[sz]ation of|collect|"
    r"aggregate|mine|scrape|crawl|copy|reproduce|redistribute|extract|access|attempt|reverse[- ]engineer|"
    r"decompile|sell|resell|harvest)\b"
)
_IMPERATIVE_ITEM = _rx(
    r"^\s*(?:[-*•]|\d+[.)]|\(?[a-z0-9]{1,4}\))?\s*(?:use|using|utili[sz]e|attempt|train|develop|build|create|access|copy|scrape|extract)\b"
)

_TRAIN = _rx(r"\b(?:train(?:s|ed|ing)?|re-?train\w*|pre-?train\w*|fine-?tun\w*)\b")
_AI = _rx(
    r"\b(?:artificial intelligence|machine[- ]learning|a\.?i\.?|ml|models?|llms?|large language|"
    r"neural|algorithms?|generative|gen ?ai|speech recognition|natural language|computer vision|"
    r"chatbots?|chat ?gpt|gpt\S*|ai (?:assistants?|features?|tools?|systems?|services?))\b"
)
_IMPROVE_AI = _rx(
    r"\b(?:improv\w*|develop\w*|enhanc\w*|build\w*|refin\w*)\b[^.;]{0,60}\b(?:ai|artificial intelligence|"
    r"machine[- ]learning|(?:ai |ml |language |foundation )?models?|algorithms?)\b"
)
# "... we use it to make our models more helpful", "it helps our models become more accurate".
_MODELS_BETTER = _rx(
    r"\b(?:make|makes|making|help|helps|helping) (?:our|its|the|their) (?:ai |ml )?models? "
    r"(?:become )?(?:more|better|smarter|safer)\b"
)
_DATA = _rx(
    r"\b(?:content|data|inputs?|outputs?|prompts?|conversations?|chats?|messages?|uploads?|posts?|"
    r"information|materials?|files?|audio|video|images?|recordings?|submissions?|feedback|usage|"
    r"interactions?|your|customer)\b"
)
_OWNED_DATA = _rx(
    r"\b(?:information|data) (?:that )?we (?:have|collect|receive|hold|obtain)\b|"
    r"\b(?:your|you|customers?|users?|members?|personal|private|public(?:ly)?|shared?|post(?:s|ed)?)\b|"
    r"\b(?:inputs?|prompts?|conversations?|chats?|uploads?|submissions?|recordings?|interactions?|content)\b"
)
_AI_PROTECT = _rx(
    r"\b(?:not|never|no longer|neither|nor)\b|n't\b|\bwithout\b[^.;]{0,40}\b(?:consent|permission|"
    r"authori[sz]ation|agreement|approval)\b|\bopt[- ]?in\b|\bonly (?:with|if|when|after|where)\b"
    r"|\bopt[- ]?out\b|\byou (?:can|may) (?:\w+ )?(?:choose|turn off|disable|withdraw|control|object)\b|\byou control\b"
    r"|\b(?:allows?|lets?|enables?) you to (?:object|opt|turn off|disable|choose|control|withdraw)\b"
    r"|\b(?:cease|stop|disabled?|turned off|switched off)\b|\bexclud\w*\b[^.;]{0,20}\btrain"
)
_AI_DEFAULT_ON = _rx(
    r"\bunless you\b[^.;]{0,30}\bopt[- ]?out|\buntil you\b[^.;]{0,30}\bopt[- ]?out|\bby default\b"
    r"|\bunless you (?:have )?(?:\w+ )?(?:activated|enabled|disabled|turned off|switched off|changed|objected)\b"
)
_AI_GRANTED_IF = _rx(
    r"\beven if you\b[^.;]{0,20}\bopt|\bif you (?:have )?(?:\w+ )?opt(?:ed)?[- ]?in\b[^.;]{0,160}\b(?:we|us)\b[^.;]{0,10}\b(?:may|will|can)\b"
)
_AI_NEGATED = _rx(r"\b(?:not|never|no longer)\b|n't\b")
_OPT_OUT_OF = _rx(r"\bopt[- ]?(?:out|in)\b|\bexclude\b")
_OPT_OUT = _rx(r"\bopt[- ]?out\b|\bturn off\b|\bdisable\b")


# The user is the one training ("models you create using your Training Data").
_USER_TRAINS = _rx(
    rf"\b(?:{_USER}|it)\b\s+(?:trains?|fine-?tunes?|creates?|builds?|develops?)\b|\bits own (?:account|models?)\b"
    # Fine-tuning and customisation features: the user trains a model for their own use.
    r"|\b(?:allows?|lets?|enables?|permits?) (?:you|customers?|users?|developers?) to (?:\w+ ){0,2}?"
    r"(?:fine-?tune|train|customi[sz]e|create|build)\b|\byou used to (?:fine-?tune|train)\b"
    r"|\byour (?:own )?(?:fine-?tuned|custom(?:i[sz]ed)?|trained) models?\b|\byour own training data\b"
    rf"|\b{_USER} using (?:\w+ ){{0,3}}?to (?:develop|train|build)\b"
    r"|\btrain(?:ing)? (?:other|your own|their own|competing) (?:ai )?models?\b|\bfine-?tuning (?:api|service|feature)"
)


def _user_side(s: str, restricted_context: bool) -> bool:
    """True when the sentence restricts what the user may do (so the provider is not the actor)."""
    if _PROVIDER_ACTS.search(s) and not re.search(r"\b(?:compet\w*)\b", s):
        return False
    if _USER_RESTRICT.search(s) or _USER_TRAINS.search(s):
        return True
    if _PROHIBITED_ITEM.search(s):
        return True
    return restricted_context and bool(_IMPERATIVE_ITEM.search(s))


# A licence the user grants is over the user's content even when the sentence says only "it".
_LICENCE_GRANT = _rx(r"\bgrant\w*\b[^.;]{0,200}\blicen[cs]e")


# A purpose item of a privacy policy ("To train, develop and improve our AI models;") states what the
# provider does with the information the list is about, though the item itself does not name it.
_PURPOSE_ITEM = _rx(
    r"^\W*(?:[-*•]|\d+[.)]|\(?[a-z0-9]{1,4}\))?\s*(?:to|for) (?:\w+ ){0,6}?(?:train|develop|improv|build|enhanc)"
)
# "train" in other senses: people trained, staff training.
_TRAIN_OTHER = _rx(
    r"\btrained (?:\w+ )?(?:operators?|staff|personnel|employees?|professionals?|reviewers?|moderators?|"
    r"analysts?|people|humans?|specialists?|agents?|experts?|team)\b|\b(?:staff|employee|safety|security) training\b"
)
# Explicit model-training phrases mean the AI sense even without an AI word ("used for model training").
_AI_DEFAULT_OFF = _rx(
    r"\bby default\b[^.;]{0,30}\b(?:not|never|off|disabled|excluded)\b|\bnot\b[^.;]{0,40}\bby default\b"
)


# Pointers to more text ("Learn more about how we use ...") and questions (FAQ headings) are not clauses.
_REFERENCE = _rx(
    r"^\W*(?:to )?(?:learn|read|find out|see) more\b|^\W*for more (?:information|details)\b|"
    r"^\W*(?:more information|if you (?:want|would like|wish) to (?:know|learn|request))\b"
)


_QUESTION = _rx(
    r"^\W*(?:do|does|did|can|could|will|would|how|what|who|whom|why|where|when|which|is|are|may|should)\b"
)


def _not_a_clause(s: str) -> bool:
    """A question or a pointer to more text: nothing to flag in it by itself."""
    return bool(_REFERENCE.search(s) or s.rstrip().endswith("?") and _QUESTION.search(s))


def detect_ai_training(s: str, restricted_context: bool = False) -> Hit | None:
    """Provider use of user content to train or improve AI models; protective when limited."""
    # Every path below needs an AI word: most sentences of a document stop at this one search.
    if not _AI.search(s) or _not_a_clause(s):
        return None
    if _TRAIN_OTHER.search(s):
        s = _TRAIN_OTHER.sub(" ", s)
    if _LICENCE_GRANT.search(s):
        s = s + " (content)"  # the licensed material is the user's content
    train = bool(_TRAIN.search(s) and _AI.search(s))
    # "You can opt out / exclude your data from our global models": a training control.
    train = train or bool(_OPT_OUT_OF.search(s) and _AI.search(s) and _DATA.search(s))
    purpose = bool(_PURPOSE_ITEM.search(s))
    improve = bool(
        _IMPROVE_AI.search(s) and (purpose or _DATA.search(s) and re.search(r"\b(?:use|using|used)\b", s))
    ) or bool(_MODELS_BETTER.search(s) and _DATA.search(s))
    if not (train or improve) or not _DATA.search(s) and not _AI_PROTECT.search(s) and not purpose:
        return None
    # Training on data that is neither the user's nor named as coming from users ("data used to
    # train AI models may be biased") is a disclaimer, not a use of the user's content.
    if not _OWNED_DATA.search(s) and not _AI_PROTECT.search(s) and not purpose:
        return None
    if _user_side(s, restricted_context):
        return None
    scope = frozenset(w for w in ("train", "fine-tune", "improve", "develop") if w[:5] in s)
    default_on = bool(_AI_DEFAULT_ON.search(s)) and not _AI_DEFAULT_OFF.search(s)
    # "Even if you opt out, we will use ..." and "if you opted in, we may use ...": the provider's power,
    # subject to a condition, is still granted (the labelling rules count consent-dependent use as such).
    conditional = bool(_AI_GRANTED_IF.search(s)) and not _AI_NEGATED.search(s)
    if default_on or conditional or not _AI_PROTECT.search(s):
        expl = (
            "The provider may use your content or data to train or improve its AI / machine-learning models."
        )
        if _OPT_OUT.search(s):
            expl += " It is on unless you opt out."
        return Hit("ai-training", "high", "permissive", expl, "ai-training", scope | {"permissive"})
    expl = (
        "This clause limits the use of your content for AI / machine-learning training "
        "(not at all, only with your consent, or with a way to opt out)."
    )
    if _OPT_OUT.search(s) and not re.search(r"\bnot\b|n't\b|\bnever\b|\bconsent\b|\bopt[- ]?in\b", s):
        expl += " Being able to opt out suggests training is on by default."
    return Hit("ai-training", "low", "protective", expl, "ai-training", scope)


_LICENCE = _rx(
    r"\b(?:licen[cs]es?|sub-?licen[cs]es?|rights?)\b"
    r"|\bpermission to (?:use|host|store|reproduce|copy|display|distribute|modify|publish|make)\b"
)
_USER_GRANTS = _rx(
    rf"\b{_USER}\b[^.;]{{0,80}}?\b(?:grants?|hereby grant|give|gives|confer|assign|agree to grant|"
    r"authori[sz]e|provide (?:us|\w+) with)\b|\bby (?:submitting|posting|uploading|sharing|providing|"
    r"making available)\b|\blicen[cs]e (?:to|in|over|under) (?:your|customer|user)\w*\b|\b(?:we|us)\b[^.;]{0,30}"
    r"\b(?:have|has|obtain|receive|need|acquire)\b[^.;]{0,20}\blicen[cs]e"
    # "Our license to use Your Content", "This license authorizes Disqus to make your User Content available".
    r"|\b(?:our|its) licen[cs]e\b[^.;]{0,20}\b(?:your|customer|user)\w*\b"
    r"|\blicen[cs]e (?:authori[sz]es|allows|permits|lets|entitles) (?!you\b)"
    # "the Streamer hereby grants ... license to Kick": a party other than the provider grants.
    r"|\b(?!we\b|you\b)\w+ hereby grants?\b(?! (?:to )?you\b)"
    r"|\b(?:we|us)\b(?: and our \w+)? (?:are|is|will be|shall be) granted\b"
    # A licence without the word: "you give us permission to use", "you allow us to host and display",
    # "you hereby license to us".
    rf"|\b{_USER}\b[^.;]{{0,40}}?\b(?:give|gives|grant|grants)\b (?:us|\w+) (?:the |a |an )?(?:\w+ ){{0,3}}?"
    r"(?:permission|right) to (?:use|host|store|reproduce|copy|display|distribute|modify|publish|make)\b"
    rf"|\b{_USER} (?:hereby )?licen[cs]es? (?:to us|us)\b|\blicen[cs]e (?:is|shall be) granted to (?:us|\w+)\b(?<!you)"
)
# A licence without the word: "you allow us to reproduce and display them", "you authorize us to use".
_IMPLICIT_GRANT = _rx(
    rf"\b{_USER}\b[^.;]{{0,40}}?\b(?:allow|allows|permit|permits|authori[sz]es?)\b (?:us|\w+) to (?:use|host|store|"
    r"reproduce|copy|display|distribute|modify|publish|make)\b"
)
# A described licence ("This license is worldwide, ... sublicensable, and transferable"): breadth terms
# only a licence over the user's content carries.
_LICENCE_DESCRIBED = _rx(
    r"\b(?:this|the|these|such|that) (?:rights and )?licen[cs]es?\b(?: and rights)? (?:is|are|shall be|will be)\b"
)
_LICENCE_NOT_GRANTED = _rx(
    r"\b(?:right|authority|power|rights) (?:to grant|necessary to grant)\b|\bwarrant\w*\b[^.;]{0,60}\bgrant"
)
_PROVIDER_GRANTS = _rx(
    r"\bgrant(?:s|ed)? (?:to )?(?:you|users?|customers?)\b|\b(?:you|users?) (?:are|is) granted\b"
)
_CONTENT = _rx(
    r"\b(?:content|materials?|submissions?|data|information|intellectual property|feedback|works?|"
    r"posts?|photos?|videos?|ideas|suggestions|uploads?|inputs?|outputs?|name|likeness|stuff|files?|"
    r"comments?|reviews?|contributions?|creations?|text|recordings?|music|artwork|images?)\b"
)
_LICENCE_SCOPE = {
    "perpetual": (_rx(r"\bperpetual\b"), "perpetual (it never ends)"),
    "irrevocable": (_rx(r"\birrevocabl\w*"), "irrevocable (you cannot take it back)"),
    "worldwide": (_rx(r"\bworld-?wide\b|\bglobal\b"), "worldwide"),
    "royalty-free": (
        _rx(r"\broyalty[- ]free\b|\bfully[- ]paid\b|\bfree of charge\b"),
        "royalty-free (you are not paid)",
    ),
    "sublicensable": (
        _rx(r"\bsub-?licen[cs]able\b|\bright to sub-?licen[cs]e\b|\bsub-?licen[cs]e\b(?! to you)"),
        "sublicensable (they can pass it on to others)",
    ),
    "transferable": (_rx(r"(?<!non-)(?<!non)\btransferr?able\b|\bassignable\b"), "transferable"),
    "derivative works": (_rx(r"\bderivative works?\b|\bmodify\b|\badapt\b"), "lets them modify your work"),
    "any purpose": (_rx(r"\bany (?:purpose|reason|manner|media)\b|\bunlimited\b"), "for any purpose"),
    "commercial": (
        _rx(r"\bcommerciali[sz]\w*|\bmarketing\b|\badverti\w*"),
        "including marketing or commercial use",
    ),
    "ai": (
        _rx(r"\bmachine[- ]learning|\bartificial intelligence|\btrain(?:ing)?\b"),
        "including AI training",
    ),
}
_HIGH_SCOPE = {
    "perpetual",
    "irrevocable",
    "sublicensable",
    "transferable",
    "derivative works",
    "any purpose",
    "ai",
}
_OWNERSHIP_PROTECT = _rx(
    rf"\b{_USER}\b[^.;]{{0,30}}\b(?:retain|keep|own|remain the owner|maintain)\w*\b[^.;]{{0,40}}\b(?:ownership|"
    r"rights?|title|own)\b|\b(?:do|does|will)(?: not|n't) (?:claim|obtain|acquire|take)\b[^.;]{0,20}\b(?:ownership|rights?)\b"
    r"|\bremains? (?:yours|your property|the property of)\b|\blicen[cs]e (?:ends|terminates|expires) when\b"
    r"|\blicen[cs]e (?:can|may) be (?:revoked|terminated|withdrawn) by you\b|\byou (?:can|may) (?:revoke|terminate|withdraw) "
    r"(?:this|the|that) licen[cs]e"
)


def _broad_terms(s: str) -> int:
    """How many breadth terms of a licence over user content the sentence names."""
    keys = ("perpetual", "irrevocable", "worldwide", "royalty-free", "sublicensable", "transferable")
    return sum(1 for k in keys if _LICENCE_SCOPE[k][0].search(s))


_OWNERSHIP_GATE = re.compile(r"\bown|title|yours|propert|revok|terminat|withdraw|expire|ends when")


def detect_content_licence(s: str, restricted_context: bool = False) -> Hit | None:
    """Licences the user grants over content; protective when the user keeps ownership."""
    # Cheap gate (substring tests run in C): a grant names a licence or rights, ownership "own"/"title".
    if not (
        "licen" in s
        or "right" in s
        or "own" in s
        or "title" in s
        or "yours" in s
        or "propert" in s
        or "permi" in s
        or "allow" in s
        or "authori" in s
    ):
        return None
    hereby = bool(re.search(r"\bhereby (?:\w+ )?grant|\byou (?:\w+ )?grant\b", s))
    grant = bool(
        _LICENCE.search(s)
        and _USER_GRANTS.search(s)
        and (_CONTENT.search(s) or hereby and _broad_terms(s) >= 2)
    )
    # A licence described by its breadth ("This license is worldwide, royalty-free, sublicensable and
    # transferable") is the licence over user content: a licence to the user is "non-transferable".
    grant = grant or bool(_LICENCE_DESCRIBED.search(s) and _broad_terms(s) >= 3)
    grant = grant or bool(
        _IMPLICIT_GRANT.search(s) and _CONTENT.search(s) and not _user_side(s, restricted_context)
    )
    if grant and not hereby and (_LICENCE_NOT_GRANTED.search(s) or _user_side(s, restricted_context)):
        grant = False  # "you warrant that you have the right to grant", "you may not sublicense"
    if grant and _PROVIDER_GRANTS.search(s) and not re.search(rf"\b{_USER}\b[^.;]{{0,40}}\bgrant", s):
        grant = False  # the provider licenses its service to the user: not a licence over user content
    if grant and re.search(r"\bnot\b[^.;]{0,20}\bgrant", s) and not re.search(r"\bhereby grant", s):
        grant = False
    if grant:
        return licence_hit(frozenset(k for k, (rx, _) in _LICENCE_SCOPE.items() if rx.search(s)))
    # Ownership of generated outputs is not a licence over what the user uploads.
    if (
        _OWNERSHIP_GATE.search(s)
        and _OWNERSHIP_PROTECT.search(s)
        and _CONTENT.search(s)
        and not re.search(r"\boutputs?\b|\bgenerated\b", s)
    ):
        return OWNERSHIP_HIT
    return None


def licence_hit(scope: frozenset[str]) -> Hit:
    """The permissive content-licence hit (in every language); high when the licence is broad."""
    words = [_LICENCE_SCOPE[k][1] for k in _LICENCE_SCOPE if k in scope]
    expl = "You give the provider a licence to use what you upload or submit"
    expl += (": " + ", ".join(words) + ".") if words else "."
    severity = "high" if scope & _HIGH_SCOPE else "medium"
    return Hit("content-licence", severity, "permissive", expl, "content-licence", scope | {"permissive"})


# The user keeps ownership of what they upload: the protective side of content-licence, in every language.
OWNERSHIP_HIT = Hit(
    "content-licence",
    "low",
    "protective",
    "You keep ownership of your content; the provider does not claim it.",
    "content-licence",
)


_SHARE = _rx(
    r"\b(?:sell|sells|sold|selling|sale|rent|rents|renting|share|shares|shared|sharing|disclos\w+|"
    r"transfer\w*|provide|provides|provided|make available|made available|trade|lease|pass(?:ed)? on)\b"
)
_PDATA = _rx(
    r"\bpersonal(?:ly identifiable)? (?:data|information|details)\b|\b(?:your|user|customer|member)s? "
    r"(?:data|information|details|contact)\b|\b(?:information|data) (?:about|from|of|relating to) (?:you|users)\b"
    r"|\binformation we (?:collect|receive|hold)\b|\b(?:such|this|that|the) (?:information|data)\b"
    r"|\b(?:location|browsing|contact|health|financial|biometric) (?:data|information)\b"
    r"|\b(?:we|us)\b[^.;]{0,25}\b(?:share|disclose|sell|transfer|provide)\w*\b[^.;]{0,30}\b(?:information|data)\b"
    # "your historic and current information", "information like your browsing history", "private
    # information about its customers", "your inquiries ... may be shared with others".
    r"|\byour (?:\w+ ){0,3}(?:data|information|details|inquiries|messages|conversations|content|responses|"
    r"browsing history|search (?:history|queries)|location|contacts|email address)\b"
    r"|\b(?:private|sensitive) (?:data|information)\b|\b(?:information|data) (?:like|such as|including) your\b"
    r"|\b(?:information|data) about (?:its|our) (?:customers|users|members|subscribers)\b"
)
_RECIPIENT = _rx(
    r"\bthird[- ]part\w+|\baffiliat\w+|\bpartners?\b|\badvertis(?:ers?|ing (?:partners|networks?|companies))\b"
    # Shared "for (targeted) advertising": the recipients are advertisers even when not named.
    r"|\bfor (?:the purposes? of )?(?:targeted |cross-context (?:behaviou?ral )?|personali[sz]ed |interest-based )?"
    r"advertising\b"
    r"|\b(?:to|with) (?:other|external|outside|ai|artificial intelligence) (?:\w+ )?services\b"
    r"|\bsubsidiar\w+|\bgroup companies\b|\bproviders?\b|\bprocessors?\b|\borgani[sz]ations\b|\bentities\b|"
    r"\bother companies\b|\bdata brokers?\b|\bservice providers?\b|\bvendors?\b|\bsponsors?\b|\bmarketers?\b|"
    r"\bparent company\b|\bcorporate family\b|\blaw enforcement\b|\bgovernment\w*\b|\bacquir\w+\b|\bsuccessors?\b"
    r"|\bbuyers?\b|\bothers\b|\bbusinesses\b|\bagenc(?:y|ies)\b|\bmerchants?\b|\bhosts?\b|"
    r"\bother (?:users|members|customers)\b|\bmerger\b|\bacquisition\b|\bbankruptcy\b"
)
# Shared "with" a named party ("We share some personal information with TV Licensing").
_SHARED_WITH = _rx(
    r"\b(?:share|shares|shared|sharing|disclos\w+)\b[^.;]{0,80}\bwith (?!you\b|us\b|your (?:consent|permission)\b)\w"
)
# Data the provider receives from others, and sharing the user chooses to do, are not the provider sharing.
_RECEIVED = _rx(
    r"\b(?:obtain|receive|collect|get|gather)\w*\b[^.;]{0,60}\bfrom\b|\bprovided by third[- ]part|\bfor your information\b"
    r"|\b(?:you|users) (?:choose|decide|elect|may choose) to share\b|\bwith whom you\b"
    # The user sharing.
    r"|\bprovided by you\b|\b(?:information|content|data) you share\b|\b(?:if|when) you\b[^.;]{0,60}\bshare\b"
)
# The user's rights over their data ("you have the right to request that we transfer it").
_USER_RIGHT = _rx(r"\bright to\b[^.;]{0,60}\b(?:request|know|obtain|receive|access)\b|^\W*right to\b")
_PROVIDER_SHARES = _rx(
    r"\b(?:we|us|may|will|can|might|could|also)\b[^.;]{0,15}\b(?:shares?|shared|sells?|sold|disclose[sd]?|"
    r"transfer(?:s|red)?|provides?|provided|rent)\b"
)
# "While we do not sell for money, we may "sell" or "share" ...": the permissive part wins.
_BUT_MAY = _rx(
    r"\b(?:while|although|though)\b[^.;]*,\s*(?:we|us)\b[^.;]{0,10}\b(?:may|will|shall|do)\b(?! not)"
)
_SALE = _rx(r"\b(?:sell|sells|sold|selling|rent|rents|renting|trade|lease)\b|\bdata brokers?\b|\badverti\w+")
_SHARE_PROTECT = _rx(
    r"\b(?:do|does|will|shall|would)(?: not|n't)\b[^.;]{0,40}\b(?:sell|rent|share|disclose|trade|lease)\b|"
    r"\bnever\b[^.;]{0,20}\b(?:sell|rent|share|disclose|trade)\b|\bnot (?:sell|rent|share|disclose|trade)\b|"
    r"\b(?:without|only with) (?:your|the user's)[^.;]{0,20}\b(?:consent|permission)\b"
)


# Stems of every verb in _SHARE, without word boundaries so the search is a fast scan.
_SHARE_GATE = re.compile(r"sell|sold|sale|rent|shar|disclos|transfer|provide|availab|trade|lease|pass")


def detect_data_sharing(s: str, restricted_context: bool = False) -> Hit | None:
    """Sale or sharing of personal data with third parties; protective when it is ruled out."""
    if not _SHARE_GATE.search(s):
        return None  # no verb of sharing at all: most sentences of a document
    sale_alone = re.search(r"\b(?:sell|sells|sold|selling|rent)\b[^.;]{0,40}\b(?:data|information)\b", s)
    if _not_a_clause(s):
        return None
    # Cheapest tests first: _PDATA, the costliest pattern, runs only on sentences that share with someone.
    if not (_SHARE.search(s) and (sale_alone or _RECIPIENT.search(s) or _SHARED_WITH.search(s))):
        return None
    if not (sale_alone or _PDATA.search(s)):
        return None
    if _LICENCE.search(s) and detect_content_licence(s, restricted_context):
        return None  # a licence over content names affiliates and sublicensees: that is content-licence
    if _RECEIVED.search(s) and not _PROVIDER_SHARES.search(_RECEIVED.sub(" ", s)) or _USER_RIGHT.search(s):
        return None
    user_duty = re.search(rf"\b{_USER} (?:must|shall|are required to|agree to)\b", s)
    if (
        _USER_RESTRICT.search(s) or user_duty or re.search(r"\b(?:must|may|shall) not\b", s)
    ) and not re.search(r"\b(?:we|us)\b", s):
        return None  # "you may not share other users' personal data": a duty of the user
    scope = frozenset(
        w for w in ("sell", "advertis", "third part", "affiliat", "partner", "broker") if w in s
    )
    if _SHARE_PROTECT.search(s) and not _BUT_MAY.search(s):
        return Hit(
            "data-sharing",
            "low",
            "protective",
            "This clause limits sharing of your personal data (no sale, or only with your consent).",
            "data-sharing",
            scope,
        )
    return sharing_hit(bool(_SALE.search(s)), scope)


def sharing_hit(sale: bool, scope: frozenset[str]) -> Hit:
    """The permissive data-sharing hit (in every language): high when the data may be sold."""
    expl = (
        "The provider may sell your personal data or share it with advertisers."
        if sale
        else "The provider may share your personal data with other companies (third parties or affiliates)."
    )
    return Hit(
        "data-sharing",
        "high" if sale else "medium",
        "permissive",
        expl,
        "data-sharing",
        scope | {"permissive"},
    )


_CLASS_WAIVER = _rx(
    r"\bclass[- ]action waiver\b|\bwaiv\w*\b[^.]{0,80}\bclass\b|\bclass\b[^.]{0,60}\b(?:waive|waived|waiving)\b|"
    r"\bnot (?:participate|bring|join|serve)\b[^.]{0,80}\bclass\b|\bon an individual basis\b|"
    r"\bnot as a (?:plaintiff|class member)\b|\bjury trial\b"
)


def detect_class_waiver(s: str, restricted_context: bool = False) -> Hit | None:
    """Class-action (and jury-trial) waivers, flagged as high-severity arbitration."""
    if not ("class" in s or "individual basis" in s or "jury" in s) or not _CLASS_WAIVER.search(s):
        return None
    return Hit(
        "arbitration",
        "high",
        "permissive",
        "You give up joining class actions (or a jury trial): disputes are handled one by one, "
        "usually in private arbitration.",
        "class-action-waiver",
        frozenset({"class-waiver", "permissive"}),
    )


def detect_arbitration_opt_out(s: str, restricted_context: bool = False) -> Hit | None:
    """A way out of arbitration (opt out, reject it): a protective arbitration clause."""
    if "arbitra" not in s and "dispute resolution" not in s:
        return None
    if not ARBITRATION_OPT_OUT.search(s) or _not_a_clause(s):
        return None
    return Hit(
        "arbitration",
        "low",
        "protective",
        PROTECTIVE_EXPLANATION["arbitration"],
        "arbitration-opt-out",
    )


DETECTORS = {
    "ai-training": detect_ai_training,
    "content-licence": detect_content_licence,
    "data-sharing": detect_data_sharing,
    "class-action-waiver": detect_class_waiver,
    "arbitration-opt-out": detect_arbitration_opt_out,
}


def claudette_hit(category: str, s: str) -> Hit:
    """The hit of the CLAUDETTE model for one category on the lowercased sentence `s`, with its polarity."""
    if claudette_polarity(category, s) == "protective":
        expl = PROTECTIVE_EXPLANATION[category]
        return Hit(category, "low", "protective", expl, f"model-{category}")
    expl = CLAUDETTE_EXPLANATION[category]
    return Hit(
        category,
        CLAUDETTE_SEVERITY[category],
        "permissive",
        expl,
        f"model-{category}",
        frozenset({"permissive"}),
    )
