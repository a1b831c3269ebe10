"""An optional authority file of people (issue 5): ids, name variants, Wikidata QIDs.

Set ``authority_file`` to a CSV or JSON file; no network is used. CSV columns:
``id``, ``name``, ``variants`` (separated by ``|`` or ``;``), ``qid``. JSON: a
list of objects with the same keys (``variants`` a list). A cluster links to a
record when one of its surface forms equals the record's name or a variant
(case and accents folded); clusters linking to one record are merged.

Example::

    >>> recs = parse_records([{"id": "a1", "name": "Lazar Kaganovich",
    ...                        "variants": ["Kaganovich"], "qid": "Q191739"}])
    >>> match(recs, ["L.M. Kaganovich", "Kaganovich"]).qid
    'Q191739'
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .names import fold


@dataclass(frozen=True, slots=True)
class AuthorityRecord:
    """One person in the authority file."""

    id: str
    name: str
    variants: tuple[str, ...]
    qid: str | None = None

    @property
    def keys(self) -> frozenset[str]:
        """Folded name and variants."""
        return frozenset(fold(v).strip() for v in (self.name, *self.variants) if v)


def parse_records(rows: Iterable[dict[str, Any]]) -> tuple[AuthorityRecord, ...]:
    """Build records from dict rows (CSV or JSON)."""
    out = []
    for r in rows:
        variants = r.get("variants") or r.get("aliases") or ()
        if isinstance(variants, str):
            variants = [v.strip() for v in variants.replace(";", "|").split("|")]
        out.append(AuthorityRecord(str(r.get("id") or r.get("name")), str(r.get("name", "")),
                                   tuple(v for v in variants if v), r.get("qid") or None))
    return tuple(out)


@lru_cache(maxsize=4)
def load(path: str) -> tuple[AuthorityRecord, ...]:
    """Read an authority file (CSV or JSON).

    Raises:
        ConfigError: T202 when the file is missing or unreadable.
    """
    try:
        raw = Path(path).read_text(encoding="utf-8")
        if path.lower().endswith(".json"):
            data = json.loads(raw)
            rows = data.get("people", data) if isinstance(data, dict) else data
        else:
            rows = list(csv.DictReader(io.StringIO(raw)))
    except (OSError, ValueError) as exc:
        raise ConfigError("T202", detail=f"authority_file={path!r}: {exc}") from exc
    return parse_records(rows)


def match(records: Sequence[AuthorityRecord], forms: Iterable[str]) -> AuthorityRecord | None:
    """Return the record whose name or a variant equals one of ``forms``, if exactly one does."""
    folded = {fold(f).strip() for f in forms}
    hits = [r for r in records if r.keys & folded]
    return hits[0] if len(hits) == 1 else None
