"""The classes of wording found missed or over-fired on the unseen English set's tuning half (issue 14).

bench/bench_flags_unseen.py measures the three own flags on terms of services that are not in the
labelled clauses; the classes below were read from its tuning half. Each sentence is written in the
style of real terms (none copied from the set), with both polarities and look-alikes that must stay quiet.
"""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT, shared_data
from tosdiff.flags import flag_sentence_categories

sys.path.insert(0, str(ROOT / "bench"))
import bench_flags_unseen  # noqa: E402

OWN = ("ai-training", "content-licence", "data-sharing")


def own(sentence: str) -> dict[str, str]:
    """The three own categories a sentence triggers, with polarity."""
    return {c: p for c, p in flag_sentence_categories(sentence).items() if c in OWN}


@pytest.mark.parametrize(
    ("sentence", "category", "polarity"),
    [
        # AI named by what it was trained on, or by its job.
        (
            "Our photo tagger, which is trained using pictures members have uploaded to the app, suggests labels.",
            "ai-training",
            "permissive",
        ),
        (
            "We may scan reported messages and use them to train our spam filter.",
            "ai-training",
            "permissive",
        ),
        (
            "We review flagged posts and use them to train the classifiers that detect abuse.",
            "ai-training",
            "permissive",
        ),
        # Improvement made "including through machine learning", and purpose items naming the service.
        (
            "We may analyse your messages and profile to develop and improve our matching service, "
            "including through the use of machine learning.",
            "ai-training",
            "permissive",
        ),
        (
            "*   Improve our products and keep the community safe (including machine learning and automated decisions).",
            "ai-training",
            "permissive",
        ),
        (
            "*   Where required, pseudonymisation of account records for training purposes of our artificial "
            "intelligence systems.",
            "ai-training",
            "permissive",
        ),
        # Licences given to "us" without the user as the subject, and the provider's stated rights.
        (
            "Anything posted in the forums becomes part of the site and, as such, gives us a perpetual, "
            "royalty-free licence to reproduce and publish it.",
            "content-licence",
            "permissive",
        ),
        (
            "Reviews you submit are non-confidential, and we have the right to use, copy, publish and sell them "
            "for any purpose.",
            "content-licence",
            "permissive",
        ),
        (
            "If you rate a venue in the app, the operator may use this content free of charge for its own "
            "commercial purposes.",
            "content-licence",
            "permissive",
        ),
        (
            "We may make your user content available to our business partners to display on their websites.",
            "content-licence",
            "permissive",
        ),
        (
            "This licence includes in particular the right for us to reproduce and adapt this content in our "
            "advertising.",
            "content-licence",
            "permissive",
        ),
        (
            "You waive your right to enforce against us and our sublicensees your intellectual property rights "
            "in that content.",
            "content-licence",
            "permissive",
        ),
        (
            "This licence will end once you delete the content or close your account.",
            "content-licence",
            "protective",
        ),
        # Control over the sale or sharing of personal data is protective.
        (
            "We will honour opt-out requests for sale, sharing and targeted advertising within the time the law "
            "requires.",
            "data-sharing",
            "protective",
        ),
        (
            "To manage your choices regarding the sharing of your data with advertising partners, open the "
            "Privacy settings.",
            "data-sharing",
            "protective",
        ),
        (
            "We infer interests for our own ad selection, but we do not sell or share those categories with "
            "advertisers.",
            "data-sharing",
            "protective",
        ),
        # ... but a possible "sale" admitted, partners collecting, a list of recipients: permissive.
        (
            "Although we do not sell personal information for money, certain practices, such as our use of "
            "advertising partners, may be considered a sale under state law.",
            "data-sharing",
            "permissive",
        ),
        (
            "Our advertising partners may collect information directly from your device through their own SDKs.",
            "data-sharing",
            "permissive",
        ),
        ("We share your personal information in the following ways:", "data-sharing", "permissive"),
        (
            "If another company acquires our business, the deal may include a transfer of your personal "
            "information, and you agree to such transfer.",
            "data-sharing",
            "permissive",
        ),
        (
            "Sensitive personal information may be sold to third parties; see below for how to opt out of the sale.",
            "data-sharing",
            "permissive",
        ),
    ],
)
def test_class_found(sentence: str, category: str, polarity: str) -> None:
    """Each class of wording is flagged, with the polarity the labelling rules give it."""
    assert own(sentence).get(category) == polarity, own(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # Staff trained, models used without training, models nobody trained on user data.
        "Our moderators are trained on data protection rules before they review reports.",
        "*   Improving Our Website: we use chatbots to answer your questions quickly.",
        "Training our models involves several stages, described below.",
        # The provider's changes, the user's warranties and the user's own rights.
        "We may modify the Service or any content at any time by posting a notice on the Site.",
        "You will not share anything for which you cannot grant the licence in section 2.",
        "You will not acquire any right, title or interest in the Services except the licence granted to you.",
        "You represent that you have all rights necessary to grant us the licence rights in your content.",
        # Rights to know, the user's sharing, third parties' own policies, items handed to the user.
        "California's Shine the Light law permits you to request information about our disclosures to third "
        "parties for their direct marketing.",
        "*   The categories of third parties with whom we share that personal information.",
        "Your profile is public, so make sure you are comfortable sharing your content with other users.",
        "The way those third-party apps use and disclose your information is governed solely by their own "
        "policies.",
        "d) Never share your account details with anyone.",
        "The software and the data accompanying it are licensed to you, and no title is transferred to you.",
        "Those third party services may collect data or ask you for personal information.",
        "As part of the sale of licence packages, the information that we may collect is as follows:",
    ],
)
def test_look_alike_not_flagged(sentence: str) -> None:
    """Look-alikes of the classes above stay quiet."""
    assert own(sentence) == {}, own(sentence)


