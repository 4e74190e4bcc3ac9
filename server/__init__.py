"""Clearpage: a self-hosted reader-mode service. ``create_app`` wires it; the work is elsewhere."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from server.version import __version__

if TYPE_CHECKING:
    from flask import Flask

__all__ = ["__version__", "create_app"]


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: settings, request ids and metrics, limiter, keys, database, CORS, errors, routes."""
    # Imported here, not at the top: `server.pipeline` and the `extract` command import this package
    # too, and should not pay for the web app (Flask, SQLAlchemy, Alembic: about 30 MB and 0.4 s).
    from flask import Flask

    from server import auth, config, db, logs, metrics, proxies, ratelimit
    from server.api import BLUEPRINTS, OPEN_BLUEPRINTS, UNLIMITED_BLUEPRINTS
    from server.cors import cors_options
    from server.errors import register_error_handlers
    from server.extensions import cors, limiter

    app = Flask(__name__)
    app.json.sort_keys = False  # type: ignore[attr-defined]  -- responses keep the documented field order
    config.load(app.config, test_config)
    logging.getLogger("server").setLevel(app.config["LOG_LEVEL"])
    for name in config.unknown_variables(os.environ):
        app.logger.warning("ignoring %s: no such setting (see the README's configuration table)", name)
    app.extensions["clearpage_api_keys"] = auth.api_key_digests(app.config)
    app.extensions["clearpage_trusted_proxies"] = proxies.parse_networks(config.as_list(app.config["TRUSTED_PROXIES"]))
    # Hook order matters: request ids first, then metrics, so that what the limiter refuses is
    # logged, timed and counted too; the key check runs per blueprint, after the limiter.
    logs.init_app(app)
    metrics.init_app(app)
    ratelimit.init_app(app)
    limiter.init_app(app)
    db.init_app(app)
    cors.init_app(app, **cors_options(app.config))
    register_error_handlers(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
        if blueprint not in OPEN_BLUEPRINTS:
            app.before_request_funcs.setdefault(blueprint.name, []).append(auth.require_credential)
    for blueprint in UNLIMITED_BLUEPRINTS:
        limiter.exempt(blueprint)
    return app
