"""Articles for the benchmarks, and Celery workers as separate processes on one broker.

Used by the benchmark (tests.bench: the burst through 1 and 2 workers) and by
tests/sources/test_many_workers.py. Needs Django set up before it is imported.

The articles:
- distinct_texts: articles made of paragraphs of the repository's own texts (the seed article and
  the extraction corpus), with a sentence about a case, and checked against each other with
  sources.dedupe's own rules (SimHash distance, then Jaccard or containment of word shingles):
  none is a near-duplicate of another, so each costs a full extraction.
- syndicated_copy: the same text under a dateline and a credit line, checked to be a near-duplicate
  of its original (and not the very same text), so it costs the duplicate check only.

The workers: `celery -A config worker --pool=solo --concurrency=1`, each a process of its own,
with DATABASE_URL naming the database this process is connected to (the test or benchmark
database) and REDIS_URL the broker, consuming a queue of their own so that no other worker on
the same Redis takes the messages (and they take no one else's).

Whether an article was read more than once is recorded by the database itself, not by the
workers: a trigger (install_status_log) logs every UPDATE of an article's status with the
application_name of the connection that made it, which each worker's DATABASE_URL sets to its
name. A claim is the UPDATE that puts an article in fetching or extracting (sources.processing
makes it conditional on the article being queued, and stamps it); a second one is a second read
of the article, whichever worker made it, even one that wrote extracting over extracting. The
proposals are checked too: all of an article's rows must come from one transaction (PostgreSQL's
xmin) and one extractor version.
"""

import datetime
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection

from sources import dedupe
from sources.processing import IN_PROGRESS
from tests.faults.processes import database_url

