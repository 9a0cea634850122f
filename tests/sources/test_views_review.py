"""The review queue page: who may open it, what an item shows, filters, sort, counts, queries."""

import datetime
import itertools
import re
from html import unescape

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Case, EntryKind, Party
from sources import review
from sources.forms import QueueFilterForm
from sources.models import Outlet, ProposedEntry, ReviewStatus
from sources.views import date_note, evidence_html
from tests.factories import make_article, make_proposed_entry

pytestmark = pytest.mark.django_db

URL = reverse("sources:review")

SEED_LIKE = (
    "Prisoner swap: Price reiterated that Blinken planned to follow up.\n"
    "Price on Thursday suggested that Moscow has not meaningfully engaged on the proposal. "
    "Officials were frustrated.\n"
    "Another paragraph."
)


def html(response) -> str:
    return response.content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_an_analyst_is_refused(analyst_client):
    assert analyst_client.get(URL).status_code == 403


def test_it_shows_pending_proposals_only(editor_client, world, editor):
    pending = make_proposed_entry()
    done = make_proposed_entry(make_article(), status=ReviewStatus.REJECTED)
    page = html(editor_client.get(URL))
    assert f'id="proposed-{pending.pk}"' in page
    assert f'id="proposed-{done.pk}"' not in page


def test_an_item_shows_its_evidence_date_kind_cases_and_source(editor_client, world):
    article = make_article(
        text=SEED_LIKE,
        title="Russia says Lavrov will pay attention",
        url="https://edition.cnn.com/2022/07/28/politics/lavrov",
        outlet=Outlet.objects.create(slug="cnn", name="CNN"),
    )
    evidence = (
        "Price on Thursday suggested that Moscow has not meaningfully engaged on the proposal."
    )
    start = SEED_LIKE.index(evidence)
    proposed = make_proposed_entry(
        article,
        parties=("price",),
        evidence=evidence,
        date_basis="on Thursday",
        occurred_on=datetime.date(2022, 7, 28),
        kind=EntryKind.STATEMENT,
        confidence=0.91,
        matched=[
            {"text": "Price", "start": start, "end": start + 5, "role": "speaker"},
            {"text": "on Thursday", "start": start + 6, "end": start + 17, "role": "date"},
        ],
    )
    page = html(editor_client.get(URL))
    assert '<mark class="role-speaker" title="speaker">Price</mark>' in page
    assert '<mark class="role-date" title="date">on Thursday</mark>' in page
    assert "Officials were frustrated." in page  # the rest of the paragraph, for context
    assert "Another paragraph." not in page
    assert "&#x27;on Thursday&#x27;: the article&#x27;s date 2022-07-28" in page
    assert "Statement" in page
    assert "Brittney Griner" in page
    assert "0.91" in page
    assert "CNN" in page
    assert 'href="https://edition.cnn.com/2022/07/28/politics/lavrov"' in page
    assert "published 2022-07-28" in page
    assert f'href="{article.get_absolute_url()}"' in page
    assert proposed.pk


def test_evidence_from_the_article_is_escaped(editor_client, world):
    text = 'He said <script>alert("x")</script> & left on Feb. 17.'
    article = make_article(text=text)
    make_proposed_entry(
        article,
        evidence=text,
        matched=[{"text": "<script>", "start": 8, "end": 16, "role": "<b>trigger</b>"}],
    )
    page = html(editor_client.get(URL))
    assert "<script>alert" not in page
    assert "<b>trigger" not in page
    assert (
        '<mark class="role-btriggerb" title="&lt;b&gt;trigger&lt;/b&gt;">&lt;script&gt;</mark>'
        "alert(&quot;x&quot;)&lt;/script&gt; &amp; left"
    ) in page


