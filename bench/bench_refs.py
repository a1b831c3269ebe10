#!/usr/bin/env python3
"""Throughput of ``parse_references`` in references per second (issue 3). Not a test.

    .venv/bin/python bench/bench_refs.py [FILE] [--repeat N]

Without FILE it times a built-in set of notes and bibliography entries we wrote
(Chicago notes, British notes, back-references, author-date entries for the CRF).
With FILE (one reference per line, e.g. the input ``refs.py --save-input`` writes)
it times those lines. It prints the rate of the note rules, of the CRF and of the
mixed whole, measured in one run, and their ratio.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from testimonia.analyse.references import parse_crf, parse_references  # noqa: E402

NOTES = [
    "Ruth Abelard, A History of Bridges: Stone and Iron, trans. Tom Brandt (Leeds: Pontifex Press, 1990), 12.",
    "Tom Brandt, “Iron and Stone,” Engineering Review 4, no. 2 (1901): 33–40, at 35.",
    "Ibid., 14.",
    "Ann Cole, “Piers,” in Essays on Harbours, ed. Tom Brandt (York: Arch Press, 1920), 5.",
    "The ledgers are in RGVA, f. 12, op. 3, d. 45, l. 6.",
    "Abelard, History of Bridges, 20; Brandt, “Iron and Stone,” 38.",
    "T. Brandt, 'Iron and Stone', Engineering Review, vol. 4, no. 2 (1901), pp. 33-40.",
    "Abelard, op. cit., p. 22.",
]
BIBLIOGRAPHY = [
    "Abelard, R., & Brandt, T. (1999). Stone bridges in wet climates. Journal of Masonry, 12(3), 45-67.",
    "Cole A, Dunn B. Corrosion of iron piers. Harbour Eng. 2004;18(2):101-9.",
    "Brandt, Tom. Roads and Their Makers. York: Arch Press, 1901.",
    "[4] A. Cole, “Tidal loads on piers,” Coastal Structures, vol. 7, pp. 1-12, 2010.",
]


def rate(lines: list[str], fn, repeat: int) -> float:  # noqa: ANN001
    fn(lines[:2])  # load the model outside the timing
    t0 = time.perf_counter()
    for _ in range(repeat):
        fn(lines)
    return len(lines) * repeat / (time.perf_counter() - t0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", nargs="?")
    ap.add_argument("--repeat", type=int, default=0)
    args = ap.parse_args()
    if args.file:
        lines = [x for x in Path(args.file).read_text(encoding="utf-8").split("\n") if x.strip()]
        repeat = args.repeat or 1
        r = rate(lines, parse_references, repeat)
        print(f"parse_references: {r:,.0f} references/s over {len(lines) * repeat} lines of {args.file}")
        return 0
    repeat = args.repeat or 200
    notes = rate(NOTES, parse_references, repeat)
    crf = rate(BIBLIOGRAPHY, lambda ls: [parse_crf(x) for x in ls], repeat)
    mixed = rate(NOTES + BIBLIOGRAPHY, parse_references, repeat)
    print(f"note rules        {notes:9,.0f} references/s")
    print(f"CRF (bibliography){crf:9,.0f} references/s")
    print(f"mixed             {mixed:9,.0f} references/s")
    print(f"ratio note rules / CRF: {notes / crf:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
