"""The API's read side: who may read what, what each endpoint says, the timeline's filters and
cursor pages, and a fixed number of queries per list."""

import datetime
import itertools
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import (
    Case,
    CaseStatusChange,
    Correction,
    Party,
    Proposal,
    ProposalStatusChange,
    TimelineEntry,
)
from sources.models import ReviewStatus
from tests.factories import make_article, make_entry, make_proposed_entry

pytestmark = pytest.mark.django_db

READ = {"anonymous": (401, 403), "outsider": (403,), "analyst": (200,), "editor": (200,)}
EDITORS = {"anonymous": (401, 403), "outsider": (403,), "analyst": (403,), "editor": (200,)}


def endpoints(record) -> dict[str, tuple[str, dict]]:
    """Every read endpoint, with a URL naming a real object, and who may read it."""
    article = record["seed"]
    pending = record["pending"].first()
    return {
        "cases": (reverse("api:cases"), READ),
        "case": (reverse("api:case", args=["griner"]), READ),
        "entries": (reverse("api:entries"), READ),
        "entry": (reverse("api:entry", args=[record["corrected"].pk]), READ),
        "proposals": (reverse("api:proposals"), READ),
        "proposal": (reverse("api:proposal", args=["bout-swap"]), READ),
        "parties": (reverse("api:parties"), READ),
        "party": (reverse("api:party", args=["lavrov-ru"]), READ),
        "articles": (reverse("api:articles"), EDITORS),
        "article": (reverse("api:article", args=[article.pk]), EDITORS),
        "pending": (reverse("api:pending"), EDITORS),
        "proposed": (reverse("api:proposed", args=[pending.pk]), EDITORS),
    }


def results(client, url: str, **params) -> list[dict]:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def ids(client, **params) -> list[int]:
    return [entry["id"] for entry in results(client, reverse("api:entries"), **params)]


# ---------------------------------------------------------------------------------------------
# Who may read what


def test_each_role_gets_what_its_role_allows_from_every_endpoint(api_record, api_clients):
    wrong = []
    for name, (url, allowed) in endpoints(api_record).items():
        for role, client in api_clients.items():
            response = client.get(url)
            if response.status_code not in allowed[role]:
                wrong.append(f"{name} as {role}: {response.status_code}, expected {allowed[role]}")
            elif response.status_code != 200:
                assert response["Content-Type"] == "application/json"
                assert response.json()["detail"], (name, role)
    assert not wrong, "\n".join(wrong)


def test_reading_endpoints_refuse_writes(api_record, api_clients):
    for name, (url, _) in endpoints(api_record).items():
        response = api_clients["editor"].post(url, {}, content_type="application/json")
        assert response.status_code == 405, name


def test_an_unknown_object_is_a_404_in_json(api_record, api_clients):
    for url in (
        reverse("api:case", args=["no-such-case"]),
        reverse("api:entry", args=[999999]),
        reverse("api:proposal", args=["no-such-proposal"]),
        reverse("api:party", args=["no-such-party"]),
        reverse("api:article", args=[999999]),
        reverse("api:proposed", args=[999999]),
    ):
        response = api_clients["editor"].get(url)
        assert response.status_code == 404, url
        assert response.json()["detail"], url


# ---------------------------------------------------------------------------------------------
# Restricted entries never reach analysts; retracted entries reach no one


def test_a_restricted_entry_is_absent_for_analysts_in_the_list_and_its_detail(
    api_record, api_clients
):
    restricted, retracted = api_record["restricted"].pk, api_record["retracted"].pk
    analyst, editor = api_clients["analyst"], api_clients["editor"]
    assert restricted not in ids(analyst)
    assert restricted in ids(editor)
    assert analyst.get(reverse("api:entry", args=[restricted])).status_code == 404
    assert editor.get(reverse("api:entry", args=[restricted])).status_code == 200
    for client in (analyst, editor):
        assert retracted not in ids(client)
        assert client.get(reverse("api:entry", args=[retracted])).status_code == 404


def test_a_restricted_entry_is_absent_for_analysts_under_every_filter(api_record, api_clients):
    restricted = api_record["restricted"]
    matching = {
        "case": "griner",
        "kind": "contact",
        "party": "lavrov-ru",
        "start": "2022-07-30",
        "end": "2022-07-30",
        "q": "back-channel",
    }
    for name, value in matching.items():
        assert restricted.pk in ids(api_clients["editor"], **{name: value}), name
        assert restricted.pk not in ids(api_clients["analyst"], **{name: value}), name


