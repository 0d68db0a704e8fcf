"""Reporting verbs and the other words of attribution (who said what, with which words).

Plain data: the quotes, attribution and sentence stages build their patterns
and sets from these tables and keep no word list of their own.

`REPORTING_VERBS` maps each lemma to its `Verb` entry: every inflection, and
what the verb takes after it.  ``that`` marks a verb that reports a clause
("said (that) the plan was dead"), ``obj`` one whose direct object is what is
reported ("denied the allegation", "accused the board of hiding losses"),
``bare`` one that reports a clause without "that" too ("warned the move would
fail"), ``inverts`` one that may stand before its source ("…, said the minister"),
``listener`` one that names who is told before the report ("told reporters
that …", "warned investors the …").  ``sense`` is ``"speech"`` for words said
or written, ``"cognition"`` for what someone thinks, believes or knows.
"""

from __future__ import annotations

from typing import Final, Literal, NamedTuple

__all__ = [
    "ACCORDING_TO",
    "ADJUNCT_WORDS",
    "AUXILIARIES",
    "CAPTION_END_CUES",
    "CLAUSE_ADVERBS",
    "COMMON_VERBS",
    "DOCUMENT_NOUNS",
    "ING_ADJECTIVES",
    "LEDE_CUES",
    "LY_NON_ADVERBS",
    "NAMING_VERBS",
    "NOUN_CUES",
    "REPORTING_VERBS",
    "SET_PHRASES",
    "SOURCE_HEADS",
    "SPEECH_NOUNS",
    "TRAILING_PARTICIPLES",
    "Verb",
    "cue_forms",
]


class Verb(NamedTuple):
    """One reporting verb: its inflections and what it takes after it."""

    forms: tuple[str, ...]  # base, third person, past, participle (if other), -ing
    that: bool = True
    bare: bool = False
    obj: bool = False
    listener: bool = False
    inverts: bool = False
    sense: Literal["speech", "cognition"] = "speech"
    question: bool = False  # takes an indirect question: "asked whether …"


def _v(
    base: str,
    s: str,
    past: str,
    ing: str,
    participle: str = "",
    *,
    that: bool = True,
    bare: bool = False,
    obj: bool = False,
    listener: bool = False,
    inverts: bool = False,
    sense: Literal["speech", "cognition"] = "speech",
    question: bool = False,
) -> Verb:
    forms = tuple(dict.fromkeys(f for f in (base, s, past, participle, ing) if f))
    return Verb(forms, that, bare, obj, listener, inverts, sense, question)


