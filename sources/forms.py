"""Forms of the review desk and the submission page."""

from typing import NamedTuple

from django import forms
from django.conf import settings
from django.db.models import F, OrderBy, OuterRef, Subquery
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from cases.dates import EARLIEST_DATE, latest_date, validate_record_date
from cases.models import Attribution, Case, DatePrecision, EntryKind, Party, Proposal

from .adding import span_problem
from .ingest import length_problem
from .models import Outlet, ProposedEntry, RejectReason
from .review import default_attribution

CONFIDENCE_BANDS = {
    "high": (0.8, None),
    "medium": (0.5, 0.8),
    "low": (None, 0.5),
}

SORTS = {
    "newest": "Newest article first",
    "confidence": "Surest first",
    "doubtful": "Most doubtful first",
}


class SortKey(NamedTuple):
    """One key of the queue's order. A nullable key puts its NULLs where PostgreSQL does by
    default (first when descending, last when ascending), said outright so that SQLite, whose
    default is the other way round, orders the same and the queue's cursor means the same."""

    lookup: str
    descending: bool = False
    nullable: bool = False

    def order(self) -> OrderBy:
        if not self.nullable:
            return F(self.lookup).desc() if self.descending else F(self.lookup).asc()
        if self.descending:
            return F(self.lookup).desc(nulls_first=True)
        return F(self.lookup).asc(nulls_last=True)


# Each order ends with the article and the proposal's own id, so it is total: the keyset
# pagination of the queue ("Next" continues after an item) needs every item to have one place.
_TIES = (SortKey("article_id"), SortKey("ordinal"), SortKey("pk"))
_PUBLISHED = SortKey("article__published_on", descending=True, nullable=True)
SORT_KEYS = {
    "newest": (_PUBLISHED, SortKey("article__created_at", descending=True), *_TIES),
    "confidence": (SortKey("confidence", descending=True), _PUBLISHED, *_TIES),
    "doubtful": (SortKey("confidence"), _PUBLISHED, *_TIES),
}


# The largest id a database row can have (a 64-bit signed integer).
MAX_ID = 2**63 - 1


class IdsField(forms.ModelMultipleChoiceField):
    """Rows chosen by id, where an id no row can have is refused as an unknown choice.

    Django passes the ids straight to the database, and SQLite raises OverflowError on an
    integer past 64 bits (PostgreSQL simply finds nothing), so a crafted id would be a 500."""

    def _check_values(self, value):
        for pk in value:
            try:
                storable = 0 < int(str(pk)) <= MAX_ID
            except ValueError:
                storable = True  # not a number: Django refuses it with its own message
            if not storable:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PlainSelect(forms.Select):
    """A single <select> of plain options, written here rather than through a template per
    option: the queue's filters offer every case and every outlet, and with a thousand cases
    Django's option templates took longer to render than the rest of the page."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        # Safe: every value and label goes through escape(); the rest is our own markup.
        options = mark_safe(  # noqa: S308
            "".join(
                f'<option value="{escape(key)}"{" selected" if str(key) in chosen else ""}>'
                f"{escape(label)}</option>"
                for key, label in self.choices
            )
        )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attrs, options)


class SlugsAndNames(ModelChoiceIterator):
    """The choices as (slug, name) values read straight from the database, not as model
    instances: a thousand cases would be a thousand models for an option each."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("slug", "name")


class SlugChoiceField(forms.ModelChoiceField):
    """A choice of a case or an outlet by its slug, among however many there are."""

    iterator = SlugsAndNames
    widget = PlainSelect

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


