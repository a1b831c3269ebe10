"""Notes and references (issue 3): markers, notes, CSL-JSON, ibid., credit lines.

Not implemented yet: returns empty layers so the pipeline runs end to end.
"""

from __future__ import annotations

from .pipeline import LayerView, StageOutput, stage
from ..settings import Settings


@stage("notes", requires=("segments",), provides=("notes", "sources"), version=0)
def find_notes(view: LayerView, settings: Settings) -> StageOutput:
    """Placeholder until the stage lands."""
    return StageOutput({"notes": [], "sources": []})
