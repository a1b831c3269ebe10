#!/usr/bin/env python3
"""Train the reference-string CRF on AnyStyle's core.xml (never gold.xml: it is the test set).

    .venv/bin/python scripts/train_refs_crf.py [--core ../shared/data/anystyle-gold/core.xml]
        [--out src/testimonia/data/refs_crf.model] [--holdout N]

core.xml is BSD-2-Clause (AnyStyle, Sylvester Keil); its licence travels with the model
as ``src/testimonia/data/refs_crf.LICENSE``. ``--holdout N`` keeps the last N sequences out
and prints the token accuracy on them (for development only).
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from crf_common import train_and_check  # noqa: E402

# Rare labels folded into ones the CSL mapping knows.
FOLD = {"director": "author", "producer": "author", "source": "note", "medium": "note"}


def load(path: Path) -> list[tuple[list[str], list[str]]]:
    """Read AnyStyle XML into (tokens, labels) sequences."""
    seqs = []
    for s in ET.parse(path).getroot().iter("sequence"):
        toks: list[str] = []
        labs: list[str] = []
        for c in s:
            for w in (c.text or "").split():
                toks.append(w)
                labs.append(FOLD.get(c.tag, c.tag))
        if toks:
            seqs.append((toks, labs))
    return seqs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--core", default=str(ROOT.parent / "shared/data/anystyle-gold/core.xml"))
    ap.add_argument("--out", default=str(ROOT / "src/testimonia/data/refs_crf.model"))
    ap.add_argument("--holdout", type=int, default=0)
    ap.add_argument("--c1", type=float, default=0.02)
    ap.add_argument("--c2", type=float, default=0.02)
    ap.add_argument("--iterations", type=int, default=150)
    args = ap.parse_args()
    if Path(args.core).name == "gold.xml":
        raise SystemExit("refusing to train on gold.xml: it is the test set")
    seqs = load(Path(args.core))
    # every k-th sequence held out: core.xml is ordered by source, a tail would be one kind
    k = max(2, len(seqs) // args.holdout) if args.holdout else 0
    train = [s for i, s in enumerate(seqs) if not k or i % k != k - 1]
    held = [s for i, s in enumerate(seqs) if k and i % k == k - 1]
    train_and_check(train, held, args.out, c1=args.c1, c2=args.c2,
                    iterations=args.iterations, minfreq=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
