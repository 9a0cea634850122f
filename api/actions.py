"""The API's writes, for editors: submit an article, and approve, reject or edit-then-approve a
proposed entry. Each view calls the same action layer as the pages (sources.ingest,
sources.review) with the same checks, and answers with what the action made, as JSON."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django_ratelimit.core import is_ratelimited
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import api_view, permission_classes, renderer_classes
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from cases.dates import validate_record_date
from cases.models import Attribution, Case, DatePrecision, EntryKind, Party, Proposal
from sources import ingest, review
from sources.forms import SubmitForm
from sources.models import Article, ProposedEntry, RejectReason, ReviewStatus
from sources.views import SUBMIT_RATE

from .permissions import CanReview
from .serializers import (
    ArticleSerializer,
    EntrySerializer,
    ProposedEntrySerializer,
    RefusalSerializer,
)

# ---------------------------------------------------------------------------------------------
# Request and response bodies


class SubmitRequestSerializer(serializers.Serializer):
    """The submit page's form: a URL to fetch, or pasted text with its title and date."""

    url = serializers.URLField(required=False, allow_blank=True, max_length=1000)
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    title = serializers.CharField(
        required=False, allow_blank=True, max_length=500, help_text="Needed with text."
    )
    outlet_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    published_on = serializers.DateField(
        required=False, allow_null=True, help_text="Needed with text."
    )


class SubmittedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    article = ArticleSerializer()


class RejectRequestSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=RejectReason.choices)
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=500, help_text="Needed with reason other."
    )

    def validate(self, data):
        if data["reason"] == RejectReason.OTHER and not data.get("note", "").strip():
            raise serializers.ValidationError({"note": "Say why, when the reason is Other."})
        return data


class EditRequestSerializer(serializers.Serializer):
    """The values to change before approving; a field left out keeps the proposed value.
    Cases, parties, the speaker and the proposal are named by their slugs."""

    occurred_on = serializers.DateField(required=False, validators=[validate_record_date])
    precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    kind = serializers.ChoiceField(choices=EntryKind.choices, required=False)
    summary = serializers.CharField(required=False)
    quote = serializers.CharField(required=False, allow_blank=True)
    speaker = serializers.SlugRelatedField(
        slug_field="slug", queryset=Party.objects.all(), required=False, allow_null=True
    )
    attribution = serializers.ChoiceField(choices=Attribution.choices, required=False)
    cases = serializers.SlugRelatedField(
        slug_field="slug", queryset=Case.objects.all(), many=True, required=False
    )
    parties = serializers.SlugRelatedField(
        slug_field="slug", queryset=Party.objects.all(), many=True, required=False
    )
    proposal = serializers.SlugRelatedField(
        slug_field="slug", queryset=Proposal.objects.all(), required=False, allow_null=True
    )

    def validate(self, data):
        if not data:
            raise serializers.ValidationError("Give at least one field to change.")
        return data


assert set(EditRequestSerializer().fields) == set(review.EDITABLE_FIELDS)


class ReviewedProposalSerializer(ProposedEntrySerializer):
    reviewed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta(ProposedEntrySerializer.Meta):
        fields = ProposedEntrySerializer.Meta.fields + ["reviewed_by", "edited_fields"]


class ReviewResultSerializer(serializers.Serializer):
    proposed_entry = ReviewedProposalSerializer()
    entry = EntrySerializer(allow_null=True, help_text="The timeline entry made; null if none.")


ERRORS = {
    400: OpenApiResponse(RefusalSerializer, description="Invalid input, or the action refused."),
    401: OpenApiResponse(RefusalSerializer, description="No valid token nor session."),
    403: OpenApiResponse(RefusalSerializer, description="Not an editor (or no CSRF token)."),
    429: OpenApiResponse(RefusalSerializer, description="Rate limited: see Retry-After."),
}
REVIEW_ERRORS = ERRORS | {
    404: OpenApiResponse(RefusalSerializer, description="No such proposed entry."),
    409: OpenApiResponse(RefusalSerializer, description="Reviewed already, by whom and when."),
}


# ---------------------------------------------------------------------------------------------
# Submitting


def _article(pk: int) -> Article:
    """The article as the articles endpoint shows it, with its pending proposals counted."""
    pending = Count("proposed_entries", filter=Q(proposed_entries__status=ReviewStatus.PENDING))
    return Article.objects.select_related("outlet").annotate(pending_proposals=pending).get(pk=pk)


