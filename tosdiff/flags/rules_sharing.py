"""The data-sharing detector: personal data sold to, or shared with, third parties and affiliates."""

from __future__ import annotations

import re

from .rules_licence import detect_content_licence
from .wording import LICENCE, USER, USER_RESTRICT, Hit, not_a_clause, rx

_SHARE = rx(
    r"\b(?:sell|sells|sold|selling|sale|rent|rents|renting|share|shares|shared|sharing|disclos\w+|"
    r"transfer\w*|provide|provides|provided|make available|made available|trade|lease|pass(?:ed)? on)\b"
    # "we may exchange certain personal information with the third-party payment provider".
    r"|\bexchang(?:e|es|ed|ing)\b(?<!\bin exchange)"
)
_PDATA = rx(
    r"\bpersonal(?:ly identifiable)? (?:data|information|details)\b|\b(?:your|user|customer|member)s? "
    r"(?:data|information|details|contact)\b|\b(?:information|data) (?:about|from|of|relating to) (?:you|users)\b"
    r"|\binformation we (?:collect|receive|hold)\b|\b(?:such|this|that|the) (?:information|data)\b"
    r"|\b(?:location|browsing|contact|health|financial|biometric) (?:data|information)\b"
    r"|\b(?:we|us)\b[^.;]{0,25}\b(?:share|disclose|sell|transfer|provide)\w*\b[^.;]{0,30}\b(?:information|data)\b"
    # "your historic and current information", "information like your browsing history", "private
    # information about its customers", "your inquiries ... may be shared with others".
    r"|\byour (?:[\w-]+ ){0,3}(?:data|information|details|inquiries|messages|conversations|content|responses|"
    r"browsing history|search (?:history|queries)|location|contacts|email address)\b"
    r"|\b(?:private|sensitive) (?:data|information)\b|\b(?:information|data) (?:like|such as|including) your\b"
    r"|\b(?:information|data) about (?:its|our) (?:customers|users|members|subscribers)\b"
    # Personal data named by what it is.
    r"|\b(?:phone|telephone|mobile) numbers?\b|\be-?mail addresses\b|\bcontact details\b"
    r"|\b(?:account|device|advertising) (?:identifiers?|ids?)\b|\bhashed e-?mail|\bip addresses\b"
    r"|\bsubscriber (?:data|information|details)\b|\bdisclos\w* (?:the |your |any )?user content\b"
    # A company's sharing named without "we" ("LinkedIn shares data with our parent company").
    r"|\b(?:shares|sells|discloses|transfers) (?:certain |some |such |any |the )?(?:\w+ )?(?:data|information) (?:with|to)\b"
)
# An item of a list of purposes: "To share data with our Affiliates ...". (Anchored patterns are kept out
# of _PDATA: one alternative that does not start at a word boundary slows the whole alternation.)
_ITEM_SHARES = rx(
    r"(?:^|<br>)\W*to (?:share|disclose) (?:certain |some |such |any |the )?(?:\w+ )?(?:data|information) (?:with|to)\b"
)


def _pdata(s: str) -> bool:
    """Whether personal data is named (or a purpose item shares data)."""
    return bool(_PDATA.search(s) or "to " in s and _ITEM_SHARES.search(s))


