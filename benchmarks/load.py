"""Load benchmark: ``clearpage serve`` on loopback, driven with real corpus pages from this process.

Run from the project folder, with the service installed in .venv:

    .venv/bin/python benchmarks/load.py                # the figures in docs/benchmarks.md
    .venv/bin/python benchmarks/load.py --help         # counts, time bounds, workers

1. Ceiling: the pipeline alone, in this process, over every corpus page that has an article;
   cores / time per page is the most pages per second the machine could extract. Beside it, the
   same pages through the pipeline in ``cores`` processes at once (no HTTP): what the cores gave
   at that moment, which other programs on a shared machine lower, as they lower the load figures.
2. One at a time: every page once, sequentially, over HTTP: latency without queueing.
3. Under load: 2 x workers concurrent clients cycle through the same pages until the request
   count or the time bound is reached: throughput, latency percentiles, errors (anything but 200).
4. Memory: resident set size of each gunicorn worker after the load (and its peak).

Steps 1-4 repeat ``--rounds`` times, interleaved so that the machine's noise falls on all of them;
the report gives the median of each figure over all rounds, and over the quiet rounds: those in
which other programs used less than ``--quiet-share`` of the CPU (measured from /proc/stat less
the benchmark's and the server's own CPU time), since a shared machine's other users take cores
from the load far more than from the one-page-at-a-time ceiling. Every request loop is bounded in
count and time and talks only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from server.errors import NotReadable  # noqa: E402
from server.pipeline import extract  # noqa: E402
from tests.corpus import CORPUS, load_scorer  # noqa: E402
from tests.service import clearpage_serve  # noqa: E402


@dataclass(frozen=True)
class Page:
    name: str
    body: bytes
    url: str


@dataclass
class Pass:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def cores() -> int:
    return len(os.sched_getaffinity(0))


def page_url(source: bytes) -> str:
    return load_scorer().page_url(source.decode("utf-8", "replace"))


def readable_pages(limit: int | None) -> list[Page]:
    """Every corpus page that has an article (a 422 is a right answer, but not load)."""
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} is missing: the benchmark reads the shared corpus next to the project")
    pages = []
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "source.html").is_file()):
        body = (folder / "source.html").read_bytes()
        url = page_url(body)
        try:
            extract(body, url=url)
        except NotReadable:
            continue
        pages.append(Page(folder.name, body, url))
        if len(pages) == limit:
            break
    return pages


def pipeline_seconds_per_page(pages: list[Page]) -> tuple[float, list[float]]:
    """Mean and per-page pipeline time over one pass through ``pages``, in this process."""
    per_page = []
    for page in pages:
        started = time.perf_counter()
        extract(page.body, url=page.url)
        per_page.append(time.perf_counter() - started)
    return sum(per_page) / len(per_page), per_page


def _run_all(pages: list[Page]) -> None:
    for page in pages:
        extract(page.body, url=page.url)


def parallel_pages_per_second(pages: list[Page], processes: int) -> float:
    """Pages per second with ``processes`` forked processes each running the pipeline over all pages."""
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        started = time.perf_counter()
        pool.map(_run_all, [pages] * processes, chunksize=1)
        return processes * len(pages) / (time.perf_counter() - started)


def post(port: int, page: Page) -> tuple[int, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        path = "/v1/extract?url=" + page.url
        connection.request("POST", path, body=page.body, headers={"Content-Type": "text/html"})
        response = connection.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        connection.close()
    return status, time.perf_counter() - started


def one_at_a_time(port: int, pages: list[Page]) -> Pass:
    result = Pass()
    started = time.perf_counter()
    for page in pages:
        status, seconds = post(port, page)
        result.latencies.append(seconds)
        result.errors += status != 200
    result.seconds = time.perf_counter() - started
    return result


def under_load(port: int, pages: list[Page], clients: int, requests: int, time_bound: float) -> Pass:
    """``clients`` threads send ``requests`` pages (cycling through all), or stop at ``time_bound``."""
    order = [pages[n % len(pages)] for n in range(requests)]
    random.Random(requests).shuffle(order)
    result, lock, queue = Pass(), threading.Lock(), iter(order)
    deadline = time.perf_counter() + time_bound

    def client() -> None:
        while time.perf_counter() < deadline:
            with lock:
                page = next(queue, None)
            if page is None:
                return
            status, seconds = post(port, page)
            with lock:
                result.latencies.append(seconds)
                result.errors += status != 200

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result


def worker_memory(master: int) -> list[tuple[int, int]]:
    """(resident, peak resident) in bytes of each process whose parent is ``master``."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    memory = []
    for pid in children:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:  # recycled (max_requests) between the two reads
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        memory.append((int(fields["VmRSS"].split()[0]) * 1024, int(fields["VmHWM"].split()[0]) * 1024))
    return memory


