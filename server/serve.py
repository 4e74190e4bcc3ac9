"""gunicorn, configured in one place: what ``clearpage serve`` (and the Docker image) runs.

Extraction is CPU-bound, so one sync worker per core is the ceiling; more workers only queue
inside the kernel instead of in gunicorn. A worker's timeout sits above the pipeline's own time
limit (the pipeline stops itself; gunicorn kills a worker only if that failed). SIGTERM is a
graceful stop: workers finish the request in hand, up to ``graceful_timeout``, then exit.
``max_requests`` with jitter recycles workers one at a time, so a slow leak cannot grow forever.

Every log line is JSON on stderr (``server/logs.py``). The access log has method, path, status,
size, duration and request id: no query string (``?url=`` would put the reader's page addresses in
the log), no body, no headers.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from server import create_app, db, logs, metrics

CGROUP_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")

log = logging.getLogger(__name__)


class JsonLogger(Logger):  # type: ignore[misc]  -- gunicorn ships no type hints
    """gunicorn's logger writing JSON to stderr, with an access line that holds no page address."""

    def _set_handler(self, log: logging.Logger, output: str | None, fmt: logging.Formatter, stream: Any = None) -> None:
        super()._set_handler(log, output, logs.json_formatter(), stream=sys.stderr if output == "-" else stream)

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        headers = resp.headers.items() if hasattr(resp.headers, "items") else resp.headers
        request_id = next((value for name, value in headers if name.lower() == "x-request-id"), None)
        self.access_log.info(
            "request",
            extra={
                "method": environ.get("REQUEST_METHOD"),
                "path": environ.get("PATH_INFO"),
                "status": resp.status_code,
                "bytes": getattr(resp, "sent", None),
                "duration_ms": round(request_time.total_seconds() * 1000, 1),
                "request_id": request_id,
                "client": environ.get("REMOTE_ADDR"),
            },
        )


def default_workers() -> int:
    """One worker per CPU this process may use: its affinity, capped by a container's CPU quota."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    try:
        quota, period = CGROUP_CPU_MAX.read_text().split()
        if quota != "max":
            cpus = min(cpus, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):
        pass  # no cgroup v2 limit to honour
    return max(1, cpus)


def gunicorn_options(host: str, port: int, workers: int | None, time_limit: float) -> dict[str, Any]:
    """gunicorn's settings, every one of them decided here."""
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers or default_workers(),
        "worker_class": "sync",
        "timeout": int(time_limit) + 20,
        # In-flight requests get as long to finish as a worker may ever take over one.
        "graceful_timeout": int(time_limit) + 20,
        "max_requests": 2000,
        "max_requests_jitter": 200,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": "info",
        "logger_class": JsonLogger,
        "proc_name": "clearpage",
        "control_socket_disable": True,  # we never use gunicornctl; don't leave a socket in $HOME
        # Worker heartbeats on a RAM disk when there is one: a container's disk may stall them.
        "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None,
    }


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


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
    """Serve the API in the foreground until SIGTERM or SIGINT; logs go to stderr as JSON."""
    logs.configure("INFO")
    master = os.getpid()
    metrics_directory = tempfile.mkdtemp(prefix="clearpage-metrics-")
    metrics.use_shared_directory(metrics_directory)
    try:
        # Other libraries log at INFO and above whatever LOG_LEVEL says: at DEBUG some of them
        # (readability) would log page text. create_app sets our own loggers to LOG_LEVEL.
        app = create_app()  # fail here, with the setting's name, before any worker starts
        if not _is_loopback(host) and not app.extensions["clearpage_api_keys"]:
            log.warning(
                "listening on %s without API keys: anyone who reaches this address can use the API; "
                "set CLEARPAGE_API_KEYS (docs/deploy.md)",
                host,
            )
        db.upgrade(db.database_url(app.config))  # once, here, before any worker opens the database
        # A request may extract (time-limited) and then wait for the summary endpoint (bounded too).
        request_limit = app.config["EXTRACT_TIME_LIMIT_SECONDS"]
        if app.config["SUMMARY_URL"]:
            request_limit += app.config["SUMMARY_TIMEOUT_SECONDS"]
        options = gunicorn_options(host, port, workers, request_limit)
        ClearpageServer(options).run()
    finally:
        # Forked workers leave through this frame too; only the master may remove the directory.
        if os.getpid() == master:
            shutil.rmtree(metrics_directory, ignore_errors=True)
