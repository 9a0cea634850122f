"""Adding a development the extractor missed, from the article page: the reading of the
selected words, the form (with and without JavaScript), and what approving it writes."""

import datetime

import pytest
from django.urls import reverse

from cases.models import Case, DatePrecision, EntryKind, Party, TimelineEntry
from sources import adding, processing, review
from sources.models import (
    Article,
    ArticleStatus,
    Citation,
    ProposedEntry,
    ReviewAction,
    ReviewStatus,
)
from sources.review import ReviewError, add_missed
from tests.factories import SEED_ARTICLE, SEED_TEXT, make_article, make_proposed_entry

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
# A sentence the extractor proposes a statement from.
PROPOSED = "Price on Thursday suggested that Moscow has not meaningfully engaged on the proposal."
# One it proposes nothing from: the development an editor adds.
MISSED = (
    "Officials told CNN that they felt Moscow would jump at the offer, but it is now almost "
    "August and they have not received a substantive response."
)


def span(words: str) -> tuple[int, int]:
    start = SEED_TEXT.index(words)
    return start, start + len(words)


@pytest.fixture
def seed_article(world) -> Article:
    """The seed article read by the extractor, as a worker reads it."""
    article = make_article(
        title=SEED_ARTICLE["title"], text=SEED_TEXT, url=None, status=ArticleStatus.QUEUED
    )
    assert processing.process_article(article.pk) == ArticleStatus.DONE
    article.refresh_from_db()
    return article


def ids(model, *slugs) -> list[int]:
    return sorted(model.objects.filter(slug__in=slugs).values_list("pk", flat=True))


def form_data(start: int, end: int, **fields) -> dict:
    data = {
        "start": start,
        "end": end,
        "occurred_on": "2022-07-28",
        "precision": "day",
        "kind": EntryKind.RESPONSE,
        "summary": "Officials say Moscow has not answered the offer substantively.",
        "quote": "",
        "speaker": "",
        "attribution": "anonymous",
        "cases": ids(Case, "griner", "whelan"),
        "parties": ids(Party, "cnn"),
        "proposal": "",
    }
    return data | fields


def add_url(article: Article) -> str:
    return reverse("sources:add_entry", args=[article.pk])


def new_url(article: Article, start, end) -> str:
    return f"{reverse('sources:add_entry_form', args=[article.pk])}?start={start}&end={end}"


# ---------------------------------------------------------------------------------------------
# The reading


def test_the_reading_of_a_sentence_the_extractor_proposed_from_is_its_proposal(seed_article):
    reading = adding.read_span(seed_article, *span(PROPOSED))
    assert reading.proposed_here
    assert reading.kind == EntryKind.STATEMENT
    assert reading.occurred_on == datetime.date(2022, 7, 28)
    assert reading.date_basis == "on Thursday"
    assert [(d.text, d.date) for d in reading.dates] == [
        ("on Thursday", datetime.date(2022, 7, 28))
    ]
    assert reading.speaker_id == Party.objects.get(slug="price").pk
    assert reading.case_ids == ids(Case, "griner", "whelan")
    assert reading.evidence == PROPOSED


def test_the_reading_of_a_missed_sentence_gives_its_dates_cases_and_parties(seed_article):
    reading = adding.read_span(seed_article, *span(MISSED))
    assert not reading.proposed_here
    assert reading.kind == ""  # for the editor to choose
    assert [(d.text, d.date) for d in reading.dates] == [
        ("now almost August", datetime.date(2022, 7, 28))
    ]
    # "the offer" names the Bout swap, and so its cases.
    assert reading.proposal_id is not None
    assert reading.case_ids == ids(Case, "griner", "whelan")
    assert reading.party_ids == ids(Party, "cnn", "russian-government")


