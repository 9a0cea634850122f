"""The review actions as editors use them: htmx swaps the item; without htmx, a redirect back."""

import datetime
import json

import pytest
from django.urls import reverse

from cases.dates import latest_date
from cases.models import Case, EntryKind, Party, TimelineEntry
from sources import review
from sources.models import Citation, RejectReason, ReviewStatus
from tests.factories import make_article, make_entry, make_proposed_entry

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def proposed(world):
    return make_proposed_entry(make_article(), parties=("price",))


def url(name: str, proposed) -> str:
    return reverse(f"sources:{name}", args=[proposed.pk])


# Who may act ---------------------------------------------------------------------------------


ACTIONS = [
    ("approve", {}),
    ("edit", {}),
    ("reject", {"reason": "undated"}),
    ("merge", {"entry_number": "1"}),
    ("undo", {}),
]


@pytest.mark.parametrize(("name", "data"), ACTIONS)
def test_an_analyst_may_not_act(analyst_client, proposed, name, data):
    assert analyst_client.post(url(name, proposed), data).status_code == 403
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING


@pytest.mark.parametrize(("name", "data"), ACTIONS)
def test_an_anonymous_visitor_is_sent_to_sign_in(client, proposed, name, data):
    response = client.post(url(name, proposed), data)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["proposed", "edit", "reject", "merge"])
def test_an_analyst_may_not_open_the_forms(analyst_client, proposed, name):
    assert analyst_client.get(url(name, proposed), headers=HTMX).status_code == 403


def test_the_bulk_action_is_for_editors(analyst_client, proposed):
    response = analyst_client.post(
        reverse("sources:bulk"), {"ids": [proposed.pk], "action": "approve"}
    )
    assert response.status_code == 403


def test_approving_needs_a_post(editor_client, proposed):
    assert editor_client.get(url("approve", proposed)).status_code == 405


def test_htmx_posts_carry_the_csrf_token_from_the_page(client, editor, proposed):
    client = client.__class__(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(url("approve", proposed), headers=HTMX).status_code == 403
    page = html(client.get(reverse("sources:review")))
    token = page.split('"X-CSRFToken": "')[1].split('"')[0]
    response = client.post(url("approve", proposed), headers={**HTMX, "X-CSRFToken": token})
    assert response.status_code == 200


# Approve -------------------------------------------------------------------------------------


def test_approving_with_htmx_swaps_the_item_and_offers_undo(editor_client, proposed):
    response = editor_client.post(url("approve", proposed), headers=HTMX)

    assert response.status_code == 200
    page = html(response)
    assert page.lstrip().startswith(f'<article id="proposed-{proposed.pk}"')
    assert "Approved by you" in page
    assert reverse("sources:undo", args=[proposed.pk]) in page
    entry = TimelineEntry.objects.get()
    assert reverse("cases:entry", args=[entry.pk]) in page
    # The counts beside the queue are not recounted in the approval: the page is told to ask.
    assert "pending-counts" not in page
    assert "pending-changed" in json.loads(response.headers["HX-Trigger"])


def test_approving_without_htmx_redirects_back_to_the_filtered_queue(editor_client, proposed):
    back = reverse("sources:review") + "?case=griner&sort=confidence"
    response = editor_client.post(url("approve", proposed), {"next": back})
    assert response.status_code == 302
    assert response.url == back
    assert TimelineEntry.objects.count() == 1


def test_a_redirect_never_leaves_the_site(editor_client, proposed):
    response = editor_client.post(url("approve", proposed), {"next": "https://evil.example/"})
    assert response.url == reverse("sources:review")


def test_the_second_editor_sees_who_approved_first(client, proposed, editor, django_user_model):
    review.approve(proposed, by=editor)
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create_user("second")
    other.groups.add(Group.objects.get(name="Editors"))
    client.force_login(other)

    response = client.post(url("approve", proposed), headers=HTMX)

    page = html(response)
    assert "Already approved by editor at" in page
    assert "Approved by editor" in page
    assert reverse("sources:undo", args=[proposed.pk]) not in page
    assert TimelineEntry.objects.count() == 1


def test_an_unknown_proposal_is_not_found(editor_client):
    assert editor_client.post(reverse("sources:approve", args=[999999])).status_code == 404


# Edit then approve ---------------------------------------------------------------------------


def edit_data(**overrides):
    data = {
        "occurred_on": "2022-07-27",
        "precision": "day",
        "kind": "response",
        "summary": "Russia has not responded to the offer.",
        "quote": "",
        "speaker": "",
        "attribution": "anonymous",
        "cases": [Case.objects.get(slug="griner").pk, Case.objects.get(slug="whelan").pk],
        "parties": [Party.objects.get(slug="lavrov").pk],
        "proposal": "",
    }
    return data | overrides


def test_the_edit_form_opens_inside_the_item_with_the_proposed_values(editor_client, proposed):
    response = editor_client.get(url("edit", proposed), headers=HTMX)
    page = html(response)
    assert page.lstrip().startswith(f'<article id="proposed-{proposed.pk}"')
    assert f'id="id_edit_{proposed.pk}_occurred_on"' in page
    assert 'value="2022-02-17"' in page
    assert "Save and approve" in page


def test_editing_then_approving_records_the_edited_values(editor_client, proposed):
    response = editor_client.post(url("edit", proposed), edit_data(), headers=HTMX)

    assert "Approved by you" in html(response)
    entry = TimelineEntry.objects.get()
    assert entry.occurred_on == datetime.date(2022, 7, 27)
    assert entry.kind == EntryKind.RESPONSE
    assert entry.summary == "Russia has not responded to the offer."
    assert entry.attribution == "anonymous"
    assert sorted(c.slug for c in entry.cases.all()) == ["griner", "whelan"]
    assert [p.slug for p in entry.parties.all()] == ["lavrov"]


def test_an_invalid_date_is_shown_inline_and_nothing_is_approved(editor_client, proposed):
    response = editor_client.post(
        url("edit", proposed), edit_data(occurred_on="2022-02-30"), headers=HTMX
    )
    assert response.status_code == 200
    page = html(response)
    assert "Enter a valid date." in page
    assert "Save and approve" in page
    assert not TimelineEntry.objects.exists()
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING


def test_an_entry_without_a_case_is_refused_inline(editor_client, proposed):
    response = editor_client.post(url("edit", proposed), edit_data(cases=[]), headers=HTMX)
    assert "This field is required." in html(response)
    assert not TimelineEntry.objects.exists()


@pytest.mark.parametrize("case_id", ["99999999999999999999", str(2**63), "0", "-1"])
def test_an_id_no_row_can_have_is_refused_inline(editor_client, proposed, case_id):
    # SQLite (make run's database) raised OverflowError on an id past 64 bits: a 500.
    response = editor_client.post(url("edit", proposed), edit_data(cases=[case_id]), headers=HTMX)
    assert response.status_code == 200
    assert f"“{case_id}” is not a valid value." in html(response)
    assert not TimelineEntry.objects.exists()


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "1899-12-31"])
def test_a_date_outside_the_records_bounds_is_refused_inline(editor_client, proposed, date):
    response = editor_client.post(url("edit", proposed), edit_data(occurred_on=date), headers=HTMX)
    assert response.status_code == 200
    assert "Enter a date between 1900-01-01 and" in html(response)
    assert not TimelineEntry.objects.exists()
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING


