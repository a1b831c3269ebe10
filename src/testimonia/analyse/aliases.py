"""Alias clustering (issue 5): which surface forms of people name one person.

Model-free; :func:`cluster_forms` is what the people stage calls.

- full names cluster by surname (transliteration variants included) when their
  given names or initials agree and their titles do not clash (Mr/Mrs, Mrs/Miss);
- a bare surname joins the one cluster with that surname; with several
  ("Roy Medvedev", "Zhores Medvedev") each occurrence joins the one named last;
  title + surname forms cluster first, so "Mr. Bingley" is one of those several;
  a bare surname several clusters share goes to the men among them ("Hall" is
  Mr. Hall, not Mrs. Hall);
- a pet name ("Lizzy", "Harry") joins the full name it shortens (``names.hypocorism_of``);
- a given name alone, or with a patronymic, joins the one cluster with that
  given name (:func:`patronymic_owner`), or the person a vocative addresses;
- gloss links ("Sergo [Ordzhonikidze ed.]") join whatever they join.

Example::

    >>> occs = [Occurrence(Span(0, 16), "Lazar Kaganovich"), Occurrence(Span(20, 30), "Kaganovich")]
    >>> keys = cluster_forms(["Lazar Kaganovich", "Kaganovich"], occs)
    >>> keys[Span(0, 16)] == keys[Span(20, 30)]
    True
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..model import Span
from .names import (
    Name,
    SurnameIndex,
    fold,
    given_compatible,
    given_gender,
    hypocorism_of,
    parse_name,
    same_surname,
)

_FEMALE = frozenset({"mrs", "ms", "miss", "mlle", "madame", "mme", "lady", "frau", "queen",
                     "princess", "countess"})
_MALE = frozenset({"mr", "sir", "lord", "monsieur", "herr", "king", "prince", "count", "father"})


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence of a person form in the text."""

    span: Span
    form: str
    kind: str = "person"  # "person" or "role" (a description)


class _UF:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def _gender(n: Name) -> str:
    t = n.title.lower().rstrip(".")
    # Mrs and Miss Moore are mother and daughter: two "genders" for clustering's sake.
    return ("f-miss" if t in ("miss", "mlle") else "f") if t in _FEMALE | {"mlle"} else \
        "m" if t in _MALE else ""


def _sex(n: Name) -> str:
    """m/f from the title, else from the given name ("Emma" f, "Edmund" m)."""
    g = _gender(n)[:1]
    return g or (given_gender(n.given[0]) if n.given else "")


def _conflict(a: Name, b: Name) -> bool:
    """Two forms that cannot be one person: m/f, or Mrs and Miss of one surname."""
    sa, sb = _sex(a), _sex(b)
    if sa and sb and sa != sb:
        return True
    ga, gb = _gender(a), _gender(b)
    return bool(ga and gb and ga != gb)