REPORTING_VERBS: Final[dict[str, Verb]] = {
    # --- saying -----------------------------------------------------------------
    "say": _v("say", "says", "said", "saying", bare=True, inverts=True),
    "tell": _v("tell", "tells", "told", "telling", listener=True, bare=True),
    "add": _v("add", "adds", "added", "adding", inverts=True),
    "state": _v("state", "states", "stated", "stating", inverts=True),
    "declare": _v("declare", "declares", "declared", "declaring", bare=True, inverts=True),
    "announce": _v(
        "announce", "announces", "announced", "announcing", obj=True, bare=True, inverts=True
    ),
    "note": _v("note", "notes", "noted", "noting", obj=True, inverts=True),
    "explain": _v("explain", "explains", "explained", "explaining", bare=True, inverts=True),
    "continue": _v("continue", "continues", "continued", "continuing", inverts=True),
    "mention": _v("mention", "mentions", "mentioned", "mentioning"),
    "remark": _v("remark", "remarks", "remarked", "remarking", inverts=True),
    "comment": _v("comment", "comments", "commented", "commenting", inverts=True),
    "observe": _v("observe", "observes", "observed", "observing", inverts=True),
    "reply": _v("reply", "replies", "replied", "replying", inverts=True),
    "respond": _v("respond", "responds", "responded", "responding", inverts=True),
    "answer": _v("answer", "answers", "answered", "answering", inverts=True),
    "ask": _v("ask", "asks", "asked", "asking", listener=True, inverts=True, question=True),
    "write": _v("write", "writes", "wrote", "writing", "written", bare=True, inverts=True),
    "tweet": _v("tweet", "tweets", "tweeted", "tweeting", bare=True, inverts=True),
    "post": _v("post", "posts", "posted", "posting", inverts=True),
    "report": _v("report", "reports", "reported", "reporting", obj=True, bare=True, inverts=True),
    "recall": _v("recall", "recalls", "recalled", "recalling", obj=True, bare=True, inverts=True),
    "recount": _v("recount", "recounts", "recounted", "recounting", obj=True),
    "testify": _v("testify", "testifies", "testified", "testifying", bare=True),
    "quip": _v("quip", "quips", "quipped", "quipping", inverts=True),
    "joke": _v("joke", "jokes", "joked", "joking", inverts=True),
    "shout": _v("shout", "shouts", "shouted", "shouting", inverts=True),
    "yell": _v("yell", "yells", "yelled", "yelling", inverts=True),
    "cry": _v("cry", "cries", "cried", "crying", inverts=True),
    "exclaim": _v("exclaim", "exclaims", "exclaimed", "exclaiming", inverts=True),
    "laugh": _v("laugh", "laughs", "laughed", "laughing", that=False, inverts=True),
    "wonder": _v("wonder", "wonders", "wondered", "wondering", inverts=True, question=True),
    "whisper": _v("whisper", "whispers", "whispered", "whispering", inverts=True),
    "chime_in": _v("chime in", "chimes in", "chimed in", "chiming in"),
    "point_out": _v("point out", "points out", "pointed out", "pointing out"),
    # "As the mayor put it, “…”"
    "put_it": _v("put it", "puts it", "put it", "putting it", that=False, inverts=True),
    # "“Closed for repairs,” the sign read.": after a quote only
    "read": _v("read", "reads", "read", "reading", that=False, inverts=True),
    "chant": _v("chant", "chants", "chanted", "chanting", that=False, inverts=True),
    "sing": _v("sing", "sings", "sang", "singing", "sung", that=False, inverts=True),
    # --- arguing and asserting ----------------------------------------------------
    "claim": _v("claim", "claims", "claimed", "claiming", obj=True, bare=True, inverts=True),
    "argue": _v("argue", "argues", "argued", "arguing", bare=True, inverts=True),
    "insist": _v("insist", "insists", "insisted", "insisting", bare=True, inverts=True),
    "contend": _v("contend", "contends", "contended", "contending", bare=True),
    "maintain": _v("maintain", "maintains", "maintained", "maintaining"),
    "assert": _v("assert", "asserts", "asserted", "asserting", bare=True),
    "allege": _v("allege", "alleges", "alleged", "alleging", bare=True),
    "charge": _v("charge", "charges", "charged", "charging"),
    "stress": _v("stress", "stresses", "stressed", "stressing"),
    "emphasize": _v("emphasize", "emphasizes", "emphasized", "emphasizing"),
    "emphasise": _v("emphasise", "emphasises", "emphasised", "emphasising"),
    "suggest": _v("suggest", "suggests", "suggested", "suggesting", bare=True, inverts=True),
    "indicate": _v("indicate", "indicates", "indicated", "indicating"),
    "conclude": _v("conclude", "concludes", "concluded", "concluding", inverts=True),
    "agree": _v("agree", "agrees", "agreed", "agreeing"),
    "boast": _v("boast", "boasts", "boasted", "boasting", inverts=True),
    "brag": _v("brag", "brags", "bragged", "bragging"),
    "complain": _v("complain", "complains", "complained", "complaining", bare=True, inverts=True),
    "protest": _v("protest", "protests", "protested", "protesting"),
    "object": _v("object", "objects", "objected", "objecting"),
    "counter": _v("counter", "counters", "countered", "countering", inverts=True),
    "retort": _v("retort", "retorts", "retorted", "retorting", inverts=True),
    "predict": _v(
        "predict", "predicts", "predicted", "predicting", obj=True, bare=True, inverts=True
    ),
    "forecast": _v("forecast", "forecasts", "forecast", "forecasting", obj=True),
    "estimate": _v("estimate", "estimates", "estimated", "estimating", obj=True, bare=True),
    "speculate": _v("speculate", "speculates", "speculated", "speculating"),
    "caution": _v("caution", "cautions", "cautioned", "cautioning", listener=True, bare=True),
    "warn": _v(
        "warn", "warns", "warned", "warning", listener=True, obj=True, bare=True, inverts=True
    ),
    "urge": _v("urge", "urges", "urged", "urging", obj=True),
    "demand": _v("demand", "demands", "demanded", "demanding", obj=True),
    "promise": _v(
        "promise", "promises", "promised", "promising", obj=True, listener=True, bare=True
    ),
    "pledge": _v("pledge", "pledges", "pledged", "pledging", obj=True, bare=True),
    "vow": _v("vow", "vows", "vowed", "vowing", obj=True, bare=True),
    "threaten": _v("threaten", "threatens", "threatened", "threatening"),
    "assure": _v("assure", "assures", "assured", "assuring", listener=True, bare=True),
    "remind": _v("remind", "reminds", "reminded", "reminding", listener=True, bare=True),
    "inform": _v("inform", "informs", "informed", "informing", listener=True),
    "advise": _v("advise", "advises", "advised", "advising", listener=True),
    # --- admitting and denying ----------------------------------------------------
    "admit": _v("admit", "admits", "admitted", "admitting", obj=True, bare=True, inverts=True),
    "acknowledge": _v(
        "acknowledge",
        "acknowledges",
        "acknowledged",
        "acknowledging",
        obj=True,
        bare=True,
        inverts=True,
    ),
    "concede": _v(
        "concede", "concedes", "conceded", "conceding", obj=True, bare=True, inverts=True
    ),
    "confess": _v("confess", "confesses", "confessed", "confessing", obj=True),
    "deny": _v("deny", "denies", "denied", "denying", obj=True, bare=True),
    "dispute": _v("dispute", "disputes", "disputed", "disputing", obj=True),
    "confirm": _v("confirm", "confirms", "confirmed", "confirming", obj=True, bare=True),
    "reveal": _v("reveal", "reveals", "revealed", "revealing", obj=True, bare=True),
    "disclose": _v("disclose", "discloses", "disclosed", "disclosing", obj=True, bare=True),
    "accuse": _v("accuse", "accuses", "accused", "accusing", that=False, obj=True),
    "describe": _v("describe", "describes", "described", "describing", that=False, obj=True),
    # "called the plan “a farce”", "called for a ban", "called on the board to act"
    "call": _v("call", "calls", "called", "calling", that=False, obj=True),
    # --- thinking -------------------------------------------------------------------
    "believe": _v("believe", "believes", "believed", "believing", sense="cognition", bare=True),
    "think": _v("think", "thinks", "thought", "thinking", sense="cognition", bare=True),
    "fear": _v("fear", "fears", "feared", "fearing", sense="cognition", bare=True),
    "learn": _v("learn", "learns", "learned", "learning", "learnt", sense="cognition"),
}

