import datetime
from types import SimpleNamespace

import pytest

from cases.models import Case, TimelineEntry
from cases.templatetags.dates import at_precision, date_uncertainty, iso_at_precision
from cases.timeline import (
    Cursor,
    Marker,
    activity_strip,
    build_overview,
    case_markers,
    detention_milestones,
    first_reported,
    group_by_month,
    month_counts,
    month_cursor,
    page_after,
)
from tests.factories import make_entry

D = datetime.date


@pytest.mark.parametrize(
    ("precision", "shown"),
    [
        ("day", "28 Jul 2022"),
        ("week", "week of 25 Jul 2022"),
        ("month", "Jul 2022"),
        ("year", "2022"),
        ("approximate", "~ Jul 2022"),
    ],
)
def test_a_date_is_shown_at_its_precision(precision, shown):
    assert at_precision(D(2022, 7, 28), precision) == shown


def test_an_uncertain_date_says_so_and_a_day_does_not():
    assert date_uncertainty("day") == ""
    assert date_uncertainty("month") == "known to the month"
    assert date_uncertainty("approximate") == "approximate date"


def test_the_machine_readable_date_is_no_more_precise_than_known():
    assert iso_at_precision(D(2022, 7, 28), "day") == "2022-07-28"
    assert iso_at_precision(D(2022, 7, 28), "month") == "2022-07"
    assert iso_at_precision(D(2022, 7, 28), "year") == "2022"
    assert iso_at_precision(D(2022, 7, 28), "week") == "2022-W30"


def test_milestones_of_a_long_detention():
    # Whelan: 28 Dec 2018 to 1 Aug 2024, 2,043 days.
    labels = [
        m.label
        for m in sorted(detention_milestones(D(2018, 12, 28), D(2024, 8, 1)), key=lambda m: m.on)
    ]
    assert labels == [
        "100 days detained",
        "One year detained",
        "2 years detained",
        "3 years detained",
        "4 years detained",
        "5 years detained",
    ]


def test_milestones_stop_at_the_release():
    milestones = detention_milestones(D(2022, 2, 17), D(2022, 12, 8))
    assert [(m.on, m.label) for m in milestones] == [(D(2022, 5, 28), "100 days detained")]


def test_no_milestones_without_a_detention_date():
    assert detention_milestones(None, D(2022, 1, 1)) == []


def test_an_anniversary_of_29_february():
    milestones = detention_milestones(D(2020, 2, 29), D(2021, 3, 1))
    assert D(2021, 2, 28) in [m.on for m in milestones]


def entry(pk, on, precision="day", kind="statement", proposal_id=None, reported_on=None):
    return SimpleNamespace(
        pk=pk,
        occurred_on=on,
        precision=precision,
        kind=kind,
        summary=f"Entry {pk}",
        proposal_id=proposal_id,
        reported_on=reported_on or on,
    )


def test_entries_and_markers_are_grouped_by_month_in_order():
    items = [
        entry(3, D(2022, 8, 4)),
        Marker(on=D(2022, 7, 30), kind="milestone", label="x"),
        entry(2, D(2022, 7, 28)),
        entry(1, D(2022, 1, 1), precision="year"),
    ]
    groups = group_by_month(items)
    assert [g.label for g in groups] == ["August 2022", "July 2022", "2022 (month unknown)"]
    assert len(groups[1].items) == 2


def griner_entries():
    return TimelineEntry.objects.filter(cases__slug="griner").order_by("-occurred_on", "-pk")


def labels(page):
    return [i.label for g in page.groups for i in g.items if getattr(i, "is_marker", False)]


