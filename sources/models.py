"""The inbox: where articles come from, what the machine proposes from them, and the citations
that tie the record to its sources."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from cases.dates import validate_record_date
from cases.models import (
    Case,
    DatePrecision,
    EntryKind,
    Party,
    Proposal,
    TimelineEntry,
    date_in_bounds,
)


class Outlet(models.Model):
    """A publisher of articles: CNN, Reuters, the State Department's press office."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    domain = models.CharField(max_length=200, blank=True, help_text="e.g. cnn.com")
    party = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outlets",
        help_text="The party the outlet is, when articles quote it as a source.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Feed(models.Model):
    """An RSS or Atom feed polled for new articles."""

    url = models.URLField(max_length=1000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    outlet = models.ForeignKey(
        Outlet, on_delete=models.SET_NULL, null=True, blank=True, related_name="feeds"
    )
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["title", "url"]

    def __str__(self) -> str:
        return self.title or self.url


class ArticleStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    FETCHING = "fetching", "Fetching"
    EXTRACTING = "extracting", "Extracting"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    DUPLICATE = "duplicate", "Duplicate"


class Article(models.Model):
    """One source article. Saved before any work is done on it, so a submission is never lost."""

    url = models.URLField(
        max_length=1000, null=True, blank=True, help_text="Canonical URL; empty for pasted text."
    )
    outlet = models.ForeignKey(
        Outlet, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    feed = models.ForeignKey(
        Feed, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    title = models.CharField(max_length=500, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published_on = models.DateField(null=True, blank=True, validators=[validate_record_date])
    language = models.CharField(max_length=10, blank=True, default="en")
    text = models.TextField(blank=True)
    content_hash = models.CharField(
        max_length=64, blank=True, db_index=True, help_text="SHA-256 of the normalised text."
    )
    fingerprint = models.BigIntegerField(
        null=True, blank=True, help_text="64-bit SimHash of the text."
    )
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )
    status = models.CharField(
        max_length=12, choices=ArticleStatus.choices, default=ArticleStatus.QUEUED
    )
    error = models.TextField(blank=True, help_text="Why fetching or extraction failed.")
    extractor_version = models.CharField(max_length=20, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    extracted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_on", "-created_at"]
        indexes = [
            models.Index(fields=["status", "status_changed_at"]),
            # Newest first, as the review queue sorts by default: walking this index the queue
            # finds its first pending proposals among the newest articles and stops, rather
            # than sorting every article. Descending puts an undated article first, as the
            # queue's order (and PostgreSQL's default for DESC) does.
            models.Index(
                fields=["-published_on", "-created_at", "id"], name="article_newest_first"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=Q(url__isnull=False), name="unique_article_url"
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=F("pk")), name="article_not_duplicate_of_itself"
            ),
            date_in_bounds("published_on", "article_published_on_in_bounds", nullable=True),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"Article {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("sources:article", args=[self.pk])


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    MERGED = "merged", "Merged"


class RejectReason(models.TextChoices):
    """Why an editor rejected a proposal: the desk's measure (/review/quality/) counts them, so
    the commonest errors of the extractor (a wrong date first) have reasons of their own."""

    WRONG_DATE = "wrong_date", "Wrong date"
    WRONG_KIND = "wrong_kind", "Wrong kind"
    WRONG_CASE = "wrong_case", "Wrong case or party"
    NOT_A_DEVELOPMENT = "not_development", "Not a development"
    DUPLICATE = "duplicate", "Duplicate of an entry"
    UNDATED = "undated", "No date in the text"
    OTHER = "other", "Other"


class ProposedEntry(models.Model):
    """What the extractor proposes from one article, waiting for an editor's review."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="proposed_entries")
    extractor_version = models.CharField(max_length=20)
    ordinal = models.PositiveIntegerField(help_text="Position among the article's candidates.")
    start = models.PositiveIntegerField(help_text="Start of the evidence in the article text.")
    end = models.PositiveIntegerField()
    evidence = models.TextField()
    occurred_on = models.DateField(validators=[validate_record_date])
    precision = models.CharField(
        max_length=12, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    date_basis = models.CharField(
        max_length=200, blank=True, help_text="The words that gave the date."
    )
    date_anchor = models.CharField(
        max_length=12,
        blank=True,
        help_text=(
            "What the date was counted from: calendar, publication, narrative (the last date "
            "told), sentence (the sentence's own date) or lead (the news day of the lead)."
        ),
    )
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    summary = models.TextField(blank=True)
    quote = models.TextField(blank=True)
    speaker = models.ForeignKey(
        Party, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cases = models.ManyToManyField(Case, related_name="proposed_entries", blank=True)
    parties = models.ManyToManyField(Party, related_name="proposed_entries", blank=True)
    proposal = models.ForeignKey(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confidence = models.FloatField()
    matched = models.JSONField(
        default=list, blank=True, help_text="The words that made this a candidate."
    )
    group = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_members",
        help_text="The first proposal about the same development, from another article.",
    )
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reject_reason = models.CharField(max_length=20, choices=RejectReason.choices, blank=True)
    reject_note = models.CharField(max_length=500, blank=True)
    edited_fields = models.JSONField(
        default=list, blank=True, help_text="The fields an editor changed before approving."
    )
    added_by_editor = models.BooleanField(
        default=False,
        help_text="A development the extractor missed, added by an editor from the article.",
    )
    entry = models.ForeignKey(
        TimelineEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_entries",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "ordinal"]
        verbose_name_plural = "proposed entries"
        permissions = [("review_proposedentry", "Can review proposed entries")]
        indexes = [
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["occurred_on"]),
            # The desk's measure (sources.quality) counts the proposals reviewed in a period:
            # a range on this column, among a million proposals reviewed over the years.
            models.Index(fields=["reviewed_at"], name="proposed_reviewed_at"),
            # The review queue reads the pending proposals only: a few thousand at most, in an
            # archive that grows without end. Partial indexes on those rows keep its queries
            # (and the counts beside it) as fast with a million reviewed proposals as with none.
            # In article order, for the default sort (newest article first) and the join the
            # queue makes from the proposals to their articles. It also holds every column the
            # queue filters on, so a filtered queue reads the pending rows from the index alone:
            # a million rows do not fit in memory, and fetching each pending row from the table
            # cost more than all the rest of the query.
            models.Index(
                fields=["article", "ordinal", "id", "group", "kind", "confidence", "occurred_on"],
                condition=Q(status=ReviewStatus.PENDING),
                name="proposed_pending_by_article",
            ),
            # In confidence order, for the "surest" and "most doubtful" sorts and the bands.
            models.Index(
                fields=["confidence"],
                condition=Q(status=ReviewStatus.PENDING),
                name="proposed_pending_confidence",
            ),
            # The pending ids and their groups alone: the counts (pending per case, in all) and
            # the test for a pending head can read this index without visiting the table.
            models.Index(
                fields=["id", "group"],
                condition=Q(status=ReviewStatus.PENDING),
                name="proposed_pending_ids",
            ),
        ]
        constraints = [
            # Extraction may be delivered twice; the second run must add nothing.
            models.UniqueConstraint(
                fields=["article", "extractor_version", "ordinal"],
                name="unique_proposed_entry_per_run",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="confidence_between_0_and_1",
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="evidence_span_not_empty"),
            date_in_bounds("occurred_on", "proposed_entry_occurred_on_in_bounds"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_kind_display()}: {self.evidence[:60]}"


class Citation(models.Model):
    """The article, and the sentence in it, that a timeline entry rests on."""

    entry = models.ForeignKey(TimelineEntry, on_delete=models.CASCADE, related_name="citations")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="citations")
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    evidence = models.TextField(blank=True)
    proposed_entry = models.ForeignKey(
        ProposedEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="citations"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "article"], name="unique_citation_per_article"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article} → {self.entry}"


class ReviewAction(models.Model):
    """The review desk's audit trail: one row per proposed entry an editor acted on, kept even
    when the action is undone (the undo is a row of its own)."""

    class Action(models.TextChoices):
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        MERGED = "merged", "Merged"
        UNDONE = "undone", "Undone"
        ADDED = "added", "Added by an editor"

    proposed_entry = models.ForeignKey(
        ProposedEntry, on_delete=models.CASCADE, related_name="review_actions"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    entry = models.ForeignKey(
        TimelineEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(
        max_length=500, blank=True, help_text="Reason, edits made, or what was undone."
    )

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["proposed_entry", "at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.by} at {self.at:%Y-%m-%d %H:%M}"
