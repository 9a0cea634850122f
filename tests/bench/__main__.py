"""The ingestion benchmark: `make bench` (python -m tests.services python -m tests.bench).

Prints median and p95 time per article and articles per second for
  1. extraction alone: the seed article, with a gazetteer of the seed world plus 2,000 generated
     parties and 500 generated cases; and the stages that scan the whole text, each alone;
  2. the whole task, as a worker runs it (sources.processing.process_article): claim, fingerprint,
     near-duplicate check, extraction, proposed entries and their links written, article done;
     on a throwaway database (PostgreSQL when tests.services found it), with the same world.
Fetching is not included (pasted text; the network would dominate), nor the broker round trip.
A benchmark prints figures; it asserts nothing.
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


def article_texts(rng: random.Random, world: dict, count: int) -> list[str]:
    """Distinct articles: paragraphs drawn from the seed and the evaluation texts, shuffled, with
    a sentence about a generated case, so no two are near-duplicates of each other."""
    paragraphs = [p for p in SEED_TEXT.split("\n") if len(p.split()) > 8]
    for path in sorted((ROOT.parent / "shared" / "eval" / "dev" / "texts").glob("*.txt")):
        paragraphs += [p for p in path.read_text().split("\n") if len(p.split()) > 8]
    cases = world["cases"][-CASES:]
    texts = []
    for n in range(count):
        chosen = rng.sample(paragraphs, min(8, len(paragraphs)))
        case = rng.choice(cases)
        name = case["name"].split(" (")[0]
        chosen.insert(
            rng.randrange(len(chosen)),
            f"{name} was detained in Moscow on Tuesday, officials said, in case number {n}.",
        )
        texts.append("\n".join(chosen))
    return texts


def bench_task(world: dict, rng: random.Random) -> None:
    from cases.models import Case, Party
    from cases.world import load_world
    from sources import processing
    from sources.gazetteer import get_gazetteer
    from sources.models import Article

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

    texts = article_texts(rng, world, TASK_ARTICLES + 20)
    articles = Article.objects.bulk_create(
        Article(title=f"Bench {n}", text=text, published_on=SEED_DAY, status="queued")
        for n, text in enumerate(texts)
    )
    gazetteer = get_gazetteer()
    times = []
    for text in texts[20:]:
        started = time.perf_counter()
        processing.run_extraction(text, SEED_DAY, gazetteer)
        times.append(time.perf_counter() - started)
    figures("extraction, the same articles", times)

    for article in articles[:20]:  # warm up
        processing.process_article(article.pk)
    times, cpu, outcomes = [], [], {}
    for article in articles[20:]:
        started, started_cpu = time.perf_counter(), time.process_time()
        outcome = processing.process_article(article.pk)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    figures("whole task (extract + DB writes)", times)
    figures("  its CPU time in this process", cpu)  # the rest is waiting for PostgreSQL
    proposed = sum(a.proposed_entries.count() for a in Article.objects.filter(status="done")[:50])
    print(f"outcomes {outcomes}; about {proposed / 50:.1f} proposed entries per article")
    bench_worker(article_texts(rng, world, TASK_ARTICLES))


def bench_worker(texts: list[str]) -> None:
    """Throughput through Celery: one worker process (solo pool), the Redis broker, tasks sent
    for queued articles; from the first send to the last article done."""
    if not settings.REDIS_URL:
        print("through a Celery worker: skipped (no Redis)")
        return
    from celery.contrib.testing.worker import start_worker

    from config.celery import app
    from sources.models import Article
    from sources.tasks import process_article

    app.conf.task_always_eager = False
    articles = Article.objects.bulk_create(
        Article(title=f"Worker {n}", text=text, published_on=SEED_DAY, status="queued")
        for n, text in enumerate(texts)
    )
    ids = [article.pk for article in articles]
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="ERROR"):
        started = time.perf_counter()
        for article_id in ids:
            process_article.delay(article_id)
        waiting = Article.objects.filter(pk__in=ids, status__in=["queued", "extracting"])
        while waiting.exists() and time.perf_counter() - started < 300:
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
    print(
        f"{'through a Celery worker (solo)':<34} {len(ids) / elapsed:7.1f} articles/s   "
        f"(n={len(ids)}, {elapsed:.1f} s, broker round trip included)"
    )


def main() -> None:
    logging.disable(logging.INFO)  # a log line per task would be measured too
    rng = random.Random(20220728)
    world = generated_world(rng)
    vendor = connection.vendor
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
        f"database {vendor}; gazetteer {len(world['parties'])} parties, "
        f"{len(world['cases'])} cases"
    )
    bench_extraction(world)

    # A throwaway database of its own, never the one tests or people are using.
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if vendor != "sqlite":
        test_settings["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=False)  # as a worker runs: no query log
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        bench_task(world, rng)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
