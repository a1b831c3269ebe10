"""Witness stances (issue 5): holder, target, polarity, evidence.

Not implemented yet: returns empty layers so the pipeline runs end to end.
"""

from __future__ import annotations

from .pipeline import LayerView, StageOutput, stage
from ..settings import Settings


@stage("stances", requires=("segments", "mentions", "people", "quotes"), provides=("stances",), version=0)
def find_stances(view: LayerView, settings: Settings) -> StageOutput:
    """Placeholder until the stage lands."""
    return StageOutput({"stances": []})
