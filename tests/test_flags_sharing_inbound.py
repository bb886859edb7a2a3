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
