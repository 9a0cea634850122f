import datetime
import json

import feedparser
import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags

from cases import corrections
from cases.models import (
    Audience,
    Case,
    CaseSummary,
    Correction,
    EntryKind,
    Party,
    Proposal,
    TimelineEntry,
)
from tests.factories import SEED_TEXT, make_article, make_entry

pytestmark = pytest.mark.django_db

LONG_SUMMARY = (
    "Brittney Griner was detained at Sheremetyevo airport near Moscow after customs officers "
    "said they found vape cartridges containing hashish oil in her luggage; the Russian "
    "customs service announced the arrest weeks later, and her Phoenix Mercury team said it "
    "was in close contact with her family, her legal team and the WNBA while she was held."
)


@pytest.fixture
def zakharova_cyrillic(world):
    """A party named in her own script, as Russian outlets print it."""
    return Party.objects.create(slug="zakharova-ru", name="Мария Захарова", kind="person")


@pytest.fixture
def detention(world, zakharova_cyrillic):
    article = make_article(title="Griner detained at Sheremetyevo", text=SEED_TEXT)
    entry = make_entry(
        article=article,
        kind=EntryKind.DETENTION,
        summary=LONG_SUMMARY,
        occurred_on=datetime.date(2022, 2, 17),
        reported_on=datetime.date(2022, 3, 5),
        parties=("griner", "zakharova-ru"),
    )
    return entry


@pytest.fixture
def statement(world):
    return make_entry(
        parties=("price",),
        speaker=Party.objects.get(slug="price"),
        summary="Price says a substantial proposal was put to Russia for Griner and Whelan.",
        proposal=Proposal.objects.get(slug="bout-swap"),
    )


def fields(entry: TimelineEntry) -> dict:
    """The entry's correctable values as the form would submit them unchanged."""
    return {
        "occurred_on": entry.occurred_on,
        "precision": entry.precision,
        "kind": entry.kind,
        "summary": entry.summary,
        "quote": entry.quote,
        "speaker": entry.speaker,
        "cases": list(entry.cases.all()),
        "parties": list(entry.parties.all()),
        "proposal": entry.proposal,
        "restricted": entry.restricted,
    }


def post_data(entry: TimelineEntry, **changes) -> dict:
    data = {
        "occurred_on": entry.occurred_on.isoformat(),
        "precision": entry.precision,
        "kind": entry.kind,
        "summary": entry.summary,
        "quote": entry.quote,
        "speaker": entry.speaker_id or "",
        "cases": [c.pk for c in entry.cases.all()],
        "parties": [p.pk for p in entry.parties.all()],
        "proposal": entry.proposal_id or "",
        "reason": "The arrest was on 17 Feb; the 18th was when it was reported.",
    }
    if entry.restricted:
        data["restricted"] = "on"
    return data | changes


def summary_of(slug: str, audience: str = Audience.ANALYSTS) -> CaseSummary:
    return CaseSummary.objects.get(case__slug=slug, audience=audience)


def html_of(client, name, *args, **params) -> str:
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    return response.content.decode()


def timeline_of(client, slug="griner", **params) -> str:
    return html_of(client, "cases:case", slug, **params).split('id="timeline-list"')[1]


# ---------------------------------------------------------------------------------------------
# The action layer: correct


def test_a_correction_changes_the_entry_and_records_only_what_changed(detention, editor):
    correction = corrections.correct(
        detention,
        by=editor,
        reason="The arrest was on 17 Feb; 18 Feb was when it was reported.",
        changes=fields(detention) | {"occurred_on": datetime.date(2022, 2, 18)},
    )
    detention.refresh_from_db()
    assert detention.occurred_on == datetime.date(2022, 2, 18)
    assert correction.by == editor and correction.entry == detention
    assert correction.changes == {
        "occurred_on": {"label": "date", "was": "17 Feb 2022", "now": "18 Feb 2022"}
    }
    assert list(detention.corrections.all()) == [correction]


