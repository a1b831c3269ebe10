"""Shared by the CRF training scripts: train on sequences, report held-out accuracy."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence

from testimonia.analyse.refs_crf import token_features

Seq = tuple[list[str], list[str]]


def train_and_check(train: Sequence[Seq], held: Sequence[Seq], out: str, *, c1: float,
                    c2: float, iterations: int, minfreq: int) -> None:
    """Train a CRF on ``train`` into ``out``; print token accuracy on ``held`` to stderr."""
    import pycrfsuite

    t0 = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, labs in train:
        trainer.append(token_features(toks), labs)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True, "feature.minfreq": minfreq})
    trainer.train(out)
    sys.stderr.write(f"trained on {len(train)} sequences in {time.time() - t0:.1f} s -> {out}\n")
    if not held:
        return
    tagger = pycrfsuite.Tagger()
    tagger.open(out)
    ok = tot = 0
    for toks, labs in held:
        pred = tagger.tag(token_features(toks))
        ok += sum(a == b for a, b in zip(pred, labs, strict=True))
        tot += len(labs)
    sys.stderr.write(f"held-out token accuracy {ok / tot:.4f} ({tot} tokens)\n")
