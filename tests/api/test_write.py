"""The API's writes, for editors: submitting an article, and approving, rejecting and
edit-then-approving a proposed entry, through the same action layer as the pages."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from api.models import ApiToken
from cases.models import TimelineEntry
from sources import ingest, review
from sources.models import Article, ReviewAction, ReviewStatus
from tests.factories import make_article, make_proposed_entry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("throttle_counts")]

SUBMIT = reverse("api:submit")


def headers(user) -> dict:
    _, secret = ApiToken.issue(user, "tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def post(url: str, auth: dict, body: dict | None = None):
    return Client().post(url, json.dumps(body or {}), content_type="application/json", **auth)


def action(name: str, proposed) -> str:
    return reverse(f"api:{name}", args=[proposed.pk])


@pytest.fixture
def proposed(world):
    return make_proposed_entry(make_article(), parties=("price",))


@pytest.fixture
def as_editor(editor):
    return headers(editor)


@pytest.fixture
def queued(monkeypatch):
    """Articles are queued for a worker; here the queue is a list."""
    sent = []
    monkeypatch.setattr(ingest, "enqueue_processing", sent.append)
    return sent


# Who may write --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("approve", {}),
        ("edit", {"summary": "Griner was detained at Sheremetyevo."}),
        ("reject", {"reason": "undated"}),
    ],
)
def test_an_analysts_token_may_not_review(proposed, analyst, name, body):
    response = post(action(name, proposed), headers(analyst), body)
    assert response.status_code == 403
    assert response.json()["detail"] == "This needs the editor role."
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING


def test_an_analysts_token_may_not_submit(analyst, queued):
    response = post(SUBMIT, headers(analyst), {"url": "https://news.example/griner"})
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_without_a_token_or_session_a_write_is_a_401(proposed):
    assert Client().post(action("approve", proposed)).status_code == 401


def test_an_editor_who_loses_the_role_loses_it_through_the_token(proposed, editor, as_editor):
    editor.groups.remove(Group.objects.get(name="Editors"))
    assert post(action("approve", proposed), as_editor).status_code == 403


def test_a_session_write_needs_the_csrf_token_and_a_token_write_does_not(proposed, editor):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    refused = browser.post(action("approve", proposed))
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    script = Client(enforce_csrf_checks=True)
    assert script.post(action("approve", proposed), **headers(editor)).status_code == 200


# Approve --------------------------------------------------------------------------------------


def test_approving_makes_the_entry_as_the_page_does(world, editor, editor_client, as_editor):
    by_page, by_api = (make_proposed_entry(make_article(), parties=("price",)) for _ in range(2))
    editor_client.post(reverse("sources:approve", args=[by_page.pk]))
    response = post(action("approve", by_api), as_editor)

    assert response.status_code == 200
    body = response.json()
    page_entry = TimelineEntry.objects.get(proposed_entries=by_page)
    api_entry = TimelineEntry.objects.get(proposed_entries=by_api)
    assert body["entry"]["id"] == api_entry.pk
    assert body["proposed_entry"]["status"] == "approved"
    assert body["proposed_entry"]["reviewed_by"] == "editor"
    assert body["entry"]["cases"] == ["griner"]
    assert [p["slug"] for p in body["entry"]["parties"]] == ["price"]
    assert body["entry"]["citations"][0]["url"] == by_api.article.url

    fields = ("occurred_on", "precision", "kind", "summary", "attribution", "approved_by_id")
    for name in fields:
        assert getattr(api_entry, name) == getattr(page_entry, name), name
    for entry, proposed in ((page_entry, by_page), (api_entry, by_api)):
        history = entry.history.all()
        assert {record.history_user for record in history} == {editor}
        assert history.first().history_change_reason == (
            f"Approved from proposed entry {proposed.pk} (article {proposed.article_id})"
        )
        assert entry.citations.get().article == proposed.article
    assert ReviewAction.objects.filter(action="approved", by=editor).count() == 2


def test_approving_twice_is_a_409_naming_who_was_first(proposed, editor, as_editor):
    review.approve(proposed, by=editor)
    response = post(action("approve", proposed), as_editor)
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Already approved by editor at ")
    assert TimelineEntry.objects.count() == 1


def test_an_unknown_proposed_entry_is_a_404(world, as_editor):
    response = post(reverse("api:approve", args=[999_999]), as_editor)
    assert response.status_code == 404
    assert "detail" in response.json()


def test_approving_needs_a_post(proposed, as_editor):
    assert Client().get(action("approve", proposed), **as_editor).status_code == 405


# Edit, then approve ---------------------------------------------------------------------------


def test_editing_then_approving_records_what_was_edited(proposed, as_editor):
    changes = {"occurred_on": "2022-02-18", "kind": "statement", "cases": ["griner", "whelan"]}
    response = post(action("edit", proposed), as_editor, changes)

    assert response.status_code == 200, response.json()
    entry = TimelineEntry.objects.get()
    assert entry.occurred_on == datetime.date(2022, 2, 18)
    assert entry.kind == "statement"
    assert set(entry.cases.values_list("slug", flat=True)) == {"griner", "whelan"}
    assert entry.summary == proposed.summary  # left out, so kept
    proposed.refresh_from_db()
    assert proposed.edited_fields == ["occurred_on", "kind", "cases"]
    assert response.json()["proposed_entry"]["edited_fields"] == ["occurred_on", "kind", "cases"]
    assert response.json()["entry"]["occurred_on"] == "2022-02-18"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"cases": ["nobody"]}, "cases", "Object with slug=nobody does not exist."),
        ({"kind": "rumour"}, "kind", '"rumour" is not a valid choice.'),
        ({"occurred_on": "1890-01-01"}, "occurred_on", "Enter a date between 1900-01-01"),
        ({}, "non_field_errors", "Give at least one field to change."),
    ],
)
def test_edits_the_record_cannot_hold_are_refused(proposed, as_editor, changes, field, message):
    response = post(action("edit", proposed), as_editor, changes)
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING


def test_an_entry_without_a_case_is_refused_by_the_action(proposed, as_editor):
    response = post(action("edit", proposed), as_editor, {"cases": []})
    assert response.status_code == 400
    assert response.json() == {"detail": "An entry needs at least one case."}
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING  # the action's transaction rolled back


# Reject ---------------------------------------------------------------------------------------


def test_rejecting_with_a_reason(proposed, editor, as_editor):
    response = post(action("reject", proposed), as_editor, {"reason": "wrong_date", "note": "Mar"})
    assert response.status_code == 200
    assert response.json()["entry"] is None
    assert response.json()["proposed_entry"]["reject_reason"] == "wrong_date"
    proposed.refresh_from_db()
    assert (proposed.status, proposed.reject_reason, proposed.reject_note) == (
        ReviewStatus.REJECTED,
        "wrong_date",
        "Mar",
    )
    assert proposed.reviewed_by == editor
    assert not TimelineEntry.objects.exists()


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({}, "reason", "This field is required."),
        ({"reason": "boring"}, "reason", '"boring" is not a valid choice.'),
        ({"reason": "other"}, "note", "Say why, when the reason is Other."),
    ],
)
def test_a_rejection_needs_a_reason(proposed, as_editor, body, field, message):
    response = post(action("reject", proposed), as_editor, body)
    assert response.status_code == 400
    assert response.json()[field] == [message]


def test_rejecting_an_approved_proposal_is_a_409(proposed, editor, as_editor):
    review.approve(proposed, by=editor)
    response = post(action("reject", proposed), as_editor, {"reason": "undated"})
    assert response.status_code == 409


# Submit ---------------------------------------------------------------------------------------


def test_submitting_a_url_queues_the_article(editor, as_editor, queued):
    response = post(SUBMIT, as_editor, {"url": "https://news.example/griner?utm_source=x"})
    assert response.status_code == 201
    article = Article.objects.get()
    assert article.url == "https://news.example/griner"
    assert article.submitted_by == editor
    assert queued == [article.pk]
    body = response.json()
    assert body["article"]["id"] == article.pk
    assert body["article"]["status"] == "queued"
    assert body["detail"] == f"Article {article.pk} queued for reading."


def test_submitting_pasted_text(editor, as_editor, queued):
    text = "Brittney Griner was detained at Sheremetyevo airport on Feb. 17."
    body = {
        "text": text,
        "title": "Griner held",
        "outlet_name": "Wire",
        "published_on": "2022-03-05",
    }
    response = post(SUBMIT, as_editor, body)
    assert response.status_code == 201
    article = Article.objects.get()
    assert (article.text, article.title, article.published_on) == (
        text,
        "Griner held",
        datetime.date(2022, 3, 5),
    )
    assert article.outlet.name == "Wire"


def test_a_duplicate_is_a_409_naming_the_first_article(as_editor, queued):
    first = make_article(url="https://news.example/griner")
    response = post(SUBMIT, as_editor, {"url": "https://NEWS.example/griner#top"})
    assert response.status_code == 409
    assert response.json()["detail"] == f"Already submitted as article {first.pk}."
    assert response.json()["article"]["id"] == first.pk
    assert Article.objects.count() == 1 and queued == []


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"url": "ftp://news.example/a"}, "detail", "Refused: Only http and https URLs"),
        ({}, "non_field_errors", "Give the article's URL, or paste its text."),
        (
            {"url": "https://news.example/a", "text": "Griner."},
            "non_field_errors",
            "Give a URL or paste the text, not both.",
        ),
        ({"text": "Griner was detained."}, "title", "Pasted text needs its title."),
        ({"url": "not a url"}, "url", "Enter a valid URL."),
    ],
)
def test_a_submission_it_cannot_take_is_refused_clearly(as_editor, queued, body, field, message):
    response = post(SUBMIT, as_editor, body)
    assert response.status_code == 400
    found = response.json()[field]
    assert message in (found if isinstance(found, str) else " ".join(found))
    assert not Article.objects.exists()


def test_submissions_share_the_pages_per_editor_throttle(editor, editor_client, queued):
    auth = headers(editor)
    for n in range(10):
        submit = reverse("sources:submit") if n % 2 else SUBMIT
        if n % 2:
            editor_client.post(submit, {"url": f"https://news.example/{n}"})
        else:
            assert post(SUBMIT, auth, {"url": f"https://news.example/{n}"}).status_code == 201
    refused = post(SUBMIT, auth, {"url": "https://news.example/eleventh"})
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Too many submissions in a short time; wait a")
    assert refused["Retry-After"] == "60"
    assert Article.objects.count() == 10


# The schema -----------------------------------------------------------------------------------


def test_the_schema_describes_each_writes_request_and_responses(analyst_client):
    schema = analyst_client.get(reverse("api:schema"), {"format": "json"}).json()
    expected = {
        "/api/v1/articles/submit/": ("SubmitRequest", "Submitted"),
        "/api/v1/proposed-entries/{id}/approve/": (None, "ReviewResult"),
        "/api/v1/proposed-entries/{id}/edit/": ("EditRequest", "ReviewResult"),
        "/api/v1/proposed-entries/{id}/reject/": ("RejectRequest", "ReviewResult"),
    }
    for path, (request, response) in expected.items():
        operation = schema["paths"][path]["post"]
        if request:
            ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            assert ref == f"#/components/schemas/{request}"
        ok = operation["responses"]["201" if response == "Submitted" else "200"]
        assert ok["content"]["application/json"]["schema"]["$ref"].endswith(f"/{response}")
        assert {"400", "401", "403", "429"} <= set(operation["responses"])
        assert operation["security"][0] == {"bearerAuth": []}
