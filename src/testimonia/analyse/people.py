"""Mentions and people (issue 5): NER + rules, alias clustering.

Not implemented yet: returns empty layers so the pipeline runs end to end.
"""

from __future__ import annotations

from .pipeline import LayerView, StageOutput, stage
from ..settings import Settings


@stage("people", requires=("segments", "notes", "sources", "quote_spans"), provides=("mentions", "people"), version=0)
def find_people(view: LayerView, settings: Settings) -> StageOutput:
    """Placeholder until the stage lands."""
    return StageOutput({"mentions": [], "people": []})
