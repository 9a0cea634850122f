"""The pages benchmark, part of `make bench` (alone: python -m tests.services python -m
tests.bench.pages).

1. Server time of each page at two archive sizes (generate_archive into a throwaway PostgreSQL
   database): median and p95 over BENCH_RUNS requests through Django's test client with DEBUG
   off, the number of queries, the rows the database read for them (each SELECT run again under
   EXPLAIN ANALYZE, summing the rows its scans returned) and the size of the HTML. Pages read
   the same rows at both sizes when their cost does not grow with the archive.
2. Throughput under gunicorn (2 sync workers, DEBUG=0) with the seed data only, measured with
   wrk (2 threads, 16 connections) in one run: a bare Django view, the dashboard and a case
   page, and each page as a share of the bare view's requests per second.

BENCH_SIZES picks the sizes (small,large); BENCH_RUNS the requests per page (30). A benchmark
prints figures; it asserts nothing.
"""

import contextlib
import gc
import io
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

ROOT = Path(settings.BASE_DIR)
RUNS = int(os.environ.get("BENCH_RUNS", 30))
SIZES = {
    # The archive: 1,000 cases, 200,000 entries (the largest case 20,000 here, so one
    # page of a 20,000-entry case is measured too), 50,000 articles.
    "large": {
        "cases": 1_000,
        "entries": 200_000,
        "articles": 50_000,
        "proposals": 1_000_000,
        "largest": 20_000,
    },
    "small": {
        "cases": 100,
        "entries": 20_000,
        "articles": 5_000,
        "proposals": 100_000,
        "largest": 2_000,
    },
}
SCAN_NODES = ("Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan")


def rows_read(queries: list[dict]) -> int:
    """The rows the scans of these queries returned, by EXPLAIN ANALYZE of each SELECT."""
    total = 0
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            (plan,) = cursor.fetchone()
            plan = json.loads(plan) if isinstance(plan, str) else plan
            stack = [plan[0]["Plan"]]
            while stack:
                node = stack.pop()
                if node["Node Type"] in SCAN_NODES:
                    total += node["Actual Rows"] * node["Actual Loops"]
                stack.extend(node.get("Plans", []))
    return total


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def measure(client: Client, label: str, request, *, prepare=None, runs: int = RUNS) -> None:
    """`request(client)` returns a response; it is sent `runs` times after two to warm up.
    `prepare()`, when given, runs before each request, untimed (to make a cached page stale)."""
    prepare = prepare or (lambda: None)
    for _ in range(2):
        prepare()
        body_of(request(client))
    times = []
    for _ in range(runs):
        prepare()
        started = time.perf_counter()
        response = request(client)
        size = len(body_of(response))
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code in (200, 302), (label, response.status_code)
    prepare()
    with CaptureQueriesContext(connection) as captured:
        body_of(request(client))
    queries = captured.captured_queries
    ms = sorted(times)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(
        f"  {label:<44} {statistics.median(ms):8.1f} {p95:8.1f} {len(queries):8d} "
        f"{rows_read(queries):10,d} {size / 1024:8.0f}"
    )


def more_link(html: str, target: str = "more-entries") -> str:
    found = re.search(rf'<div class="more" id="{target}">\s*<a class="button" href="([^"]+)"', html)
    return found.group(1).replace("&amp;", "&") if found else ""


def bench_size(name: str, size: dict) -> None:
    started = time.perf_counter()
    call_command(
        "generate_archive",
        cases=size["cases"],
        entries=size["entries"],
        articles=size["articles"],
        proposals=size["proposals"],
        largest=size["largest"],
        seed=20221208,
        stdout=io.StringIO(),  # its progress report; the stages' times are not the subject here
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"\n{name}: {size['cases']:,} cases, {size['entries']:,} entries (largest case "
        f"{size['largest']:,}), {size['articles']:,} articles, {size['proposals']:,} proposals; "
        f"generated in {time.perf_counter() - started:.0f} s"
    )
    measure_pages()


