"""The API's read side: cases, timeline entries, proposals and parties for analysts and editors;
articles and the review queue's pending proposed entries for editors.

Each view checks its role (api.permissions, the pages' own checks) and reads through the same
gate as the pages: TimelineEntry.objects.visible_to(user), so restricted entries never reach
analysts and retracted entries reach no one. Each list is one query plus one per prefetched
relation, however long the page."""

from django.db.models import Count, Prefetch, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularSwaggerView
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from cases.models import (
    Case,
    CaseSummary,
    Correction,
    Party,
    Proposal,
    TimelineEntry,
)
from cases.summary import audience_of
from sources.models import Article, Citation, ProposedEntry, ReviewStatus
from sources.views import _queue_heads

from . import serializers as api
from .filters import EntryFilter
from .pagination import NewestFirstCursor, RecordCursor, TimelineCursor
from .permissions import CanRead, CanReview

SIGNED_OUT = OpenApiResponse(api.RefusalSerializer, description="No valid token or session.")
NO_ROLE = OpenApiResponse(api.RefusalSerializer, description="The user lacks the role.")
NOT_FOUND = OpenApiResponse(
    api.RefusalSerializer, description="No such object, or not one the user may see."
)


TOO_MANY = OpenApiResponse(
    api.RefusalSerializer, description="Too many requests for this token; see Retry-After."
)


BAD_CURSOR = OpenApiResponse(
    api.RefusalSerializer, description="The cursor is not one this list gave."
)


def read_responses(serializer, *, single: bool = False) -> dict:
    responses = {200: serializer, 401: SIGNED_OUT, 403: NO_ROLE, 429: TOO_MANY}
    responses[404] = NOT_FOUND if single else BAD_CURSOR
    return responses


class ApiView(generics.GenericAPIView):
    """JSON only: DRF's browsable pages run inline scripts, which the site's CSP refuses. The
    documentation page (/api/v1/docs/) is the browsable view of the API."""

    renderer_classes = [JSONRenderer]
    permission_classes = [CanRead]
    pagination_class = RecordCursor


# ---------------------------------------------------------------------------------------------
# Cases


class CaseViews(ApiView):
    lookup_field = "slug"

    def get_queryset(self):
        summaries = CaseSummary.objects.filter(audience=audience_of(self.request.user))
        return Case.objects.select_related("detainee", "detaining_party").prefetch_related(
            Prefetch("summaries", queryset=summaries, to_attr="audience_summary")
        )


@extend_schema(
    tags=["cases"],
    summary="List cases",
    description="Each case with its current status, detention dates and entry count.",
    responses=read_responses(api.CaseSerializer(many=True)),
)
class CaseList(CaseViews, generics.ListAPIView):
    serializer_class = api.CaseSerializer


@extend_schema(
    tags=["cases"],
    summary="One case",
    description="A case with its status history and the proposals for its detainee.",
    responses=read_responses(api.CaseDetailSerializer, single=True),
)
class CaseDetail(CaseViews, generics.RetrieveAPIView):
    serializer_class = api.CaseDetailSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("status_changes", "proposals")


# ---------------------------------------------------------------------------------------------
# Timeline entries


class EntryViews(ApiView):
    def get_queryset(self):
        citations = Citation.objects.select_related("article__outlet").order_by(
            "article__published_on", "pk"
        )
        entries = TimelineEntry.objects.visible_to(self.request.user)
        return entries.select_related("speaker", "proposal").prefetch_related(
            Prefetch("cases", queryset=Case.objects.order_by("name")),
            Prefetch("parties", queryset=Party.objects.order_by("name")),
            Prefetch("citations", queryset=citations),
            Prefetch("corrections", queryset=Correction.objects.select_related("by")),
        )


@extend_schema(
    tags=["entries"],
    summary="List timeline entries",
    description=(
        "Entries on the record, in the order they happened, with their citations and "
        "correction notices; filtered as the case page filters its timeline. Paged by cursor: "
        "follow `next` until it is null. An unknown slug or a bad date is a 400 naming the "
        "parameter."
    ),
    responses=read_responses(api.EntrySerializer(many=True))
    | {400: OpenApiResponse(OpenApiTypes.OBJECT, description="A filter's value is invalid.")},
)
class EntryList(EntryViews, generics.ListAPIView):
    serializer_class = api.EntrySerializer
    filterset_class = EntryFilter
    pagination_class = TimelineCursor


