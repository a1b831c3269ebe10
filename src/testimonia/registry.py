"""Readers, stages and exporters by name. Built-ins are listed here explicitly."""

from __future__ import annotations

from .analyse import attribution, claims, notes, people, quotes, segments, speech, stances
from .analyse.pipeline import Pipeline, Stage
from .assess import stage as assess_stage

#: The analysis stages in order: read → analyse → assess.
STAGES: tuple[Stage, ...] = (
    segments.find_segments,
    notes.find_notes,
    quotes.find_quotes,
    speech.find_speech,
    people.find_people,
    attribution.attribute,
    stances.find_stances,
    claims.find_claims,
    assess_stage.assess,
)


def default_pipeline() -> Pipeline:
    """Return the built-in pipeline (checked for order on construction)."""
    return Pipeline(STAGES)
