"""What the API says about each thing on the record: the same facts the pages show, as JSON.

Serializers read only what their view's queryset fetched up front (select_related,
prefetch_related), so a list costs a fixed number of queries however long it is."""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.corrections import notices
from cases.models import (
    Case,
    CaseStatusChange,
    Party,
    PartyKind,
    Proposal,
    ProposalSide,
    ProposalStatusChange,
    TimelineEntry,
)
from cases.roles import can_review
from sources.models import Article, Citation, ProposedEntry


class RefusalSerializer(serializers.Serializer):
    """Why a request was refused: signed out, without the role, or no such object."""

    detail = serializers.CharField()


ARTICLE_URL_HELP = "The article's URL; null for pasted text."


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class PartyRefSerializer(serializers.ModelSerializer):
    """A party where another object names it: enough to show it and to ask for the rest."""

    class Meta:
        model = Party
        fields = ["slug", "name", "kind"]


# A party or nothing. Written out rather than as a nullable reference to PartyRef: OpenAPI 3.0
# ignores `nullable` beside a bare $ref, and validators then refuse the null.
NULLABLE_PARTY_SCHEMA = {
    "type": "object",
    "nullable": True,
    "properties": {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "kind": {"type": "string", "enum": list(PartyKind.values)},
    },
    "required": ["slug", "name", "kind"],
}


@extend_schema_field(NULLABLE_PARTY_SCHEMA)
class NullablePartyField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, party: Party) -> dict:
        return PartyRefSerializer(party).data


class PartySerializer(serializers.ModelSerializer):
    page = serializers.SerializerMethodField(help_text="The party's page on the site.")

    class Meta:
        model = Party
        fields = ["slug", "name", "kind", "title", "country", "aliases", "description", "page"]

    def get_page(self, party: Party) -> str:
        return _absolute(self.context.get("request"), party.get_absolute_url())


class CaseStatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseStatusChange
        fields = ["status", "on", "precision", "note", "source_url"]


class CaseSerializer(serializers.ModelSerializer):
    """A case with its current status and detention dates, as the dashboard shows them: read
    from the case's summary for the reader's audience (`audience_summary`, prefetched by the
    view), so the entry count leaves out what the reader may not see."""

    detainee = PartyRefSerializer()
    detaining_party = NullablePartyField()
    status = serializers.SerializerMethodField(help_text="The latest status change's status.")
    status_on = serializers.SerializerMethodField()
    detained_on = serializers.SerializerMethodField()
    released_on = serializers.SerializerMethodField(
        help_text="Released, exchanged or died in custody: the day the detention clock stopped."
    )
    days_detained = serializers.SerializerMethodField(
        help_text="From the arrest to the release, or to today while the detainee is held."
    )
    entry_count = serializers.SerializerMethodField(help_text="Entries on the timeline.")
    last_activity_on = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField(help_text="The case's page on the site.")

    class Meta:
        model = Case
        fields = [
            "slug",
            "name",
            "detainee",
            "detaining_party",
            "status",
            "status_on",
            "detained_on",
            "released_on",
            "days_detained",
            "entry_count",
            "last_activity_on",
            "page",
        ]

    @staticmethod
    def _summary(case: Case):
        return case.audience_summary[0] if case.audience_summary else None

    def _field(self, case: Case, name: str):
        summary = self._summary(case)
        return getattr(summary, name) if summary else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_status(self, case: Case) -> str | None:
        return self._field(case, "status") or None

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_status_on(self, case: Case):
        return self._field(case, "status_on")

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_detained_on(self, case: Case):
        return self._field(case, "detained_on")

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_released_on(self, case: Case):
        return self._field(case, "released_on")

    def get_days_detained(self, case: Case) -> int | None:
        detained_on = self._field(case, "detained_on")
        if detained_on is None:
            return None
        end = self._field(case, "released_on") or timezone.localdate()
        return (end - detained_on).days

    def get_entry_count(self, case: Case) -> int:
        return self._field(case, "entry_count") or 0

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_last_activity_on(self, case: Case):
        return self._field(case, "last_activity_on")

    def get_page(self, case: Case) -> str:
        return _absolute(self.context.get("request"), case.get_absolute_url())


class CaseDetailSerializer(CaseSerializer):
    status_history = CaseStatusChangeSerializer(source="status_changes", many=True)
    proposals = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = CaseSerializer.Meta.fields + [
            "detained_at",
            "held_at",
            "charges",
            "sentence",
            "summary",
            "aliases",
            "status_history",
            "proposals",
        ]


class CitationSerializer(serializers.ModelSerializer):
    """The article an entry rests on and the words in it."""

    url = serializers.URLField(source="article.url", allow_null=True, help_text=ARTICLE_URL_HELP)
    title = serializers.CharField(source="article.title")
    outlet = serializers.CharField(source="article.outlet.name", allow_null=True, default=None)
    published_on = serializers.DateField(source="article.published_on", allow_null=True)

    class Meta:
        model = Citation
        fields = ["url", "title", "outlet", "published_on", "evidence"]


