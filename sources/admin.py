from django.contrib import admin, messages

from cases.admin import TimelineEntryAdmin

from . import review
from .models import Article, Citation, Feed, Outlet, ProposedEntry, RejectReason, ReviewAction


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "party", "slug"]
    search_fields = ["name", "domain", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["party"]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "active", "last_polled_at", "last_error"]
    list_filter = ["active", "outlet"]
    search_fields = ["url", "title"]
    readonly_fields = ["etag", "last_modified", "last_polled_at", "last_error"]


class ProposedEntryInline(admin.TabularInline):
    model = ProposedEntry
    fields = ["ordinal", "occurred_on", "precision", "kind", "evidence", "confidence", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "published_on", "status", "created_at"]
    list_filter = ["status", "outlet"]
    search_fields = ["title", "url", "text"]
    date_hierarchy = "published_on"
    readonly_fields = [
        "content_hash",
        "fingerprint",
        "extractor_version",
        "created_at",
        "status_changed_at",
        "extracted_at",
    ]
    raw_id_fields = ["duplicate_of", "submitted_by"]
    list_select_related = ["outlet"]
    inlines = [ProposedEntryInline]


class ReviewActionInline(admin.TabularInline):
    model = ReviewAction
    fields = ["at", "action", "by", "entry", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # the audit trail is written by the review actions only


def _reject_action(reason: RejectReason):
    """An admin action rejecting the selected proposals with `reason`, through the action layer."""

    @admin.action(
        description=f"Reject selected proposed entries ({reason.label.lower()})",
        permissions=["review"],
    )
    def reject(modeladmin, request, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        modeladmin._report(
            request, review.bulk_reject(pks, by=request.user, reason=reason), "rejected"
        )

    return reject


@admin.register(ProposedEntry)
class ProposedEntryAdmin(admin.ModelAdmin):
    list_display = [
        "occurred_on",
        "precision",
        "kind",
        "short_evidence",
        "confidence",
        "status",
        "article",
    ]
    list_filter = ["status", "kind", "precision", "cases"]
    search_fields = ["evidence", "summary", "quote", "article__title"]
    date_hierarchy = "occurred_on"
    autocomplete_fields = ["speaker", "cases", "parties", "proposal"]
    raw_id_fields = ["article", "group", "entry", "reviewed_by"]
    readonly_fields = ["extractor_version", "ordinal", "start", "end", "matched", "created_at"]
    list_select_related = ["article"]
    inlines = [ReviewActionInline]
    # One rejection per reason, in the reasons' order (the commonest first). Other needs a note,
    # which an admin action cannot ask for. Not a development keeps its older action name.
    actions = [
        "approve_selected",
        *(
            "reject_selected" if reason == RejectReason.NOT_A_DEVELOPMENT else f"reject_{reason}"
            for reason in RejectReason
            if reason != RejectReason.OTHER
        ),
    ]

    # The admin acts through the same action layer as the review desk, so an approval from here
    # is attributed, cited and done once just the same.
    @admin.action(description="Approve selected proposed entries", permissions=["review"])
    def approve_selected(self, request, queryset):
        self._report(
            request,
            review.bulk_approve(list(queryset.values_list("pk", flat=True)), by=request.user),
            "approved",
        )

    reject_wrong_date = _reject_action(RejectReason.WRONG_DATE)
    reject_wrong_kind = _reject_action(RejectReason.WRONG_KIND)
    reject_wrong_case = _reject_action(RejectReason.WRONG_CASE)
    reject_selected = _reject_action(RejectReason.NOT_A_DEVELOPMENT)
    reject_duplicate = _reject_action(RejectReason.DUPLICATE)
    reject_undated = _reject_action(RejectReason.UNDATED)

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm("sources.review_proposedentry")

    def _report(self, request, result: review.BulkResult, verb: str) -> None:
        if result.done:
            self.message_user(
                request, f"{len(result.done)} proposed entries {verb}.", messages.SUCCESS
            )
        for pk, reason in result.refused:
            self.message_user(request, f"Proposed entry {pk}: {reason}", messages.WARNING)

    @admin.display(description="Evidence")
    def short_evidence(self, proposed: ProposedEntry) -> str:
        return proposed.evidence[:100]


class CitationInline(admin.TabularInline):
    model = Citation
    fields = ["article", "evidence", "start", "end", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]
    raw_id_fields = ["article"]
    extra = 0


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["entry", "article", "created_by", "created_at"]
    search_fields = ["evidence", "article__title", "entry__summary"]
    date_hierarchy = "created_at"
    raw_id_fields = ["entry", "article", "proposed_entry"]
    list_select_related = ["entry", "article"]


# An entry's citations are edited on the entry's page. The link is made here, not in cases,
# because sources depends on cases and never the reverse.
TimelineEntryAdmin.inlines = [*TimelineEntryAdmin.inlines, CitationInline]
