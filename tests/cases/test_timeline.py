import datetime
from types import SimpleNamespace

import pytest

from cases.models import Case
from cases.templatetags.dates import at_precision, date_uncertainty, iso_at_precision
from cases.timeline import (
    Marker,
    activity_strip,
    build_overview,
    case_markers,
    detention_milestones,
    group_by_month,
    paginate,
)

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
        "500 days detained",
        "2 years detained",
        "1,000 days detained",
        "3 years detained",
        "4 years detained",
        "1,500 days detained",
        "5 years detained",
        "2,000 days detained",
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


def test_a_page_takes_the_markers_between_its_entries():
    points = [entry(i, D(2022, 1, 1) + datetime.timedelta(days=10 * i)) for i in range(5, 0, -1)]
    markers = [
        Marker(on=D(2022, 3, 1), kind="milestone", label="after all"),
        Marker(on=D(2022, 1, 25), kind="milestone", label="between 3 and 2"),
        Marker(on=D(2021, 12, 1), kind="milestone", label="before all"),
    ]
    first = paginate(points, points[:2], markers, 1, newest_first=True, page_size=2)
    second = paginate(points, points[2:4], markers, 2, newest_first=True, page_size=2)
    last = paginate(points, points[4:], markers, 3, newest_first=True, page_size=2)

    def labels(page):
        return [i.label for g in page.groups for i in g.items if getattr(i, "is_marker", False)]

    assert labels(first) == ["after all"]
    assert labels(second) == ["between 3 and 2"]
    assert labels(last) == ["before all"]
    assert first.has_next and second.has_next and not last.has_next


def test_a_month_split_across_pages_is_marked_continued():
    points = [entry(2, D(2022, 7, 28)), entry(1, D(2022, 7, 2))]
    second = paginate(points, points[1:], [], 2, newest_first=True, page_size=1)
    assert second.groups[0].continued


@pytest.mark.django_db
def test_the_overview_spans_the_detention_and_links_each_mark(world):
    case = Case.objects.prefetch_related("status_changes").get(slug="griner")
    proposals = list(case.proposals.prefetch_related("status_changes"))
    points = [
        entry(1, D(2022, 2, 17), kind="detention"),
        entry(2, D(2022, 7, 27), kind="proposal", proposal_id=proposals[0].pk),
    ]
    overview = build_overview(
        case=case,
        points=points,
        proposals=proposals,
        today=D(2030, 1, 1),
        href_for=lambda pk: f"#entry-{pk}",
    )
    assert overview.start < D(2022, 2, 17) and overview.end > D(2022, 12, 8)
    assert [m.href for m in overview.marks] == ["#entry-1", "#entry-2"]
    assert overview.marks[0].x < overview.marks[1].x
    assert all(0 <= m.x <= overview.width for m in overview.marks)
    (bar,) = overview.bars
    # From the offer (June 2022) to the exchange (8 Dec 2022), not to today.
    assert bar.x < overview.marks[1].x
    assert bar.x + bar.width < overview.width
    assert "Carried out" in bar.label
    assert len(overview.statuses) == 5


@pytest.mark.django_db
def test_marks_on_the_same_day_are_stacked_not_drawn_over_each_other(world):
    case = Case.objects.prefetch_related("status_changes").get(slug="griner")
    points = [entry(i, D(2022, 7, 28)) for i in range(3)]
    overview = build_overview(
        case=case, points=points, proposals=[], today=D(2030, 1, 1), href_for=str
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


def test_the_activity_strip_of_a_case_without_entries():
    strip = activity_strip({}, D(2022, 2, 17), D(2022, 4, 1))
    assert strip.bars == [] and strip.description.startswith("No entries")


def test_day_counts_have_thousands_separators():
    from cases.templatetags.dates import thousands

    assert thousands(2043) == "2,043" and thousands(294) == "294" and thousands(None) == ""