def test_values_are_recorded_as_readers_see_them(statement, editor, zakharova_cyrillic):
    whelan = Case.objects.get(slug="whelan")
    correction = corrections.correct(
        statement,
        by=editor,
        reason="Dated to the month in the source; Zakharova answered, not Price.",
        changes={
            "occurred_on": datetime.date(2022, 7, 1),
            "precision": "month",
            "kind": EntryKind.RESPONSE,
            "speaker": zakharova_cyrillic,
            "cases": [Case.objects.get(slug="griner"), whelan],
            "parties": [zakharova_cyrillic],
            "proposal": None,
            "quote": "We will pay attention.",
        },
    )
    assert correction.changes == {
        "occurred_on": {"label": "date", "was": "28 Jul 2022", "now": "Jul 2022"},
        "kind": {"label": "kind", "was": "Statement", "now": "Response"},
        "quote": {"label": "quote", "was": "none", "now": "We will pay attention."},
        "speaker": {"label": "speaker", "was": "Ned Price", "now": "Мария Захарова"},
        "cases": {
            "label": "cases",
            "was": "Brittney Griner",
            "now": "Brittney Griner, Paul Whelan",
        },
        "parties": {"label": "parties", "was": "Ned Price", "now": "Мария Захарова"},
        "proposal": {
            "label": "proposal",
            "was": str(Proposal.objects.get(slug="bout-swap")),
            "now": "none",
        },
    }
    statement.refresh_from_db()
    assert sorted(statement.cases.values_list("slug", flat=True)) == ["griner", "whelan"]
    assert summary_of("whelan").entry_count == 1


def test_a_precision_alone_is_a_new_date_to_readers(detention, editor):
    correction = corrections.correct(
        detention, by=editor, reason="Only the month is sourced.", changes={"precision": "month"}
    )
    assert correction.changes == {
        "occurred_on": {"label": "date", "was": "17 Feb 2022", "now": "Feb 2022"}
    }


def test_the_history_names_the_editor_and_the_reason(detention, editor):
    before = detention.history.count()
    corrections.correct(
        detention,
        by=editor,
        reason="Wrong day",
        changes={"occurred_on": datetime.date(2022, 2, 18), "parties": []},
    )
    assert detention.history.count() == before + 1  # one row for the whole correction
    latest = detention.history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Corrected: Wrong day"
    assert latest.occurred_on == datetime.date(2022, 2, 18)
    assert list(latest.parties.all()) == []


def test_a_long_reason_fits_the_history(detention, editor):
    reason = "Checked against the court's own record and two wire reports. " * 10
    correction = corrections.correct(
        detention, by=editor, reason=reason, changes={"kind": EntryKind.CUSTODY}
    )
    assert len(correction.reason) == 500 and correction.reason.endswith("…")
    latest = detention.history.first()
    assert len(latest.history_change_reason) == 100 and latest.history_change_reason.endswith("…")


def test_nothing_changed_is_refused_and_nothing_is_written(detention, editor):
    history = detention.history.count()
    with pytest.raises(corrections.NothingChanged):
        corrections.correct(detention, by=editor, reason="Checked", changes=fields(detention))
    assert not Correction.objects.exists()
    assert detention.history.count() == history


def test_a_reason_is_required(detention, editor):
    with pytest.raises(corrections.CorrectionError, match="reason"):
        corrections.correct(detention, by=editor, reason="  ", changes={"kind": EntryKind.CUSTODY})
    detention.refresh_from_db()
    assert detention.kind == EntryKind.DETENTION and not Correction.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"occurred_on": datetime.date(1066, 10, 14)},
        {"summary": "   "},
        {"cases": []},
        {"kind": "gossip"},
        {"precision": "fortnight"},
    ],
)
def test_values_the_record_refuses_are_refused(detention, editor, changes):
    with pytest.raises(corrections.CorrectionError):
        corrections.correct(detention, by=editor, reason="Fix", changes=changes)
    assert not Correction.objects.exists()
    detention.refresh_from_db()
    assert detention.occurred_on == datetime.date(2022, 2, 17)
    assert detention.summary == LONG_SUMMARY and detention.cases.count() == 1


def test_a_field_that_cannot_be_corrected_is_a_programming_error(detention, editor):
    with pytest.raises(ValueError, match="approved_by"):
        corrections.correct(detention, by=editor, reason="Fix", changes={"approved_by": editor})


