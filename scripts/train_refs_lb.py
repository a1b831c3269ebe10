#!/usr/bin/env python3
"""Train the humanities (LinkedBooks, mostly Italian) reference CRF on the *train* split only.

    .venv/bin/python scripts/train_refs_lb.py [--data ../shared/data/linkedbooks-venice]
        [--out src/testimonia/data/refs_crf_lb.model] [--max-refs 15000] [--holdout 500]

Reads ``clean_train.txt.gz`` (never the valid/test splits), cuts it into references
(b-r/i-r/e-r runs of the task-3 column), rebuilds each reference's text with light
detokenisation (punctuation glued to its neighbour, as the text would be printed),
labels each whitespace token with the task-1 label of its first word token, maps
the labels onto the AnyStyle names the CSL mapping knows, and trains a CRF with the
features of :mod:`testimonia.analyse.refs_crf`.

Data licences: annotations CC BY 4.0 (Colavizza & Romanello, JOHD 2017); splits MIT
(Rodrigues Alves, Colavizza & Kaplan, 2018). See ``src/testimonia/data/refs_crf_lb.LICENSE``.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from crf_common import train_and_check  # noqa: E402

LABELS = {
    "author": "author", "title": "title", "year": "date", "date": "date",
    "publicationplace": "location", "publisher": "publisher", "pagination": "pages",
    "foliation": "pages", "cartulation": "pages", "column": "pages", "volume": "volume",
    "tomo": "volume", "publicationnumber-year": "volume", "archive_lib": "archive",
    "archivalreference": "archive_location", "box": "archive_location", "folder": "archive_location",
    "filza": "archive_location", "registry": "archive_location", "series": "collection-title",
    "abbreviation": "backref", "numbered_ref": "citation-number", "conjunction": "conjunction",
}
GLUE_LEFT = set(".,;:)]»”’%!?")
GLUE_RIGHT = set("([«“‘")


def references(path: Path) -> list[list[tuple[str, str]]]:
    """(token, task-1 label) lists, one per reference of the task-3 column."""
    refs: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] | None = None
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) != 4:
                continue
            tok, t1, _t2, t3 = parts
            if tok == "-DOCSTART-":
                if cur:
                    refs.append(cur)
                cur = None
                continue
            if t3 == "b-r" or (t3 in ("i-r", "e-r") and cur is None):
                if cur:
                    refs.append(cur)
                cur = []
            if t3 == "o":
                if cur:
                    refs.append(cur)
                cur = None
                continue
            assert cur is not None
            cur.append((tok, t1))
            if t3 == "e-r":
                refs.append(cur)
                cur = None
    if cur:
        refs.append(cur)
    return refs


def detokenise(ref: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """Glue punctuation as printed; one label per whitespace token (its first word's)."""
    words: list[list[tuple[str, str]]] = []
    glue_next = False
    for tok, lab in ref:
        if words and (glue_next or tok in GLUE_LEFT or (tok == "-" and False)):
            words[-1].append((tok, lab))
        else:
            words.append([(tok, lab)])
        glue_next = tok in GLUE_RIGHT
    toks, labs = [], []
    for w in words:
        toks.append("".join(t for t, _ in w))
        lab = next((lb for t, lb in w if any(c.isalnum() for c in t)), w[0][1])
        labs.append(LABELS.get(lab, "note"))
    return toks, labs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared/data/linkedbooks-venice"))
    ap.add_argument("--out", default=str(ROOT / "src/testimonia/data/refs_crf_lb.model"))
    ap.add_argument("--max-refs", type=int, default=15000)
    ap.add_argument("--holdout", type=int, default=500)
    ap.add_argument("--c1", type=float, default=0.15)
    ap.add_argument("--c2", type=float, default=0.02)
    ap.add_argument("--iterations", type=int, default=120)
    args = ap.parse_args()

    refs = [r for r in references(Path(args.data) / "clean_train.txt.gz") if len(r) >= 3]
    random.Random(7).shuffle(refs)
    held = refs[:args.holdout]
    train = refs[args.holdout:args.holdout + args.max_refs]
    train_and_check([detokenise(r) for r in train], [detokenise(r) for r in held], args.out,
                    c1=args.c1, c2=args.c2, iterations=args.iterations, minfreq=3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
