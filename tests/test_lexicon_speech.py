"""Every reporting verb of the lexicon is known to every stage that reads verbs.

The sentence splitter keeps `“Why?” the minister quipped.` in one sentence, and
attribution makes a claim of the quote, with the verb as its cue, for every
finite form of every verb in `corpuskit.lexicon.speech`; reported speech takes
every verb that reports a that-clause.  A verb added to the lexicon is covered
by these tests with no other change.
"""

from __future__ import annotations

import pytest

from corpuskit import Article, ClaimKind
from corpuskit.lexicon import speech
from corpuskit.stages.sentences import split_sentences

FINITE = sorted(
    {
        (lemma, form)
        for lemma, verb in speech.REPORTING_VERBS.items()
        for form in verb.forms[1:]
        if not form.split()[0].endswith("ing") and verb.sense == "speech"
    }
)


def _past(verb: speech.Verb) -> str:
    """The verb's past form (the third person where past and base are one word)."""
    finite = [f for f in verb.forms[2:] if not f.split()[0].endswith("ing")]
    return finite[0] if finite else verb.forms[1]


THAT = sorted(
    {
        (lemma, _past(verb))
        for lemma, verb in speech.REPORTING_VERBS.items()
        if verb.that and verb.sense == "speech"
    }
)


def test_every_verb_has_its_inflections() -> None:
    for lemma, verb in speech.REPORTING_VERBS.items():
        assert len(verb.forms) >= 3, lemma
        assert all(f and f == f.strip() and f.islower() for f in verb.forms), lemma
        assert len(set(verb.forms)) == len(verb.forms), lemma
        assert any(f.split()[0].endswith("ing") for f in verb.forms), lemma
    assert speech.cue_forms() >= speech.cue_forms(sense="speech") | {"believed"}


@pytest.mark.parametrize(("lemma", "form"), FINITE)
def test_the_splitter_keeps_a_quote_with_its_attribution(lemma: str, form: str) -> None:
    text = f"“Why build it there?” the minister {form}. Work began on Monday."
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == [f"“Why build it there?” the minister {form}.", "Work began on Monday."]


@pytest.mark.parametrize(("lemma", "form"), FINITE)
def test_attribution_takes_every_form_after_a_quote(lemma: str, form: str) -> None:
    article = Article.from_text(f"“Why build it there?” the minister {form}.", id="v")
    (claim,) = article.claims
    assert claim.kinds[0] is ClaimKind.DIRECT_QUOTE
    assert claim.text == "Why build it there?"
    assert claim.source is not None
    assert claim.source.text == "the minister"
    assert claim.cue is not None
    assert claim.cue.text == form


@pytest.mark.parametrize(("lemma", "form"), THAT)
def test_reported_speech_takes_every_verb_of_a_that_clause(lemma: str, form: str) -> None:
    article = Article.from_text(f"The minister {form} that the bridge would reopen.", id="v")
    (claim,) = article.claims
    assert claim.kinds == (ClaimKind.REPORTED_SPEECH,)
    assert claim.text == "the bridge would reopen"
    assert claim.source is not None
    assert claim.source.text == "The minister"
    assert claim.cue is not None
    assert claim.cue.text.split()[0] == form.split(maxsplit=1)[0]


def test_every_cue_word_is_found_by_the_sentence_filter() -> None:
    # Attribution passes over a sentence whose lower-cased text has none of the cue
    # words among its runs of ASCII letters: every cue word must be such a run.
    from corpuskit.stages import attribution as _attribution

    for word in _attribution._CUE_WORDS:
        assert _attribution._WORD.fullmatch(word), word
