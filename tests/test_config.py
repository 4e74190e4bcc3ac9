"""The settings registry: defaults, CLEARPAGE_* variables, checks, and the README's table."""

from __future__ import annotations

import pytest

from server import config, create_app
from tests.corpus import ROOT


def test_defaults_are_embedded():
    app = create_app()
    assert app.config["MAX_BODY_BYTES"] == 10 * 1024 * 1024
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"


def test_environment_variables_override_defaults(monkeypatch):
    monkeypatch.setenv("CLEARPAGE_MAX_BODY_BYTES", "2048")
    monkeypatch.setenv("CLEARPAGE_LOG_LEVEL", "DEBUG")
    app = create_app()
    assert app.config["MAX_BODY_BYTES"] == 2048
    assert app.config["LOG_LEVEL"] == "DEBUG"


def test_test_config_overrides_environment(monkeypatch):
    monkeypatch.setenv("CLEARPAGE_MAX_BODY_BYTES", "2048")
    assert create_app({"MAX_BODY_BYTES": 4096}).config["MAX_BODY_BYTES"] == 4096


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CLEARPAGE_MAX_BODY_BYTES", "-1"),
        ("CLEARPAGE_MAX_BODY_BYTES", "ten"),
        ("CLEARPAGE_LOG_LEVEL", "LOUD"),
    ],
)
def test_unusable_values_fail_at_start_naming_the_variable(monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(config.ConfigError, match=variable):
        create_app()


def test_unknown_variables_are_reported_but_limiter_settings_pass_through():
    environ = {"CLEARPAGE_MAX_BODY_BYTE": "1", "CLEARPAGE_RATELIMIT_STRATEGY": "moving-window", "HOME": "/"}
    assert config.unknown_variables(environ) == ["CLEARPAGE_MAX_BODY_BYTE"]


@pytest.mark.parametrize("document", ["README.md", "docs/deploy.md"])
def test_every_setting_is_documented(document):
    text = (ROOT / document).read_text("utf-8")
    for setting in config.SETTINGS:
        assert f"| `{setting.env_var}` |" in text, f"{setting.env_var} is missing from {document}'s table"