# Common verbs that end a subject read from the start of a sentence ("The judge read
# out the verdict and told …"), past and present, beyond the regular "-ed" forms.
COMMON_VERBS: Final[frozenset[str]] = frozenset(
    "cut read left put set met held made gave took came went won lost sent spent kept ran "
    "began brought bought built paid led sat stood fell rose hit quit shut spoke broke "
    "chose drove flew grew knew saw found got did went became meant sold struck wore "
    "is are was were has have had will would can could may might must should shall "
    "gets makes gives takes comes goes wins loses sends keeps runs leads stands falls "
    "rises hits speaks breaks knows sees finds becomes sells plans wants needs".split()
)
# Verbs that name a quoted phrase rather than report it ("called the plan “a farce”",
# "the so-called “deal”"): a quote after them is no claim of its own.
NAMING_VERBS: Final[frozenset[str]] = frozenset(
    "call calls called calling dub dubs dubbed dubbing label labels labelled labeled "
    "labelling labeling brand brands branded branding term terms termed terming "
    "nickname nicknamed christened so-called".split()
)
# The phrase that attributes like a cue but is no verb.
ACCORDING_TO: Final[tuple[str, ...]] = ("according to", "According to")
# Cue forms that are also nouns ("the report said", "Those estimates do not include"):
# after a determiner or a possessive they are nouns.
NOUN_CUES: Final[frozenset[str]] = frozenset(
    "report reports claim claims estimate estimates notes states comments remarks "
    "promise promises answer answers charge charges demands demand forecast forecasts "
    "post posts object objects fears fear protest protests testify praise counter "
    "warning warnings state note mention comment remark reply replies response".split()
)
# Set phrases in which a cue's form reports nothing ("Having said that, …", "a
# liberal think tank", "needless to say"), as words in lower case.
SET_PHRASES: Final[tuple[tuple[str, ...], ...]] = tuple(
    tuple(phrase.split())
    for phrase in (
        "having said that",
        "that said",
        "needless to say",
        "suffice it to say",
        "so to speak",
        "that is to say",
        "think tank",
        "think tanks",
        "said his piece",
        "said her piece",
        "said their piece",
        "say his piece",
        "say her piece",
        "say their piece",
        "called in to",
        "call in to",
        "calls in to",
        "calling in to",
    )
)
# Auxiliaries and modals that may stand between a source and its cue ("has said").
AUXILIARIES: Final[frozenset[str]] = frozenset(
    "has have had did does do will would won't can't don't doesn't didn't wouldn't couldn't "
    "shouldn't isn't wasn't haven't hasn't hadn't aren't weren't mustn't mightn't "
    "n't not could may might must should shall can is are was "
    "were be been being 's ’s 've ’ve 'd ’d".split()
)
# Adverbs that may stand between a source and its cue or around a cue ("also said",
# "later told", "said, however,").
CLAUSE_ADVERBS: Final[frozenset[str]] = frozenset(
    "also earlier previously reportedly recently later further again however then once "
    "repeatedly publicly privately separately subsequently initially first last often "
    "frequently long still flatly angrily bluntly openly simply quickly immediately "
    "never always already now once-again even only just since yesterday today "
    "tonight".split()
)
# Words in "-ly" that are no adverbs: nouns and adjectives that stand in a source
# ("the family said", "an elderly resident", "the rally organisers").
LY_NON_ADVERBS: Final[frozenset[str]] = frozenset(
    "family ally rally assembly supply reply monopoly anomaly bully tally belly jelly "
    "folly lily homily melancholy holy ugly early elderly friendly lonely likely costly "
    "deadly lovely silly daily weekly monthly quarterly yearly hourly nightly orderly "
    "burly wily curly jolly italy july".split()
)
# What is written or read out, not what is said: after "wrote a", "read the" such a
# noun is the object of the verb, not a reported clause ("wrote a letter to the board").
DOCUMENT_NOUNS: Final[frozenset[str]] = frozenset(
    "letter letters memo memos book books column columns op-ed op-eds essay essays note "
    "notes email emails message messages article articles piece pieces post posts blog "
    "review reviews story stories speech speeches poem poems song songs script scripts "
    "statement statements report reports bill bills check cheque will".split()
)
# Words in "-ing" after a name and a comma that belong to the source: adjectives of
# a title ("Ann Lee, acting director of …") and "including"; not a participle phrase
# of what the speaker was doing ("Ann Lee, speaking to reporters, …").
ING_ADJECTIVES: Final[tuple[str, ...]] = tuple(
    "acting managing ranking leading outgoing incoming presiding founding reigning "
    "sitting visiting governing ruling working retiring including".split()
)
# Words that open a time, place or manner phrase between a cue and what it reports
# ("said on Sunday that", "told a news conference in Lagos on Friday that").
ADJUNCT_WORDS: Final[frozenset[str]] = frozenset(
    "on in at during after before late early last this next yesterday today tonight "
    "recently earlier later via through over while when".split()
)
# Nouns that head a source ("a spokesman for the company", "the statistics office").
SOURCE_HEADS: Final[frozenset[str]] = frozenset(
    "source sources official officials spokesman spokeswoman spokesperson spokespeople "
    "minister ministers ministry ministries media agency agencies newspaper newspapers "
    "daily police analyst analysts expert experts resident residents worker workers "
    "defector defectors diplomat diplomats government military authorities person people "
    "witness witnesses observer observers researcher researchers president leader chief "
    "director head professor professors insider insiders officer officers employee "
    "employees manager managers member members lawmaker lawmakers reporter reporters "
    "journalist journalists representative representatives activist activists citizen "
    "citizens trader traders merchant merchants doctor doctors scientist scientists "
    "economist economists farmer farmers soldier soldiers student students local locals "
    "individual individuals group groups office committee council service institute "
    "organization organisation company firm bank union bureau radio television "
    "broadcaster report study survey poll polls figures data statement document "
    "documents records filing filings court judge prosecutors prosecutor lawyer lawyers "
    "attorney attorneys campaign aide aides adviser advisers advisor advisors "
    "chairman chairwoman chair chairs regulator regulators mayor mayors governor governors "
    "senator senators secretary coach captain executive executives founder owner owners "
    "partner partners candidate candidates voter voters supporter supporters critic "
    "critics opponent opponents friend friends neighbour neighbor neighbours neighbors "
    "mother father wife husband son daughter brother sister teacher teachers nurse nurses "
    "spokespersons inspector inspectors investigators investigator author authors "
    "historian strategist strategists pollster pollsters consultant consultants "
    "nominee nominees hopeful hopefuls challenger challengers incumbent frontrunner "
    "front-runner family families relatives chancellor premier envoy envoys ambassador "
    "ambassadors spokesmen legislature legislator legislators treasurer auditor senate "
    "delegation delegates general generals columnist columnists commentator commentators "
    "writer writers editor editors editorial correspondent correspondents blogger bloggers "
    "host hosts presenter pundit pundits "
    "administration department authority charity trust "
    "association federation coalition party club league board panel commission".split()
)
# Nouns of speech that a source may speak "in" ("said in a statement").
SPEECH_NOUNS: Final[frozenset[str]] = frozenset(
    "statement interview speech letter email e-mail post tweet briefing conference "
    "news release report memo op-ed column address remarks hearing testimony call "
    "broadcast podcast video message blog filing note".split()
)
# Participles that carry on a closing attribution ("…, he said, adding that …").
TRAILING_PARTICIPLES: Final[frozenset[str]] = frozenset(
    "adding noting saying citing calling arguing insisting warning explaining "
    "referring pointing declining describing suggesting".split()
)


# The attribution words whose presence marks a lede, not a headline (the zones
# stage: "… the minister said on Monday" is a sentence of the body).
LEDE_CUES: Final[tuple[str, ...]] = (
    "said",
    "told",
    "reported",
    "explained",
    "added",
    "has learned",
    "have learned",
    "according to",
)
# Words a sentence may end with before a news agency's name, so that a caption
# ending in one is no photo credit ("… the official told Reuters").
CAPTION_END_CUES: Final[tuple[str, ...]] = ("told", "said", "says", "reported", "according")


def cue_forms(*, sense: str | None = None) -> frozenset[str]:
    """Return every inflection of the reporting verbs (of one ``sense``, if given)."""
    return frozenset(
        form
        for verb in REPORTING_VERBS.values()
        if sense is None or verb.sense == sense
        for form in verb.forms
    )
