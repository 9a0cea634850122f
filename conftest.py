"""Test-wide settings and the personas every test file uses."""

import os

import pytest
from django.contrib.auth.models import Group

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def pytest_collection_modifyitems(config, items):
    """Skip tests whose service is missing, with the reason, except in CI where it must be there."""
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    missing = {
        "postgres": None if on_postgres else "needs PostgreSQL (set DATABASE_URL or start it)",
        "redis": None if settings.REDIS_URL else "needs Redis (set REDIS_URL or start it)",
    }
    for item in items:
        for marker, reason in missing.items():
            if reason and item.get_closest_marker(marker):
                if REQUIRE_SERVICES:
                    raise pytest.UsageError(f"REQUIRE_SERVICES=1 but {item.nodeid} {reason}")
                item.add_marker(pytest.mark.skip(reason=reason))


def role(name: str) -> Group:
    """The role's group. A migration creates it, but a transactional test (the browser tests)
    flushes the tables afterwards, so it is re-created here from the migration's own lists."""
    from importlib import import_module

    from django.contrib.auth.models import Permission

    group, created = Group.objects.get_or_create(name=name)
    if created:
        roles = import_module("sources.migrations.0002_roles")
        wanted = {"Analysts": roles.ANALYST_PERMISSIONS, "Editors": roles.EDITOR_PERMISSIONS}[name]
        for app_label, codename in wanted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    return group


@pytest.fixture
def analyst(django_user_model):
    user = django_user_model.objects.create_user("analyst", password="pw-analyst-1")
    user.groups.add(role("Analysts"))
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw-editor-1")
    user.groups.add(role("Editors"))
    return user


@pytest.fixture
def outsider(django_user_model):
    """Signed in, but in no role."""
    return django_user_model.objects.create_user("outsider", password="pw-outsider-1")


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", password="pw-root-1")


def signed_in(client, user):
    """The client signed in as the user, as after the user's first page: the user is read once,
    then kept in the cache (cases.roles.cached_user), so tests count a page's own queries."""
    from django.test import RequestFactory

    from cases.roles import cached_user

    client.force_login(user)
    request = RequestFactory().get("/")
    request.session = client.session
    assert cached_user(request) == user
    return client


@pytest.fixture
def analyst_client(client, analyst):
    return signed_in(client, analyst)


@pytest.fixture
def editor_client(client, editor):
    return signed_in(client, editor)


@pytest.fixture
def world(db):
    """The seed world: Griner, Whelan, the Bout swap and the parties of the seed article."""
    import json

    from django.conf import settings

    from cases.world import load_world

    load_world(json.loads((settings.BASE_DIR / "seeds" / "world.json").read_text()))


@pytest.fixture
def throttle_counts(settings):
    """An empty cache of its own for the submission throttle's counts (django-ratelimit).
    Clearing the default cache instead would flush the Redis database the Celery broker shares
    with it. Sign-in throttling counts in the database, which each test starts empty."""
    from django.core.cache import caches

    settings.CACHES = settings.CACHES | {
        "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }
    settings.RATELIMIT_USE_CACHE = "throttle"
    caches["throttle"].clear()
