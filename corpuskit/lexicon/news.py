"""News agencies, photo-credit forms and the words of end matter.

Plain data; the zones stage builds its patterns from it (see `corpuskit.lexicon`).
A space in a name or phrase stands for one space.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "AGENCIES",
    "BARE_CREDIT_AGENCIES",
    "BYLINE_ROLES",
    "CREDIT_LABELS",
    "FEEDBACK_WORDS",
    "HEADING_LABELS",
    "LINK_LABELS",
    "NEWSLETTER_WORDS",
    "STAFF_BYLINES",
    "TRANSLATOR_CREDIT_OPENERS",
]

# --- photo credits ----------------------------------------------------------------------

# News agencies, picture desks and photo libraries whose names end photo credits,
# with the other words that stand in their place ("Pool", "Handout") and the chains
# written as one name ("AFP via Getty Images").  The zones stage reads a credit as a
# chain of these and photographers' names joined by slashes ("WANG ZHAO/AFP/Getty
# Images", "REUTERS/Kim Hong-Ji", "Kim Lee/Yonhap via REUTERS").
AGENCIES: Final[tuple[str, ...]] = (
    "AFP via Getty Images",
    "AFP",
    "Getty Images",
    "Getty",
    "AP Photo",
    "AP Images",
    "AP",
    "The Associated Press",
    "Associated Press",
    "REUTERS",
    "Reuters",
    "Reuters Pictures",
    "EPA-EFE",
    "EPA",
    "EFE",
    "PA Wire",
    "PA Images",
    "PA Media",
    "PA",
    "KCNA via REUTERS",
    "KCNA",
    "KNS",
    "KCTV",
    "Rodong Sinmun",
    "Yonhap News Agency",
    "Yonhap News",
    "Yonhap",
    "YONHAP",
    "News1",
    "Newsis",
    "Xinhua News Agency",
    "Xinhua",
    "XINHUA",
    "China News Service",
    "IC Photo",
    "VCG",
    "Imaginechina",
    "Kyodo News",
    "Kyodo",
    "KYODO",
    "Jiji Press",
    "JIJI PRESS",
    "TASS",
    "Sputnik",
    "RIA Novosti",
    "UPI",
    "REX Features",
    "REX",
    "Rex Features",
    "Rex",
    "Shutterstock",
    "Alamy Stock Photo",
    "Alamy",
    "Bloomberg",
    "NurPhoto",
    "WireImage",
    "Anadolu Agency",
    "Anadolu",
    "SOPA Images",
    "LightRocket",
    "Sipa USA",
    "SIPA",
    "Sipa",
    "ZUMA Wire",
    "ZUMA Press",
    "ZUMA",
    "dpa",
    "DPA",
    "ANSA",
    "ANP",
    "Belga",
    "Xinhua/Zuma",
    "Pool",
    "POOL",
    "Handout",
    "HANDOUT",
    "Daily NK",
    "NK News",
    "Wikimedia Commons",
    "Flickr",
    "iStock",
    "Unsplash",
    "Planet Labs",
    "Maxar Technologies",
    "Maxar",
    "Airbus",
    "Corbis",
    "Newscom",
    "Polaris",
    "Redux",
    "Pacific Press",
    "Hindustan Times",
    "Barcroft Media",
)

# Agencies distinctive enough to be a photo credit standing alone at the end of a
# caption, with no slash, "via" or label ("A man walks past a screen in Seoul.
# YONHAP"), in brackets or not; the zones stage takes one for a credit unless a
# word of reporting stands before it ("… the official told Reuters").
BARE_CREDIT_AGENCIES: Final[tuple[str, ...]] = (
    "AFP",
    "EPA",
    "EPA-EFE",
    "KCNA",
    "KNS",
    "REUTERS",
    "YONHAP",
    "Yonhap",
    "XINHUA",
    "Xinhua",
    "AP Photo",
    "PA Wire",
    "PA Images",
    "Getty Images",
    "AFP via Getty Images",
    "Shutterstock",
    "Alamy Stock Photo",
)

# Labels that open a photo credit before a colon, "by" or "of" ("Photo: Kim Lee",
# "Photo by Kim Lee", "Courtesy of the family", "(Source: KCNA)"); the zones stage
# reads the rest of the line as the credit.
CREDIT_LABELS: Final[tuple[str, ...]] = (
    "Photo",
    "Photos",
    "Photograph",
    "Photographs",
    "Picture",
    "Pictures",
    "Image",
    "Images",
    "Credit",
    "Credits",
    "Photo credit",
    "Courtesy",
    "Courtesy of",
    "Photo courtesy",
    "Photo courtesy of",
    "Source",
)

# --- end matter ------------------------------------------------------------------------
# The zones stage reads a short line that is wholly one of the forms of end matter as
# boilerplate; these are the words the forms choose among.

# How a translator credit opens, before "by" ("Translated by Violet Kim",
# "*Edited and translated by …"); "and edited" or "and adapted" may come between.
TRANSLATOR_CREDIT_OPENERS: Final[tuple[str, ...]] = (
    "Translated",
    "Translation",
    "Edited and translated",
)

# What a contact line asks for after "For", "Send" or "Direct" ("Send tips to …",
# "For any corrections, …").
FEEDBACK_WORDS: Final[tuple[str, ...]] = (
    "comments",
    "questions",
    "inquiries",
    "tips",
    "corrections",
)

# Labels of link text before a colon ("Related: …", "READ MORE: …").
LINK_LABELS: Final[tuple[str, ...]] = (
    "Related",
    "See also",
    "Also read",
    "RELATED",
    "READ MORE",
    "MORE",
)

# Words that open a line before a colon without naming who speaks: notes, headings
# and the calls of a live page ("Update: …", "Breaking: …", "The Latest: …"), each
# as the label's first word (after "the" or "just"), in lower case.
HEADING_LABELS: Final[frozenset[str]] = frozenset(
    (
        "note",
        "notes",
        "update",
        "updated",
        "editor",
        "correction",
        "clarification",
        "source",
        "sources",
        "related",
        "read",
        "watch",
        "video",
        "photos",
        "contributing",
        "byline",
        "email",
        "breaking",
        "exclusive",
        "latest",
        "leaked",
        "bombshell",
        "boom",
        "wow",
        "look",
        "paid",
    )
)

# Roles a byline credits before "by" ("Reporting by Kim Lee; Editing by …").
BYLINE_ROLES: Final[tuple[str, ...]] = (
    "Reporting",
    "Writing",
    "Additional reporting",
    "Editing",
)

# Bylines that name a post, not a person ("Staff reporter", "Special correspondent
# in Seoul").
STAFF_BYLINES: Final[tuple[str, ...]] = (
    "Staff reporter",
    "Staff writer",
    "Special correspondent",
)

# What a sign-up line offers ("Sign up for our daily newsletter").
NEWSLETTER_WORDS: Final[tuple[str, ...]] = ("newsletter", "alerts", "updates", "briefing")
