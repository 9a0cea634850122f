"""A restricted entry leaves no trace for an analyst: not in the filters' choices, not in any
count, chart or export, not through its party, its proposal or its date. An editor sees it all."""

import datetime
import json

import pytest
from django.urls import reverse

from cases.models import Case, Party, Proposal
from tests.factories import make_article, make_entry

pytestmark = pytest.mark.django_db

SECRET_DAY = datetime.date(2021, 3, 9)  # a month with no other entry on Griner's case


@pytest.fixture
def secret(world):
    """One public entry, and one restricted entry naming a party, a speaker and a proposal that
    appear nowhere else on Griner's case."""
    make_entry(summary="Public development", occurred_on=datetime.date(2022, 7, 28))
    Party.objects.create(slug="informant", name="Quiet Informant")
    handler = Party.objects.create(slug="handler", name="Back Channel Handler")
    channel = Proposal.objects.create(slug="back-channel", title="Back-channel offer")
    return make_entry(
        summary="Restricted development",
        occurred_on=SECRET_DAY,
        reported_on=SECRET_DAY,
        kind="contact",
        restricted=True,
        parties=("informant",),
        speaker=handler,
        proposal=channel,
        article=make_article(title="Confidential memo"),
    )


def page(client, name="cases:case", args=("griner",), **params) -> str:
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    if response.streaming:  # the exports
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def filter_options(html: str) -> str:
    start = html.index('name="party"')
    return html[start : html.index("</form>", start)]


def test_the_party_and_proposal_filters_offer_only_what_the_analyst_may_see(analyst_client, secret):
    options = filter_options(page(analyst_client))
    assert 'value="informant"' not in options
    assert 'value="handler"' not in options
    assert 'value="back-channel"' not in options
    assert "Quiet Informant" not in options and "Back-channel offer" not in options


def test_an_editor_is_offered_them(editor_client, secret):
    options = filter_options(page(editor_client))
    assert 'value="informant"' in options
    assert 'value="handler"' in options
    assert 'value="back-channel"' in options


def test_the_case_page_has_no_trace_of_it_for_an_analyst(analyst_client, secret):
    html = page(analyst_client)
    for trace in [
        "Restricted development",
        "Quiet Informant",
        "Back Channel Handler",
        "Back-channel offer",
        "Confidential memo",
        "March 2021",  # the month group
        "Mar 2021",  # the overview's marks and ticks
        "9 Mar 2021",
    ]:
        assert trace not in html, trace
    assert "1 entry" in html


def test_filtering_by_its_party_or_proposal_shows_an_analyst_nothing(analyst_client, secret):
    for params in [{"party": "informant"}, {"party": "handler"}, {"proposal": "back-channel"}]:
        html = page(analyst_client, **params)
        assert "Restricted development" not in html
        assert "Some filters were not understood" in html  # as for a slug that does not exist
        csv = page(analyst_client, "cases:case_csv", **params)
        assert "Restricted development" not in csv
        feed = page(analyst_client, "cases:case_feed", **params)
        assert "Restricted development" not in feed


def test_exports_have_no_trace_of_it_for_an_analyst(analyst_client, secret):
    for name in ["cases:case_csv", "cases:case_json", "cases:case_ics", "cases:case_timelinejs"]:
        body = page(analyst_client, name)
        for trace in ["Restricted development", "Quiet Informant", "Confidential memo"]:
            assert trace not in body, (name, trace)
    document = json.loads(page(analyst_client, "cases:case_json"))
    assert [entry["summary"] for entry in document["entries"]] == ["Public development"]


def test_the_dashboard_counts_and_latest_development_leave_it_out(analyst_client, secret):
    html = page(analyst_client, "cases:dashboard", ())
    assert "Restricted development" not in html
    assert "Mar 2021" not in html  # the activity strip's months


def test_other_pages_and_search_leave_it_out(analyst_client, secret):
    for name, args in [
        ("cases:party", ("informant",)),
        ("cases:party", ("handler",)),
        ("cases:proposal", ("back-channel",)),
    ]:
        html = page(analyst_client, name, args)
        assert "Restricted development" not in html
        # The lists across cases are not counted; each of them is empty.
        assert "No entries match" in html and 'class="entry kind-' not in html
    for words in ["Restricted development", "Confidential memo"]:
        html = page(analyst_client, "cases:search", (), q=words)
        assert "0 results for" in html, words
    assert analyst_client.get(reverse("cases:entry", args=[secret.pk])).status_code == 404


def test_an_editor_sees_it_everywhere(editor_client, secret):
    html = page(editor_client)
    assert "Restricted development" in html and "March 2021" in html
    assert "2 entries" in html
    csv = page(editor_client, "cases:case_csv", party="informant")
    assert "Restricted development" in csv
    assert Case.objects.get(slug="griner") in secret.cases.all()
