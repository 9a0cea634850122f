"""Forms reject hostile input rather than crash.

Every field of every form gets arbitrary text: NUL bytes, huge strings, dates at the ends of the
calendar, numbers that are not ids. is_valid() answers True or False and never raises; a valid
form holds dates the record accepts, and a valid admin form saves. The filter forms' querysets
run too, since their values go into SQL (on PostgreSQL in CI).
"""

import datetime

import pytest
from django import forms
from django.contrib import admin
from django.db import transaction
from django.test import RequestFactory
from django.utils.datastructures import MultiValueDict
from hypothesis import given
from hypothesis import strategies as st

from cases.dates import in_bounds
from cases.models import Case, Party, TimelineEntry
from cases.timeline import TimelineFilter
from sources.forms import EditForm, QueueFilterForm, SubmitForm
from sources.models import ProposedEntry
from tests.factories import make_entry, make_proposed_entry

pytestmark = pytest.mark.django_db

HOSTILE_WORDS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "10000-01-01",
    "2022-02-30",
    "2022-07-28\x00",
    "-1",
    "0",
    "1.5",
    "1e309",
    "NaN",
    "99999999999999999999",
    "-99999999999999999999",
    "<script>alert(1)</script>",
    "'; DROP TABLE cases_case; --",
    "\u202egnirts",
    "Ж" * 300,
]
hostile_value = st.one_of(
    st.sampled_from(HOSTILE_WORDS),
    st.text(max_size=40),
    st.integers(min_value=1, max_value=300_000).map(lambda n: "A" * n),
    st.integers().map(str),
)


def as_data(values: dict) -> MultiValueDict:
    """Form data as a request carries it: a list of values for each name."""
    return MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in values.items()})


@st.composite
def hostile_data(draw, valid: dict) -> MultiValueDict:
    """A valid form's data with some fields, or none, replaced by hostile values (lists for the
    fields that take several)."""
    data = dict(as_data(valid).lists())
    names = sorted(valid)
    for name in draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names))):
        data[name] = draw(st.lists(hostile_value, min_size=0, max_size=3))
    return MultiValueDict(data)


def assert_dates_in_bounds(form) -> None:
    for name, value in form.cleaned_data.items():
        if isinstance(value, datetime.date):
            assert in_bounds(value), f"{name}={value} accepted"


@pytest.fixture
def proposed(world):
    return make_proposed_entry(parties=("price",))


def form_data(form) -> dict:
    """What a browser would send back for the unbound form's initial values."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.JSONField):
            data[name] = value  # BoundField.value() has already encoded it as JSON
        elif isinstance(field, forms.ModelMultipleChoiceField):
            data[name] = [str(getattr(v, "pk", v)) for v in value or []]
        elif isinstance(field, forms.BooleanField):
            data[name] = "on" if value else ""
        else:
            data[name] = "" if value is None else str(value)
    return data


@given(data=st.data())
def test_the_review_edit_form(proposed, data):
    valid = form_data(EditForm(proposed=proposed))
    form = EditForm(data.draw(hostile_data(valid)), proposed=proposed)
    if form.is_valid():
        assert_dates_in_bounds(form)


SUBMIT_VALID = {
    "url": "",
    "text": "Brittney Griner was detained at Sheremetyevo airport on Feb. 17.",
    "title": "Griner detained",
    "outlet_name": "Wire",
    "published_on": "2022-07-28",
}


@given(data=st.data())
def test_the_submit_form(db, data):
    form = SubmitForm(data.draw(hostile_data(SUBMIT_VALID)))
    if form.is_valid():
        assert_dates_in_bounds(form)


QUEUE_FILTER_VALID = {
    "case": "",
    "kind": "statement",
    "outlet": "",
    "confidence": "high",
    "date_from": "2022-01-01",
    "date_to": "2022-12-31",
    "sort": "newest",
}


@given(data=st.data())
def test_the_review_queue_filter(proposed, data):
    form = QueueFilterForm(data.draw(hostile_data(QUEUE_FILTER_VALID | {"case": str(proposed.pk)})))
    form.is_valid()
    list(form.filter(ProposedEntry.objects.all()))


CASE_FILTER_VALID = {
    "q": "Price",
    "kind": "statement",
    "party": "price",
    "proposal": "bout-swap",
    "start": "2022-01-01",
    "end": "2022-12-31",
    "order": "oldest",
}


@given(data=st.data())
def test_the_case_page_filter(world, data):
    make_entry(parties=("price",))
    form = TimelineFilter(
        data.draw(hostile_data(CASE_FILTER_VALID)), case=Case.objects.get(slug="griner")
    )
    form.is_valid()
    list(form.apply(TimelineEntry.objects.all()))
    form.query_string(order="newest")


def test_the_valid_data_the_properties_start_from_is_valid(proposed):
    edit = EditForm(as_data(form_data(EditForm(proposed=proposed))), proposed=proposed)
    assert edit.is_valid(), edit.errors
    assert SubmitForm(as_data(SUBMIT_VALID)).is_valid()
    assert QueueFilterForm(as_data(QUEUE_FILTER_VALID)).is_valid()
    assert TimelineFilter(as_data(CASE_FILTER_VALID)).is_valid()


def admin_form_data(model, instance, superuser):
    """The admin's add form for model, and the data that would add a copy of instance."""
    request = RequestFactory().get("/")
    request.user = superuser
    form_class = admin.site._registry[model].get_form(request)
    data = form_data(form_class(instance=instance))
    if "slug" in data:
        data["slug"] += "-copy"  # unique
    return form_class, data


ADMIN_MODELS = {
    TimelineEntry: lambda: make_entry(parties=("price",)),
    Case: lambda: Case.objects.get(slug="griner"),
    Party: lambda: Party.objects.get(slug="price"),
}


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda m: m.__name__)
def test_the_valid_admin_data_the_properties_start_from_is_valid(world, superuser, model):
    form_class, valid = admin_form_data(model, ADMIN_MODELS[model](), superuser)
    form = form_class(as_data(valid))
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda m: m.__name__)
@given(data=st.data())
def test_the_admin_add_forms(world, superuser, model, data):
    form_class, valid = admin_form_data(model, ADMIN_MODELS[model](), superuser)
    form = form_class(data.draw(hostile_data(valid)))
    if form.is_valid():
        assert_dates_in_bounds(form)
        with transaction.atomic():
            form.save()
            transaction.set_rollback(True)
