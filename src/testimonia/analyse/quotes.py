"""Quotation spans (issue 4): marks, nesting, kinds; no speakers yet.

Not implemented yet: returns empty layers so the pipeline runs end to end.
"""

from __future__ import annotations

from .pipeline import LayerView, StageOutput, stage
from ..settings import Settings


@stage("quotes", requires=("segments", "notes"), provides=("quote_spans",), version=0)
def find_quotes(view: LayerView, settings: Settings) -> StageOutput:
    """Placeholder until the stage lands."""
    return StageOutput({"quote_spans": []})