_RECIPIENT = rx(
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
    # "In such transactions, user information may be among the transferred assets."
    r"|\b(?:transferred|sold|acquired) assets\b|\bassets (?:transferred|sold|acquired)\b"
    # A list of recipients follows ("we share your Personal Information in the following ways:").
    r"|\b(?:in|under) the following (?:ways|circumstances|situations|cases|conditions)\b"
)
# Shared "with" a named party ("We share some personal information with TV Licensing").
_SHARED_WITH = rx(
    r"\b(?:share|shares|shared|sharing|disclos\w+)\b[^.;]{0,80}\bwith (?!you\b|us\b|your (?:consent|permission)\b)\w"
)
# "Provide" in senses that hand no data to anyone: a service to the user ("provide you with the
# Services"), links, data the user provides, data given to the provider ("may provide us information").
_PROVIDE_OTHER = rx(
    r"\bprovid(?:e|es|ed|ing) (?:you|us|links?|services?|support|access|the services?|our services?|products?|"
    r"notices?|instructions?|feedback)\b|\b(?:you|users?|customers?|he or she|they) (?:\w+ )?provid(?:e|es|ed)\b"
    r"|\bprovid(?:e|es|ed|ing) (?:the|our) (?:[\w-]+ ){0,2}services?\b|\bprovided that\b|\bprovided by\b|\bprovid\w* (?:\w+ )?(?:information|details) about (?:yourself|you)\b"
    # "Links ... are provided simply for your convenience": handed to the user.
    r"|\bprovided (?:simply |solely |only |merely |just )?(?:for|as) (?:a |your )?(?:convenience|information|reference)\b"
    # "Data that you or others provide in your profile": what users give.
    r"|\b(?:you|users?|members?)(?: \w+){0,2} provid(?:e|es|ed)\b"
    # Handed to the user, not to a third party ("no title shall be transferred to You").
    r"|\b(?:transferr?(?:ed|s)?|provided|disclosed|made available|sold) (?:\w+ ){0,2}?to you\b"
)
# Where a third party's own terms govern what the user gives it ("the privacy policies of these third
# parties apply to any Personal Data you provide or consent to share with them"), the provider shares nothing.
_THIRD_PARTY_TERMS = rx(
    r"\b(?:privacy )?(?:policies|policy|terms|practices|notices?|statements?) of (?:these|those|such|the|that|any|their) "
    r"(?:\w+ )?(?:third[- ]part\w+|providers?|services?|sites?|websites?)\b[^.;]{0,30}\b(?:apply|applies|govern\w*)\b"
    r"|\bthird[- ]part(?:y|ies)'?s? (?:own )?(?:privacy )?(?:policies|policy|terms|practices|notices?)\b[^.;]{0,30}"
    r"\b(?:apply|applies|govern\w*)\b"
    # "the way Third-Party Applications use ... and disclose Your information is governed solely by the
    # policies of those Third-Party Applications".
    r"|\b(?:is|are) governed (?:solely |exclusively |only )?by (?:the|their) (?:own )?(?:privacy )?"
    r"(?:policies|policy|terms)\b"
)
_WE_SHARE = rx(r"\b(?:we|us)\b[^.;]{0,20}\b(?:share|shares|shared|sell|sells|sold|disclose[sd]?)\b")
# Data the provider receives from others, and sharing the user chooses to do, are not the provider sharing.
_RECEIVED = rx(
    r"\b(?:obtain|receive|collect|get|gather)\w*\b[^.;]{0,60}\bfrom\b|\bprovided by third[- ]part|\bfor your information\b"
    # Others sharing with the provider ("These partners also share with us information such as ...",
    # "Third parties may disclose your personal information to us").
    # (The first "with"/"to" after the verb is "us": "share ... with companies affiliated with us" is ours.)
    r"|\b(?:share|shares|shared|sharing|disclos\w*|send\w*|pass(?:es|ed)?|transfer\w*) (?:(?!with\b|to\b)[\w-]+ ){0,6}?"
    r"(?:with|to) us\b"
    r"|\b(?:you|users) (?:choose|decide|elect|may choose) to share\b|\bwith whom you\b"
    # The user sharing.
    r"|\bprovided by you\b|\b(?:information|content|data) you share\b|\b(?:if|when) you\b[^.;]{0,60}\bshare\b"
    r"|\b(?:you|he or she|they|members?|users?)\b(?: (?!we\b|us\b)\w+){0,3}? (?:share|shares|sharing)\b"
    r"|\b(?:if|when) you (?:have )?(?:disclosed|disclose|made available|make available)\b"
    r"|\b(?:shared|provided|posted|disclosed) by (?:you|members?|users?|customers?)\b"
    # "It's okay to share your creations", "feel free to share": what the user may do with their own works.
    r"|\b(?:okay|ok|fine|free|welcome|encouraged|allowed|permitted) to (?:share|post|disclose)\b"
)
# An item of a list of sources: "From third parties or service providers that you have authorized ...".
_FROM_ITEM = rx(
    r"^\W*(?:[-*•]\s*)?from (?:\w+ ){0,3}?(?:third[- ]part\w+|service providers?|partners?|sources?)\b"
)
# The user's rights over their data ("you have the right to request that we transfer it").
_USER_RIGHT = rx(
    r"\bright to\b[^.;]{0,60}\b(?:request|know|obtain|receive|access)\b|^\W*right to\b"
    # "the Shine the Light law permits you to request ...", "entitles you to obtain ...".
    r"|\b(?:permits?|entitles?|allows?) (?:you|residents|consumers|users|our users)\b[^.;]{0,50}?\bto (?:request|know|obtain|"
    r"receive|access)\b|\bright to (?:ask|have)\b|\brequest (?:the |a |that we )?(?:transfer|port|copy|deletion|erasure)\w*\b"
    # An item of what a user may ask to know: "(d) The categories of third parties to whom ... was sold".
    # ("The categories of third parties to whom we sell ... include vendors" states them: not an item).
    r"|^\W*(?:[-*•]|\d+[.)]|\(?[a-z0-9]{1,4}\))?\s*the categories of (?:third parties|personal (?:information|data)|"
    r"sources|recipients)\b(?![^.;]*\b(?:include|includes|including|are|consist|consists)\b)"
)
_PROVIDER_SHARES = rx(
    r"\b(?:we|us|may|will|can|might|could|also)\b[^.;]{0,15}\b(?:shares?|shared|sells?|sold|disclose[sd]?|"
    r"transfer(?:s|red)?|provides?|provided|rent)\b"
)
# "While we do not sell for money, we may "sell" or "share" ...": the permissive part wins.
# So does "Although we do not sell ..., our sharing with advertising partners may be deemed a sale".
_BUT_MAY = rx(
    r"\b(?:while|although|though)\b[^.;]*?,\s*(?:(?:we|us)\b[^.;]{0,10}\b(?:may|will|shall|do)\b(?! not)"
    r"|our (?:sharing|disclosures?|sales?|transfers?)\b)"
    # "... certain data practices ... may be considered a "sale" or "sharing" under applicable law".
    r"|\b(?:may|might|could|can|would|will) (?:also )?(?:be )?(?:considered|deemed|treated as|constitute|qualify as)\b"
    r"[^.;]{0,20}\b(?:sales?|selling|sold|sharing|share)\b"
)
_SALE = rx(r"\b(?:sell|sells|sold|selling|rent|rents|renting|trade|lease)\b|\bdata brokers?\b|\badverti\w+")
# The user's control over sharing: "We will honor opt-out requests for sale, sharing and targeted
# advertising", "to exercise your choices regarding the sharing of your data with Ad Partners".
_CONTROL = (
    r"\bopt[- ]?out\b[^.;]{0,30}\b(?:sale|sell|selling|sharing|share|disclos\w*)\b"
    r"|\b(?:choices?|preferences?|settings?) (?:regarding|about|for|over|on) (?:the )?"
    r"(?:sale|selling|sharing|disclosure)\b|\bdo not (?:sell|share)(?: or (?:sell|share))? my\b"
    r"|\b(?:apply limits|limits?|restrictions?) (?:to|on) the (?:sale|selling|sharing|disclosure)\b"
)
_CONTROL_RX = rx(_CONTROL)
# "... may be sold to or shared with third parties; see below for how to opt out": the power is granted,
# unless the user opts out (permissive); the control is the clause only when nothing else affirms a sharing.
_AFFIRMED_SHARE = rx(
    r"\b(?:may|will|can|might)\b(?: also)? (?:be )?(?:sold|shared|disclosed|sell|share|disclose)\b"
    r"|\bwe (?:also )?(?:sell|share|disclose)\b|\bpermission to (?:sell|share|disclose)\b|\bunless you\b"
)
_INSTRUCTION = rx(r"\b(?:if you (?:do not|don't) (?:wish|want)|select|click|visit|go to|contact us)\b")
# Negated sharing with advertisers where the data is named only by what came before ("we use interest
# categories for internal ad selection, but we do not sell or share those specific categories with
# advertisers").
_WE_DO_NOT_SHARE = rx(
    r"\b(?:we|us)\b (?:do|does|will|shall)(?: not|n't) (?:\w+ )?(?:sell|share|disclose|rent)"
    r"(?: or (?:sell|share|disclose|rent))? (?:those|these|such|them|it|this|that)\b[^.;]{0,60}"
    r"\b(?:with|to) (?:any )?(?:advertisers|third[- ]part\w+|data brokers|ad partners|marketers)\b"
)
# Third parties collecting from the user directly ("These partners may collect information directly from
# your device ... through their own tools"): the provider lets them have the data.
_PARTNER_COLLECTS = rx(
    # ("Third Party Services may collect data from you" are linked services, not the provider's partners.)
    r"\b(?:partners?|third[- ]part(?:y|ies)|advertisers?|ad networks?)\b"
    r"(?! (?:services?|sites?|websites?|applications?|apps?|platforms?)\b)(?: \w+){0,3}? (?:may |can |will |also )*"
    r"collect\w*\b[^.;]{0,40}\b(?:information|data)\b[^.;]{0,40}\b(?:from|about) (?:you|your)\b"
)
_SHARE_PROTECT = rx(
    r"\b(?:do|does|will|shall|would)(?: not|n't)\b[^.;]{0,60}\b(?:sell|rent|share|disclose|trade|lease)\b|"
    # "Neither party shall share the personal information of the other": the provider is bound too.
    r"\bneither (?:party|of us)\b[^.;]{0,20}\b(?:shall|will|may)\b[^.;]{0,20}\b(?:sell|share|disclose|transfer)\b|"
    # Passive and other negations: "won't be shared, sold or rented", "is never disclosed".
    r"(?:\b(?:is|are|be|been|was|were|will|shall|can|may)(?: not|n't)|\bwon't|\bcannot|\bnever)\b(?: \w+){0,2}? "
    r"(?:shared|sold|rented|disclosed|traded|leased|transferred)\b|"
    r"\bnever\b[^.;]{0,20}\b(?:sell|rent|share|disclose|trade)\b|\bnot (?:sell|rent|share|disclose|trade)\b|"
    r"\b(?:without|only with) (?:your|the user's)[^.;]{0,20}\b(?:consent|permission)\b"
)