def test_a_relative_date_is_read_from_what_the_article_told_before(world):
    text = "Griner was detained on Feb. 17, 2022.\nHer lawyer saw her the next day in custody."
    article = make_article(text=text)
    start = text.index("Her lawyer")
    reading = adding.read_span(article, start, len(text))
    assert [(d.text, d.date) for d in reading.dates] == [
        ("the next day", datetime.date(2022, 2, 18))
    ]
    assert reading.occurred_on == datetime.date(2022, 2, 18)


def test_words_without_a_date_get_the_articles_date(world):
    text = "Griner's family asked for patience."
    article = make_article(text=text, published_on=datetime.date(2022, 7, 28))
    reading = adding.read_span(article, 0, len(text))
    assert reading.dates == []
    assert reading.occurred_on == datetime.date(2022, 7, 28)
    assert reading.date_basis == ""


@pytest.mark.parametrize(
    ("start", "end"), [(None, 5), (5, 5), (10, 4), (-1, 4), (0, 10_000), (6, 8)]
)
def test_a_span_outside_the_text_or_only_blank_is_refused(start, end):
    text = "Griner  was detained."
    assert adding.span_problem(text, start, end) is not None
    assert adding.span_problem(text, 0, 6) is None


def test_the_printed_pieces_are_the_text_line_by_line(seed_article):
    lines = [line for line in SEED_TEXT.splitlines() if line.strip()]
    paragraphs = adding.paragraphs(SEED_TEXT)
    assert ["".join(p.text for p in pieces) for pieces in paragraphs] == lines
    for pieces in paragraphs:
        for piece in pieces:
            assert SEED_TEXT[piece.start : piece.end] == piece.text
    sentences = [p.text for pieces in paragraphs for p in pieces if p.sentence]
    assert PROPOSED in sentences and MISSED in sentences


# ---------------------------------------------------------------------------------------------
# The form, without JavaScript


def test_the_form_is_pre_filled_with_the_reading_and_quotes_the_words(editor_client, seed_article):
    response = editor_client.get(new_url(seed_article, *span(PROPOSED)))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<form method="post" action="' + add_url(seed_article) in page
    assert "hx-post" not in page  # a page of its own posts and comes back to the article
    assert f'<span class="evidence-sentence">{PROPOSED}</span>' in page
    form = response.context["form"]
    assert form.initial["kind"] == EntryKind.STATEMENT
    assert form.initial["occurred_on"] == datetime.date(2022, 7, 28)
    assert form.initial["cases"] == ids(Case, "griner", "whelan")
    assert 'value="2022-07-28"' in page
    assert '<option value="statement" selected>' in page
    assert "Dates found:" in page and "“on Thursday” 28 Jul 2022" in page


def test_the_article_page_offers_every_sentence_without_javascript(editor_client, seed_article):
    page = editor_client.get(seed_article.get_absolute_url()).content.decode()
    start, end = span(MISSED)
    link = new_url(seed_article, start, end).replace("&", "&amp;")
    assert f'<a href="{link}">Add from this sentence</a>' in page
    assert f'<span class="sentence" tabindex="-1" data-start="{start}" data-end="{end}">' in page


def test_the_form_for_a_span_outside_the_text_says_so(editor_client, seed_article):
    response = editor_client.get(new_url(seed_article, 10, 99_999))
    assert response.status_code == 400
    assert "within the article" in response.content.decode()
    response = editor_client.get(new_url(seed_article, "x", ""))
    assert response.status_code == 400


def test_without_javascript_adding_redirects_to_the_article_with_a_message(
    editor_client, seed_article
):
    response = editor_client.post(add_url(seed_article), form_data(*span(MISSED)), follow=True)
    assert response.redirect_chain[-1][0] == seed_article.get_absolute_url()
    page = response.content.decode()
    assert "Added: Officials say Moscow has not answered" in page
    assert "Added by editor" in page


# ---------------------------------------------------------------------------------------------
# What adding writes