def test_a_correction_refreshes_the_summary(detention, editor):
    version = summary_of("griner").version
    corrections.correct(
        detention,
        by=editor,
        reason="Wrong month",
        changes={"occurred_on": datetime.date(2022, 3, 1)},
    )
    summary = summary_of("griner")
    assert summary.version > version
    assert summary.months == {"2022-03": {"detention": 1}}


# ---------------------------------------------------------------------------------------------
# The action layer: retract


def test_a_retraction_takes_the_entry_off_the_record_for_everyone(
    detention, statement, editor, analyst
):
    corrections.retract(detention, by=editor, reason="The report was withdrawn by its outlet.")
    detention.refresh_from_db()
    assert detention.retracted_by == editor and detention.retracted_at is not None
    assert detention.retraction_reason == "The report was withdrawn by its outlet."
    for user in (analyst, editor):
        assert list(TimelineEntry.objects.visible_to(user)) == [statement]
    assert detention in TimelineEntry.objects.visible_to(editor, retracted=True)
    latest = detention.history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason.startswith("Retracted: The report was withdrawn")


def test_a_retraction_leaves_the_summary_counts(detention, statement, editor):
    for audience in Audience.values:
        assert summary_of("griner", audience).entry_count == 2
    version = summary_of("griner").version
    corrections.retract(statement, by=editor, reason="Not a development")
    for audience in Audience.values:
        summary = summary_of("griner", audience)
        assert summary.entry_count == 1
        assert summary.latest_entry == detention
        assert summary.months == {"2022-02": {"detention": 1}}
        assert str(statement.proposal_id) not in summary.proposals_reported
        assert Party.objects.get(slug="price").pk not in summary.party_ids
        assert summary.version > version


def test_a_retracted_entry_cannot_be_corrected_or_retracted_again(detention, editor):
    corrections.retract(detention, by=editor, reason="Duplicate")
    with pytest.raises(corrections.CorrectionError, match="retracted"):
        corrections.correct(detention, by=editor, reason="x", changes={"kind": "custody"})
    with pytest.raises(corrections.CorrectionError, match="retracted"):
        corrections.retract(detention, by=editor, reason="again")


def test_a_retraction_needs_a_reason(detention, editor):
    with pytest.raises(corrections.CorrectionError, match="reason"):
        corrections.retract(detention, by=editor, reason="")
    detention.refresh_from_db()
    assert detention.retracted_at is None


# ---------------------------------------------------------------------------------------------
# Where a retracted entry no longer appears


@pytest.fixture
def retracted(detention, statement, editor):
    """The statement retracted; the detention stays on the record."""
    corrections.retract(statement, by=editor, reason="The quote was misattributed.")
    return statement


def test_retracted_entries_leave_the_timelines(analyst_client, editor, retracted, detention):
    html = timeline_of(analyst_client)
    assert f'id="entry-{detention.pk}"' in html and f'id="entry-{retracted.pk}"' not in html
    editor_client = Client()
    editor_client.force_login(editor)
    html = timeline_of(editor_client)
    assert f'id="entry-{detention.pk}"' in html and f'id="entry-{retracted.pk}"' not in html


def test_retracted_entries_leave_the_exports(analyst_client, retracted, detention):
    for name in ("cases:case_csv", "cases:case_json", "cases:case_ics", "cases:case_timelinejs"):
        response = analyst_client.get(reverse(name, args=["griner"]))
        body = b"".join(response.streaming_content).decode()
        assert "Sheremetyevo" in body, name
        assert "substantial proposal" not in body, name
    data = json.loads(
        b"".join(analyst_client.get(reverse("cases:case_json", args=["griner"])).streaming_content)
    )
    assert [entry["id"] for entry in data["entries"]] == [detention.pk]


def test_retracted_entries_leave_the_feed(analyst_client, retracted):
    feed = feedparser.parse(analyst_client.get(reverse("cases:case_feed", args=["griner"])).content)
    assert all("substantial proposal" not in item.title for item in feed.entries)
    assert len(feed.entries) == 1


