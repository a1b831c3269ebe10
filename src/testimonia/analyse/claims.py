"""Claims (issue 6): propositions and the testimonies for, against, doubting.

Not implemented yet: returns empty layers so the pipeline runs end to end.
"""

from __future__ import annotations

from .pipeline import LayerView, StageOutput, stage
from ..settings import Settings


@stage("claims", requires=("segments", "notes", "sources", "quotes", "mentions", "people"), provides=("claims",), version=0)
def find_claims(view: LayerView, settings: Settings) -> StageOutput:
    """Placeholder until the stage lands."""
    return StageOutput({"claims": []})