def test_the_date_picker_offers_only_the_dates_the_record_accepts(editor_client, proposed):
    page = html(editor_client.get(url("edit", proposed), headers=HTMX))
    assert 'min="1900-01-01"' in page
    assert f'max="{latest_date().isoformat()}"' in page


def test_editing_without_htmx_is_a_page_then_a_redirect(editor_client, proposed):
    page = editor_client.get(url("edit", proposed))
    assert "<html" in html(page) and "Save and approve" in html(page)
    response = editor_client.post(url("edit", proposed), edit_data())
    assert response.status_code == 302
    assert TimelineEntry.objects.count() == 1


# Reject --------------------------------------------------------------------------------------


def test_the_reject_form_offers_the_reasons(editor_client, proposed):
    page = html(editor_client.get(url("reject", proposed), headers=HTMX))
    for label in RejectReason.labels:
        assert label in page


def test_rejecting_with_a_reason(editor_client, proposed):
    response = editor_client.post(
        url("reject", proposed), {"reason": "wrong_case", "note": "About Whelan"}, headers=HTMX
    )
    page = html(response)
    assert "Rejected by you" in page
    assert "Wrong case or party: About Whelan" in page
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.REJECTED
    assert proposed.reject_reason == "wrong_case"


def test_other_needs_a_note(editor_client, proposed):
    response = editor_client.post(url("reject", proposed), {"reason": "other"}, headers=HTMX)
    assert "Say why" in html(response)
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING


def test_rejecting_without_htmx_redirects(editor_client, proposed):
    response = editor_client.post(url("reject", proposed), {"reason": "undated"})
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.REJECTED


# Merge ---------------------------------------------------------------------------------------


def test_the_merge_form_suggests_likely_entries(editor_client, proposed):
    near = make_entry(occurred_on=datetime.date(2022, 2, 18), kind=EntryKind.DETENTION)
    far = make_entry(occurred_on=datetime.date(2022, 6, 1))
    page = html(editor_client.get(url("merge", proposed), headers=HTMX))
    assert f'value="{near.pk}"' in page
    assert f'value="{far.pk}"' not in page


def test_merging_adds_a_citation(editor_client, proposed):
    entry = make_entry(occurred_on=datetime.date(2022, 2, 18), article=make_article())
    response = editor_client.post(url("merge", proposed), {"entry": entry.pk}, headers=HTMX)
    page = html(response)
    assert "Merged by you" in page
    assert Citation.objects.filter(entry=entry, article=proposed.article).exists()
    assert TimelineEntry.objects.count() == 1


