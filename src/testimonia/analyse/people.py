"""People and collectives (issue 5): mentions, alias clusters, authors.

Finds every surface mention of a person or a collective and groups the
mentions into entities, each with a canonical name, all its surface forms and
the spans of every mention.

requires: ``segments``, ``notes``, ``sources``, ``quote_spans`` ·
provides: ``mentions``, ``people`` (people and collectives, told apart by ``kind``)

find → resolve → annotate:

1. find: runs of capitalised words (:func:`names.candidates`) become *forms*.
   A form is a person when rules say so (byline, signature, credit line, CSL
   author/translator, title "Mr.", a known given name "Helen Ward", initials
   "A.V. Orlov", a speech verb beside it, a gloss "Sergo [Ordzhonikidze ed.]",
   a patronymic, "the X-Y fraction", "X’s memoirs", a stance slot "loyal to X")
   or when spaCy's NER, run on at most three sentences per undecided form,
   votes PERSON more often than anything else. Then promotions: the surname of
   an accepted full name, a transliteration variant of an accepted surname, a
   Slavic surname ending ("Kulikov", never after "in"/"at": towns), and a form
   coordinated with a person ("De Lénin à Staline") are people too. Role
   descriptions ("the reviewer of the memoirs of X") and collectives ("the
   Politbureau members", "his group") come from :mod:`roles`.
2. resolve: forms are clustered (:func:`aliases.cluster_forms`): full names by
   surname and compatible given names/initials; a bare surname joins the one
   cluster with that surname (several: each mention joins the one named last
   before it, with a ``people.ambiguous_surname`` diagnostic); name +
   patronymic joins the one person with that given name
   (:func:`aliases.patronymic_owner`) or the addressee of a vocative
   (:func:`_vocative_owner`); glosses join nickname and name; transliteration
   variants join; an authority file (:mod:`authority`), if set, adds QIDs and
   merges clusters naming one record. Possessive groups ("his group") belong
   to the person named last before them (``Entity.role`` "group of pN").
3. annotate: one ``Mention`` per occurrence, one ``Entity`` per cluster. The
   document's author (signature, else byline, else metadata) and an excerpt's
   author (credit line) get role "author"; with none named, an entity called
   "the author" stands in (also called "the narrator" where the text tells in the
   first person outside quotations). Characters a story names by a capitalised noun
   ("said the Caterpillar") are persons too (role "described"; :mod:`descriptions`).

Which forms are people (rules, NER votes) is decided in :mod:`people_forms`.

Speed: NER runs only on sentences that decide an undecided form, with the
parser and tagger switched off; every other step is regex over the text.

Known limits: no pronoun coreference (stances and attribution resolve
pronouns themselves); a name first seen only inside a quoted title is found
only if the same form occurs elsewhere or a rule supports it; the given-name
lexicons (``data/*given_names.txt``) lean to European and Russian names, so
elsewhere the NER vote does more of the work.

Example::

    >>> from testimonia.testing import make_analysis, run_stage
    >>> out = run_stage(find_people, make_analysis("Kulikov addressed Bukharin."))
    >>> sorted(e.name for e in out.layers["people"])
    ['Bukharin', 'Kulikov', 'the author']
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence

from ..model import Diagnostic, Entity, Mention, Segment, Span
from ..settings import Settings
from . import authority as authority_mod
from .aliases import Occurrence, best_name, cluster_forms, patronymic_owner
from .descriptions import add_described, narrator_alias
from .names import (
    FUNCTION_WORDS,
    candidates,
    fold,
    given_names,
    is_patronymic,
    parse_name,
)
from .people_forms import (
    _ABBR_TITLES,
    _LOWER_WORD,
    _NAME,
    NerFn,
    _accept,
    _decide,
    _Form,
    _inside,
    _name_form,
    _occurrences,
    _rule_forms,
    _title_zones,
)
from .pipeline import LayerView, StageOutput, stage
from .roles import (
    Collective,
    RoleDescription,
    author_names,
    collectives,
    role_descriptions,
    same_role,
)

# ----------------------------------------------------------------------------- NER
_ner_cache: dict[tuple[str, str], list[tuple[int, int, str]]] = {}


def spacy_ner(texts: Sequence[str], model: str, batch_size: int = 64
              ) -> list[list[tuple[int, int, str]]]:
    """Return ``(start, end, label)`` entities per text, NER alone (parser off); cached."""
    todo = [t for t in dict.fromkeys(texts) if (model, t) not in _ner_cache]
    if todo:
        from . import nlp

        pipeline = nlp.load(model)
        off = [p for p in pipeline.pipe_names if p != "ner"]
        if len(_ner_cache) > 50_000:
            _ner_cache.clear()
        for t, doc in zip(todo, pipeline.pipe(todo, batch_size=batch_size, disable=off),
                          strict=True):
            _ner_cache[(model, t)] = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    return [_ner_cache[(model, t)] for t in texts]


#: The NER used by the stage; tests swap it for a stub so they never load spaCy.
ner: NerFn = spacy_ner


# ----------------------------------------------------------------------------- stage
@stage("people", requires=("segments", "notes", "sources", "quote_spans"),
       provides=("mentions", "people"), version=1)
def find_people(view: LayerView, settings: Settings) -> StageOutput:
    """Find person and collective mentions and cluster them into entities."""
    text = view.text
    segments: tuple[Segment, ...] = view["segments"]
    zones = _title_zones(text, view["quote_spans"])
    vocab = frozenset(_LOWER_WORD.findall(text))  # the pattern has no group: whole matches
    cands = candidates(text, lower_vocab=vocab)
    forms: dict[str, _Form] = {}
    for c in cands:
        info = forms.setdefault(c.text, _Form())
        (info.zone_spans if _inside(zones, c.span) else info.spans).append(c.span)
        first = c.tokens[0].rstrip(".").lower()
        if first in _ABBR_TITLES and len(c.tokens) > 1:
            info.rules.add("title")
        if len(c.tokens) >= 2 and is_patronymic(c.tokens[-1]) and not c.tokens[0].endswith("."):
            info.rules.add("patronymic")
        # "In March Leonid Repin": a given name inside a longer run opens a name.
        for i, tok in enumerate(c.tokens[:-1]):
            rest = c.tokens[i:]
            if len(rest) in (2, 3) and fold(tok.rstrip(".")) in given_names() \
                    and not _inside(zones, c.span) and len(rest[-1]) > 1:
                sub = text[c.token_spans[i].start:c.span.end]
                sub_info = forms.setdefault(sub, _Form())
                sub_info.rules.add("given-name")
                if i:
                    sub_info.spans.append(Span(c.token_spans[i].start, c.span.end))
                break
        if len(c.tokens) >= 2 and all(len(t) == 2 and t.endswith(".") for t in c.tokens[:-1]) \
                and len(c.tokens[-1]) > 2 and c.tokens[-1][1:].islower():
            info.rules.add("initials")
    links: list[tuple[str, str]] = []
    _rule_forms(text, forms, links)
    # Authors, translators and cited names: byline, signature, credit, CSL.
    author_spans: list[tuple[Span, str, str]] = []  # span, role, segment kind
    for seg in segments:
        if seg.kind in ("byline", "signature", "credit"):
            for sp, role in author_names(text, seg.span, seg.kind):
                f = _name_form(sp.of(text))
                forms.setdefault(f, _Form()).rules.add("author")
                author_spans.append((sp, role, seg.kind))
    for rec in list(view["notes"]) + list(view["sources"]):
        in_note = rec in view["notes"]
        for ref in [getattr(rec, "reference", None), *getattr(rec, "references", ())]:
            for role_field in ("author", "translator", "editor"):
                for person in (ref or {}).get(role_field, ()) or ():
                    # A note's author is cited, not the author of this document or excerpt.
                    role = "cited" if in_note and role_field == "author" else role_field
                    _cited_form(text, rec.span, person, forms, role, author_spans, vocab)
            for place_field in ("publisher", "publisher-place", "container-title"):
                value = (ref or {}).get(place_field)
                if isinstance(value, str):  # "Brno", "Nova Kniha": never a person
                    for c in candidates(value):
                        forms.setdefault(c.text, _Form()).rules.add("veto")
    for coll in collectives(text):
        for sp in coll.members:
            forms.setdefault(sp.of(text), _Form()).rules.add("group-member")
    _decide(text, cands, zones, forms, settings, ner)
    accepted = _accept(text, cands, forms)
    # The surname of a full name is a form wherever it stands ("Thus Spake Kaganovich").
    accepted |= {n.surname for n in map(parse_name, list(accepted))
                 if n.is_full and n.surname.lower() not in FUNCTION_WORDS}
    occs = _occurrences(text, cands, accepted)
    descs = role_descriptions(text)
    # A person inside a role description stays a mention of its own (the reviewed author).
    person_forms = sorted({o.form for o in occs})
    report: list[tuple[str, str, Span]] = []
    keys = cluster_forms(person_forms, occs, links,
                         lambda f, cl: patronymic_owner(f, cl) or _vocative_owner(text, f, occs, cl),
                         report)
    entities, mentions = _annotate(text, occs, keys, descs, author_spans, segments, view, settings)
    entities, mentions = add_described(text, view["quote_spans"], entities, mentions)
    entities = narrator_alias(text, view["quote_spans"], entities)
    names = {s: e.name for e in entities for s in e.mentions}
    diags = []
    for kind, form, span in report:
        if kind == "ambiguous":
            diags.append(Diagnostic("people.ambiguous_surname",
                                    f"‘{form}’ is shared by several people; taken as "
                                    f"{names.get(span, '?')}, the one named last before it", span))
        else:
            diags.append(Diagnostic("people.unlinked_patronymic",
                                    f"‘{form}’ (given name and patronymic) matches nobody named "
                                    "in full; kept as a person of its own", span))
    return StageOutput({"mentions": mentions, "people": entities}, tuple(diags))


def _cited_form(text: str, span: Span, person, forms: dict[str, _Form], role: str,  # noqa: ANN001
                author_spans: list[tuple[Span, str, str]], vocab: frozenset[str]) -> None:
    """Find a CSL name ({given, family} or literal) inside its note or credit line.

    A "given name" the document also writes in lower case ("Harbour" of "Harbour
    Disturbances", from a report's title) marks an institution or a misparse: skipped.
    """
    if not hasattr(person, "get"):
        return
    given, family = person.get("given", ""), person.get("family", "")
    # A given name the document writes in lower case ("harbour") is no given name.
    if any(w in vocab and w not in given_names() for w in given.lower().split()):
        return
    options = [f"{given} {family}".strip(), family, person.get("literal", "")]
    seg = span.of(text)
    for opt in options:
        if opt and (i := seg.find(opt)) >= 0:
            forms.setdefault(opt, _Form()).rules.add("cited")
            sp = Span(span.start + i, span.start + i + len(opt))
            author_spans.append((sp, role, "cited"))
            return


def _vocative_owner(text: str, form: str, occs: Sequence[Occurrence],
                    clusters: dict[str, list[str]]) -> str | None:
    """The addressee of a quotation that calls someone by name + patronymic.

    "Kulikov addressed Bukharin: ‘You remember Nikolai Ivanovich, how …’" — the
    name said to someone in the second person ("you", a comma after it) is the
    name of whom the speech is addressed to.
    """
    for o in occs:
        if o.form != form:
            continue
        window = text[max(0, o.span.start - 200):o.span.start]
        after = text[o.span.end:o.span.end + 40]
        if not re.search(r"\byou\b", window[-60:] + after, re.IGNORECASE):
            continue
        addressed = list(re.finditer(
            r"\b(?:addressed|asked|told|said to|turned to|wrote to)\s+(" + _NAME + r")", window))
        if addressed:
            m = addressed[-1]  # the nearest before the name
            target = _name_form(m.group(1))
            for key, members in clusters.items():
                if target in members:
                    return key
    return None


def _annotate(text: str, occs: list[Occurrence], keys: dict[Span, str], descs: list[RoleDescription],
              author_spans: list[tuple[Span, str, str]], segments: Sequence[Segment],
              view: LayerView, settings: Settings) -> tuple[list[Entity], list[Mention]]:
    """Build Mention and Entity records: people, role descriptions, collectives, authors."""
    groups: dict[str, list[tuple[Span, str]]] = defaultdict(list)
    for o in occs:
        groups["p:" + keys[o.span]].append((o.span, o.form))
    desc_keys: list[tuple[RoleDescription, str]] = []
    for d in descs:
        key = next((k for dd, k in desc_keys if same_role(dd, d)), "r:" + d.text)
        desc_keys.append((d, key))
        groups[key].append((d.span, _name_form(d.text)))
    role_of: dict[str, str] = {k: d.role for d, k in desc_keys}
    for sp, role, _kind in author_spans:
        key = next((k for k, items in groups.items() if k.startswith("p:")
                    and any(s.overlaps(sp) for s, _ in items)), None)
        if key and (role == "author" or key not in role_of):
            role_of[key] = role
    # Optional authority file: merge clusters naming one authority record, add QIDs.
    qids: dict[str, str | None] = {}
    names: dict[str, str] = {}
    if settings.authority_file:
        records = authority_mod.load(settings.authority_file)
        merged: dict[str, str] = {}
        for k in list(groups):
            rec = authority_mod.match(records, [f for _, f in groups[k]])
            if rec is None:
                continue
            if rec.id in merged and merged[rec.id] in groups:
                groups[merged[rec.id]].extend(groups.pop(k))
                continue
            merged[rec.id] = k
            qids[k], names[k] = rec.qid, rec.name
    entities: list[Entity] = []
    mentions: list[Mention] = []
    ordered = sorted(groups.items(), key=lambda kv: min(s.start for s, _ in kv[1]))
    for i, (k, items) in enumerate(ordered, 1):
        eid = f"p{i}"
        items.sort()
        aliases = tuple(dict.fromkeys(f for _, f in items))
        name = names.get(k) or (best_name([f for _, f in items]) if k.startswith("p:") else
                                max(aliases, key=len))
        entities.append(Entity(eid, name, "person", aliases, tuple(s for s, _ in items),
                               qids.get(k), role_of.get(k, "")))
        mentions.extend(Mention("", s, s.of(text), "person", eid) for s, _ in items)
    if not any(e.role == "author" and _in_kinds(e, segments, ("byline", "signature"))
               for e in entities) and not view.document.meta.get("authors"):
        entities.append(Entity(f"p{len(entities) + 1}", "the author", "person", (), (), None, "author"))
    for author in view.document.meta.get("authors") or ():
        if not any(author in e.aliases or author == e.name for e in entities):
            entities.append(Entity(f"p{len(entities) + 1}", str(author), "person", (), (), None,
                                   "author"))
    entities.extend(_collective_entities(text, collectives(text), mentions, entities, len(entities)))
    for e in entities:
        if e.kind == "collective":
            for s in e.mentions:
                mentions.append(Mention("", s, s.of(text), "collective", e.id))
    mentions.sort(key=lambda m: (m.span.start, -m.span.end))
    mentions = [Mention(f"m{i}", m.span, m.text, m.kind, m.entity) for i, m in enumerate(mentions, 1)]
    return entities, mentions


def _in_kinds(e: Entity, segments: Sequence[Segment], kinds: tuple[str, ...]) -> bool:
    return any(seg.kind in kinds and seg.span.contains(s) for seg in segments for s in e.mentions)


def _collective_entities(text: str, colls: list[Collective], mentions: list[Mention],
                         entities: list[Entity], base: int) -> list[Entity]:
    """One entity per group: possessive groups keyed by their owner (the nearest person before)."""
    person_mentions = sorted((m.span.start, m.entity) for m in mentions if m.kind == "person")
    starts = [s for s, _ in person_mentions]
    roles = {e.id for e in entities if e.role and e.role not in ("author", "translator", "editor")
             and not e.aliases[0][:1].isupper()} if entities else set()
    groups: dict[str, list[Collective]] = defaultdict(list)
    owners: dict[str, str] = {}
    for c in colls:
        key = c.key
        if c.owner_at is not None:
            i = bisect.bisect_left(starts, c.owner_at) - 1
            while i >= 0 and person_mentions[i][1] in roles:
                i -= 1
            if i < 0:
                continue
            owner = person_mentions[i][1]
            key = f"{c.key}:{owner}"
            owners[key] = owner
        groups[key].append(c)
    out = []
    for j, (key, cs) in enumerate(sorted(groups.items(), key=lambda kv: kv[1][0].span.start), 1):
        aliases = tuple(dict.fromkeys(c.text for c in cs))
        name = re.sub(r"^(The|His|Her|Their) ", lambda m: m.group(1).lower() + " ",
                      max(aliases, key=len))  # a name, not a sentence start
        out.append(Entity(f"g{j}", name, "collective", aliases, tuple(c.span for c in cs),
                          None, "group of " + owners[key] if key in owners else ""))
    return out