def test_retracted_entries_leave_search(analyst_client, retracted, detention):
    html = html_of(analyst_client, "cases:search", q="substantial proposal")
    assert f'id="entry-{retracted.pk}"' not in html
    assert f'id="entry-{detention.pk}"' in html_of(analyst_client, "cases:search", q="Sheremetyevo")


def test_retracted_entries_leave_party_and_proposal_pages(analyst_client, retracted):
    party = html_of(analyst_client, "cases:party", "price")
    proposal = html_of(analyst_client, "cases:proposal", "bout-swap")
    assert f'id="entry-{retracted.pk}"' not in party + proposal


def test_retracted_entries_leave_the_dashboard(analyst_client, retracted, detention):
    html = html_of(analyst_client, "cases:dashboard")
    # The card's latest development is the newest entry still on the record.
    assert "substantial proposal" not in html and "detained at Sheremetyevo" in html


def test_the_admin_still_lists_a_retracted_entry_with_its_retraction(client, superuser, retracted):
    client.force_login(superuser)
    html = html_of(client, "admin:cases_timelineentry_changelist")
    assert "Price says a substantial proposal" in html
    assert "The quote was misattributed." in html
    html = html_of(client, "admin:cases_timelineentry_changelist", retracted="yes")
    assert "Price says a substantial proposal" in html and "Sheremetyevo" not in html
    html = html_of(client, "admin:cases_timelineentry_change", retracted.pk)
    assert "The quote was misattributed." in html


def test_editors_see_a_retracted_entry_by_its_url_and_analysts_do_not(
    analyst_client, editor, retracted
):
    url = reverse("cases:entry", args=[retracted.pk])
    # Analysts find that it was retracted, and where its cases are; not what it said, or why.
    response = analyst_client.get(url)
    assert response.status_code == 410
    html = response.content.decode()
    assert "This entry was retracted" in html
    assert reverse("cases:case", args=["griner"]) in html
    assert "Price says a substantial proposal" not in html
    assert "The quote was misattributed." not in html
    editor_client = Client()
    editor_client.force_login(editor)
    html = editor_client.get(url).content.decode()
    assert "Retracted on" in html and "by editor" in html
    assert "The quote was misattributed." in html
    # Its controls are gone: a retracted entry is not corrected.
    assert reverse("cases:entry_correct", args=[retracted.pk]) not in html
    assert editor_client.get(reverse("cases:entry_correct", args=[retracted.pk])).status_code == 404


# ---------------------------------------------------------------------------------------------
# The notice analysts read


def test_analysts_see_a_dated_correction_notice_on_the_timeline_and_the_entry_page(
    analyst_client, detention, editor
):
    corrections.correct(
        detention,
        by=editor,
        reason="Checked against the court record",
        changes={"occurred_on": datetime.date(2022, 2, 18), "kind": EntryKind.CUSTODY},
    )
    today = datetime.date.today()
    notice = f"Corrected {today.day} {today:%b %Y}: date was 17 Feb 2022; kind was Detention"
    assert notice in strip_tags(timeline_of(analyst_client))
    page = html_of(analyst_client, "cases:entry", detention.pk)
    assert notice in strip_tags(page)
    # The reason and who made it are the editors'.
    assert "court record" not in page and "by editor" not in page


def test_the_exports_carry_the_correction_notice_without_the_reason(
    analyst_client, detention, editor
):
    corrections.correct(
        detention,
        by=editor,
        reason="Checked against the court record",
        changes={"occurred_on": datetime.date(2022, 2, 18)},
    )
    today = datetime.date.today()
    notice = f"Corrected {today.day} {today:%b %Y}: date was 17 Feb 2022"
    for name in ("cases:case_csv", "cases:case_json", "cases:case_ics", "cases:case_timelinejs"):
        response = analyst_client.get(reverse(name, args=["griner"]))
        body = b"".join(response.streaming_content).decode()
        assert notice in body.replace("\r\n ", ""), name  # iCalendar folds long lines
        assert "court record" not in body, name
    record = next(
        e
        for e in json.loads(
            b"".join(
                analyst_client.get(reverse("cases:case_json", args=["griner"])).streaming_content
            )
        )["entries"]
        if e["id"] == detention.pk
    )
    assert record["corrections"] == [notice]
    feed = analyst_client.get(reverse("cases:case_feed", args=["griner"])).content.decode()
    assert notice in feed