def test_adding_writes_the_entry_its_citation_and_an_approved_proposed_entry(
    editor_client, editor, seed_article
):
    start, end = span(MISSED)
    before = set(ProposedEntry.objects.values_list("pk", flat=True))
    last_ordinal = max(p.ordinal for p in seed_article.proposed_entries.all())
    response = editor_client.post(add_url(seed_article), form_data(start, end), headers=HTMX)
    assert response.status_code == 200

    entry = TimelineEntry.objects.get()
    assert entry.summary == "Officials say Moscow has not answered the offer substantively."
    assert entry.kind == EntryKind.RESPONSE
    assert entry.occurred_on == datetime.date(2022, 7, 28)
    assert entry.reported_on == seed_article.published_on
    assert entry.approved_by == editor and entry.approved_at is not None
    assert sorted(c.pk for c in entry.cases.all()) == ids(Case, "griner", "whelan")
    assert [p.slug for p in entry.parties.all()] == ["cnn"]

    added = ProposedEntry.objects.exclude(pk__in=before).get()
    assert added.added_by_editor
    assert added.status == ReviewStatus.APPROVED
    assert (added.start, added.end, added.evidence) == (start, end, MISSED)
    assert added.entry == entry
    assert added.reviewed_by == editor and added.reviewed_at == entry.approved_at
    assert added.extractor_version == seed_article.extractor_version
    assert added.ordinal == last_ordinal + 1
    assert sorted(c.pk for c in added.cases.all()) == ids(Case, "griner", "whelan")

    citation = Citation.objects.get(entry=entry)
    assert (citation.article, citation.start, citation.end) == (seed_article, start, end)
    assert citation.evidence == SEED_TEXT[start:end] == MISSED
    assert citation.proposed_entry == added and citation.created_by == editor

    action = ReviewAction.objects.get(proposed_entry=added)
    assert action.action == ReviewAction.Action.ADDED
    assert action.by == editor and action.entry == entry

    history = entry.history.order_by("history_id")
    assert history.first().history_type == "+"
    assert {record.history_user for record in history} == {editor}
    assert history.first().history_change_reason == f"Added from article {seed_article.pk}"

    # The fragment: the outcome in place, and the article's proposals redrawn out of band.
    fragment = response.content.decode()
    assert 'id="add-entry-panel"' in fragment and entry.get_absolute_url() in fragment
    assert 'id="article-status"' in fragment and 'hx-swap-oob="true"' in fragment
    assert "Added by editor" in fragment


def test_an_added_entry_is_on_the_case_timeline(editor, analyst_client, seed_article):
    case_url = reverse("cases:case", args=["griner"])
    assert "substantive response" not in analyst_client.get(case_url).content.decode()
    add_missed(
        seed_article,
        *span(MISSED),
        by=editor,
        fields={
            "occurred_on": datetime.date(2022, 7, 28),
            "precision": DatePrecision.DAY,
            "kind": EntryKind.RESPONSE,
            "summary": "Moscow has given no substantive response to the offer.",
            "cases": Case.objects.filter(slug="griner"),
        },
    )
    page = analyst_client.get(case_url).content.decode()
    assert "Moscow has given no substantive response to the offer." in page


def test_adding_twice_from_the_same_words_gives_each_its_own_ordinal(editor, seed_article):
    fields = {
        "occurred_on": datetime.date(2022, 7, 28),
        "precision": DatePrecision.DAY,
        "kind": EntryKind.RESPONSE,
        "summary": "No response.",
        "cases": Case.objects.filter(slug="griner"),
    }
    first = add_missed(seed_article, *span(MISSED), by=editor, fields=fields)
    second = add_missed(seed_article, *span(MISSED), by=editor, fields=fields)
    ordinals = [e.proposed_entries.get().ordinal for e in (first, second)]
    assert ordinals[1] == ordinals[0] + 1


