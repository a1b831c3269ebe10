"""The stage runner checks order, passes only declared layers, and wraps stage bugs."""

from __future__ import annotations

import pytest

from testimonia.analyse.pipeline import LayerView, Pipeline, StageOutput, stage
from testimonia.errors import ConfigError, StageError
from testimonia.model import Segment, Span
from testimonia.registry import STAGES, default_pipeline
from testimonia.testing import make_document


@stage("a", provides=("x",))
def _a(view: LayerView, settings) -> StageOutput:
    return StageOutput({"x": [Segment("body", Span(0, 1))]})


@stage("b", requires=("x",), provides=("y",))
def _b(view: LayerView, settings) -> StageOutput:
    return StageOutput({"y": list(view["x"])})


@stage("peek", requires=("y",), provides=("z",))
def _peek(view: LayerView, settings) -> StageOutput:
    view["x"]  # not declared: must fail
    return StageOutput({"z": []})


@stage("boom", provides=("w",))
def _boom(view: LayerView, settings) -> StageOutput:
    raise ZeroDivisionError("oops")


def test_pipeline_runs_in_order_and_attaches_layers() -> None:
    a = Pipeline((_a, _b)).run(make_document("Hi"))
    assert a.layer("y") == a.layer("x") and [r.stage for r in a.runs] == ["a", "b"]


def test_pipeline_rejects_bad_order_before_running() -> None:
    with pytest.raises(ConfigError, match="needs x"):
        Pipeline((_b, _a))


def test_pipeline_rejects_duplicate_provider() -> None:
    with pytest.raises(ConfigError, match="again"):
        Pipeline((_a, _a))


def test_pipeline_view_hides_undeclared_layers() -> None:
    with pytest.raises(StageError, match="did not declare"):
        Pipeline((_a, _b, _peek)).run(make_document("Hi"))


def test_pipeline_wraps_stage_bug_with_stage_and_path() -> None:
    with pytest.raises(StageError) as info:
        Pipeline((_boom,)).run(make_document("Hi", path="doc.txt"))
    assert info.value.path == "doc.txt" and "boom" in str(info.value)
    assert isinstance(info.value.__cause__, ZeroDivisionError)


def test_pipeline_builtin_order_is_valid() -> None:
    p = default_pipeline()
    assert p.stages == STAGES and p.fingerprint.startswith("segments@")