def test_overlapping_matches_are_split_not_nested_badly(world):
    text = "Brittney Griner was detained on Feb. 17."
    proposed = make_proposed_entry(
        make_article(text=text),
        evidence=text,
        matched=[
            {"text": "Brittney Griner", "start": 0, "end": 15, "role": "case"},
            {"text": "Griner", "start": 9, "end": 15, "role": "party"},
            {"text": "wrong words", "start": 16, "end": 20, "role": "trigger"},
        ],
    )
    rendered = str(evidence_html(proposed))
    assert rendered == (
        '<span class="evidence-sentence"><mark class="role-case" title="case">Brittney </mark>'
        '<mark class="role-case role-party" title="case, party">Griner</mark>'
        " was detained on Feb. 17.</span>"
    )


def test_evidence_whose_span_no_longer_matches_is_shown_plain(world):
    proposed = make_proposed_entry(make_article(text="Griner was detained."))
    proposed.article.text = "Something else entirely now."
    assert str(evidence_html(proposed)) == (
        f'<span class="evidence-sentence">{proposed.evidence}</span>'
    )


def test_the_date_note_says_how_the_date_was_found(world):
    article = make_article(published_on=datetime.date(2022, 7, 28))
    earlier = make_proposed_entry(
        article, date_basis="earlier this month", occurred_on=datetime.date(2022, 7, 10)
    )
    earlier.precision = "approximate"
    assert date_note(earlier) == (
        "'earlier this month': about 18 days before the article's date 2022-07-28"
    )
    undated = make_proposed_entry(article, date_basis="published")
    assert date_note(undated) == "No date in the text: the article's date 2022-07-28"


def test_a_development_shows_its_other_reports(editor_client, world):
    head = make_proposed_entry(make_article(title="First report"))
    member = make_proposed_entry(make_article(title="Wire copy"), group=head)
    page = html(editor_client.get(URL))
    assert f'id="proposed-{head.pk}"' in page
    assert f'id="proposed-{member.pk}"' not in page  # shown inside its development's item
    assert "1 more report of this development" in page
    assert "Wire copy" in page


def test_a_later_report_is_its_own_item_once_the_first_is_reviewed(editor_client, world):
    head = make_proposed_entry(make_article(), status=ReviewStatus.APPROVED)
    member = make_proposed_entry(make_article(), group=head)
    assert f'id="proposed-{member.pk}"' in html(editor_client.get(URL))


def test_newest_article_first(editor_client, world):
    old = make_proposed_entry(make_article(published_on=datetime.date(2022, 3, 1)))
    new = make_proposed_entry(make_article(published_on=datetime.date(2022, 8, 1)))
    page = html(editor_client.get(URL))
    assert page.index(f'id="proposed-{new.pk}"') < page.index(f'id="proposed-{old.pk}"')


@pytest.mark.parametrize(("sort", "first"), [("confidence", "sure"), ("doubtful", "unsure")])
def test_it_sorts_by_confidence(editor_client, world, sort, first):
    items = {
        "unsure": make_proposed_entry(make_article(), confidence=0.2),
        "sure": make_proposed_entry(make_article(), confidence=0.95),
    }
    page = html(editor_client.get(URL, {"sort": sort}))
    other = "unsure" if first == "sure" else "sure"
    assert page.index(f'id="proposed-{items[first].pk}"') < page.index(
        f'id="proposed-{items[other].pk}"'
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"case": "whelan"}, {"whelan"}),
        ({"kind": "court"}, {"court"}),
        ({"outlet": "reuters"}, {"reuters"}),
        ({"confidence": "high"}, {"sure"}),
        ({"confidence": "low"}, {"unsure"}),
        ({"date_from": "2022-07-01", "date_to": "2022-07-31"}, {"july"}),
        ({"kind": "not-a-kind"}, {"whelan", "court", "reuters", "sure", "unsure", "july"}),
    ],
)
def test_it_filters(editor_client, world, query, expected):
    reuters = Outlet.objects.create(slug="reuters", name="Reuters")
    items = {
        "whelan": make_proposed_entry(make_article(), cases=("whelan",), confidence=0.6),
        "court": make_proposed_entry(make_article(), kind=EntryKind.COURT, confidence=0.6),
        "reuters": make_proposed_entry(make_article(outlet=reuters), confidence=0.6),
        "sure": make_proposed_entry(make_article(), confidence=0.9),
        "unsure": make_proposed_entry(make_article(), confidence=0.3),
        "july": make_proposed_entry(
            make_article(), occurred_on=datetime.date(2022, 7, 20), confidence=0.6
        ),
    }
    page = html(editor_client.get(URL, query))
    shown = {name for name, p in items.items() if f'id="proposed-{p.pk}"' in page}
    assert shown == expected


