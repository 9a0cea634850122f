"""The ingestion benchmark: `make bench` (python -m tests.services python -m tests.bench).

Prints median and p95 time per article and articles per second for
  1. extraction alone: the seed article, with a gazetteer of the seed world plus 2,000 generated
     parties and 500 generated cases; and the stages that scan the whole text, each alone;
  2. the whole task, as a worker runs it (sources.processing.process_article): claim, fingerprint,
     near-duplicate check, extraction, proposed entries and their links written, article done;
     on a throwaway database (PostgreSQL when tests.services found it), with the same world.
     Two batches, reported apart: distinct articles (none a near-duplicate of another, by
     sources.dedupe's own rules, so each is extracted) and near-duplicates of those (another
     outlet's copy: the duplicate check, no extraction);
  3. through Celery (PostgreSQL and Redis only): a burst of BENCH_BURST (1,000) distinct articles,
     then their copies, through 1 and then 2 worker processes (`celery -A config worker
     --pool=solo --concurrency=1`) on the Redis broker and the throwaway database; articles per
     second from the first message sent to the last article finished, and a check, kept by the
     database, that no article was read twice and every one finished (tests/bench/workers.py).
Fetching is not included (pasted text; the network would dominate).
A benchmark prints figures and asserts nothing, except that part 3 exits with status 1 when an
article was read twice or not finished.

    python -m tests.services python -m tests.bench [extraction] [task] [workers]

runs the parts named (all of them without a name); `pages` is the pages benchmark at two
archive sizes and the throughput under gunicorn (tests/bench/pages.py).
"""

import datetime
import json
import logging
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

ROOT = Path(settings.BASE_DIR)
SEED_TEXT = (ROOT / "seeds" / "seed-2022-07-28.txt").read_text(encoding="utf-8")
SEED_DAY = datetime.date(2022, 7, 28)
PARTIES, CASES = 2000, 500
EXTRACTION_RUNS = 300
TASK_ARTICLES = int(os.environ.get("BENCH_ARTICLES", 300))
BURST = int(os.environ.get("BENCH_BURST", 1000))
WORKER_COUNTS = (1, 2)
WARM_UP = 20
PARTS = ("extraction", "task", "workers", "pages")

_FIRST = """Alexei Anna Boris Carla Dmitri Elena Farid Grace Hassan Irina Jonas Karim Lena Marco
Nadia Oleg Priya Quentin Rosa Samir Tanya Umar Vera Walid Xenia Yusuf Zara"""
_LAST = """Abernathy Baranov Castellano Demir Eklund Fairbanks Gorshkov Halloran Ibarra Jablonski
Kowalczyk Lindqvist Marchetti Nakamura Okonkwo Petrosyan Quinlan Rasmussen Sokolova Tanaka
Underwood Valdivia Whitcombe Xu Yamamoto Zielinski"""
FIRST, LAST = _FIRST.split(), _LAST.split()
TITLES = ["Foreign Minister", "spokesperson", "ambassador", "senator", "envoy", "lawyer", ""]


def generated_world(rng: random.Random) -> dict:
    """The seed world plus PARTIES people and CASES cases, with aliases, in the world format."""
    world = json.loads((ROOT / "seeds" / "world.json").read_text(encoding="utf-8"))
    seen = {party["slug"] for party in world["parties"]}
    people = []
    while len(people) < PARTIES:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slug = f"{first}-{last}-{len(people)}".lower()
        if slug in seen:
            continue
        seen.add(slug)
        people.append(
            {
                "slug": slug,
                "name": f"{first} {last}",
                "kind": "person",
                "title": rng.choice(TITLES),
                "aliases": [f"{last} {len(people)}"],
            }
        )
    world["parties"].extend(people)
    for n, detainee in enumerate(people[:CASES]):
        world["cases"].append(
            {
                "slug": f"case-{detainee['slug']}",
                "name": f"{detainee['name']} ({n})",
                "detainee": detainee["slug"],
                "aliases": [],
            }
        )
    return world