@extend_schema(
    tags=["entries"],
    summary="One timeline entry",
    responses=read_responses(api.EntrySerializer, single=True),
)
class EntryDetail(EntryViews, generics.RetrieveAPIView):
    serializer_class = api.EntrySerializer


# ---------------------------------------------------------------------------------------------
# Proposals and parties


class ProposalViews(ApiView):
    serializer_class = api.ProposalSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Proposal.objects.select_related("offered_by", "offered_to").prefetch_related(
            Prefetch("cases", queryset=Case.objects.order_by("name")),
            Prefetch("mediators", queryset=Party.objects.order_by("name")),
            "sides__released",
            "sides__released_by",
            "status_changes",
        )


@extend_schema(
    tags=["proposals"],
    summary="List proposals",
    description="Each proposal with its current status and its dated status history.",
    responses=read_responses(api.ProposalSerializer(many=True)),
)
class ProposalList(ProposalViews, generics.ListAPIView):
    pass


@extend_schema(
    tags=["proposals"],
    summary="One proposal",
    responses=read_responses(api.ProposalSerializer, single=True),
)
class ProposalDetail(ProposalViews, generics.RetrieveAPIView):
    pass


class PartyViews(ApiView):
    serializer_class = api.PartySerializer
    lookup_field = "slug"
    queryset = Party.objects.all()


@extend_schema(
    tags=["parties"],
    summary="List parties",
    responses=read_responses(api.PartySerializer(many=True)),
)
class PartyList(PartyViews, generics.ListAPIView):
    pass


@extend_schema(
    tags=["parties"],
    summary="One party",
    responses=read_responses(api.PartySerializer, single=True),
)
class PartyDetail(PartyViews, generics.RetrieveAPIView):
    pass


# ---------------------------------------------------------------------------------------------
# For editors: articles and the review queue


class ArticleViews(ApiView):
    permission_classes = [CanReview]
    pagination_class = NewestFirstCursor

    def get_queryset(self):
        pending = Count("proposed_entries", filter=Q(proposed_entries__status=ReviewStatus.PENDING))
        return Article.objects.select_related("outlet").annotate(pending_proposals=pending)


@extend_schema(
    tags=["articles (editors)"],
    summary="List articles",
    description="Articles received, the latest first, with their processing status.",
    responses=read_responses(api.ArticleSerializer(many=True)),
)
class ArticleList(ArticleViews, generics.ListAPIView):
    serializer_class = api.ArticleSerializer


@extend_schema(
    tags=["articles (editors)"],
    summary="One article, with its text",
    responses=read_responses(api.ArticleDetailSerializer, single=True),
)
class ArticleDetail(ArticleViews, generics.RetrieveAPIView):
    serializer_class = api.ArticleDetailSerializer


class ProposedEntryViews(ApiView):
    serializer_class = api.ProposedEntrySerializer
    permission_classes = [CanReview]
    pagination_class = NewestFirstCursor

    def get_queryset(self):
        return ProposedEntry.objects.select_related(
            "article__outlet", "speaker", "proposal"
        ).prefetch_related(
            Prefetch("cases", queryset=Case.objects.order_by("name")),
            Prefetch("parties", queryset=Party.objects.order_by("name")),
        )


@extend_schema(
    tags=["review (editors)"],
    summary="List pending proposed entries",
    description=(
        "The review queue: proposed entries waiting for an editor, one per development (a "
        "later report of a development whose first report is pending is left out, as on the "
        "review desk), the latest first."
    ),
    responses=read_responses(api.ProposedEntrySerializer(many=True)),
)
class PendingList(ProposedEntryViews, generics.ListAPIView):
    def get_queryset(self):
        return _queue_heads(super().get_queryset())


@extend_schema(
    tags=["review (editors)"],
    summary="One proposed entry",
    description="A proposed entry, pending or reviewed.",
    responses=read_responses(api.ProposedEntrySerializer, single=True),
)
class ProposedEntryDetail(ProposedEntryViews, generics.RetrieveAPIView):
    pass


# ---------------------------------------------------------------------------------------------
# Documentation


class Docs(SpectacularSwaggerView):
    """Swagger UI from our own static files (drf-spectacular-sidecar), started by a script of
    ours (static/js/api-docs.js): the site's CSP refuses inline scripts and styles."""

    template_name = "api/docs.html"
    permission_classes = [AllowAny]