@pytest.mark.django_db
def test_a_page_takes_the_markers_between_its_entries(world):
    for n in range(1, 6):
        make_entry(occurred_on=D(2022, 1, 1) + datetime.timedelta(days=10 * n))
    markers = [
        Marker(on=D(2022, 3, 1), kind="milestone", label="after all"),
        Marker(on=D(2022, 1, 25), kind="milestone", label="between 3 and 2"),
        Marker(on=D(2021, 12, 1), kind="milestone", label="before all"),
    ]
    first = page_after(griner_entries(), markers, None, newest_first=True, page_size=2)
    second = page_after(
        griner_entries(), markers, first.next_cursor, newest_first=True, shown=2, page_size=2
    )
    last = page_after(
        griner_entries(), markers, second.next_cursor, newest_first=True, shown=4, page_size=2
    )

    assert labels(first) == ["after all"]
    assert labels(second) == ["between 3 and 2"]
    assert labels(last) == ["before all"]
    assert first.has_next and second.has_next and not last.has_next
    assert [p.entries[0].occurred_on for p in (first, second, last)] == [
        D(2022, 2, 20),
        D(2022, 1, 31),
        D(2022, 1, 11),
    ]
    assert (second.first_index, second.last_index, second.entry_count) == (3, 4, 5)


@pytest.mark.django_db
def test_entries_of_one_day_split_across_pages_are_neither_lost_nor_repeated(world):
    made = {make_entry(occurred_on=D(2022, 7, 28)).pk for _ in range(5)}
    seen, cursor = [], None
    while True:
        page = page_after(griner_entries(), [], cursor, newest_first=True, page_size=2)
        seen += [entry.pk for entry in page.entries]
        if not page.has_next:
            break
        cursor = page.next_cursor
    assert sorted(seen) == sorted(made) and len(seen) == len(set(seen)) == 5


@pytest.mark.django_db
def test_a_month_split_across_pages_is_marked_continued(world):
    make_entry(occurred_on=D(2022, 7, 28))
    make_entry(occurred_on=D(2022, 7, 2))
    first = page_after(griner_entries(), [], None, newest_first=True, page_size=1)
    second = page_after(griner_entries(), [], first.next_cursor, newest_first=True, page_size=1)
    assert second.groups[0].continued and not first.groups[0].continued


@pytest.mark.django_db
def test_a_month_cursor_starts_the_page_at_that_month_in_either_order(world):
    for on in (D(2022, 8, 4), D(2022, 7, 28), D(2022, 7, 2), D(2022, 6, 30)):
        make_entry(occurred_on=on)
    newest = page_after(griner_entries(), [], month_cursor((2022, 7), True), newest_first=True)
    assert [e.occurred_on for e in newest.entries] == [
        D(2022, 7, 28),
        D(2022, 7, 2),
        D(2022, 6, 30),
    ]
    assert not newest.groups[0].continued
    oldest = page_after(
        griner_entries().order_by("occurred_on", "pk"),
        [],
        month_cursor((2022, 7), False),
        newest_first=False,
    )
    assert [e.occurred_on for e in oldest.entries] == [D(2022, 7, 2), D(2022, 7, 28), D(2022, 8, 4)]


@pytest.mark.parametrize("raw", ["", "nonsense", "2022-13-01", "2022-07-28.x", None])
def test_a_malformed_cursor_means_the_first_page(raw):
    assert Cursor.parse(raw) is None


def test_a_cursor_reads_back_what_it_wrote():
    for cursor in (Cursor(D(2022, 7, 28), 12), Cursor(D(2022, 7, 28))):
        assert Cursor.parse(str(cursor)) == cursor


