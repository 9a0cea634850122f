"""Every date the record accepts lies between 1900-01-01 and a year after today: model fields,
the review's edit form, the admin and the database itself refuse the rest."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from cases.dates import EARLIEST_DATE, latest_date, validate_record_date
from cases.models import CaseStatusChange, TimelineEntry
from sources import review
from sources.models import Article, ProposedEntry, ReviewStatus
from tests.factories import make_article, make_entry, make_proposed_entry

pytestmark = pytest.mark.django_db

TOO_EARLY = [datetime.date(1, 1, 1), datetime.date(1899, 12, 31)]


def too_late() -> list[datetime.date]:
    return [latest_date() + datetime.timedelta(days=1), datetime.date(9999, 12, 31)]


def recorded_date_fields() -> list[models.DateField]:
    """Every date field of the record and the inbox (history tables copy them)."""
    return [
        field
        for app in ("cases", "sources")
        for model in apps.get_app_config(app).get_models()
        # History tables copy the record's dates; summaries mirror whatever the record holds.
        if not model.__name__.startswith("Historical") and model.__name__ != "CaseSummary"
        for field in model._meta.get_fields()
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)
    ]


def test_every_recorded_date_field_is_validated_against_the_bounds():
    fields = recorded_date_fields()
    assert {f"{f.model.__name__}.{f.name}" for f in fields} >= {
        "TimelineEntry.occurred_on",
        "TimelineEntry.reported_on",
        "CaseStatusChange.on",
        "ProposalStatusChange.on",
        "ProposedEntry.occurred_on",
        "Article.published_on",
    }
    for field in fields:
        assert validate_record_date in field.validators, field
        for date in [*TOO_EARLY, *too_late()]:
            with pytest.raises(ValidationError):
                field.run_validators(date)
        field.run_validators(EARLIEST_DATE)
        field.run_validators(latest_date())


def test_every_recorded_date_column_has_a_check_constraint():
    for field in recorded_date_fields():
        checked = [
            c
            for c in field.model._meta.constraints
            if isinstance(c, models.CheckConstraint) and field.name in str(c.condition)
        ]
        assert checked, field


@pytest.mark.parametrize("date", [datetime.date(1, 1, 1), datetime.date(9999, 12, 31)])
def test_the_database_refuses_an_absurd_date_from_any_route(world, date):
    entry = make_entry()
    with pytest.raises(IntegrityError), transaction.atomic():
        TimelineEntry.objects.filter(pk=entry.pk).update(occurred_on=date)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=make_article().pk).update(published_on=date)
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseStatusChange.objects.filter(case__slug="griner").update(on=date)
    proposed = make_proposed_entry()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposedEntry.objects.filter(pk=proposed.pk).update(occurred_on=date)


def test_an_unknown_publication_date_is_still_allowed():
    assert make_article(published_on=None).published_on is None


@pytest.mark.postgres
def test_on_postgresql_the_database_also_refuses_a_date_more_than_a_year_ahead(world):
    entry = make_entry()
    today = datetime.date.today()
    TimelineEntry.objects.filter(pk=entry.pk).update(
        occurred_on=today + datetime.timedelta(days=366)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        TimelineEntry.objects.filter(pk=entry.pk).update(
            occurred_on=today + datetime.timedelta(days=400)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=make_article().pk).update(
            published_on=today + datetime.timedelta(days=400)
        )


def test_approving_with_an_absurd_date_is_refused_not_an_error(world, editor):
    proposed = make_proposed_entry()
    with pytest.raises(review.ReviewError, match="Enter a date between 1900-01-01"):
        review.approve(proposed, by=editor, changes={"occurred_on": datetime.date(9999, 12, 31)})
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING
    assert not TimelineEntry.objects.exists()


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "1899-12-31"])
def test_the_admin_refuses_an_absurd_entry_date(client, superuser, world, date):
    client.force_login(superuser)
    entry = make_entry()
    url = reverse("admin:cases_timelineentry_change", args=[entry.pk])
    response = client.post(
        url,
        {
            "occurred_on": date,
            "precision": "day",
            "reported_on": "2022-07-28",
            "kind": "statement",
            "summary": entry.summary,
            "attribution": "on_record",
            "cases": [entry.cases.get().pk],
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Enter a date between 1900-01-01" in response.content.decode()
    entry.refresh_from_db()
    assert entry.occurred_on == datetime.date(2022, 7, 28)


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def before_the_bounds(transactional_db):
    """The schema as it was before the date bounds; the latest again afterwards, whatever the
    test did, so the tests after it find the schema they expect."""
    executor = MigrationExecutor(connection)
    before = [("cases", "0002_entry_search_index"), ("sources", "0003_review_actions")]
    executor.migrate(before)
    yield executor.loader.project_state(before).apps
    migrate_to_latest()


def test_the_migration_moves_existing_absurd_dates_into_bounds_instead_of_failing(
    before_the_bounds,
):
    """Rows written before the bounds existed: entries and status changes move to the nearer
    bound, a publication date becomes unknown, and the constraints then hold."""
    old = before_the_bounds
    party = old.get_model("cases", "Party").objects.create(slug="p", name="P")
    case = old.get_model("cases", "Case").objects.create(slug="c", name="C", detainee=party)
    changes = old.get_model("cases", "CaseStatusChange").objects
    changes.create(case=case, status="detained", on=datetime.date(1, 1, 1))
    changes.create(case=case, status="detained", on=datetime.date(5, 1, 1))
    changes.create(case=case, status="released", on=datetime.date(9999, 12, 31))
    entry = old.get_model("cases", "TimelineEntry").objects.create(
        occurred_on=datetime.date(9999, 12, 31),
        reported_on=datetime.date(1, 1, 1),
        kind="court",
        summary="A typo",
    )
    article = old.get_model("sources", "Article").objects.create(
        title="t", published_on=datetime.date(9999, 1, 1)
    )

    migrate_to_latest()

    entry = TimelineEntry.objects.get(pk=entry.pk)
    assert (entry.occurred_on, entry.reported_on) == (
        datetime.date(2100, 12, 31),
        datetime.date(1900, 1, 1),
    )
    assert sorted(CaseStatusChange.objects.values_list("status", "on")) == [
        ("detained", datetime.date(1900, 1, 1)),  # two typos of one fact are one row
        ("released", datetime.date(2100, 12, 31)),
    ]
    assert Article.objects.get(pk=article.pk).published_on is None
    with pytest.raises(IntegrityError), transaction.atomic():
        TimelineEntry.objects.filter(pk=entry.pk).update(occurred_on=datetime.date(9999, 1, 1))


@pytest.mark.parametrize("days_ahead", [367, 600])
def test_a_worker_drops_a_candidate_dated_beyond_the_records_bounds(world, days_ahead):
    """An article published ahead (allowed up to a year) may yield a date a year after that;
    the worker drops it instead of failing the article on the constraint."""
    from sources import processing
    from sources.extraction import Candidate

    article = make_article(published_on=latest_date())
    late = datetime.date.today() + datetime.timedelta(days=days_ahead)
    fields = {
        "start": 0,
        "end": 14,
        "evidence": article.text[:14],
        "precision": "day",
        "date_basis": "next year",
        "kind": "court",
        "cases": ["griner"],
        "parties": [],
        "proposal": None,
        "speaker": None,
        "quote": "",
        "confidence": 0.5,
        "matched": [],
    }
    candidates = [Candidate(date=latest_date(), **fields), Candidate(date=late, **fields)]
    written = processing.write_proposals(article, candidates, "test")
    assert [p.occurred_on for p in written] == [latest_date()]
