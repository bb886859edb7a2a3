"""Flag recall by kind of wording, both polarities, hard negatives, and CLAUDETTE polarity.

Each sentence is written in the style of real terms (not copied from the labelled clauses), one per
kind of wording the detectors used to miss or to flag wrongly.
"""

from __future__ import annotations

import pytest

from tosdiff.flags import flag_changes, flag_sentence_categories
from tosdiff.flags.polarity import claudette_polarity
from tosdiff.flags.rules import claudette_hit
from tosdiff.models import SectionChange


def own(sentence: str) -> dict[str, str]:
    """The three own categories a sentence triggers, with polarity."""
    got = flag_sentence_categories(sentence)
    return {c: p for c, p in got.items() if c in ("ai-training", "content-licence", "data-sharing")}


@pytest.mark.parametrize(
    ("sentence", "category", "polarity"),
    [
        # A privacy policy's purpose item: what the information is used for, without naming it.
        (
            "To train, develop and improve our artificial intelligence and machine learning models;",
            "ai-training",
            "permissive",
        ),
        (
            "To improve our services and conduct research, including to develop our AI models",
            "ai-training",
            "permissive",
        ),
        # "improve our services, including our models"
        (
            "We use the information we collect to develop and improve our technology, such as our machine learning models.",
            "ai-training",
            "permissive",
        ),
        (
            "When you upload files, they help our models become more accurate for everyone.",
            "ai-training",
            "permissive",
        ),
        ("We use chat transcripts to train and improve our chatbot assistants.", "ai-training", "permissive"),
        # On unless the user does something (opt-out phrasing), or granted on a condition.
        (
            "Acme may use Customer Data and Outputs to train its AI models, unless you have turned off data retention.",
            "ai-training",
            "permissive",
        ),
        (
            "If you have opted in to share your chats with us, then we may use them to train our models.",
            "ai-training",
            "permissive",
        ),
        (
            "Even if you opt out, we will use conversations you report to us for model training.",
            "ai-training",
            "permissive",
        ),
        # Protective: off by default, a control, a stop.
        ("By default, we do not train our models on your business data.", "ai-training", "protective"),
        (
            "You can easily choose whether your content can be used to train our models.",
            "ai-training",
            "protective",
        ),
        ("On request, Acme will cease using your content for model training.", "ai-training", "protective"),
        (
            "We have disabled model training in the account settings of the AI tools we use.",
            "ai-training",
            "protective",
        ),
        # "Customer Content" / "User Content" as the subject is material, not the user acting.
        ("Customer Content will not be used to train language models.", "ai-training", "protective"),
        ("Acme does not use User Content to train generative AI programs.", "ai-training", "protective"),
        (
            "Our providers do not use your prompts for training their machine learning models.",
            "ai-training",
            "protective",
        ),
        # Licences: granted without naming the content, described by breadth, held by the provider.
        (
            "You hereby grant us a royalty-free, perpetual, worldwide licence to do so.",
            "content-licence",
            "permissive",
        ),
        (
            "This licence is worldwide, royalty-free, sublicensable and transferable.",
            "content-licence",
            "permissive",
        ),
        (
            "Our licence to use your content includes the right to copy, adapt and distribute it.",
            "content-licence",
            "permissive",
        ),
        (
            "This licence authorises Acme to make your user content available to the public.",
            "content-licence",
            "permissive",
        ),
        (
            "The Creator hereby grants an exclusive, perpetual licence to Acme to all content they stream.",
            "content-licence",
            "permissive",
        ),
        (
            "By posting comments on the site you grant us an irrevocable licence to use them.",
            "content-licence",
            "permissive",
        ),
        (
            "By submitting content, you expressly grant, and you warrant that you have all rights necessary "
            "to grant, a worldwide licence to use it.",
            "content-licence",
            "permissive",
        ),
        # A licence without the word "licence" ("in connection with the operation of the Services").
        (
            "You give us permission to use, host, store and display the content you post.",
            "content-licence",
            "permissive",
        ),
        (
            "By uploading photos, you allow us to reproduce and display them in connection with the operation of the Services.",
            "content-licence",
            "permissive",
        ),
        ("You hereby license to us all rights needed to host your files.", "content-licence", "permissive"),
        (
            "This licence can be revoked by you at any time by deleting your content.",
            "content-licence",
            "protective",
        ),
        # Sharing: named recipients, "with", adjectives before "information", passive voice.
        (
            "Acme may share information we collect about you with its affiliates for these purposes.",
            "data-sharing",
            "permissive",
        ),
        (
            "We share some personal information with the National Licensing Office to check your subscription.",
            "data-sharing",
            "permissive",
        ),
        (
            "We also disclose some of your information to artificial intelligence services to provide features.",
            "data-sharing",
            "permissive",
        ),
        (
            "Fraud scores built from your historic and current information are shared with third parties.",
            "data-sharing",
            "permissive",
        ),
        (
            'While we do not disclose personal information for money, we may "sell" or "share" identifiers '
            "with advertising partners.",
            "data-sharing",
            "permissive",
        ),
        ("We may share your personal information for targeted advertising.", "data-sharing", "permissive"),
        ("Acme will not sell Voice Data.", "data-sharing", "protective"),
        (
            "We do not share information like your browsing history with marketing partners.",
            "data-sharing",
            "protective",
        ),
        (
            "We will not otherwise disclose any private information about our customers to any other third party.",
            "data-sharing",
            "protective",
        ),
    ],
)
def test_wording_kinds_flagged_with_polarity(sentence: str, category: str, polarity: str) -> None:
    assert own(sentence).get(category) == polarity


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        # The user is the one bound, or the one training.
        (
            "Neither you nor your end users will extract model weights or reproduce the training data of the service.",
            "ai-training",
        ),
        ("Our fine-tuning API allows you to fine-tune our models using your own data.", "ai-training"),
        ("You can keep your fine-tuned models private.", "ai-training"),
        ("Scrape or otherwise use content from the site to train machine learning models.", "ai-training"),
        (
            "Use of outputs to train a competing model without prior written permission from Acme.",
            "ai-training",
        ),
        (
            "You, your application and your devices may not use location data for advertising or training models.",
            "ai-training",
        ),
        # Questions, and "train" in another sense.
        ("Can we train models that stay reliable under adversarial inputs?", "ai-training"),
        ("Reported posts are reviewed by trained moderators who look at your content.", "ai-training"),
        # Licences that are not granted here.
        (
            "By submitting content, you warrant that you have the right to grant this licence.",
            "content-licence",
        ),
        (
            "You may not sell, sublicense or otherwise assign any rights to the app content to any third party.",
            "content-licence",
        ),
        ("As between you and us, you own all rights to your outputs.", "content-licence"),
        ("We give you permission to use the app on your device.", "content-licence"),
        ("You may not permit any third party to copy the content.", "content-licence"),
        (
            "We do not share your email address with advertisers unless you give us your permission.",
            "content-licence",
        ),
        # Data received, shared by the user, or a user's duty or right.
        (
            "We receive personal data about you from analytics providers and data brokers who sell personal data.",
            "data-sharing",
        ),
        (
            "We are not responsible for third parties with whom you choose to share your personal information.",
            "data-sharing",
        ),
        (
            "You must clearly disclose to your users when personal data will be shared with third parties.",
            "data-sharing",
        ),
        (
            "If such information was incorrectly advertised, we are not obliged to sell or provide those services.",
            "data-sharing",
        ),
        ("Links to resources provided by third parties are for your information only.", "data-sharing"),
        (
            "You have the right to request that we transfer your personal information to a third party.",
            "data-sharing",
        ),
        ("Learn more about how we share your personal information with partners.", "data-sharing"),
        # A content licence naming affiliates is a licence, not data sharing.
        (
            "You grant Acme, its affiliates and successors a worldwide licence to use, copy and share your content.",
            "data-sharing",
        ),
    ],
)
def test_hard_negatives_not_flagged(sentence: str, category: str) -> None:
    assert category not in own(sentence)


