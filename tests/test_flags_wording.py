"""The three own flags on kinds of wording found in real terms of services tosdiff never saw.

One short sentence per kind, written in the style of real terms (not copied from the labelled clauses):
the wording each detector used to miss or to flag wrongly, both polarities, and look-alikes that are not
such a clause (by the labelling rules of shared/data/clauses/README.md).
"""

from __future__ import annotations

import pytest

from tosdiff.flags import flag_sentence_categories

OWN = ("ai-training", "content-licence", "data-sharing")


def own(sentence: str) -> dict[str, str]:
    """The three own categories a sentence triggers, with polarity."""
    return {c: p for c, p in flag_sentence_categories(sentence).items() if c in OWN}


@pytest.mark.parametrize(
    ("sentence", "category", "polarity"),
    [
        # A licence given in the progressive ("you are granting").
        (
            "To deliver the Services, you are granting Acme a limited, worldwide, royalty-free licence to "
            "use, process and transmit the Content.",
            "content-licence",
            "permissive",
        ),
        # A licence whose stated scope reaches training, and one whose scope is narrowed.
        (
            "Use of Your Content to train and improve machine learning models of Acme and its Affiliates is "
            "within the scope of this license.",
            "content-licence",
            "permissive",
        ),
        (
            "This license does not, however, allow Acme to share your Inputs with other companies for their "
            "own model training.",
            "content-licence",
            "protective",
        ),
        # The use is affirmed although something else is denied in the same sentence.
        (
            "Use of Your Content to develop and train our AI models is within the scope of this license and "
            "does not constitute a sale of Your Content.",
            "ai-training",
            "permissive",
        ),
        (
            "We do not use your messages to sell ads; we use them to make our models more helpful.",
            "ai-training",
            "permissive",
        ),
        # A negation in the description of the data ("that is not personal data") is not a refusal.
        (
            "We may use and store Analytics Content that is not personal data to develop and improve our "
            "machine-learning technologies.",
            "ai-training",
            "permissive",
        ),
        # Improving models from data, with the data named after the model.
        ("We do not build generative models using customer data.", "ai-training", "protective"),
        # Passive negations of sharing.
        (
            "Phone numbers collected for text alerts won't be shared, sold or rented to third parties.",
            "data-sharing",
            "protective",
        ),
        ("Your contact details are never disclosed to advertisers.", "data-sharing", "protective"),
        # "Although we do not sell ..., our sharing ... may be deemed a sale": the sharing exists.
        (
            "Although we do not sell your personal information for money, our sharing of your personal "
            "information with advertising partners may be deemed a sale under state laws.",
            "data-sharing",
            "permissive",
        ),
        # "Provide" as handing data over still counts.
        (
            "We provide your personal data to our payment processors so they can charge your card.",
            "data-sharing",
            "permissive",
        ),
        # Ownership kept by the user, said of the user's things.
        ("We don't claim any ownership of your files.", "content-licence", "protective"),
        # ... with a proviso that names rights of both sides.
        (
            "We agree that you retain ownership of the copyright in your posts, provided that if a post holds "
            "public domain material, you shall have the same rights in it as anyone else.",
            "content-licence",
            "protective",
        ),
    ],
)
def test_wording_kinds_flagged(sentence: str, category: str, polarity: str) -> None:
    """Each kind of wording raises its flag, pointing the right way."""
    assert own(sentence).get(category) == polarity, own(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # Definitions say what a word stands for; the clause using it is elsewhere.
        '"Voice Model" means an AI model trained on recordings of a consenting speaker.',
        'A "Custom Voice" is a machine learning model trained on audio you upload.',
        # A document's overview of itself.
        "This Privacy Notice describes the personal information we collect, how we use it and when it may "
        "be shared with third parties.",
        # "AI" in an address or a domain.
        "You may opt out of this arbitration agreement by emailing legal@acme.ai within 30 days.",
        # Indemnities and infringement claims that mention training data.
        "We will defend you against third-party claims that the Services, including the training data we "
        "use to train our models, infringe intellectual property rights.",
        # "Training data" as a noun, and training a model to behave.
        "You own the output generated for you, subject to third-party rights in the underlying models and "
        "training data.",
        "We work to make our models safer by training them to refuse harmful requests.",
        # The user takes content from the service (scraping) or makes a fine-tuned model.
        "By using automated means to collect publicly available Content from the Service for training any "
        "machine learning model, you agree to these additional terms.",
        "Acme prohibits any use of the API to train a foundation model.",
        "We will not distribute the fine-tuned model to anyone without your consent.",
        # "Provide" in senses that hand no data to anyone.
        "Acme may provide links to third-party websites that contain financial information about Acme.",
        "Partners and other users may provide us information about you when they report an incident.",
        "To provide you with the Services, we and our service providers may process your data on servers "
        "in other countries.",
        # A third party's own policy governs what the user gives it.
        "When you use third-party integrations, the privacy policies of those third parties apply to any "
        "personal data you provide or choose to share with them.",
        # Ownership of the provider's own service, and a grant the user makes to their own people.
        "We (or our licensors, including other users) own all rights, title and interest in the Service "
        "and the content displayed on it.",
        "You are responsible for requests from individuals you authorize to use the Services about their "
        "personal information and rights.",
        # Rights that are not a licence: to act, as a condition or a duty, or given by a law.
        "Each of you and Acme retains the right to sue in small claims court for intellectual property misuse.",
        "You must own or have all necessary rights to use any domain name or content you connect to the Service.",
        "If you live in a country that grants you consumer protection rights over your data, those rights prevail.",
        # A pointer to more text, the user building models from outputs, an FAQ question.
        "We provide additional information about automated processing, AI features and opt-out options in our "
        "help pages.",
        "You can use Output to develop classification models that you do not distribute to third parties.",
        "If I fine-tune the model with my own data, do I have to publish the new model?",
    ],
)
def test_look_alikes_not_flagged(sentence: str) -> None:
    """Sentences with AI, training, licence or sharing words that are not such a clause raise no own flag."""
    assert own(sentence) == {}, own(sentence)


def test_opt_in_for_another_purpose_is_not_ai_training() -> None:
    """An opt-in to a transfer for abuse detection, in a sentence that names models, is no training control."""
    sentence = (
        "Some third-party models require you to consent to the transfer of your content to their developer "
        "for abuse detection, through the opt-in described in the documentation."
    )
    assert "ai-training" not in own(sentence)
    # ... while an opt-out of the AI use itself is one, pointing the protective way.
    assert own("You can opt out of the use of your content to train our models in your settings.") == {
        "ai-training": "protective"
    }