ROOT = Path(settings.BASE_DIR)
TEXT_DIRS = [ROOT / "tests" / "extraction" / name / "texts" for name in ("corpus", "dev")]
MIN_WORDS = 330  # above dedupe.SHORT_WORDS, as long as the seed article
FINISHED = ["done", "duplicate", "failed"]
CITIES = ["Moscow", "Minsk", "Tehran", "Caracas", "Beijing", "Pyongyang", "Kabul", "Damascus"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def paragraph_pool() -> list[str]:
    """Every paragraph of more than eight words of the seed article and the extraction corpus,
    each once: all in the repository, so the workload does not depend on the machine."""
    paths = [ROOT / "seeds" / "seed-2022-07-28.txt"]
    for directory in TEXT_DIRS:
        paths += sorted(directory.glob("*.txt"))
    seen: dict[str, None] = {}
    for path in paths:
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            if len(paragraph.split()) > 8:
                seen.setdefault(paragraph.strip())
    return list(seen)


def _compose(rng: random.Random, paragraphs: list[str], names: list[str], n: int) -> str:
    chosen: list[str] = []
    for paragraph in rng.sample(paragraphs, len(paragraphs)):
        chosen.append(paragraph)
        if sum(len(p.split()) for p in chosen) >= MIN_WORDS:
            break
    chosen.insert(
        rng.randrange(len(chosen) + 1),
        f"{rng.choice(names)} was detained in {rng.choice(CITIES)} on {rng.choice(WEEKDAYS)}, "
        f"officials said, in case number {n}.",
    )
    return "\n".join(chosen)


def _bound(word_count: int) -> int:
    return dedupe.MAX_HAMMING if word_count >= dedupe.SHORT_WORDS else dedupe.MAX_HAMMING_SHORT


def distinct_texts(rng: random.Random, count: int, names: list[str]) -> list[str]:
    """`count` articles of which no two are near-duplicates by sources.dedupe's rules (checked
    both ways round, with the larger bound of the two lengths); `names` are the people the
    added sentence says were detained."""
    paragraphs = paragraph_pool()
    texts: list[str] = []
    prints: list[tuple[int, int]] = []  # (SimHash, word count) of each accepted text
    attempts = 0
    while len(texts) < count:
        attempts += 1
        if attempts > 20 * count + 100:
            raise RuntimeError(f"only {len(texts)} distinct articles in {attempts} attempts")
        text = _compose(rng, paragraphs, names, attempts)
        fingerprint, word_count = dedupe.simhash(text), len(dedupe.words(text))
        near = [
            texts[i]
            for i, (other, other_words) in enumerate(prints)
            if dedupe.hamming(fingerprint, other) <= max(_bound(word_count), _bound(other_words))
        ]
        if any(dedupe.is_near_duplicate(other, text) for other in near):
            continue
        texts.append(text)
        prints.append((fingerprint, word_count))
    return texts


def syndicated_copy(text: str, n: int) -> str:
    """The same story as another outlet runs it: a dateline and a credit line added. Raises if
    sources.dedupe would not take it for a near-duplicate of `text`."""
    copy = f"MOSCOW, {WEEKDAYS[n % 7]} (Wire {n}) - {text}\n(Reporting by the Moscow bureau {n})"
    distance = dedupe.hamming(dedupe.simhash(copy), dedupe.simhash(text))
    if distance > _bound(len(dedupe.words(copy))) or not dedupe.is_near_duplicate(text, copy):
        raise RuntimeError(f"copy {n} is {distance} bits away, not a near-duplicate")
    return copy


def queued_articles(texts: list[str], title: str, published: datetime.date) -> list[int]:
    """The texts as queued pasted articles; their ids, in order (consecutive on PostgreSQL)."""
    from sources.models import Article

    articles = Article.objects.bulk_create(
        Article(title=f"{title} {n}", text=text, published_on=published, status="queued")
        for n, text in enumerate(texts)
    )
    return [article.pk for article in articles]


# The record of every status change, kept by the database.

STATUS_LOG_SQL = [
    "CREATE TABLE bench_status_change (article_id bigint NOT NULL, old text NOT NULL,"
    " new text NOT NULL, worker text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())",
    "CREATE FUNCTION bench_log_status_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " INSERT INTO bench_status_change (article_id, old, new, worker)"
    " VALUES (NEW.id, OLD.status, NEW.status, current_setting('application_name'));"
    " RETURN NULL; END $$",
    # Every UPDATE that sets the status, changed or not: a claim taken again over a claim (the
    # bug this is here to catch) writes extracting over extracting.
    "CREATE TRIGGER bench_status_change AFTER UPDATE OF status ON sources_article FOR EACH ROW"
    " EXECUTE FUNCTION bench_log_status_change()",
]
DROP_STATUS_LOG_SQL = [
    "DROP TRIGGER IF EXISTS bench_status_change ON sources_article",
    "DROP FUNCTION IF EXISTS bench_log_status_change()",
    "DROP TABLE IF EXISTS bench_status_change",
]


def install_status_log() -> None:
    """PostgreSQL only. One INSERT per status change, in the changing transaction."""
    drop_status_log()
    with connection.cursor() as cursor:
        for sql in STATUS_LOG_SQL:
            cursor.execute(sql)


def drop_status_log() -> None:
    with connection.cursor() as cursor:
        for sql in DROP_STATUS_LOG_SQL:
            cursor.execute(sql)


@dataclass
class Check:
    """What became of a set of articles, from the status log and the proposals."""

    statuses: Counter = field(default_factory=Counter)
    claims: Counter = field(default_factory=Counter)  # claims an article had -> how many articles
    endings: Counter = field(default_factory=Counter)  # times it finished -> how many articles
    by_worker: Counter = field(default_factory=Counter)  # claims each worker made
    read_twice: list[int] = field(default_factory=list)
    mixed_proposals: list[int] = field(default_factory=list)  # from more than one run

    @property
    def unfinished(self) -> int:
        return sum(n for status, n in self.statuses.items() if status not in FINISHED)

    @property
    def ok(self) -> bool:
        return (
            not self.unfinished
            and set(self.claims) == {1}
            and set(self.endings) == {1}
            and not self.mixed_proposals
        )

    def __str__(self) -> str:
        return (
            f"statuses {dict(sorted(self.statuses.items()))}; "
            f"claims per article {dict(sorted(self.claims.items()))} (want {{1: all}}); "
            f"times finished {dict(sorted(self.endings.items()))}; "
            f"articles with proposals from more than one run {len(self.mixed_proposals)}; "
            f"claims by worker {dict(sorted(self.by_worker.items()))}"
        )


def is_claim(old: str, new: str) -> bool:
    """An UPDATE that put the article in a reading state: a claim (queued -> fetching or
    extracting), or one taken over another (extracting -> extracting), but not the fetched
    article moving on to extraction under the same claim."""
    return new in ("fetching", "extracting") and (old, new) != ("fetching", "extracting")


def check(article_ids: list[int]) -> Check:
    """Each article: its status, how many times it was claimed (taken from queued), how many
    times it finished (reached done, duplicate or failed), by whom; and whether its proposals
    come from one run (one transaction, one extractor version)."""
    from sources.models import Article

    result = Check()
    statuses = dict(Article.objects.filter(pk__in=article_ids).values_list("pk", "status"))
    result.statuses = Counter(statuses.values())
    claims: Counter = Counter()
    endings: Counter = Counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT article_id, old, new, worker FROM bench_status_change"
            " WHERE article_id = ANY(%s)",
            [article_ids],
        )
        for article_id, old, new, worker in cursor.fetchall():
            if is_claim(old, new):
                claims[article_id] += 1
                result.by_worker[worker] += 1
            if new in FINISHED:
                endings[article_id] += 1
        cursor.execute(
            "SELECT article_id FROM sources_proposedentry WHERE article_id = ANY(%s)"
            " GROUP BY article_id HAVING COUNT(DISTINCT xmin::text) > 1"
            " OR COUNT(DISTINCT extractor_version) > 1",
            [article_ids],
        )
        result.mixed_proposals = [row[0] for row in cursor.fetchall()]
    result.claims = Counter(claims[pk] for pk in article_ids)
    result.endings = Counter(endings[pk] for pk in article_ids)
    result.read_twice = sorted(pk for pk in article_ids if claims[pk] > 1)
    return result