def test_an_htmx_filter_returns_only_the_queue_and_keeps_the_filter_in_links(editor_client, world):
    for _ in range(25):
        make_proposed_entry(make_article(), cases=("whelan",))
    response = editor_client.get(
        URL, {"case": "whelan"}, headers={"HX-Request": "true", "HX-Target": "queue"}
    )
    page = html(response)
    assert page.lstrip().startswith('<section id="queue"')
    assert "<html" not in page
    assert f"?case=whelan&amp;after={shown(page)[-1]}" in page
    assert page.count('class="review-item') == 20
    assert "pending-counts" not in page  # the counts beside the queue are not redrawn


def test_the_filter_form_asks_htmx_to_keep_the_url(editor_client, world):
    page = html(editor_client.get(URL))
    assert 'hx-push-url="true"' in page
    assert 'hx-target="#queue"' in page


NEXT_LINK = re.compile(r'<a href="(\?[^"]*)"[^>]*rel="next"')


def next_page(page: str) -> dict | None:
    """The query of the page's "Next" link, or None when it has none."""
    match = NEXT_LINK.search(page)
    return dict(QueryDict(unescape(match.group(1))[1:]).items()) if match else None


def shown(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<article id="proposed-(\d+)"', page)]


def test_it_pages_on_with_a_link_to_the_items_after_the_last_one(editor_client, world):
    items = [make_proposed_entry(make_article()) for _ in range(23)]
    first = html(editor_client.get(URL))
    assert len(shown(first)) == 20
    assert "20 items shown, more under “Next”" in first
    assert next_page(first) == {"after": str(shown(first)[-1])}
    assert "Back to the top" not in first

    second = html(editor_client.get(URL, next_page(first)))
    assert len(shown(second)) == 3
    assert set(shown(first) + shown(second)) == {p.pk for p in items}
    assert next_page(second) is None
    assert "Back to the top" in second


def test_the_next_page_follows_on_when_the_last_item_was_reviewed_meanwhile(
    editor_client, world, editor
):
    for _ in range(23):
        make_proposed_entry(make_article())
    first = html(editor_client.get(URL))
    expected_rest = shown(html(editor_client.get(URL, next_page(first))))
    # The editor approves the whole first page, the last item (the cursor) included.
    for pk in shown(first):
        review.approve(pk, by=editor)
    assert shown(html(editor_client.get(URL, next_page(first)))) == expected_rest


@pytest.mark.parametrize("after", ["999999999", "abc", "-1", "9" * 30, ""])
def test_a_cursor_that_names_no_proposal_starts_from_the_top(editor_client, world, after):
    make_proposed_entry(make_article())
    response = editor_client.get(URL, {"after": after})
    assert response.status_code == 200
    assert len(shown(html(response))) == 1
    assert response.context["after"] is None


@pytest.mark.parametrize("sort", ["newest", "confidence", "doubtful"])
@pytest.mark.parametrize("narrowed", [False, True], ids=["unfiltered", "filtered"])
def test_paging_visits_every_item_once_in_order_whatever_the_ties(
    editor_client, world, monkeypatch, sort, narrowed
):
    """Equal dates and confidences, an article without a date, several proposals of one
    article, grouped reports: walking the pages two items at a time gives the queue's order,
    whether the page is read with a limit (unfiltered) or by id (filtered)."""
    from sources import views

    monkeypatch.setattr(views, "QUEUE_PAGE_SIZE", 2)
    july, march = datetime.date(2022, 7, 28), datetime.date(2022, 3, 1)
    articles = [
        make_article(published_on=july),
        make_article(published_on=july),
        make_article(published_on=march),
        make_article(published_on=None),
        make_article(published_on=None),
    ]
    heads = []
    for n, article in enumerate(articles * 2):
        heads.append(make_proposed_entry(article, confidence=[0.5, 0.9, 0.2][n % 3]))
    make_proposed_entry(make_article(), group=heads[0])  # shown inside its development's item
    make_proposed_entry(make_article(), status=ReviewStatus.APPROVED)

    query = {"sort": sort, **({"kind": "detention"} if narrowed else {})}  # all are detentions
    assert QueueFilterForm(query).narrows == narrowed
    expected = [p.pk for p in views.queue_items(QueueFilterForm(query))]
    assert sorted(expected) == sorted(p.pk for p in heads)
    walked = []
    while query is not None:
        page = html(editor_client.get(URL, query))
        walked += shown(page)
        query = next_page(page)
    assert walked == expected
    assert expected == [p.pk for p in sorted(heads, key=lambda p: queue_order(p, sort))]


def queue_order(proposed: ProposedEntry, sort: str) -> tuple:
    """The queue's order, said again in Python: an undated article counts as the newest."""
    article = proposed.article
    published = (0, 0) if article.published_on is None else (1, -article.published_on.toordinal())
    ties = (article.pk, proposed.ordinal, proposed.pk)
    if sort == "newest":
        return (published, -article.created_at.timestamp(), *ties)
    if sort == "confidence":
        return (-proposed.confidence, published, *ties)
    return (proposed.confidence, published, *ties)


def test_it_counts_pending_proposals_per_case(editor_client, world):
    make_proposed_entry(make_article(), cases=("griner",))
    make_proposed_entry(make_article(), cases=("griner", "whelan"))
    make_proposed_entry(make_article(), cases=("whelan",), status=ReviewStatus.REJECTED)
    make_proposed_entry(make_article(), cases=())  # about no case yet: in the total only
    response = editor_client.get(URL)
    counts = {case.slug: case.pending for case in response.context["case_counts"]}
    assert counts == {"griner": 2, "whelan": 1}
    assert response.context["pending_total"] == 3
    assert response.context["more_cases"] == 0


def add_cases(n: int) -> list[str]:
    slugs = []
    for _ in range(n):
        number = next(_case_numbers)
        detainee = Party.objects.create(slug=f"detainee-{number}", name=f"Detainee {number}")
        Case.objects.create(slug=f"case-{number}", name=f"Case {number:04}", detainee=detainee)
        slugs.append(f"case-{number}")
    return slugs


_case_numbers = itertools.count(1)


def test_the_busiest_cases_are_listed_and_the_others_counted(editor_client, world, monkeypatch):
    from sources import views

    monkeypatch.setattr(views, "CASES_LISTED", 3)
    slugs = add_cases(5)
    for n, slug in enumerate(slugs):
        for _ in range(n + 1):
            make_proposed_entry(make_article(), cases=(slug,))
    response = editor_client.get(URL)
    assert [case.slug for case in response.context["case_counts"]] == slugs[::-1][:3]
    page = html(response)
    assert "and 2 more cases (the case filter lists them all)" in page
    # The filter offers every case, the quiet ones too.
    for slug in slugs:
        assert f'<option value="{slug}">' in page


def fill_archive(cases: int, pending: int, reviewed: int) -> None:
    """Cases, pending developments (each with a second report) and reviewed proposals."""
    slugs = add_cases(cases) or ["griner"]
    for n in range(pending):
        head = make_proposed_entry(
            make_article(), parties=("price", "lavrov"), cases=(slugs[n % len(slugs)], "whelan")
        )
        make_proposed_entry(make_article(), group=head)
    for n in range(reviewed):
        make_proposed_entry(make_article(), cases=(slugs[n % len(slugs)],), status="approved")


QUEUE_PAGES = [
    ("the queue", {}, {}),
    ("a case's queue", {"case": "whelan"}, {}),
    ("by confidence", {"sort": "confidence", "kind": "detention"}, {}),
    ("the queue's fragment", {}, {"HX-Request": "true", "HX-Target": "queue"}),
]


@pytest.mark.parametrize(("name", "query", "headers"), QUEUE_PAGES, ids=[p[0] for p in QUEUE_PAGES])
def test_the_queue_takes_the_same_number_of_queries_with_a_larger_archive(
    editor_client, world, django_assert_num_queries, name, query, headers
):
    """More pending items, more reviewed proposals and more cases (past CASES_LISTED): the same
    queries, on the first page and on the next."""
    from sources import views

    def count(query):
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(URL, query, headers=headers)
        assert response.status_code == 200
        return len(queries), response

    fill_archive(cases=2, pending=2, reviewed=3)
    few, _ = count(query)
    fill_archive(cases=views.CASES_LISTED + 5, pending=25, reviewed=30)
    many, response = count(query)
    assert many == few
    assert len(shown(html(response))) == 20
    later, _ = count({**query, "after": shown(html(response))[-1]})
    # One more for the cursor's sort keys; on a whole page, two fewer as the counts beside the
    # queue, unchanged since the page before, are kept (sources.pending).
    kept = 0 if headers else 2
    assert later == few + 1 - kept


def test_an_approval_takes_the_same_number_of_queries_with_a_larger_archive(editor_client, world):
    def approve_one():
        proposed = make_proposed_entry(make_article(), parties=("price",), cases=("griner",))
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.post(
                reverse("sources:approve", args=[proposed.pk]), headers={"HX-Request": "true"}
            )
        assert response.status_code == 200
        return len(queries)

    make_proposed_entry(make_article())  # something stays in the queue to count
    approve_one()  # the first approval of a case may set up what later ones only update
    few = approve_one()
    fill_archive(cases=35, pending=25, reviewed=30)
    assert approve_one() == few


# Bulk actions on ids that are stale, malformed or too many: each readable id is done or refused
# on its own, and the editor is told which were not done and why.

BULK = reverse("sources:bulk")
HTMX = {"HX-Request": "true"}


@pytest.mark.parametrize(
    "action", [{"action": "approve"}, {"action": "reject", "reason": "other", "note": "n"}]
)
def test_bulk_with_an_id_that_no_longer_exists_acts_on_the_others(editor_client, world, action):
    first, second = make_proposed_entry(make_article()), make_proposed_entry(make_article())
    gone = make_proposed_entry(make_article())
    gone_pk = gone.pk
    gone.delete()
    response = editor_client.post(
        BULK, {"ids": [first.pk, gone_pk, second.pk], **action}, headers=HTMX
    )
    assert response.status_code == 200
    page = html(response)
    assert f"#{gone_pk}: it no longer exists" in page
    assert ProposedEntry.objects.filter(status=ReviewStatus.PENDING).count() == 0


def test_bulk_without_htmx_with_a_missing_id_says_so_after_the_redirect(editor_client, world):
    first = make_proposed_entry(make_article())
    response = editor_client.post(
        BULK, {"ids": [first.pk, 999_999], "action": "approve"}, follow=True
    )
    page = html(response)
    assert "Approved 1." in page and "#999999: it no longer exists" in page
    first.refresh_from_db()
    assert first.status == ReviewStatus.APPROVED


@pytest.mark.parametrize("bad", ["abc", "-3", "1.5", "²", "", "9" * 30])
def test_bulk_with_an_unreadable_id_acts_on_the_others(editor_client, world, bad):
    first = make_proposed_entry(make_article())
    response = editor_client.post(BULK, {"ids": [bad, first.pk], "action": "approve"}, headers=HTMX)
    assert response.status_code == 200
    page = html(response)
    assert "Approved 1." in page
    first.refresh_from_db()
    assert first.status == ReviewStatus.APPROVED


def test_bulk_with_only_unreadable_ids_says_to_select_proposals(editor_client, world):
    response = editor_client.post(BULK, {"ids": ["abc"], "action": "approve"}, headers=HTMX)
    assert response.status_code == 200
    assert "Select the proposals first" in html(response)


def test_bulk_with_too_many_ids_does_nothing_and_says_why(editor_client, world, monkeypatch):
    from sources import views

    monkeypatch.setattr(views, "BULK_MAX", 2)
    items = [make_proposed_entry(make_article()) for _ in range(3)]
    response = editor_client.post(
        BULK, {"ids": [p.pk for p in items], "action": "approve"}, headers=HTMX
    )
    assert response.status_code == 200
    assert "at most 2 at a time" in html(response)
    assert ProposedEntry.objects.filter(status=ReviewStatus.PENDING).count() == 3


def test_bulk_with_the_same_id_twice_acts_once(editor_client, world):
    first = make_proposed_entry(make_article())
    response = editor_client.post(
        BULK, {"ids": [first.pk, first.pk], "action": "approve"}, headers=HTMX
    )
    assert "Approved 1." in html(response)


def test_bulk_with_more_fields_than_django_reads_gets_the_400_page(editor_client, world):
    response = editor_client.post(
        BULK, {"ids": list(range(1, 1_100)), "action": "approve"}, headers=HTMX
    )
    assert response.status_code == 400
    assert "Request not understood" in html(response)


def test_the_date_note_says_which_date_a_relative_date_was_counted_from(world):
    article = make_article(published_on=datetime.date(2022, 7, 28))
    next_day = make_proposed_entry(
        article, date_basis="The next day", occurred_on=datetime.date(2021, 3, 4)
    )
    next_day.date_anchor = "narrative"
    assert date_note(next_day) == (
        "'The next day': counted from the last date the article told before it"
    )
    lead = make_proposed_entry(
        article, date_basis="published", occurred_on=datetime.date(2022, 7, 27)
    )
    lead.date_anchor = "lead"
    assert date_note(lead) == (
        "No date in the text: the news day its lead gives, 2022-07-27 "
        "(the article is dated 2022-07-28)"
    )


def test_the_counts_beside_the_queue_are_kept_until_what_they_count_changes(editor_client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = make_proposed_entry(make_article(), cases=("griner",))
    make_proposed_entry(make_article(title="Заголовок: a second report"), cases=("whelan",))

    def counts() -> tuple[dict, list[str]]:
        with CaptureQueriesContext(connection) as captured:
            response = editor_client.get(URL)
        shown = {case.slug: case.pending for case in response.context["case_counts"]}
        return shown, [q["sql"] for q in captured.captured_queries]

    shown, counted = counts()
    assert shown == {"griner": 1, "whelan": 1}
    shown, kept = counts()  # nothing changed: kept, not counted by case again
    assert shown == {"griner": 1, "whelan": 1}
    assert len(kept) == len(counted) - 2  # neither the count by case nor the cases' names
    assert not any("ARRAY(" in sql for sql in kept)
    # A case added to a pending proposal, a proposal reviewed, a new one: each is seen at once.
    first.cases.add(Case.objects.get(slug="whelan"))
    assert counts()[0] == {"griner": 1, "whelan": 2}
    first.status = ReviewStatus.REJECTED
    first.save(update_fields=["status"])
    assert counts()[0] == {"whelan": 1}
    make_proposed_entry(make_article(), cases=("griner",))
    assert counts()[0] == {"griner": 1, "whelan": 1}
