"""The English lexicon: every word list the stages derive their patterns from.

The sentence splitter, the quantities stage and the zones stage do not keep
words of their own: they build their sets and regular expressions from the lists
here, so that a word added here is known to every stage that needs it.  The
lexicon is plain data: frozensets, tuples and mappings of strings, each
documented with what it holds and which stage uses it.  It holds no patterns
and imports nothing from the rest of the package.

Modules:

- `corpuskit.lexicon.names`: honorifics and titles ("Mr", "Lt", "Sir"), name
  suffixes ("Jr") and particles ("von der").
- `corpuskit.lexicon.abbreviations`: abbreviations that may end a sentence and
  those that never do, the words that open sentences, the times of day.
- `corpuskit.lexicon.dates`: months and days, full and abbreviated, and time
  zones.
- `corpuskit.lexicon.numbers`: number words, multipliers, currencies,
  percentages, hedges, time units and the nouns numbers count or name.
- `corpuskit.lexicon.news`: news agencies and photo-credit forms, and the words
  of end matter (translator credits, contact lines, link text, bylines).
"""