def machine_cpu_seconds() -> float:
    """CPU time every program on the machine has used since boot (all cores, idle excluded)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    busy = sum(fields[:8]) - fields[3] - fields[4]  # less idle and iowait; guest time is in user
    return busy / os.sysconf("SC_CLK_TCK")


def our_cpu_seconds(master: int) -> float:
    """CPU time of this benchmark and its finished pool processes, and of the server's processes.

    The master's children times hold the workers gunicorn has recycled (``max_requests``).
    """

    def stat(pid: int | str) -> list[int]:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return [int(value) for value in fields[11:15]]  # utime, stime, cutime, cstime

    ticks = sum(stat(master))
    for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        try:
            ticks += sum(stat(pid)[:2])
        except FileNotFoundError:  # recycled just now: its time is in the master's children times
            continue
    own = os.times()
    return ticks / os.sysconf("SC_CLK_TCK") + own.user + own.system + own.children_user + own.children_system


@dataclass(frozen=True)
class Round:
    ceiling: float  # pages/s: cores / mean pipeline time per page
    ceiling_by_median_page: float  # pages/s: cores / median pipeline time per page
    parallel: float  # pages/s: the pipeline in ``cores`` processes at once
    single: Pass  # over HTTP, one request at a time
    loaded: Pass  # over HTTP, 2 x workers at a time
    memory: list[tuple[int, int]]  # (resident, peak) bytes per worker
    others: float  # share of the machine's CPU other programs used during the round

    @property
    def requests_per_s(self) -> float:
        return len(self.loaded.latencies) / self.loaded.seconds


def run_round(port: int, master: int, pages: list[Page], clients: int, requests: int, bound: float) -> Round:
    machine, ours = machine_cpu_seconds(), our_cpu_seconds(master)
    started = time.perf_counter()
    mean, per_page = pipeline_seconds_per_page(pages)
    parallel = parallel_pages_per_second(pages, cores())
    single = one_at_a_time(port, pages)
    loaded = under_load(port, pages, clients, requests, bound)
    others = (machine_cpu_seconds() - machine) - (our_cpu_seconds(master) - ours)
    return Round(
        ceiling=cores() / mean,
        ceiling_by_median_page=cores() / statistics.median(per_page),
        parallel=parallel,
        single=single,
        loaded=loaded,
        memory=worker_memory(master),
        others=max(0.0, others) / (cores() * (time.perf_counter() - started)),
    )


def summary(rounds: list[Round]) -> dict[str, float]:
    """The median of each figure over ``rounds``; ratios are taken per round, then the median."""

    def median(values) -> float:
        return round(statistics.median(values), 3)

    return {
        "rounds": len(rounds),
        "ceiling_pages_per_s": median(r.ceiling for r in rounds),
        "ceiling_by_median_page_pages_per_s": median(r.ceiling_by_median_page for r in rounds),
        "parallel_pipeline_pages_per_s": median(r.parallel for r in rounds),
        "requests_per_s": median(r.requests_per_s for r in rounds),
        "share_of_ceiling": median(r.requests_per_s / r.ceiling for r in rounds),
        "share_of_parallel_pipeline": median(r.requests_per_s / r.parallel for r in rounds),
        "errors": sum(r.loaded.errors + r.single.errors for r in rounds),
        "completed_per_round": median(len(r.loaded.latencies) for r in rounds),
        "load_p50_ms": median(r.loaded.percentile(50) * 1000 for r in rounds),
        "load_p95_ms": median(r.loaded.percentile(95) * 1000 for r in rounds),
        "load_p99_ms": median(r.loaded.percentile(99) * 1000 for r in rounds),
        "single_p50_ms": median(r.single.percentile(50) * 1000 for r in rounds),
        "single_p99_ms": median(r.single.percentile(99) * 1000 for r in rounds),
        "p99_ratio": median(r.loaded.percentile(99) / r.single.percentile(99) for r in rounds),
        "worker_rss_mib": median(rss / 2**20 for r in rounds for rss, _ in r.memory),
        "worker_peak_rss_mib": round(max(peak for r in rounds for _, peak in r.memory) / 2**20, 3),
        "other_programs_cpu_share": median(r.others for r in rounds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=cores(), help="gunicorn workers (default: cores)")
    parser.add_argument("--rounds", type=int, default=8, help="repetitions; figures are medians")
    parser.add_argument("--cycles", type=int, default=3, help="times each page is sent per load round")
    parser.add_argument("--seconds", type=float, default=120, help="time bound of one load round")
    parser.add_argument("--pages", type=int, help="use only the first N readable pages (a quick check)")
    parser.add_argument(
        "--quiet-share", type=float, default=0.1,
        help="a round is quiet when other programs used less than this share of the CPU during it",
    )  # fmt: skip
    parser.add_argument(
        "--quiet-rounds", type=int, default=0,
        help="after --rounds, go on until this many rounds were quiet (or --max-minutes have passed)",
    )  # fmt: skip
    parser.add_argument("--max-minutes", type=float, default=20, help="time bound of the whole run")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    pages = readable_pages(args.pages)
    clients = 2 * args.workers
    requests = args.cycles * len(pages)
    print(f"{len(pages)} pages, {args.workers} workers, {clients} clients, {cores()} cores", file=sys.stderr)

    rounds: list[Round] = []
    deadline = time.monotonic() + 60 * args.max_minutes

    def more_rounds() -> bool:
        quiet_so_far = sum(r.others < args.quiet_share for r in rounds)
        wanted = len(rounds) < args.rounds or quiet_so_far < args.quiet_rounds
        return wanted and (not rounds or time.monotonic() < deadline)

    # A limit too high to refuse anything: the limiter's work is measured, not its refusals.
    with (
        tempfile.TemporaryDirectory() as folder,
        clearpage_serve(
            args.workers, log_path=Path(folder) / "serve.log", RATELIMIT_DEFAULT="1000000/minute"
        ) as server,
    ):
        one_at_a_time(server.port, pages)  # warm-up: every worker imports and touches everything once
        while more_rounds():
            rounds.append(run_round(server.port, server.process.pid, pages, clients, requests, args.seconds))
            print(f"round {len(rounds)}: other programs {rounds[-1].others:.0%}", file=sys.stderr)

    quiet = [r for r in rounds if r.others < args.quiet_share]
    report = {
        "pages": len(pages),
        "workers": args.workers,
        "clients": clients,
        "cores": cores(),
        "requests_per_round": requests,
        "quiet_share": args.quiet_share,
        "all_rounds": summary(rounds),
        "quiet_rounds": summary(quiet) if quiet else None,
        "per_round": [
            {
                "other_programs_cpu_share": round(r.others, 3),
                "share_of_ceiling": round(r.requests_per_s / r.ceiling, 3),
                "p99_ratio": round(r.loaded.percentile(99) / r.single.percentile(99), 3),
            }
            for r in rounds
        ],
    }
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
