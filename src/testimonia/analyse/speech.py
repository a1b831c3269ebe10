"""Reported speech (issue 4): indirect speech, dash-closed speech, 'according to'.

Not implemented yet: returns empty layers so the pipeline runs end to end.
"""

from __future__ import annotations

from .pipeline import LayerView, StageOutput, stage
from ..settings import Settings


@stage("speech", requires=("segments", "notes", "quote_spans"), provides=("reported",), version=0)
def find_speech(view: LayerView, settings: Settings) -> StageOutput:
    """Placeholder until the stage lands."""
    return StageOutput({"reported": []})
