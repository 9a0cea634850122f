"""The editors' forms on the record: correcting an entry, retracting one."""

from django import forms

from .dates import EARLIEST_DATE, latest_date, validate_record_date
from .models import Case, DatePrecision, EntryKind, Party, Proposal, TimelineEntry


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _describe_reason(form: forms.Form) -> None:
    """The reason's help text (cases/correct.html prints it) is read with the field."""
    field = form["reason"]
    field.field.widget.attrs["aria-describedby"] = f"{field.auto_id}_help"


class CorrectForm(forms.Form):
    """The entry's values as the editor corrects them, and why."""

    occurred_on = forms.DateField(
        label="Date", widget=DateInput(), validators=[validate_record_date]
    )
    precision = forms.ChoiceField(label="Date known to", choices=DatePrecision.choices)
    kind = forms.ChoiceField(choices=EntryKind.choices)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    quote = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    speaker = forms.ModelChoiceField(Party.objects.all(), required=False, empty_label="(none)")
    cases = forms.ModelMultipleChoiceField(Case.objects.all())
    parties = forms.ModelMultipleChoiceField(Party.objects.all(), required=False)
    proposal = forms.ModelChoiceField(Proposal.objects.all(), required=False, empty_label="(none)")
    restricted = forms.BooleanField(required=False, label="Restricted (editors only)")
    reason = forms.CharField(
        max_length=500,
        label="Reason for the correction",
        help_text="Editors see it beside the correction.",
        widget=forms.TextInput(attrs={"size": 50}),
    )

    def __init__(self, *args, entry: TimelineEntry, **kwargs):
        kwargs.setdefault("auto_id", f"id_correct_{entry.pk}_%s")
        kwargs.setdefault(
            "initial",
            {
                "occurred_on": entry.occurred_on,
                "precision": entry.precision,
                "kind": entry.kind,
                "summary": entry.summary,
                "quote": entry.quote,
                "speaker": entry.speaker_id,
                "cases": [case.pk for case in entry.cases.all()],
                "parties": [party.pk for party in entry.parties.all()],
                "proposal": entry.proposal_id,
                "restricted": entry.restricted,
            },
        )
        super().__init__(*args, **kwargs)
        _describe_reason(self)
        self.fields["cases"].widget.attrs["size"] = 4
        self.fields["parties"].widget.attrs["size"] = 6
        # The browser's date picker offers only the dates the record accepts.
        self.fields["occurred_on"].widget.attrs.update(
            min=EARLIEST_DATE.isoformat(), max=latest_date().isoformat()
        )

    def changes(self) -> dict:
        """The entry's fields as submitted (the action layer keeps those that changed)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "reason"}


class RetractForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        label="Reason for the retraction",
        help_text="Shown to editors with the retracted entry.",
        widget=forms.TextInput(attrs={"size": 50}),
    )

    def __init__(self, *args, entry: TimelineEntry, **kwargs):
        kwargs.setdefault("auto_id", f"id_retract_{entry.pk}_%s")
        super().__init__(*args, **kwargs)
        _describe_reason(self)
