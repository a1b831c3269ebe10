"""Speech cues and sentences: the lexicon and the cheap splitter shared by speech and attribution.

Both :mod:`speech` and :mod:`attribution` parse the *same* sentence strings
(:func:`parse` caches by text), so the second stage pays nothing for the parse.
The parse is :func:`nlp.parse_fast` (tags, POS and tree of the full pipeline;
lemmas on request through :func:`lemma`), and the prefilter a word-set look-up
(:func:`holds_form`) checked against the plain regex (:func:`cue_form_re`).

Known limits: the splitter knows a fixed list of abbreviations and never
splits after one, so "… in the U.S. The next day …" stays one sentence; the cue
forms are regular inflections plus a short list of irregular ones.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from . import nlp
from .quote_marks import paragraphs

#: Lemmas of verbs that introduce what someone said, wrote, thought or concluded.
CUE_LEMMAS: frozenset[str] = frozenset("""
say tell ask answer reply respond add state declare claim assert allege argue insist maintain
suggest indicate note report announce admit acknowledge deny confirm explain write recall
mention inform warn promise predict believe think feel hope fear agree concur conclude contend
complain testify reveal disclose emphasize emphasise stress observe remark wonder inquire enquire
hide express shout cry whisper urge propose accuse estimate expect reckon recount relate
narrate describe boast concede assure reassure remind advise instruct order demand request
question retort exclaim murmur mutter scream yell call cite quote repeat reiterate vow pledge
swear threaten signal hint imply charge criticize criticise praise blame acknowledge caution
notify brief apprise convince persuade certify attest affirm aver avow specify clarify
predict forecast project calculate guess imagine suppose presume assume show prove demonstrate
determine decide recommend
""".split())

#: Cues that speak for the speaker in person (used to tell speech from mere knowledge).
SPEECH_LEMMAS: frozenset[str] = frozenset("""
say tell ask answer reply respond add state declare claim assert allege argue insist maintain
suggest indicate note report announce admit acknowledge deny confirm explain write recall
mention inform warn promise predict agree concur conclude contend complain testify reveal
disclose emphasize emphasise stress observe remark wonder inquire enquire hide express shout
cry whisper urge propose accuse recount relate boast concede assure remind advise instruct
order demand request question retort exclaim murmur mutter scream yell repeat reiterate vow
pledge swear threaten hint imply charge notify brief apprise affirm aver avow clarify
believe think feel hope fear expect estimate
""".split())

_FORMS = r"""
say|says|said|saying|tell|tells|told|telling|ask\w*|answer\w*|repl\w+|respond\w*|add|adds|added|
adding|stat(?:e|es|ed|ing)|declar\w+|claim\w*|assert\w*|alleg\w+|argu\w+|insist\w*|maintain\w*|
suggest\w*|indicat\w+|not(?:e|es|ed|ing)|report\w*|announc\w+|admit\w*|acknowledg\w+|den(?:y|ies|ied|ying)|
confirm\w*|explain\w*|writ(?:e|es|ing|ten)|wrote|recall\w*|mention\w*|inform\w*|warn\w*|promis\w+|
predict\w*|believ\w+|think\w*|thought|feel\w*|felt|hop(?:e|es|ed|ing)|fear\w*|agre\w+|concur\w*|
conclu\w+|contend\w*|complain\w*|testif\w+|reveal\w*|disclos\w+|emphasi\w+|stress\w*|observ\w+|
remark\w*|wonder\w*|[ei]nquir\w+|hid(?:e|es|den|ing)?|express\w*|shout\w*|cr(?:y|ies|ied)|whisper\w*|
urg(?:e|es|ed|ing)|propos\w+|accus\w+|estimat\w+|expect\w*|reckon\w*|recount\w*|relat(?:e|es|ed)|
boast\w*|conced\w+|assur\w+|remind\w*|advis\w+|instruct\w*|order\w*|demand\w*|request\w*|
question\w*|retort\w*|exclaim\w*|murmur\w*|mutter\w*|scream\w*|yell\w*|repeat\w*|reiterat\w+|
vow\w*|pledg\w+|swor[en]|swear\w*|threat\w*|hint\w*|impl(?:y|ies|ied)|charg\w+|notif\w+|
brief\w*|appris\w+|affirm\w*|aver\w*|avow\w*|clarif\w+|according|brought|bring\w*|
show\w*|prov(?:e|es|ed|en)|decid\w+|recommend\w*|assum\w+|suppos\w+|imagin\w+|guess\w*|calculat\w+|
forecast\w*|project\w*|call\w*|cit(?:e|es|ed|ing)|quot(?:e|es|ed|ing)|criticiz\w+|criticis\w+|
prais\w+|blam\w+|caution\w*|convinc\w+|persuad\w+|certif\w+|attest\w*|specif\w+|signal\w*
"""
_IRREGULAR = ("said told wrote written thought felt brought spoke spoken swore sworn hid hidden "
              "found shown").split()


def inflections(lemma: str) -> set[str]:
    """Regular forms of a verb lemma: -s, -es, -ed, -d, -ing, y→ied/ies, final consonant doubled."""
    w = lemma
    out = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        out.add(w[:-1] + "ing")
    if w.endswith("y"):
        out |= {w[:-1] + "ied", w[:-1] + "ies"}
    if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return out


def cue_forms(lemmas: frozenset[str] | set[str]) -> frozenset[str]:
    """The inflected forms of ``lemmas`` (and a few irregulars), lower case."""
    return frozenset({f for w in lemmas for f in inflections(w)} | set(_IRREGULAR) | {"according"})


def cue_form_re(lemmas: frozenset[str] | set[str]) -> re.Pattern[str]:
    """A regex matching the forms of :func:`cue_forms` as whole words, any case.

    The plain reference for :func:`holds_form`, which answers the same question
    ≈20× faster (a regex alternation of a thousand words is tried position by position).
    """
    forms = sorted(cue_forms(lemmas), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b", re.IGNORECASE)


_WORD = re.compile(r"\w+")


def holds_form(sentence: str, forms: frozenset[str]) -> bool:
    """Does ``sentence`` hold one of ``forms`` (lower case) as a whole word, in any case?"""
    return not forms.isdisjoint(_WORD.findall(sentence.lower()))


CUE_FORM_RE = re.compile(r"\b(?:" + re.sub(r"\s+", "", _FORMS) + r")\b", re.IGNORECASE)

_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Col|Capt|Lt|Sgt|Rev|Hon|Sen|Rep|Gov|"
                     r"Jr|Sr|vs|etc|i\.e|e\.g|cf|viz|No|Vol|vol|pp|p|ed|eds|Inc|Co|Ltd|Mt|"
                     r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N)|\b[A-Z])\.$")
_SENT_END = re.compile(r"[.?!…]+[’”\"'»)\]]*(?:\d{1,3}(?=\s))?\s+(?=[A-Z0-9“‘\"'«(\[–—-])")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each sentence, paragraph by paragraph (no model)."""
    for ps, pe in paragraphs(text):
        start = ps
        for m in _SENT_END.finditer(text, ps, pe):
            head = text[max(ps, m.start() - 12):m.start() + 1]
            if _ABBREV.search(head):
                continue
            end = m.end()
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                yield start, end
            start = m.end()
        if pe > start:
            yield start, pe


