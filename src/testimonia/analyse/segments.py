"""Segments (issue 2): title, byline, body, signature, notes, excerpt, credit, boilerplate.

Not implemented yet: returns empty layers so the pipeline runs end to end.
"""

from __future__ import annotations

from .pipeline import LayerView, StageOutput, stage
from ..settings import Settings


@stage("segments", requires=(), provides=("segments",), version=0)
def find_segments(view: LayerView, settings: Settings) -> StageOutput:
    """Placeholder until the stage lands."""
    return StageOutput({"segments": []})
