"""Profile testimonia's pipeline on a novels text built as ``bench_pipeline`` builds it.

Where the time goes, stage by stage and function by function: builds (or reuses)
the same concatenation of public-domain novels as ``bench_pipeline.py`` (in a
temporary directory unless ``--keep DIR`` is given), loads the spaCy model
untimed, runs ``testimonia.analyze`` once, and prints each stage's seconds and,
with ``--profile``, the functions with the most own time under cProfile (which
roughly doubles the pure-Python stages' time; compare two sizes to find what grows
faster than the text).

Usage::

    python bench/profile_stages.py --words 250000
    python bench/profile_stages.py --words 250000 --profile --top 30
    python bench/profile_stages.py --words 250000 --profile --only testimonia/analyse
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import bench_pipeline  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Build the text, run the pipeline once, print the stage seconds (and the profile)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=250_000, help="size of the text")
    ap.add_argument("--keep", type=Path, help="build (or reuse) the text in this folder")
    ap.add_argument("--profile", action="store_true", help="run under cProfile")
    ap.add_argument("--top", type=int, default=25, help="functions to list")
    ap.add_argument("--only", default="", help="list only functions whose path holds this")
    args = ap.parse_args(argv)
    if not bench_pipeline.PDNC.exists():
        print(f"no novels under {bench_pipeline.PDNC}")
        return 0
    import testimonia
    from testimonia.analyse import nlp

    with tempfile.TemporaryDirectory(prefix="testimonia-profile-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"novels-{args.words}.txt"
        if not path.exists():
            path = bench_pipeline.build_text(args.words, folder)
        nlp.load(testimonia.Settings.load().spacy_model)
        prof = cProfile.Profile() if args.profile else None
        t0 = time.perf_counter()
        if prof:
            prof.enable()
        analysis = testimonia.analyze(path)
        if prof:
            prof.disable()
        total = time.perf_counter() - t0
    words = len(analysis.document.text.split())
    print(f"{words:,} words, {total:.2f} s{' (profiled)' if prof else ''}")
    print("  ".join(f"{r.stage} {r.seconds:.2f}s" for r in analysis.runs))
    if prof:
        stats = pstats.Stats(prof, stream=sys.stdout).sort_stats("tottime")
        stats.print_stats(*([args.only] if args.only else []), args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
