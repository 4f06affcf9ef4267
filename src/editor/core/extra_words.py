"""Common words pyspellchecker's lists lack, so the editor does not flag them.

pyspellchecker's English list is built from word frequencies in American
texts: it spells "curb" but not "kerb", and it misses many everyday words
newer than its sources ("searchable", "smartphone", "paywall"). Underlining
words a writer spelled right teaches them to ignore the underlines, so the
editor accepts these too. The list was written for this project: each word
was checked against pyspellchecker 0.9's English list (absent there) and
against a general English dictionary (Merriam-Webster or the Oxford English
Dictionary, for its British spellings). Add words only under the same rule:
in a general dictionary, in everyday use, missing from the word list.
"""

from __future__ import annotations

_ENGLISH = """
aluminium app apps bikeable checkbox cheque cheques crowdfunded crowdfunding
dataset datasets dreamt dropdown gaol hashtag hashtags jewellery kerb kerbs
kerbside kerbstone kerbstones livestream livestreamed livestreams logout
manoeuvre manoeuvred manoeuvres manoeuvring metadata paywall paywalls
podcasts pyjamas rewatch scrollable searchable sceptic sceptical sceptics
selfie selfies signup smartphone smartphones tyre tyres unfollow upvote
vlog vlogs
"""

#: language code -> extra words, lower case
EXTRA_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(_ENGLISH.split()),
}


def extra_words(language: str) -> frozenset[str]:
    """The project's additions to the word list of ``language`` (empty for most)."""
    return EXTRA_WORDS.get(language, frozenset())