class QueueFilterForm(forms.Form):
    """The queue's filters, read from the query string so a filtered queue can be shared."""

    case = SlugChoiceField(Case.objects.all(), empty_label="All cases")
    kind = forms.ChoiceField(choices=[("", "All kinds"), *EntryKind.choices], required=False)
    outlet = SlugChoiceField(Outlet.objects.all(), empty_label="All outlets")
    confidence = forms.ChoiceField(
        choices=[
            ("", "Any confidence"),
            ("high", "High (0.8 and over)"),
            ("medium", "Medium (0.5 to 0.8)"),
            ("low", "Low (under 0.5)"),
        ],
        required=False,
    )
    date_from = forms.DateField(required=False, label="Date from", widget=DateInput())
    date_to = forms.DateField(required=False, label="Date to", widget=DateInput())
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False)

    def _valid_data(self) -> dict:
        """The values that passed validation; an invalid filter is ignored (and shown)."""
        return self.cleaned_data if self.is_valid() else getattr(self, "cleaned_data", {})

    def filter(self, queryset):
        """Apply the valid filters, then the chosen order."""
        data = self._valid_data()
        if data.get("case"):
            # Asked of each proposal: is it linked to the case? One lookup in the link table's
            # (proposal, case) index per pending proposal. A scalar subquery, because a join
            # (or EXISTS, which PostgreSQL turns into one) lets the planner read every link
            # the case has in the archive, years of reviewed proposals, to find the few
            # pending ones.
            link = ProposedEntry.cases.through.objects.filter(
                proposedentry_id=OuterRef("pk"), case=data["case"]
            )
            queryset = queryset.alias(in_case=Subquery(link.values("case_id")[:1])).filter(
                in_case__isnull=False
            )
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("outlet"):
            queryset = queryset.filter(article__outlet=data["outlet"])
        if data.get("confidence"):
            low, high = CONFIDENCE_BANDS[data["confidence"]]
            if low is not None:
                queryset = queryset.filter(confidence__gte=low)
            if high is not None:
                queryset = queryset.filter(confidence__lt=high)
        if data.get("date_from"):
            queryset = queryset.filter(occurred_on__gte=data["date_from"])
        if data.get("date_to"):
            queryset = queryset.filter(occurred_on__lte=data["date_to"])
        return queryset.order_by(*(key.order() for key in self.sort_keys))

    @property
    def sort_keys(self) -> tuple[SortKey, ...]:
        """The keys of the chosen order, first to last (an invalid choice sorts newest first)."""
        return SORT_KEYS[self._valid_data().get("sort") or "newest"]

    @property
    def narrows(self) -> bool:
        """Whether a valid filter leaves out part of the queue (a sort alone does not)."""
        data = self._valid_data()
        return any(data.get(name) for name in self.fields if name != "sort")

    @property
    def active(self) -> bool:
        return any(self.data.get(name) for name in self.fields if name != "sort")


