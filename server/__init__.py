"""Clearpage: a self-hosted reader-mode service. ``create_app`` wires it; the work is elsewhere."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from server import config
from server.api import BLUEPRINTS, UNLIMITED_BLUEPRINTS
from server.errors import register_error_handlers
from server.extensions import limiter
from server.version import __version__

__all__ = ["__version__", "create_app"]


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: settings (defaults, CLEARPAGE_* variables, test config), limiter, routes."""
    app = Flask(__name__)
    app.json.sort_keys = False  # type: ignore[attr-defined]  -- responses keep the documented field order
    config.load(app.config, test_config)
    logging.getLogger("server").setLevel(app.config["LOG_LEVEL"])
    for name in config.unknown_variables(os.environ):
        app.logger.warning("ignoring %s: no such setting (see the README's configuration table)", name)
    limiter.init_app(app)
    register_error_handlers(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    for blueprint in UNLIMITED_BLUEPRINTS:
        limiter.exempt(blueprint)
    return app
