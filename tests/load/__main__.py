"""The load test: `make load` (python -m tests.services python -m tests.load).

Serves the app as production does (`make serve`: gunicorn, DEBUG=0, collected static files) with
a Celery worker beside it, on a throwaway PostgreSQL database and a Redis database of its own,
then runs, together and for a bounded time:
  - analysts reading the dashboard, case pages and a proposal page;
  - editors opening the review queue and approving proposals (each editor its own share, as a
    desk would divide the work, so a refusal would be a real error, not a race they lost).
It prints requests/s and p50/p95/p99 per kind of request and overall, and the errors (any status
other than the expected one), which must be zero: the exit status is 1 otherwise.

Everything runs on 127.0.0.1 and stops after LOAD_SECONDS (60) or LOAD_MAX_REQUESTS (50,000),
whichever comes first. A load test prints figures; it is not part of `make test`.
"""

import datetime
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
import psycopg
import redis

ROOT = Path(__file__).resolve().parents[2]
SECONDS = float(os.environ.get("LOAD_SECONDS", 60))
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", 50_000))
ANALYSTS = int(os.environ.get("LOAD_ANALYSTS", 6))
EDITORS = int(os.environ.get("LOAD_EDITORS", 2))
ARTICLES = int(os.environ.get("LOAD_ARTICLES", 300))
REDIS_DB = 9  # the load test's own Redis database, emptied at the start
PASSWORD = secrets.token_urlsafe(16)
SEED_DAY = datetime.date(2022, 7, 28)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, what: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:  # noqa: BLE001 - not up yet
            pass
        time.sleep(0.25)
    sys.exit(f"load: {what} did not come up within {timeout:.0f} s")


def services() -> tuple[str, str]:
    """A fresh database and an empty Redis database, both the load test's own."""
    base = os.environ.get("DATABASE_URL", "")
    redis_base = os.environ.get("REDIS_URL", "")
    if not base.startswith("postgres") or not redis_base:
        sys.exit("load: needs PostgreSQL and Redis (run it as `make load`)")
    server = base.rsplit("/", 1)[0]
    name = "load_tracker"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    redis_url = redis_base.rsplit("/", 1)[0] + f"/{REDIS_DB}"
    redis.Redis.from_url(redis_url).flushdb()
    return f"{server}/{name}", redis_url


def prepare(env: dict) -> None:
    """Migrate, the seeds, the users, and articles for the worker to read into proposals."""
    python = sys.executable
    for command in (["migrate", "--no-input", "-v0"], ["load_seeds"]):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True)
    users = "\n".join(
        [
            "from django.contrib.auth.models import Group, User",
            "editors = Group.objects.get(name='Editors')",
            "analysts = Group.objects.get(name='Analysts')",
            f"for n in range({EDITORS}):",
            f"    User.objects.create_user(f'load-editor-{{n}}', password={PASSWORD!r})"
            ".groups.add(editors)",
            f"for n in range({ANALYSTS}):",
            f"    User.objects.create_user(f'load-analyst-{{n}}', password={PASSWORD!r})"
            ".groups.add(analysts)",
        ]
    )
    subprocess.run([python, "manage.py", "shell", "-c", users], cwd=ROOT, env=env, check=True)


def submit_articles(env: dict) -> None:
    """Distinct articles made from paragraphs of the seed article and the evaluation texts, each
    naming a tracked case, submitted as pasted text for the worker to read."""
    paragraphs = []
    for path in [
        ROOT / "seeds" / "seed-2022-07-28.txt",
        *sorted((ROOT / "tests" / "extraction").glob("*/texts/*.txt")),
    ]:
        paragraphs += [p for p in path.read_text().split("\n") if len(p.split()) > 8]
    script = "\n".join(
        [
            "import json, sys, datetime",
            "from django.contrib.auth.models import User",
            "from sources import ingest",
            "editor = User.objects.get(username='load-editor-0')",
            "for n, text in enumerate(json.load(sys.stdin)):",
            "    ingest.submit_text(text, title=f'Load article {n}: ' + text[:60],",
            f"        published=datetime.date({SEED_DAY.year}, {SEED_DAY.month}, "
            f"{SEED_DAY.day}), user=editor)",
        ]
    )
    rng = random.Random(20220728)
    texts = []
    for n in range(ARTICLES):
        chosen = rng.sample(paragraphs, min(6, len(paragraphs)))
        chosen.append(f"The case was discussed again on Tuesday, an official said ({n}).")
        texts.append("\n".join(chosen))
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        input=json.dumps(texts),
        text=True,
        check=True,
    )


def pending_ids(database_url: str) -> list[int]:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT id FROM sources_proposedentry WHERE status = 'pending' AND group_id IS NULL "
            "ORDER BY id"
        ).fetchall()
    return [row[0] for row in rows]


def articles_waiting(database_url: str) -> int:
    with psycopg.connect(database_url) as conn:
        return conn.execute(
            "SELECT count(*) FROM sources_article WHERE status IN ('queued', 'fetching', "
            "'extracting')"
        ).fetchone()[0]


