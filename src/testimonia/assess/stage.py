"""Assessment stage (issue 6): chains, independence, grade and explanation.

requires: segments, notes, sources, quotes, people, stances, claims ·
provides: ``chains``, ``assessments``

Thin: it calls ``chains.build_chains`` then ``grade.assess_claim`` per claim.
"""

from __future__ import annotations

from ..analyse.pipeline import LayerView, StageOutput, stage
from ..settings import Settings
from .chains import Transmission, build_chains
from .grade import assess_claim
from .silence import find_silences


@stage("assess", requires=("segments", "notes", "sources", "quotes", "people", "stances",
                           "claims"), provides=("chains", "assessments"), version=1)
def assess(view: LayerView, settings: Settings) -> StageOutput:
    """Trace each claim's testimonies to their witnesses, then grade the claim."""
    tx = Transmission.from_view(view)
    silences = find_silences(view.text, view["claims"], view["quotes"], view["segments"])
    chains, assessments = [], []
    for claim in view["claims"]:
        cs = build_chains(claim, tx)
        chains.extend(cs)
        assessments.append(assess_claim(claim, cs, tx, silences.get(claim.id, ())))
    return StageOutput({"chains": chains, "assessments": assessments})
