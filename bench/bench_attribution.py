"""Throughput of the quote stages (quotes, speech, attribution) against bare spaCy (issue 4).

    .venv/bin/python bench/bench_attribution.py TEXT.txt [MORE.txt …] [--words 1000000]

The texts are joined (and cut) to ``--words`` words; give enough text: a text
repeated to fill the count would let the parse cache answer the repeats. Bare spaCy runs the full
``en_core_web_sm`` pipeline over every paragraph; our stages parse only the
sentences that hold a cue or a quotation. Both run in this one process, one
after the other, with a cold parse cache. The layers our stages need from
other stages (segments, notes, people, mentions) are built first and not
timed. Prints words, seconds and the ratio bare / ours (≥ 2 is the target).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path


def build_text(paths: list[Path], words: int) -> tuple[str, bool]:
    """Join the paragraphs of ``paths`` until the text holds ``words`` words.

    Returns the text and whether paragraphs had to be repeated.
    """
    paras = [p for path in paths
             for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]
    out, n, i = [], 0, 0
    while n < words and paras:
        p = paras[i % len(paras)]
        out.append(p)
        n += len(p.split())
        i += 1
    return "\n\n".join(out) + "\n", i > len(paras)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("text", type=Path, nargs="+")
    ap.add_argument("--words", type=int, default=1_000_000)
    a = ap.parse_args(argv)

    from testimonia.analyse import attribution, cues, nlp, notes, people, quotes, segments, speech
    from testimonia.analyse.pipeline import Pipeline
    from testimonia.settings import Settings
    from testimonia.testing import make_document

    text, repeated = build_text(a.text, a.words)
    n_words = len(text.split())
    doc = make_document(text, path=str(a.text[0]))
    settings = Settings.load()
    model = nlp.load()

    paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    t0 = time.perf_counter()
    for _ in model.pipe(paras, batch_size=64):
        pass
    bare = time.perf_counter() - t0

    # layers from other stages, untimed
    pre = Pipeline((segments.find_segments, notes.find_notes, quotes.find_quotes))
    analysis = pre.run(doc, settings)
    nlp._cache.clear()
    cues._cache.clear()  # the cue parses speech makes and attribution re-reads
    t0 = time.perf_counter()
    from testimonia.analyse.pipeline import LayerView

    def run(st, an):  # noqa: ANN001, ANN202
        view = LayerView(doc, {r: an.layer(r) for r in st.requires}, st.name)
        out = st(view, settings)
        return an.with_layers({k: tuple(v) for k, v in out.layers.items()})

    t_quotes = time.perf_counter()
    analysis = run(quotes.find_quotes, analysis)
    t_quotes = time.perf_counter() - t_quotes
    t_speech = time.perf_counter()
    analysis = run(speech.find_speech, analysis)
    t_speech = time.perf_counter() - t_speech
    t_people = time.perf_counter()
    analysis = run(people.find_people, analysis)
    t_people = time.perf_counter() - t_people
    t_attr = time.perf_counter()
    analysis = run(attribution.attribute, analysis)
    t_attr = time.perf_counter() - t_attr
    ours = t_quotes + t_speech + t_attr
    print(f"words: {n_words} from {len(a.text)} file(s)"
          + (" (REPEATED: the parse cache flatters ours)" if repeated else ""))
    print(f"bare spaCy (full pipeline, every paragraph): {bare:.1f} s "
          f"({n_words / bare:,.0f} words/s)")
    print(f"ours: quotes {t_quotes:.1f} s + speech {t_speech:.1f} s + attribution "
          f"{t_attr:.1f} s = {ours:.1f} s ({n_words / ours:,.0f} words/s); "
          f"people stage (not ours, not counted) {t_people:.1f} s")
    print(f"quotes found: {len(analysis.layer('quotes'))}")
    print(f"ratio bare/ours: {bare / ours:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