def test_editors_see_the_reason_with_the_notice(editor_client, detention, editor):
    corrections.correct(
        detention, by=editor, reason="Checked <b>court</b> record", changes={"kind": "custody"}
    )
    page = html_of(editor_client, "cases:entry", detention.pk)
    assert "kind was Detention" in page
    assert "(by editor: Checked &lt;b&gt;court&lt;/b&gt; record)" in page


def test_analysts_are_not_told_an_entry_was_restricted(analyst_client, world, editor):
    entry = make_entry(restricted=True, summary="Talks in Abu Dhabi")
    corrections.correct(
        entry, by=editor, reason="Cleared to publish", changes={"restricted": False}
    )
    html = timeline_of(analyst_client)
    assert "Talks in Abu Dhabi" in html and "Corrected" not in html


def test_a_cached_case_page_shows_a_correction_and_a_retraction_at_once(
    analyst_client, detention, statement, editor
):
    before = timeline_of(analyst_client)
    assert "Corrected" not in before and "substantial proposal" in before
    assert timeline_of(analyst_client) == before  # now served from the cache
    corrections.correct(
        detention,
        by=editor,
        reason="Wrong day",
        changes={"occurred_on": datetime.date(2022, 2, 18)},
    )
    assert "date was 17 Feb 2022" in timeline_of(analyst_client)
    corrections.retract(statement, by=editor, reason="Misattributed")
    assert "substantial proposal" not in timeline_of(analyst_client)
    assert "substantial proposal" not in html_of(analyst_client, "cases:dashboard")


# ---------------------------------------------------------------------------------------------
# The views


def test_editors_see_the_controls_and_analysts_do_not(analyst_client, editor, detention):
    correct_url = reverse("cases:entry_correct", args=[detention.pk])
    assert correct_url not in timeline_of(analyst_client)
    editor_client = Client()
    editor_client.force_login(editor)
    html = timeline_of(editor_client)
    assert f'hx-get="{correct_url}?in_case=1"' in html
    assert reverse("cases:entry_retract", args=[detention.pk]) in html
    page = html_of(editor_client, "cases:entry", detention.pk)
    assert f'hx-get="{correct_url}"' in page


def test_the_form_corrects_and_sends_the_editor_to_the_entry(editor_client, detention):
    url = reverse("cases:entry_correct", args=[detention.pk])
    form = html_of(editor_client, "cases:entry_correct", detention.pk)
    assert 'value="2022-02-17"' in form and "Мария Захарова" in form
    response = editor_client.post(url, post_data(detention, occurred_on="2022-02-18"))
    assert response.status_code == 302 and response["Location"] == detention.get_absolute_url()
    detention.refresh_from_db()
    assert detention.occurred_on == datetime.date(2022, 2, 18)
    correction = detention.corrections.get()
    assert correction.reason.startswith("The arrest was on 17 Feb")
    assert set(correction.changes) == {"occurred_on"}  # the unchanged fields are not recorded