def test_licence_naming_affiliates_is_content_licence() -> None:
    got = own(
        "You grant Acme, its affiliates and successors a worldwide licence to use, copy and share your content."
    )
    assert got == {"content-licence": "permissive"}


@pytest.mark.parametrize(
    ("category", "sentence", "polarity"),
    [
        (
            "arbitration",
            "you may opt out of this arbitration agreement by writing to us within 30 days.",
            "protective",
        ),
        ("arbitration", "all disputes will be resolved by binding arbitration.", "permissive"),
        (
            "unilateral-change",
            "we will notify you at least 30 days before changes to these terms take effect.",
            "protective",
        ),
        ("unilateral-change", "we may change these terms at any time without prior notice.", "permissive"),
        (
            "termination",
            "you may close your account at any time and receive a pro rata refund.",
            "protective",
        ),
        ("termination", "we may suspend your account at any time for any reason.", "permissive"),
        (
            "choice-of-law",
            "these terms are governed by the laws of the country where you live.",
            "protective",
        ),
        ("choice-of-law", "these terms are governed by the laws of the state of california.", "permissive"),
        ("jurisdiction", "you may also bring proceedings in the courts where you live.", "protective"),
        (
            "liability",
            "nothing in these terms limits our liability for death or personal injury.",
            "protective",
        ),
        ("liability", "we are not liable for any indirect or consequential loss.", "permissive"),
        ("content-removal", "we will tell you why we removed your content and you can appeal.", "protective"),
        ("contract-by-using", "by using the services you agree to these terms.", "permissive"),
    ],
)
def test_claudette_polarity(category: str, sentence: str, polarity: str) -> None:
    assert claudette_polarity(category, sentence) == polarity
    hit = claudette_hit(category, sentence)
    assert hit.polarity == polarity and hit.rule == f"model-{category}"
    # A protective clause is not the harmful one: it never keeps the harmful clause's severity.
    assert (hit.severity == "low") if polarity == "protective" else hit.severity in ("low", "medium")


def test_claudette_hits_carry_polarity_end_to_end() -> None:
    opt_out = (
        "You may opt out of this agreement to arbitrate by sending written notice to us within 30 days "
        "of first accepting these Terms."
    )
    binding = "Any dispute arising out of these Terms will be resolved by final and binding arbitration."
    assert flag_sentence_categories(opt_out).get("arbitration") == "protective"
    assert flag_sentence_categories(binding).get("arbitration") == "permissive"
    # In a change: adding the opt-out is a protective flag, not the harmful arbitration clause.
    flags = flag_changes([SectionChange("modified", "20", "20", "20", binding, binding + "\n" + opt_out)])
    arb = [f for f in flags if f.category == "arbitration"]
    assert arb and all(f.polarity == "protective" for f in arb)