def figures(label: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    rate = len(seconds) / sum(seconds)
    print(
        f"{label:<34} median {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms   "
        f"{rate:7.1f} articles/s   (n={len(ms)})"
    )


def bench_extraction(world: dict) -> None:
    from sources.extraction import Gazetteer, extract

    started = time.perf_counter()
    gazetteer = Gazetteer.from_world(world)
    print(f"gazetteer built in {(time.perf_counter() - started) * 1000:.0f} ms")
    for _ in range(20):  # warm up
        extract(SEED_TEXT, SEED_DAY, gazetteer)
    times = []
    for _ in range(EXTRACTION_RUNS):
        started = time.perf_counter()
        extract(SEED_TEXT, SEED_DAY, gazetteer)
        times.append(time.perf_counter() - started)
    figures("extraction, seed article", times)
    _bench_parts(gazetteer)


def _bench_parts(gazetteer) -> None:
    """The stages that scan the whole text, each timed alone on the seed article; the rest of
    extract() (reading each sentence, developments, folding, confidence) is the remainder."""
    from sources.extraction.clauses import subordinate_clauses
    from sources.extraction.dates import find_dates
    from sources.extraction.kinds import find_triggers
    from sources.extraction.sentences import split_sentences

    sentences = split_sentences(SEED_TEXT)
    parts = {
        "sentences": lambda: split_sentences(SEED_TEXT),
        "gazetteer mentions": lambda: gazetteer.find(SEED_TEXT),
        "dates": lambda: find_dates(SEED_TEXT, SEED_DAY),
        "kind triggers": lambda: find_triggers(SEED_TEXT),
        "clauses": lambda: [subordinate_clauses(SEED_TEXT, s.start, s.end) for s in sentences],
    }
    for name, run in parts.items():
        for _ in range(5):
            run()
        times = []
        for _ in range(EXTRACTION_RUNS):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        ms = sorted(t * 1000 for t in times)
        print(f"  part: {name:<28} median {statistics.median(ms):7.3f} ms")


def load_world_into_db(world: dict) -> None:
    from cases.models import Case, Party
    from cases.world import load_world
    from sources.gazetteer import get_gazetteer

    seed_slugs = {
        p["slug"] for p in json.loads((ROOT / "seeds" / "world.json").read_text())["parties"]
    }
    load_world(json.loads((ROOT / "seeds" / "world.json").read_text()))
    Party.objects.bulk_create(
        Party(slug=p["slug"], name=p["name"], title=p["title"], aliases=p["aliases"])
        for p in world["parties"]
        if p["slug"] not in seed_slugs
    )
    party_ids = dict(Party.objects.values_list("slug", "pk"))
    Case.objects.bulk_create(
        Case(slug=c["slug"], name=c["name"], detainee_id=party_ids[c["detainee"]])
        for c in world["cases"][-CASES:]
    )
    started = time.perf_counter()
    get_gazetteer()
    print(f"gazetteer from the database in {(time.perf_counter() - started) * 1000:.0f} ms")


def generated_detainees(world: dict) -> list[str]:
    return [case["name"].split(" (")[0] for case in world["cases"][-CASES:]]


def timed_tasks(article_ids: list[int]) -> tuple[list[float], list[float], dict]:
    from sources import processing

    times, cpu, outcomes = [], [], {}
    for article_id in article_ids:
        started, started_cpu = time.perf_counter(), time.process_time()
        outcome = str(processing.process_article(article_id))
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return times, cpu, outcomes


def bench_task(texts: list[str]) -> None:
    """texts[:WARM_UP] warm up; texts[WARM_UP:] are timed, then a copy of each."""
    from sources import processing
    from sources.gazetteer import get_gazetteer
    from sources.models import Article

    from .workers import queued_articles, syndicated_copy

    timed = texts[WARM_UP:]
    gazetteer = get_gazetteer()
    times = []
    for text in timed:
        started = time.perf_counter()
        processing.run_extraction(text, SEED_DAY, gazetteer)
        times.append(time.perf_counter() - started)
    figures("extraction, the same articles", times)

    ids = queued_articles(texts, "Bench", SEED_DAY)
    for article_id in ids[:WARM_UP]:
        processing.process_article(article_id)
    times, cpu, outcomes = timed_tasks(ids[WARM_UP:])
    figures("whole task, distinct articles", times)
    figures("  its CPU time in this process", cpu)  # the rest is waiting for PostgreSQL
    proposed = sum(a.proposed_entries.count() for a in Article.objects.filter(pk__in=ids[:50]))
    print(f"  outcomes {outcomes}; about {proposed / 50:.1f} proposed entries per article")

    copies = [syndicated_copy(text, n) for n, text in enumerate(timed)]
    times, cpu, outcomes = timed_tasks(queued_articles(copies, "Bench copy", SEED_DAY))
    figures("whole task, near-duplicates", times)
    # The check reads every original of the 30 days around the article: it grows with them.
    print(f"  outcomes {outcomes}; each checked against {len(texts)} originals")


def clear_articles() -> None:
    """No articles or proposals left, and fresh planner statistics: each worker run starts from
    the same database."""
    from sources.models import Article, ProposedEntry

    ProposedEntry.objects.all().delete()
    Article.objects.all().delete()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE sources_article, sources_proposedentry")


def burst(article_ids: list[int], queue: str, processes: list) -> tuple[float, int, str]:
    """Send a task per article; (articles/s from the first send to the last article finished,
    how many did not finish, where the CPU went: the machine, the workers and PostgreSQL)."""
    from django.db.models import Max
    from django.utils import timezone

    from sources.models import Article

    from .workers import DatabaseCpu, cpu_ticks, send, wait_finished

    machine, workers = cpu_ticks(), [cpu_ticks(p.pid)[0] for p in processes]
    with DatabaseCpu(connection.settings_dict["NAME"]) as database:
        sent_at = timezone.now()
        send(article_ids, queue)
        left = wait_finished(article_ids, 60 + 0.25 * len(article_ids), processes)
    last = Article.objects.filter(pk__in=article_ids).aggregate(Max("status_changed_at"))
    elapsed = max((last["status_changed_at__max"] - sent_at).total_seconds(), 1e-6)
    busy, total = (after - before for after, before in zip(cpu_ticks(), machine, strict=True))
    if not total:
        return len(article_ids) / elapsed, left, f"{elapsed:.1f} s; CPU not measured"
    used = (sum(cpu_ticks(p.pid)[0] for p in processes) - sum(workers)) / os.sysconf("SC_CLK_TCK")
    worker_ms = used / len(article_ids) * 1000
    database_ms = database.seconds / len(article_ids) * 1000
    cpus = os.cpu_count() or 1
    return (
        len(article_ids) / elapsed,
        left,
        f"{elapsed:.1f} s; machine {busy / total * cpus:.1f} of {cpus} CPUs busy; CPU an "
        f"article: workers {worker_ms:.1f} ms + PostgreSQL {database_ms:.1f} ms, "
        f"so at most {cpus * 1000 / (worker_ms + database_ms):.0f}/s on {cpus} idle CPUs",
    )


def bench_workers(texts: list[str]) -> bool:
    """The burst through 1 and 2 worker processes; False if an article was read twice or left
    unfinished. texts[:WARM_UP] warm the workers up (each builds its gazetteer on its first
    article); texts[WARM_UP:] are the burst, then their copies. The same texts for each run,
    on a database cleared in between."""
    if not settings.REDIS_URL or connection.vendor != "postgresql":
        print("through Celery workers: skipped (needs PostgreSQL and Redis)")
        return True
    from .workers import (
        check,
        drop_status_log,
        install_status_log,
        queued_articles,
        running_workers,
        send,
        syndicated_copy,
        wait_finished,
    )

    warm_up, distinct = texts[:WARM_UP], texts[WARM_UP:]
    copies = [syndicated_copy(text, n) for n, text in enumerate(distinct)]
    print(
        f"through Celery: separate worker processes (solo pool, concurrency 1), Redis broker, "
        f"a burst of {len(distinct)} distinct articles, then {len(copies)} near-duplicates"
    )
    all_ok = True
    install_status_log()
    try:
        for count in WORKER_COUNTS:
            clear_articles()
            # The lost-message sweep would send to the default queue, which these workers do not
            # read: kept out of a long burst (a stuck-claim sweep still runs every 10 s).
            with running_workers(count, "bench", QUEUED_ARTICLE_SECONDS="86400") as running:
                queue, names, processes = running
                warm_ids = queued_articles(warm_up, "Warm-up", SEED_DAY)
                send(warm_ids, queue)
                wait_finished(warm_ids, 120, processes)
                warmed = check(warm_ids).by_worker
                ids = queued_articles(distinct, "Burst", SEED_DAY)
                rate, _, detail = burst(ids, queue, processes)
                label = f"{count} worker{'s' if count > 1 else ''}"
                print(f"  {label}, distinct articles  {rate:7.1f} articles/s   ({detail})")
                copy_ids = queued_articles(copies, "Copy", SEED_DAY)
                copy_rate, _, copy_detail = burst(copy_ids, queue, processes)
                print(
                    f"  {label}, near-duplicates    {copy_rate:7.1f} articles/s   ({copy_detail}; "
                    f"each checked against {len(warm_ids) + len(ids)} originals)"
                )
            result = check(warm_ids + ids + copy_ids)
            burst_statuses = check(ids).statuses
            copy_statuses = check(copy_ids).statuses
            print(
                f"    distinct ended {dict(burst_statuses)}, copies ended {dict(copy_statuses)}; "
                f"warm-up claims by worker {dict(warmed)}"
            )
            print(f"    check: {result}")
            if result.ok:
                print("    check passed: every article claimed once and finished once")
            else:
                all_ok = False
                print(
                    f"    CHECK FAILED: read twice {result.read_twice[:20]}, "
                    f"unfinished {result.unfinished}, "
                    f"proposals from more than one run {result.mixed_proposals[:20]}"
                )
    finally:
        drop_status_log()
    return all_ok


def main() -> int:
    parts = set(sys.argv[1:]) or set(PARTS)
    if parts - set(PARTS):
        sys.exit(f"unknown part {sorted(parts - set(PARTS))}; the parts are {', '.join(PARTS)}")
    logging.disable(logging.INFO)  # a log line per task would be measured too
    rng = random.Random(20220728)
    world = generated_world(rng)
    vendor = connection.vendor
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
        f"database {vendor}; gazetteer {len(world['parties'])} parties, "
        f"{len(world['cases'])} cases; load average {os.getloadavg()[0]:.1f} at the start"
    )
    if "extraction" in parts:
        bench_extraction(world)
    ok = bench_ingestion(parts, rng, world) if parts & {"task", "workers"} else True
    if "pages" in parts:
        from . import pages

        pages.bench_pages()
        pages.bench_throughput()
    return 0 if ok else 1


def bench_ingestion(parts: set[str], rng: random.Random, world: dict) -> bool:
    vendor = connection.vendor

    from .workers import distinct_texts

    started = time.perf_counter()
    needed = WARM_UP + max(TASK_ARTICLES if "task" in parts else 0, BURST)
    texts = distinct_texts(rng, needed, generated_detainees(world))
    print(
        f"{len(texts)} distinct articles (none a near-duplicate of another) made in "
        f"{time.perf_counter() - started:.1f} s"
    )

    # A throwaway database of its own, never the one tests or people are using.
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if vendor != "sqlite":
        test_settings["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=False)  # as a worker runs: no query log
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    ok = True
    try:
        load_world_into_db(world)
        if "task" in parts:
            bench_task(texts[: WARM_UP + TASK_ARTICLES])
        if "workers" in parts:
            ok = bench_workers(texts[: WARM_UP + BURST])
    finally:
        connection.close()  # before the drop: the workers' connections are gone with them
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return ok


if __name__ == "__main__":
    sys.exit(main())
