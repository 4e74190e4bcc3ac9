"""gunicorn, configured in one place: what ``clearpage serve`` (and the Docker image) runs.

Extraction is CPU-bound, so one sync worker per core is the ceiling; more workers only queue
inside the kernel instead of in gunicorn. The access log leaves out query strings (``?url=``
would put the reader's page addresses in the log) and request bodies are never logged.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from server import create_app

# Method, path without the query string, status, size, duration: no page URLs, no user agents.
ACCESS_LOG_FORMAT = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


class StderrLogger(Logger):  # type: ignore[misc]  -- gunicorn ships no type hints
    """gunicorn's logger with the access log on stderr, beside everything else we log."""

    def _set_handler(self, log: logging.Logger, output: str | None, fmt: logging.Formatter, stream: Any = None) -> None:
        super()._set_handler(log, output, fmt, stream=sys.stderr if output == "-" else stream)


def default_workers() -> int:
    """One worker per CPU this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def gunicorn_options(host: str, port: int, workers: int | None, time_limit: float) -> dict[str, Any]:
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers or default_workers(),
        "worker_class": "sync",
        # The pipeline stops itself at the time limit; gunicorn kills a worker only if that failed.
        "timeout": int(time_limit) + 20,
        "graceful_timeout": 30,
        "max_requests": 2000,
        "max_requests_jitter": 200,
        "accesslog": "-",
        "errorlog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "loglevel": "info",
        "logger_class": StderrLogger,
        "proc_name": "clearpage",
        "control_socket_disable": True,  # we never use gunicornctl; don't leave a socket in $HOME
    }


class ClearpageServer(BaseApplication):  # type: ignore[misc]  -- gunicorn ships no type hints
    """gunicorn running ``create_app()`` with ``gunicorn_options``."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return create_app()


def run(host: str, port: int, workers: int | None) -> None:
    """Serve the API in the foreground until SIGTERM or SIGINT; logs go to stderr."""
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app()  # fail here, with the setting's name, before any worker starts
    options = gunicorn_options(host, port, workers, app.config["EXTRACT_TIME_LIMIT_SECONDS"])
    ClearpageServer(options).run()
