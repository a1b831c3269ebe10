"""Assessment (issue 6): chains, independence, grade and explanation.

Not implemented yet: returns empty layers so the pipeline runs end to end.
"""

from __future__ import annotations

from ..analyse.pipeline import LayerView, StageOutput, stage
from ..settings import Settings


@stage("assess", requires=("segments", "notes", "sources", "quotes", "people", "stances", "claims"), provides=("chains", "assessments"), version=0)
def assess(view: LayerView, settings: Settings) -> StageOutput:
    """Placeholder until the stage lands."""
    return StageOutput({"chains": [], "assessments": []})