# The workers.


def worker_environment(name: str, **extra: str) -> dict[str, str]:
    """This process's environment, with the database it is connected to (a test database, not
    the one DATABASE_URL names) and its broker; `name` becomes the connection's
    application_name, which the status log records."""
    return os.environ | {
        "DATABASE_URL": f"{database_url()}?application_name={name}",
        "REDIS_URL": settings.REDIS_URL,
        **extra,
    }


def worker_command(name: str, queue: str) -> list[str]:
    return [
        *(sys.executable, "-m", "celery", "-A", "config", "worker"),
        *("--pool=solo", "--concurrency=1", f"--hostname={name}@%h", f"--queues={queue}"),
        # No exchange of state with other workers on the broker, and no events: a quieter start.
        *("--loglevel=WARNING", "--without-mingle", "--without-gossip"),
    ]


def stop(processes: list[subprocess.Popen], seconds: float = 20) -> None:
    """A warm shutdown (the current article finished), then a kill; each worker is the leader of
    its own process group (start_new_session), and only those groups are signalled."""
    for process in processes:
        if process.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_ready(names: list[str], processes: list[subprocess.Popen], seconds: float) -> None:
    """Until every worker answers a ping on the broker."""
    from config.celery import app

    deadline = time.monotonic() + seconds
    while True:
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"a worker exited with status {process.returncode}")
        answered = {node.split("@")[0] for reply in app.control.ping(timeout=0.5) for node in reply}
        if set(names) <= answered:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"workers {sorted(set(names) - answered)} did not answer")


def remove_queue(queue: str) -> None:
    """The queue's messages, its binding and any unacknowledged ones (none after a warm
    shutdown, which hands them back), so nothing is left on the broker."""
    import json

    import redis

    broker = redis.Redis.from_url(settings.REDIS_URL)
    for tag, raw in broker.hgetall("unacked").items():
        if json.loads(raw)[2] == queue:
            broker.hdel("unacked", tag)
            broker.zrem("unacked_index", tag)
    broker.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")