def test_htmx_gets_the_form_in_place_and_the_corrected_entry_back(editor_client, detention):
    url = reverse("cases:entry_correct", args=[detention.pk])
    headers = {"HX-Request": "true", "HX-Target": f"entry-{detention.pk}"}
    form = editor_client.get(url, {"in_case": "1"}, headers=headers).content.decode()
    assert form.lstrip().startswith(
        f'<article class="entry entry-editing" id="entry-{detention.pk}"'
    )
    assert "<html" not in form and 'name="in_case" value="1"' in form
    response = editor_client.post(
        url, post_data(detention, kind="custody", in_case="1"), headers=headers
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith(
        f'<article class="entry kind-custody" id="entry-{detention.pk}"'
    )
    assert "kind was Detention" in html
    assert "<dt>Case" not in html  # in a case's timeline, the entry does not list its cases


def test_nothing_changed_shows_the_form_with_a_clear_error(editor_client, detention):
    url = reverse("cases:entry_correct", args=[detention.pk])
    response = editor_client.post(url, post_data(detention))
    html = response.content.decode()
    assert response.status_code == 200 and "Nothing changed" in html
    assert not Correction.objects.exists()


def test_a_bad_date_or_a_missing_reason_keeps_what_was_typed(editor_client, detention):
    url = reverse("cases:entry_correct", args=[detention.pk])
    typed = "A corrected summary the editor spent a while on."
    response = editor_client.post(
        url, post_data(detention, occurred_on="2022-02-31", summary=typed, reason="")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid date." in html and "This field is required." in html
    assert typed in html
    detention.refresh_from_db()
    assert detention.summary == LONG_SUMMARY and not Correction.objects.exists()


def test_the_retract_form_retracts_with_a_reason(editor_client, detention):
    url = reverse("cases:entry_retract", args=[detention.pk])
    assert "Reason for the retraction" in html_of(
        editor_client, "cases:entry_retract", detention.pk
    )
    response = editor_client.post(url, {"reason": ""})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    response = editor_client.post(url, {"reason": "The outlet withdrew its report."})
    assert response.status_code == 302 and response["Location"] == detention.get_absolute_url()
    detention.refresh_from_db()
    assert detention.retraction_reason == "The outlet withdrew its report."


def test_htmx_retraction_replaces_the_entry_with_a_notice(editor_client, detention):
    url = reverse("cases:entry_retract", args=[detention.pk])
    headers = {"HX-Request": "true", "HX-Target": f"entry-{detention.pk}"}
    html = editor_client.post(url, {"reason": "Duplicate"}, headers=headers).content.decode()
    assert "<html" not in html and f'id="entry-{detention.pk}"' in html
    assert "Retracted:" in html


def test_cancel_gets_the_entry_back(editor_client, detention):
    headers = {"HX-Request": "true", "HX-Target": f"entry-{detention.pk}"}
    response = editor_client.get(
        reverse("cases:entry", args=[detention.pk]), {"in_case": "1"}, headers=headers
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<article class="entry kind-detention"')
    assert "<html" not in html


@pytest.mark.parametrize("name", ["cases:entry_correct", "cases:entry_retract"])
def test_only_editors_may_correct_or_retract(client, analyst, outsider, detention, name):
    url = reverse(name, args=[detention.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(url, {"reason": "x"}).status_code == 302
    for user in (analyst, outsider):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, post_data(detention, kind="custody")).status_code == 403
    detention.refresh_from_db()
    assert detention.kind == EntryKind.DETENTION and detention.retracted_at is None


@pytest.mark.parametrize("name", ["cases:entry_correct", "cases:entry_retract"])
def test_a_post_without_the_csrf_token_is_refused(editor, detention, name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(reverse(name, args=[detention.pk]), post_data(detention, kind="custody"))
    assert response.status_code == 403
    detention.refresh_from_db()
    assert detention.kind == EntryKind.DETENTION and detention.retracted_at is None


def test_an_unknown_entry_is_404(editor_client, world):
    assert editor_client.get(reverse("cases:entry_correct", args=[999999])).status_code == 404
    assert editor_client.post(reverse("cases:entry_retract", args=[999999])).status_code == 404


def test_the_notices_cost_one_query_however_many_corrections(editor_client, world, editor):
    from tests.cases.test_views_case import cold, count_queries

    def corrected(numbers: range) -> None:
        for n in numbers:
            entry = make_entry(summary=f"Development {n}", occurred_on=datetime.date(2022, 3, n))
            for kind in (EntryKind.CONTACT, EntryKind.RESPONSE):
                corrections.correct(entry, by=editor, reason="Recoded", changes={"kind": kind})

    url = reverse("cases:case", args=["griner"])
    corrected(range(1, 2))
    cold()
    few = count_queries(editor_client, url)
    corrected(range(2, 8))
    cold()
    assert editor_client.get(url).content.decode().count('class="correction-notice"') == 14
    cold()
    assert count_queries(editor_client, url) == few


def test_a_restricted_entry_retracted_stays_unknown_to_analysts(analyst_client, editor, detention):
    detention.restricted = True
    detention.save()
    corrections.retract(detention, by=editor, reason="Not for the record.")
    assert analyst_client.get(reverse("cases:entry", args=[detention.pk])).status_code == 404