# Warranties, disclaimers and who is responsible for content ("You represent and warrant that ... your
# provision of your User Content ... will not violate a third party's rights", "you ... are entirely
# responsible for all Content that you ... make available", "WE MAKE NO WARRANTIES ... PERSONAL
# INFORMATION"): they say who answers for data, not that the provider hands it to anyone.
_DISCLAIMER = rx(
    # ("without a warrant", "a search warrant": a court's order, not a warranty.)
    r"\b(?:warranty|warranties|disclaim\w*|liab(?:le|ility))\b|\brepresents? and warrants?\b"
    r"|\bwarrants? (?:that|to)\b|\b(?:do|does|will) not warrant\b"
    r"|\b(?:solely|entirely|fully|exclusively) responsible\b|\bresponsib\w+ (?:for|of) (?:all|any|the)\b"
)
_DISCLAIMER_GATE = re.compile(r"warrant|disclaim|liab|responsib")
_WE_SHARE_AFFIRMED = rx(
    r"\b(?:we|us)\b[^.;]{0,20}\b(?:share|shares|sell|sells|disclose|discloses|transfer|transfers|rent)\b(?!\w)"
    r"|\b(?:may|will|can) (?:also )?(?:be )?(?:shared|sold|disclosed|transferred|share|sell|disclose|transfer)\b"
)
# A licence that also hands the content over: "the right to sell or transfer the User Content to a third
# party", "the right to use ... offer for sale and sell the personal information".
_LICENCE_SHARES = rx(
    r"\b(?:sell|transfer)\b[^.;]{0,40}?\bto (?:a |any )?third[- ]part\w*|\bsell (?:the |your )?personal (?:information|data)\b"
    # "You grant the Company and all other persons or entities involved ... the right to ... use your information".
    r"|\bgrant\w*\b[^.;]{0,40}\b(?:other persons|other entities|third parties|affiliates|partners)\b[^.;]{0,80}\bright to\b"
    r"[^.;]{0,60}\byour (?:personal )?(?:information|data)\b"
)
_PROCESSORS_ENGAGED = rx(
    # "We may engage third-party AI technology providers to assist with processing User Data".
    r"\b(?:engage|employ|retain|use) (?:\w+ ){0,2}?(?:third[- ]party|external|outside) (?:[\w-]+ ){0,3}?(?:providers?|"
    r"vendors?|processors?|companies|partners)\b[^.;]{0,40}\b(?:process\w*|handl\w*|stor\w*|analy[sz]\w*|host\w*)\b"
)