class CorrectionNoticeSerializer(serializers.Serializer):
    """A correction as the timeline prints it. Analysts are told what changed; the reason and
    the editor who made it are for editors (empty for analysts)."""

    on = serializers.DateField()
    text = serializers.CharField(help_text="What changed, e.g. 'date was 17 Feb 2022'.")
    reason = serializers.CharField()
    by = serializers.CharField()


class EntrySerializer(serializers.ModelSerializer):
    speaker = NullablePartyField()
    cases = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    parties = PartyRefSerializer(many=True)
    proposal = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    citations = CitationSerializer(many=True)
    corrections = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField(help_text="The entry's page on the site.")

    class Meta:
        model = TimelineEntry
        fields = [
            "id",
            "occurred_on",
            "precision",
            "reported_on",
            "kind",
            "summary",
            "quote",
            "speaker",
            "attribution",
            "cases",
            "parties",
            "proposal",
            "citations",
            "corrections",
            "page",
        ]

    @extend_schema_field(CorrectionNoticeSerializer(many=True))
    def get_corrections(self, entry: TimelineEntry) -> list[dict]:
        request = self.context.get("request")
        editors = request is not None and can_review(request.user)
        shown = notices(entry, editors=editors)
        return CorrectionNoticeSerializer(shown, many=True).data

    def get_page(self, entry: TimelineEntry) -> str:
        return _absolute(self.context.get("request"), entry.get_absolute_url())


class ProposalStatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProposalStatusChange
        fields = ["status", "on", "precision", "note", "source_url"]


class ProposalSideSerializer(serializers.ModelSerializer):
    released = PartyRefSerializer()
    released_by = PartyRefSerializer()

    class Meta:
        model = ProposalSide
        fields = ["released", "released_by"]


class ProposalSerializer(serializers.ModelSerializer):
    cases = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    offered_by = NullablePartyField()
    offered_to = NullablePartyField()
    mediators = PartyRefSerializer(many=True)
    sides = ProposalSideSerializer(many=True)
    status = serializers.SerializerMethodField(help_text="The latest status change's status.")
    status_history = ProposalStatusChangeSerializer(source="status_changes", many=True)
    page = serializers.SerializerMethodField(help_text="The proposal's page on the site.")

    class Meta:
        model = Proposal
        fields = [
            "slug",
            "title",
            "terms",
            "cases",
            "offered_by",
            "offered_to",
            "mediators",
            "sides",
            "aliases",
            "status",
            "status_history",
            "page",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_status(self, proposal: Proposal) -> str | None:
        current = proposal.current_status
        return current.status if current else None

    def get_page(self, proposal: Proposal) -> str:
        return _absolute(self.context.get("request"), proposal.get_absolute_url())


class ArticleSerializer(serializers.ModelSerializer):
    url = serializers.URLField(allow_null=True, read_only=True, help_text=ARTICLE_URL_HELP)
    outlet = serializers.CharField(source="outlet.name", allow_null=True, default=None)
    pending_proposals = serializers.IntegerField(
        help_text="Proposed entries from this article waiting for review."
    )
    page = serializers.SerializerMethodField(help_text="The article's page on the review desk.")

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "title",
            "author",
            "outlet",
            "published_on",
            "language",
            "status",
            "error",
            "duplicate_of",
            "created_at",
            "extracted_at",
            "pending_proposals",
            "page",
        ]

    def get_page(self, article: Article) -> str:
        return _absolute(self.context.get("request"), article.get_absolute_url())


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = ArticleSerializer.Meta.fields + ["text"]


class ArticleRefSerializer(serializers.ModelSerializer):
    url = serializers.URLField(allow_null=True, read_only=True, help_text=ARTICLE_URL_HELP)
    outlet = serializers.CharField(source="outlet.name", allow_null=True, default=None)

    class Meta:
        model = Article
        fields = ["id", "url", "title", "outlet", "published_on"]


class ProposedEntrySerializer(serializers.ModelSerializer):
    """A proposed entry as the review queue shows it."""

    article = ArticleRefSerializer()
    speaker = NullablePartyField()
    cases = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    parties = PartyRefSerializer(many=True)
    proposal = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    page = serializers.SerializerMethodField(help_text="The proposed entry's page on the desk.")

    class Meta:
        model = ProposedEntry
        fields = [
            "id",
            "article",
            "evidence",
            "occurred_on",
            "precision",
            "date_basis",
            "kind",
            "summary",
            "quote",
            "speaker",
            "cases",
            "parties",
            "proposal",
            "confidence",
            "matched",
            "group",
            "status",
            "reviewed_at",
            "reject_reason",
            "reject_note",
            "entry",
            "page",
        ]

    def get_page(self, proposed: ProposedEntry) -> str:
        page = reverse("sources:proposed", args=[proposed.pk])
        return _absolute(self.context.get("request"), page)