def test_a_cases_entry_count_leaves_out_what_the_reader_may_not_see(api_record, api_clients):
    on_record = api_record["on_record"].filter(cases__slug="griner")
    counts = {}
    for role in ("analyst", "editor"):
        case = results(api_clients[role], reverse("api:cases"))[0]
        detail = api_clients[role].get(reverse("api:case", args=["griner"])).json()
        assert case["slug"] == "griner"
        assert detail["entry_count"] == case["entry_count"]
        counts[role] = case["entry_count"]
    assert counts["editor"] == on_record.count()
    assert counts["analyst"] == on_record.filter(restricted=False).count() == counts["editor"] - 1


# ---------------------------------------------------------------------------------------------
# What each endpoint says


def test_a_case_has_its_status_detention_dates_and_history(api_record, api_clients):
    case = api_clients["analyst"].get(reverse("api:case", args=["griner"])).json()
    assert case["detainee"] == {"slug": "griner", "name": "Brittney Griner", "kind": "person"}
    assert case["detaining_party"]["slug"] == "russian-government"
    assert case["status"] == "exchanged"
    assert case["detained_on"] == "2022-02-17"
    assert case["released_on"] == "2022-12-08"
    assert case["days_detained"] == (datetime.date(2022, 12, 8) - datetime.date(2022, 2, 17)).days
    history = CaseStatusChange.objects.filter(case__slug="griner").order_by("on")
    assert [change["status"] for change in case["status_history"]] == [
        change.status for change in history
    ]
    assert case["proposals"] == ["bout-swap"]
    assert case["page"] == "http://testserver/cases/griner/"


def test_a_case_still_held_counts_its_days_to_today(api_record, api_clients):
    CaseStatusChange.objects.filter(case__slug="whelan", status="exchanged").delete()
    whelan = api_clients["analyst"].get(reverse("api:case", args=["whelan"])).json()
    assert whelan["status"] == "sentenced"
    assert whelan["detained_on"] == "2018-12-28"
    assert whelan["released_on"] is None
    assert whelan["days_detained"] == (datetime.date.today() - datetime.date(2018, 12, 28)).days


def test_an_entry_has_its_citations_and_correction_notices(api_record, api_clients):
    corrected = api_record["corrected"]
    seed = api_record["seed"]
    url = reverse("api:entry", args=[corrected.pk])
    analysts = api_clients["analyst"].get(url).json()
    editors = api_clients["editor"].get(url).json()
    [citation] = analysts["citations"]
    assert citation["title"] == seed.title
    assert citation["url"] == seed.url
    assert citation["outlet"] == "CNN"
    assert citation["evidence"] and citation["evidence"] in seed.text
    [notice] = analysts["corrections"]
    assert notice["text"].startswith("date was ")
    assert notice["reason"] == "" and notice["by"] == ""
    [notice] = editors["corrections"]
    assert notice["reason"] == "The date was the day of the report"
    assert notice["by"] == "editor"
    assert "griner" in analysts["cases"]
    assert analysts["page"] == f"http://testserver/entries/{corrected.pk}/"


def test_non_latin_names_and_long_headlines_come_back_as_they_are(api_record, api_clients):
    entry = api_clients["analyst"].get(reverse("api:entry", args=[api_record["cyrillic"].pk]))
    entry = entry.json()
    assert entry["summary"] == "Лавров говорит, что переговоры об обмене идут."
    assert entry["parties"] == [{"slug": "lavrov-ru", "name": "Сергей Лавров", "kind": "person"}]
    [citation] = entry["citations"]
    assert citation["title"].startswith("Лавров: ") and len(citation["title"]) > 300
    assert citation["url"] == "https://ria.example/обмен"
    party = api_clients["analyst"].get(reverse("api:party", args=["lavrov-ru"])).json()
    assert party["name"] == "Сергей Лавров"


def test_a_proposal_has_its_sides_and_status_history(api_record, api_clients):
    proposal = api_clients["analyst"].get(reverse("api:proposal", args=["bout-swap"])).json()
    changes = ProposalStatusChange.objects.filter(proposal__slug="bout-swap").order_by("on", "pk")
    assert [(c["status"], c["on"]) for c in proposal["status_history"]] == [
        (change.status, change.on.isoformat()) for change in changes
    ]
    assert proposal["status"] == changes.last().status
    assert set(proposal["cases"]) == {"griner", "whelan"}
    released = {side["released"]["slug"] for side in proposal["sides"]}
    assert "griner" in released


def test_editors_see_articles_with_their_status_and_pending_count(api_record, api_clients):
    seed = api_record["seed"]
    listed = {a["id"]: a for a in results(api_clients["editor"], reverse("api:articles"))}
    assert listed[seed.pk]["status"] == "done"
    assert listed[seed.pk]["pending_proposals"] == api_record["pending"].count() > 0
    assert "text" not in listed[seed.pk]
    detail = api_clients["editor"].get(reverse("api:article", args=[seed.pk])).json()
    assert detail["text"] == seed.text
    assert detail["title"] == seed.title


