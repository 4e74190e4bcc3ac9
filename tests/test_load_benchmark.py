"""benchmarks/load.py still runs end to end (a few pages, one round): its figures are not judged here."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.corpus import CORPUS, ROOT, require_shared


def test_load_benchmark_runs_and_reports_every_figure(tmp_path):
    require_shared(CORPUS)
    out = tmp_path / "load.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "load.py"), "--pages", "4", "--rounds", "1"]
    subprocess.run([*command, "--cycles", "2", "--workers", "2", "--json", str(out)], check=True, timeout=300)
    report = json.loads(out.read_text())
    assert report["pages"] == 4 and report["clients"] == 4
    figures = report["all_rounds"]
    assert figures["errors"] == 0 and figures["completed_per_round"] == 8
    for figure in ("ceiling_pages_per_s", "requests_per_s", "load_p99_ms", "single_p99_ms", "worker_rss_mib"):
        assert figures[figure] > 0, figure
    assert 0 <= report["per_round"][0]["other_programs_cpu_share"] <= 1
