"""The API tests' record: the seed world and article, read and reviewed as an editor would."""

import datetime

import pytest
from django.test import Client

from cases import corrections
from cases.models import Case, Party, TimelineEntry
from config.celery import app as celery_app
from sources import review
from sources.models import Article, ProposedEntry, ReviewStatus
from tests import seeded
from tests.factories import make_article, make_entry


@pytest.fixture(scope="session")
def seed_rows(django_db_setup, django_db_blocker):
    """What `load_seeds` adds, loaded for real once per session (see tests/seeded.py)."""
    with django_db_blocker.unblock():
        return seeded.take()


@pytest.fixture
def api_eager_tasks():
    """The seed article is read as it is submitted, in the process, as `make run` does
    without a broker."""
    was = celery_app.conf.task_always_eager
    celery_app.conf.update(task_always_eager=True)
    yield
    celery_app.conf.update(task_always_eager=was)


@pytest.fixture
def api_record(db, seed_rows, api_eager_tasks, editor):
    """The seed world and article (load_seeds, restored from the session's one real load),
    three of its proposed entries approved, one of them corrected; a restricted entry and a
    retracted one; a party with a non-Latin name named by an entry cited from an article with a
    long headline."""
    seeded.restore(seed_rows)
    seed = Article.objects.get()
    pending = list(seed.proposed_entries.filter(status=ReviewStatus.PENDING).order_by("ordinal"))
    approved = [review.approve(proposed.pk, by=editor) for proposed in pending[:3]]
    corrections.correct(
        approved[0],
        by=editor,
        reason="The date was the day of the report",
        changes={"occurred_on": approved[0].occurred_on - datetime.timedelta(days=1)},
    )
    lavrov = Party.objects.create(slug="lavrov-ru", name="Сергей Лавров", kind="person")
    long_title = "Лавров: " + "переговоры об обмене заключёнными продолжаются " * 8
    cyrillic = make_entry(
        parties=("lavrov-ru",),
        article=make_article(title=long_title[:500], url="https://ria.example/обмен"),
        summary="Лавров говорит, что переговоры об обмене идут.",
        kind="statement",
        occurred_on=datetime.date(2022, 7, 29),
    )
    restricted = make_entry(
        summary="A restricted channel: a back-channel contact in Abu Dhabi.",
        kind="contact",
        parties=("lavrov-ru",),
        restricted=True,
        occurred_on=datetime.date(2022, 7, 30),
    )
    retracted = make_entry(summary="A retracted report of a swap.", kind="report")
    corrections.retract(retracted, by=editor, reason="The outlet withdrew the story")
    return {
        "seed": seed,
        "approved": approved,
        "corrected": approved[0],
        "cyrillic": cyrillic,
        "lavrov": lavrov,
        "restricted": restricted,
        "retracted": retracted,
        "pending": ProposedEntry.objects.filter(status=ReviewStatus.PENDING),
        "griner": Case.objects.get(slug="griner"),
        "on_record": TimelineEntry.objects.on_record(),
    }


@pytest.fixture
def api_clients(analyst, editor, outsider):
    """A client per role, signed in with its session (tokens are tested with the tokens)."""
    from conftest import signed_in

    clients = {"anonymous": Client()}
    for name, user in (("outsider", outsider), ("analyst", analyst), ("editor", editor)):
        clients[name] = signed_in(Client(), user)
    return clients