class EditForm(forms.Form):
    """The proposal's values as the editor corrects them before approving."""

    occurred_on = forms.DateField(
        label="Date", widget=DateInput(), validators=[validate_record_date]
    )
    precision = forms.ChoiceField(choices=DatePrecision.choices)
    kind = forms.ChoiceField(choices=EntryKind.choices)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    quote = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    speaker = forms.ModelChoiceField(Party.objects.all(), required=False, empty_label="(none)")
    attribution = forms.ChoiceField(choices=Attribution.choices)
    cases = IdsField(Case.objects.all())
    parties = IdsField(Party.objects.all(), required=False)
    proposal = forms.ModelChoiceField(Proposal.objects.all(), required=False, empty_label="(none)")

    def __init__(self, *args, proposed: ProposedEntry, **kwargs):
        kwargs.setdefault("auto_id", f"id_edit_{proposed.pk}_%s")
        kwargs.setdefault(
            "initial",
            {
                "occurred_on": proposed.occurred_on,
                "precision": proposed.precision,
                "kind": proposed.kind,
                "summary": proposed.summary or proposed.evidence,
                "quote": proposed.quote,
                "speaker": proposed.speaker_id,
                "attribution": default_attribution(
                    proposed.kind, proposed.speaker_id, proposed.quote
                ),
                "cases": [c.pk for c in proposed.cases.all()],
                "parties": [p.pk for p in proposed.parties.all()],
                "proposal": proposed.proposal_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["parties"].widget.attrs["size"] = 6
        # The browser's date picker offers only the dates the record accepts.
        self.fields["occurred_on"].widget.attrs.update(
            min=EARLIEST_DATE.isoformat(), max=latest_date().isoformat()
        )


class RejectForm(forms.Form):
    reason = forms.ChoiceField(choices=RejectReason.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        max_length=500, required=False, label="Note", widget=forms.TextInput(attrs={"size": 40})
    )

    def __init__(self, *args, prefix_id: str = "", **kwargs):
        kwargs.setdefault("auto_id", f"id_reject_{prefix_id}_%s" if prefix_id else "id_%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("reason") == RejectReason.OTHER and not data.get("note", "").strip():
            self.add_error("note", "Say why, when the reason is Other.")
        return data


class QualityPeriodForm(forms.Form):
    """The period of reviews the desk's measure counts, from the query string."""

    start = forms.DateField(required=False, label="Reviewed from", widget=DateInput())
    end = forms.DateField(required=False, label="to", widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "The end of the period comes before its start.")
        return data


class MergeForm(forms.Form):
    """Pick a suggested entry, or give another entry's number."""

    entry = forms.IntegerField(required=False, widget=forms.RadioSelect)
    entry_number = forms.IntegerField(
        required=False, min_value=1, label="Or entry number", widget=forms.NumberInput()
    )

    def __init__(self, *args, proposed: ProposedEntry, **kwargs):
        kwargs.setdefault("auto_id", f"id_merge_{proposed.pk}_%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        chosen = data.get("entry_number") or data.get("entry")
        if not chosen:
            raise forms.ValidationError("Choose the entry this proposal is another report of.")
        data["chosen"] = chosen
        return data


class BulkForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=())
    action = forms.ChoiceField(choices=[("approve", "Approve"), ("reject", "Reject")])
    reason = forms.ChoiceField(choices=RejectReason.choices, required=False)
    note = forms.CharField(max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any integer is a valid choice; the action layer says which ones could not be done.
        values = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        self.fields["ids"].choices = [(v, v) for v in values if str(v).isdigit()]

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject" and not data.get("reason"):
            self.add_error("reason", "Give a reason to reject.")
        if (
            data.get("action") == "reject"
            and data.get("reason") == RejectReason.OTHER
            and not data.get("note", "").strip()
        ):
            self.add_error("note", "Say why, when the reason is Other.")
        return data


class SubmitForm(forms.Form):
    """A URL to fetch, or pasted text with what the page would have told us."""

    url = forms.URLField(
        max_length=1000, required=False, label="Article URL", assume_scheme="https"
    )
    # No max_length: the browser would cut a long paste short without a word. The length is
    # checked in clean_text, with a message, and the text stays in the field.
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}), required=False)
    title = forms.CharField(max_length=500, required=False)
    outlet_name = forms.CharField(max_length=200, required=False, label="Outlet")
    published_on = forms.DateField(
        required=False,
        label="Published on",
        widget=DateInput(),
        validators=[validate_record_date],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = f"Up to {settings.ARTICLE_MAX_CHARS:,} characters."
        self.fields["published_on"].widget.attrs.update(
            min=EARLIEST_DATE.isoformat(), max=latest_date().isoformat()
        )

    def clean_text(self):
        text = self.cleaned_data["text"]
        if problem := length_problem(text):
            raise forms.ValidationError(problem, code="too_long")
        return text

    def clean(self):
        data = super().clean()
        url, text = data.get("url"), (data.get("text") or "").strip()
        if "url" in self.errors:
            return data
        if url and text:
            raise forms.ValidationError("Give a URL or paste the text, not both.")
        if not url and not text:
            raise forms.ValidationError("Give the article's URL, or paste its text.")
        if text:
            if not data.get("title"):
                self.add_error("title", "Pasted text needs its title.")
            if not data.get("published_on"):
                self.add_error("published_on", "Pasted text needs its publication date.")
        data["text"] = text
        return data


class AddEntryForm(forms.Form):
    """A development the extractor missed: the span of the article it is told in, and the
    entry's values (pre-filled with the extractor's reading of the span)."""

    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    occurred_on = forms.DateField(
        label="Date", widget=DateInput(), validators=[validate_record_date]
    )
    precision = forms.ChoiceField(choices=DatePrecision.choices)
    kind = forms.ChoiceField(choices=[("", "Choose a kind"), *EntryKind.choices])
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    quote = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    speaker = forms.ModelChoiceField(Party.objects.all(), required=False, empty_label="(none)")
    attribution = forms.ChoiceField(choices=Attribution.choices)
    cases = IdsField(Case.objects.all(), error_messages={"required": "Choose at least one case."})
    parties = IdsField(Party.objects.all(), required=False)
    proposal = forms.ModelChoiceField(Proposal.objects.all(), required=False, empty_label="(none)")

    def __init__(self, *args, text: str, **kwargs):
        kwargs.setdefault("auto_id", "id_add_%s")
        super().__init__(*args, **kwargs)
        self.text = text
        self.fields["parties"].widget.attrs["size"] = 6
        self.fields["occurred_on"].widget.attrs.update(
            min=EARLIEST_DATE.isoformat(), max=latest_date().isoformat()
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if "start" in self.errors or "end" in self.errors:
            return data
        if problem := span_problem(self.text, start, end):
            raise forms.ValidationError(problem, code="span")
        return data

    def entry_fields(self) -> dict:
        """The cleaned values the action layer takes as the entry's fields."""
        return {
            name: self.cleaned_data[name] for name in self.fields if name not in ("start", "end")
        }