@extend_schema(
    operation_id="articles_submit",
    tags=["articles (editors)"],
    summary="Submit an article: a URL to fetch, or pasted text",
    request=SubmitRequestSerializer,
    responses={
        201: OpenApiResponse(SubmittedSerializer, description="Queued for reading."),
        409: OpenApiResponse(SubmittedSerializer, description="Already submitted: that article."),
        **ERRORS,
    },
    examples=[
        OpenApiExample("A URL", value={"url": "https://news.example/griner"}, request_only=True),
        OpenApiExample(
            "Pasted text",
            value={
                "text": "Brittney Griner was detained at Sheremetyevo airport on Feb. 17.",
                "title": "Griner detained",
                "outlet_name": "Wire",
                "published_on": "2022-03-05",
            },
            request_only=True,
        ),
    ],
)
@api_view(["POST"])
@renderer_classes([JSONRenderer])  # no browsable page: its inline scripts break the CSP
@permission_classes([CanReview])
def submit(request: Request) -> Response:
    # The page's own form, so the API refuses exactly what the page refuses.
    form = SubmitForm(request.data if hasattr(request.data, "get") else {})
    limited = is_ratelimited(
        request, group="sources.submit", key="user", rate=SUBMIT_RATE, method="POST", increment=True
    )
    if limited:  # the same count as the page's: an editor's submissions, however made
        raise exceptions.Throttled(60, "Too many submissions in a short time; wait a minute.")
    if not form.is_valid():
        errors = {
            "non_field_errors" if name == "__all__" else name: messages
            for name, messages in form.errors.items()
        }
        raise exceptions.ValidationError(errors)
    try:
        result = ingest.submit_form(form.cleaned_data, user=request.user)
    except ValueError as error:  # ingest.InvalidSubmission: a URL or text it cannot take
        raise exceptions.ValidationError({"detail": f"Refused: {error}"}) from error
    body = {
        "detail": result.message,
        "article": ArticleSerializer(
            _article(result.article.pk), context={"request": request}
        ).data,
    }
    return Response(
        body, status=status.HTTP_201_CREATED if result.created else status.HTTP_409_CONFLICT
    )


# ---------------------------------------------------------------------------------------------
# Reviewing


def _result(request: Request, pk: int) -> Response:
    proposed = (
        ProposedEntry.objects.select_related(
            "article__outlet", "speaker", "proposal", "reviewed_by"
        )
        .prefetch_related("cases", "parties")
        .get(pk=pk)
    )
    entry = None
    if proposed.entry_id:
        entry = (
            type(proposed.entry)
            .objects.select_related("speaker", "proposal")
            .prefetch_related("cases", "parties", "citations__article__outlet")
            .get(pk=proposed.entry_id)
        )
    context = {"request": request}
    return Response(
        {
            "proposed_entry": ReviewedProposalSerializer(proposed, context=context).data,
            "entry": EntrySerializer(entry, context=context).data if entry else None,
        }
    )


def _refused(error: review.ReviewError) -> Response:
    code = status.HTTP_409_CONFLICT if isinstance(error, review.AlreadyReviewed) else 400
    return Response({"detail": str(error)}, status=code)


@extend_schema(
    operation_id="proposed_entries_approve",
    tags=["review (editors)"],
    summary="Approve a pending proposed entry as it stands",
    request=None,
    responses={200: ReviewResultSerializer, **REVIEW_ERRORS},
)
@api_view(["POST"])
@renderer_classes([JSONRenderer])  # no browsable page: its inline scripts break the CSP
@permission_classes([CanReview])
def approve(request: Request, pk: int) -> Response:
    get_object_or_404(ProposedEntry, pk=pk)
    try:
        review.approve(pk, by=request.user)
    except review.ReviewError as error:
        return _refused(error)
    return _result(request, pk)


@extend_schema(
    operation_id="proposed_entries_edit_approve",
    tags=["review (editors)"],
    summary="Change some of a pending proposed entry's values, then approve it",
    request=EditRequestSerializer,
    responses={200: ReviewResultSerializer, **REVIEW_ERRORS},
    examples=[
        OpenApiExample(
            "A corrected date and case",
            value={"occurred_on": "2022-02-17", "precision": "day", "cases": ["griner"]},
            request_only=True,
        )
    ],
)
@api_view(["POST"])
@renderer_classes([JSONRenderer])  # no browsable page: its inline scripts break the CSP
@permission_classes([CanReview])
def edit_approve(request: Request, pk: int) -> Response:
    get_object_or_404(ProposedEntry, pk=pk)
    changes = EditRequestSerializer(data=request.data)
    changes.is_valid(raise_exception=True)
    try:
        review.approve(pk, by=request.user, changes=changes.validated_data)
    except review.ReviewError as error:
        return _refused(error)
    return _result(request, pk)


@extend_schema(
    operation_id="proposed_entries_reject",
    tags=["review (editors)"],
    summary="Reject a pending proposed entry, with a reason",
    request=RejectRequestSerializer,
    responses={200: ReviewResultSerializer, **REVIEW_ERRORS},
    examples=[
        OpenApiExample("Wrong date", value={"reason": "wrong_date"}, request_only=True),
        OpenApiExample(
            "Other", value={"reason": "other", "note": "An opinion piece."}, request_only=True
        ),
    ],
)
@api_view(["POST"])
@renderer_classes([JSONRenderer])  # no browsable page: its inline scripts break the CSP
@permission_classes([CanReview])
def reject(request: Request, pk: int) -> Response:
    get_object_or_404(ProposedEntry, pk=pk)
    body = RejectRequestSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    try:
        review.reject(pk, by=request.user, **body.validated_data)
    except review.ReviewError as error:
        return _refused(error)
    return _result(request, pk)