def test_adding_to_an_article_not_read_yet_takes_the_first_ordinal(editor, world):
    article = make_article(status=ArticleStatus.QUEUED, extractor_version="")
    entry = add_missed(
        article,
        0,
        6,
        by=editor,
        fields={
            "occurred_on": datetime.date(2022, 2, 17),
            "precision": DatePrecision.DAY,
            "kind": EntryKind.DETENTION,
            "summary": "Griner detained.",
            "cases": Case.objects.filter(slug="griner"),
        },
    )
    added = entry.proposed_entries.get()
    assert (added.ordinal, added.extractor_version) == (0, "")


def test_the_action_refuses_no_case_and_a_bad_span(editor, seed_article):
    fields = {
        "occurred_on": datetime.date(2022, 7, 28),
        "precision": DatePrecision.DAY,
        "kind": EntryKind.RESPONSE,
        "summary": "No response.",
        "cases": [],
    }
    with pytest.raises(ReviewError, match="at least one case"):
        add_missed(seed_article, *span(MISSED), by=editor, fields=fields)
    fields["cases"] = Case.objects.filter(slug="griner")
    with pytest.raises(ReviewError, match="not a span"):
        add_missed(seed_article, 0, len(SEED_TEXT) + 1, by=editor, fields=fields)
    assert not TimelineEntry.objects.exists()
    assert not ProposedEntry.objects.filter(added_by_editor=True).exists()


# ---------------------------------------------------------------------------------------------
# Bad input: a clear error, the form as typed, nothing written


def nothing_written() -> bool:
    return (
        not TimelineEntry.objects.exists()
        and not Citation.objects.exists()
        and not ProposedEntry.objects.filter(added_by_editor=True).exists()
        and not ReviewAction.objects.exists()
    )


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"occurred_on": "2022-02-30"}, "Enter a valid date."),
        ({"occurred_on": "1850-01-01"}, "1900-01-01"),
        ({"cases": []}, "Choose at least one case."),
        ({"kind": ""}, "This field is required."),
        ({"start": 10, "end": 99_999}, "within the article"),
        ({"start": 5, "end": 5}, "within the article"),
        ({"start": ""}, "Selection: This field is required."),
    ],
)
def test_bad_input_is_refused_with_the_form_as_typed(editor_client, seed_article, change, error):
    data = form_data(*span(MISSED), summary="My own words, kept.") | change
    # In place (htmx) the form with its errors is the answer; a page of its own is a 400.
    for headers, status in (({}, 400), (HTMX, 200)):
        response = editor_client.post(add_url(seed_article), data, headers=headers)
        assert response.status_code == status
        page = response.content.decode()
        assert 'id="add-entry-panel"' in page
        assert error in page
        assert "My own words, kept." in page
    assert nothing_written()


def test_a_typed_date_stays_in_the_form_when_refused(editor_client, seed_article):
    data = form_data(*span(MISSED), occurred_on="2022-02-30")
    page = editor_client.post(add_url(seed_article), data).content.decode()
    assert 'value="2022-02-30"' in page


def test_form_text_is_escaped(editor_client, seed_article):
    data = form_data(*span(MISSED), summary="<script>alert(1)</script>", cases=[])
    page = editor_client.post(add_url(seed_article), data).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# ---------------------------------------------------------------------------------------------
# Who may


def test_an_anonymous_visitor_is_sent_to_sign_in(client, seed_article):
    for response in (
        client.get(new_url(seed_article, *span(MISSED))),
        client.post(add_url(seed_article), form_data(*span(MISSED))),
    ):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert nothing_written()


