"""Run a command (the test suite, the benchmarks) against the real services when they answer.

    python -m tests.services python -m pytest ...

PostgreSQL and Redis are used where they answer on their usual local addresses, unless
DATABASE_URL or REDIS_URL already says otherwise. With REQUIRE_SERVICES=1 (CI) a service that
does not answer is an error, not a reason to fall back to SQLite and eager tasks.
"""

import os
import sys

LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/tracker"
LOCAL_REDIS = "redis://127.0.0.1:6379/1"


def postgres_answers(url: str) -> bool:
    import psycopg

    # The database named in the URL may not exist yet; the test runner creates its own.
    maintenance = url.rsplit("/", 1)[0] + "/postgres"
    try:
        psycopg.connect(maintenance, connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=3).ping())
    except (OSError, redis.RedisError):
        return False


def main(command: list[str]) -> None:
    required = os.environ.get("REQUIRE_SERVICES") == "1"
    database_url = os.environ.get("DATABASE_URL", LOCAL_POSTGRES)
    redis_url = os.environ.get("REDIS_URL", LOCAL_REDIS)
    missing = []

    if database_url.startswith("postgres") and postgres_answers(database_url):
        os.environ["DATABASE_URL"] = database_url
    elif "DATABASE_URL" in os.environ and not database_url.startswith("postgres"):
        pass  # an explicit non-PostgreSQL database was asked for
    else:
        missing.append(f"PostgreSQL ({database_url})")

    if redis_answers(redis_url):
        os.environ["REDIS_URL"] = redis_url
    else:
        missing.append(f"Redis ({redis_url})")

    for service in missing:
        print(f"tests.services: {service} does not answer", file=sys.stderr)
    if missing and required:
        sys.exit("tests.services: REQUIRE_SERVICES=1 and a service is missing; not falling back.")
    if missing:
        print(
            "tests.services: falling back to SQLite and eager Celery where needed", file=sys.stderr
        )
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
