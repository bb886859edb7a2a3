"""The ai-training detector: the provider's use of user content or data to train or improve AI models."""

from __future__ import annotations

import re

from .wording import LICENCE_GRANT, Hit, not_a_clause, rx, user_side

_TRAIN = rx(r"\b(?:train(?:s|ed|ing)?|re-?train\w*|pre-?train\w*|fine-?tun\w*)\b")
_AI = rx(
    r"\b(?:artificial intelligence|machine[- ]learning|a\.?i\.?|ml|models?|llms?|large language|"
    r"neural|algorithms?|generative|gen ?ai|speech recognition|natural language|computer vision|"
    r"chatbots?|chat ?gpt|gpt\S*|ai (?:assistants?|features?|tools?|systems?|services?))\b"
)
# Models named by their job: "use them to train the spam filter". Searched only where the words occur.
_AI_JOB = rx(
    r"\bclassifiers?\b|\b(?:spam|abuse|fraud|safety|content|moderation) (?:filters?|detection (?:models?|systems?))\b"
)
# A thing trained on what users post is a model, even when its name is lost ("Pinterest's [link], which
# is trained using images in Pins posted to our Services"). Searched only where "trained" occurs.
_TRAINED_ON = rx(
    r"\b(?:is|are|was|were|been|being) (?:\w+ )?trained (?:using|on|with|from) (?:\w+ ){0,4}?(?:data|content|"
    r"images?|photos?|photographs?|pictures?|videos?|posts?|pins|messages?|conversations?|text|information|inputs?|"
    r"recordings?|reviews?|comments?)\b[^.;]{0,40}"
    r"\b(?:posted|uploaded|submitted|shared|provided|created|by (?:you|users|members))\b"
)
_IMPROVE_AI = rx(
    r"\b(?:improv\w*|develop\w*|enhanc\w*|build\w*|refin\w*)\b[^.;]{0,60}\b(?:ai|artificial intelligence|"
    r"machine[- ]learning|(?:ai |ml |language |foundation )?models?|algorithms?)\b"
    # "Improve our Properties and support user safety (including machine learning/AI ...)", "develop ...
    # our Services, including through the use of machine learning": the improvement is made with AI.
    r"|\b(?:improv\w*|develop\w*|enhanc\w*)\b[^.;]{0,140}?\b(?:including|through|using|via)\b(?: \w+)?"
    r"(?: the use of| our use of)? (?:machine[- ]learning|artificial intelligence|ai)\b"
)
# Models that learn from what users do: "our models take into account the chats members have with the
# assistant to improve its answers".
_MODELS_LEARN = rx(
    r"\b(?:models?|algorithms?|machine[- ]learning|ai)\b (?:\w+ )?(?:takes? into account|learns? from|uses?|analy[sz]es?)\b"
    r"[^.;]{0,80}\b(?:to|in order to) (?:improve|enhance|refine|personali[sz]e)\b"
)
# The provider's own work on its models, in a document about the user's data ("we also develop and improve
# the algorithms and machine learning models ... that make our features work").
_WE_IMPROVE_MODELS = rx(
    r"\b(?:we|us)\b (?:also |may |will |can |continuously |continually |regularly )*(?:develop|improve|train|refine|enhance)"
    r"(?: and (?:develop|improve|train|refine|enhance))? (?:the |our |its )?(?:\w+ )?(?:ai |ml |machine[- ]learning )?"
    r"(?:models?|algorithms?)\b"
)
# "... we use it to make our models more helpful", "it helps our models become more accurate".
_MODELS_BETTER = rx(
    r"\b(?:make|makes|making|help|helps|helping) (?:our|its|the|their) (?:ai |ml )?models? "
    r"(?:become )?(?:more|better|smarter|safer)\b"
)
_DATA = rx(
    r"\b(?:content|data|inputs?|outputs?|prompts?|conversations?|chats?|messages?|uploads?|posts?|"
    r"information|materials?|files?|audio|video|images?|photos?|pictures?|recordings?|submissions?|feedback|usage|"
    r"interactions?|records?|your|customers?|questions|queries|searches)\b"
)
_OWNED_DATA = rx(
    # The provider training its own AI on records it holds ("anonymisation of data records for training
    # purposes of our artificial intelligence systems").
    r"\b(?:train\w*(?: purposes)? (?:of|for)|inform|feed|teach\w*) (?:our|its) (?:own )?(?:ai|artificial intelligence|"
    r"machine[- ]learning|models?|algorithms?)\b|"
    r"\b(?:information|data) (?:that )?we (?:have|collect|receive|hold|obtain)\b|"
    r"\b(?:your|you|customers?|users?|members?|personal|private|public(?:ly)?|shared?|post(?:s|ed)?)\b|"
    r"\b(?:inputs?|prompts?|conversations?|chats?|messages?|uploads?|submissions?|recordings?|interactions?|content|"
    r"questions|queries|searches)\b"
    # Data the provider hands another company so that it can train ("LinkedIn shares data with ... Microsoft").
    r"|\b(?:shares|sharing|disclos\w*) (?:\w+ )?(?:data|information)\b"
    # The user's data made anonymous first ("de-identified or aggregated data to train our models").
    r"|\b(?:anonymi[sz]ed|de-?identified|aggregated|pseudonymi[sz]ed)\b"
)
_AI_PROTECT = rx(
    # A negation protects when it governs the use ("will not be used to train", "we do not train"), not
    # when it denies something else ("... and does not constitute a sale").
    r"(?:\b(?:not|never|no longer|neither|nor)\b|n't\b)[^.;]{0,60}?\b(?:use|uses|used|using|train\w*|"
    r"fine-?tun\w*|improv\w*|develop\w*|access\w*|shar\w*|sell|sold|sen[dt]|process\w*|includ\w*|leverag\w*|"
    r"retain\w*|stor\w*|feed|fed|review\w*|disclos\w*|analy[sz]\w*|look at|read)\b|\bno (?:\w+ )?(?:data|content)\b"
    r"[^.;]{0,30}\bused\b|\bwithout\b[^.;]{0,40}\b(?:consent|permission|"
    r"authori[sz]ation|agreement|approval)\b|\bopt[- ]?in\b|\bonly (?:with|if|when|after|where)\b"
    r"|\bopt[- ]?out\b|\byou (?:can|may) (?:\w+ )?(?:choose|turn off|disable|withdraw|control|object)\b|\byou control\b"
    r"|\b(?:allows?|lets?|enables?) you to (?:object|opt|turn off|disable|choose|control|withdraw)\b"
    # "... how to manage your preferences regarding the use of Inputs ... for training": a control.
    r"|\b(?:manage|change|update|set|adjust|review) (?:your )?(?:\w+ )?(?:preferences|settings|choices)\b"
    r"|\b(?:cease|stop|disabled?|turned off|switched off)\b|\bexclud\w*\b[^.;]{0,20}\btrain"
)
_AI_DEFAULT_ON = rx(
    r"\bunless you\b[^.;]{0,30}\bopt[- ]?out|\buntil you\b[^.;]{0,30}\bopt[- ]?out|\bby default\b"
    r"|\bunless you (?:have )?(?:\w+ )?(?:activated|enabled|disabled|turned off|switched off|changed|objected)\b"
    # "The licence to use your data for AI training ... is subject to any opt-out right you exercise".
    r"|\bsubject to (?:and qualified by )?(?:\w+ ){0,4}?opt[- ]?out\b"
)
_AI_GRANTED_IF = rx(
    r"\beven if you\b[^.;]{0,20}\bopt|\bif you (?:have )?(?:\w+ )?opt(?:ed)?[- ]?in\b[^.;]{0,160}\b(?:we|us)\b[^.;]{0,10}\b(?:may|will|can)\b"
)
# A negation inside a description of the data ("Content that is not personal data") limits which data,
# not whether it is used.
_SCOPE_NEGATION = rx(
    r"\b(?:that|which) (?:is|are) not\b|\bother than\b|\bnot subject to\b"
    # "Data that ... can no longer reasonably be re-identified ... may be used": which data, not whether.
    r"|\b(?:can|could|cannot|can't) (?:no longer )?(?:\w+ )?be (?:re-?)?identif\w+"
)
_AI_NEGATED = rx(r"\b(?:not|never|no longer)\b|n't\b")
# The opt-out (or opt-in) must be about the AI use: "an AI services opt-out policy", "opt out of our
# models"; an opt-in to a transfer for abuse detection in a sentence naming models is not.
_OPT_OUT_NEAR_AI = rx(
    r"\b(?:opt[- ]?(?:out|in)|exclude)\b[^.;]{0,80}?\b(?:train\w*|models?|(?:ai|artificial intelligence)"
    # (Opting in to "an AI Feature" turns on a feature that runs on the data, not training.)
    r"(?! (?:features?|tools?|assistants?|chat\w*|functionalit\w+|products?|services?|experiences?)\b)|machine[- ]learning)\b"
    r"|\b(?:ai|artificial intelligence|machine[- ]learning|models?)\b(?: \w+){0,3}? opt[- ]?(?:out|in)\b"
)
_OPT_OUT = rx(r"\bopt[- ]?out\b|\bturn off\b|\bdisable\b")


