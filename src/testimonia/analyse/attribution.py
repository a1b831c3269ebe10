"""Attribution (issue 4): speakers, addressees, parents, notes by a sieve.

Not implemented yet: returns empty layers so the pipeline runs end to end.
"""

from __future__ import annotations

from .pipeline import LayerView, StageOutput, stage
from ..settings import Settings


@stage("attribution", requires=("segments", "notes", "sources", "quote_spans", "reported", "mentions", "people"), provides=("quotes",), version=0)
def attribute(view: LayerView, settings: Settings) -> StageOutput:
    """Placeholder until the stage lands."""
    return StageOutput({"quotes": list(view["quote_spans"]) + list(view["reported"])})