# "disclose Usage Data to third parties only in an aggregated and/or de-identified form": what leaves
# identifies no one (a limit on the sharing).
_ONLY_DEIDENTIFIED = rx(
    r"\b(?:disclos\w*|shar(?:e|es|ed|ing)|provid\w*|sell|sold|transfer\w*)\b[^.;]{0,60}\bonly (?:in (?:an? )?)?"
    r"(?:aggregated?|anonymi[sz]ed|de-?identified)\b"
)


_PERSONAL = rx(r"\bpersonal(?:ly identifiable)? (?:data|information)\b")
# "we"/"us" as words, not inside a link ("/hc/en-us/articles").
_WE = rx(r"(?<![-/])\b(?:we|us)\b(?![-/])")
# An exception that lets sharing happen after all; "unless you consent" is a consent control (protective).
_EXCEPT = rx(
    r"\b(?:except|other than|save as|apart from)\b|\bunless\b(?! (?:you|the user) (?:\w+ )?(?:consent|agree|opt[- ]in|"
    r"authori[sz]e|give (?:us )?(?:your )?(?:consent|permission)))"
)
# Stems of every verb in _SHARE, without word boundaries so the search is a fast scan.
_NON_PERSONAL = rx(r"\bnon-?personal(?:ly identifiable)? (?:information|data)\b")
_SHARE_GATE = re.compile(
    r"sell|sold|sale|rent|shar|disclos|transfer|provide|availab|trade|lease|pass|exchang"
)