def test_the_pending_list_is_the_review_queue(api_record, api_clients, editor):
    seed = api_record["seed"]
    pending = list(api_record["pending"])
    # A later report of a pending development waits behind its first report, as on the desk.
    later = make_proposed_entry(make_article(), group=pending[0])
    listed = [p["id"] for p in results(api_clients["editor"], reverse("api:pending"))]
    assert sorted(listed) == sorted(p.pk for p in pending)
    assert later.pk not in listed
    reviewed = seed.proposed_entries.exclude(status=ReviewStatus.PENDING).first()
    assert reviewed.pk not in listed
    # Every proposed entry, reviewed or not, has its own detail.
    detail = api_clients["editor"].get(reverse("api:proposed", args=[reviewed.pk])).json()
    assert detail["status"] == "approved"
    assert detail["entry"] == reviewed.entry_id
    assert detail["article"]["title"] == seed.title


# ---------------------------------------------------------------------------------------------
# The timeline's filters


def test_each_filter_narrows_the_entries(api_record, api_clients):
    client = api_clients["editor"]
    cyrillic, restricted = api_record["cyrillic"], api_record["restricted"]
    on_record = api_record["on_record"]
    whelan_only = make_entry(cases=("whelan",), summary="Whelan's family speaks.")
    proposal = Proposal.objects.get(slug="bout-swap")
    about_swap = make_entry(proposal=proposal, summary="The swap is discussed.", kind="proposal")
    spoken = make_entry(speaker=api_record["lavrov"], summary="A statement.")

    assert whelan_only.pk not in ids(client, case="griner")
    of_whelan = on_record.filter(cases__slug="whelan").order_by("occurred_on", "pk")
    assert whelan_only in of_whelan
    assert ids(client, case="whelan") == [entry.pk for entry in of_whelan]
    contacts = set(on_record.filter(kind="contact").values_list("pk", flat=True))
    assert restricted.pk in contacts
    assert set(ids(client, kind="contact")) == contacts
    about_the_swap = on_record.filter(proposal=proposal).order_by("occurred_on", "pk")
    assert about_swap in about_the_swap
    assert ids(client, proposal="bout-swap") == [entry.pk for entry in about_the_swap]
    # A party is matched where an entry names it or quotes it.
    assert set(ids(client, party="lavrov-ru")) == {cyrillic.pk, restricted.pk, spoken.pk}
    assert ids(client, start="2022-07-29", end="2022-07-29") == [cyrillic.pk]
    early = ids(client, end="2022-07-28")
    assert cyrillic.pk not in early and restricted.pk not in early and early
    assert ids(client, q="переговоры") == [cyrillic.pk]
    assert ids(client, q="swap -retracted") == [about_swap.pk]
    # Filters combine.
    assert ids(client, party="lavrov-ru", kind="statement") == [spoken.pk, cyrillic.pk]


def test_a_bad_filter_value_is_a_400_naming_the_parameter(api_record, api_clients):
    client = api_clients["analyst"]
    for name, value in (
        ("case", "no-such-case"),
        ("party", "no-such-party"),
        ("proposal", "no-such-proposal"),
        ("kind", "rumour"),
        ("start", "28 July"),
        ("end", "2022-13-01"),
    ):
        response = client.get(reverse("api:entries"), {name: value})
        assert response.status_code == 400, (name, response.content)
        assert name in response.json(), response.json()


# ---------------------------------------------------------------------------------------------
# Cursor pages