def test_control_wins_only_where_nothing_else_is_affirmed() -> None:
    """An opt-out named after a granted sale is 'unless you opt out' (permissive); alone it is protective."""
    assert own("You have the right to opt out of the sale of your personal information.") == {
        "data-sharing": "protective"
    }
    assert own("We may sell your personal information to data brokers unless you opt out of the sale.") == {
        "data-sharing": "permissive"
    }
    # "Unless you opt out ..., you give X permission to share": not a control, whatever else it is.
    unless = "Unless you choose to opt out of sharing these details, you give the network permission to share your:"
    assert own(unless).get("data-sharing") != "protective"


def test_unseen_set_references_resolve_and_follow_the_split() -> None:
    """Every labelled reference names a sentence tosdiff's splitter still cuts, and the split rule holds."""
    data = shared_data()
    rows, missing = bench_flags_unseen.load(data)
    assert missing == 0
    assert len({r["company"] for r in rows}) == 62
    halves = {r["split"] for r in rows}
    assert halves == {"tune", "held-out"}
    assert all(r["split"] == bench_flags_unseen.split_of(r["company"]) for r in rows)
    # Clauses of services in clauses/labels.jsonl are never in the unseen set.
    assert not {"X", "Meta AI", "YouTube", "Spotify", "TikTok"} & {r["company"] for r in rows}


# The third unseen set (bench/data/labels-unseen3-en.jsonl): classes read from its tuning half (Bardeen,
# Anysphere, Speechify), written here in the style of real terms, none copied from the set.
@pytest.mark.parametrize(
    ("sentence", "category", "polarity"),
    [
        # A licence whose purposes include training, with no AI word: both flags.
        (
            "By uploading files you grant us a worldwide, royalty-free licence to use, copy and modify them in "
            "connection with operating and improving (including for training and fine-tuning) the Services.",
            "ai-training",
            "permissive",
        ),
        (
            "By uploading files you grant us a worldwide, royalty-free licence to use, copy and modify them in "
            "connection with operating and improving (including for training and fine-tuning) the Services.",
            "content-licence",
            "permissive",
        ),
        # Training named by what an AI product takes in or gives back; preferences are a control.
        (
            "You can manage your preferences about the use of your prompts and outputs for training in your "
            "account settings.",
            "ai-training",
            "protective",
        ),
        (
            "Your prompts and outputs may be used for training unless you opt out.",
            "ai-training",
            "permissive",
        ),
        # The provider's stated use of what users submit, named as such (a licence without the word).
        (
            "We may use User Submissions for our own marketing purposes, for example to feature them in newsletters.",
            "content-licence",
            "permissive",
        ),
        (
            "The Company may include your user content in its promotional materials.",
            "content-licence",
            "permissive",
        ),
        (
            "We may use Inputs to provide and maintain the Service and to comply with the law.",
            "content-licence",
            "permissive",
        ),
        # Ownership kept, said in the passive.
        ("Any photo you upload remains owned by you.", "content-licence", "protective"),
        (
            "Your recordings are owned by you, and we claim no rights in them.",
            "content-licence",
            "protective",
        ),
        # Sharing limited to data that identifies no one.
        (
            "We share usage information with our analytics partners only in aggregated and de-identified form.",
            "data-sharing",
            "protective",
        ),
    ],
)
def test_third_set_class_found(sentence: str, category: str, polarity: str) -> None:
    """Each class of wording fixed on the third set's tuning half is flagged with its polarity."""
    assert own(sentence).get(category) == polarity, own(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # Staff training, and disclaimers of what AI models are.
        "Calls with our support team may be recorded for training purposes.",
        "Language models can reflect biases found in the data used to train them, which can lead to inaccurate "
        "answers.",
        "Such models need vast amounts of data to train and may still produce errors that affect your content.",
        # Warranties of the user's rights, content the service licenses from others, the user's own use.
        "You represent that you hold all rights, licences and consents that are required for us to host your "
        "content.",
        "(b) You own the material you post or otherwise have the right to publish it.",
        "You may use content from the Service only for personal purposes.",
        "We may use content licensed from third parties to provide the Service.",
        # Aggregated statistics name no personal data.
        "We may share aggregated statistics with partners.",
    ],
)
def test_third_set_look_alike_not_flagged(sentence: str) -> None:
    """Look-alikes of the third set's classes stay quiet."""
    assert own(sentence) == {}, own(sentence)


def test_pseudonymised_sharing_is_still_sharing() -> None:
    """Pseudonymised data is personal data: sharing it only in that form is no limit (permissive)."""
    assert own("We share your personal data with our advertising partners only in pseudonymised form.") == {
        "data-sharing": "permissive"
    }


def test_third_set_references_resolve_and_follow_the_split() -> None:
    """The third set's references resolve in tosdiff's extraction of the snapshots, split by company."""
    data = shared_data()
    rows, missing = bench_flags_unseen.load(data, bench_flags_unseen.LABELS3)
    assert missing == 0
    assert {r["company"] for r in rows} == {"Bardeen", "Anysphere", "Scribe", "Speechify"}
    assert all(r["split"] == bench_flags_unseen.split_of(r["company"]) for r in rows)
    assert {r["company"] for r in rows if r["split"] == "held-out"} == {"Scribe"}
    # No company of the labelled clauses or of the second set.
    second, _ = bench_flags_unseen.load(data)
    assert not {r["company"] for r in second} & {r["company"] for r in rows}