@contextmanager
def running_workers(count: int, tag: str, *, ready_seconds: float = 60, **extra_env: str):
    """`count` worker processes named tag1, tag2 ... consuming a new queue of their own; yields
    (queue, names, processes) once all answer a ping; stops them and removes the queue after,
    whatever happens."""
    token = uuid.uuid4().hex[:8]
    queue = f"{tag}-{token}"
    names = [f"{tag}{n}-{token}" for n in range(1, count + 1)]
    processes: list[subprocess.Popen] = []
    try:
        for name in names:
            processes.append(
                subprocess.Popen(
                    worker_command(name, queue),
                    cwd=ROOT,
                    env=worker_environment(name, **extra_env),
                    stdout=subprocess.DEVNULL,  # the banner; warnings and errors go to stderr
                    start_new_session=True,
                )
            )
        wait_ready(names, processes, ready_seconds)
        yield queue, names, processes
    finally:
        stop(processes)
        remove_queue(queue)


def send(article_ids: list[int], queue: str, times: int = 1) -> None:
    from sources.tasks import process_article

    for article_id in article_ids:
        for _ in range(times):
            process_article.apply_async((article_id,), queue=queue)


def wait_finished(
    article_ids: list[int], seconds: float, processes: list[subprocess.Popen] = ()
) -> int:
    """Until none of the articles is queued or being read; how many still are at the deadline
    (or when a worker exits)."""
    from sources.models import Article

    pending = Article.objects.filter(pk__in=article_ids, status__in=IN_PROGRESS)
    deadline = time.monotonic() + seconds
    while (left := pending.count()) and time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            break
        time.sleep(0.2)
    return left


def wait_blocked(names: list[str], seconds: float) -> None:
    """Until every named worker's connection is waiting for a lock (here: its claim's UPDATE
    waiting for a row lock the caller holds)."""
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # fresh figures, in a transaction
            cursor.execute(
                "SELECT DISTINCT application_name FROM pg_stat_activity"
                " WHERE application_name = ANY(%s) AND wait_event_type = 'Lock'",
                [names],
            )
            if {row[0] for row in cursor.fetchall()} >= set(names):
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"workers {names} are not all waiting for the lock")
            time.sleep(0.02)


def cpu_ticks(pid: int | None = None) -> tuple[int, int]:
    """(busy, total) clock ticks of the machine, or (used, 0) of one process; (0, 0) where
    /proc does not exist."""
    try:
        if pid is None:
            fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
            idle = fields[3] + fields[4]  # idle, iowait
            return sum(fields) - idle, sum(fields)
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12]), 0  # utime, stime
    except (OSError, IndexError, ValueError):
        return 0, 0


class DatabaseCpu:
    """The CPU time of this machine's PostgreSQL backends serving one database, sampled from /proc
    every 0.2 s while running (backends come and go: a worker reconnects after
    CELERY_DB_REUSE_MAX tasks and after each sweep; one that exits loses at most its last
    0.2 s). 0 where PostgreSQL is on another machine or there is no /proc."""

    def __init__(self, database: str):
        self.marker = f" {database} "
        self.first: dict[int, int] = {}
        self.last: dict[int, int] = {}
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                if not title.startswith("postgres:") or self.marker not in title:
                    continue
                pid = int(entry.name)
                used = cpu_ticks(pid)[0]
            except (OSError, ValueError):
                continue
            self.first.setdefault(pid, used)
            self.last[pid] = used

    def _run(self) -> None:
        while not self.stopped.wait(0.2):
            self._sample()

    def __enter__(self) -> "DatabaseCpu":
        self._sample()
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopped.set()
        self.thread.join()
        self._sample()

    @property
    def seconds(self) -> float:
        ticks = sum(self.last[pid] - self.first[pid] for pid in self.last)
        return ticks / os.sysconf("SC_CLK_TCK")
