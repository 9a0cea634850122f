"""The desk's measure (/review/quality/): what editors did with the extractor's proposals."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, EntryKind
from sources import quality, review
from sources.models import ProposedEntry, RejectReason, ReviewStatus
from tests.factories import make_article, make_entry, make_proposed_entry

pytestmark = pytest.mark.django_db

URL = reverse("sources:quality")


def editor_added(article, editor, **fields):
    """A development the machine missed, as the add-missed form records it."""
    return make_proposed_entry(
        article,
        added_by_editor=True,
        status=ReviewStatus.APPROVED,
        reviewed_by=editor,
        reviewed_at=timezone.now(),
        confidence=1,
        **fields,
    )


@pytest.fixture
def reviewed(world, editor):
    """Version 2.0: two approved as proposed, one approved with its date edited, one with its
    cases edited, one rejected for its date, one not a development, one merged, one pending;
    version 1.0: one statement approved; and two developments editors added."""
    article = make_article()
    v2 = {"extractor_version": "2.0"}
    for _ in range(2):
        review.approve(make_proposed_entry(article, **v2), by=editor)
    review.approve(
        make_proposed_entry(article, **v2),
        by=editor,
        changes={"occurred_on": datetime.date(2022, 2, 18)},
    )
    review.approve(
        make_proposed_entry(article, kind=EntryKind.CHARGE, **v2),
        by=editor,
        changes={"cases": list(Case.objects.filter(slug="whelan"))},
    )
    review.reject(make_proposed_entry(article, **v2), by=editor, reason=RejectReason.WRONG_DATE)
    review.reject(
        make_proposed_entry(article, kind=EntryKind.CHARGE, **v2),
        by=editor,
        reason=RejectReason.NOT_A_DEVELOPMENT,
    )
    review.merge(make_proposed_entry(article, **v2), make_entry(), by=editor)
    make_proposed_entry(article, **v2)  # pending: not reviewed, not counted
    review.approve(
        make_proposed_entry(article, kind=EntryKind.STATEMENT, extractor_version="1.0"), by=editor
    )
    editor_added(article, editor, extractor_version="2.0")
    editor_added(article, editor, extractor_version="2.0", kind=EntryKind.CHARGE)


def today_report():
    today = timezone.localdate()
    return quality.measure(today - datetime.timedelta(days=1), today)


def test_it_counts_per_extractor_version(reviewed):
    report = today_report()
    v2, v1 = report.by_version
    assert (v2.label, v1.label) == ("2.0", "1.0")
    assert v2.reviewed == 7
    assert (v2.approved_unchanged, v2.approved_edited, v2.rejected, v2.merged) == (2, 2, 2, 1)
    assert v2.added == 2
    assert v2.edits == [("date", 1), ("cases", 1)] or v2.edits == [("cases", 1), ("date", 1)]
    assert dict(v2.reasons) == {"Wrong date": 1, "Not a development": 1}
    assert (v1.reviewed, v1.approved_unchanged, v1.added) == (1, 1, 0)


def test_it_derives_precision_dates_right_and_recall(reviewed):
    v2 = today_report().by_version[0]
    # (4 approved + 1 merged) / 7 reviewed
    assert v2.precision == pytest.approx(5 / 7)
    # (4 approved - 1 date edited) / (4 approved + 1 rejected for a wrong date)
    assert v2.dates_right == pytest.approx(3 / 5)
    # (4 approved + 1 merged) / (5 + 2 added by editors)
    assert v2.recall == pytest.approx(5 / 7)


def test_it_counts_per_kind_and_in_all(reviewed):
    report = today_report()
    kinds = {m.label: m for m in report.by_kind}
    assert set(kinds) == {"Detention", "Charge", "Statement"}
    charge = kinds["Charge"]
    assert (charge.reviewed, charge.approved_edited, charge.rejected, charge.added) == (2, 1, 1, 1)
    assert charge.dates_right == pytest.approx(1.0)
    assert report.total.reviewed == 8
    assert report.total.added == 2
    assert report.total.precision == pytest.approx(6 / 8)


def test_a_period_counts_only_the_reviews_within_it(reviewed):
    ProposedEntry.objects.filter(extractor_version="1.0").update(
        reviewed_at=timezone.now() - datetime.timedelta(days=200)
    )
    assert [m.label for m in today_report().by_version] == ["2.0"]
    long_ago = timezone.localdate() - datetime.timedelta(days=200)
    old = quality.measure(long_ago, long_ago)
    assert [(m.label, m.reviewed) for m in old.by_version] == [("1.0", 1)]


def test_nothing_reviewed_gives_no_figures_rather_than_a_division_by_zero(world):
    report = today_report()
    assert report.by_version == [] and report.total.precision is None


def test_the_counts_take_two_queries_however_many_proposals(reviewed, editor):
    with CaptureQueriesContext(connection) as few:
        today_report()
    article = make_article()
    for _ in range(5):
        review.approve(make_proposed_entry(article, extractor_version="3.0"), by=editor)
        review.reject(make_proposed_entry(article), by=editor, reason=RejectReason.WRONG_KIND)
    with CaptureQueriesContext(connection) as many:
        report = today_report()
    assert len(few) == len(many) == 2
    assert report.total.reviewed == 18


def test_the_page_takes_a_fixed_number_of_queries(editor_client, reviewed, editor):
    editor_client.get(URL)  # the session and permissions are read once per request either way
    with CaptureQueriesContext(connection) as few:
        editor_client.get(URL)
    article = make_article()
    for kind in (EntryKind.COURT, EntryKind.RELEASE, EntryKind.CONTACT):
        review.approve(make_proposed_entry(article, kind=kind, extractor_version="3.0"), by=editor)
    with CaptureQueriesContext(connection) as many:
        editor_client.get(URL)
    assert len(few) == len(many)


# The page --------------------------------------------------------------------------------------


def test_analysts_may_not_see_it(analyst_client):
    assert analyst_client.get(URL).status_code == 403


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_page_shows_the_figures_and_explains_each(editor_client, reviewed):
    page = editor_client.get(URL).content.decode()
    assert "By extractor version" in page and "By kind" in page
    assert "71%" in page  # precision and recall of version 2.0
    assert "60%" in page  # its dates right
    assert "wrong date 1" in page and "date 1" in page
    for figure in ("Precision", "Dates right", "Recall (estimate)", "Added by editors"):
        assert f"<dt>{figure}</dt><dd>" in page


def test_the_default_period_is_the_last_90_days(editor_client, world):
    page = editor_client.get(URL).content.decode()
    today = timezone.localdate()
    assert f'value="{(today - datetime.timedelta(days=90)).isoformat()}"' in page
    assert f'value="{today.isoformat()}"' in page


def test_a_chosen_period_is_used(editor_client, reviewed):
    long_ago = (timezone.localdate() - datetime.timedelta(days=300)).isoformat()
    page = editor_client.get(URL, {"start": long_ago, "end": long_ago}).content.decode()
    assert "Nothing reviewed in this period." in page


def test_a_period_ending_before_it_starts_is_refused_with_a_message(editor_client, reviewed):
    response = editor_client.get(URL, {"start": "2024-05-02", "end": "2024-05-01"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The end of the period comes before its start." in page
    assert "71%" in page  # the default period is counted meanwhile


def test_a_date_that_is_not_one_is_refused_with_a_message(editor_client, world):
    response = editor_client.get(URL, {"start": "2024-02-30"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
