from django import forms
from django.contrib import admin
from import_export.admin import ImportMixin
from import_export.formats.base_formats import CSV
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Case,
    CaseStatusChange,
    Correction,
    Party,
    Proposal,
    ProposalSide,
    ProposalStatusChange,
    TimelineEntry,
)
from .resources import TimelineEntryResource


class AliasesField(forms.CharField):
    """A list of names edited one per line: blank lines and repeats are dropped, and an emptied
    box is an empty list (the column is NOT NULL)."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        lines = (line.strip() for line in (super().to_python(value) or "").splitlines())
        return list(dict.fromkeys(line for line in lines if line))


class AliasesForm(forms.ModelForm):
    aliases = AliasesField(
        required=False,
        help_text="Other names the extractor should recognise, one per line.",
    )


@admin.register(Party)
class PartyAdmin(SimpleHistoryAdmin):
    form = AliasesForm
    list_display = ["name", "kind", "title", "country", "slug"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug", "title", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


class CaseStatusChangeInline(admin.TabularInline):
    model = CaseStatusChange
    extra = 0


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    form = AliasesForm
    list_display = ["name", "detainee", "detaining_party", "held_at", "current_status_label"]
    list_filter = ["detaining_party", "status_changes__status"]
    search_fields = ["name", "slug", "aliases", "charges", "detainee__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["detainee", "detaining_party"]
    inlines = [CaseStatusChangeInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("detainee", "detaining_party")
            .prefetch_related("status_changes")
        )

    @admin.display(description="Status")
    def current_status_label(self, case: Case) -> str:
        change = case.current_status
        return f"{change.get_status_display()} since {change.on}" if change else "—"


@admin.register(CaseStatusChange)
class CaseStatusChangeAdmin(SimpleHistoryAdmin):
    list_display = ["case", "status", "on", "note"]
    list_filter = ["status", "case"]
    search_fields = ["case__name", "note"]
    date_hierarchy = "on"


class ProposalSideInline(admin.TabularInline):
    model = ProposalSide
    extra = 0
    autocomplete_fields = ["released", "released_by"]


class ProposalStatusChangeInline(admin.TabularInline):
    model = ProposalStatusChange
    extra = 0


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    form = AliasesForm
    list_display = ["title", "offered_by", "offered_to", "current_status_label", "slug"]
    list_filter = ["status_changes__status", "offered_by"]
    search_fields = ["title", "slug", "terms", "aliases"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["offered_by", "offered_to", "mediators", "cases"]
    inlines = [ProposalSideInline, ProposalStatusChangeInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("offered_by", "offered_to")
            .prefetch_related("status_changes")
        )

    @admin.display(description="Status")
    def current_status_label(self, proposal: Proposal) -> str:
        change = proposal.current_status
        return f"{change.get_status_display()} on {change.on}" if change else "—"


@admin.register(ProposalStatusChange)
class ProposalStatusChangeAdmin(SimpleHistoryAdmin):
    list_display = ["proposal", "status", "on", "note"]
    list_filter = ["status"]
    search_fields = ["proposal__title", "note"]
    date_hierarchy = "on"


class CorrectionInline(admin.TabularInline):
    """The entry's corrections, as editors made them on the record's pages: read only."""

    model = Correction
    fields = ["at", "by", "reason", "changes"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class RetractedFilter(admin.SimpleListFilter):
    title = "retraction"
    parameter_name = "retracted"

    def lookups(self, request, model_admin):
        return [("no", "On the record"), ("yes", "Retracted")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(retracted_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(retracted_at__isnull=True)
        return queryset


@admin.register(TimelineEntry)
class TimelineEntryAdmin(ImportMixin, SimpleHistoryAdmin):
    """Every entry, retracted ones too, each with its retraction (who, when, why). Editors import
    a timeline from a CSV file with the export's columns (cases.resources), after a preview."""

    resource_classes = [TimelineEntryResource]
    import_formats = [CSV]
    import_template_name = "admin/cases/timelineentry/import.html"

    list_display = [
        "occurred_on",
        "precision",
        "kind",
        "short_summary",
        "speaker",
        "attribution",
        "restricted",
        "retraction",
    ]
    list_filter = [RetractedFilter, "kind", "precision", "attribution", "restricted", "cases"]
    search_fields = ["summary", "quote", "speaker__name"]
    date_hierarchy = "occurred_on"
    autocomplete_fields = ["speaker", "cases", "parties", "proposal"]
    readonly_fields = [
        "approved_by",
        "approved_at",
        "retracted_at",
        "retracted_by",
        "retraction_reason",
        "created_at",
        "updated_at",
    ]
    list_select_related = ["speaker", "retracted_by"]
    inlines = [CorrectionInline]

    def has_import_permission(self, request) -> bool:
        return request.user.has_perm("cases.add_timelineentry")

    def get_import_resource_kwargs(self, request, **kwargs) -> dict:
        # A row whose permalink is this tracker's own is the entry with its id.
        return super().get_import_resource_kwargs(request, **kwargs) | {
            "own_origin": request.build_absolute_uri("/")
        }

    @admin.display(description="Summary")
    def short_summary(self, entry: TimelineEntry) -> str:
        return entry.summary[:80]

    @admin.display(description="Retracted", ordering="retracted_at")
    def retraction(self, entry: TimelineEntry) -> str:
        if not entry.retracted_at:
            return "—"
        who = entry.retracted_by.get_username() if entry.retracted_by else "?"
        return f"{entry.retracted_at:%Y-%m-%d} by {who}: {entry.retraction_reason[:80]}"
