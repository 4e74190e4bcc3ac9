"""The Docker image runs what scripts/serve runs: no engine here, so the files are read and checked."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import yaml

from server.cli import serve
from server.serve import gunicorn_options
from tests.corpus import ROOT

SCRIPT = (ROOT / "scripts" / "serve").read_text("utf-8")


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per instruction, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text("utf-8"))
    lines = [line.strip() for line in text.splitlines()]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines if line and line[0] != "#"]


def final_stage() -> list[tuple[str, str]]:
    instructions = dockerfile()
    last_from = max(n for n, (op, _) in enumerate(instructions) if op == "FROM")
    return instructions[last_from:]


def pip_installs(commands: str) -> list[list[str]]:
    """What each ``python -m pip install`` installs, options left out."""
    installs = []
    for command in re.split(r"&&|\n", commands):
        words = shlex.split(command, comments=True)
        if words[1:4] == ["-m", "pip", "install"]:
            installs.append([word for word in words[4:] if not word.startswith("-")])
    return installs


def test_image_installs_the_way_scripts_serve_does():
    runs = "\n".join(args for op, args in dockerfile() if op == "RUN")
    assert pip_installs(runs) == pip_installs(SCRIPT) == [["pip"], ["."]]


def test_image_starts_the_way_scripts_serve_does():
    cmd = [args for op, args in final_stage() if op == "CMD"]
    assert len(cmd) == 1
    command = json.loads(cmd[0])  # exec form: gunicorn is PID 1 and gets SIGTERM itself
    script_start = next(line.split() for line in SCRIPT.splitlines() if line.startswith("exec "))
    assert Path(script_start[1]).name == command[0] == "clearpage"
    assert script_start[2] == command[1] == "serve"
    options = serve.make_context("serve", command[2:]).params  # options the real CLI accepts
    assert options["host"] == "0.0.0.0"
    exposed = [args for op, args in final_stage() if op == "EXPOSE"]
    assert exposed == [str(options["port"])]
    healthcheck = next(args for op, args in final_stage() if op == "HEALTHCHECK")
    assert f"127.0.0.1:{options['port']}/healthz" in healthcheck


def test_the_tests_start_the_server_the_same_way():
    """CI's server tests run the command the image runs: tests/service.py starts `clearpage serve`."""
    helper = (ROOT / "tests" / "service.py").read_text("utf-8")
    assert 'with_name("clearpage")' in helper
    assert re.search(r'with_name\("clearpage"\)\),\s*"serve",', helper)


def test_image_runs_as_a_user_on_a_slim_python_of_the_supported_version():
    stage = final_stage()
    assert re.fullmatch(r"python:3\.11-slim", stage[0][1])
    users = [args for op, args in stage if op == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert 'requires-python = ">=3.11"' in (ROOT / "pyproject.toml").read_text()


def test_only_runtime_files_go_into_the_image():
    copied = [args.split()[:-1] for op, args in dockerfile() if op == "COPY" and "--from" not in args]
    assert sorted(source for sources in copied for source in sources) == [
        "README.md",
        "pyproject.toml",
        "server",
    ]
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    ignore = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert ignore[0] == "*"  # everything out first, then back in by name
    assert [line for line in ignore if line.startswith("!")] == ["!pyproject.toml", "!README.md", "!server/"]


def test_compose_shares_one_redis_and_stops_gracefully():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    app, redis = compose["services"]["clearpage"], compose["services"]["redis"]
    assert app["environment"]["CLEARPAGE_RATELIMIT_STORAGE_URI"] == "redis://redis:6379/0"
    assert redis["image"].startswith("redis:")
    assert app["depends_on"]["redis"]["condition"] == "service_healthy"
    assert all(port.startswith("127.0.0.1:") for port in app["ports"])
    grace = int(app["stop_grace_period"].rstrip("s"))
    assert grace > gunicorn_options("0.0.0.0", 8080, 1, time_limit=10)["graceful_timeout"]


def test_the_data_directory_is_a_volume_the_server_user_owns():
    stage = final_stage()
    volumes = [json.loads(args) for op, args in stage if op == "VOLUME"]
    assert volumes == [["/data"]]
    env = " ".join(args for op, args in stage if op == "ENV")
    assert "CLEARPAGE_DATA_DIR=/data" in env
    assert any("chown clearpage /data" in args for op, args in stage if op == "RUN")
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    app = compose["services"]["clearpage"]
    assert "clearpage-data:/data" in app["volumes"]
    assert "clearpage-data" in compose["volumes"]