def has_cue(sentence: str) -> bool:
    """Cheap prefilter: does the sentence hold a cue word form at all?"""
    return CUE_FORM_RE.search(sentence) is not None


_cache: OrderedDict[str, Any] = OrderedDict()  # least recently used first
_CACHE_MAX = 20000


def parse(texts: list[str]) -> list[Any]:
    """Parse sentences for cues: tags and the tree, without NER and the lemmatizer.

    :func:`nlp.parse_fast` gives the full pipeline's tags, POS and tree at about
    half its cost; read a lemma with :func:`lemma`. Cached by text, so
    :mod:`attribution` re-reads the parses :mod:`speech` made.
    """
    todo = [t for t in dict.fromkeys(texts) if t not in _cache]
    for t in texts:
        if t in _cache:
            _cache.move_to_end(t)
    fresh = dict(zip(todo, nlp.parse_fast(todo), strict=True)) if todo else {}
    out = [fresh[t] if t in fresh else _cache[t] for t in texts]
    _cache.update(fresh)
    # drop the least recently used parses, never the whole cache: on a long text the
    # stage after speech still finds the sentences it reads soon after speech parsed them
    while len(_cache) > _CACHE_MAX:
        _cache.popitem(last=False)
    return out


def lemma(tok: Any, among: frozenset[str] | None = None) -> str:
    """The lower-cased lemma of a token of a :func:`parse` doc (the model's lemmatizer, lazily).

    With ``among``, a lemma outside ``among`` may come back as the token's lower
    form instead: enough to test membership, and the lemmatizer then runs only
    for the forms that can reach ``among`` (:func:`nlp.lemma_among`).
    """
    if among is not None:
        return nlp.lemma_among(tok, among)
    return nlp.lemma(tok).lower()