def detect_data_sharing(s: str, restricted_context: bool = False) -> Hit | None:
    """Sale or sharing of personal data with third parties; protective when it is ruled out."""
    if ("grant" in s or "sell" in s or "transfer" in s) and _LICENCE_SHARES.search(s):
        if not re.search(r"\b(?:must|may|shall) not\b", s) and detect_content_licence(s, restricted_context):
            return sharing_hit(bool(_SALE.search(s)), frozenset({"third part"}))
    if not _SHARE_GATE.search(s):
        if "collect" in s and _PARTNER_COLLECTS.search(s) and not not_a_clause(s):
            return sharing_hit(bool(_SALE.search(s)), frozenset({"partner"}))
        return None  # no verb of sharing at all: most sentences of a document
    sale_alone = re.search(r"\b(?:sell|sells|sold|selling|rent)\b[^.;]{0,40}\b(?:data|information)\b", s)
    if not_a_clause(s):
        return None
    # Cheapest tests first: _PDATA, the costliest pattern, runs only on sentences that share with someone.
    share = _SHARE.search(s)
    if share and (share.group(0).startswith("provid") or " to you" in s) and _PROVIDE_OTHER.search(s):
        share = _SHARE.search(_PROVIDE_OTHER.sub(" ", s))
    # Where a sharing that "may be considered a sale" comes with the control, the instruction to use it
    # ("select ... Do Not Sell or Share My Personal Information") is what the clause is for.
    control = bool(share and _CONTROL_RX.search(s)) and not _AFFIRMED_SHARE.search(_CONTROL_RX.sub(" ", s))
    if control and (not _BUT_MAY.search(s) or _INSTRUCTION.search(s)):
        return PROTECT_HIT  # an opt-out of, or a choice about, the sale or sharing of personal data
    if _DISCLAIMER_GATE.search(s) and _DISCLAIMER.search(s) and not _WE_SHARE_AFFIRMED.search(s):
        return None
    if not share and "provider" in s and _PROCESSORS_ENGAGED.search(s) and _pdata(s):
        return sharing_hit(False, frozenset({"third part"}))
    if not (share and (sale_alone or _RECIPIENT.search(s) or _SHARED_WITH.search(s))):
        # "We never share your personal data.": the provider rules sharing out with no recipient named.
        if (
            share
            and not s.rstrip().endswith(":")  # a lead-in: what follows says when it is shared
            and _SHARE_PROTECT.search(s)
            and _PERSONAL.search(s)
            and _WE.search(s)
            and not _BUT_MAY.search(s)
            and not _EXCEPT.search(s)
        ):
            return PROTECT_HIT
        return None
    if "personal" in s and _NON_PERSONAL.search(s):
        # "We may share non-personal information with our family companies" (unless personal data is named too).
        rest = _NON_PERSONAL.sub(" ", s)
        s = rest if "personal" not in rest else s
    if "only" in s and _ONLY_DEIDENTIFIED.search(s):
        return PROTECT_HIT  # shared only once no one can be identified
    if not (sale_alone or _pdata(s)):
        return PROTECT_HIT if _WE_DO_NOT_SHARE.search(s) else None
    if _THIRD_PARTY_TERMS.search(s) and not _WE_SHARE.search(s):
        return None
    if LICENCE.search(s) and detect_content_licence(s, restricted_context):
        return None  # a licence over content names affiliates and sublicensees: that is content-licence
    if _FROM_ITEM.search(s):
        return None
    if _RECEIVED.search(s) and not _PROVIDER_SHARES.search(_RECEIVED.sub(" ", s)) or _USER_RIGHT.search(s):
        return None
    # "You agree to such transfer" consents to the provider's act; "you agree to keep ..." is a duty.
    user_duty = re.search(
        rf"\b{USER} (?:must|shall|are required to|agree to)\b(?! (?:such|the|this|any|our) (?:transfer|shar|disclos|sale))"
        r"|^\W*(?:[a-z0-9]{1,3}[.)]\s*)?(?:never|do not|don't|please do not|avoid) (?:share|disclose|sell|give)\b",
        s,
    )
    if (
        USER_RESTRICT.search(s) or user_duty or re.search(r"\b(?:must|may|shall) not\b", s)
    ) and not re.search(r"\b(?:we|us)\b", s):
        return None  # "you may not share other users' personal data": a duty of the user
    scope = frozenset(
        w for w in ("sell", "advertis", "third part", "affiliat", "partner", "broker") if w in s
    )
    # A lead-in ("..., other than as described below:") says what follows: never a promise on its own.
    if _SHARE_PROTECT.search(s) and not _BUT_MAY.search(s) and not s.rstrip().endswith(":"):
        return protect_hit(scope)
    return sharing_hit(bool(_SALE.search(s)), scope)


def protect_hit(scope: frozenset[str] = frozenset()) -> Hit:
    """The protective data-sharing hit (in every language): sharing ruled out, limited or left to consent."""
    return Hit(
        "data-sharing",
        "low",
        "protective",
        "This clause limits sharing of your personal data (no sale, or only with your consent).",
        "data-sharing",
        scope,
    )


PROTECT_HIT = protect_hit()


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