def test_merging_into_an_entry_by_number(editor_client, proposed):
    entry = make_entry(occurred_on=datetime.date(2021, 1, 1))
    editor_client.post(url("merge", proposed), {"entry_number": entry.pk}, headers=HTMX)
    proposed.refresh_from_db()
    assert proposed.entry == entry


def test_merging_into_a_missing_entry_says_so_inline(editor_client, proposed):
    response = editor_client.post(url("merge", proposed), {"entry_number": 999999}, headers=HTMX)
    assert "There is no timeline entry 999999." in html(response)
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING


def test_merging_needs_a_choice(editor_client, proposed):
    response = editor_client.post(url("merge", proposed), {}, headers=HTMX)
    assert "Choose the entry" in html(response)


# Undo ----------------------------------------------------------------------------------------


def test_undoing_a_rejection_restores_the_item(editor_client, proposed, editor):
    review.reject(proposed, by=editor, reason=RejectReason.UNDATED)
    response = editor_client.post(url("undo", proposed), headers=HTMX)
    page = html(response)
    assert reverse("sources:approve", args=[proposed.pk]) in page
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING


def test_undoing_an_approval_takes_the_entry_off_the_record(editor_client, proposed, editor):
    review.approve(proposed, by=editor)
    editor_client.post(url("undo", proposed), headers=HTMX)
    assert not TimelineEntry.objects.exists()


def test_undo_refused_is_explained(editor_client, proposed):
    response = editor_client.post(url("undo", proposed), headers=HTMX)
    assert "nothing to undo" in html(response)
    response = editor_client.post(url("undo", proposed))
    assert response.status_code == 302


def test_the_proposal_page_offers_undo_while_it_may(editor_client, proposed, editor):
    review.approve(proposed, by=editor)
    page = html(editor_client.get(url("proposed", proposed)))
    assert reverse("sources:undo", args=[proposed.pk]) in page


# Bulk ----------------------------------------------------------------------------------------


def test_bulk_approve(editor_client, world):
    first, second = make_proposed_entry(make_article()), make_proposed_entry(make_article())
    response = editor_client.post(
        reverse("sources:bulk"), {"ids": [first.pk, second.pk], "action": "approve"}, headers=HTMX
    )
    page = html(response)
    assert "Approved 2." in page
    assert page.count('hx-swap-oob="true"') == 2  # the two items; the counts are asked for after
    assert "pending-changed" in json.loads(response.headers["HX-Trigger"])
    assert TimelineEntry.objects.count() == 2


def test_bulk_reject_needs_a_reason_and_reports_what_it_could_not_do(editor_client, world, editor):
    first, second = make_proposed_entry(make_article()), make_proposed_entry(make_article())
    review.approve(second, by=editor)
    response = editor_client.post(
        reverse("sources:bulk"),
        {"ids": [first.pk, second.pk], "action": "reject", "reason": "duplicate"},
        headers=HTMX,
    )
    page = html(response)
    assert "Rejected 1." in page
    assert f"#{second.pk}: Already approved by editor" in page
    first.refresh_from_db()
    assert first.status == ReviewStatus.REJECTED


def test_bulk_with_nothing_selected_says_so(editor_client, world):
    response = editor_client.post(reverse("sources:bulk"), {"action": "approve"}, headers=HTMX)
    assert "Select the proposals first" in html(response)


def test_bulk_without_htmx_redirects(editor_client, world):
    first = make_proposed_entry(make_article())
    response = editor_client.post(reverse("sources:bulk"), {"ids": [first.pk], "action": "approve"})
    assert response.status_code == 302
    assert TimelineEntry.objects.count() == 1


# The approval's cost -------------------------------------------------------------------------


def test_an_approval_cites_each_article_of_its_reports_once(editor_client, world):
    article = make_article(title="Сообщение агентства: a wire report of the exchange talks")
    head = make_proposed_entry(article)
    make_proposed_entry(article, group=head, evidence=article.text[:40])  # the same article
    other = make_proposed_entry(make_article(title="Another outlet's report"), group=head)
    assert editor_client.post(url("approve", head), headers=HTMX).status_code == 200
    head.refresh_from_db()
    entry = head.entry
    cited = Citation.objects.filter(entry=entry)
    assert sorted(cited.values_list("article_id", flat=True)) == sorted(
        [article.pk, other.article_id]
    )
    assert cited.get(article=article).proposed_entry == head


def test_an_approvals_queries_do_not_grow_with_the_queue_or_the_case(editor_client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def approval_queries() -> int:
        proposed = make_proposed_entry(make_article(), parties=("price",))
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.post(url("approve", proposed), headers=HTMX).status_code == 200
        return len(captured)

    approval_queries()  # the first approval makes the worker's account
    few = approval_queries()
    for n in range(30):
        make_entry(summary=f"Entry {n}", occurred_on=datetime.date(2022, 1, 1 + n % 28))
        make_proposed_entry(make_article())
    assert approval_queries() == few