# "Training" as a noun that names no one's use of data ("subject to third-party rights in the models,
# training data or outputs", "our Training Methods Explanation", "fine-tuning data" the customer sends)
# and training a model to behave ("training them to refuse harmful instructions").
_TRAIN_NOUN = rx(
    r"(?<!\bas )(?<!\bfor )(?<!\binto )(?<!\bin )(?<!\bour )(?<!\bof )\btraining (?:data|datasets?|sets?|process(?:es)?|"
    r"methods?|materials?|corpus|corpora|pipelines?|techniques?|stages?)\b|\bfine-?tuning (?:data|datasets?|jobs?|files?)\b|\bfine-?tuned models?\b"
    r"|\btrain\w* (?:them|it|the models?|our models?|models?) to (?:refuse|avoid|reduce|recogni[sz]e|follow|be|behave|"
    r"respond|decline|detect|identify|understand)\b"
)
# Data named by its role in training, with no owner, said something about ("data used to train AI models
# may be of poor quality or biased", an item of a disclaimer): a description of training data, not a use.
_TRAINING_DATA_DESCRIBED = rx(
    r"(?<!your )(?<!user )(?<!users' )(?<!customer )(?<!personal )(?<!member )(?<!members' )"
    r"\b(?:data|datasets?|information|content|materials?) (?:that (?:is|was|are|were|has been|have been) )?used "
    r"(?:to|for) (?:train\w*|develop\w*)\b[^.;]{0,40}?\b(?:may|might|can|could|is|are|will|was|were) (?:be |not |contain|"
    r"include|reflect|have|result|lead|cause|introduce|affect)"
    # A disclaimer of what AI is ("AI Models can perpetuate biases that are present in the data used to
    # train them", "AI Models require large amounts of data to train"): no one's data is named.
    r"|\bbias\w*\b[^.;]{0,40}\b(?:in|of|from) the (?:data|datasets?) used to train\b(?: (?:them|it|the models?|ai models?|models?))?"
    r"|\b(?:require|requires|need|needs)\b (?:\w+ ){0,2}?(?:amounts?|quantities|volumes|lots) of (?:data|content|text) to train\b"
)
# Claims of infringement and indemnities mention training data as what a claim is about, not as a use.
_CLAIM = rx(r"\b(?:indemnif\w*|infring\w*|misappropriat\w*)\b")
_EXPLICIT_USE = rx(r"\b(?:may|will|can|to) (?:\w+ ){0,2}?use\b|\b(?:may|will) be used\b")
# Improving a model counts when data is used for it: a use word comes first ("we use X to improve").
_USE_TO_IMPROVE = rx(
    r"\b(?:use|uses|using|used|utili[sz]\w*|process\w*|analy[sz]\w*|leverag\w*|rely on|relies on|take into account|"
    r"takes into account|learns? from|disclos\w*|shar(?:e|es|ed|ing))\b[^.;]{0,120}?\b(?:to|for|in|and)\b"
    r"[^.;]{0,60}?\b(?:improv|develop|build|enhanc|refin|train)"
    # ... or data named after the model it goes into ("develop LLMs using customer data").
    r"|\b(?:improv|develop|build|enhanc|refin)\w*\b[^.;]{0,80}\b(?:using|with|from|on|based on)\b[^.;]{0,40}"
    r"\b(?:data|content|information|inputs?|prompts?|conversations?|feedback|interactions?)\b"
)
# Content taken from the provider's service (scraping, automated access) is the user's doing.
_USER_TAKES = rx(
    r"\b(?:automated means|scrap(?:e|es|ed|ing)|crawl(?:s|ed|ing|ers?)?|spiders?|(?:text and )?data mining)\b"
    r"|\b(?:content|data|materials?|information|files) (?:from|on|of) (?:the|our|this) (?:site|services?|platform|website|apis?)\b"
)
_WE = rx(r"\b(?:we|us)\b")
# Models made better need data put in ("we use it to make our models more helpful", "files you upload
# help our models"); "we work to make our models safer" alone names no data of the user.
_DATA_IN = rx(
    r"\b(?:use|uses|used|using|upload\w*|submit\w*|shar(?:e|es|ed|ing)|provid\w*|sen[dt]|collect\w*)\b"
)
# "We don't use your content for ads; we use it to make our models more helpful": after a contrast,
# the provider's affirmed use is the clause's power, whatever was denied before it.
_CONTRAST = re.compile(r"\s*(?:—|–|;|,? but\b|,? instead\b)\s*")
_AFFIRMED_USE = rx(
    r"^\W*(?:we|us)\b[^.;]{0,20}\b(?:use|uses|may use|will use)\b[^.;]{0,60}\b(?:to|for)\b[^.;]{0,40}\b"
    r"(?:train|improv|develop|make (?:our|its|the) (?:ai |ml )?models?)"
)
# Addresses and domains ("hey@jasper.ai") say nothing about AI.
_ADDRESS = rx(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+|\b[\w-]+\.ai\b")


# A purpose item of a privacy policy ("To train, develop and improve our AI models;") states what the
# provider does with the information the list is about, though the item itself does not name it.
_PURPOSE_ITEM = rx(
    r"(?:^|<br>)\W*(?:[-*•]|\d+[.)]|\(?[a-z0-9]{1,4}\))?\s*(?:to|for) (?:\w+ ){0,6}?(?:train|develop|improv|build|enhanc)"
    # An item that opens with the verb and names the provider's own service ("* Improve our Properties").
    # A list item, not a heading ("Improving Our Website Services: we use chatbots ...").
    r"|^\s*(?:[-*•]|\d+[.)]|\(?[a-z0-9]{1,4}\))\s*(?:train|develop|improve|build|enhance)(?: and \w+)? our\b(?![^.:;]{0,60}:)"
)
# "train" in other senses: people trained, staff training.
_TRAIN_OTHER = rx(
    r"\btrained (?:\w+ )?(?:operators?|staff|personnel|employees?|professionals?|reviewers?|moderators?|"
    r"analysts?|people|humans?|specialists?|agents?|experts?|team)\b|\b(?:staff|employee|safety|security) training\b"
)
# Explicit model-training phrases mean the AI sense even without an AI word ("used for model training").
_AI_DEFAULT_OFF = rx(
    r"\bby default\b[^.;]{0,30}\b(?:not|never|off|disabled|excluded)\b|\bnot\b[^.;]{0,40}\bby default\b"
)


# Products and tools taught by example ("your videos can help train our products to recognize objects",
# "they can also help train tools that let people create content"): machine learning by another name.
_TRAINS_PRODUCT = rx(
    r"\b(?:help|helps|helping|helped|used to|use (?:it|them|this|that) to) (?:\w+ )?train (?:our |its |the |these |"
    r"those |new |other )?(?:\w+ )?(?:products?|tools?|systems?|technolog\w*|features?|software|computers?|machines?)\b"
)
# Learning systems named by what they do for the provider ("machine learning development", "to inform our
# machine learning"): training by another name, where data goes in.
_ML_NOUN = rx(
    r"\b(?:machine[- ]learning|ai|artificial intelligence|(?:ai |ml )?models?) (?:development|improvement)\b"
    r"|\b(?:inform|feed|feeds|teach\w*) (?:our |its |the )?(?:ai |ml )?(?:machine[- ]learning|models?|algorithms?)\b"
)


# Training named by what an AI product takes in or gives back ("the use of Inputs and Suggestions for
# training"), and a licence over content whose purposes include training ("operating, improving (including
# for training, optimizing, and developing), and providing the Services"): machine learning without the word.
# ("Calls may be recorded for training purposes" names neither: staff training.)
_AI_DATA_TRAINING = rx(
    r"\b(?:inputs?|prompts?|outputs?|completions?|suggestions?|generations?)\b[^.;]{0,40}\bfor (?:model |ai )?training\b"
)
_LICENCE_TRAINING = rx(
    r"\b(?:improv\w*|develop\w*|optimi[sz]\w*)\b[^.;]{0,20}?\b(?:including|such as|e\.g\.)\b[^.;]{0,10}?\btraining\b"
)


def _ai_word(s: str) -> bool:
    """Whether the sentence names AI, a model, or a thing trained on what users post."""
    return bool(
        _AI.search(s)
        or "for training" in s
        and _AI_DATA_TRAINING.search(s)
        or "training" in s
        and _LICENCE_TRAINING.search(s)
        and LICENCE_GRANT.search(s)
        or "train" in s
        and _TRAINS_PRODUCT.search(s)
        or ("classif" in s or "filter" in s or "detection" in s)
        and _AI_JOB.search(s)
        or "trained" in s
        and _TRAINED_ON.search(s)
    )


# Cells of a table run together ("| To share certain member data with Microsoft so that it can train ... |
# ... You can opt out of our use of your data for this purpose any time. |"): the use is stated in one
# cell and the opt-out in another, so the use holds unless the user opts out (permissive).
_CELLS = re.compile(r"<br>|\s\|\s")
_CELL_USE = rx(
    r"\b(?:so that (?:it|they|\w+) can|to|may|will|we) (?:\w+ )?(?:train|fine-?tune)\b[^.;]{0,80}\b(?:ai|models?|algorithms?)\b"
)


def _cell_affirms(s: str) -> bool:
    """Whether a cell of a run-together table row states the training use with no limit in that cell."""
    if "<br>" not in s and " | " not in s:
        return False
    return any(_CELL_USE.search(c) and not _AI_PROTECT.search(c) for c in _CELLS.split(s))


def detect_ai_training(s: str, restricted_context: bool = False) -> Hit | None:
    """Provider use of user content to train or improve AI models; protective when limited."""
    # Every path below needs an AI word: most sentences of a document stop at this one search.
    if not _ai_word(s) or not_a_clause(s):
        return None
    if ("@" in s or ".ai" in s or "www." in s or "http" in s) and not _ai_word(s := _ADDRESS.sub(" ", s)):
        return None
    if _CLAIM.search(s) and not _EXPLICIT_USE.search(s):
        return None
    if _USER_TAKES.search(s) and not _WE.search(s):
        return None
    s = _SCOPE_NEGATION.sub(" ", _TRAIN_NOUN.sub(" ", s))
    if "used" in s or "amounts" in s or "quantities" in s or "volumes" in s:
        s = _TRAINING_DATA_DESCRIBED.sub(" ", s)
    if _TRAIN_OTHER.search(s):
        s = _TRAIN_OTHER.sub(" ", s)
    if LICENCE_GRANT.search(s):
        s = s + " (content)"  # the licensed material is the user's content
    train = bool(_TRAIN.search(s) and _ai_word(s)) or bool(_ML_NOUN.search(s))
    # "You can opt out / exclude your data from our global models": a training control.
    train = train or bool(_OPT_OUT_NEAR_AI.search(s) and _DATA.search(s))
    purpose = bool(_PURPOSE_ITEM.search(s))
    improve = bool(
        _IMPROVE_AI.search(s) and (purpose or _DATA.search(s) and _USE_TO_IMPROVE.search(s))
    ) or bool(_MODELS_BETTER.search(s) and _DATA.search(s) and _DATA_IN.search(s))
    improve = improve or bool((_WE_IMPROVE_MODELS.search(s) or _MODELS_LEARN.search(s)) and _DATA.search(s))
    if not (train or improve) or not _DATA.search(s) and not _AI_PROTECT.search(s) and not purpose:
        return None
    # Training on data that is neither the user's nor named as coming from users ("data used to
    # train AI models may be biased") is a disclaimer, not a use of the user's content.
    if (
        not _OWNED_DATA.search(s)
        and not _AI_PROTECT.search(s)
        and not purpose
        and not _WE_IMPROVE_MODELS.search(s)
    ):
        return None
    if user_side(s, restricted_context):
        return None
    scope = frozenset(w for w in ("train", "fine-tune", "improve", "develop") if w[:5] in s)
    default_on = bool(_AI_DEFAULT_ON.search(s)) and not _AI_DEFAULT_OFF.search(s)
    # "Even if you opt out, we will use ..." and "if you opted in, we may use ...": the provider's power,
    # subject to a condition, is still granted (the labelling rules count consent-dependent use as such).
    conditional = bool(_AI_GRANTED_IF.search(s)) and not _AI_NEGATED.search(s)
    affirmed = any(
        _AFFIRMED_USE.search(part) and not _AI_PROTECT.search(part) for part in _CONTRAST.split(s)[1:]
    ) or _cell_affirms(s)
    if default_on or conditional or affirmed or not _AI_PROTECT.search(s):
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
