import datetime as dt

from sources.extraction.dates import find_dates

THURSDAY = dt.date(2022, 7, 28)


def first(text: str, published: dt.date = THURSDAY):
    found = find_dates(text, published)
    assert found, f"no date found in {text!r}"
    return found[0]


def test_on_thursday_resolves_to_the_same_day_when_published_on_thursday():
    assert first("Price on Thursday suggested").date == THURSDAY


def test_a_weekday_resolves_to_the_most_recent_such_day_before_publication():
    d = first("the court ruled on Monday")
    assert (d.date, d.precision) == (dt.date(2022, 7, 25), "day")


def test_earlier_thursday_is_the_publication_day():
    assert first("CNN reported earlier Thursday").date == THURSDAY


def test_month_and_day_without_year_take_the_most_recent_such_date():
    assert first("was arrested on Feb. 17").date == dt.date(2022, 2, 17)
    assert first("on Dec. 5", published=dt.date(2022, 7, 28)).date == dt.date(2021, 12, 5)


def test_month_and_year_have_month_precision():
    d = first("detained in December 2018")
    assert (d.date, d.precision) == (dt.date(2018, 12, 1), "month")


def test_a_bare_year_has_year_precision():
    d = first("convicted in 2020")
    assert (d.date, d.precision) == (dt.date(2020, 1, 1), "year")


def test_last_week_gives_the_previous_week_at_month_precision():
    d = first("Biegun was here last week", published=dt.date(2020, 8, 31))
    assert (d.date.month, d.precision) == (8, "month")


def test_this_month_and_last_month_are_months():
    assert (first("this month").date, first("this month").precision) == (
        dt.date(2022, 7, 1),
        "month",
    )
    assert first("last month").date == dt.date(2022, 6, 1)


def test_weeks_ago_is_approximate():
    d = first("the offer was made weeks ago")
    assert d.date < THURSDAY and d.precision == "month"


def test_now_almost_august_is_the_publication_day_but_not_an_explicit_date():
    d = first("it is now almost August")
    assert d.date == THURSDAY and not d.explicit


def test_today_is_the_publication_day_in_any_case():
    assert first("prevented from leaving Iran until Today.").date == THURSDAY


def test_a_year_and_a_half_later_counts_from_the_last_date_given():
    dates = find_dates(
        "He was arrested in December 2018. A year and a half later, he was sentenced.", THURSDAY
    )
    assert (dates[1].date, dates[1].precision) == (dt.date(2020, 6, 1), "month")


def test_a_day_after_an_event_dates_that_event_the_day_before():
    dates = find_dates(
        "She landed early Friday, a day after Russia freed her.", dt.date(2022, 12, 9)
    )
    assert dates[1].date == dt.date(2022, 12, 8)


def test_durations_are_not_dates():
    assert find_dates("the role Qatar played over the last two years", THURSDAY) == []
    assert find_dates("it has been this way for the past year", THURSDAY) == []


def test_a_deadline_with_until_lies_ahead():
    d = first("extended her detention until May 19", published=dt.date(2022, 3, 23))
    assert d.date == dt.date(2022, 5, 19) and d.future


def test_the_modal_may_is_not_a_month():
    assert find_dates("they may be able to connect", THURSDAY) == []


def test_a_month_day_followed_by_last_year_is_one_date_of_the_year_before():
    [d] = find_dates("She was sentenced on Aug. 15 last year.", dt.date(2025, 4, 10))
    assert (d.date, d.precision) == (dt.date(2024, 8, 15), "day")


def test_that_month_and_the_following_month_name_count_from_the_year_told():
    found = find_dates(
        "Arrested on 3 April 2016, she was sentenced that September and freed the following March.",
        dt.date(2022, 3, 16),
    )
    assert [d.date for d in found] == [
        dt.date(2016, 4, 3),
        dt.date(2016, 9, 1),
        dt.date(2017, 3, 1),
    ]


def test_a_date_that_does_not_exist_is_no_date():
    assert find_dates("the hearing on 2022-13-45 was postponed", THURSDAY) == []


def test_a_date_outside_the_records_bounds_is_no_date():
    assert find_dates("detained 99999 years ago", THURSDAY) == []
    assert find_dates("detained 200 years ago", THURSDAY) == []
    assert find_dates("freed 5 years later than that, in 2020", THURSDAY)[0].date.year == 2020


def test_dates_counted_from_the_ends_of_the_calendar_do_not_overflow():
    assert find_dates("detained last year", dt.date.min) == []
    assert find_dates("freed tomorrow, or next Monday", dt.date.max) == []


def test_each_date_records_what_it_was_counted_from():
    text = (
        "On March 3, 2021, police arrested him. The next day he was charged. He was sentenced on "
        "Friday, after hearings in June. Three days after the verdict, on May 2, he appealed."
    )
    anchors = {d.text: d.anchor for d in find_dates(text, dt.date(2023, 5, 10))}
    assert anchors == {
        "On March 3, 2021": "calendar",
        "The next day": "narrative",
        "on Friday": "publication",
        "in June": "publication",
        "Three days after": "sentence",
        "on May 2": "publication",
    }


def test_at_the_time_of_an_event_is_that_events_time_not_the_moment_told():
    text = "She was freed on Monday. She was teaching at the time of her abduction."
    assert [d.rule for d in find_dates(text, THURSDAY)] == ["date-weekday"]


def test_a_date_between_a_determiner_and_a_noun_is_that_nouns():
    # "charged him over the January 27 shooting": the shooting's day, not the charge's;
    # "hours after the April 25 deadline" still dates what happened then.
    published = dt.date(2011, 3, 16)
    [shooting] = find_dates("He was charged over the January 27 shooting deaths.", published)
    assert shooting.dates_what_follows
    [deadline] = find_dates("He was killed hours after the April 25 deadline.", dt.date(2011, 5, 3))
    assert not deadline.dates_what_follows
    [day] = find_dates("On the January 27 he was charged.", published)
    assert not day.dates_what_follows