@pytest.mark.django_db
def test_the_overview_spans_the_detention_and_links_each_month(world):
    case = Case.objects.prefetch_related("status_changes").get(slug="griner")
    proposals = list(case.proposals.prefetch_related("status_changes"))
    make_entry(occurred_on=D(2022, 2, 17), kind="detention")
    make_entry(occurred_on=D(2022, 7, 27), kind="proposal", proposal=proposals[0])
    make_entry(occurred_on=D(2022, 7, 28), kind="proposal", proposal=proposals[0])
    entries = griner_entries()
    overview = build_overview(
        case=case,
        counts=month_counts(entries),
        proposals=proposals,
        reported=first_reported(entries),
        today=D(2030, 1, 1),
        href_for=lambda month: f"?month={month[0]}-{month[1]}",
    )
    assert overview.start < D(2022, 2, 17) and overview.end > D(2022, 12, 8)
    assert [m.href for m in overview.marks] == ["?month=2022-2", "?month=2022-7"]
    assert [m.label for m in overview.marks] == [
        "Feb 2022: 1 detention entry",
        "Jul 2022: 2 proposal entries",
    ]
    assert overview.marks[0].x < overview.marks[1].x
    assert overview.marks[1].r > overview.marks[0].r  # two entries draw a larger mark than one
    assert all(0 <= m.x <= overview.width for m in overview.marks)
    assert overview.legend == [("detention", "Detention"), ("proposal", "Proposal")]
    (bar,) = overview.bars
    # From the offer (June 2022) to the exchange (8 Dec 2022), not to today.
    assert bar.x < overview.marks[1].x
    assert bar.x + bar.width < overview.width
    assert "Carried out" in bar.label
    assert len(overview.statuses) == 5


@pytest.mark.django_db
def test_kinds_of_one_month_are_stacked_not_drawn_over_each_other(world):
    case = Case.objects.prefetch_related("status_changes").get(slug="griner")
    for kind in ("statement", "contact", "court"):
        make_entry(occurred_on=D(2022, 7, 28), kind=kind)
    overview = build_overview(
        case=case,
        counts=month_counts(griner_entries()),
        proposals=[],
        reported={},
        today=D(2030, 1, 1),
        href_for=str,
    )
    assert len({m.y for m in overview.marks}) == 3


@pytest.mark.django_db
def test_case_markers_hold_status_changes_and_milestones(world):
    case = Case.objects.prefetch_related("status_changes").get(slug="griner")
    markers = case_markers(case, D(2030, 1, 1))
    assert [m.label for m in markers if m.kind == "status"][-1] == "Exchanged"
    assert [m.label for m in markers if m.kind == "milestone"] == ["100 days detained"]


def test_the_activity_strip_has_a_bar_per_active_month():
    counts = {D(2022, 2, 1): 1, D(2022, 7, 1): 4}
    strip = activity_strip(counts, D(2022, 2, 17), D(2022, 12, 8))
    assert len(strip.bars) == 2
    tallest = max(strip.bars, key=lambda bar: bar.height)
    assert tallest.label == "Jul 2022: 4 entries"
    assert "busiest month Jul 2022" in strip.description
    assert strip.bars[0].x < strip.bars[1].x


def test_the_activity_strip_of_a_long_case_counts_by_year():
    counts = {D(1996, 5, 1): 2, D(1996, 9, 1): 1, D(2024, 1, 1): 4}
    strip = activity_strip(counts, D(1995, 3, 1), D(2025, 6, 1))
    assert [bar.label for bar in strip.bars] == ["1996: 3 entries", "2024: 4 entries"]
    assert "busiest year 2024 with 4" in strip.description


def test_the_activity_strip_of_a_case_without_entries():
    strip = activity_strip({}, D(2022, 2, 17), D(2022, 4, 1))
    assert strip.bars == [] and strip.description.startswith("No entries")


def test_day_counts_have_thousands_separators():
    from cases.templatetags.dates import thousands

    assert thousands(2043) == "2,043" and thousands(294) == "294" and thousands(None) == ""


@pytest.mark.django_db
def test_a_count_stops_past_its_limit(world, monkeypatch):
    from cases import timeline
    from cases.templatetags.dates import bounded_count as shown

    monkeypatch.setattr(timeline, "COUNT_LIMIT", 3)
    for _ in range(5):
        make_entry()
    assert timeline.bounded_count(griner_entries()) == 4
    assert shown(10_001) == "10,000+" and shown(10_000) == "10,000"
