"""English data-sharing: data others share WITH the provider is not its sharing (labelled none by the
clauses README), a sentence that also passes data on still is, and the provider ruling sharing out
with no recipient named ("We never share your personal data.") is a protective clause. Short
real-style sentences written for these tests."""

from __future__ import annotations

import pytest

from tosdiff.flags import flag_sentence_categories

SHARING = "data-sharing"


@pytest.mark.parametrize(
    "sentence",
    [
        "These partners also share with us information such as mobile advertising identifiers.",
        "Third parties may disclose your personal information to us when you link your accounts.",
        "Advertisers pass to us hashed email addresses so we can match you with their customers.",
        "You should never share your personal data with strangers you meet on the service.",
    ],
)
def test_not_the_providers_sharing(sentence: str) -> None:
    """Received data and advice to the user are not flagged as sharing."""
    assert SHARING not in flag_sentence_categories(sentence), sentence


@pytest.mark.parametrize(
    ("sentence", "polarity"),
    [
        ("We share your information with advertisers, and they share information with us.", "permissive"),
        ("We may also share personal information under the following circumstances:", "permissive"),
        ("We never share your personal data.", "protective"),
        ("We do not sell or share your personal information.", "protective"),
        ("We share your personal data with partners who provide services to us.", "permissive"),
    ],
)
def test_the_providers_sharing_with_its_polarity(sentence: str, polarity: str) -> None:
    """The provider's own sharing, including with no recipient named, keeps its polarity."""
    assert flag_sentence_categories(sentence).get(SHARING) == polarity, sentence


@pytest.mark.parametrize(
    ("sentence", "polarity"),
    [
        # The recipient is affiliated "with us": still the provider's sharing.
        ("We may share your personal information with companies affiliated with us.", "permissive"),
        ("We share personal information with vendors who contract with us.", "permissive"),
    ],
)
def test_with_us_after_the_recipient_is_still_ours(sentence: str, polarity: str) -> None:
    """Only a sender sharing directly "with us" is received data."""
    assert flag_sentence_categories(sentence).get(SHARING) == polarity, sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "We never share your personal data, except as described in this policy.",
        "For example, we may collect, use or disclose personal information without your knowledge or consent where:",
        "Read about [Personal Information](https://help.example.com/hc/en-us/articles/1) first: you may not share content.",
    ],
)
def test_no_protective_flag_for_exceptions_lead_ins_or_links(sentence: str) -> None:
    """An exception, a lead-in or "us" inside a link never makes a no-recipient protective flag."""
    assert flag_sentence_categories(sentence).get(SHARING) != "protective", sentence


@pytest.mark.parametrize(
    ("sentence", "polarity"),
    [
        ("Your personal data is never sold or shared by us.", "protective"),
        ("We do not share your personal information unless you give us your consent.", "protective"),
        (
            "We never share your personal information with third parties, other than as described below:",
            "permissive",
        ),
    ],
)
def test_sentence_final_us_consent_and_lead_ins(sentence: str, polarity: str) -> None:
    """ "by us." at the end is the provider; "unless you consent" is a consent control; a lead-in
    ending with a colon is what follows, never a promise."""
    assert flag_sentence_categories(sentence).get(SHARING) == polarity, sentence