def measure_pages() -> None:
    """Every page, on the archive in the database now."""
    # As the server does once it has started (config/wsgi.py): what exists now is left out of
    # the garbage collector's full collections.
    gc.collect()
    gc.freeze()
    from cases.caching import entries_changed
    from cases.models import Audience, CaseSummary, Party, Proposal
    from cases.summary import touch
    from sources.models import ProposedEntry, ReviewStatus

    summaries = list(
        CaseSummary.objects.filter(audience=Audience.ANALYSTS)
        .select_related("case")
        .order_by("entry_count")
    )
    largest = summaries[-1].case
    median = summaries[len(summaries) // 2].case
    analyst, editor = Client(), Client()
    analyst.force_login(_user("analyst"))
    editor.force_login(_user("editor"))
    big_url = largest.get_absolute_url()
    second_page = more_link(analyst.get(big_url).content.decode())
    pending = ProposedEntry.objects.filter(status=ReviewStatus.PENDING).order_by("-pk")
    to_approve = iter(list(pending.values_list("pk", flat=True)[: RUNS + 3]))
    pending_case = pending.values_list("cases__slug", flat=True).first()
    proposal = Proposal.objects.annotate(n=Count("entries")).order_by("-n").first()
    party = Party.objects.annotate(n=Count("entries")).order_by("-n").first()

    print(f"  {'page':<44} {'median':>8} {'p95':>8} {'queries':>8} {'rows read':>10} {'KB':>8}")
    pages = [
        ("/ (dashboard)", analyst, lambda c: c.get("/")),
        ("/?sort=days&page=3", analyst, lambda c: c.get("/", {"sort": "days", "page": 3})),
        (
            f"case: largest ({summaries[-1].entry_count:,} entries)",
            analyst,
            lambda c: c.get(big_url),
        ),
        ("case: largest, next page (keyset)", analyst, lambda c: c.get(second_page)),
        ("case: largest, kind=statement", analyst, lambda c: c.get(big_url, {"kind": "statement"})),
        ("case: /cases/griner/ (seed)", analyst, lambda c: c.get("/cases/griner/")),
        (
            f"case: median ({summaries[len(summaries) // 2].entry_count} entries)",
            analyst,
            lambda c: c.get(median.get_absolute_url()),
        ),
        ("case: largest, as an editor", editor, lambda c: c.get(big_url)),
        (
            "case: largest, after a change (not cached)",
            analyst,
            lambda c: c.get(big_url),
            {"prepare": lambda: touch([largest.pk])},
        ),
        (
            "case: largest, kind=statement, not cached",
            analyst,
            lambda c: c.get(big_url, {"kind": "statement"}),
            {"prepare": lambda: touch([largest.pk])},
        ),
        (
            "/ (dashboard), every card changed",
            analyst,
            lambda c: c.get("/"),
            {"prepare": lambda: CaseSummary.objects.update(version=time.time_ns())},
        ),
        (f"proposal: {proposal.slug[:30]}", analyst, lambda c: c.get(proposal.get_absolute_url())),
        (
            "proposal, its entries not cached",
            analyst,
            lambda c: c.get(proposal.get_absolute_url()),
            {"prepare": lambda: entries_changed(proposal.entries.values("pk"))},
        ),
        (f"party: {party.slug[:30]}", analyst, lambda c: c.get(party.get_absolute_url())),
        (
            "party, its entries not cached",
            analyst,
            lambda c: c.get(party.get_absolute_url()),
            {
                "prepare": lambda: (
                    entries_changed(party.entries.values("pk")),
                    entries_changed(party.statements.values("pk")),
                )
            },
        ),
        (
            "case: largest, after a change, entries not cached",
            analyst,
            lambda c: c.get(big_url),
            {
                "prepare": lambda: (
                    touch([largest.pk]),
                    entries_changed(largest.entries.values("pk")),
                )
            },
        ),
        ("/search/?q=talks (common)", analyst, lambda c: c.get("/search/", {"q": "talks"})),
        (
            "/search/?q=Whelan exchange",
            analyst,
            lambda c: c.get("/search/", {"q": "Whelan exchange"}),
        ),
        (
            "CSV export of the largest case",
            analyst,
            lambda c: c.get(big_url + "entries.csv"),
            {"runs": 3},
        ),
        ("/review/ (editor)", editor, lambda c: c.get("/review/")),
        ("/review/quality/ (last 90 days)", editor, lambda c: c.get("/review/quality/")),
        (
            "/review/?case=<one case>",
            editor,
            lambda c: c.get("/review/", {"case": pending_case or ""}),
        ),
        (
            "approve (POST, htmx)",
            editor,
            lambda c: c.post(
                f"/review/{next(to_approve)}/approve/", headers={"HX-Request": "true"}
            ),
        ),
    ]
    for label, client, request, *options in pages:
        measure(client, label, request, **(options[0] if options else {}))


def _user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def bench_pages() -> None:
    wanted = [s for s in os.environ.get("BENCH_SIZES", "small,large").split(",") if s]
    if connection.vendor != "postgresql":
        print("pages: skipped (needs PostgreSQL: the figures are PostgreSQL's)")
        return
    print(
        f"Pages: server time through the test client, DEBUG off, {RUNS} requests each "
        f"(ms; rows read = rows returned by the queries' scans)"
    )
    test_settings = connection.settings_dict.setdefault("TEST", {})
    test_settings["NAME"] = f"bench_pages_{connection.settings_dict['NAME']}"
    from django.test.utils import setup_test_environment

    # The ingestion benchmark, in the same run, may have set it up already.
    with contextlib.suppress(RuntimeError):
        setup_test_environment(debug=False)
    for name in wanted:
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            call_command("load_seeds", stdout=io.StringIO())
            os.environ.setdefault("DEMO_PASSWORD", "bench-password-1")
            call_command("create_demo_users", stdout=io.StringIO())
            bench_size(name, SIZES[name])
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


# ---------------------------------------------------------------------------------------------
# Throughput under gunicorn and wrk


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wrk(url: str, cookie: str, seconds: int) -> float:
    # One request first, answered before the clock starts: gunicorn accepts connections before
    # its workers have booted, and a short run could end before the first answer.
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with contextlib.suppress(OSError), urllib.request.urlopen(request, timeout=30):
        pass
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "-H", f"Cookie: {cookie}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:  # an error page is no measure of the page
        print(f"    (wrk: {non_2xx.group(1)} responses were errors for {url}; not counted)")
        return 0.0
    return float(found.group(1)) if found else 0.0


def bench_throughput() -> None:
    if not shutil.which("wrk"):
        print("\nthroughput: skipped (wrk is not installed: apt-get install wrk)")
        return
    if connection.vendor != "postgresql":
        print("\nthroughput: skipped (needs PostgreSQL)")
        return
    seconds = int(os.environ.get("BENCH_WRK_SECONDS", 10))
    test_settings = connection.settings_dict.setdefault("TEST", {})
    test_settings["NAME"] = f"bench_wrk_{connection.settings_dict['NAME']}"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    server = None
    try:
        call_command("load_seeds", verbosity=0)
        os.environ.setdefault("DEMO_PASSWORD", "bench-password-1")
        call_command("create_demo_users", verbosity=0)
        client = Client()
        client.force_login(_user("analyst"))
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
        database = connection.settings_dict
        port = _free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.bench.bare_settings",
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}",
            "DEBUG": "0",
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "INSECURE_PLAIN_HTTP": "1",
        }
        # As `make serve` does: with DEBUG off the pages link to the collected, hashed files,
        # so they are collected with the server's settings (this process's storage, with DEBUG
        # on, writes no manifest, and every page was a 500 on a fresh clone).
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        server = subprocess.Popen(
            [gunicorn, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        print(
            f"\nThroughput with the seed data: gunicorn (2 sync workers, DEBUG=0), "
            f"wrk -t2 -c16 -d{seconds}s, one after another in one run"
        )
        bare = _wrk(f"{base}/bench/bare/", cookie, seconds)
        print(f"  {'bare Django view':<30} {bare:9.0f} requests/s")
        if not bare:
            print("    (the bare view served nothing: no ratios; see gunicorn with `make serve`)")
        for label, path in (("/ (dashboard)", "/"), ("/cases/griner/", "/cases/griner/")):
            rate = _wrk(base + path, cookie, seconds)
            share = f"{rate / bare:6.1%} of the bare view" if bare else ""
            print(f"  {label:<30} {rate:9.0f} requests/s   {share}")
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main() -> None:
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
        f"database {connection.vendor}"
    )
    bench_pages()
    bench_throughput()


if __name__ == "__main__":
    sys.exit(main())