class Recorder:
    """Latencies and errors per kind of request, shared by the client threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = defaultdict(list)
        self.count = 0

    def record(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            if error:
                self.errors[kind].append(error)
            self.count += 1


def sign_in(client: httpx.Client, username: str) -> None:
    page = client.get("/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = client.post(
        "/accounts/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{client.base_url}accounts/login/"},
    )
    if response.status_code != 302:
        sys.exit(f"load: {username} could not sign in ({response.status_code})")


def timed(recorder: Recorder, kind: str, call, expected: int = 200) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        response = call()
    except httpx.HTTPError as exc:
        recorder.record(kind, time.perf_counter() - started, repr(exc))
        return None
    error = None if response.status_code == expected else f"HTTP {response.status_code}"
    recorder.record(kind, time.perf_counter() - started, error)
    return response


def analyst(base: str, n: int, recorder: Recorder, stop: threading.Event) -> None:
    pages = [
        ("dashboard", "/"),
        ("case", "/cases/griner/"),
        ("case", "/cases/whelan/"),
        ("proposal", "/proposals/bout-swap/"),
    ]
    with httpx.Client(base_url=base, timeout=30) as client:
        sign_in(client, f"load-analyst-{n}")
        turn = n
        while not stop.is_set():
            kind, path = pages[turn % len(pages)]
            turn += 1
            timed(recorder, kind, lambda p=path: client.get(p))


def editor(base: str, n: int, ids: list[int], recorder: Recorder, stop: threading.Event) -> None:
    with httpx.Client(base_url=base, timeout=30) as client:
        sign_in(client, f"load-editor-{n}")
        token = client.cookies["csrftoken"]
        headers = {"HX-Request": "true", "X-CSRFToken": token, "Referer": f"{base}/review/"}
        mine = iter(ids)
        while not stop.is_set():
            timed(recorder, "review queue", lambda: client.get("/review/"))
            pk = next(mine, None)
            if pk is not None:
                timed(
                    recorder,
                    "approve",
                    lambda pk=pk: client.post(f"/review/{pk}/approve/", headers=headers),
                )


def percentile(ms: list[float], fraction: float) -> float:
    return ms[min(len(ms) - 1, round(fraction * (len(ms) - 1)))]


def report(recorder: Recorder, elapsed: float) -> int:
    print(
        f"\n{'request':<14} {'count':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'errors':>7}"
    )
    everything = []
    for kind, seconds in sorted(recorder.times.items()):
        ms = sorted(s * 1000 for s in seconds)
        everything += ms
        print(
            f"{kind:<14} {len(ms):>7} {len(ms) / elapsed:>8.1f} {statistics.median(ms):>8.1f} "
            f"{percentile(ms, 0.95):>8.1f} {percentile(ms, 0.99):>8.1f} "
            f"{len(recorder.errors[kind]):>7}"
        )
    everything.sort()
    errors = sum(len(e) for e in recorder.errors.values())
    print(
        f"{'all':<14} {len(everything):>7} {len(everything) / elapsed:>8.1f} "
        f"{statistics.median(everything):>8.1f} {percentile(everything, 0.95):>8.1f} "
        f"{percentile(everything, 0.99):>8.1f} {errors:>7}"
    )
    for kind, found in recorder.errors.items():
        for error in sorted(set(found))[:5]:
            print(f"  {kind}: {error} ({found.count(error)}x)")
    return 1 if errors else 0


def main() -> int:
    database_url, redis_url = services()
    port = free_port()
    env = os.environ | {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "INSECURE_PLAIN_HTTP": "1",  # loopback has no TLS: no redirect, cookies over HTTP
        "LOG_LEVEL": "WARNING",
    }
    prepare(env)
    processes = []
    try:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--loglevel=WARNING",
                "--concurrency=1",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        processes.append(worker)
        submit_articles(env)
        wait_until(lambda: articles_waiting(database_url) == 0, "the worker", 300)
        ids = pending_ids(database_url)
        server = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"HOST=127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,  # gunicorn's access log: a line per request
        )
        processes.append(server)
        base = f"http://127.0.0.1:{port}"
        wait_until(lambda: httpx.get(f"{base}/healthz").status_code == 200, "make serve", 120)
        print(
            f"load: {ANALYSTS} analysts and {EDITORS} editors for {SECONDS:.0f} s "
            f"(at most {MAX_REQUESTS} requests) against {base}; {len(ids)} pending proposals"
        )
        recorder, stop = Recorder(), threading.Event()
        threads = [
            threading.Thread(target=analyst, args=(base, n, recorder, stop))
            for n in range(ANALYSTS)
        ] + [
            threading.Thread(target=editor, args=(base, n, ids[n::EDITORS], recorder, stop))
            for n in range(EDITORS)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        while time.perf_counter() - started < SECONDS and recorder.count < MAX_REQUESTS:
            time.sleep(0.2)
        stop.set()
        for thread in threads:
            thread.join()
        return report(recorder, time.perf_counter() - started)
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