@pytest.fixture
def long_timeline(api_record):
    """A case of 120 entries over 40 days, three a day (so pages split days), with a restricted
    one every tenth."""
    detainee = Party.objects.create(slug="nurmatov", name="Нурматов Алишер")
    Case.objects.create(slug="nurmatov", name="Алишер Нурматов", detainee=detainee)
    made = []
    for n in range(120):
        made.append(
            make_entry(
                cases=("nurmatov",),
                summary=f"Development {n} in the case.",
                occurred_on=datetime.date(2021, 1, 1) + datetime.timedelta(days=n // 3),
                restricted=n % 10 == 9,
            )
        )
    return sorted(made, key=lambda entry: (entry.occurred_on, entry.pk))


def walk(client, **params) -> tuple[list[int], int]:
    """Every entry, following `next` from the first page; and how many pages it took."""
    seen, pages = [], 0
    response = client.get(reverse("api:entries"), params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        pages += 1
        seen += [entry["id"] for entry in body["results"]]
        if body["next"] is None:
            return seen, pages
        cursor = parse_qs(urlsplit(body["next"]).query)
        assert cursor.get("case") == ["nurmatov"], "the filters travel with the cursor"
        response = client.get(body["next"])


def test_cursor_pages_walk_a_120_entry_case_without_duplicates_or_gaps(long_timeline, api_clients):
    for role in ("editor", "analyst"):
        expected = [e.pk for e in long_timeline if role == "editor" or not e.restricted]
        seen, pages = walk(api_clients[role], case="nurmatov", page_size=7)
        assert seen == expected, role
        assert pages == -(-len(expected) // 7)


def test_an_entry_approved_during_the_walk_is_not_repeated_nor_skips_one(
    long_timeline, api_clients
):
    client = api_clients["editor"]
    first = client.get(reverse("api:entries"), {"case": "nurmatov", "page_size": 10}).json()
    # An entry dated before the page read so far, and one after: the walk goes on from where
    # it stopped and meets the later one.
    make_entry(cases=("nurmatov",), occurred_on=datetime.date(2020, 12, 1), summary="Earlier.")
    later = make_entry(cases=("nurmatov",), occurred_on=datetime.date(2021, 6, 1), summary="Later.")
    seen = [entry["id"] for entry in first["results"]]
    url = first["next"]
    while url:
        body = client.get(url).json()
        seen += [entry["id"] for entry in body["results"]]
        url = body["next"]
    assert seen == [e.pk for e in long_timeline] + [later.pk]


def test_a_cursor_not_given_by_the_list_is_a_404(api_record, api_clients):
    response = api_clients["analyst"].get(reverse("api:entries"), {"cursor": "not-a-cursor"})
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid cursor"}


def test_a_page_size_beyond_the_limit_is_cut_to_it(long_timeline, api_clients):
    more = [
        TimelineEntry(
            occurred_on=datetime.date(2023, 5, 1),
            reported_on=datetime.date(2023, 5, 1),
            kind="statement",
            summary=f"Statement {n}.",
        )
        for n in range(100)
    ]
    TimelineEntry.objects.bulk_create(more)
    assert TimelineEntry.objects.on_record().count() > 200
    body = api_clients["editor"].get(reverse("api:entries"), {"page_size": 1000}).json()
    assert len(body["results"]) == 200
    assert body["next"]


# ---------------------------------------------------------------------------------------------
# A fixed number of queries per list


_serial = itertools.count()


def _more_cases(n):
    for i in itertools.islice(_serial, n):
        party = Party.objects.create(slug=f"detainee-{i}", name=f"Задержанный {i}")
        case = Case.objects.create(slug=f"case-{i}", name=f"Дело {i}", detainee=party)
        CaseStatusChange.objects.create(case=case, status="detained", on=datetime.date(2023, 1, 2))


def _more_entries(n):
    editor = User.objects.get(username="editor")
    for i in range(n):
        entry = make_entry(
            parties=("lavrov-ru", "price"),
            article=make_article(),
            summary=f"Entry {i}",
            speaker=Party.objects.get(slug="price"),
        )
        Correction.objects.create(
            entry=entry,
            at=timezone.now(),
            by=editor,
            reason="A typo",
            changes={"summary": {"label": "summary", "was": "Entyr", "now": entry.summary}},
        )


def _more_proposals(n):
    party = Party.objects.get(slug="griner")
    for i in itertools.islice(_serial, n):
        proposal = Proposal.objects.create(slug=f"deal-{i}", title=f"Deal {i}", offered_by=party)
        proposal.cases.set(Case.objects.all())
        proposal.mediators.set(Party.objects.filter(slug="lavrov-ru"))
        ProposalStatusChange.objects.create(
            proposal=proposal, status="floated", on=datetime.date(2022, 3, 1)
        )


def _more_parties(n):
    for i in itertools.islice(_serial, n):
        Party.objects.create(slug=f"party-{i}", name=f"Party {i}")


def _more_articles(n):
    for _ in range(n):
        make_proposed_entry(make_article(), parties=("lavrov-ru",))


@pytest.mark.parametrize(
    "role, name, grow",
    [
        ("analyst", "api:cases", _more_cases),
        ("editor", "api:cases", _more_cases),
        ("analyst", "api:entries", _more_entries),
        ("editor", "api:entries", _more_entries),
        ("analyst", "api:proposals", _more_proposals),
        ("analyst", "api:parties", _more_parties),
        ("editor", "api:articles", _more_articles),
        ("editor", "api:pending", _more_articles),
    ],
)
def test_a_list_costs_the_same_queries_for_few_rows_as_for_many(
    api_record, api_clients, role, name, grow
):
    client = api_clients[role]
    counts = []
    for more in (2, 20):
        grow(more)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(name))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], "\n".join(q["sql"] for q in queries.captured_queries)
