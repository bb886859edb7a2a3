"""Built-in clause rules (AI training, content licences, data sharing) and user rules from the config.

Each built-in detector works on one sentence and answers with a :class:`Hit` or None. Detectors
look at who acts: a clause in which the *user* promises not to train models ("You may not use
Output to develop competing models") restricts the user, not the provider, and is deliberately NOT
flagged as ``ai-training`` (an ``ai-training`` flag always means the provider's own use of content).

Severity scheme (``info`` < ``low`` < ``medium`` < ``high``):

===================  ===========================================================  =========
category             when                                                          severity
===================  ===========================================================  =========
ai-training          provider may train on content (incl. on-by-default opt-out)  high
ai-training          protective: no training, or only with consent / opt-in       low
content-licence      licence is perpetual, irrevocable, sublicensable,            high
                     transferable, for derivative works or any purpose
content-licence      other licence over user content                              medium
content-licence      protective: user keeps ownership, provider claims none       low
data-sharing         sale/rental of personal data, or sharing with advertisers    high
data-sharing         other sharing with third parties / affiliates                medium
data-sharing         protective: no sale / no sharing without consent             low
class-action-waiver  class-action or jury-trial waiver                            high
arbitration          arbitration imposed                                          medium
arbitration          protective: a way to opt out of or reject arbitration        low
liability, termination, unilateral-change, content-removal                        medium
contract-by-using, choice-of-law, jurisdiction                                    low
user rules           as configured
===================  ===========================================================  =========
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..models import SEVERITIES
from ..schema import Converter, as_str, check_table, invalid, nonempty_str, one_of
from .polarity import ARBITRATION_OPT_OUT, PROTECTIVE_EXPLANATION, claudette_polarity
from .rules_ai import detect_ai_training
from .rules_licence import OWNERSHIP_HIT, detect_content_licence, licence_hit
from .rules_sharing import detect_data_sharing, protect_hit, sharing_hit
from .wording import Hit, not_a_clause, rx

# Re-exported: the other languages' rules (i18n_rules) build the same hits as the English detectors.
__all__ = [
    "BUILTIN_RULES",
    "CLASS_ACTION_WAIVER",
    "CLAUDETTE",
    "CLAUDETTE_EXPLANATION",
    "CLAUDETTE_SEVERITY",
    "PROTECTION_LOST_SEVERITY",
    "DETECTORS",
    "OWNERSHIP_HIT",
    "Hit",
    "Rule",
    "RuleSet",
    "builtin_rule_names",
    "builtin_rules",
    "claudette_hit",
    "licence_hit",
    "parse_rules",
    "protect_hit",
    "sharing_hit",
]

POLARITIES = ("permissive", "protective", "neutral")
# Its own category since a waiver alone is not arbitration (see detect_class_waiver); the rule that
# finds it has the same name, so `disable = ["class-action-waiver"]` still switches it off.
CLASS_ACTION_WAIVER = "class-action-waiver"

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
# A protective clause removed or turned permissive leaves users facing the category's harmful default:
# losing "we will not train AI on your content without consent" is as loud as gaining its opposite.
PROTECTION_LOST_SEVERITY = {
    "ai-training": "high",
    "content-licence": "medium",
    "data-sharing": "medium",
    **CLAUDETTE_SEVERITY,
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
    "class-action-waiver": "Waivers of class actions and jury trials (flagged as class-action-waiver, high).",
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


_CLASS_WAIVER = rx(
    r"\bclass[- ]action waiver\b|\bwaiv\w*\b[^.]{0,80}\bclass\b|\bclass\b[^.]{0,60}\b(?:waive|waived|waiving)\b|"
    r"\bnot (?:participate|bring|join|serve)\b[^.]{0,80}\bclass\b|\bon an individual basis\b|"
    r"\bnot as a (?:plaintiff|class member)\b|\bjury trial\b"
)


def detect_class_waiver(s: str, restricted_context: bool = False) -> Hit | None:
    """Class-action (and jury-trial) waivers: a high-severity category of their own.

    Not "arbitration": a waiver takes away the right to sue together (or before a jury) whether or not
    disputes go to arbitration, and CLAUDETTE, whose definition the arbitration flag follows, tags only
    the clause that imposes arbitration. A sentence that does both gets both flags.
    """
    if not ("class" in s or "individual basis" in s or "jury" in s) or not _CLASS_WAIVER.search(s):
        return None
    return Hit(
        CLASS_ACTION_WAIVER,
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
    if not ARBITRATION_OPT_OUT.search(s) or not_a_clause(s):
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