@pytest.mark.parametrize("persona", ["analyst", "outsider"])
def test_only_editors_may_add(client, request, seed_article, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(new_url(seed_article, *span(MISSED))).status_code == 403
    assert client.post(add_url(seed_article), form_data(*span(MISSED))).status_code == 403
    assert nothing_written()


def test_the_endpoint_takes_only_post_and_the_form_only_get(editor_client, seed_article):
    assert editor_client.get(add_url(seed_article)).status_code == 405
    assert editor_client.post(new_url(seed_article, *span(MISSED))).status_code == 405


def test_an_unknown_article_is_404(editor_client):
    assert editor_client.get(new_url(Article(pk=999), 0, 5)).status_code == 404
    assert editor_client.post(add_url(Article(pk=999)), form_data(0, 5)).status_code == 404


# ---------------------------------------------------------------------------------------------
# The article page's own defects


@pytest.mark.parametrize(
    ("status", "said", "not_said"),
    [
        ("queued", "It is queued", "being read now"),
        ("extracting", "It is being read now", "queued"),
        ("done", "", "being read now"),
    ],
)
def test_the_status_line_follows_the_articles_status(editor_client, status, said, not_said):
    article = make_article(status=status)
    page = editor_client.get(article.get_absolute_url()).content.decode()
    line = page[page.index('<p class="article-status-line">') :]
    line = line[: line.index("</p>")]
    assert said in line and not_said not in line


def test_submitting_says_only_that_it_was_submitted(editor_client, throttle_counts):
    data = {
        "text": "Brittney Griner was detained at Sheremetyevo airport on Feb. 17.",
        "title": "Griner detained",
        "published_on": "2022-02-20",
    }
    response = editor_client.post(reverse("sources:submit"), data, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["Submitted: Griner detained."]


def test_a_month_precision_date_shows_as_the_month(editor_client, world):
    article = make_article(status="done")
    make_proposed_entry(
        article, occurred_on=datetime.date(2018, 12, 1), precision=DatePrecision.MONTH
    )
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert '<time datetime="2018-12">Dec 2018</time>' in page
    assert "1 Dec 2018" not in page


def test_the_article_page_takes_a_fixed_number_of_queries(
    editor_client, editor, seed_article, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as few:
        editor_client.get(seed_article.get_absolute_url())
    fields = {
        "occurred_on": datetime.date(2022, 7, 28),
        "precision": DatePrecision.DAY,
        "kind": EntryKind.RESPONSE,
        "summary": "No response.",
        "cases": Case.objects.filter(slug="griner"),
    }
    for _ in range(5):
        add_missed(seed_article, *span(MISSED), by=editor, fields=fields)
    with django_assert_max_num_queries(len(few.captured_queries)):
        editor_client.get(seed_article.get_absolute_url())


def test_in_place_the_form_is_the_panel_alone_and_posts_through_htmx(editor_client, seed_article):
    response = editor_client.get(new_url(seed_article, *span(MISSED)), headers=HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<section class="add-entry-panel" id="add-entry-panel"')
    assert f'hx-post="{add_url(seed_article)}" hx-target="#add-entry-panel"' in page
    assert "<html" not in page


def test_an_added_entry_is_not_undone_back_into_the_queue(editor_client, editor, seed_article):
    entry = add_missed(
        seed_article,
        *span(MISSED),
        by=editor,
        fields={
            "occurred_on": datetime.date(2022, 7, 28),
            "precision": DatePrecision.DAY,
            "kind": EntryKind.RESPONSE,
            "summary": "No response.",
            "cases": Case.objects.filter(slug="griner"),
        },
    )
    added = entry.proposed_entries.get()
    assert not review.can_undo(added, editor)
    with pytest.raises(review.UndoRefused, match="correct or retract"):
        review.undo(added, by=editor)
    editor_client.post(reverse("sources:undo", args=[added.pk]))
    added.refresh_from_db()
    assert added.status == ReviewStatus.APPROVED and added.entry == entry
    assert not ProposedEntry.objects.filter(status=ReviewStatus.PENDING, added_by_editor=True)
    # Its page says the editor added it: it was never proposed, so nobody approved it.
    html = editor_client.get(reverse("sources:proposed", args=[added.pk])).content.decode()
    assert "Added by you" in html and "Approved by" not in html