def cluster_forms(forms: Sequence[str], occs: Sequence[Occurrence] = (),
                  links: Iterable[tuple[str, str]] = (),
                  owner_of: Callable[[str, dict[str, list[str]]], str | None] | None = None,
                  report: list[tuple[str, str, Span]] | None = None,
                  ) -> dict[Span, str]:
    """Cluster person forms; return each occurrence's cluster key (a representative form).

    Args:
        forms: the distinct person forms (role descriptions excluded).
        occs: their occurrences, in text order.
        links: pairs of forms a gloss joins ("Sergo", "Ordzhonikidze").
        owner_of: picks the cluster for a given name (+ patronymic) form, given the
            clusters by key; default :func:`patronymic_owner`.
        report: if given, gets ``("ambiguous", form, span)`` for each bare surname
            several people share, and ``("unlinked", form, span)`` for a given name
            (+ patronymic) that joined nobody.
    """
    uf = _UF()
    parsed = {f: parse_name(f) for f in forms}
    full = sorted((f for f in forms if parsed[f].is_full),
                  key=lambda f: (-len(parsed[f].given), -len(f.split()), f))
    clusters: list[list[str]] = []
    index = SurnameIndex()  # surname → the clusters holding it
    for f in full:
        n = parsed[f]
        nearby = list({id(c): c for c in index.lookup(n.surname)}.values())
        home = next((c for c in nearby
                     if all(same_surname(n.surname, parsed[g].surname) and given_compatible(n, parsed[g])
                            and not _conflict(n, parsed[g])
                            for g in c)), None)
        if home is None:
            home = [f]
            clusters.append(home)
        else:
            home.append(f)
            uf.union(home[0], f)
        index.add(n.surname, home)
    for c in clusters:
        uf.find(c[0])
    ambiguous: dict[str, list[str]] = {}
    by_given: dict[str, list[list[str]]] = defaultdict(list)  # "Jules" → Jules Humbert-Droz's
    for c in clusters:
        for g in c:
            if parsed[g].given:
                by_given[fold(parsed[g].given[0])].append(c)
    # Title + surname, then bare surnames, then lone given names: "Mr. Bingley" makes
    # his own cluster before "Bingley" picks one, so a bare surname two people share
    # is ambiguous rather than the first one's.
    for f in sorted(forms, key=lambda f: (not parsed[f].title, len(f), f)):
        n = parsed[f]
        if n.is_full or n.patronymic or (n.given and not n.surname):
            continue
        nearby = list({id(c): c for c in index.lookup(n.surname)}.values())
        homes = [c for c in nearby if any(same_surname(n.surname, parsed[g].surname) for g in c)
                 and not any(_conflict(n, parsed[g]) for g in c)]
        if not homes:
            homes = list({id(c): c for c in by_given.get(fold(n.surname), ())}.values())
        if not homes and not n.title:
            # a pet name ("Lizzy", "Harry") joins the one full name it shortens
            homes = list({id(c): c for full in hypocorism_of(n.surname)
                          for c in by_given.get(full, ())}.values())
        if len(homes) > 1 and not n.title and not n.given:
            # a bare surname shared by Mr. and Mrs. Hall is the man's (novels call a
            # woman by her surname only with a title)
            men = [c for c in homes if any(_sex(parsed[g]) == "m" for g in c)]
            homes = men or homes
        if len(homes) == 1:
            homes[0].append(f)
            uf.union(homes[0][0], f)
        elif len(homes) > 1:
            ambiguous[f] = [c[0] for c in homes]
        else:
            clusters.append([f])
            index.add(n.surname, clusters[-1])
            uf.find(f)
    by_key = {c[0]: c for c in clusters}
    for f in forms:
        n = parsed[f]
        if n.patronymic and not n.surname or (n.given and not n.surname):
            owner = (owner_of or patronymic_owner)(f, by_key)
            if owner:
                by_key[owner].append(f)
                uf.union(owner, f)
            else:
                uf.find(f)
                if report is not None and n.patronymic:
                    first = next((o.span for o in occs if o.form == f), None)
                    if first is not None:
                        report.append(("unlinked", f, first))
    for a, b in links:
        if a in parsed and b in parsed:
            uf.union(a, b)
    out: dict[Span, str] = {}
    last_seen: dict[str, int] = {}
    pending: list[Occurrence] = []
    for o in occs:
        if o.form in ambiguous:
            if report is not None:
                report.append(("ambiguous", o.form, o.span))
            keys = [uf.find(k) for k in ambiguous[o.form]]
            seen = [(last_seen[k], k) for k in keys if k in last_seen]
            if seen:
                out[o.span] = max(seen)[1]
            else:
                pending.append(o)
            continue
        key = uf.find(o.form)
        out[o.span] = key
        last_seen[key] = o.span.start
    first: dict[str, int] = {}
    for sp, key in out.items():
        first[key] = min(first.get(key, sp.start), sp.start)
    for o in pending:  # no earlier mention: the first cluster mentioned later
        keys = [uf.find(k) for k in ambiguous[o.form]]
        out[o.span] = min((first.get(key, 10**12), key) for key in keys)[1]
    return out


def patronymic_owner(form: str, clusters: dict[str, list[str]]) -> str | None:
    """The cluster a given name (+ patronymic) belongs to, when exactly one fits.

    Why this rule: a Russian text names a man "Nikolai Ivanovich" (given name +
    patronymic) when it elsewhere calls him "Nikolai Bukharin"; we link the two
    only when exactly one full name in the document shares the given name, so
    two Nikolais stay apart (the vocative rule in ``find_people`` handles texts
    without the full name).
    """
    given = fold(parse_name(form).given[0]) if parse_name(form).given else ""
    if not given:
        return None
    owners = [k for k, members in clusters.items()
              if any(parse_name(g).is_full and parse_name(g).given and
                     fold(parse_name(g).given[0]) == given for g in members)]
    return owners[0] if len(owners) == 1 else None


def best_name(forms: Sequence[str]) -> str:
    """The fullest form; among equals the most frequent (``forms`` has one item a mention)."""
    counts = Counter(forms)

    def rank(f: str) -> tuple:
        n = parse_name(f)
        return (n.is_full, len(n.given), len(n.initials), bool(n.surname), counts[f], len(f))
    return max(counts, key=rank)
