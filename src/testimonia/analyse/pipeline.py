"""The stage runner: declared needs, an order check, and one-way data flow.

A stage is a plain function plus a declaration::

    @stage("quotes", requires=("segments",), provides=("quote_spans",), version=1)
    def find_quotes(view: LayerView, settings: Settings) -> StageOutput: ...

The runner checks every stage's ``requires`` against the ``provides`` of the
stages before it *before* running anything (``ConfigError`` T201 otherwise),
hands each stage a :class:`LayerView` holding only the layers it declared, and
attaches the output to a new :class:`~testimonia.model.Analysis`. A stage never
sees another stage's internals, only its records.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError, StageError, TestimoniaError
from ..model import Analysis, Diagnostic, Document, StageRun
from ..settings import Settings


@dataclass(frozen=True, slots=True)
class LayerView:
    """What a stage may read: the document and the layers it declared."""

    document: Document
    layers: Mapping[str, tuple[Any, ...]]
    stage: str = ""

    @property
    def text(self) -> str:
        """The document text."""
        return self.document.text

    def __getitem__(self, name: str) -> tuple[Any, ...]:
        if name not in self.layers:
            raise KeyError(f"stage '{self.stage}' did not declare layer '{name}'")
        return self.layers[name]


@dataclass(frozen=True, slots=True)
class StageOutput:
    """What a stage returns: records per provided layer, and diagnostics."""

    layers: Mapping[str, Sequence[Any]]
    diagnostics: tuple[Diagnostic, ...] = ()


StageFn = Callable[[LayerView, Settings], StageOutput]


@dataclass(frozen=True, slots=True)
class Stage:
    """A declared stage: name, requires, provides, version and the function."""

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    version: int
    fn: StageFn = field(compare=False)

    def __call__(self, view: LayerView, settings: Settings) -> StageOutput:
        return self.fn(view, settings)


def stage(name: str, *, requires: Iterable[str] = (), provides: Iterable[str] = (),
          version: int = 1) -> Callable[[StageFn], Stage]:
    """Declare a function as a pipeline stage."""

    def wrap(fn: StageFn) -> Stage:
        return Stage(name, tuple(requires), tuple(provides), version, fn)

    return wrap


def check_order(stages: Sequence[Stage]) -> None:
    """Check that each stage's requirements are provided by an earlier stage.

    Raises:
        ConfigError: T201 naming the stage and the missing layer.
    """
    have: set[str] = set()
    for st in stages:
        missing = [r for r in st.requires if r not in have]
        if missing:
            raise ConfigError("T201", detail=f"stage '{st.name}' needs {', '.join(missing)}, "
                                             "which no earlier stage provides")
        dup = [p for p in st.provides if p in have]
        if dup:
            raise ConfigError("T201", detail=f"stage '{st.name}' provides {', '.join(dup)} again")
        have.update(st.provides)


def fingerprint(stages: Sequence[Stage]) -> str:
    """Return the pipeline fingerprint: stage names and versions."""
    return ",".join(f"{s.name}@{s.version}" for s in stages)


@dataclass(frozen=True)
class Pipeline:
    """An ordered, checked list of stages."""

    stages: tuple[Stage, ...]

    def __post_init__(self) -> None:
        check_order(self.stages)

    @property
    def fingerprint(self) -> str:
        """Stage names and versions, the cache key for results."""
        return fingerprint(self.stages)

    def run(self, document: Document, settings: Settings | None = None) -> Analysis:
        """Run every stage over ``document`` and return the Analysis.

        Raises:
            StageError: an unexpected failure inside a stage, naming stage and file.
        """
        settings = settings or Settings.load()
        analysis = Analysis(document)
        for st in self.stages:
            view = LayerView(document, {r: analysis.layer(r) for r in st.requires}, st.name)
            t0 = time.perf_counter()
            try:
                out = st(view, settings)
            except TestimoniaError:
                raise
            except Exception as exc:  # a bug in a stage: say where, keep the cause
                raise StageError("T400", path=document.path, stage=st.name,
                                 detail=f"{type(exc).__name__}: {exc}") from exc
            unknown = set(out.layers) - set(st.provides)
            if unknown:
                raise StageError("T400", path=document.path, stage=st.name,
                                 detail=f"returned undeclared layers {sorted(unknown)}")
            diags = tuple(d if d.stage else Diagnostic(d.code, d.message, d.span, st.name)
                          for d in out.diagnostics)
            run = StageRun(st.name, st.version, time.perf_counter() - t0)
            analysis = analysis.with_layers({k: tuple(v) for k, v in out.layers.items()},
                                            diags, run)
        return analysis
