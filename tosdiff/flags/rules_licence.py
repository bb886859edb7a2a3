"""The content-licence detector: licences the user grants over what they upload, and ownership kept."""

from __future__ import annotations

import re

from .wording import LICENCE, USER, Hit, rx, user_side

_GIVES_US_LICENCE = (
    r"\b(?:give|gives|giving|grant|grants|granting) (?:to )?us (?:a|an|the)\b[^.;]{0,150}\blicen[cs]e"
)
_USER_GRANTS = rx(
    # The user must be the one granting: a relative clause brings another subject ("you are located in a
    # jurisdiction that grants you rights"); "provide us with" is a grant only of a licence or right.
    rf"\b{USER}\b(?:(?!\bthat\b|\bwhich\b|\bwho\b)[^.;]){{0,80}}?\b(?:grants?|granting|hereby grant|give|gives|confer|"
    r"assign|agree to grant|authori[sz]e (?:us|\w+) (?:to|and)|provide (?:us|\w+) with (?:a |an |the )?(?:\w+ )?"
    r"(?:licen[cs]e|right|permission))\b|\bby (?:submitting|posting|uploading|sharing|providing|"
    # "... by posting a notice on the Site": the provider posting changes grants nothing.
    r"making available)\b(?! (?:a |the |an )?(?:\w+ )?(?:notices?|notifications?|revised|updated|new version|changes?))"
    r"|\blicen[cs]e (?:to|in|over|under) (?:your|customer|user)\w*\b|\b(?:we|us)\b[^.;]{0,30}"
    r"\b(?:have|has|obtain|receive|need|acquire)\b[^.;]{0,20}\blicen[cs]e"
    # "Our license to use Your Content", "This license authorizes Disqus to make your User Content available".
    r"|\b(?:our|its) licen[cs]e\b[^.;]{0,20}\b(?:your|customer|user)\w*\b"
    r"|\blicen[cs]e (?:authori[sz]es|allows|permits|lets|entitles) (?!you\b)"
    # "the Streamer hereby grants ... license to Kick": a party other than the provider grants.
    r"|\b(?!we\b|you\b)\w+ hereby grants?\b(?! (?:to )?you\b)"
    r"|\b(?:we|us)\b(?: and our \w+)? (?:are|is|will be|shall be) granted\b"
    # A licence without the word: "you give us permission to use", "you allow us to host and display",
    # "you hereby license to us".
    rf"|\b{USER}\b[^.;]{{0,40}}?\b(?:give|gives|giving|grant|grants|granting)\b (?:us|\w+) (?:the |a |an )?(?:\w+ ){{0,3}}?"
    r"(?:permission|right) to (?:use|host|store|reproduce|copy|display|distribute|modify|publish|make)\b"
    rf"|\b{USER} (?:hereby |shall |will |agree to |must )?licen[cs]es?\b(?: \([^)]{{0,80}}\))? (?:to us|us)\b|\blicen[cs]e (?:is|shall be) granted to (?:us|\w+)\b(?<!you)"
    # "..., and as such, gives us a perpetual ... license": only the user gives the provider a licence.
    r"|" + _GIVES_US_LICENCE
)
_GIVES_US = rx(_GIVES_US_LICENCE)
# A licence without the word: "you allow us to reproduce and display them", "you authorize us to use".
_IMPLICIT_GRANT = rx(
    rf"\b{USER}\b[^.;]{{0,40}}?\b(?:allow|allows|permit|permits|authori[sz]es?)\b (?:us|\w+) to (?:use|host|store|"
    r"reproduce|copy|display|distribute|modify|publish|make)\b"
)
# The provider's power over what users upload stated without a grant: "we have the right to use, copy,
# distribute, sell and disclose ... any such material", "LOVOO may use this content free of charge for
# its own commercial purposes", "we may make User Content available to our business partners".
_PROVIDER_USES_CONTENT = rx(
    # (Each alternative starts at its verb, not at any word that could be its subject: a faster search.)
    r"\b(?:have|has|reserves?|retains?) (?:the|a) (?:\w+ )?right to (?:use|copy|reproduce|"
    r"publish|distribute|exploit|sell)\b[^.;]{0,80}\b(?:sell|sold|commercial\w*|any purpose|disclose to third)"
    r"|\b(?:may|can|will|shall) (?:also )?(?:use|exploit|publish|reproduce) (?:this|such|your|the|any|all)"
    r" (?:user )?(?:content|submissions?|contributions?|materials?|reviews?|posts?|photos?)\b[^.;]{0,60}"
    r"\b(?:free of charge|without (?:compensation|payment|remuneration)|commercial|advertis\w*|promotion\w*)"
    r"|\b(?:may|can|will) (?:also )?make (?:your |the )?(?:user )?(?:content|submissions?|contributions?|"
    r"reviews?|posts?|photos?) available to (?:\w+ ){0,3}?(?:partners?|third[- ]part\w+|affiliates|companies)\b"
    # "We may use User Material for our internal business purposes, ... to promote, market or advertise",
    # "we may use Content to provide the Service", "Speechify may include your User Material in Speechify's
    # Distribution Content": the provider's stated use of what users submit, named as such.
    r"|\b(?:may|can|will|shall) (?:also )?(?:use|include|incorporate|feature|publish|reproduce|distribute) "
    r"(?:(?:your|the|all|any|such) )?(?:(?:user|customer|member) )?(?:content|materials?|submissions?|inputs?|uploads?|"
    r"contributions?)\b(?! (?:from|of|provided by|licensed from|owned by)\b)[^.;]{0,40}?"
    r"\b(?:to (?:provide|operate|run|promote|market|advertis\w*)|for (?:our |its )?(?:own )?(?:\w+ ){0,2}?(?:purposes|"
    r"marketing|promotion\w*|advertis\w*)|in (?:[\w']+ ){0,3}?(?:content|materials?|products?|advertis\w*|marketing))\b"
)
_UPLOADED = rx(
    r"\b(?:you|users?|members?)\b[^.;]{0,30}\b(?:upload|submit|post|provide|share|contribute)\w*|"
    r"\b(?:user|your|customer|member) (?:content|submissions?|contributions?|materials?|inputs?)\b|\bthis content\b"
    # The material a term of the service names ("we may use Content to provide the Service"): its own clause.
    r"|^\W*(?:we|us|[\w']+) (?:may|can|will|shall) (?:also )?use (?:the )?(?:content|inputs?|submissions?)\b"
)
# "you waive your right to enforce against eBay ... your Intellectual Property Rights in that content":
# a waiver in the provider's favour is a licence without the word.
_WAIVER = rx(
    r"\byou (?:\w+ )?waive\w*\b[^.;]{0,120}\bintellectual property rights\b[^.;]{0,80}"
    r"\b(?:content|submissions?|contributions?|uploads?|materials?)\b"
)
# A described licence ("This license is worldwide, ... sublicensable, and transferable"): breadth terms
# only a licence over the user's content carries.
_LICENCE_DESCRIBED = rx(
    r"\b(?:this|the|these|such|that) (?:rights and )?licen[cs]es?\b(?: and rights)? (?:is|are|shall be|will be)\b"
    r"|\b(?:the|this|such) rights? for (?:the )?\w+ to\b[^.;]{0,200}?,? (?:is|are|shall be|will be)\b"
)
# The licence the user granted named as the subject of its own sentence: its purpose ("This license is for
# the limited purpose of operating, developing, providing, promoting, and improving the Services", "The
# rights you grant in this license are for the limited purposes of allowing Under Armour to operate the
# Services"), its life ("The licences granted by you for Public Content continue for so long as ..."), or
# what it lets the provider do ("the license to use, distribute, reproduce ... such Content", "Tinder would
# have an exclusive license to screenshots ... that include Your Content").
_LICENCE_SUBJECT = rx(
    r"\b(?:this|the|these|such|that) (?:licen[cs]es?|rights?)(?: you grant| (?:granted|given) by you)?\b[^.;]{0,30}?"
    r" (?:is|are) (?:\w+ )?(?:for|granted for|limited to) (?:the )?(?:limited |sole |specific )?(?:purposes?|use)\b"
    # ("This licence is for the sole purpose of enabling you to use and enjoy our Services": a licence to the user.)
    r"(?! (?:of )?(?:enabling|allowing|permitting|letting) you\b)"
    r"|\blicen[cs]es? (?:granted|given) by you\b|\b(?:rights|licen[cs]es?) you grant\b"
    r"|\b(?:the|this|our|a|an) (?:\w+ )?licen[cs]e to (?:use|host|store|reproduce|copy|display|distribute|modify|publish|"
    r"exploit)\b[^.;]{0,150}?\b(?:your|such|user|the user'?s?) (?:\w+ ){0,2}?(?:content|data|information|submissions?|"
    r"materials?|posts?|photos?|videos?)\b"
    r"|\b(?:has|have|would have|will have|obtains?|receives?) (?:an? |the )?(?:\w+ ){0,2}?licen[cs]e (?:to|in|over)\b"
    r"[^.;]{0,60}\byour (?:\w+ )?content\b"
)
# The licence ends with the content ("This license granted in 5.3a ends when the User deletes his User
# Content", "This license exists only for as long as ... and will terminate at the time you remove").
_LICENCE_ENDS = rx(
    r"\blicen[cs]es?\b[^;]{0,60}?\b(?:ends?|terminates?|expires?|ceases?|will terminate|exists only)\b[^.;]{0,60}?"
    r"\b(?:when|once|upon|at the time|until|for (?:so |as )?long as)\b"
)
# "Linden Lab may ... display, maintain, or otherwise make use of, any of your User Content".
_MAKES_USE = rx(
    r"\b(?:may|can|will|shall)\b[^.;]{0,80}\bmake use of,? (?:any (?:of )?)?(?:your |the |all |such )?(?:user )?"
    r"(?:content|submissions?|materials?)\b"
)
_LICENCE_NOT_GRANTED = rx(
    r"\b(?:right|authority|power|rights) (?:to grant|necessary to grant)\b|\bwarrant\w*\b[^.;]{0,60}\bgrant"
    r"|\bnecessary to grant\b|\bbelongs? to us\b"
    # "you ... have the necessary licenses, rights ... to authorize us to use ... your User Content": a warranty.
    r"|\b(?:have|has|hold) (?:all )?(?:the )?(?:necessary|required|requisite) (?:licen[cs]es|rights?)\b[^.;]{0,80}"
    r"\bto (?:authori[sz]e|grant|permit)\b"
    r"|\b(?:cannot|can ?not|can't|unable to|not able to) grant\b"
    # "you represent and warrant that you have all rights, licenses, and permissions that are necessary for
    # us to process the Inputs": a warranty, whatever follows.
    r"|\b(?:have|has|hold|obtained|possess)\b (?:all |any )?(?:the )?(?:rights|licen[cs]es|permissions|consents)"
    r"(?:,? (?:and |or )?(?:rights|licen[cs]es|permissions|consents|authori[sz]ations))*,? (?:that are |which are )?"
    r"(?:necessary|required|needed)\b"
)
_PROVIDER_GRANTS = rx(
    r"\bgrant(?:s|ed)? (?:to )?(?:you|users?|customers?)\b|\b(?:you|users?) (?:are|is) granted\b"
)
_CONTENT = rx(
    r"\b(?:content|contents|materials?|submissions?|data|information|intellectual property|feedback|works?|"
    r"posts?|photos?|videos?|ideas|suggestions|uploads?|inputs?|outputs?|name|likeness|stuff|files?|"
    r"comments?|reviews?|contributions?|creations?|text|recordings?|music|artwork|images?)\b"
)
_LICENCE_SCOPE = {
    "perpetual": (rx(r"\bperpetual\b"), "perpetual (it never ends)"),
    "irrevocable": (rx(r"\birrevocabl\w*"), "irrevocable (you cannot take it back)"),
    "worldwide": (rx(r"\bworld-?wide\b|\bglobal\b"), "worldwide"),
    "royalty-free": (
        rx(r"\broyalty[- ]free\b|\bfully[- ]paid\b|\bfree of charge\b"),
        "royalty-free (you are not paid)",
    ),
    "sublicensable": (
        rx(r"\bsub-?licen[cs]able\b|\bright to sub-?licen[cs]e\b|\bsub-?licen[cs]e\b(?! to you)"),
        "sublicensable (they can pass it on to others)",
    ),
    "transferable": (rx(r"(?<!non-)(?<!non)\btransferr?able\b|\bassignable\b"), "transferable"),
    "derivative works": (rx(r"\bderivative works?\b|\bmodify\b|\badapt\b"), "lets them modify your work"),
    "any purpose": (rx(r"\bany (?:purpose|reason|manner|media)\b|\bunlimited\b"), "for any purpose"),
    "commercial": (
        rx(r"\bcommerciali[sz]\w*|\bmarketing\b|\badverti\w*"),
        "including marketing or commercial use",
    ),
    "ai": (
        rx(r"\bmachine[- ]learning|\bartificial intelligence|\btrain(?:ing)?\b"),
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
_OWNERSHIP_PROTECT = rx(
    rf"\b{USER}\b[^.;]{{0,30}}\b(?:retain|keep|own|remain the owner|maintain)\w*\b[^.;]{{0,40}}\b(?:ownership|"
    r"rights?|title|own)\b|\b(?:do|does|will)(?: not|n't) (?:claim|obtain|acquire|take)\b[^.;]{0,20}\b(?:ownership|rights?)\b"
    r"|\bremains? (?:yours|your property|the property of (?:you|the user|the customer|its owner))\b|\blicen[cs]e (?:ends|terminates|expires) when\b"
    r"|\b(?:remains?|stays?|is|are) (?:\w+ )?owned by (?:you|the user|the customer)\b"
    r"|\blicen[cs]e (?:will |shall )?(?:end|ends|terminates?|expires?|ceases?) (?:once|upon|on|at the time|as soon as)\b"
    rf"|\b{USER} (?:still |continue to |will )?own (?:all |any )?(?:the |your )?(?:[\w-]+ ){{0,2}}?(?:content|submissions?|"
    r"materials?|videos?|photos?|posts?|data|works?)\b|\b(?:still )?belongs? to you\b"
    r"|\blicen[cs]e (?:can|may) be (?:revoked|terminated|withdrawn) by you\b|\byou (?:can|may) (?:revoke|terminate|withdraw) "
    r"(?:this|the|that) licen[cs]e"
)

# The provider's own ownership ("we (or our licensors) own all rights ... in the Service") protects nobody.
# "You will not acquire any right, title or interest in the Services": the user gets nothing; no one's
# ownership of user content is assured.
_USER_ACQUIRES_NOT = rx(
    rf"\b{USER}\b[^.;]{{0,20}}\b(?:will|do|does|shall|may)(?: not|n't) (?:\w+ )?(?:acquire|obtain|receive)"
)
_PROVIDER_OWNS = rx(r"\b(?:we|us)\b[^.;]{0,80}?\b(?:own|owns|retain|retains|reserve|reserves)\b")
_USER_GRANTS_SUBJECT = rx(rf"\b{USER}\b(?: (?!that\b|which\b|who\b)\w+){{0,4}},? (?:hereby )?grant")
# Ownership as a condition or a duty ("unless you are the owner", "you must own or have all necessary
# rights") and a right to act ("retains the right to sue") assure nothing about the user's content.
_OWNERSHIP_NOT_ASSURED = rx(
    r"\b(?:unless|if|only if|provided that)\s+you\s+(?:are the (?:owner|rights? holder)|own|have)\b"
    # "(a) You own your User Material or have the right to submit it": an item of a warranty.
    r"|\byou own\b[^.;]{0,40}\bor (?:otherwise )?(?:have|control|hold)\b"
    r"|\b(?:warrant\w*|represent\w*|confirm\w*|ensure)\b[^.;]{0,15}\byou\b[^.;]{0,10}\b(?:own|are the owner|have)\b"
    r"|\bretains? the right to\b"
    r"|\byou (?:must|need to|are required to)\b(?: \w+)?? (?:own|have (?:all|the|any|sufficient))\b"
)
_PARENS = re.compile(r"\([^()]*\)")  # asides ("our licensors (including other Users)") name no owner
_USER_OWNS = rx(rf"\b{USER}\b[^.;]{{0,20}}\b(?:own|retain|keep)\w*\b")
# A licence whose scope is stated: limited ("This license does not permit us to share your Inputs ...
# for model training", protective) or extended ("use of Your Content to train ... is within the scope of
# this license", permissive).
_LICENCE_LIMITED = rx(
    r"\b(?:this|the|that|such|our|these|your) licen[cs]es?(?: (?:granted|given) (?:by you|to us)(?: \w+)?)?"
    r" (?:does|do|will|shall|is|would)(?: not|n't)"
    r"(?:,? \w+,?)?? (?:permit|allow|include|grant|extend|give|authori[sz]e|cover|let|entitle)\w*\b"
    # "... shall use this license in a manner which complies with image rights ...".
    r"|\b(?:use|exercise) (?:this|the|such) licen[cs]e (?:only|solely|in a (?:manner|way) (?:that|which) (?:complies|respects))"
)
_LICENCE_EXTENDED = rx(
    r"\bwithin the scope of (?:this|the|that|our|such) licen[cs]e\b|\b(?:this|the|that|our|such) licen[cs]e "
    r"(?:includes|covers|extends to|permits|allows) (?!you\b)(?:\w+ ){0,3}?(?:use|us)\b"
    # "This license includes (in particular) the right (for Inshallah) to reproduce ...".
    r"|\b(?:this|the|that|our|such)(?: foregoing| above)? licen[cs]es? (?:also |expressly )?(?:includes?|covers|extends to|gives|grants)"
    r"(?: \w+){0,2}? (?:the )?rights? (?:for \w+ )?to\b"
)
LIMITED_HIT = Hit(
    "content-licence",
    "low",
    "protective",
    "The licence you give over your content is limited: it does not allow some uses.",
    "content-licence",
)


def _broad_terms(s: str) -> int:
    """How many breadth terms of a licence over user content the sentence names."""
    keys = ("perpetual", "irrevocable", "worldwide", "royalty-free", "sublicensable", "transferable")
    return sum(1 for k in keys if _LICENCE_SCOPE[k][0].search(s))


_OWNERSHIP_GATE = re.compile(
    r"\bown|retain|keep|belong|title|yours|propert|revok|terminat|withdraw|expire|ends when|licen[cs]e (?:will |shall )?(?:end|ceas)"
)


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
        or "availab" in s
        or "make use" in s
        # "we may use User Material for ...": the provider's stated use of what users submit.
        or ("may " in s or "will " in s or "can " in s or "shall " in s)
        and ("content" in s or "material" in s or "submission" in s or "input" in s or "contribution" in s)
    ):
        return None
    # "you cannot grant the licence" is no grant.
    hereby = bool(
        re.search(
            r"\bhereby (?:\w+ )?grant|\byou (?!cannot|can't|do not|don't|may not|must not)(?:\w+ )?grant\b", s
        )
    )
    grant = bool(
        LICENCE.search(s)
        and _USER_GRANTS.search(s)
        # "..., gives us a perpetual, royalty-free licence to publish it": the licence names no content.
        and (_CONTENT.search(s) or (hereby or _GIVES_US.search(s)) and _broad_terms(s) >= 2)
    )
    # A licence described by its breadth ("This license is worldwide, royalty-free, sublicensable and
    # transferable") is the licence over user content: a licence to the user is "non-transferable".
    grant = grant or bool(
        ("licen" in s or "right" in s) and _LICENCE_DESCRIBED.search(s) and _broad_terms(s) >= 3
    )
    grant = grant or bool(
        _IMPLICIT_GRANT.search(s) and _CONTENT.search(s) and not user_side(s, restricted_context)
    )
    grant = grant or bool(
        (_PROVIDER_USES_CONTENT.search(s) and _UPLOADED.search(s) or _WAIVER.search(s))
        and not user_side(s, restricted_context)
    )
    if "licen" in s and _LICENCE_ENDS.search(s) and not _LICENCE_LIMITED.search(s):
        return ENDS_HIT  # a licence that ends with the content: protective
    grant = grant or bool(
        ("licen" in s or "right" in s) and _LICENCE_SUBJECT.search(s) and not user_side(s, restricted_context)
    )
    grant = grant or bool("make use" in s and _MAKES_USE.search(s))
    if grant and not hereby and (_LICENCE_NOT_GRANTED.search(s) or user_side(s, restricted_context)):
        grant = False  # "you warrant that you have the right to grant", "you may not sublicense"
    if grant and _PROVIDER_GRANTS.search(s) and not _USER_GRANTS_SUBJECT.search(s):
        grant = False  # the provider licenses its service to the user: not a licence over user content
    if grant and re.search(r"\bnot\b[^.;]{0,20}\bgrant", s) and not re.search(r"\bhereby grant", s):
        grant = False
    if not grant and "licen" in s and _CONTENT.search(s):
        if _LICENCE_LIMITED.search(s):
            return LIMITED_HIT
        grant = bool(_LICENCE_EXTENDED.search(s))
    if grant:
        return licence_hit(frozenset(k for k, (rx, _) in _LICENCE_SCOPE.items() if rx.search(s)))
    # Ownership of generated outputs is not a licence over what the user uploads.
    if (
        _OWNERSHIP_GATE.search(s)
        and _OWNERSHIP_PROTECT.search(s)
        and _CONTENT.search(s)
        and not re.search(r"\boutputs?\b|\bgenerated\b", s)
        and not _OWNERSHIP_NOT_ASSURED.search(s)
        and not _USER_ACQUIRES_NOT.search(s)
        and not (_PROVIDER_OWNS.search(s) and not _USER_OWNS.search(_PARENS.sub(" ", _PARENS.sub(" ", s))))
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


ENDS_HIT = Hit(
    "content-licence",
    "low",
    "protective",
    "The licence you give over your content ends when you delete it (or close your account).",
    "content-licence",
)


# The user keeps ownership of what they upload: the protective side of content-licence, in every language.
OWNERSHIP_HIT = Hit(
    "content-licence",
    "low",
    "protective",
    "You keep ownership of your content; the provider does not claim it.",
    "content-licence",
)
